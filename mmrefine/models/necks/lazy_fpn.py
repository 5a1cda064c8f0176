"""FPN levels computed only when read: at inference a RoI head reads only the levels its RoIs map to."""
from typing import List, Optional, Sequence, Union

import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmdet.models.necks import FPN
from mmdet.models.roi_heads.roi_extractors import SingleRoIExtractor


class LazyPyramid:
    """The outputs of an mmdet ``FPN``, each level computed on first use.

    ``pyramid[i]`` is what ``FPN.forward`` returns at level ``i``,
    ``(B, C, H_i, W_i)``; its 3 x 3 output convolution runs the first time the
    level is read. Build one with ``lazy_fpn``.
    """

    def __init__(self, laterals: List[Tensor], convs: nn.ModuleList) -> None:
        self._laterals = laterals
        self._convs = convs
        self._outs: List[Tensor] = [None] * len(laterals)

    def __len__(self) -> int:
        return len(self._laterals)

    def __getitem__(self, index: Union[int, slice]) -> Union[Tensor, tuple]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if self._outs[index] is None:
            self._outs[index] = self._convs[index](self._laterals[index])
        return self._outs[index]

    @property
    def dtype(self):
        """The levels' dtype, known without computing one."""
        return self._laterals[0].dtype

    def computed(self) -> List[int]:
        """Indices of the levels read so far."""
        return [i for i, out in enumerate(self._outs) if out is not None]


def supports_lazy(neck: nn.Module, extractor: Optional[nn.Module] = None) -> bool:
    """Whether ``neck`` is a plain mmdet ``FPN`` whose outputs are exactly its
    levels' output convolutions (no extra levels), so ``lazy_fpn`` matches it,
    and ``extractor``, if given, a plain ``SingleRoIExtractor``, which
    ``extract_roi_features`` matches."""
    plain_fpn = type(neck) is FPN and neck.num_outs == len(neck.lateral_convs)
    return plain_fpn and (extractor is None or type(extractor) is SingleRoIExtractor)


def lazy_fpn(neck: FPN, inputs: Sequence[Tensor]) -> LazyPyramid:
    """``neck(inputs)`` with each output level computed on first read.

    The lateral convolutions and the top-down path (1 x 1 convolutions and
    upsampling: cheap) run at once, as in ``FPN.forward``; the 3 x 3 output
    convolutions, most of the neck's cost, wait until a level is read.

    Args:
        neck: an ``FPN`` for which ``supports_lazy(neck)`` holds.
        inputs: backbone features, level ``l`` ``(B, C_l, H_l, W_l)``.
    """
    if not supports_lazy(neck):
        raise ValueError('lazy_fpn needs an mmdet FPN without extra levels')
    laterals = [conv(inputs[i + neck.start_level]) for i, conv in enumerate(neck.lateral_convs)]
    for i in range(len(laterals) - 1, 0, -1):  # top-down, as FPN.forward does it
        if 'scale_factor' in neck.upsample_cfg:
            up = F.interpolate(laterals[i], **neck.upsample_cfg)
        else:
            up = F.interpolate(laterals[i], size=laterals[i - 1].shape[2:], **neck.upsample_cfg)
        laterals[i - 1] = laterals[i - 1] + up
    return LazyPyramid(laterals, neck.fpn_convs)


def extract_roi_features(extractor: nn.Module, feats: Union[LazyPyramid, Sequence[Tensor]], rois: Tensor) -> Tensor:
    """RoI features as ``extractor(feats, rois)`` gives them (an mmdet
    ``SingleRoIExtractor``, no ``roi_scale_factor``), reading only the levels
    that some RoI maps to, so that a ``LazyPyramid`` computes no other.

    Args:
        extractor: the RoI head's ``mask_roi_extractor``.
        feats: the FPN levels.
        rois: ``(R, 5)``: batch index, x0, y0, x1, y1 (input pixels).
    Returns:
        ``(R, C, S, S)``.
    """
    dtype = feats.dtype if isinstance(feats, LazyPyramid) else feats[0].dtype
    rois = rois.to(dtype)
    size = extractor.roi_layers[0].output_size
    out = rois.new_zeros((rois.size(0), extractor.out_channels) + tuple(size))
    num_levels = min(len(feats), extractor.num_inputs)  # mmdet hands it x[:num_inputs]
    levels = extractor.map_roi_levels(rois, num_levels) if num_levels > 1 else rois.new_zeros(len(rois)).long()
    for level in levels.unique().tolist():
        inds = (levels == level).nonzero(as_tuple=False).squeeze(1)
        out[inds] = extractor.roi_layers[level](feats[level], rois[inds])
    return out
