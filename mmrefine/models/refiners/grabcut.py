"""OpenCV GrabCut, run reproducibly: from a box (a baseline) and on a mask's unsure band."""
from typing import Optional, Sequence, Tuple

import cv2
import numpy as np

from .windows import crop_region, resize, scaled_crop


def seeded_grabcut(image: np.ndarray, labels: np.ndarray, rect: Optional[Tuple[int, int, int, int]],
                   iterations: int, mode: int) -> bool:
    """``cv2.grabCut`` with OpenCV's random generator seeded with 0 first.

    GrabCut's k-means draws from OpenCV's global generator, so without the seed a
    result would depend on the calls before it. ``labels`` (``(H, W)`` uint8
    ``cv2.GC_*`` values) is updated in place; ``rect`` is ``(x, y, w, h)`` for
    ``mode=cv2.GC_INIT_WITH_RECT``, None with ``cv2.GC_INIT_WITH_MASK``.

    Returns:
        False where OpenCV refuses the input (e.g. a colour model with no
        pixels), ``labels`` then being unspecified; True otherwise.
    """
    try:
        cv2.setRNGSeed(0)
        cv2.grabCut(image, labels, rect, np.zeros((1, 65)), np.zeros((1, 65)), iterations, mode)
    except cv2.error:
        return False
    return True


def grabcut_box(image: np.ndarray, box: Sequence[float], iterations: int = 5) -> np.ndarray:
    """OpenCV GrabCut initialised with the box alone, on the whole image: the classic box-prompt baseline.

    Args:
        image: ``(H, W, 3)`` uint8 BGR.
        box: xyxy pixels; clipped to the image.
        iterations: GrabCut iterations.
    Returns:
        ``(H, W)`` bool, empty where GrabCut fails (e.g. a box with no
        background around it).
    """
    h, w = image.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    x0, y0 = min(max(x0, 0), w - 1), min(max(y0, 0), h - 1)
    rect = (x0, y0, max(1, min(x1, w) - x0), max(1, min(y1, h) - y0))
    labels = np.zeros((h, w), np.uint8)
    if not seeded_grabcut(image, labels, rect, iterations, cv2.GC_INIT_WITH_RECT):
        return np.zeros((h, w), bool)
    return (labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)


def grabcut_band(image: np.ndarray, prob: np.ndarray, box: Sequence[float], low: float = 0.2,
                 max_size: int = 160, iterations: int = 1, margin: float = 0.1, min_size: int = 0) -> np.ndarray:
    """Let OpenCV GrabCut decide the pixels where ``prob`` is unsure.

    Pixels with ``prob >= 1 - low`` seed the foreground colour model, pixels with
    ``prob < low`` or outside ``box`` the background; the rest start as
    "probably" foreground or background (``prob >= 0.5``) and GrabCut labels
    them. Runs on the box + ``margin`` scaled to ``max_size`` on the long side if
    longer (and up to ``min_size`` if shorter), through :func:`seeded_grabcut`,
    so the result depends on the inputs alone.

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
    img_c, (prob_c, ), s = scaled_crop(image, [prob], (x0, y0, x1, y1), max_size, min_size)
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
    if not seeded_grabcut(img_c, labels, None, iterations, cv2.GC_INIT_WITH_MASK):
        return prob  # e.g. a degenerate colour model: keep the probabilities
    fg = ((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)).astype(np.float32)
    if s != 1:
        fg = resize(fg, (x1 - x0, y1 - y0))
    out = prob.copy()
    region = out[y0:y1, x0:x1]
    band = (region >= low) & (region < 1 - low)
    region[band] = (fg[band] >= 0.5).astype(np.float32)
    return out
