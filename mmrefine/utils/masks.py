"""Small helpers on binary masks."""
from typing import Optional, Tuple

import numpy as np


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
