"""RoI head that segments given boxes: no box head, no sampling, no NMS."""
from typing import List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _pair
from mmengine.structures import InstanceData
from torch import Tensor

from mmdet.models.roi_heads import StandardRoIHead
from mmdet.registry import MODELS
from mmdet.structures import SampleList
from mmdet.structures.bbox import bbox2roi

from ...utils import clear_outside_box
from ..necks import LazyPyramid, extract_roi_features


def expand_boxes(boxes: Tensor, scale: float) -> Tensor:
    """Scale ``(N, 4)`` xyxy boxes about their centres by ``scale``."""
    if scale == 1.0:
        return boxes
    centre = (boxes[:, :2] + boxes[:, 2:]) / 2
    half = (boxes[:, 2:] - boxes[:, :2]) * (scale / 2)
    return torch.cat([centre - half, centre + half], dim=1)


def gt_boxes(sample) -> Tensor:
    """The known boxes ``(N, 4)`` of a data sample as a float tensor."""
    boxes = sample.gt_instances.bboxes
    return (boxes.tensor if hasattr(boxes, 'tensor') else boxes).float()


def jitter_boxes(boxes: Tensor, shift: float, scale: float, generator: Optional[torch.Generator] = None) -> Tensor:
    """Randomly perturb ``(N, 4)`` xyxy boxes, like an imperfect box prompt.

    Each side moves by a Gaussian with std ``shift`` times the box size, and
    the box size changes by a factor ``exp(N(0, scale))``.
    """
    if shift == 0 and scale == 0:
        return boxes
    wh = (boxes[:, 2:] - boxes[:, :2]).clamp(min=1)
    centre = (boxes[:, :2] + boxes[:, 2:]) / 2
    noise = torch.randn(boxes.shape[0], 4, generator=generator, device='cpu').to(boxes)
    centre = centre + noise[:, :2] * shift * wh
    wh = wh * torch.exp(noise[:, 2:] * scale)
    return torch.cat([centre - wh / 2, centre + wh / 2], dim=1)


def reframe_logits(logits: Tensor, ratio: float) -> Tuple[Tensor, Tensor]:
    """Resample mask logits of a RoI ``ratio`` times the size of a reference RoI
    (same centre) onto the reference RoI's grid.

    Args:
        logits: ``(R, C, M, M)`` logits over the scaled RoI.
        ratio: side of the scaled RoI over the reference RoI's side.

    Returns:
        ``(R, C, M, M)`` logits on the reference grid and a ``(1, 1, M, M)``
        weight map: 1 where the scaled RoI covers the reference cell, 1e-3
        elsewhere (there the logits repeat the RoI's border, so they count
        only where no other view covers the cell).
    """
    if ratio == 1.0:
        return logits, logits.new_ones((1, 1) + logits.shape[-2:])
    size = logits.shape[-1]
    # cell centres of the reference grid in [-1, 1], then in the scaled RoI's frame
    ref = (torch.arange(size, device=logits.device, dtype=logits.dtype) + 0.5) / size * 2 - 1
    pos = ref / ratio
    gy, gx = torch.meshgrid(pos, pos, indexing='ij')
    grid = torch.stack([gx, gy], dim=-1)[None].expand(logits.shape[0], -1, -1, -1)
    out = F.grid_sample(logits, grid, mode='bilinear', padding_mode='border', align_corners=False)
    inside = (pos.abs() <= 1).to(logits.dtype)
    return out, (inside[:, None] * inside[None, :]).clamp(min=1e-3)[None, None]


def box_context_maps(rois: Tensor, boxes: List[Tensor], owners: Tensor, size: int) -> Tensor:
    """Where each RoI overlaps the other known boxes of its image.

    Args:
        rois: ``(R, 5)`` ``[image index, x0, y0, x1, y1]``.
        boxes: per image, its known boxes ``(N_i, 4)`` xyxy (same scale as ``rois``).
        owners: ``(R,)`` index of each RoI's own box in ``boxes[image]``.
        size: side of the maps (that of the RoI features).

    Returns:
        ``(R, 2, size, size)`` float maps sampled at the RoI grid's cell
        centres: channel 0 is 1 inside another box smaller than the RoI's own
        box, channel 1 inside another box at least as large.
    """
    out = rois.new_zeros((rois.shape[0], 2, size, size))
    steps = (torch.arange(size, device=rois.device, dtype=rois.dtype) + 0.5) / size
    for b, others in enumerate(boxes):
        sel = (rois[:, 0] == b).nonzero(as_tuple=True)[0]
        if len(sel) == 0 or len(others) < 2:
            continue
        others = others.to(rois)
        r = rois[sel, 1:]
        xs = r[:, None, 0] + steps[None] * (r[:, None, 2] - r[:, None, 0])  # (R_b, S)
        ys = r[:, None, 1] + steps[None] * (r[:, None, 3] - r[:, None, 1])
        in_x = (xs[:, None] >= others[None, :, 0, None]) & (xs[:, None] <= others[None, :, 2, None])  # (R_b, N, S)
        in_y = (ys[:, None] >= others[None, :, 1, None]) & (ys[:, None] <= others[None, :, 3, None])
        inside = in_y[..., :, None] & in_x[..., None, :]  # (R_b, N, S, S)
        own = owners[sel].long()
        area = (others[:, 2] - others[:, 0]) * (others[:, 3] - others[:, 1])
        other = torch.arange(len(others), device=rois.device)[None] != own[:, None]  # (R_b, N)
        smaller = area[None] < area[own][:, None]
        for c, group in enumerate((other & smaller, other & ~smaller)):
            out[sel, c] = (inside & group[..., None, None]).any(1).to(out)
    return out


@MODELS.register_module()
class KnownBoxRoIHead(StandardRoIHead):
    """Mask head driven by known boxes.

    Training crops the mask targets of (jittered) ground-truth boxes; testing
    returns one mask per given box, in input order, with score 1.

    Args:
        mask_roi_extractor: RoI feature extractor of the mask branch (required).
        mask_head: an mmdet mask head, e.g. ``FCNMaskHead``; class-agnostic
            heads (``class_agnostic=True``) suit known-box use.
        roi_scale: each box is enlarged by this factor before RoIAlign so the
            mask head sees the object's boundary and some background; the mask
            is pasted back over the same enlarged box.
        box_context: also tell the mask head where the image's other known
            boxes lie in each RoI (``box_context_maps``, through a 3x3 conv
            added to the RoI features), so it can learn which object owns the
            pixels two boxes share. The conv starts at zero: a checkpoint
            trained without context loads and predicts exactly as before.
        train_cfg: ``dict(jitter_shift=0.05, jitter_scale=0.05, num_jitter=1,
            max_rois=64)``.
        test_cfg: ``dict(mask_thr_binary=0.5, flip=False, roi_scales=(1.0,),
            clip_to_box=True)``; a negative threshold returns ``uint8``
            probabilities (0..255) instead of boolean masks; ``flip=True``
            averages with the mirrored image; ``roi_scales`` averages the mask
            logits of RoIs scaled by each factor about the box centre (where
            they cover the pasted RoI); ``clip_to_box``: nothing outside a
            known box is part of its object (``clear_outside_box``).
    """

    def __init__(self,
                 mask_roi_extractor: dict,
                 mask_head: dict,
                 roi_scale: float = 1.0,
                 box_context: bool = False,
                 bbox_roi_extractor: Optional[dict] = None,
                 bbox_head: Optional[dict] = None,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None,
                 init_cfg: Optional[dict] = None,
                 **kwargs) -> None:
        if bbox_head is not None:
            raise ValueError('KnownBoxRoIHead uses the given boxes; set roi_head.bbox_head=None')
        super().__init__(mask_roi_extractor=mask_roi_extractor, mask_head=mask_head,
                         train_cfg=train_cfg, test_cfg=test_cfg, init_cfg=init_cfg, **kwargs)
        self.roi_scale = float(roi_scale)
        self.context_conv = None
        if box_context:
            self.context_conv = nn.Conv2d(2, self.mask_roi_extractor.out_channels, 3, padding=1)
            self._zero_context()

    def _zero_context(self) -> None:
        nn.init.zeros_(self.context_conv.weight)
        nn.init.zeros_(self.context_conv.bias)

    def init_weights(self) -> None:
        super().init_weights()
        # FCNMaskHead's kaiming(fan_out) init of its 1-channel logits conv gives logits
        # with a std of ~10 at start; small logits train much faster from scratch.
        logits = getattr(self.mask_head, 'conv_logits', None)
        if logits is not None and not (self.init_cfg and self.init_cfg.get('type') == 'Pretrained'):
            nn.init.normal_(logits.weight, std=0.01)
            nn.init.zeros_(logits.bias)
        if self.context_conv is not None:
            self._zero_context()

    def init_assigner_sampler(self) -> None:
        """Known boxes need no assigner or sampler."""
        self.bbox_assigner = None
        self.bbox_sampler = None

    def _mask_forward(self, x: Tuple[Tensor], rois: Tensor = None, pos_inds: Optional[Tensor] = None,
                      bbox_feats: Optional[Tensor] = None, context: Optional[Tensor] = None) -> dict:
        """mmdet's mask forward, plus the box context ``(R, 2, S, S)`` when the head uses it; ``x`` may be a
        ``LazyPyramid`` (inference), of which only the levels the RoIs map to are read."""
        lazy = isinstance(x, LazyPyramid)
        if not lazy and (context is None or self.context_conv is None):
            return super()._mask_forward(x, rois, pos_inds, bbox_feats)
        if lazy:
            mask_feats = extract_roi_features(self.mask_roi_extractor, x, rois)
        else:
            mask_feats = self.mask_roi_extractor(x[:self.mask_roi_extractor.num_inputs], rois)
        if self.with_shared_head:
            mask_feats = self.shared_head(mask_feats)
        if context is not None and self.context_conv is not None:
            mask_feats = mask_feats + self.context_conv(context)
        return dict(mask_preds=self.mask_head(mask_feats), mask_feats=mask_feats)

    def _context(self, rois: Tensor, boxes: List[Tensor], owners: Tensor) -> Optional[Tensor]:
        if self.context_conv is None:
            return None
        return box_context_maps(rois, boxes, owners, _pair(self.mask_head.roi_feat_size)[0])

    def _cfg(self, key: str, default):
        return self.train_cfg.get(key, default) if self.train_cfg else default

    def loss(self, x: Tuple[Tensor], rpn_results_list: Optional[list],
             batch_data_samples: SampleList) -> dict:
        """Mask loss on jittered ground-truth boxes.

        Args:
            x: FPN features, level ``l`` of shape ``(B, C, H_l, W_l)``.
            rpn_results_list: ignored (kept for the mmdet interface).
            batch_data_samples: with ``gt_instances.bboxes`` ``(N_i, 4)`` and
                ``gt_instances.masks`` (``BitmapMasks``, input scale).
        """
        device = x[0].device
        num_jitter = int(self._cfg('num_jitter', 1))
        max_rois = int(self._cfg('max_rois', 64))
        rois, targets, owners, all_boxes = [], [], [], []
        up = self.mask_head.scale_factor or 1
        mask_size = tuple(int(s * up) for s in _pair(self.mask_head.roi_feat_size))
        for sample in batch_data_samples:
            gt = sample.gt_instances
            if len(gt) == 0:
                rois.append(x[0].new_zeros((0, 4)))
                all_boxes.append(x[0].new_zeros((0, 4)))
                continue
            idx = torch.arange(len(gt), device=device).repeat(num_jitter)
            if idx.numel() > max_rois:
                idx = idx[torch.randperm(idx.numel(), device=device)[:max_rois]]
            boxes = gt_boxes(sample)
            all_boxes.append(boxes)
            owners.append(idx)
            boxes = jitter_boxes(boxes[idx], self._cfg('jitter_shift', 0.05),
                                 self._cfg('jitter_scale', 0.05))
            boxes = expand_boxes(boxes, self.roi_scale)
            rois.append(boxes)
            targets.append(gt.masks.crop_and_resize(boxes, mask_size, inds=idx.cpu().numpy(),
                                                     device=device, binarize=True).to_tensor(torch.float32, device))
        roi_tensor = bbox2roi(rois)
        if roi_tensor.shape[0] == 0:
            # keep the graph connected so DDP and the optimizer stay happy
            return dict(loss_mask=sum(p.sum() for p in self.mask_head.parameters()) * 0)
        context = self._context(roi_tensor, all_boxes, torch.cat(owners))
        mask_preds = self._mask_forward(x, roi_tensor, context=context)['mask_preds']
        target = torch.cat(targets)
        labels = target.new_zeros(target.shape[0], dtype=torch.long)
        if not self.mask_head.class_agnostic:
            mask_preds = mask_preds[:, :1]
        loss = self.mask_head.loss_mask(mask_preds, target, labels)
        return dict(loss_mask=loss)

    def _views(self, x: Tuple[Tensor], x_flipped: Optional[Tuple[Tensor]], rois: Tensor,
               batch_img_metas: List[dict], context: Optional[Tensor]) -> Tensor:
        """Mask logits ``(R, C, M, M)`` of ``rois`` ``(R, 5)``, averaged with
        the mirrored batch's when ``x_flipped`` is given."""
        mask_preds = self._mask_forward(x, rois, context=context)['mask_preds']
        if x_flipped is None:
            return mask_preds
        # the flipped batch maps x to W - x, W being the padded batch width
        width = batch_img_metas[0].get('batch_input_shape', batch_img_metas[0]['img_shape'])[1]
        flipped = rois.clone()
        flipped[:, 1], flipped[:, 3] = width - rois[:, 3], width - rois[:, 1]
        # the mirrored view sees mirrored context maps
        flipped_context = None if context is None else context.flip(-1)
        return (mask_preds + self._mask_forward(x_flipped, flipped, context=flipped_context)[
            'mask_preds'].flip(-1)) / 2

    def predict_known(self, x: Tuple[Tensor], batch_data_samples: SampleList, rescale: bool = True,
                      x_flipped: Optional[Tuple[Tensor]] = None) -> List[InstanceData]:
        """One mask per known box (``gt_instances.bboxes``), in input order.

        Args:
            x: FPN features of the batch, level ``l`` ``(B, C, H_l, W_l)``.
            batch_data_samples: boxes in ``gt_instances.bboxes`` ``(N_i, 4)``.
            rescale: paste masks at the original image size.
            x_flipped: features of the horizontally flipped batch; when given,
                mask logits of both views are averaged (flip test-time augmentation).

        Returns per image an ``InstanceData`` with ``bboxes`` ``(N, 4)``
        (original image scale when ``rescale``), ``labels`` ``(N,)``,
        ``scores`` ``(N,)`` (all 1) and ``masks`` ``(N, H, W)``.
        """
        given = [gt_boxes(sample) for sample in batch_data_samples]
        results_list = []
        for sample, boxes in zip(batch_data_samples, given):
            gt = sample.gt_instances
            res = InstanceData()
            res.bboxes = expand_boxes(boxes.clone(), self.roi_scale)
            res.labels = gt.labels if 'labels' in gt else boxes.new_zeros(len(boxes), dtype=torch.long)
            res.scores = boxes.new_ones(len(boxes), dtype=torch.float32)
            results_list.append(res)
        batch_img_metas = [s.metainfo for s in batch_data_samples]
        rois = bbox2roi([res.bboxes for res in results_list])
        if rois.shape[0] == 0:
            results_list = self.predict_mask(x, batch_img_metas, results_list, rescale=rescale)
        else:
            owners = torch.cat([torch.arange(len(b), device=rois.device) for b in given])
            total, weight = 0, 0
            for scale in (self.test_cfg or {}).get('roi_scales', (1.0,)):
                scaled = rois.clone()
                scaled[:, 1:] = expand_boxes(rois[:, 1:], scale)
                logits = self._views(x, x_flipped, scaled, batch_img_metas, self._context(scaled, given, owners))
                logits, valid = reframe_logits(logits, scale)
                total, weight = total + logits * valid, weight + valid
            mask_preds = total / weight
            mask_preds = mask_preds.split([len(res) for res in results_list], 0)
            results_list = self.mask_head.predict_by_feat(mask_preds, results_list, batch_img_metas,
                                                          rcnn_test_cfg=self.test_cfg, rescale=rescale)
        for res, sample, boxes in zip(results_list, batch_data_samples, given):
            # report the given boxes, not the enlarged RoIs used for pasting
            boxes = boxes.clone()
            if rescale:
                boxes /= boxes.new_tensor(sample.metainfo['scale_factor']).repeat(1, 2)
            res.bboxes = boxes
            if (self.test_cfg or {}).get('clip_to_box', True):
                for mask, box in zip(res.masks, boxes):
                    clear_outside_box(mask, box)
        return results_list
