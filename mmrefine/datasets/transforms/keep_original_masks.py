"""Keep full-resolution ground-truth masks for evaluation."""
from mmcv.transforms import BaseTransform

from mmdet.registry import TRANSFORMS


@TRANSFORMS.register_module()
class KeepOriginalMasks(BaseTransform):
    """Move ``gt_masks`` to ``ori_gt_masks`` (``(N, H, W)`` bool) before resizing.

    Place it right after ``LoadAnnotations(with_mask=True)`` in a test
    pipeline and list ``'ori_gt_masks'`` in ``PackDetInputs.meta_keys``;
    ``MaskIoUMetric`` then scores masks at the original image resolution.

    Args:
        keep_gt_masks: also leave ``gt_masks`` in place (they are then resized
            by later transforms, which costs time at test).
    """

    def __init__(self, keep_gt_masks: bool = False) -> None:
        self.keep_gt_masks = keep_gt_masks

    def transform(self, results: dict) -> dict:
        masks = results.get('gt_masks')
        if masks is not None:
            results['ori_gt_masks'] = masks.to_ndarray().astype(bool)
            if not self.keep_gt_masks:
                del results['gt_masks']
        return results
