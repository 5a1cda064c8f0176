"""Scenes with several objects: how much IoU is lost in pixels that two masks claim.

    python tools/analysis/shared_pixels.py [--set davis345-ritm] [--config C] [--checkpoint K] [--no-refine]

Runs the model (default: the shipped cascade) on the held-out part of one dev set of the config's val
dataloader, then scores every mask as predicted and with each shared pixel (one that two or more masks
claim) given to a single owner by a rule: the highest or lowest probability, the smallest or largest box,
or the true owner from the ground truth (an oracle: the ceiling of any ownership rule). Meant for sets whose
ground-truth masks do not overlap, such as DAVIS.
"""
import argparse
import os.path as osp
import sys
from typing import Dict

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


def ownership_rules(probs: np.ndarray, boxes: np.ndarray, gts: np.ndarray) -> Dict[str, np.ndarray]:
    """The masks of each rule: ``probs`` ``(N, H, W)`` uint8, ``boxes`` ``(N, 4)`` xyxy, ``gts`` ``(N, H, W)``."""
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    score = probs.astype(np.float64)
    return {'as predicted': probs >= 128,
            'highest probability': resolve_shared(probs, score),
            'lowest probability': resolve_shared(probs, -score),
            'smallest box': resolve_shared(probs, -area),
            'largest box': resolve_shared(probs, area),
            'true owner (oracle)': resolve_shared(probs, gts.astype(np.float64))}


def main() -> None:
    from mmengine.registry import init_default_scope

    from mmdet.registry import DATASETS
    from mmrefine.apis import init_segmenter, read_image, segment_boxes
    from mmrefine.datasets import val_set_config
    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.evaluation import boundary_iou, mask_iou

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--set', default='davis345-ritm', help='set_name of a val dataset of the config')
    p.add_argument('--config', help='default: the shipped cascade')
    p.add_argument('--checkpoint', help='default: the shipped cascade')
    p.add_argument('--no-refine', action='store_true')
    args = p.parse_args()
    model = init_segmenter(args.config, args.checkpoint, refine=not args.no_refine)
    init_default_scope('mmdet')
    dataset = DATASETS.build(dict(val_set_config(model.cfg, args.set), pipeline=[]))
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
        for rule, masks in ownership_rules(probs, boxes, gts).items():
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
