"""Square windows along a mask boundary: where to put them, how to cut and blend them."""
from typing import List, Optional, Sequence, Tuple

import cv2
import numpy as np


def crop_region(box: Sequence[float], margin: float, height: int, width: int) -> Tuple[int, int, int, int]:
    """Integer ``(x0, y0, x1, y1)`` of ``box`` (xyxy) grown by ``margin`` of its size (+ 4 px), clipped."""
    x0, y0, x1, y1 = box
    mx, my = margin * (x1 - x0) + 4, margin * (y1 - y0) + 4
    return (max(0, int(np.floor(x0 - mx))), max(0, int(np.floor(y0 - my))),
            min(width, int(np.ceil(x1 + mx))), min(height, int(np.ceil(y1 + my))))


def crop_scale(crop_h: int, crop_w: int, max_size: int, min_size: int = 0) -> float:
    """Scale factor that brings a crop's long side into ``[min_size, max_size]`` (1 if it is there)."""
    long = max(crop_h, crop_w, 1)
    if long > max_size:
        return max_size / long
    if long < min_size:
        return min_size / long
    return 1.0


def scaled_crop(image: np.ndarray, maps: Sequence[np.ndarray], region: Tuple[int, int, int, int],
                max_size: int, min_size: int = 0) -> Tuple[np.ndarray, List[np.ndarray], float]:
    """Cut ``region`` (xyxy) from an image and its per-pixel maps, its long side brought into
    ``[min_size, max_size]``.

    The one crop of the refiner, shared by training (``LoadInstanceCrop``) and
    inference (``refine_mask``) so both see objects at the same scale. Training
    never enlarges; inference enlarges crops smaller than most training crops.

    Args:
        image: ``(H, W, C)`` array.
        maps: ``(H, W)`` arrays (masks, probabilities); returned as float32.
        region: integer ``(x0, y0, x1, y1)``, e.g. from ``crop_region``.
        max_size: long side limit; larger crops are shrunk with area averaging.
        min_size: smaller crops are enlarged bilinearly to this long side (0: never).
    Returns:
        ``(h, w, C)`` image crop, the ``(h, w)`` float32 map crops, and the scale.
    """
    x0, y0, x1, y1 = region
    image = image[y0:y1, x0:x1]
    maps = [np.asarray(m[y0:y1, x0:x1], dtype=np.float32) for m in maps]
    s = crop_scale(y1 - y0, x1 - x0, max_size, min_size)
    if s != 1:
        size = (max(1, round((x1 - x0) * s)), max(1, round((y1 - y0) * s)))
        image = resize(image, size)
        maps = [resize(m, size) for m in maps]
    return image, maps, s


def resize(array: np.ndarray, size: Tuple[int, int]) -> np.ndarray:
    """``array`` resized to ``size`` ``(w, h)``: area averaging to shrink, bilinear to enlarge."""
    shrink = size[0] * size[1] < array.shape[0] * array.shape[1]
    return cv2.resize(array, size, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)


def boundary_band(prob: np.ndarray, width: int = 1) -> np.ndarray:
    """Pixels within ``width`` of the 0.5 level line of ``prob``.

    Args:
        prob: ``(H, W)`` probabilities in [0, 1] (or a binary mask).
    Returns:
        ``(H, W)`` bool.
    """
    mask = (prob >= 0.5).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * width + 1, 2 * width + 1))
    # pad with the edge value: the image border is not a boundary
    padded = cv2.copyMakeBorder(mask, width, width, width, width, cv2.BORDER_REPLICATE)
    inner = cv2.erode(padded, kernel)[width:-width, width:-width]
    outer = cv2.dilate(padded, kernel)[width:-width, width:-width]
    return outer > inner


def window_centres(band: np.ndarray, size: int, stride: int, max_windows: int = 0) -> np.ndarray:
    """Centres of ``size`` windows covering the ``True`` pixels of ``band``.

    Band pixels are snapped to a grid of step ``stride``; every occupied grid
    cell gives one centre (the mean of its pixels, so windows follow the
    boundary). With ``max_windows`` > 0, the cells with most band pixels win.

    Args:
        band: ``(H, W)`` bool.
    Returns:
        ``(K, 2)`` int ``(y, x)`` centres.
    """
    ys, xs = np.nonzero(band)
    if len(ys) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    cell = (ys // stride) * (band.shape[1] // stride + 1) + xs // stride
    cells, inverse, counts = np.unique(cell, return_inverse=True, return_counts=True)
    cy = np.bincount(inverse, weights=ys) / counts
    cx = np.bincount(inverse, weights=xs) / counts
    centres = np.stack([np.round(cy), np.round(cx)], axis=1).astype(np.int64)
    if max_windows and len(centres) > max_windows:
        centres = centres[np.argsort(-counts, kind='stable')[:max_windows]]
    return centres


def crop_windows(array: np.ndarray, centres: np.ndarray, size: int, fill: float = 0) -> np.ndarray:
    """Cut ``size`` x ``size`` windows, padding with ``fill`` beyond the edges.

    Args:
        array: ``(H, W)`` or ``(H, W, C)``.
        centres: ``(K, 2)`` ``(y, x)``, inside the array.
    Returns:
        ``(K, size, size[, C])``, same dtype.
    """
    if len(centres) and (centres.min() < 0 or (centres >= np.array(array.shape[:2])).any()):
        raise ValueError('window centres must lie inside the array')
    half = size // 2
    pad = [(half, size), (half, size)] + [(0, 0)] * (array.ndim - 2)
    padded = np.pad(array, pad, constant_values=fill)
    # after padding by `half`, a window centred at (y, x) starts at (y, x)
    return np.stack([padded[y:y + size, x:x + size] for y, x in centres]) if len(centres) else \
        np.zeros((0, size, size) + array.shape[2:], dtype=array.dtype)


def window_weight(size: int) -> np.ndarray:
    """``(size, size)`` blending weight: 1 in the middle, falling linearly to 0 at the edges."""
    ramp = np.minimum(np.arange(size) + 0.5, size - np.arange(size) - 0.5) / (size / 2)
    ramp = np.clip(ramp * 2, 0, 1)  # flat over the central half
    return np.outer(ramp, ramp).astype(np.float32)


def blend_windows(coarse: np.ndarray, windows: np.ndarray, centres: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Paste refined windows over ``coarse``, weighted, overlaps averaged.

    Where windows cover a pixel fully (weight >= 1) the refined value wins;
    towards window edges it fades into ``coarse``.

    Args:
        coarse: ``(H, W)`` float probabilities.
        windows: ``(K, S, S)`` refined probabilities.
        centres: ``(K, 2)`` ``(y, x)`` as given to ``crop_windows``.
    Returns:
        ``(H, W)`` blended probabilities and ``(H, W)`` coverage in [0, 1].
    """
    h, w = coarse.shape
    if len(windows) == 0:
        return coarse.astype(np.float32), np.zeros((h, w), np.float32)
    size = windows.shape[1]
    half = size // 2
    weight = window_weight(size)
    acc = np.zeros((h + half + size, w + half + size), np.float32)
    total = np.zeros_like(acc)
    for (y, x), win in zip(centres, windows):
        acc[y:y + size, x:x + size] += win * weight
        total[y:y + size, x:x + size] += weight
    acc, total = acc[half:half + h, half:half + w], total[half:half + h, half:half + w]
    refined = np.where(total > 0, acc / np.maximum(total, 1e-6), coarse)
    cover = np.clip(total, 0, 1)
    return (cover * refined + (1 - cover) * coarse).astype(np.float32), cover


def refiner_window_input(image: np.ndarray, coarse: np.ndarray, centres: np.ndarray, size: int,
                         others: Optional[np.ndarray] = None) -> np.ndarray:
    """``(K, C, size, size)`` float32 refiner input for windows of ``image`` ``(H, W, 3)`` and
    ``coarse`` ``(H, W)`` probabilities, laid out as ``SampleBoundaryWindow`` does: C = 4, or 5 with
    ``others`` ``(H, W)`` in [0, 1] (where the image's other known objects lie) as the last channel."""
    image_win = crop_windows(image.astype(np.float32), centres, size)
    maps = [coarse] if others is None else [coarse, others]
    map_wins = [crop_windows(m.astype(np.float32), centres, size)[..., None] * 255.0 for m in maps]
    stacked = np.concatenate([image_win] + map_wins, axis=3)
    return np.ascontiguousarray(stacked.transpose(0, 3, 1, 2))
