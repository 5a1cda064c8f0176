import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


_cell = st.sampled_from(['', 'nan', 'inf', '-1', '0', '0.5', '1', '2', 'x', ' ', '"', '/m/04_sv', 'aa00']) | st.text(
    max_size=4)


# motorcycle rows of an image of the layout whose mask path and box cells are anything (or missing)
_row = st.builds(lambda mask, image, box: [mask, image, '/m/04_sv', '9'] + box,
                 st.sampled_from(['aa00_04_sv_00000000.png', '']) | _cell, st.sampled_from(['aa00', 'bb11']),
                 st.lists(_cell, max_size=4))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_row | st.lists(_cell, max_size=10), min_size=1, max_size=3))
def test_any_csv_rows_load_or_are_an_input_error(tmp_path, rows):
    make_layout(tmp_path)
    csv_path = tmp_path / 'validation-annotations-object-segmentation.csv'
    with open(csv_path, 'a', encoding='utf-8') as f:
        for row in rows:
            f.write(','.join(row) + '\n')
    try:
        ds = OpenImagesMotorcycleDataset(data_root=str(tmp_path), pipeline=[])
    except InputError as e:
        assert '\n' not in str(e)
        return
    for info in ds:
        for inst in info['instances']:
            assert all(np.isfinite(inst['bbox'])) and inst['bbox'][2] > inst['bbox'][0]


def test_csv_that_is_not_utf8_is_named(tmp_path):
    make_layout(tmp_path)
    csv_path = tmp_path / 'validation-annotations-object-segmentation.csv'
    csv_path.write_bytes(csv_path.read_bytes() + b'\xff\xfe,\x80\n')
    with pytest.raises(InputError, match='segmentation.csv: not a UTF-8 CSV file'):
        OpenImagesMotorcycleDataset(data_root=str(tmp_path), pipeline=[])
