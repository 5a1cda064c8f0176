"""Training samples for the patch refiner: instance crop -> coarse mask -> boundary window.

All three are registered in mmseg's ``TRANSFORMS`` and work on numpy arrays.
"""
from typing import Sequence, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from pycocotools import mask as mask_utils

from mmseg.registry import TRANSFORMS

from ...models.refiners.windows import (boundary_band, crop_region, crop_windows, refiner_window_input,
                                        scaled_crop)
from ...utils import mask_extent


def _rng(results: dict, deterministic: bool) -> np.random.Generator:
    """Per-sample generator: fixed by the sample index for validation, else from numpy's global state
    (which MMEngine seeds per worker)."""
    if deterministic:
        return np.random.default_rng(int(results.get('sample_idx', 0)))
    return np.random.default_rng(np.random.randint(2**31))


def decode_segmentation(seg, height: int, width: int) -> np.ndarray:
    """``(H, W)`` bool mask of a COCO segmentation (RLE with str or bytes counts, uncompressed RLE,
    or polygons)."""
    if isinstance(seg, list):  # polygons
        rle = mask_utils.merge(mask_utils.frPyObjects(seg, height, width)) if seg else None
        return mask_utils.decode(rle).astype(bool) if rle else np.zeros((height, width), bool)
    if isinstance(seg.get('counts'), list):  # uncompressed RLE
        seg = mask_utils.frPyObjects(seg, height, width)
    elif isinstance(seg.get('counts'), str):
        seg = dict(seg, counts=seg['counts'].encode('utf-8'))
    return mask_utils.decode(seg).astype(bool)


def decode_mask(seg, height: int, width: int, where=None) -> np.ndarray:
    """``(H, W)`` uint8 0/1 of a COCO segmentation; ``ValueError`` if it is not the image's size."""
    mask = decode_segmentation(seg, height, width).astype(np.uint8)
    if mask.shape != (height, width):
        raise ValueError(f'{where}: mask {mask.shape} does not match image {(height, width)}')
    return mask


@TRANSFORMS.register_module()
class LoadInstanceCrop(BaseTransform):
    """Cut one instance's region (box + margin) from ``img`` and its mask, as the refiner sees it.

    Needs ``img``, ``bbox`` (xyxy) and ``mask`` (COCO RLE or polygons). Sets
    ``img`` to the crop, ``gt_seg_map`` to the 0/1 mask crop, and
    ``crop_box``; a ``coarse_segmentation`` (a model's mask) becomes
    ``coarse_mask``, cropped alike. Crops longer than ``max_size`` are scaled down, exactly as at
    inference (``refine_mask``). With ``others``, the union of the image's other objects
    (``other_masks``, and ``other_coarse`` if given) becomes ``others_gt`` (and ``others_coarse``), 0/1
    crops alike.

    Args:
        margin: box growth on each side, as a fraction of its size.
        margin_jitter: training: the margin varies by up to this much.
        max_size: long side limit of the crop.
        others: also crop the other objects' masks.
        deterministic: fixed randomness per sample (validation).
    """

    def __init__(self, margin: float = 0.1, margin_jitter: float = 0.0, max_size: int = 512,
                 others: bool = False, deterministic: bool = False) -> None:
        self.margin = margin
        self.margin_jitter = margin_jitter
        self.max_size = max_size
        self.others = others
        self.deterministic = deterministic

    @staticmethod
    def _union(segs, height: int, width: int, where) -> np.ndarray:
        """``(H, W)`` uint8 0/1: the union of COCO segmentations."""
        out = np.zeros((height, width), np.uint8)
        for seg in segs:
            out |= decode_mask(seg, height, width, where)
        return out

    def transform(self, results: dict) -> dict:
        rng = _rng(results, self.deterministic)
        img = results['img']
        h, w = img.shape[:2]
        mask = decode_mask(results['mask'], h, w, results.get('img_path'))
        coarse = results.get('coarse_segmentation')
        coarse = None if coarse is None else decode_mask(coarse, h, w, results.get('img_path'))
        margin = self.margin + (rng.uniform(-1, 1) * self.margin_jitter if self.margin_jitter else 0)
        region = crop_region(results['bbox'], max(0.0, margin), h, w)
        named = {'mask': mask, 'coarse_mask': coarse}
        if self.others:
            where = results.get('img_path')
            named['others_gt'] = self._union(results.get('other_masks') or [], h, w, where)
            other_coarse = results.get('other_coarse')
            named['others_coarse'] = None if other_coarse is None else self._union(other_coarse, h, w, where)
        names = [k for k, v in named.items() if v is not None]
        img, maps, _ = scaled_crop(img, [named[k] for k in names], region, self.max_size)
        maps = dict(zip(names, maps))
        mask = (maps.pop('mask') >= 0.5).astype(np.uint8)
        if 'coarse_mask' in maps:
            results['coarse_mask'] = maps.pop('coarse_mask')
        for k, m in maps.items():
            results[k] = (m >= 0.5).astype(np.uint8)
        results.update(img=np.ascontiguousarray(img), gt_seg_map=np.ascontiguousarray(mask), crop_box=region,
                       img_shape=img.shape[:2], ori_shape=img.shape[:2])
        results.setdefault('seg_fields', []).append('gt_seg_map')
        return results


def _on_grid(m: np.ndarray, extent: Tuple[int, int, int, int], size: int, sigma: float = 0.0) -> np.ndarray:
    """``m`` ``(H, W)`` float32 resampled on a ``size`` x ``size`` grid over ``extent`` (xyxy),
    blurred there by ``sigma`` grid cells if positive, and upsampled back; zero outside ``extent``."""
    x0, y0, x1, y1 = extent
    small = cv2.resize(m[y0:y1, x0:x1], (size, size), interpolation=cv2.INTER_AREA)
    if sigma > 0:
        small = cv2.GaussianBlur(small, (0, 0), sigma)
    out = np.zeros_like(m)
    out[y0:y1, x0:x1] = cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
    return out


def degrade_mask(mask: np.ndarray, rng: np.random.Generator, modes: Sequence[str]) -> np.ndarray:
    """A plausible coarse version of a 0/1 mask, as float32 probabilities ``(H, W)``.

    Modes: ``lowres`` (the box region at 14-56 px, upsampled: what a Mask R-CNN
    head produces), ``morph`` (dilate or erode), ``poly`` (polygon
    simplification), ``noise`` (wobbly boundary), ``blur`` (blur and threshold),
    ``shift`` (a few pixels off), ``fine`` (nearly right, as a strong model's
    mask: exact, sampled on a 56-112 px grid, or 1 px off; teaches the refiner
    to leave good boundaries alone).
    """
    mask = np.ascontiguousarray(mask, dtype=np.uint8)
    h, w = mask.shape
    diag = float(np.hypot(h, w))
    mode = modes[rng.integers(len(modes))]
    m = mask.astype(np.float32)
    if mode == 'lowres':
        extent = mask_extent(mask)
        if extent is not None:
            m = _on_grid(m, extent, int(rng.choice([14, 28, 56])), rng.uniform(0.3, 1.0))
    elif mode == 'morph':
        k = int(rng.integers(1, max(2, int(0.03 * diag)) + 1))
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * k + 1, 2 * k + 1))
        m = (cv2.dilate if rng.random() < 0.5 else cv2.erode)(mask, kernel).astype(np.float32)
    elif mode == 'poly':
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        out = np.zeros(mask.shape, np.uint8)
        for c in contours:
            eps = rng.uniform(0.005, 0.03) * cv2.arcLength(c, True)
            cv2.fillPoly(out, [cv2.approxPolyDP(c, eps, True)], 1)
        m = out.astype(np.float32)
    elif mode == 'noise':
        step = max(4, int(diag * rng.uniform(0.02, 0.06)))
        field = rng.normal(0, 1, ((h + step - 1) // step + 1, (w + step - 1) // step + 1)).astype(np.float32)
        field = cv2.resize(field, (w, h), interpolation=cv2.INTER_CUBIC)
        smooth = cv2.GaussianBlur(m, (0, 0), max(1.0, 0.01 * diag))
        m = (smooth + rng.uniform(0.1, 0.3) * field >= 0.5).astype(np.float32)
    elif mode == 'blur':
        blurred = cv2.GaussianBlur(m, (0, 0), rng.uniform(1.0, max(1.5, 0.03 * diag)))
        m = (blurred >= rng.uniform(0.3, 0.7)).astype(np.float32)
    elif mode == 'shift':
        dx, dy = rng.integers(-3, 4, size=2)
        m = cv2.warpAffine(m, np.float32([[1, 0, dx], [0, 1, dy]]), (w, h))
    elif mode == 'fine':
        kind = rng.integers(3)
        extent = mask_extent(mask) if kind == 1 else None
        if extent is not None:  # a fine grid over the object, upsampled without blur
            m = _on_grid(m, extent, int(rng.integers(56, 113)))
        elif kind == 2:
            dx, dy = [(1, 0), (-1, 0), (0, 1), (0, -1)][rng.integers(4)]
            m = cv2.warpAffine(m, np.float32([[1, 0, dx], [0, 1, dy]]), (w, h))
    if rng.random() < 0.5 and mode != 'lowres':  # binary masks from other models, or soft ones
        m = cv2.GaussianBlur(m, (0, 0), rng.uniform(0.5, 1.0 if mode == 'fine' else 2.0))
    return np.clip(m, 0, 1).astype(np.float32)


@TRANSFORMS.register_module()
class SimulateCoarseMask(BaseTransform):
    """Add ``coarse`` (float32 ``(H, W)`` in [0, 1]): a degraded copy of ``gt_seg_map``.

    When the sample brings a real coarse mask (``coarse_mask``, a model's
    prediction), it is used instead with probability ``real_prob``, softened
    a little half of the time. With the other objects' masks (``others_gt``
    from ``LoadInstanceCrop(others=True)``) it also adds ``others`` (0/1
    float32): their real coarse masks (``others_coarse``) when this object's
    real coarse mask was used, else a degraded copy of their union (or none,
    with ``simulate_others=False``).

    Args:
        modes: degradations to pick from (see ``degrade_mask``).
        real_prob: how often a real coarse mask is preferred when there is one.
        simulate_others: with a simulated coarse mask, show degraded other
            objects (True) or none (False: only real masks show neighbours).
        deterministic: fixed randomness per sample (validation).
    """

    def __init__(self, modes: Sequence[str] = ('lowres', 'lowres', 'morph', 'poly', 'noise', 'blur', 'shift'),
                 real_prob: float = 0.5, simulate_others: bool = True, deterministic: bool = False) -> None:
        self.modes = tuple(modes)
        self.real_prob = real_prob
        self.simulate_others = simulate_others
        self.deterministic = deterministic

    def transform(self, results: dict) -> dict:
        rng = _rng(results, self.deterministic)
        real = results.get('coarse_mask')
        use_real = real is not None and rng.random() < self.real_prob
        if use_real:
            coarse = real.astype(np.float32)
            if rng.random() < 0.5:
                coarse = cv2.GaussianBlur(coarse, (0, 0), rng.uniform(0.5, 1.5))
            results['coarse'] = np.clip(coarse, 0, 1)
        else:
            results['coarse'] = degrade_mask(results['gt_seg_map'], rng, self.modes)
        others = results.get('others_gt')
        if others is not None:
            if use_real and results.get('others_coarse') is not None:
                others = results['others_coarse']
            elif not self.simulate_others:
                others = np.zeros_like(others)
            elif others.any():
                others = degrade_mask(others, rng, self.modes) >= 0.5
            results['others'] = others.astype(np.float32)
        return results


@TRANSFORMS.register_module()
class SampleBoundaryWindow(BaseTransform):
    """Cut one ``size`` window centred near the coarse boundary; the refiner's input and target.

    Sets ``img`` to ``(size, size, 4)`` float32 (image channels, then the
    coarse probability x 255; with ``others`` from ``SimulateCoarseMask``, a
    5th channel: the other objects x 255) and ``gt_seg_map`` to the window's
    0/1 target (255 outside the crop: ignored).

    Args:
        size: window side in pixels.
        gt_boundary_prob: how often the centre is taken on the true boundary
            instead (where the coarse mask may have missed a part).
        jitter: random offset of the centre, pixels.
        others_prob: with other objects in the crop, how often the centre is
            taken where the boundary meets or runs near them (``size // 8`` px).
        deterministic: fixed randomness per sample (validation).
    """

    def __init__(self, size: int = 64, gt_boundary_prob: float = 0.25, jitter: int = 8,
                 others_prob: float = 0.0, deterministic: bool = False) -> None:
        self.size = size
        self.gt_boundary_prob = gt_boundary_prob
        self.jitter = jitter
        self.others_prob = others_prob
        self.deterministic = deterministic

    def transform(self, results: dict) -> dict:
        rng = _rng(results, self.deterministic)
        img, gt, coarse = results['img'], results['gt_seg_map'], results['coarse']
        use_gt = rng.random() < self.gt_boundary_prob
        band = boundary_band(gt if use_gt else coarse, 1)
        if not band.any():
            band = boundary_band(coarse if use_gt else gt, 1)
        others = results.get('others')
        if others is not None and others.any() and rng.random() < self.others_prob:
            reach = 2 * (self.size // 8) + 1
            near = band & (cv2.dilate(others.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0)
            band = near if near.any() else band
        ys, xs = np.nonzero(band)
        if len(ys):
            k = rng.integers(len(ys))
            y, x = int(ys[k]), int(xs[k])
        else:  # no boundary at all: anywhere
            y, x = int(rng.integers(gt.shape[0])), int(rng.integers(gt.shape[1]))
        y += int(rng.integers(-self.jitter, self.jitter + 1))
        x += int(rng.integers(-self.jitter, self.jitter + 1))
        y, x = min(max(y, 0), gt.shape[0] - 1), min(max(x, 0), gt.shape[1] - 1)
        centre = np.array([[y, x]])
        # the layout the cascade feeds the refiner at inference, channels last for PackSegInputs
        results['img'] = np.ascontiguousarray(
            refiner_window_input(img, coarse, centre, self.size, others)[0].transpose(1, 2, 0))
        results['gt_seg_map'] = crop_windows(gt, centre, self.size, fill=255)[0]
        results['img_shape'] = results['ori_shape'] = (self.size, self.size)
        return results

