"""Refine the masks of a COCO results list from any model."""
import os.path as osp
from typing import Dict, List, Sequence

import numpy as np
from PIL import Image

from ..errors import InputError
from ..utils import is_integer, mask_extent
from .image_io import DECODE_ERRORS

#: ``fuse_masks``: the model's probability decides outside (low, 1 - low), the input mask inside
FUSE_LOW = 0.2
#: ``box_consistent``: how far a mask's extent may fall short of or beyond each side of its known box
BOX_TOLERANCE = 0.02  # of the box side
BOX_TOLERANCE_PX = 2  # at least


def check_results(path: str, entries, coco: dict, coco_path: str) -> Dict[int, dict]:
    """Check a COCO results list against its ground truth before any work is done.

    Every entry needs an ``id`` naming an annotation of ``coco`` (at most once)
    and a ``segmentation`` (RLE, or polygons) of that annotation's image size.

    Returns:
        ``{annotation id: entry}``.
    """
    if not isinstance(entries, list):
        raise InputError(f'{path}: expected a COCO results list')
    anns = {a['id']: a for a in coco['annotations']}
    images = {img['id']: img for img in coco['images']}
    by_id: Dict[int, dict] = {}
    for i, e in enumerate(entries):
        for field in ('id', 'segmentation'):
            if not isinstance(e, dict) or field not in e:
                raise InputError(f'{path}: entry {i} is missing field "{field}"')
        if not is_integer(e['id']):
            raise InputError(f'{path}: entry {i}: field "id" must be an integer (an annotation id)')
        ann = anns.get(e['id'])
        if ann is None:
            raise InputError(f'{path}: entry {i} has id {e["id"]}, which is no annotation id of {coco_path}')
        if e['id'] in by_id:
            raise InputError(f'{path}: entry {i} repeats id {e["id"]}')
        img = images.get(ann['image_id'])
        if img is None:
            raise InputError(f'{coco_path}: annotation id {ann["id"]} refers to unknown image_id {ann["image_id"]}')
        seg = e['segmentation']
        if isinstance(seg, dict):
            size = seg.get('size')
            if not (isinstance(size, list) and len(size) == 2) or 'counts' not in seg:
                raise InputError(f'{path}: entry {i} (id {e["id"]}): segmentation is not COCO RLE '
                                 '({"size": [h, w], "counts": ...})')
            if list(size) != [img['height'], img['width']]:
                raise InputError(f'{path}: entry {i} (id {e["id"]}): mask is {size[0]}x{size[1]} but image '
                                 f'{img["file_name"]} is {img["height"]}x{img["width"]}')
        elif not isinstance(seg, list):
            raise InputError(f'{path}: entry {i} (id {e["id"]}): segmentation must be RLE or polygons')
        by_id[e['id']] = e
    return by_id


def group_by_image(by_id: Dict[int, dict], coco: dict) -> Dict[int, List[dict]]:
    """Annotations with a results entry, per image id, in annotation order."""
    groups: Dict[int, List[dict]] = {}
    for ann in coco['annotations']:
        if ann['id'] in by_id:
            groups.setdefault(ann['image_id'], []).append(ann)
    return groups


def fuse_masks(mask: np.ndarray, prob: np.ndarray, low: float = FUSE_LOW) -> np.ndarray:
    """Combine another model's mask with mmrefine's own probability for the same box.

    Where mmrefine is confident (``prob < low`` or ``prob >= 1 - low``) its answer
    stands; where it is unsure, the input mask decides. For a binary input this is
    the 0.5 threshold of the weighted mean ``(1 - w) * mask + w * prob`` with
    ``w = 0.5 / (1 - low)``.

    Args:
        mask: ``(H, W)`` bool, the input mask, or float probabilities in [0, 1].
        prob: ``(H, W)`` float probabilities in [0, 1] of mmrefine's cascade.
        low: half-width of mmrefine's uncertain band, measured from 0 and 1.
    Returns:
        ``(H, W)`` of ``mask``'s dtype: the input where mmrefine is unsure, 0 or
        1 (False or True) where it is sure.
    """
    if mask.shape != prob.shape:
        raise ValueError(f'mask {mask.shape} and probability {prob.shape} differ in size')
    unsure = (prob >= low) & (prob < 1 - low)
    return np.where(unsure, mask, prob >= 1 - low).astype(mask.dtype, copy=False)


def read_probability(path: str, height: int, width: int) -> np.ndarray:
    """Read a probability map saved as a one-channel PNG (or any image PIL reads).

    8-bit values 0..255 and 16-bit values 0..65535 map to [0, 1]; a 1-bit image
    is a binary mask. ``InputError`` naming the file if it is missing,
    unreadable, of more than one channel, or not ``height`` x ``width``.

    Returns:
        ``(H, W)`` float32 in [0, 1].
    """
    if not osp.isfile(path):
        raise InputError(f'{path}: no such file (a probability map for each entry of the results list)')
    try:
        with Image.open(path) as im:
            im.load()
            mode = im.mode
            arr = np.asarray(im)
    except DECODE_ERRORS as err:
        reason = str(err).split('\n')[0] or type(err).__name__
        raise InputError(f'{path}: cannot read probability map ({reason})') from None
    scale = {'1': 1.0, 'L': 255.0, 'I;16': 65535.0, 'I;16B': 65535.0, 'I;16L': 65535.0, 'I': 65535.0}.get(mode)
    if scale is None:
        raise InputError(f'{path}: probability map must be one-channel 8- or 16-bit grayscale, got mode {mode}')
    if arr.shape != (height, width):
        raise InputError(f'{path}: probability map is {arr.shape[0]}x{arr.shape[1]} but its image is '
                         f'{height}x{width}')
    return np.clip(arr.astype(np.float32) / scale, 0.0, 1.0)


def box_consistent(mask: np.ndarray, box: Sequence[float], tolerance: float = BOX_TOLERANCE,
                   min_px: float = BOX_TOLERANCE_PX) -> bool:
    """Whether a mask spans its known box: each side of the mask's own bounding
    box lies within ``max(min_px, tolerance * box side)`` of the known box's.

    A known box is the object's extent, so a mask that stops short of a side
    (a missed part) or runs past it (a neighbour or background added) is wrong
    somewhere; an empty mask is never consistent.

    Args:
        mask: ``(H, W)`` bool.
        box: the known box, xyxy pixels (``x1``, ``y1`` exclusive, as COCO's
            ``[x, y, w, h]`` gives ``x1 = x + w``).
    """
    extent = mask_extent(mask)
    if extent is None:
        return False
    mx0, my0, mx1, my1 = extent
    x0, y0, x1, y1 = (float(v) for v in box)
    tol_x = max(min_px, tolerance * (x1 - x0))
    tol_y = max(min_px, tolerance * (y1 - y0))
    return (abs(mx0 - x0) <= tol_x and abs(mx1 - x1) <= tol_x
            and abs(my0 - y0) <= tol_y and abs(my1 - y1) <= tol_y)
