"""Copy-paste augmentation that makes objects occlude each other inside known boxes."""
import random
from typing import Optional, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmdet.registry import TRANSFORMS
from mmdet.structures.bbox import HorizontalBoxes
from mmdet.structures.mask import BitmapMasks

from ...utils.masks import mask_extent


@TRANSFORMS.register_module()
class PasteOccluder(BaseTransform):
    """Paste objects of another image over this image's objects, as occluders.

    Scenes with several objects (DAVIS) lose most of their IoU where one known
    box holds part of another object; few training images show that. This
    transform makes such scenes: it cuts up to ``max_pasted`` objects out of a
    second image (``results['mix_results'][0]``, as given by
    ``MultiImageMixDataset``), scales each to ``scale_range`` times the size of
    a randomly chosen object of this image, and pastes it at a random spot
    inside that object's box. Every mask underneath loses the pasted pixels,
    boxes are recomputed from the visible masks, and objects with fewer than
    ``min_visible`` of their pixels (or ``min_pixels``) left are dropped. The
    pasted objects join the instances (label 0, class-agnostic).

    Required keys: ``img``, ``gt_bboxes``, ``gt_bboxes_labels``,
    ``gt_ignore_flags``, ``gt_masks`` (``BitmapMasks``), ``mix_results``.
    Modified keys: the same, except ``mix_results``.

    Args:
        prob: probability of pasting at all.
        max_pasted: at most this many objects pasted (at least one).
        scale_range: pasted box side / target box side, drawn uniformly.
        min_visible: fraction of an object's pixels that must stay visible.
        min_pixels: fewest pixels a pasted or remaining object may have.
    """

    def __init__(self,
                 prob: float = 0.5,
                 max_pasted: int = 2,
                 scale_range: Tuple[float, float] = (0.3, 0.8),
                 min_visible: float = 0.25,
                 min_pixels: int = 64) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'PasteOccluder: prob must be in [0, 1], got {prob}')
        if max_pasted < 1:
            raise ValueError(f'PasteOccluder: max_pasted must be >= 1, got {max_pasted}')
        if not 0 < scale_range[0] <= scale_range[1]:
            raise ValueError(f'PasteOccluder: bad scale_range {scale_range}')
        self.prob = prob
        self.max_pasted = max_pasted
        self.scale_range = scale_range
        self.min_visible = min_visible
        self.min_pixels = min_pixels

    def get_indexes(self, dataset) -> int:
        """Index of the image the occluders are cut from."""
        return random.randint(0, len(dataset) - 1)

    @cache_randomness
    def _draw(self, n_src: int, n_dst: int) -> list:
        """(source instance, target instance, scale, x, y in the target box) per paste."""
        if n_src == 0 or n_dst == 0 or np.random.rand() >= self.prob:
            return []
        k = np.random.randint(1, self.max_pasted + 1)
        return [(np.random.randint(n_src), np.random.randint(n_dst), np.random.uniform(*self.scale_range),
                 np.random.rand(), np.random.rand()) for _ in range(k)]

    def transform(self, results: dict) -> Optional[dict]:
        src = results['mix_results'][0]
        dst_masks = results['gt_masks']
        src_masks = src['gt_masks']
        if not isinstance(dst_masks, BitmapMasks) or not isinstance(src_masks, BitmapMasks):
            raise TypeError('PasteOccluder needs BitmapMasks (LoadAnnotations with poly2mask=True)')
        pastes = self._draw(len(src_masks), len(dst_masks))
        if not pastes:
            return results
        img = results['img'].copy()
        h, w = img.shape[:2]
        masks = dst_masks.masks.astype(bool)
        area0 = masks.reshape(len(masks), -1).sum(1)
        pasted = []
        for k_src, k_dst, scale, u, v in pastes:
            patch = self._cut(src['img'], src_masks.masks[k_src].astype(bool))
            target = mask_extent(masks[k_dst])
            if patch is None or target is None:
                continue
            x0, y0, x1, y1 = target
            side = scale * max(x1 - x0, y1 - y0)
            pimg, pmask = patch
            f = side / max(pmask.shape)
            pw, ph = max(1, int(round(pmask.shape[1] * f))), max(1, int(round(pmask.shape[0] * f)))
            pimg = cv2.resize(pimg, (pw, ph), interpolation=cv2.INTER_LINEAR)
            pmask = cv2.resize(pmask.astype(np.uint8), (pw, ph), interpolation=cv2.INTER_NEAREST).astype(bool)
            # centre of the pasted object: a random point of the target's box
            cx, cy = x0 + u * (x1 - x0), y0 + v * (y1 - y0)
            px0, py0 = int(round(cx - pw / 2)), int(round(cy - ph / 2))
            full = np.zeros((h, w), bool)
            ax0, ay0, ax1, ay1 = max(px0, 0), max(py0, 0), min(px0 + pw, w), min(py0 + ph, h)
            if ax1 <= ax0 or ay1 <= ay0:
                continue
            sub = pmask[ay0 - py0:ay1 - py0, ax0 - px0:ax1 - px0]
            if sub.sum() < self.min_pixels:
                continue
            full[ay0:ay1, ax0:ax1] = sub
            region = img[ay0:ay1, ax0:ax1]
            region[sub] = pimg[ay0 - py0:ay1 - py0, ax0 - px0:ax1 - px0][sub]
            masks &= ~full[None]
            for m in pasted:
                m &= ~full
            pasted.append(full)
        if not pasted:
            return results
        visible = masks.reshape(len(masks), -1).sum(1)
        keep_old = (visible >= self.min_pixels) & (visible >= self.min_visible * np.maximum(area0, 1))
        pasted = [m for m in pasted if m.sum() >= self.min_pixels]
        all_masks = np.concatenate([masks[keep_old], np.array(pasted, bool).reshape(-1, h, w)])
        boxes = np.array([mask_extent(m) for m in all_masks], np.float32).reshape(-1, 4)
        results['img'] = img
        results['gt_masks'] = BitmapMasks(all_masks.astype(np.uint8), h, w)
        results['gt_bboxes'] = HorizontalBoxes(boxes)
        labels = np.asarray(results['gt_bboxes_labels'])
        results['gt_bboxes_labels'] = np.concatenate(
            [labels[keep_old], np.zeros(len(pasted), labels.dtype)])
        results['gt_ignore_flags'] = np.concatenate(
            [np.asarray(results['gt_ignore_flags'])[keep_old], np.zeros(len(pasted), bool)])
        return results

    def _cut(self, image: np.ndarray, mask: np.ndarray):
        """The object's ``(h, w, 3)`` patch and ``(h, w)`` mask, or None when it is too small."""
        if mask.sum() < self.min_pixels:
            return None
        x0, y0, x1, y1 = mask_extent(mask)
        return image[y0:y1, x0:x1], mask[y0:y1, x0:x1]

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, max_pasted={self.max_pasted}, '
                f'scale_range={self.scale_range}, min_visible={self.min_visible}, '
                f'min_pixels={self.min_pixels})')
