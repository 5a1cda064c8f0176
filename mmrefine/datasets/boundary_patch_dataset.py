"""One sample per object instance, for training the patch refiner (mmseg side)."""
import os.path as osp
from typing import Dict, List, Optional, Sequence

from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from ..errors import InputError
from ..utils import read_json
from .known_box_coco import anns_by_image, is_val_image, load_coco_json


def load_coarse_masks(path: str, coco: dict, coco_path: str) -> Dict[int, dict]:
    """``{annotation id: segmentation}`` of a COCO results list of coarse masks
    (``BoundaryPatchDataset.coarse_file``) answering the annotations of ``coco``;
    ``InputError`` naming the file if it is missing or fails ``check_results``."""
    from ..apis.refine_results import check_results  # the tools' own check of a results list
    if not osp.isfile(path):
        raise InputError(f'{path}: coarse masks not found (tools/predict.py --coco ... --no-refine makes them: '
                         'MODEL_CARD.md, "How the refiner was trained")')
    by_id = check_results(path, read_json(path), coco, coco_path)
    return {ann_id: entry['segmentation'] for ann_id, entry in by_id.items()}


@DATASETS.register_module()
class BoundaryPatchDataset(BaseSegDataset):
    """Instances of a COCO-format set; the pipeline turns each into a boundary window.

    Each sample carries ``img_path``, the instance's ``bbox`` (xyxy) and
    ``mask`` (its COCO segmentation); ``LoadInstanceCrop``,
    ``SimulateCoarseMask`` and ``SampleBoundaryWindow`` make the refiner's
    4-channel input and target from them. Crowd and empty annotations, and
    objects smaller than ``min_size`` pixels on a side, are skipped.

    Args:
        ann_file: COCO instances JSON (relative to ``data_root``).
        data_prefix: ``dict(img_path='images/')``.
        subset, val_every, val_if: held-out split, as ``KnownBoxCocoDataset``.
        set_name: name of the set (default: the folder of ``ann_file``).
        min_size: smallest box side kept, pixels.
        coarse_file: optional COCO results list (``"id"`` = annotation id) of a
            model's masks for these images, e.g. from ``tools/predict.py
            --no-refine``; passed on as ``coarse_segmentation`` so training can
            use real coarse masks (``SimulateCoarseMask(real_prob=...)``).

    Each sample also lists the image's other objects (``other_masks`` and,
    with ``coarse_file``, ``other_coarse``) for refiners that see them.
    """

    METAINFO = dict(classes=('background', 'object'), palette=[[0, 0, 0], [220, 20, 60]])

    def __init__(self,
                 ann_file: str,
                 data_prefix: dict = dict(img_path='images/'),
                 subset: str = 'all',
                 val_every: Optional[int] = None,
                 val_if: Optional[Sequence] = None,
                 set_name: Optional[str] = None,
                 min_size: int = 8,
                 coarse_file: Optional[str] = None,
                 **kwargs) -> None:
        if subset not in ('all', 'train', 'val'):
            raise ValueError(f"subset must be 'all', 'train' or 'val', got {subset!r}")
        self.subset = subset
        self.val_every = val_every
        self.val_if = val_if
        self.set_name = set_name
        self.min_size = min_size
        self.coarse_file = coarse_file
        super().__init__(ann_file=ann_file, data_prefix=data_prefix, **kwargs)

    def load_data_list(self) -> List[dict]:
        coco = load_coco_json(self.ann_file)
        set_name = self.set_name or osp.basename(osp.dirname(osp.abspath(self.ann_file)))
        images = {img['id']: img for img in coco['images']}
        coarse = {}
        if self.coarse_file:
            path = self.coarse_file if osp.isabs(self.coarse_file) or self.data_root is None \
                else osp.join(self.data_root, self.coarse_file)
            coarse = load_coarse_masks(osp.normpath(path), coco, self.ann_file)
        kept = [a for a in coco['annotations']
                if a['image_id'] in images and not a.get('iscrowd', 0) and a.get('segmentation')]
        per_image = anns_by_image(kept)
        data_list = []
        for ann in kept:
            img = images[ann['image_id']]
            if self.subset != 'all' and is_val_image(img, self.val_every, self.val_if) != (self.subset == 'val'):
                continue
            x, y, w, h = ann['bbox']
            if min(w, h) < self.min_size:
                continue
            data_list.append(dict(img_path=osp.join(self.data_prefix.get('img_path', ''), img['file_name']),
                                  bbox=[x, y, x + w, y + h], mask=ann['segmentation'], ann_id=ann['id'],
                                  set_name=set_name, seg_fields=[], reduce_zero_label=False,
                                  label_map=self.label_map, coarse_segmentation=coarse.get(ann['id']),
                                  **self._other_objects(ann, per_image[ann['image_id']], coarse)))
        return data_list

    @staticmethod
    def _other_objects(ann: dict, image_anns: List[dict], coarse: dict) -> dict:
        """The segmentations of the image's other objects (``other_masks``) and their coarse masks
        (``other_coarse``; None unless every one has a coarse mask), for ``LoadInstanceCrop(others=True)``."""
        others = [a for a in image_anns if a['id'] != ann['id']]
        other_coarse = [coarse.get(a['id']) for a in others]
        return dict(other_masks=[a['segmentation'] for a in others],
                    other_coarse=other_coarse if all(c is not None for c in other_coarse) else None)

