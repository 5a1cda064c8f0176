"""mmrefine.utils.masks: mask_extent, clear_outside_box."""
import numpy as np
import torch

from mmrefine.utils import clear_outside_box, mask_extent


def test_extent_is_exclusive_box_of_the_nonzero_pixels():
    mask = np.zeros((10, 20), np.uint8)
    mask[2:5, 7] = 1
    mask[4, 3:9] = 255
    assert mask_extent(mask) == (3, 2, 9, 5)
    assert mask_extent(np.ones((4, 6), bool)) == (0, 0, 6, 4)


def test_empty_mask_has_no_extent():
    assert mask_extent(np.zeros((5, 5), bool)) is None


def test_clear_outside_box_keeps_every_pixel_the_box_touches():
    mask = np.ones((6, 8), np.uint8)
    assert clear_outside_box(mask, [1.5, 1.0, 4.0, 3.2]) is mask  # in place
    expected = np.zeros((6, 8), np.uint8)
    expected[1:4, 1:4] = 1  # x 1.5..4 touches columns 1-3; y 1..3.2 rows 1-3
    assert np.array_equal(mask, expected)


def test_clear_outside_box_takes_tensor_stacks_and_boxes_past_the_image():
    masks = torch.ones(2, 5, 6)
    clear_outside_box(masks, torch.tensor([-3.0, -2.0, 2.0, 9.0]))
    assert masks[:, :, :2].min() == 1 and masks[:, :, 2:].max() == 0
    assert clear_outside_box(torch.ones(5, 6, dtype=torch.bool), [10, 10, 12, 12]).sum() == 0
