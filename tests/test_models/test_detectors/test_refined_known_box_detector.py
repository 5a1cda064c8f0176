"""The cascade model: known-box detector -> patch refiner (random weights; geometry and contracts)."""
import os.path as osp

import numpy as np
import pytest
from mmengine.config import Config

from mmrefine.apis import segment_boxes
from mmrefine.apis.inference import without_init_cfg
from mmrefine.testing import make_scene

from ...helpers import REPO

CASCADE = osp.join(REPO, 'configs', 'refiner', 'known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py')


def build_cascade(path: str):
    """The cascade of config ``path`` with random weights, in eval mode."""
    import mmrefine  # noqa: F401
    from mmdet.registry import MODELS
    from mmdet.utils import register_all_modules
    register_all_modules(init_default_scope=True)
    cfg = Config.fromfile(path)
    model = MODELS.build(without_init_cfg(cfg.model))
    model.init_weights()
    model.cfg = model.detector.cfg = cfg  # what segment_boxes reads the pipeline from
    return model.eval()


@pytest.fixture(scope='module')
def cascade():
    return build_cascade(CASCADE)


def test_builds_both_parts_from_the_config(cascade):
    assert type(cascade).__name__ == 'RefinedKnownBoxDetector'
    assert type(cascade.detector).__name__ == 'KnownBoxMaskRCNN'
    assert type(cascade.refiner).__name__ == 'PatchRefiner'
    assert cascade.settings.window == 64


def test_one_refined_mask_per_box_in_order_and_no_refine_is_the_detector(cascade):
    image, _ = make_scene(4, (200, 150), 2)
    boxes = np.array([[120, 70, 190, 140], [5, 5, 60, 70], [80, 10, 110, 40]], np.float32)
    refined = segment_boxes(cascade, image, boxes)
    assert refined.shape == (3, 150, 200) and refined.dtype == bool
    cascade.enabled = False
    try:
        coarse = segment_boxes(cascade, image, boxes)
        coarse_probs = segment_boxes(cascade, image, boxes, return_probs=True)
        plain = segment_boxes(cascade.detector, image, boxes)  # the detector on its own
    finally:
        cascade.enabled = True
    np.testing.assert_array_equal(coarse, plain)
    assert coarse_probs.dtype == np.uint8
    for k, (x0, y0, x1, y1) in enumerate(boxes.astype(int)):
        # refinement stays within the box + margin
        far = np.ones((150, 200), bool)
        far[max(0, y0 - 20):y1 + 20, max(0, x0 - 20):x1 + 20] = False
        np.testing.assert_array_equal(refined[k][far], coarse[k][far])


def test_each_box_is_refined_on_its_own_map(cascade):
    # results are written over the coarse maps one box at a time: no box may see another's result
    image, _ = make_scene(5, (200, 150), 3)
    boxes = np.array([[10, 10, 120, 100], [60, 40, 190, 140], [30, 60, 100, 145]], np.float32)
    masks = segment_boxes(cascade, image, boxes)
    probs = segment_boxes(cascade, image, boxes, return_probs=True)
    assert masks.dtype == bool and probs.dtype == np.uint8 and set(np.unique(masks.view(np.uint8))) <= {0, 1}
    np.testing.assert_array_equal(masks, probs >= 128)
    np.testing.assert_array_equal(segment_boxes(cascade, image, boxes[::-1]), masks[::-1])
    np.testing.assert_array_equal(segment_boxes(cascade, image, boxes[1:2])[0], masks[1])


def test_training_the_cascade_is_refused(cascade):
    with pytest.raises(NotImplementedError, match='own configs'):
        cascade.loss(None, [])


def test_others_shows_each_box_the_other_boxes_masks(monkeypatch):
    """With ``refine_cfg.others`` each box's refiner input marks where the other boxes' coarse masks lie."""
    from mmrefine.models.detectors import refined_known_box_detector as module
    model = build_cascade(osp.join(REPO, 'configs', 'refiner',
                                   'known-box-mask-rcnn_effnet-lite0_unet-refiner-others_dev-sets.py'))
    assert model.settings.others and model.refiner.backbone.encoder[0][0].convs[0].conv.in_channels == 5
    seen, real = [], module.refine_mask

    def recording(refiner, image, coarse, box, settings, others=None):
        seen.append((coarse >= 128, others))
        return real(refiner, image, coarse, box, settings, others)

    monkeypatch.setattr(module, 'refine_mask', recording)
    image, _ = make_scene(4, (200, 150), 2)
    boxes = np.array([[20, 20, 120, 120], [60, 40, 180, 140], [5, 5, 40, 40]], np.float32)
    masks = segment_boxes(model, image, boxes)
    assert masks.shape == (3, 150, 200) and len(seen) == 3
    for k, (own, others) in enumerate(seen):
        union = np.zeros_like(own)
        for j, (other, _) in enumerate(seen):
            union |= other if j != k else False
        np.testing.assert_array_equal(others, union)
    assert (seen[0][1] & seen[1][0]).any()  # the two overlapping boxes see each other
