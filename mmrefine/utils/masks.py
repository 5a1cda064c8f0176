"""Small helpers on binary masks."""
import math
from typing import Optional, Sequence, Tuple, TypeVar

import numpy as np

MaskArray = TypeVar('MaskArray')  # a numpy array or a torch tensor


def mask_extent(mask: np.ndarray) -> Optional[Tuple[int, int, int, int]]:
    """The box a mask's nonzero pixels span.

    Args:
        mask: ``(H, W)``, any dtype (nonzero = inside).
    Returns:
        ``(x0, y0, x1, y1)`` in pixels with ``x1``, ``y1`` exclusive, or
        ``None`` for an empty mask.
    """
    rows = np.flatnonzero(mask.any(1))
    cols = np.flatnonzero(mask.any(0))
    if len(rows) == 0:
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def clear_outside_box(mask: MaskArray, box: Sequence[float]) -> MaskArray:
    """Zero a mask's pixels outside its box, in place: a known box holds its whole object.

    Args:
        mask: ``(..., H, W)`` numpy array or torch tensor, any dtype.
        box: xyxy pixels (pixel edges); every pixel the box touches is kept.
    Returns:
        ``mask`` itself.
    """
    x0, y0, x1, y1 = (float(v) for v in box)
    x0, y0, x1, y1 = max(0, math.floor(x0)), max(0, math.floor(y0)), max(0, math.ceil(x1)), max(0, math.ceil(y1))
    mask[..., :y0, :] = 0
    mask[..., y1:, :] = 0
    mask[..., :, :x0] = 0
    mask[..., :, x1:] = 0
    return mask
