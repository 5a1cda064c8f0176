"""Window placement, cutting and blending (mmrefine.models.refiners)."""
import numpy as np
import pytest
import torch
import torch.nn as nn

from mmrefine.evaluation import mask_iou
from mmrefine.models.refiners import (RefineSettings, blend_windows, boundary_band, crop_windows, refine_mask,
                                      scaled_crop, window_centres, window_weight)


def disc(h=120, w=160, cy=60, cx=80, r=35):
    yy, xx = np.mgrid[:h, :w]
    return (yy - cy) ** 2 + (xx - cx) ** 2 <= r ** 2


class EdgeOracle(nn.Module):
    """Stands in for a trained refiner: foreground = bright image pixels."""

    def __init__(self):
        super().__init__()
        self.data_preprocessor = nn.Module()  # no normalisation

    def _forward(self, x):
        fg = (x[:, 0:1] > 127).float() * 20 - 10
        return torch.cat([-fg, fg], dim=1)


def test_boundary_band_is_the_contour_not_the_image_border():
    mask = np.zeros((20, 30), bool)
    mask[5:15, 0:10] = True  # touches the left border
    band = boundary_band(mask, 1)
    assert band[10, 9] and band[10, 10] and not band[10, 5]
    assert not band[10, 0]  # the image edge is no boundary
    assert not boundary_band(np.ones((8, 8), bool)).any()


def test_windows_cover_every_band_pixel():
    band = boundary_band(disc(), 1)
    size, stride = 32, 16
    centres = window_centres(band, size, stride)
    covered = np.zeros_like(band)
    for y, x in centres:
        covered[max(0, y - size // 2):y + size // 2, max(0, x - size // 2):x + size // 2] = True
    assert covered[band].all()
    assert len(window_centres(band, size, stride, max_windows=3)) == 3
    assert window_centres(np.zeros((5, 5), bool), 8, 4).shape == (0, 2)


def test_crop_windows_pads_beyond_the_edges():
    arr = np.arange(20 * 30, dtype=np.float32).reshape(20, 30)
    wins = crop_windows(arr, np.array([[10, 15], [0, 0]]), 8, fill=-1)
    assert wins.shape == (2, 8, 8)
    np.testing.assert_array_equal(wins[0], arr[6:14, 11:19])
    assert (wins[1][:4] == -1).all() and (wins[1][:, :4] == -1).all()
    np.testing.assert_array_equal(wins[1][4:, 4:], arr[0:4, 0:4])
    with pytest.raises(ValueError):
        crop_windows(arr, np.array([[-1, 3]]), 8)


def test_window_weight_is_one_in_the_middle_and_fades_out():
    w = window_weight(16)
    assert w[8, 8] == 1 and w[0, 0] < 0.1 and np.allclose(w, w.T)


def test_perfect_mask_stays_perfect():
    gt = disc().astype(np.float32)
    centres = window_centres(boundary_band(gt), 32, 16)
    blended, cover = blend_windows(gt, crop_windows(gt, centres, 32), centres)
    np.testing.assert_allclose(blended, gt, atol=1e-6)
    assert cover[boundary_band(gt)].min() > 0.9
    # and through the whole refine path with an exact refiner
    image = np.where(disc()[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    out = refine_mask(EdgeOracle(), image, gt, [45, 25, 115, 95])
    assert mask_iou(out >= 0.5, disc()) == 1.0


def test_mask_shifted_by_two_pixels_improves_on_a_sharp_edge():
    gt = disc()
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    shifted = np.roll(gt, 2, axis=1)
    before = mask_iou(shifted, gt)
    out = refine_mask(EdgeOracle(), image, shifted.astype(np.float32), [45, 25, 115, 95],
                      RefineSettings(window=32, stride=16))
    after = mask_iou(out >= 0.5, gt)
    assert before < 0.96 and after > 0.99


def test_downscaled_crop_maps_back_to_full_resolution():
    gt = disc(600, 800, 300, 400, 250)
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    shifted = np.roll(gt, 3, axis=0)
    out = refine_mask(EdgeOracle(), image, shifted, [150, 50, 650, 550], RefineSettings(max_size=256))
    assert out.shape == gt.shape
    assert mask_iou(out >= 0.5, gt) > mask_iou(shifted, gt)


def test_scaled_crop_cuts_exactly_or_shrinks_to_the_long_side():
    image = np.arange(40 * 60 * 3, dtype=np.uint8).reshape(40, 60, 3)
    mask = disc(40, 60, 20, 30, 12)
    img_c, (mask_c, ), s = scaled_crop(image, [mask], (10, 5, 50, 35), max_size=64)
    assert s == 1 and np.array_equal(img_c, image[5:35, 10:50])
    assert mask_c.dtype == np.float32 and np.array_equal(mask_c, mask[5:35, 10:50])
    img_c, (mask_c, prob_c), s = scaled_crop(image, [mask, mask * 0.5], (0, 0, 60, 40), max_size=30)
    assert s == 0.5 and img_c.shape == (20, 30, 3) and mask_c.shape == prob_c.shape == (20, 30)
    assert np.allclose(prob_c, mask_c * 0.5) and 0 < mask_c.mean() < 1


def test_settings_reject_unknown_fields():
    assert RefineSettings.from_dict(dict(window=48, enabled=True)).window == 48
    with pytest.raises(ValueError, match='windwo'):
        RefineSettings.from_dict(dict(windwo=48))
