"""Refining one mask: windows along its boundary, refined and blended back (mmrefine.models.refiners.refine)."""
import numpy as np
import pytest
import torch

from mmrefine.evaluation import mask_iou
from mmrefine.models.refiners import (RefineSettings, blend_windows, boundary_band, crop_windows, refine_mask,
                                      window_centres)

from ...helpers import EdgeOracle, disc


def test_perfect_mask_stays_perfect():
    gt = disc().astype(np.float32)
    centres = window_centres(boundary_band(gt), 32, 16)
    blended, cover = blend_windows(gt, crop_windows(gt, centres, 32), centres)
    np.testing.assert_allclose(blended, gt, atol=1e-6)
    assert cover[boundary_band(gt)].min() > 0.9
    # and through the whole refine path with an exact refiner
    image = np.where(disc()[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    out = refine_mask(EdgeOracle(), image, gt, [45, 25, 116, 96])
    assert mask_iou(out >= 0.5, disc()) == 1.0


def test_mask_shifted_by_two_pixels_improves_on_a_sharp_edge():
    gt = disc()
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    shifted = np.roll(gt, 2, axis=1)
    before = mask_iou(shifted, gt)
    out = refine_mask(EdgeOracle(), image, shifted.astype(np.float32), [45, 25, 116, 96],
                      RefineSettings(window=32, stride=16))
    after = mask_iou(out >= 0.5, gt)
    assert before < 0.96 and after > 0.99


def test_nothing_outside_the_box_survives_unless_asked():
    gt = disc()
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    box = [50, 30, 110, 90]  # cuts the disc (x 45-115, y 25-95): the box is what counts
    inside = np.zeros(gt.shape, bool)
    inside[30:90, 50:110] = True
    out = refine_mask(EdgeOracle(), image, gt.astype(np.float32), box)
    assert out[~inside].max() == 0 and mask_iou(out >= 0.5, gt & inside) == 1.0
    kept = refine_mask(EdgeOracle(), image, gt.astype(np.float32), box, RefineSettings(clip_to_box=False))
    assert (kept[~inside] >= 0.5).sum() > 0
    assert refine_mask(EdgeOracle(), image, gt.astype(np.float32), [400, 300, 500, 400]).max() == 0  # off the image


def test_downscaled_crop_maps_back_to_full_resolution():
    gt = disc(600, 800, 300, 400, 250)
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    shifted = np.roll(gt, 3, axis=0)
    out = refine_mask(EdgeOracle(), image, shifted, [150, 50, 650, 550], RefineSettings(max_size=256))
    assert out.shape == gt.shape
    assert mask_iou(out >= 0.5, gt) > mask_iou(shifted, gt)


def test_settings_reject_unknown_fields():
    assert RefineSettings.from_dict(dict(window=48, enabled=True)).window == 48
    with pytest.raises(ValueError, match='windwo'):
        RefineSettings.from_dict(dict(windwo=48))


class InputRecorder(EdgeOracle):
    """An ``EdgeOracle`` that keeps every input batch ``(K, C, S, S)`` it is shown."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def _forward(self, x):
        self.seen.append(x.clone())
        return super()._forward(x)


def test_enlarged_small_crop_maps_back_to_full_resolution():
    gt = disc(60, 80, 30, 40, 8)
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    shifted = np.roll(gt, 1, axis=1)
    recorder = InputRecorder()
    out = refine_mask(recorder, image, shifted, [32, 22, 49, 39], RefineSettings(window=32, stride=16, min_size=96))
    assert out.shape == gt.shape and out.dtype == np.float32
    assert recorder.seen and recorder.seen[0].shape[-1] == 32
    assert mask_iou(out >= 0.5, gt) > mask_iou(shifted, gt)
    # outside the box + margin the coarse mask is kept as it was
    assert np.array_equal(out[:, :20] >= 0.5, shifted[:, :20])


def test_binary_input_shows_the_half_level_and_keeps_the_probability_elsewhere():
    gt = disc()
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    soft = np.where(gt, 0.9, 0.1).astype(np.float32)
    soft[:, 12:22] = 0.4  # unsure, but more than a window away from the 0.5 contour (x >= 45)
    box = [10, 5, 150, 115]
    windows = {}
    for binary in (False, True):
        net = InputRecorder()
        out = refine_mask(net, image, soft, box, RefineSettings(window=32, stride=16, binary_input=binary))
        values = np.unique(np.concatenate([s[:, 3].numpy().ravel() for s in net.seen]))  # the coarse channel
        windows[binary] = sum(len(s) for s in net.seen)
        assert (set(values.tolist()) <= {0.0, 255.0}) == binary  # the refiner sees 0 / 1 only when binary
        assert mask_iou(out >= 0.5, gt) == 1.0
    assert windows[True] < windows[False]  # the unsure strip gets no windows of its own
    # pixels no window reached keep their probability, for the GrabCut step
    assert np.allclose(out[5:115, 12:22], 0.4)  # (rows 5-114: the box)


def test_others_is_a_fifth_channel_of_the_other_objects_half_level():
    gt = disc(r=30)
    image = np.where(gt[..., None], 230, 20).astype(np.uint8).repeat(3, axis=2)
    neighbour = disc(cx=125, r=30) & ~gt  # touches the object on its right
    box = [45, 25, 116, 96]
    for others, expect in ((None, False), (neighbour, True)):
        net = InputRecorder()
        out = refine_mask(net, image, gt.astype(np.float32), box, RefineSettings(window=32, others=True),
                          others=others)
        x = torch.cat(net.seen)
        assert x.shape[1] == 5 and set(np.unique(x[:, 4].numpy()).tolist()) <= {0.0, 255.0}
        assert bool((x[:, 4] > 0).any()) == expect  # a lone object shows an empty channel
        assert mask_iou(out >= 0.5, gt) == 1.0
    net = InputRecorder()
    refine_mask(net, image, gt.astype(np.float32), box, RefineSettings(window=32), others=neighbour)
    assert torch.cat(net.seen).shape[1] == 4  # ignored unless the settings ask for it
