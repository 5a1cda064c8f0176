"""An mmseg encoder-decoder over image + coarse-mask patches."""
from typing import List

from torch import Tensor

from mmseg.models.segmentors import EncoderDecoder
from mmseg.registry import MODELS


@MODELS.register_module()
class PatchRefiner(EncoderDecoder):
    """``EncoderDecoder`` whose input is a 4-channel patch: image (3) + coarse mask (1).

    The coarse channel, normalised by the data preprocessor, is recovered as a
    probability and appended to the backbone features, so a head such as
    ``ResidualRefineHead`` can start from the coarse mask.

    Args:
        coarse_channel: index of the coarse-mask channel in the input.
        (others as ``EncoderDecoder``)
    """

    def __init__(self, *args, coarse_channel: int = 3, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.coarse_channel = coarse_channel

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
