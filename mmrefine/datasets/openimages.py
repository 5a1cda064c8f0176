"""Open Images V5+ instance segmentation layout, one class at a time."""
import csv
import os.path as osp
from typing import Dict, List, Optional

import numpy as np
from PIL import Image
from pycocotools import mask as mask_utils

from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from ..errors import InputError
from ..utils import is_finite_number

SEG_FIELDS = ('MaskPath', 'ImageID', 'LabelName', 'BoxXMin', 'BoxXMax', 'BoxYMin', 'BoxYMax')


def read_csv(path: str, required: tuple = ()) -> List[Dict[str, str]]:
    """Rows of a CSV with a header; ``InputError`` if a required column is missing."""
    try:
        with open(path, newline='', encoding='utf-8') as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f'{path}: missing field "{missing[0]}"')
            return list(reader)
    except OSError as err:
        raise InputError(f'{path}: cannot read ({err.strerror})') from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputError(f'{path}: not a UTF-8 CSV file ({err})') from None


def class_label_name(descriptions_csv: str, class_name: str) -> str:
    """Machine id (``/m/...``) of a class given by display name or id."""
    try:
        with open(descriptions_csv, newline='', encoding='utf-8') as f:
            rows = [r for r in csv.reader(f) if r]
    except OSError as err:
        raise InputError(f'{descriptions_csv}: cannot read ({err.strerror})') from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputError(f'{descriptions_csv}: not a UTF-8 CSV file ({err})') from None
    for row in rows:
        if len(row) >= 2 and (row[1].lower() == class_name.lower() or row[0] == class_name):
            return row[0]
    raise InputError(f'{descriptions_csv}: no class named "{class_name}"')


@DATASETS.register_module()
class OpenImagesMotorcycleDataset(BaseDetDataset):
    """Open Images instance masks of one class (Motorcycle by default).

    Reads ``<data_root>/<split>-annotations-object-segmentation.csv``, the
    images in ``<data_root>/<split>/<ImageID>.jpg``, the mask PNGs in
    ``<data_root>/<split>-masks/`` and ``class-descriptions-boxable.csv``.
    Boxes are the CSV's normalised boxes scaled to the image; masks (stored
    at their own resolution) are resized to the image and kept as COCO RLE.

    Args:
        data_root: folder of the layout.
        split: ``'train'``, ``'validation'`` or ``'test'``.
        class_name: display name (``'Motorcycle'``) or id (``'/m/04_sv'``).
        subset, val_every: as in ``KnownBoxCocoDataset``, by image order.
    """

    METAINFO = dict(classes=('object', ), palette=[(220, 20, 60)])

    def __init__(self,
                 data_root: str,
                 split: str = 'validation',
                 class_name: str = 'Motorcycle',
                 subset: str = 'all',
                 val_every: Optional[int] = None,
                 set_name: Optional[str] = None,
                 pipeline: Optional[list] = None,
                 **kwargs) -> None:
        self.split = split
        self.class_name = class_name
        self.subset = subset
        self.val_every = val_every
        self.set_name = set_name or f'openimages-{class_name.lower()}'
        kwargs.setdefault('ann_file', f'{split}-annotations-object-segmentation.csv')
        kwargs.setdefault('data_prefix', dict(img=split, seg=f'{split}-masks'))
        super().__init__(data_root=data_root, pipeline=pipeline or [], **kwargs)

    def load_data_list(self) -> List[dict]:
        label = class_label_name(osp.join(self.data_root, 'class-descriptions-boxable.csv'), self.class_name)
        rows = [r for r in read_csv(self.ann_file, SEG_FIELDS) if r['LabelName'] == label]
        by_image: Dict[str, List[dict]] = {}
        for row in rows:
            by_image.setdefault(row['ImageID'], []).append(row)
        data_list = []
        for index, image_id in enumerate(sorted(by_image)):
            if self.subset != 'all' and self.val_every:
                if (index % self.val_every == 0) != (self.subset == 'val'):
                    continue
            img_path = osp.join(self.data_prefix['img'], f'{image_id}.jpg')
            try:
                with Image.open(img_path) as im:
                    width, height = im.size
            except (OSError, ValueError):
                raise InputError(f'{img_path}: cannot read image') from None
            instances, ann_ids = [], []
            for row in by_image[image_id]:
                x0, y0, x1, y1 = self._box(row, width, height)
                if x1 <= x0 or y1 <= y0:
                    continue
                mask = self._load_mask(osp.join(self.data_prefix['seg'], row['MaskPath']), width, height)
                instances.append(dict(bbox=[x0, y0, x1, y1], bbox_label=0, ignore_flag=0, mask=mask))
                ann_ids.append(row['MaskPath'])
            data_list.append(dict(img_path=img_path, img_id=image_id, height=height, width=width,
                                  instances=instances, ann_ids=ann_ids, set_name=self.set_name,
                                  seg_map_path=None))
        return data_list

    def _box(self, row: Dict[str, str], width: int, height: int) -> List[float]:
        """The row's normalised box in pixels, ``[x0, y0, x1, y1]``; ``InputError`` unless four finite numbers."""
        try:
            box = [float(row[f]) for f in ('BoxXMin', 'BoxYMin', 'BoxXMax', 'BoxYMax')]
        except (TypeError, ValueError):  # TypeError: a short row (None)
            box = []
        if len(box) != 4 or not all(is_finite_number(v) for v in box) or not row['MaskPath']:
            raise InputError(f'{self.ann_file}: mask {row["MaskPath"]!r} of image {row["ImageID"]}: '
                             'BoxXMin/BoxYMin/BoxXMax/BoxYMax must be numbers and MaskPath a file name')
        return [box[0] * width, box[1] * height, box[2] * width, box[3] * height]

    @staticmethod
    def _load_mask(path: str, width: int, height: int) -> dict:
        """Mask PNG resized (nearest) to the image, as COCO RLE with str counts."""
        try:
            with Image.open(path) as im:
                im = im.convert('L')
                if im.size != (width, height):
                    im = im.resize((width, height), Image.NEAREST)
                mask = np.asarray(im) > 127
        except (OSError, ValueError):
            raise InputError(f'{path}: cannot read mask') from None
        rle = mask_utils.encode(np.asfortranarray(mask.astype(np.uint8)))
        rle['counts'] = rle['counts'].decode('utf-8')
        return rle
