"""Keep the full-resolution image for a refiner that works at the original size."""
from mmcv.transforms import BaseTransform

from mmdet.registry import TRANSFORMS


@TRANSFORMS.register_module()
class KeepOriginalImage(BaseTransform):
    """Copy ``img`` ``(H, W, 3)`` to ``ori_img`` before resizing.

    Place it before ``Resize`` in a test pipeline and list ``'ori_img'`` in
    ``PackDetInputs.meta_keys``; ``RefinedKnownBoxDetector`` reads it.
    """

    def transform(self, results: dict) -> dict:
        results['ori_img'] = results['img']  # later transforms make new arrays; no copy needed
        return results
