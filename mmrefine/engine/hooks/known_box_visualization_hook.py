"""Draw known-box results over the original image, ground truth included."""
from typing import Sequence

from mmdet.engine.hooks import DetVisualizationHook
from mmdet.registry import HOOKS
from mmdet.structures import DetDataSample
from mmdet.structures.bbox import scale_boxes
from mmengine.structures import InstanceData

from ...models.roi_heads.known_box_roi_head import gt_boxes


def original_scale_view(sample: DetDataSample) -> DetDataSample:
    """A sample whose ``gt_instances`` lie in the original image, for drawing.

    Known-box test pipelines load the annotations before ``Resize`` (the model
    reads the boxes in the resized image), so ``gt_instances.bboxes`` ``(N, 4)``
    are in the resized frame; they are scaled back by ``scale_factor``, and the
    masks are those ``KeepOriginalMasks`` kept (``ori_gt_masks``, ``(N, H, W)``).
    The prediction is shared, not copied; a sample without ``gt_instances`` is
    returned as it is.
    """
    if 'gt_instances' not in sample:
        return sample
    sx, sy = sample.metainfo.get('scale_factor', (1.0, 1.0))
    # gt_boxes: a tensor whether the boxes are one or mmdet's HorizontalBoxes (boxtype2tensor=False)
    ori = InstanceData(bboxes=scale_boxes(gt_boxes(sample), (1 / sx, 1 / sy)), labels=sample.gt_instances.labels)
    if 'ori_gt_masks' in sample:
        ori.masks = sample.ori_gt_masks
    view = DetDataSample(metainfo=sample.metainfo)
    view.gt_instances = ori
    if 'pred_instances' in sample:
        view.pred_instances = sample.pred_instances
    return view


@HOOKS.register_module()
class KnownBoxVisualizationHook(DetVisualizationHook):
    """``DetVisualizationHook`` for known-box test pipelines: ground truth and
    prediction are both drawn at the original image size (``original_scale_view``).

    ``tools/test.py --show-dir D`` switches it on, as in mmdet.
    """

    def after_val_iter(self, runner, batch_idx: int, data_batch: dict, outputs: Sequence[DetDataSample]) -> None:
        if self.draw:
            outputs = [original_scale_view(s) for s in outputs]
        super().after_val_iter(runner, batch_idx, data_batch, outputs)

    def after_test_iter(self, runner, batch_idx: int, data_batch: dict, outputs: Sequence[DetDataSample]) -> None:
        if self.draw:
            outputs = [original_scale_view(s) for s in outputs]
        super().after_test_iter(runner, batch_idx, data_batch, outputs)
