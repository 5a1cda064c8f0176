import numpy as np
import pytest
from pycocotools import mask as mask_utils

from mmrefine.datasets import OpenImagesMotorcycleDataset
from mmrefine.errors import InputError
from mmrefine.testing import make_openimages_layout
from mmrefine.testing.synthetic import OPENIMAGES_FIELDS

FIELDS = list(OPENIMAGES_FIELDS)


def make_layout(root, fields=FIELDS):
    """Two images: one with a motorcycle and a horse, one with a motorcycle; masks at half resolution."""
    return make_openimages_layout(str(root), fields=fields)


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
