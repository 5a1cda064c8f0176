"""mmrefine.utils.masks.mask_extent."""
import numpy as np

from mmrefine.utils import mask_extent


def test_extent_is_exclusive_box_of_the_nonzero_pixels():
    mask = np.zeros((10, 20), np.uint8)
    mask[2:5, 7] = 1
    mask[4, 3:9] = 255
    assert mask_extent(mask) == (3, 2, 9, 5)
    assert mask_extent(np.ones((4, 6), bool)) == (0, 0, 6, 4)


def test_empty_mask_has_no_extent():
    assert mask_extent(np.zeros((5, 5), bool)) is None
