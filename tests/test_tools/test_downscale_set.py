import numpy as np

from ..helpers import disc, load_tool


def test_shrunk_mask_keeps_its_shape_and_gets_its_tight_box():
    tool = load_tool('analysis/downscale_set')
    mask = np.zeros((80, 120), bool)
    mask[20:60, 40:100] = True  # 40 x 60 px
    small, box = tool.shrink_mask(mask, (30, 20))  # / 4
    assert small.shape == (20, 30) and small.dtype == bool
    assert box == [10, 5, 15, 10] and small.sum() == 150
    round_small, round_box = tool.shrink_mask(disc(), (40, 30))
    assert round_box == [11, 6, 18, 18]  # the disc (r = 35 around (60, 80)) / 4, tight
    assert abs(round_small.sum() - disc().sum() / 16) < 10


def test_a_mask_smaller_than_a_shrunk_pixel_vanishes():
    tool = load_tool('analysis/downscale_set')
    mask = np.zeros((80, 120), bool)
    mask[10, 10] = True
    small, box = tool.shrink_mask(mask, (15, 10))
    assert box is None and not small.any()
