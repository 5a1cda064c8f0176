"""Simulated coarse masks for the refiner's training (mmrefine.datasets.transforms.coarse_mask)."""
import numpy as np
import pytest

from mmrefine.datasets.transforms import degrade_mask
from mmrefine.evaluation import mask_iou
from mmrefine.testing import make_scene


@pytest.mark.parametrize('mode', ['lowres', 'morph', 'poly', 'noise', 'blur', 'shift', 'fine'])
def test_each_degradation_is_plausible(mode):
    _, masks = make_scene(3, (200, 160), 1)
    gt = masks[0].astype(np.uint8)
    scores = []
    for seed in range(5):
        coarse = degrade_mask(gt, np.random.default_rng(seed), [mode])
        assert coarse.shape == gt.shape and coarse.dtype == np.float32
        assert 0 <= coarse.min() and coarse.max() <= 1
        scores.append(mask_iou(coarse >= 0.5, gt.astype(bool)))
    assert 0.3 < np.mean(scores) < 1.0  # degraded, but still the same object


def test_fine_degradation_is_nearly_right():
    _, masks = make_scene(3, (200, 160), 1)
    gt = masks[0].astype(np.uint8)
    scores = [mask_iou(degrade_mask(gt, np.random.default_rng(seed), ['fine']) >= 0.5, gt.astype(bool))
              for seed in range(12)]
    assert min(scores) > 0.9
    assert np.mean(scores) > max(np.mean([mask_iou(degrade_mask(gt, np.random.default_rng(seed), [mode]) >= 0.5,
                                                   gt.astype(bool)) for seed in range(12)])
                                 for mode in ['morph', 'poly', 'noise', 'blur', 'shift'])
