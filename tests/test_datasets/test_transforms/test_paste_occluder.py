import numpy as np
import pytest
from mmdet.structures.bbox import HorizontalBoxes
from mmdet.structures.mask import BitmapMasks

from mmrefine.datasets.transforms import PasteOccluder
from mmrefine.utils.masks import mask_extent


def _results(h=120, w=160, boxes=((20, 20, 100, 100),), colour=50):
    img = np.full((h, w, 3), colour, np.uint8)
    masks = np.zeros((len(boxes), h, w), np.uint8)
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        masks[k, y0:y1, x0:x1] = 1
    return dict(img=img, gt_masks=BitmapMasks(masks, h, w),
                gt_bboxes=HorizontalBoxes(np.array(boxes, np.float32).reshape(-1, 4)),
                gt_bboxes_labels=np.zeros(len(boxes), np.int64), gt_ignore_flags=np.zeros(len(boxes), bool))


def _source():
    src = _results(h=60, w=60, boxes=((10, 10, 50, 50),), colour=200)
    src['img'][10:50, 10:50] = 250  # the object's own colour
    return src


def test_pasted_object_occludes_inside_the_target_box():
    np.random.seed(0)
    out = PasteOccluder(prob=1.0, max_pasted=1, scale_range=(0.5, 0.5))(dict(_results(), mix_results=[_source()]))
    masks = out['gt_masks'].masks.astype(bool)
    assert len(masks) == 2  # the target, still visible, and the pasted object
    target, pasted = masks
    assert not (target & pasted).any()
    assert pasted.sum() == 40 * 40  # 80 px target box x 0.5 = 40 px object
    ys, xs = np.nonzero(pasted)
    cy, cx = ys.mean(), xs.mean()
    assert 20 <= cx < 100 and 20 <= cy < 100  # centred inside the target's box
    assert (out['img'][pasted] == 250).all() and (out['img'][target] == 50).all()
    assert target.sum() == 80 * 80 - pasted.sum()
    # boxes are the visible masks' extents
    np.testing.assert_array_equal(out['gt_bboxes'].tensor.numpy(), [mask_extent(m) for m in masks])
    assert out['gt_bboxes_labels'].tolist() == [0, 0] and out['gt_ignore_flags'].tolist() == [False, False]


def test_hidden_objects_are_dropped():
    np.random.seed(0)
    # a small object covered by the pasted one (its box is the target: scale 0.8 of it around any centre
    # leaves at most part of it; min_visible=0.9 drops it)
    out = PasteOccluder(prob=1.0, max_pasted=1, scale_range=(0.8, 0.8), min_visible=0.9)(
        dict(_results(boxes=((60, 40, 80, 60),)), mix_results=[_source()]))
    assert len(out['gt_masks']) == 1
    assert out['gt_bboxes'].tensor.shape == (1, 4)


def test_prob_zero_changes_nothing():
    res = _results()
    out = PasteOccluder(prob=0.0)(dict(res, mix_results=[_source()]))
    assert len(out['gt_masks']) == 1 and (out['img'] == 50).all()


def test_empty_source_changes_nothing():
    src = _results(h=60, w=60, boxes=())
    out = PasteOccluder(prob=1.0)(dict(_results(), mix_results=[src]))
    assert len(out['gt_masks']) == 1 and (out['img'] == 50).all()


@pytest.mark.parametrize('kwargs', [dict(prob=1.5), dict(max_pasted=0), dict(scale_range=(0.5, 0.2))])
def test_bad_settings_are_named(kwargs):
    with pytest.raises(ValueError, match=list(kwargs)[0]):
        PasteOccluder(**kwargs)


def test_runs_inside_multi_image_mix_dataset(synthetic_coco):
    from mmdet.datasets import MultiImageMixDataset
    from mmengine.registry import init_default_scope

    import mmrefine  # noqa: F401
    init_default_scope('mmdet')
    inner = dict(type='KnownBoxCocoDataset', data_root=synthetic_coco, ann_file='annotations.json',
                 data_prefix=dict(img='images/'),
                 pipeline=[dict(type='LoadImageFromFile'), dict(type='LoadAnnotations', with_bbox=True, with_mask=True)])
    ds = MultiImageMixDataset(inner, pipeline=[dict(type='PasteOccluder', prob=1.0, max_pasted=2),
                                               dict(type='PackDetInputs')])
    np.random.seed(1)
    grew = 0
    for i in range(len(ds)):
        sample = ds[i]['data_samples']
        masks = sample.gt_instances.masks.masks.astype(bool)
        assert len(masks) == len(sample.gt_instances.bboxes) > 0
        # visible masks never overlap after pasting (the synthetic objects do not overlap to begin with)
        assert masks.sum(0).max() <= 1
        grew += len(masks) > len(ds.dataset.get_data_info(i)['instances'])
    assert grew > 0
