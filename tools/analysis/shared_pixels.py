"""Scenes with several objects: how much IoU is lost in pixels that two masks claim.

    python tools/analysis/shared_pixels.py [--set davis345-ritm] [--subset val|train] [--config C] [--checkpoint K]
        [--no-refine]

Runs the model (default: the shipped cascade) on the held-out part of one dev set of the config's val
dataloader, then scores every mask as predicted and with each shared pixel (one that two or more masks
claim) given to a single owner by a rule: the highest or lowest probability, the smallest or largest box,
the box the pixel lies deepest in or nearest the centre of, the claimant whose colours GrabCut finds in it,
or the true owner from the ground truth (an oracle: the ceiling of any ownership rule). Meant for sets whose
ground-truth masks do not overlap, such as DAVIS. ``--subset train`` runs on the set's training part instead.
"""
import argparse
import os.path as osp
import sys
from typing import Dict, Optional, Tuple

import cv2
import numpy as np

sys.path.insert(0, osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))


def resolve_shared(probs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Masks ``(N, H, W)`` bool where each pixel claimed by several masks keeps only the claimant with the
    highest ``scores`` (``(N,)``, or ``(N, H, W)`` per pixel); ``probs`` ``(N, H, W)`` uint8."""
    masks = probs >= 128
    shared = masks.sum(0) > 1
    if not shared.any():
        return masks
    score = scores if scores.ndim == 3 else np.broadcast_to(scores[:, None, None], masks.shape)
    owner = np.where(masks, score.astype(np.float64), -np.inf).argmax(0)
    keep = owner[None] == np.arange(len(masks))[:, None, None]
    return np.where(shared[None], masks & keep, masks)


def box_coordinates(boxes: np.ndarray, height: int, width: int) -> Tuple[np.ndarray, np.ndarray]:
    """``(u, v)``, each ``(N, H, W)``: every pixel centre in each box's (``(N, 4)`` xyxy) own coordinates,
    0 at its left / top side and 1 at its right / bottom side."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32) + 0.5
    x0, y0, x1, y1 = (boxes[:, k, None, None].astype(np.float32) for k in range(4))
    return (xs - x0) / np.maximum(x1 - x0, 1e-6), (ys - y0) / np.maximum(y1 - y0, 1e-6)


def box_depth(boxes: np.ndarray, height: int, width: int) -> np.ndarray:
    """``(N, H, W)``: how deep each pixel centre lies inside each box, as a fraction of the box's width or
    height, the smallest over its four sides (negative outside)."""
    u, v = box_coordinates(boxes, height, width)
    return np.minimum.reduce([u, 1 - u, v, 1 - v])


def box_centrality(boxes: np.ndarray, height: int, width: int) -> np.ndarray:
    """``(N, H, W)``: minus the squared distance of each pixel centre to each box's centre, in box widths
    and heights."""
    u, v = box_coordinates(boxes, height, width)
    return -((u - 0.5) ** 2 + (v - 0.5) ** 2)


def colour_owner(image: np.ndarray, probs: np.ndarray, iterations: int = 2) -> np.ndarray:
    """Masks ``(N, H, W)`` bool where each claimant keeps the shared pixels that GrabCut, seeded with its own
    unshared pixels as foreground and the other claimants' as background, gives to it (several or none may
    keep a pixel). ``image`` ``(H, W, 3)`` uint8 BGR, ``probs`` ``(N, H, W)`` uint8."""
    from mmrefine.models.refiners import seeded_grabcut
    masks = probs >= 128
    shared = masks.sum(0) > 1
    out = masks.copy()
    for i in range(len(masks)):
        mine = masks[i] & shared
        if not mine.any():
            continue
        others = np.delete(masks, i, 0).any(0)
        ys, xs = np.nonzero(masks[i] | others)
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        label = np.full(masks[i].shape, cv2.GC_PR_BGD, np.uint8)  # unclaimed: probably background
        label[others & ~masks[i]] = cv2.GC_BGD
        label[masks[i] & ~shared] = cv2.GC_FGD
        label[mine] = cv2.GC_PR_FGD
        crop, lab = np.ascontiguousarray(image[y0:y1, x0:x1]), np.ascontiguousarray(label[y0:y1, x0:x1])
        if not seeded_grabcut(crop, lab, None, iterations, cv2.GC_INIT_WITH_MASK):
            continue  # OpenCV refused (e.g. no background seed): the claimant keeps its shared pixels
        keep = np.zeros_like(mine)
        keep[y0:y1, x0:x1] = (lab == cv2.GC_FGD) | (lab == cv2.GC_PR_FGD)
        out[i] = masks[i] & (keep | ~shared)
    return out


def ownership_rules(probs: np.ndarray, boxes: np.ndarray, gts: np.ndarray,
                    image: Optional[np.ndarray] = None) -> Dict[str, np.ndarray]:
    """The masks of each rule: ``probs`` ``(N, H, W)`` uint8, ``boxes`` ``(N, 4)`` xyxy, ``gts`` ``(N, H, W)``;
    with ``image`` ``(H, W, 3)`` uint8 BGR also the colour rule."""
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    score = probs.astype(np.float64)
    h, w = probs.shape[1:]
    rules = {'as predicted': probs >= 128,
             'highest probability': resolve_shared(probs, score),
             'lowest probability': resolve_shared(probs, -score),
             'smallest box': resolve_shared(probs, -area),
             'largest box': resolve_shared(probs, area),
             'deepest in its box': resolve_shared(probs, box_depth(boxes, h, w)),
             'nearest box centre': resolve_shared(probs, box_centrality(boxes, h, w))}
    if image is not None:
        rules['colour (GrabCut)'] = colour_owner(image, probs)
    rules['true owner (oracle)'] = resolve_shared(probs, gts.astype(np.float64))
    return rules


def main() -> None:
    from mmengine.registry import init_default_scope

    from mmdet.registry import DATASETS
    from mmrefine.apis import init_segmenter, read_image, segment_boxes
    from mmrefine.datasets import val_set_config
    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.evaluation import boundary_iou, mask_iou

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--set', default='davis345-ritm', help='set_name of a val dataset of the config')
    p.add_argument('--subset', default='val', choices=['val', 'train'], help='its held-out or training part')
    p.add_argument('--config', help='default: the shipped cascade')
    p.add_argument('--checkpoint', help='default: the shipped cascade')
    p.add_argument('--no-refine', action='store_true')
    args = p.parse_args()
    model = init_segmenter(args.config, args.checkpoint, refine=not args.no_refine)
    init_default_scope('mmdet')
    dataset = DATASETS.build(dict(val_set_config(model.cfg, args.set), pipeline=[], subset=args.subset))
    scores, shared_px, images_shared = {}, 0, 0
    for i in range(len(dataset)):
        info = dataset.get_data_info(i)
        image = read_image(info['img_path'])
        h, w = image.shape[:2]
        boxes = np.array([inst['bbox'] for inst in info['instances']], np.float32).reshape(-1, 4)
        gts = np.stack([decode_segmentation(inst['mask'], h, w) for inst in info['instances']])
        probs = segment_boxes(model, image, boxes, return_probs=True)
        shared = ((probs >= 128).sum(0) > 1).sum()
        shared_px += int(shared)
        images_shared += int(shared > 0)
        for rule, masks in ownership_rules(probs, boxes, gts, image).items():
            scores.setdefault(rule, []).extend((mask_iou(m, g), boundary_iou(m, g)) for m, g in zip(masks, gts))
    n = len(next(iter(scores.values())))
    print(f'{args.set}: {n} instances in {len(dataset)} images; {images_shared} images have shared pixels '
          f'({shared_px} in all)')
    print(f'{"shared pixels go to":<24}{"mIoU":>8}{"mBIoU":>8}')
    for rule, s in scores.items():
        print(f'{rule:<24}{np.mean([v[0] for v in s]):>8.4f}{np.mean([v[1] for v in s]):>8.4f}')


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
