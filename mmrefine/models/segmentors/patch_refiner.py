"""An mmseg encoder-decoder over image + coarse-mask patches."""
from typing import List

import torch
import torch.nn as nn
from torch import Tensor

from mmseg.models.segmentors import EncoderDecoder
from mmseg.registry import MODELS


@MODELS.register_module()
class PatchRefiner(EncoderDecoder):
    """``EncoderDecoder`` whose input is a 4-channel patch: image (3) + coarse mask (1), optionally
    followed by more maps (e.g. where the image's other objects lie).

    The coarse channel, normalised by the data preprocessor, is recovered as a
    probability and appended to the backbone features, so a head such as
    ``ResidualRefineHead`` can start from the coarse mask. A checkpoint of a
    refiner with fewer input channels loads too: the convolutions that read
    the input (the backbone's ``input_convs()``, else its first convolution)
    get zero weights for the extra channels, so the loaded refiner computes
    what it did before until it is trained with them.

    Args:
        coarse_channel: index of the coarse-mask channel in the input.
        (others as ``EncoderDecoder``)
    """

    def __init__(self, *args, coarse_channel: int = 3, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.coarse_channel = coarse_channel
        # the convolutions that read the patch's channels: the backbone names them, or its first one does
        input_convs = getattr(self.backbone, 'input_convs', None)
        convs = input_convs() if input_convs is not None else \
            [next((m for m in self.backbone.modules() if isinstance(m, nn.Conv2d)), None)]
        for conv in convs:
            if conv is not None:
                conv._register_load_state_dict_pre_hook(_widen_input_weight, with_module=True)

    def coarse_prob(self, inputs: Tensor) -> Tensor:
        """``(B, 1, H, W)`` coarse probability in [0, 1] from normalised ``(B, C, H, W)`` inputs."""
        dp = self.data_preprocessor
        c = self.coarse_channel
        if getattr(dp, '_enable_normalize', False):
            return (inputs[:, c:c + 1] * dp.std[c] + dp.mean[c]) / 255.0
        return inputs[:, c:c + 1] / 255.0

    def extract_feat(self, inputs: Tensor) -> List[Tensor]:
        """Backbone (+ neck) features, then the coarse probability as the last entry."""
        return list(super().extract_feat(inputs)) + [self.coarse_prob(inputs)]


def _widen_input_weight(module: nn.Conv2d, state_dict: dict, prefix: str, *args) -> None:
    """Load-time hook: zero-pad a saved ``(O, C_old, k, k)`` input-conv weight to ``module``'s C > C_old."""
    weight = state_dict.get(prefix + 'weight')
    want = module.weight.shape
    if weight is not None and weight.ndim == 4 and weight.shape[1] < want[1] \
            and (weight.shape[0], *weight.shape[2:]) == (want[0], *want[2:]):
        pad = weight.new_zeros((want[0], want[1] - weight.shape[1], *want[2:]))
        state_dict[prefix + 'weight'] = torch.cat([weight, pad], dim=1)

