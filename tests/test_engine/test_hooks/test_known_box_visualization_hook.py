"""KnownBoxVisualizationHook: the ground truth is drawn where it lies in the original image."""
import numpy as np
import torch
from mmdet.structures import DetDataSample
from mmengine.structures import InstanceData

from mmrefine.engine.hooks.known_box_visualization_hook import KnownBoxVisualizationHook, original_scale_view


def _resized_sample() -> DetDataSample:
    """A 200 x 100 image resized by 0.5: one known box, its full-size mask kept."""
    ori = np.zeros((1, 100, 200), bool)
    ori[0, 20:60, 40:120] = True
    sample = DetDataSample(metainfo=dict(scale_factor=(0.5, 0.5), ori_shape=(100, 200), img_shape=(50, 100),
                                         ori_gt_masks=ori, img_path='x.jpg'))
    sample.gt_instances = InstanceData(bboxes=torch.tensor([[20., 10., 60., 30.]]), labels=torch.tensor([0]))
    sample.pred_instances = InstanceData(masks=torch.from_numpy(ori), scores=torch.ones(1),
                                         bboxes=torch.tensor([[40., 20., 120., 60.]]), labels=torch.tensor([0]))
    return sample


def test_ground_truth_is_scaled_back_and_takes_the_kept_masks():
    sample = _resized_sample()
    view = original_scale_view(sample)
    assert view.gt_instances.bboxes.tolist() == [[40., 20., 120., 60.]]
    assert view.gt_instances.masks is sample.ori_gt_masks
    assert view.pred_instances is sample.pred_instances  # shared, not copied
    assert sample.gt_instances.bboxes.tolist() == [[20., 10., 60., 30.]]  # the metric's sample is untouched


def test_box_type_ground_truth_is_scaled_back_too():
    from mmdet.structures.bbox import HorizontalBoxes
    sample = _resized_sample()
    sample.gt_instances.bboxes = HorizontalBoxes(sample.gt_instances.bboxes)
    assert original_scale_view(sample).gt_instances.bboxes.tolist() == [[40., 20., 120., 60.]]
    assert sample.gt_instances.bboxes.tensor.tolist() == [[20., 10., 60., 30.]]


def test_sample_without_ground_truth_is_returned_as_it_is():
    sample = DetDataSample(metainfo=dict(scale_factor=(0.5, 0.5)))
    assert original_scale_view(sample) is sample


def test_hook_hands_the_visualizer_the_original_scale_view(tmp_path, monkeypatch):
    import cv2
    from mmdet.visualization import DetLocalVisualizer
    DetLocalVisualizer.get_instance('test_known_box_visualization_hook')
    hook = KnownBoxVisualizationHook(draw=True)
    drawn = []
    monkeypatch.setattr(hook._visualizer, 'add_datasample', lambda name, image, data_sample, **kw: drawn.append(
        (image.shape, data_sample)))
    img = tmp_path / 'x.png'
    cv2.imwrite(str(img), np.zeros((100, 200, 3), np.uint8))
    sample = _resized_sample()
    sample.set_metainfo(dict(img_path=str(img)))
    hook.after_test_iter(runner=None, batch_idx=0, data_batch={}, outputs=[sample])
    ((shape, view),) = drawn
    assert shape == (100, 200, 3) and view.gt_instances.bboxes.tolist() == [[40., 20., 120., 60.]]
    hook.draw = False  # off: nothing drawn
    hook.after_test_iter(runner=None, batch_idx=0, data_batch={}, outputs=[sample])
    assert len(drawn) == 1
