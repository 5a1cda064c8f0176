"""A faster copy of a patch refiner for inference: BatchNorm folded into convolutions, channels-last layout."""
import torch
import torch.nn as nn
from mmcv.cnn import ConvModule
from torch.nn.utils.fusion import fuse_conv_bn_eval

from ...utils.inference_copy import cached_inference_copy
from ..backbones.efficientnet_lite import fold_lite_batch_norms


def fold_batch_norms(model: nn.Module) -> nn.Module:
    """Fold each ``ConvModule``'s (and each EfficientNet-Lite encoder's) eval-mode ``BatchNorm2d`` into its
    convolution, in place.

    The folded module computes the same function in eval mode (up to float
    rounding) with one layer less per block; its state dict changes, so fold a
    copy, never the model that is trained or saved.
    """
    for module in model.modules():
        if isinstance(module, ConvModule) and module.with_norm and isinstance(module.norm, nn.BatchNorm2d) \
                and module.order.index('conv') < module.order.index('norm'):
            module.conv = fuse_conv_bn_eval(module.conv, module.norm)
            setattr(module, module.norm_name, nn.Identity())
    return fold_lite_batch_norms(model)


def inference_refiner(refiner: nn.Module) -> nn.Module:
    """An eval-mode copy of ``refiner`` that runs faster on CPU (about 1.5x on this machine).

    BatchNorm is folded into the preceding convolutions and the weights are
    laid out channels-last; feed it channels-last inputs. The copy is cached
    and rebuilt when the refiner's weights change; a refiner in training mode
    is returned as it is.
    """
    if refiner.training:
        return refiner
    return cached_inference_copy(
        refiner, lambda net: fold_batch_norms(net).to(memory_format=torch.channels_last))
