import numpy as np

from mmrefine.evaluation import mask_iou

from ..helpers import load_tool


def test_grid_mask_is_close_to_the_truth_and_shifted():
    tool = load_tool('analysis/other_model_masks')
    gt = np.zeros((120, 160), bool)
    yy, xx = np.mgrid[:120, :160]
    gt[(yy - 60) ** 2 + (xx - 80) ** 2 < 40 ** 2] = True
    unshifted = tool.grid_mask(gt, (40, 20, 120, 100), size=56, shift=0)
    assert mask_iou(unshifted, gt) > 0.95
    shifted = tool.grid_mask(gt, (40, 20, 120, 100), size=56, shift=1)
    assert np.array_equal(shifted[:, 1:], unshifted[:, :-1]) and not shifted[:, 0].any()
    coarse = tool.grid_mask(gt, (40, 20, 120, 100), size=4, shift=0)
    assert mask_iou(coarse, gt) < mask_iou(unshifted, gt)  # a coarser grid loses detail


def test_soft_grid_mask_is_a_probability_whose_half_level_is_the_binary_grid():
    tool = load_tool('analysis/other_model_masks')
    gt = np.zeros((120, 160), bool)
    gt[30:90, 50:110] = True
    gt[50:70, 70:90] = False  # a hole, to give the grid something to blur
    soft = tool.grid_mask(gt, (50, 30, 110, 90), size=28, shift=0, soft=True)
    assert soft.dtype == np.float32 and 0 <= soft.min() and soft.max() <= 1
    assert ((soft > 0) & (soft < 1)).any()  # soft near the boundary
    assert np.array_equal(soft >= 0.5, tool.grid_mask(gt, (50, 30, 110, 90), size=28, shift=0))
