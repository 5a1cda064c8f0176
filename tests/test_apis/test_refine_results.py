"""mmrefine.apis.refine_results: combining another model's masks with mmrefine's."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from PIL import Image

from mmrefine.apis.refine_results import box_consistent, check_results, fuse_masks, read_probability
from mmrefine.errors import InputError


def test_fuse_keeps_the_cascade_where_it_is_sure_and_the_input_elsewhere():
    prob = np.array([[0.05, 0.5, 0.95]] * 2, np.float32)
    mask = np.array([[1, 1, 1], [0, 0, 0]], bool)
    assert fuse_masks(mask, prob).tolist() == [[False, True, True], [False, False, True]]
    # the band's edges: the input keeps `low`, and `1 - low` is the cascade's
    edge = np.array([[0.2, 0.8]], np.float32)
    assert fuse_masks(np.ones((1, 2), bool), edge).tolist() == [[True, True]]
    assert fuse_masks(np.zeros((1, 2), bool), edge).tolist() == [[False, True]]
    with pytest.raises(ValueError, match='differ in size'):
        fuse_masks(mask, prob[:, :2])


def test_soft_input_keeps_its_probability_where_the_cascade_is_unsure():
    prob = np.array([[0.05, 0.5, 0.95]], np.float32)
    soft = np.array([[0.9, 0.3, 0.1]], np.float32)
    fused = fuse_masks(soft, prob)
    assert fused.dtype == np.float32 and fused.tolist() == [[0.0, pytest.approx(0.3), 1.0]]
    # a binary input given as 0.0 / 1.0 floats fuses exactly as the bool mask does
    binary = np.array([[1, 0, 0]], bool)
    assert np.array_equal(fuse_masks(binary.astype(np.float32), prob) >= 0.5, fuse_masks(binary, prob))


@pytest.mark.parametrize('mode, values, scale', [('L', [0, 128, 255], 255), ('I;16', [0, 30000, 65535], 65535),
                                                 ('1', [0, 1, 1], 1)])
def test_probability_maps_of_8_16_and_1_bit(tmp_path, mode, values, scale):
    arr = np.array([values, values[::-1]], np.uint16 if mode == 'I;16' else np.uint8)
    path = tmp_path / 'p.png'
    (Image.fromarray(arr.astype(bool)) if mode == '1' else Image.fromarray(arr)).save(path)
    prob = read_probability(str(path), 2, 3)
    assert prob.dtype == np.float32 and prob.shape == (2, 3)
    assert np.allclose(prob, arr / scale, atol=1e-6)


def test_bad_probability_maps_are_named(tmp_path):
    rgb = tmp_path / 'rgb.png'
    Image.fromarray(np.zeros((2, 3, 3), np.uint8)).save(rgb)
    corrupt = tmp_path / 'bad.png'
    corrupt.write_bytes(b'\x89PNG not really')
    gray = tmp_path / 'gray.png'
    Image.fromarray(np.zeros((2, 3), np.uint8)).save(gray)
    for path, message in [(rgb, 'one-channel 8- or 16-bit grayscale, got mode RGB'),
                          (corrupt, 'cannot read probability map'), (tmp_path / 'none.png', 'no such file'),
                          (gray, 'probability map is 2x3 but its image is 3x3')]:
        with pytest.raises(InputError, match=message) as err:
            read_probability(str(path), 3, 3)
        assert str(err.value).startswith(str(path)) and '\n' not in str(err.value)


def box_mask(shape, box):
    x0, y0, x1, y1 = box
    mask = np.zeros(shape, bool)
    mask[y0:y1, x0:x1] = True
    return mask


def test_a_mask_filling_its_box_is_consistent_and_one_short_of_a_side_is_not():
    box = (100, 50, 300, 250)  # 200 x 200: the tolerance is 4 px
    assert box_consistent(box_mask((400, 400), box), box)
    assert box_consistent(box_mask((400, 400), (104, 46, 296, 254)), box)  # 4 px in or out on every side
    assert not box_consistent(box_mask((400, 400), (105, 50, 300, 250)), box)  # left side 5 px short
    assert not box_consistent(box_mask((400, 400), (100, 50, 300, 256)), box)  # bottom 6 px past the box
    assert not box_consistent(np.zeros((400, 400), bool), box)  # empty


def test_only_the_mask_extent_counts_and_small_boxes_get_two_pixels():
    mask = np.zeros((60, 60), bool)
    mask[10, 10:30] = mask[10:20, 10] = True  # an L touching all four sides of a 20 x 10 box
    assert box_consistent(mask, (10, 10, 30, 20))
    assert box_consistent(mask, (8, 12, 32, 18))  # 2 px on each side: the floor for small boxes
    assert not box_consistent(mask, (7, 10, 30, 20))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 50), st.integers(0, 50), st.integers(5, 150), st.integers(5, 150), st.integers(0, 3),
       st.integers(0, 30))
def test_cutting_more_than_the_tolerance_off_any_side_is_inconsistent(x0, y0, w, h, side, extra):
    box = (x0, y0, x0 + w, y0 + h)
    full = box_mask((220, 220), box)
    assert box_consistent(full, box)
    cut = [x0, y0, x0 + w, y0 + h]
    tol = max(2, 0.02 * (w if side in (0, 2) else h))
    step = int(tol) + 1 + extra
    if side < 2:
        cut[side] += step
    else:
        cut[side] -= step
    if cut[2] > cut[0] and cut[3] > cut[1]:
        assert not box_consistent(box_mask((220, 220), cut), box)


COCO = dict(images=[dict(id=1, file_name='a.jpg', width=4, height=3)],
            annotations=[dict(id=7, image_id=1, bbox=[0, 0, 2, 2])])
_value = st.recursive(st.none() | st.booleans() | st.integers(0, 9) | st.text(max_size=3),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                      max_leaves=8)
_entry = st.fixed_dictionaries({}, optional=dict(id=st.sampled_from([7, 8]) | _value,
                                                 segmentation=st.fixed_dictionaries(
                                                     dict(size=st.sampled_from([[3, 4], [4, 3]]) | _value,
                                                          counts=_value)) | _value))


@settings(max_examples=300, deadline=None)
@given(_value | st.lists(_entry | _value, max_size=3))
def test_any_results_list_is_accepted_or_an_input_error(entries):
    try:
        by_id = check_results('res.json', entries, COCO, 'gt.json')
    except InputError as e:
        assert str(e).startswith(('res.json: ', 'gt.json: ')) and '\n' not in str(e)
        return
    assert set(by_id) <= {7}
    for e in by_id.values():  # what refining relies on
        seg = e['segmentation']
        assert isinstance(seg, list) or (isinstance(seg, dict) and seg['size'] == [3, 4] and 'counts' in seg)
