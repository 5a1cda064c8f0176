"""Synthetic scenes with exact instance masks, for tests and examples.

Objects are smooth random blobs with their own colour and texture on a
textured background, so a known-box segmenter has a real edge to find.
"""
import json
import os
import os.path as osp
from typing import List, Sequence, Tuple

import cv2
import numpy as np
from pycocotools import mask as mask_utils

from ..utils import mask_extent


def _texture(rng: np.random.Generator, h: int, w: int, base: np.ndarray, amp: float) -> np.ndarray:
    noise = rng.normal(0, 1, (h // 8 + 2, w // 8 + 2, 3)).astype(np.float32)
    noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC)
    fine = rng.normal(0, 0.35, (h, w, 3)).astype(np.float32)
    return base[None, None, :] + amp * (noise + fine)


def _blob(rng: np.random.Generator, h: int, w: int, box: Tuple[int, int, int, int]) -> np.ndarray:
    """Star-shaped smooth blob filling most of ``box`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    angles = np.linspace(0, 2 * np.pi, 64, endpoint=False)
    radius = np.ones_like(angles)
    for k in (2, 3, 5):
        radius += rng.uniform(0.04, 0.12) * np.sin(k * angles + rng.uniform(0, 2 * np.pi))
    radius /= radius.max()
    pts = np.stack([cx + rx * radius * np.cos(angles), cy + ry * radius * np.sin(angles)], 1)
    mask = np.zeros((h, w), np.uint8)
    cv2.fillPoly(mask, [np.round(pts).astype(np.int32)], 1)
    return mask.astype(bool)


def make_scene(seed: int, size: Tuple[int, int] = (320, 240),
               num_objects: int = 2) -> Tuple[np.ndarray, List[np.ndarray]]:
    """One synthetic image and its non-overlapping instance masks.

    Returns:
        ``(H, W, 3)`` uint8 BGR image and ``num_objects`` ``(H, W)`` bool masks.
    """
    rng = np.random.default_rng(seed)
    w, h = size
    bg = rng.uniform(60, 200, 3)
    image = _texture(rng, h, w, bg, 18)
    masks: List[np.ndarray] = []
    occupied = np.zeros((h, w), bool)
    cols = num_objects
    for i in range(num_objects):
        cell_w = w // cols
        bw = int(cell_w * rng.uniform(0.55, 0.85))
        bh = int(h * rng.uniform(0.45, 0.8))
        x0 = i * cell_w + int(rng.uniform(0, cell_w - bw))
        y0 = int(rng.uniform(0, h - bh))
        mask = _blob(rng, h, w, (x0, y0, x0 + bw, y0 + bh)) & ~occupied
        colour = (bg + rng.choice([-1, 1], 3) * rng.uniform(50, 90, 3)).clip(0, 255)
        obj = _texture(rng, h, w, colour, 12)
        image[mask] = obj[mask]
        occupied |= mask
        masks.append(mask)
    image = cv2.GaussianBlur(image, (3, 3), 0.7)
    return image.clip(0, 255).astype(np.uint8), masks


def tight_box(mask: np.ndarray) -> List[float]:
    """COCO ``[x, y, w, h]`` of a non-empty mask."""
    x0, y0, x1, y1 = mask_extent(mask)
    return [float(x0), float(y0), float(x1 - x0), float(y1 - y0)]


def make_coco_set(folder: str, num_images: int = 4, seed: int = 0, size: Tuple[int, int] = (320, 240),
                  num_objects: int = 2, ext: str = '.png') -> str:
    """Write ``folder/images/*`` and ``folder/annotations.json``; returns the json path."""
    os.makedirs(osp.join(folder, 'images'), exist_ok=True)
    images, anns = [], []
    for i in range(num_images):
        image, masks = make_scene(seed * 1000 + i, size, num_objects)
        name = f'synthetic_{i:03d}{ext}'
        cv2.imwrite(osp.join(folder, 'images', name), image)
        images.append(dict(id=i + 1, file_name=name, width=size[0], height=size[1]))
        for mask in masks:
            rle = mask_utils.encode(np.asfortranarray(mask.astype(np.uint8)))
            rle['counts'] = rle['counts'].decode('utf-8')
            anns.append(dict(id=len(anns) + 1, image_id=i + 1, category_id=1, bbox=tight_box(mask),
                             area=int(mask.sum()), iscrowd=0, segmentation=rle))
    path = osp.join(folder, 'annotations.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(dict(images=images, annotations=anns, categories=[dict(id=1, name='object')]), f)
    return path


OPENIMAGES_FIELDS = ('MaskPath', 'ImageID', 'LabelName', 'BoxID', 'BoxXMin', 'BoxXMax', 'BoxYMin', 'BoxYMax',
                     'PredictedIoU', 'Clicks')


def make_openimages_layout(root: str, image_ids: Sequence[str] = ('aa00', 'bb11'), size: Tuple[int, int] = (200, 100),
                           fields: Sequence[str] = OPENIMAGES_FIELDS) -> dict:
    """Write a tiny Open Images validation layout; returns ``{mask file: full-size mask}``.

    Each image has two objects: a motorcycle and (first image only) a horse;
    mask PNGs are stored at half resolution, as Open Images does.
    """
    import csv
    w, h = size
    os.makedirs(osp.join(root, 'validation'), exist_ok=True)
    os.makedirs(osp.join(root, 'validation-masks'), exist_ok=True)
    with open(osp.join(root, 'class-descriptions-boxable.csv'), 'w') as f:
        f.write('/m/04_sv,Motorcycle\n/m/03k3r,Horse\n')
    rows, masks = [], {}
    for i, image_id in enumerate(image_ids):
        image, objs = make_scene(i, size, num_objects=2)
        cv2.imwrite(osp.join(root, 'validation', f'{image_id}.jpg'), image)
        for j, (label, mask) in enumerate(zip(['/m/04_sv', '/m/03k3r' if i == 0 else '/m/04_sv'], objs)):
            name = f'{image_id}_{label[3:].replace("/", "")}_{j:08x}.png'
            small = cv2.resize(mask.astype(np.uint8) * 255, (w // 2, h // 2), interpolation=cv2.INTER_NEAREST)
            cv2.imwrite(osp.join(root, 'validation-masks', name), small)
            ys, xs = np.nonzero(mask)
            rows.append(dict(MaskPath=name, ImageID=image_id, LabelName=label, BoxID=f'{j:08x}',
                             BoxXMin=xs.min() / w, BoxXMax=(xs.max() + 1) / w,
                             BoxYMin=ys.min() / h, BoxYMax=(ys.max() + 1) / h, PredictedIoU='', Clicks=''))
            masks[name] = mask
    with open(osp.join(root, 'validation-annotations-object-segmentation.csv'), 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=list(fields), extrasaction='ignore')
        writer.writeheader()
        writer.writerows(rows)
    return masks
