"""Decide a mask's uncertain pixels with GrabCut, seeded by its confident ones."""
from typing import Sequence

import cv2
import numpy as np

from .windows import crop_region, scaled_crop


def grabcut_band(image: np.ndarray, prob: np.ndarray, box: Sequence[float], low: float = 0.2,
                 max_size: int = 160, iterations: int = 1, margin: float = 0.1) -> np.ndarray:
    """Let OpenCV GrabCut decide the pixels where ``prob`` is unsure.

    Pixels with ``prob >= 1 - low`` seed the foreground colour model, pixels with
    ``prob < low`` or outside ``box`` the background; the rest start as
    "probably" foreground or background (``prob >= 0.5``) and GrabCut labels
    them. Runs on the box + ``margin`` scaled to ``max_size`` on the long side.
    OpenCV's random generator (GrabCut's k-means draws from it) is seeded with 0
    first, so the result depends on the inputs alone, not on earlier calls.

    Args:
        image: ``(H, W, 3)`` uint8 BGR.
        prob: ``(H, W)`` float32 probabilities in [0, 1].
        box: the object's known box, xyxy pixels.
    Returns:
        ``(H, W)`` float32: ``prob`` with each uncertain pixel set to 0 or 1.
    """
    h, w = prob.shape
    x0, y0, x1, y1 = crop_region(box, margin, h, w)
    if x1 <= x0 or y1 <= y0:
        return prob
    img_c, (prob_c, ), s = scaled_crop(image, [prob], (x0, y0, x1, y1), max_size)
    labels = np.where(prob_c >= 0.5, cv2.GC_PR_FGD, cv2.GC_PR_BGD).astype(np.uint8)
    labels[prob_c >= 1 - low] = cv2.GC_FGD
    labels[prob_c < low] = cv2.GC_BGD
    ch, cw = labels.shape
    bx0, by0 = int(np.floor((box[0] - x0) * s)), int(np.floor((box[1] - y0) * s))
    bx1, by1 = int(np.ceil((box[2] - x0) * s)), int(np.ceil((box[3] - y0) * s))
    outside = np.ones((ch, cw), bool)
    outside[max(by0, 0):by1, max(bx0, 0):bx1] = False
    labels[outside] = cv2.GC_BGD
    unsure = (labels == cv2.GC_PR_FGD) | (labels == cv2.GC_PR_BGD)
    # GrabCut needs both colour models; with nothing unsure there is nothing to decide
    if not unsure.any() or (labels == cv2.GC_FGD).sum() < 10 or (labels == cv2.GC_BGD).sum() < 10:
        return prob
    try:
        cv2.setRNGSeed(0)
        cv2.grabCut(img_c, labels, None, np.zeros((1, 65)), np.zeros((1, 65)), iterations, cv2.GC_INIT_WITH_MASK)
    except cv2.error:  # e.g. a degenerate colour model: keep the probabilities
        return prob
    fg = ((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)).astype(np.float32)
    if s < 1:
        fg = cv2.resize(fg, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
    out = prob.copy()
    region = out[y0:y1, x0:x1]
    band = (region >= low) & (region < 1 - low)
    region[band] = (fg[band] >= 0.5).astype(np.float32)
    return out
