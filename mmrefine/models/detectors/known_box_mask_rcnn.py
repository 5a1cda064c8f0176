"""Mask R-CNN that takes the object boxes as given."""
from typing import Optional

from torch import Tensor

from mmdet.models.detectors import TwoStageDetector
from mmdet.registry import MODELS
from mmdet.structures import SampleList

from ..necks import lazy_fpn, supports_lazy


@MODELS.register_module()
class KnownBoxMaskRCNN(TwoStageDetector):
    """Backbone + neck + mask branch; boxes come from the data sample.

    Each data sample's ``gt_instances.bboxes`` are the proposals, both in
    training (jittered) and at test time, so every box gets exactly one mask
    and nothing is ever missed. The RPN and the box head of a standard Mask
    R-CNN config are not used (set ``rpn_head=None``, ``roi_head.bbox_head=None``),
    so a COCO Mask R-CNN checkpoint still loads its backbone, neck and mask head.
    """

    def __init__(self,
                 backbone: dict,
                 roi_head: dict,
                 neck: Optional[dict] = None,
                 rpn_head: Optional[dict] = None,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if rpn_head is not None:
            raise ValueError('KnownBoxMaskRCNN uses the given boxes; set model.rpn_head=None')
        super().__init__(backbone=backbone, neck=neck, rpn_head=None, roi_head=roi_head,
                         train_cfg=train_cfg, test_cfg=test_cfg,
                         data_preprocessor=data_preprocessor, init_cfg=init_cfg)

    def loss(self, batch_inputs: Tensor, batch_data_samples: SampleList) -> dict:
        """Mask loss on the ground-truth boxes. ``batch_inputs``: ``(B, 3, H, W)``."""
        x = self.extract_feat(batch_inputs)
        return self.roi_head.loss(x, None, batch_data_samples)

    def predict(self, batch_inputs: Tensor, batch_data_samples: SampleList,
                rescale: bool = True) -> SampleList:
        """Fill ``pred_instances`` (one mask per given box) of each sample.

        With ``test_cfg.rcnn.flip=True`` the mirrored batch is segmented too
        and the mask logits are averaged.
        """
        x = self._pyramid(batch_inputs)
        x_flipped = None
        if self.test_cfg is not None and self.test_cfg.get('rcnn', {}).get('flip', False):
            x_flipped = self._pyramid(batch_inputs.flip(-1))
        results_list = self.roi_head.predict_known(x, batch_data_samples, rescale=rescale, x_flipped=x_flipped)
        return self.add_pred_to_datasample(batch_data_samples, results_list)

    def _pyramid(self, batch_inputs: Tensor):
        """Features for inference: with a plain FPN neck and RoI extractor a
        ``LazyPyramid``, whose levels no RoI reads are never computed (the same
        masks, less time); otherwise ``extract_feat``. ``batch_inputs``: ``(B, 3, H, W)``."""
        extractor = getattr(self.roi_head, 'mask_roi_extractor', None)
        if self.with_neck and extractor is not None and supports_lazy(self.neck, extractor):
            return lazy_fpn(self.neck, self.backbone(batch_inputs))
        return self.extract_feat(batch_inputs)

    def _forward(self, batch_inputs: Tensor, batch_data_samples: SampleList) -> tuple:
        x = self.extract_feat(batch_inputs)
        return x
