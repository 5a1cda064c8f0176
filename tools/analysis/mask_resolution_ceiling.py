"""Best IoU a mask head of M x M output could reach: ground truth -> M x M -> pasted back.

    python tools/analysis/mask_resolution_ceiling.py [--sizes 28 56 112] [--roi-scale 1.2] [--sets ...]

Prints, per data set and M, the mean IoU / Boundary IoU of the round-tripped
ground truth, the ceiling that the mask resolution alone imposes.
"""
import argparse
import json
import os.path as osp
import sys

import cv2
import numpy as np
from pycocotools import mask as mask_utils

sys.path.insert(0, osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))
from mmrefine.evaluation.functional import boundary_iou, mask_iou  # noqa: E402


def round_trip(mask: np.ndarray, box, size: int, roi_scale: float) -> np.ndarray:
    """Sample the mask on a size x size grid over the enlarged box, then paste back bilinearly."""
    h, w = mask.shape
    x, y, bw, bh = box
    cx, cy = x + bw / 2, y + bh / 2
    bw, bh = bw * roi_scale, bh * roi_scale
    x0, y0 = cx - bw / 2, cy - bh / 2
    # forward: image -> roi grid (area-like sampling via warpAffine of a blurred copy)
    sx, sy = size / bw, size / bh
    fwd = np.array([[sx, 0, -x0 * sx], [0, sy, -y0 * sy]], np.float32)
    soft = mask.astype(np.float32)
    k = max(1, int(round(1 / min(sx, sy))))
    if k > 1:
        soft = cv2.blur(soft, (k, k))
    roi = cv2.warpAffine(soft, fwd, (size, size), flags=cv2.INTER_LINEAR, borderValue=0)
    back = cv2.warpAffine(roi, fwd, (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=0)
    return back >= 0.5


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--data-root', default='../shared/data')
    p.add_argument('--sets', nargs='+', default=['openimages-motorcycles-dev', 'davis345-ritm', 'berkeley100'])
    p.add_argument('--sizes', nargs='+', type=int, default=[28, 56, 112])
    p.add_argument('--roi-scale', type=float, default=1.2)
    p.add_argument('--max-instances', type=int, default=150)
    args = p.parse_args()
    print(f'{"set":<30}' + ''.join(f'{f"M={m} IoU":>12}{f"M={m} BIoU":>12}' for m in args.sizes))
    for name in args.sets:
        with open(osp.join(args.data_root, name, 'annotations.json'), encoding='utf-8') as f:
            coco = json.load(f)
        anns = [a for a in coco['annotations'] if not a.get('iscrowd')][:args.max_instances]
        scores = {m: [] for m in args.sizes}
        for a in anns:
            gt = mask_utils.decode(a['segmentation']).astype(bool)
            for m in args.sizes:
                rt = round_trip(gt, a['bbox'], m, args.roi_scale)
                scores[m].append((mask_iou(rt, gt), boundary_iou(rt, gt)))
        row = ''.join(f'{np.mean([s[0] for s in scores[m]]):>12.4f}{np.mean([s[1] for s in scores[m]]):>12.4f}'
                      for m in args.sizes)
        print(f'{name:<30}{row}')


if __name__ == '__main__':
    main()
