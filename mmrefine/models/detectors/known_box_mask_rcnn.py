"""Mask R-CNN that takes the object boxes as given."""
import math
from typing import Optional

from torch import Tensor

from mmdet.models.detectors import TwoStageDetector
from mmdet.registry import MODELS
from mmdet.structures import SampleList

from .zoom import crop_windows, zoom_windows


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

        ``test_cfg.rcnn`` options: ``flip=True`` segments the mirrored batch
        too and averages the mask logits; ``zoom_size=S`` (0: off) segments
        each RoI whose long side is under ``S`` input pixels again from a crop
        of the batch around it (``zoom_context`` times its side, 1.5 by
        default) enlarged so that the RoI's side is about ``S``, and uses those
        logits instead.
        """
        rcnn = (self.test_cfg or {}).get('rcnn', {})
        x = self.extract_feat(batch_inputs)
        x_flipped = self.extract_feat(batch_inputs.flip(-1)) if rcnn.get('flip', False) else None
        logits = None
        if rcnn.get('zoom_size', 0):
            logits = self._zoomed_logits(batch_inputs, x, x_flipped, batch_data_samples, rcnn)
        results_list = self.roi_head.predict_known(x, batch_data_samples, rescale=rescale, x_flipped=x_flipped,
                                                   mask_logits=logits)
        return self.add_pred_to_datasample(batch_data_samples, results_list)

    def _zoomed_logits(self, batch_inputs: Tensor, x: tuple, x_flipped: Optional[tuple],
                       batch_data_samples: SampleList, rcnn: dict) -> Optional[Tensor]:
        """Mask logits ``(R, C, M, M)`` of ``roi_head.known_rois``, the small RoIs'
        from zoomed crops (see ``predict``); None when there is no RoI."""
        head = self.roi_head
        if head.context_conv is not None:
            raise ValueError('test_cfg.rcnn.zoom_size does not support roi_head.box_context')
        rois = head.known_rois(batch_data_samples)
        if len(rois) == 0:
            return None
        metas = [s.metainfo for s in batch_data_samples]
        logits = head.mask_logits(x, rois, metas, x_flipped)
        size, context = float(rcnn['zoom_size']), float(rcnn.get('zoom_context', 1.5))
        crop = 32 * math.ceil(size * context / 32)  # the backbone's stride
        small = ((rois[:, 3:5] - rois[:, 1:3]).max(dim=1).values < size).nonzero(as_tuple=True)[0]
        for chunk in small.split(int(rcnn.get('zoom_batch', 8))):
            windows, zoomed = zoom_windows(rois[chunk], crop, context)
            crops = crop_windows(batch_inputs, windows, crop)
            crop_metas = [dict(batch_input_shape=(crop, crop), img_shape=(crop, crop))]
            crops_flipped = self.extract_feat(crops.flip(-1)) if x_flipped is not None else None
            logits[chunk] = head.mask_logits(self.extract_feat(crops), zoomed, crop_metas, crops_flipped)
        return logits

    def _forward(self, batch_inputs: Tensor, batch_data_samples: SampleList) -> tuple:
        x = self.extract_feat(batch_inputs)
        return x
