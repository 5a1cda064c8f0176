"""KeepOriginalImage and KeepOriginalMasks: full-resolution copies survive Resize."""
import numpy as np
from mmcv.transforms import Compose
from mmdet.structures.mask import BitmapMasks

import mmrefine  # noqa: F401  (registers the transforms)


def _results():
    masks = np.zeros((2, 40, 60), np.uint8)
    masks[0, 5:20, 5:30] = 1
    masks[1, 25:35, 40:55] = 1
    return dict(img=np.random.default_rng(0).integers(0, 255, (40, 60, 3), dtype=np.uint8),
                img_shape=(40, 60), gt_masks=BitmapMasks(masks, 40, 60),
                gt_bboxes=np.array([[5, 5, 30, 20], [40, 25, 55, 35]], np.float32)), masks


def _pipeline(*keep):
    from mmengine.registry import init_default_scope
    init_default_scope('mmdet')
    return Compose([*keep, dict(type='Resize', scale=(30, 20), keep_ratio=True)])


def test_original_masks_are_kept_at_full_size_and_not_resized():
    results, masks = _results()
    out = _pipeline(dict(type='KeepOriginalMasks'))(results)
    assert out['ori_gt_masks'].dtype == bool and np.array_equal(out['ori_gt_masks'], masks.astype(bool))
    assert 'gt_masks' not in out  # not resized for nothing
    kept = _pipeline(dict(type='KeepOriginalMasks', keep_gt_masks=True))(_results()[0])
    assert kept['gt_masks'].masks.shape == (2, 20, 30)


def test_original_image_is_kept_at_full_size():
    results, _ = _results()
    image = results['img']
    out = _pipeline(dict(type='KeepOriginalImage'))(results)
    assert out['ori_img'] is image and out['img'].shape == (20, 30, 3)
