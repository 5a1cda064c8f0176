import csv
import os

import cv2
import numpy as np
import pytest
from pycocotools import mask as mask_utils

from mmrefine.datasets import OpenImagesMotorcycleDataset
from mmrefine.errors import InputError
from mmrefine.testing import make_scene

FIELDS = ['MaskPath', 'ImageID', 'LabelName', 'BoxID', 'BoxXMin', 'BoxXMax', 'BoxYMin', 'BoxYMax',
          'PredictedIoU', 'Clicks']


def make_layout(root, fields=FIELDS):
    """Two images: one with a motorcycle and a horse, one with a motorcycle; masks at half resolution."""
    os.makedirs(root / 'validation', exist_ok=True)
    os.makedirs(root / 'validation-masks', exist_ok=True)
    (root / 'class-descriptions-boxable.csv').write_text('/m/04_sv,Motorcycle\n/m/03k3r,Horse\n')
    rows, masks = [], {}
    for i, image_id in enumerate(['aa00', 'bb11']):
        image, objs = make_scene(i, (200, 100), num_objects=2)
        cv2.imwrite(str(root / 'validation' / f'{image_id}.jpg'), image)
        for j, (label, mask) in enumerate(zip(['/m/04_sv', '/m/03k3r' if i == 0 else '/m/04_sv'], objs)):
            name = f'{image_id}_{label[3:].replace("/", "")}_{j:08x}.png'
            small = cv2.resize(mask.astype(np.uint8) * 255, (100, 50), interpolation=cv2.INTER_NEAREST)
            cv2.imwrite(str(root / 'validation-masks' / name), small)
            ys, xs = np.nonzero(mask)
            rows.append(dict(MaskPath=name, ImageID=image_id, LabelName=label, BoxID=f'{j:08x}',
                             BoxXMin=xs.min() / 200, BoxXMax=(xs.max() + 1) / 200,
                             BoxYMin=ys.min() / 100, BoxYMax=(ys.max() + 1) / 100, PredictedIoU='', Clicks=''))
            masks[name] = mask
    with open(root / 'validation-annotations-object-segmentation.csv', 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction='ignore')
        writer.writeheader()
        writer.writerows(rows)
    return masks


def test_defaults_read_motorcycles(tmp_path):
    masks = make_layout(tmp_path)
    ds = OpenImagesMotorcycleDataset(data_root=str(tmp_path), split='validation', pipeline=[])
    assert len(ds) == 2
    first, second = ds.get_data_info(0), ds.get_data_info(1)
    assert (first['width'], first['height']) == (200, 100)
    assert len(first['instances']) == 1 and len(second['instances']) == 2  # the horse is skipped
    inst = first['instances'][0]
    mask = mask_utils.decode(inst['mask']).astype(bool)
    gt = masks[first['ann_ids'][0]]
    assert mask.shape == (100, 200)
    assert (mask & gt).sum() / (mask | gt).sum() > 0.9  # half-resolution PNG resized back
    x0, y0, x1, y1 = inst['bbox']
    ys, xs = np.nonzero(gt)
    assert (x0, y0, x1, y1) == pytest.approx((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))


def test_any_class_by_name(tmp_path):
    make_layout(tmp_path)
    ds = OpenImagesMotorcycleDataset(data_root=str(tmp_path), class_name='Horse', pipeline=[])
    assert len(ds) == 1 and len(ds.get_data_info(0)['instances']) == 1


def test_unknown_class_is_a_clear_error(tmp_path):
    make_layout(tmp_path)
    with pytest.raises(InputError, match='no class named "Unicorn"'):
        OpenImagesMotorcycleDataset(data_root=str(tmp_path), class_name='Unicorn', pipeline=[])


def test_missing_csv_field_is_named(tmp_path):
    make_layout(tmp_path, fields=[f for f in FIELDS if f != 'BoxXMax'])
    with pytest.raises(InputError, match='missing field "BoxXMax"'):
        OpenImagesMotorcycleDataset(data_root=str(tmp_path), pipeline=[])
