import numpy as np
import pytest
import torch

from mmdet.models.necks import FPN
from mmdet.models.roi_heads.roi_extractors import SingleRoIExtractor
from mmrefine.apis import segment_boxes
from mmrefine.models.necks import LazyPyramid, extract_roi_features, lazy_fpn, supports_lazy
from mmrefine.testing import make_scene

from ...helpers import build_model, tiny_config

STRIDES = [4, 8, 16, 32]


@pytest.fixture
def fpn_and_inputs():
    torch.manual_seed(0)
    neck = FPN(in_channels=[8, 16, 24, 32], out_channels=16, num_outs=4).eval()
    inputs = [torch.randn(2, c, 256 // s, 320 // s) for c, s in zip([8, 16, 24, 32], STRIDES)]
    return neck, inputs


def test_each_level_equals_the_fpn_and_is_computed_on_first_read(fpn_and_inputs):
    neck, inputs = fpn_and_inputs
    with torch.no_grad():
        eager = neck(inputs)
        lazy = lazy_fpn(neck, inputs)
        assert len(lazy) == 4 and lazy.computed() == []
        assert torch.equal(lazy[2], eager[2]) and lazy.computed() == [2]
        assert all(torch.equal(a, b) for a, b in zip(lazy[:4], eager))
    assert lazy.computed() == [0, 1, 2, 3]


def test_only_plain_fpns_and_extractors_are_made_lazy(fpn_and_inputs):
    neck, inputs = fpn_and_inputs
    assert supports_lazy(neck)
    extractor = SingleRoIExtractor(dict(type='RoIAlign', output_size=7, sampling_ratio=0), 16, STRIDES)
    assert supports_lazy(neck, extractor)

    class OtherExtractor(SingleRoIExtractor):  # may read the levels its own way
        pass

    assert not supports_lazy(neck, OtherExtractor(dict(type='RoIAlign', output_size=7), 16, STRIDES))
    extra = FPN(in_channels=[8, 16, 24, 32], out_channels=16, num_outs=5)  # a max-pooled 5th level
    assert not supports_lazy(extra)
    with pytest.raises(ValueError, match='FPN without extra levels'):
        lazy_fpn(extra, inputs)


def test_roi_features_match_mmdet_and_read_only_the_levels_used(fpn_and_inputs):
    neck, inputs = fpn_and_inputs
    extractor = SingleRoIExtractor(dict(type='RoIAlign', output_size=7, sampling_ratio=0), 16, STRIDES)
    # RoIs of 20, 60, 150 and 300 px map to levels 0, 0, 1 and 2 (level 0 under 112 px, then x2 per level)
    rois = torch.tensor([[0, 5, 5, 25, 25], [1, 10, 10, 70, 70], [0, 0, 0, 150, 150], [1, 10, 0, 310, 300]],
                        dtype=torch.float32)
    with torch.no_grad():
        eager = extractor(neck(inputs), rois)
        lazy = lazy_fpn(neck, inputs)
        assert torch.equal(extract_roi_features(extractor, lazy, rois), eager)
        assert lazy.computed() == [0, 1, 2]
        big = lazy_fpn(neck, inputs)
        assert torch.equal(extract_roi_features(extractor, big, rois[3:]), extractor(neck(inputs), rois[3:]))
        assert big.computed() == [2]
        assert extract_roi_features(extractor, lazy_fpn(neck, inputs), rois[:0]).shape == (0, 16, 7, 7)


@pytest.mark.parametrize('flip', [False, True])
def test_the_detector_gives_the_same_masks_with_and_without_it(tmp_path, monkeypatch, flip):
    cfg = tiny_config(tmp_path)
    cfg.model.test_cfg.rcnn.flip = flip
    model = build_model(cfg)
    image, _ = make_scene(5, (320, 240), 3)
    # small to large boxes, so that the RoIs span several FPN levels
    boxes = np.array([[10, 10, 30, 34], [40, 20, 120, 110], [5, 5, 315, 235], [200, 100, 300, 230]], np.float32)
    reads = []
    original = LazyPyramid.__getitem__

    def spy(self, index):
        reads.append(index)
        return original(self, index)

    monkeypatch.setattr(LazyPyramid, '__getitem__', spy)
    lazy = segment_boxes(model, image, boxes, return_probs=True)
    assert reads, 'the detector should read a LazyPyramid'
    monkeypatch.setattr('mmrefine.models.detectors.known_box_mask_rcnn.supports_lazy', lambda *args: False)
    eager = segment_boxes(model, image, boxes, return_probs=True)
    assert np.array_equal(lazy, eager)
