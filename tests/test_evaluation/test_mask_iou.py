import numpy as np
import pytest

from mmrefine.evaluation import boundary_iou, boundary_width, mask_boundary, mask_iou


def test_mask_iou_hand_computed():
    a = np.zeros((4, 4), bool)
    b = np.zeros((4, 4), bool)
    a[0:2, 0:2] = True  # 4 px
    b[0:2, 1:3] = True  # 4 px, 2 shared
    assert mask_iou(a, b) == pytest.approx(2 / 6)
    assert mask_iou(a, a) == 1.0
    assert mask_iou(a, ~a) == 0.0


def test_mask_iou_both_empty_is_perfect():
    z = np.zeros((3, 3), bool)
    assert mask_iou(z, z) == 1.0


def test_boundary_width_follows_diagonal():
    assert boundary_width(300, 400) == 10  # 0.02 * 500
    assert boundary_width(10, 10) == 1  # never below one pixel


def test_mask_boundary_band_of_one_pixel():
    m = np.zeros((7, 7), bool)
    m[1:6, 1:6] = True
    band = mask_boundary(m, 1)
    expected = m.copy()
    expected[2:5, 2:5] = False  # the 5x5 square minus its 3x3 interior
    assert np.array_equal(band, expected)


def test_mask_boundary_counts_image_edge_as_background():
    m = np.ones((5, 5), bool)
    band = mask_boundary(m, 1)
    assert band[0].all() and band[:, 0].all() and not band[2, 2]


def test_boundary_iou_hand_computed():
    # 10x10 image: d = max(1, round(0.02 * 14.1)) = 1
    gt = np.zeros((10, 10), bool)
    gt[2:8, 2:8] = True  # band: 36 - 16 = 20 px
    pred = np.zeros((10, 10), bool)
    pred[2:8, 3:9] = True  # same square shifted right by one
    g, p = mask_boundary(gt, 1), mask_boundary(pred, 1)
    inter, union = (g & p).sum(), (g | p).sum()
    assert (g.sum(), p.sum()) == (20, 20)
    # shared: rows 2 and 7 at x = 3..7 (5 each); the side columns (2, 7 vs 3, 8) never meet
    assert (inter, union) == (10, 30)
    assert boundary_iou(pred, gt) == pytest.approx(1 / 3)
    assert boundary_iou(gt, gt) == 1.0


def test_boundary_iou_is_stricter_than_iou_for_a_shift():
    gt = np.zeros((200, 200), bool)
    gt[50:150, 50:150] = True
    pred = np.roll(gt, 3, axis=1)
    assert boundary_iou(pred, gt) < mask_iou(pred, gt)
