import numpy as np
import pytest
import torch

from mmrefine.apis import segment_boxes
from mmrefine.testing import make_scene

from ...helpers import R50_COCO_CONFIG, build_model, tiny_config


def test_one_mask_per_box_in_input_order(tmp_path):
    model = build_model(tiny_config(tmp_path))
    image, _ = make_scene(3, (160, 120), 2)
    boxes = np.array([[100, 60, 150, 110], [5, 5, 40, 50], [60, 10, 90, 40]], np.float32)
    probs = segment_boxes(model, image, boxes, return_probs=True)
    assert probs.shape == (3, 120, 160) and probs.dtype == np.uint8
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        # each mask is pasted over its own (enlarged) box only
        w, h = (x1 - x0) * 0.1 + 2, (y1 - y0) * 0.1 + 2
        outside = np.ones((120, 160), bool)
        outside[max(0, int(y0 - h)):int(y1 + h) + 1, max(0, int(x0 - w)):int(x1 + w) + 1] = False
        assert probs[k][outside].max() == 0
        assert probs[k][int(y0):int(y1), int(x0):int(x1)].max() > 0
    masks = segment_boxes(model, image, boxes)
    assert masks.dtype == bool and masks.shape == (3, 120, 160)
    assert segment_boxes(model, image, np.zeros((0, 4))).shape == (0, 120, 160)


@pytest.mark.parametrize('base', ['default', 'r50-coco'])
def test_training_loss_is_finite_and_backpropagates(tmp_path, synthetic_coco, base):
    from mmengine.runner import Runner
    kw = dict(base=R50_COCO_CONFIG) if base == 'r50-coco' else {}
    cfg = tiny_config(tmp_path, data=synthetic_coco, **kw)
    assert cfg.model.type == 'KnownBoxMaskRCNN' and cfg.load_from is None
    runner = Runner.from_cfg(cfg)
    batch = next(iter(runner.train_dataloader))
    model = runner.model
    data = model.data_preprocessor(batch, True)
    losses = model(**data, mode='loss')
    assert set(losses) == {'loss_mask'} and torch.isfinite(losses['loss_mask'])
    losses['loss_mask'].backward()
    assert model.roi_head.mask_head.conv_logits.weight.grad.abs().sum() > 0


def test_flip_augmentation_is_mirror_equivariant(tmp_path):
    cfg = tiny_config(tmp_path)
    cfg.model.test_cfg.rcnn.flip = True
    model = build_model(cfg)
    image, _ = make_scene(4, (160, 120), 2)  # width 160 needs no horizontal padding
    boxes = np.array([[10, 20, 70, 100], [90, 5, 150, 110]], np.float32)
    mirrored_boxes = boxes.copy()
    mirrored_boxes[:, [0, 2]] = 160 - boxes[:, [2, 0]]
    probs = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    mirrored = segment_boxes(model, image[:, ::-1].copy(), mirrored_boxes, return_probs=True).astype(int)
    assert np.abs(probs - mirrored[:, :, ::-1]).max() <= 2  # equal up to rounding
    model.test_cfg.rcnn.flip = False
    plain = segment_boxes(model, image, boxes, return_probs=True).astype(int)
    assert np.abs(plain - probs).max() > 2  # the flip really changes the result
