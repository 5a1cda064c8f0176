"""Zoomed views of small boxes: each RoI cut out of the batch with some context and enlarged."""
from typing import Tuple

from mmcv.ops import roi_align
from torch import Tensor


def zoom_windows(rois: Tensor, size: int, context: float) -> Tuple[Tensor, Tensor]:
    """Square windows around RoIs, and the RoIs in their windows' enlarged frames.

    Args:
        rois: ``(K, 5)`` ``[image index, x0, y0, x1, y1]`` in input pixels.
        size: side of the enlarged window (pixels); the RoI's long side
            becomes ``size / context`` there.
        context: window side over the RoI's long side (>= 1).

    Returns:
        ``windows`` ``(K, 5)``, same layout as ``rois`` (input pixels), and
        ``zoomed`` ``(K, 5)``: RoI ``k`` in window ``k``'s ``size x size``
        frame, with batch index ``k``.
    """
    centre = (rois[:, 1:3] + rois[:, 3:5]) / 2
    side = (rois[:, 3:5] - rois[:, 1:3]).max(dim=1, keepdim=True).values.clamp(min=1) * context
    windows = rois.clone()
    windows[:, 1:3], windows[:, 3:5] = centre - side / 2, centre + side / 2
    scale = size / side
    zoomed = rois.clone()
    zoomed[:, 0] = rois.new_tensor(range(len(rois)))
    zoomed[:, 1:3] = (rois[:, 1:3] - windows[:, 1:3]) * scale
    zoomed[:, 3:5] = (rois[:, 3:5] - windows[:, 1:3]) * scale
    return windows, zoomed


def crop_windows(images: Tensor, windows: Tensor, size: int) -> Tensor:
    """Bilinear crops ``(K, C, size, size)`` of ``images`` ``(B, C, H, W)`` over
    ``windows`` ``(K, 5)`` (see ``zoom_windows``); zero outside the images."""
    return roi_align(images, windows, (size, size), 1.0, 1, 'avg', True)
