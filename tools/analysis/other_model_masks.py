"""Masks of "other models" for one dev set's held-out part, as input to tools/refine.py.

    python tools/analysis/other_model_masks.py --set berkeley100 --kind grabcut --out-dir D [--config C]

Writes ``D/annotations.json`` (the held-out images and annotations of the set, as in the config's val
dataloader) and ``D/masks.json`` (a COCO results list answering each annotation by ``"id"``). Kinds:
``grabcut``: OpenCV GrabCut from the box (``mmrefine.models.refiners.grabcut_box``, 5 iterations, seeded),
a weak model; ``grid56``: the ground truth sampled on a 56 x 56 grid over its box and shifted right by 1 px,
a stand-in for a model much stronger than mmrefine. Two kinds are soft and also write ``D/probs/<id>.png``
(8-bit probability maps, for ``tools/refine.py --probs``; ``masks.json`` holds their 0.5 level):
``grid28``: the ground truth averaged on a 28 x 28 grid over its box and upsampled bilinearly (like a
28 x 28 Mask R-CNN head that is right on its grid); ``detector``: the shipped known-box detector's
probabilities (mmrefine's coarse masks). Then, for example:

    python tools/refine.py --coco D/annotations.json --images <set>/images --masks D/masks.json --out D/r.json
    python tools/eval_results.py --coco D/annotations.json --results D/r.json
"""
import argparse
import os
import os.path as osp
import shutil
import sys
import tempfile
from typing import Sequence

import cv2
import numpy as np

sys.path.insert(0, osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))


def grid_mask(gt: np.ndarray, box: Sequence[float], size: int = 56, shift: int = 1,
              soft: bool = False) -> np.ndarray:
    """``gt`` ``(H, W)`` bool sampled on a ``size`` x ``size`` grid over ``box`` (xyxy), pasted back and
    shifted right by ``shift`` px -> ``(H, W)`` bool, or with ``soft`` float32 probabilities in [0, 1]."""
    h, w = gt.shape
    x0, y0 = int(np.floor(box[0])), int(np.floor(box[1]))
    x1, y1 = max(int(np.ceil(box[2])), x0 + 1), max(int(np.ceil(box[3])), y0 + 1)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    out = np.zeros((h, w), np.float32)
    if x1 > x0 and y1 > y0:
        small = cv2.resize(gt[y0:y1, x0:x1].astype(np.float32), (size, size), interpolation=cv2.INTER_AREA)
        out[y0:y1, x0:x1] = np.clip(cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR), 0, 1)
    if shift:
        out[:, shift:], out[:, :shift] = out[:, :-shift].copy(), 0
    return out if soft else out >= 0.5


def write_probs(probs: dict, folder: str) -> None:
    """Write ``{annotation id: (H, W) float probabilities}`` as ``folder/<id>.png`` (8-bit), all or nothing."""
    tmp = tempfile.mkdtemp(prefix='.probs-', dir=osp.dirname(osp.abspath(folder)))
    for i, prob in probs.items():
        cv2.imwrite(osp.join(tmp, f'{i}.png'), np.round(prob * 255).astype(np.uint8))
    if osp.isdir(folder):
        shutil.rmtree(folder)
    os.replace(tmp, folder)


def main() -> None:
    from mmengine.config import Config

    from mmrefine.apis import init_segmenter, read_image, segment_boxes
    from mmrefine.apis.inference import DETECTOR_CHECKPOINT, DETECTOR_CONFIG
    from mmrefine.datasets import anns_by_image, held_out_part
    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.evaluation import encode_rle
    from mmrefine.models.refiners import grabcut_box
    from mmrefine.utils import write_json_atomic

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--set', required=True, help='set_name of a val dataset of the config')
    p.add_argument('--kind', choices=('grabcut', 'grid56', 'grid28', 'detector'), required=True)
    p.add_argument('--out-dir', required=True)
    p.add_argument('--config', default=DETECTOR_CONFIG, help='config whose val dataloader defines the held-out part')
    args = p.parse_args()
    coco, image_dir = held_out_part(Config.fromfile(args.config), args.set)
    images, anns_of = coco['images'], anns_by_image(coco['annotations'])
    detector = init_segmenter(DETECTOR_CONFIG, DETECTOR_CHECKPOINT) if args.kind == 'detector' else None
    results, probs = [], {}
    for img in images:
        image = read_image(osp.join(image_dir, img['file_name']))
        anns_here = anns_of.get(img['id'], [])
        boxes = np.array([[a['bbox'][0], a['bbox'][1], a['bbox'][0] + a['bbox'][2], a['bbox'][1] + a['bbox'][3]]
                          for a in anns_here], np.float32).reshape(-1, 4)
        if detector is not None:
            own = segment_boxes(detector, image, boxes, return_probs=True)
        for k, a in enumerate(anns_here):
            box = boxes[k]
            if args.kind == 'grabcut':
                mask = grabcut_box(image, box)
            elif args.kind == 'detector':
                probs[a['id']] = own[k].astype(np.float32) / 255
            else:
                gt = decode_segmentation(a['segmentation'], img['height'], img['width'])
                if args.kind == 'grid56':
                    mask = grid_mask(gt, box)
                else:
                    probs[a['id']] = grid_mask(gt, box, size=28, shift=0, soft=True)
            if a['id'] in probs:
                probs[a['id']] = np.round(probs[a['id']] * 255) / 255  # as stored in the PNG
                mask = probs[a['id']] >= 0.5
            results.append(dict(id=a['id'], image_id=a['image_id'], category_id=a['category_id'],
                                bbox=a['bbox'], score=1.0, segmentation=encode_rle(mask)))
    os.makedirs(args.out_dir, exist_ok=True)
    write_json_atomic(coco, osp.join(args.out_dir, 'annotations.json'))
    write_json_atomic(results, osp.join(args.out_dir, 'masks.json'))
    if probs:
        write_probs(probs, osp.join(args.out_dir, 'probs'))
    print(f'{args.set}: {len(results)} {args.kind} masks for {len(images)} held-out images -> {args.out_dir}')


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
