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


def test_soft_prob_zero_gives_binary_masks_and_one_soft_ones():
    from mmrefine.datasets.transforms import SimulateCoarseMask
    _, masks = make_scene(3, (200, 160), 1)
    gt = masks[0].astype(np.uint8)
    modes = ['morph', 'poly', 'noise', 'blur', 'shift']

    def coarse(soft_prob, seed, real=None):
        results = dict(gt_seg_map=gt, sample_idx=seed)
        if real is not None:
            results['coarse_mask'] = real
        return SimulateCoarseMask(modes, real_prob=1.0 if real is not None else 0.0, soft_prob=soft_prob,
                                  deterministic=True).transform(results)['coarse']

    def is_binary(m):
        return np.isin(m, (0.0, 1.0)).all()

    for seed in range(6):
        assert is_binary(coarse(0.0, seed)) and is_binary(coarse(0.0, seed, real=gt))
        assert not is_binary(coarse(1.0, seed)) and not is_binary(coarse(1.0, seed, real=gt))
