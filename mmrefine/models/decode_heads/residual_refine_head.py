"""Decode head that corrects a coarse mask instead of predicting from scratch."""
from typing import List

import torch
import torch.nn as nn
from mmcv.cnn import ConvModule
from torch import Tensor

from mmseg.models.decode_heads.decode_head import BaseDecodeHead
from mmseg.registry import MODELS


@MODELS.register_module()
class ResidualRefineHead(BaseDecodeHead):
    """Two-class head on full-resolution U-Net features, added to the coarse mask's logit.

    Expects ``inputs[in_index]`` = the U-Net's last decoder output ``(B, C, H, W)``
    and ``inputs[-1]`` = the coarse probability ``(B, 1, H, W)`` in [0, 1] (see
    ``PatchRefiner``). The foreground-minus-background logit is
    ``coarse_scale * logit(coarse) + correction``, so an untrained head already
    reproduces the coarse mask and training learns only where it is wrong.

    Args:
        num_convs: 3x3 conv layers before the classifier.
        coarse_scale: weight of the coarse logit (clamped to +-``logit_clip``).
    """

    def __init__(self, num_convs: int = 1, coarse_scale: float = 1.0, logit_clip: float = 4.0, **kwargs) -> None:
        kwargs.setdefault('num_classes', 2)
        super().__init__(**kwargs)
        if self.num_classes != 2:
            raise ValueError('ResidualRefineHead predicts foreground / background: num_classes must be 2')
        self.convs = nn.Sequential(*[
            ConvModule(self.in_channels if i == 0 else self.channels, self.channels, 3, padding=1,
                       conv_cfg=self.conv_cfg, norm_cfg=self.norm_cfg, act_cfg=self.act_cfg)
            for i in range(num_convs)])
        self.coarse_scale = coarse_scale
        self.logit_clip = logit_clip

    def forward(self, inputs: List[Tensor]) -> Tensor:
        """``(B, 2, H, W)`` logits."""
        coarse = inputs[-1].clamp(1e-4, 1 - 1e-4)
        feats = self.convs(self._transform_inputs(inputs[:-1]))
        out = self.cls_seg(feats)
        prior = (torch.log(coarse) - torch.log1p(-coarse)).clamp(-self.logit_clip, self.logit_clip)
        prior = self.coarse_scale * prior / 2  # split between the two classes
        return out + torch.cat([-prior, prior], dim=1)
