"""The known-box RoI head's box context, RoI-scale averaging and clipping to the box
(mmrefine.models.roi_heads.known_box_roi_head)."""
import numpy as np
import torch

from mmrefine.apis import segment_boxes
from mmrefine.models.roi_heads import box_context_maps
from mmrefine.models.roi_heads.known_box_roi_head import reframe_logits
from mmrefine.testing import make_scene

from ...helpers import build_model, tiny_config


def test_box_context_maps_mark_the_other_boxes():
    big, small = [0., 0., 100., 100.], [20., 20., 40., 40.]
    boxes = [torch.tensor([big, small]), torch.tensor([[0., 0., 50., 50.]])]
    rois = torch.tensor([[0.] + big, [0.] + small, [1., 0., 0., 50., 50.]])
    maps = box_context_maps(rois, boxes, torch.tensor([0, 1, 0]), 10)
    assert maps.shape == (3, 2, 10, 10)
    expected = torch.zeros(10, 10)
    expected[2:4, 2:4] = 1  # cell centres 25 and 35 lie in [20, 40]
    assert torch.equal(maps[0, 0], expected)  # the big box sees a smaller one
    assert maps[0, 1].sum() == 0
    assert maps[1, 0].sum() == 0 and maps[1, 1].min() == 1  # the small box lies inside a larger one
    assert maps[2].sum() == 0  # alone in its image


def _context_model(tmp_path, flip=False):
    cfg = tiny_config(tmp_path)
    cfg.model.roi_head.box_context = True
    cfg.model.test_cfg.rcnn.flip = flip
    return build_model(cfg)


def test_box_context_starts_neutral_and_then_matters(tmp_path):
    model = _context_model(tmp_path)
    conv = model.roi_head.context_conv
    assert conv.weight.abs().sum() == 0 and conv.bias.abs().sum() == 0
    image, _ = make_scene(5, (160, 120), 2)
    boxes = np.array([[10, 10, 120, 110], [40, 30, 80, 70]], np.float32)
    before = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    alone = segment_boxes(model, image, boxes[:1], return_probs=True).astype(int)
    assert np.array_equal(before[0], alone[0])  # zero conv: the other box changes nothing yet
    torch.manual_seed(0)
    torch.nn.init.normal_(conv.weight, std=1.0)
    after = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    assert np.abs(after - before).max() > 2
    assert np.array_equal(segment_boxes(model, image, boxes[:1], return_probs=True).astype(int), alone)


def test_box_context_is_mirror_equivariant_with_flip(tmp_path):
    model = _context_model(tmp_path, flip=True)
    torch.manual_seed(0)
    torch.nn.init.normal_(model.roi_head.context_conv.weight, std=1.0)
    image, _ = make_scene(6, (160, 120), 2)
    boxes = np.array([[10, 10, 120, 110], [30, 30, 70, 80]], np.float32)
    mirrored_boxes = boxes.copy()
    mirrored_boxes[:, [0, 2]] = 160 - boxes[:, [2, 0]]
    probs = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    mirrored = segment_boxes(model, image[:, ::-1].copy(), mirrored_boxes, return_probs=True).astype(int)
    assert np.abs(probs - mirrored[:, :, ::-1]).max() <= 2


def test_box_context_learns_in_training(tmp_path, synthetic_coco):
    from mmengine.runner import Runner
    cfg = tiny_config(tmp_path, data=synthetic_coco)
    cfg.model.roi_head.box_context = True
    runner = Runner.from_cfg(cfg)
    model = runner.model
    data = model.data_preprocessor(next(iter(runner.train_dataloader)), True)
    for sample in data['data_samples']:  # make the second box enclose the first: the two now share pixels
        boxes = sample.gt_instances.bboxes  # a tensor after the data preprocessor
        boxes = getattr(boxes, 'tensor', boxes)
        boxes[1, :2] = torch.minimum(boxes[0, :2], boxes[1, :2])
        boxes[1, 2:] = torch.maximum(boxes[0, 2:], boxes[1, 2:])
    model(**data, mode='loss')['loss_mask'].backward()
    assert model.roi_head.context_conv.weight.grad.abs().sum() > 0


def _ramp(ratio, size=28):
    """Logits equal to the world x coordinate over a RoI ``ratio`` times the reference RoI."""
    centres = ((torch.arange(size) + 0.5) / size * 2 - 1) * ratio
    return centres.expand(1, 1, size, size).clone()


def test_reframe_logits_puts_a_scaled_roi_on_the_reference_grid():
    reference = _ramp(1.0)
    for ratio in (0.9, 1.1, 1.3):
        logits, weight = reframe_logits(_ramp(ratio), ratio)
        covered = weight[0, 0] == 1
        # exact but in the outermost half cell, where the scaled RoI's border value is repeated
        assert torch.allclose(logits[0, 0][covered], reference[0, 0][covered], atol=1 / 28)
        assert torch.allclose(logits[0, 0, 4:-4, 4:-4], reference[0, 0, 4:-4, 4:-4], atol=1e-5)
        assert covered.all() == (ratio >= 1)  # a smaller RoI leaves the reference border uncovered
        assert torch.all(weight[0, 0][~covered] < 0.01)
    logits, weight = reframe_logits(reference, 1.0)
    assert torch.equal(logits, reference) and torch.equal(weight, torch.ones(1, 1, 28, 28))


def test_roi_scales_average_views_of_each_box(tmp_path):
    model = build_model(tiny_config(tmp_path))
    image, _ = make_scene(5, (160, 120), 2)
    boxes = np.array([[10, 10, 120, 110], [40, 30, 80, 70]], np.float32)
    single = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    model.roi_head.test_cfg.roi_scales = (1.0, 1.0)  # two equal views average to the one
    assert np.abs(segment_boxes(model, image, boxes, return_probs=True).astype(int) - single).max() <= 1
    model.roi_head.test_cfg.roi_scales = (0.9, 1.0, 1.1)
    averaged = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    assert averaged.shape == single.shape
    assert np.abs(averaged - single).max() > 2  # the other views count
    # each mask stops at its box (x < 120) whatever the views
    assert averaged[0][:, 120:].max() == 0 and averaged[0][:, :120].max() > 0


def test_masks_stop_at_the_known_box(tmp_path):
    model = build_model(tiny_config(tmp_path))
    image, _ = make_scene(5, (160, 120), 2)
    boxes = np.array([[10.5, 10, 100, 90]], np.float32)
    inside = np.zeros((120, 160), bool)
    inside[10:90, 10:100] = True
    clipped = segment_boxes(model, image, boxes, return_probs=True)[0]
    assert clipped[~inside].max() == 0 and clipped[inside].max() > 0
    model.roi_head.test_cfg.clip_to_box = False
    pasted = segment_boxes(model, image, boxes, return_probs=True)[0]
    assert pasted[~inside].max() > 0  # the mask is pasted over the box enlarged by roi_scale
    assert np.array_equal(pasted[inside], clipped[inside])
