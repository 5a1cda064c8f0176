"""COCO instances read class-agnostically, one known box per annotation."""
import os.path as osp
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from ..errors import InputError
from ..utils import is_finite_number, is_integer, read_json

REQUIRED_IMAGE_FIELDS = ('id', 'file_name', 'width', 'height')
REQUIRED_ANN_FIELDS = ('id', 'image_id', 'bbox')


def load_coco_json(path: str) -> dict:
    """Read and check a COCO instances file; ``InputError`` names what is wrong.

    Checked: the ``images`` and ``annotations`` lists, and in each entry the
    fields mmrefine reads, with their types (integer ids, a ``file_name``
    string, positive integer ``width``/``height``, ``bbox`` of four finite numbers),
    and that no image or annotation id repeats.
    """
    coco = read_json(path)
    if not isinstance(coco, dict):
        raise InputError(f'{path}: expected a COCO object with "images" and "annotations"')
    for key in ('images', 'annotations'):
        if not isinstance(coco.get(key), list):
            raise InputError(f'{path}: missing field "{key}"')
    for i, img in enumerate(coco['images']):
        for field in REQUIRED_IMAGE_FIELDS:
            if not isinstance(img, dict) or field not in img:
                raise InputError(f'{path}: images[{i}] is missing field "{field}"')
        if not is_integer(img['id']):
            raise InputError(f'{path}: images[{i}]: field "id" must be an integer')
        if not isinstance(img['file_name'], str) or not img['file_name']:
            raise InputError(f'{path}: image id {img["id"]}: field "file_name" must be a file name')
        for field in ('width', 'height'):
            if not (is_integer(img[field]) and img[field] > 0):
                raise InputError(f'{path}: image id {img["id"]}: field "{field}" must be a positive integer')
    for i, ann in enumerate(coco['annotations']):
        for field in REQUIRED_ANN_FIELDS:
            if not isinstance(ann, dict) or field not in ann:
                raise InputError(f'{path}: annotations[{i}] is missing field "{field}"')
        if not is_integer(ann['id']):
            raise InputError(f'{path}: annotations[{i}]: field "id" must be an integer')
        if not is_integer(ann['image_id']):
            raise InputError(f'{path}: annotation id {ann["id"]}: field "image_id" must be an integer')
        box = ann['bbox']
        if not (isinstance(box, list) and len(box) == 4 and all(is_finite_number(v) for v in box)):
            raise InputError(f'{path}: annotation id {ann["id"]}: field "bbox" must be [x, y, w, h]')
    for key, what in (('images', 'image'), ('annotations', 'annotation')):
        seen = set()
        for entry in coco[key]:  # results answer annotations by id, so ids must be unique
            if entry['id'] in seen:
                raise InputError(f'{path}: {what} id {entry["id"]} appears twice')
            seen.add(entry['id'])
    return coco


def val_set_config(cfg, set_name: str) -> dict:
    """The dataset config named ``set_name`` in ``cfg.val_dataloader`` (a single dataset or a
    ``ConcatDataset``); ``InputError`` if there is none."""
    val = cfg.val_dataloader.dataset
    sets = [d for d in val.get('datasets', [val]) if d.get('set_name') == set_name]
    if not sets:
        raise InputError(f'{set_name}: no val dataset with this set_name in {cfg.filename}')
    return sets[0]


def anns_by_image(anns: Iterable[dict]) -> Dict[int, List[dict]]:
    """COCO annotations grouped by ``image_id``, each group in input order."""
    groups: Dict[int, List[dict]] = {}
    for ann in anns:
        groups.setdefault(ann['image_id'], []).append(ann)
    return groups


def held_out_part(cfg, set_name: str) -> Tuple[dict, str]:
    """The held-out part of the val set ``set_name`` of ``cfg`` (``val_set_config``): its COCO dict with only
    the held-out images and their non-crowd annotations, and the folder of its images."""
    set_cfg = val_set_config(cfg, set_name)
    coco = load_coco_json(osp.join(set_cfg['data_root'], set_cfg['ann_file']))
    images = [img for img in coco['images'] if is_val_image(img, set_cfg.get('val_every'), set_cfg.get('val_if'))]
    keep = {img['id'] for img in images}
    anns = [a for a in coco['annotations'] if a['image_id'] in keep and not a.get('iscrowd', 0)]
    return dict(coco, images=images, annotations=anns), osp.join(set_cfg['data_root'], set_cfg['data_prefix']['img'])


def is_val_image(img: dict, val_every: Optional[int] = None, val_if: Optional[Sequence] = None) -> bool:
    """Whether a COCO image entry belongs to the held-out part (see ``KnownBoxCocoDataset``)."""
    if val_every and img['id'] % val_every == 0:
        return True
    if val_if is not None:
        field, values = val_if
        return img.get(field) in values
    return False


@DATASETS.register_module()
class KnownBoxCocoDataset(BaseDetDataset):
    """COCO-format instance masks, all categories as one class ``object``.

    Every non-crowd annotation becomes one known box (its ``bbox``) with its
    mask; crowd regions are dropped. ``data_info['ann_ids']`` keeps the
    annotation ids in instance order, and ``set_name`` tags every sample so a
    metric can report per data set.

    Args:
        subset: ``'all'``, ``'train'`` or ``'val'``.
        val_every: image ids divisible by this go to ``'val'``.
        val_if: ``(field, values)``: images whose ``field`` is in ``values``
            go to ``'val'`` (e.g. DAVIS split by sequence).
        set_name: name reported by the metric (default: folder of ann_file).
        drop_composite: skip annotations flagged ``"composite": true`` (two
            objects labelled as one, e.g. DAVIS-2016's rider + motorbike);
            an image left without annotations is then empty.
    """

    METAINFO = dict(classes=('object', ), palette=[(220, 20, 60)])

    def __init__(self,
                 *args,
                 subset: str = 'all',
                 val_every: Optional[int] = None,
                 val_if: Optional[Sequence] = None,
                 set_name: Optional[str] = None,
                 drop_composite: bool = False,
                 **kwargs) -> None:
        if subset not in ('all', 'train', 'val'):
            raise ValueError(f"subset must be 'all', 'train' or 'val', got {subset!r}")
        self.subset = subset
        self.val_every = val_every
        self.val_if = val_if
        self._set_name = set_name
        self.drop_composite = drop_composite
        super().__init__(*args, **kwargs)

    @property
    def set_name(self) -> str:
        return self._set_name or osp.basename(osp.dirname(osp.abspath(self.ann_file)))

    def _is_val(self, img: dict) -> bool:
        return is_val_image(img, self.val_every, self.val_if)

    def load_data_list(self) -> List[dict]:
        coco = load_coco_json(self.ann_file)
        anns_of = anns_by_image(coco['annotations'])
        data_list = []
        for img in coco['images']:
            if self.subset != 'all' and self._is_val(img) != (self.subset == 'val'):
                continue
            instances, ann_ids = [], []
            for ann in anns_of.get(img['id'], []):
                if ann.get('iscrowd', 0) or (self.drop_composite and ann.get('composite')):
                    continue
                x, y, w, h = ann['bbox']
                if w <= 0 or h <= 0:
                    continue
                instance = dict(bbox=[x, y, x + w, y + h], bbox_label=0, ignore_flag=0)
                if ann.get('segmentation'):
                    instance['mask'] = ann['segmentation']
                instances.append(instance)
                ann_ids.append(ann['id'])
            data_list.append(dict(
                img_path=osp.join(self.data_prefix.get('img', ''), img['file_name']),
                img_id=img['id'], height=img['height'], width=img['width'],
                instances=instances, ann_ids=ann_ids, set_name=self.set_name, seg_map_path=None))
        return data_list

    def filter_data(self) -> List[dict]:
        """Drop images without instances when ``filter_cfg.filter_empty_gt``."""
        if self.test_mode or not (self.filter_cfg or {}).get('filter_empty_gt', False):
            return self.data_list
        return [d for d in self.data_list if d['instances']]
