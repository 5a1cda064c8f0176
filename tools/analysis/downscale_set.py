"""A dev set's held-out part at a smaller scale: real images with small objects, for tools/predict.py.

    python tools/analysis/downscale_set.py --set davis345-ritm --factor 4 --out-dir D [--config C]

Writes ``D/images/<image id>.png`` (each held-out image shrunk by ``factor`` with area averaging) and
``D/annotations.json`` (its annotations with masks shrunk the same way and thresholded at 0.5, boxes the
tight boxes of those masks; masks that vanish are dropped and counted). The dev sets hold no box under
32 px on its short side; at 1/8 the same images give boxes 2-77 px on their short side (median 19-47 px per set). Then:

    python tools/predict.py --coco D/annotations.json --images D/images --out D/pred.json
    python tools/eval_results.py --coco D/annotations.json --results D/pred.json
"""
import argparse
import os
import os.path as osp
import shutil
import sys
import tempfile
from typing import Optional, Tuple

import cv2
import numpy as np

sys.path.insert(0, osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))


def shrink_mask(mask: np.ndarray, size: Tuple[int, int]) -> Tuple[np.ndarray, Optional[list]]:
    """``mask`` ``(H, W)`` bool shrunk to ``size`` ``(w, h)`` by area averaging, kept where >= 0.5.

    Returns:
        ``(h, w)`` bool, and its tight COCO box ``[x, y, w, h]`` (None if the mask vanished).
    """
    small = cv2.resize(mask.astype(np.float32), size, interpolation=cv2.INTER_AREA) >= 0.5
    ys, xs = np.nonzero(small)
    if len(ys) == 0:
        return small, None
    x0, y0 = int(xs.min()), int(ys.min())
    return small, [x0, y0, int(xs.max()) + 1 - x0, int(ys.max()) + 1 - y0]


def main() -> None:
    from mmengine.config import Config

    from mmrefine.apis import read_image
    from mmrefine.apis.inference import DETECTOR_CONFIG
    from mmrefine.datasets import anns_by_image, held_out_part
    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.errors import InputError
    from mmrefine.evaluation import encode_rle
    from mmrefine.utils import write_json_atomic

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--set', required=True, help='set_name of a val dataset of the config')
    p.add_argument('--factor', type=float, required=True, help='shrink factor (> 1)')
    p.add_argument('--out-dir', required=True)
    p.add_argument('--config', default=DETECTOR_CONFIG, help='config whose val dataloader defines the held-out part')
    args = p.parse_args()
    if not args.factor > 1:
        raise InputError(f'--factor {args.factor}: must be greater than 1')
    coco, image_dir = held_out_part(Config.fromfile(args.config), args.set)
    anns_of = anns_by_image(coco['annotations'])
    os.makedirs(args.out_dir, exist_ok=True)
    # images go to a temporary folder that replaces D/images at the end: all or nothing
    tmp = tempfile.mkdtemp(prefix='.images-', dir=osp.abspath(args.out_dir))
    images, anns, dropped = [], [], 0
    try:
        for img in coco['images']:
            image = read_image(osp.join(image_dir, img['file_name']))
            h, w = image.shape[:2]
            size = (max(1, round(w / args.factor)), max(1, round(h / args.factor)))
            name = f'{img["id"]}.png'
            cv2.imwrite(osp.join(tmp, name), cv2.resize(image, size, interpolation=cv2.INTER_AREA))
            images.append(dict(img, file_name=name, width=size[0], height=size[1]))
            for a in anns_of.get(img['id'], []):
                mask, box = shrink_mask(decode_segmentation(a['segmentation'], h, w), size)
                if box is None:
                    dropped += 1
                    continue
                anns.append(dict(a, bbox=box, area=int(mask.sum()), segmentation=encode_rle(mask)))
        target = osp.join(args.out_dir, 'images')
        if osp.isdir(target):
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        if osp.isdir(tmp):
            shutil.rmtree(tmp)
    write_json_atomic(dict(coco, images=images, annotations=anns), osp.join(args.out_dir, 'annotations.json'))
    short = np.array([min(a['bbox'][2:]) for a in anns]) if anns else np.zeros(1)
    print(f'{args.set} / {args.factor:g}: {len(images)} held-out images, {len(anns)} masks ({dropped} vanished), '
          f'box short side median {np.median(short):.0f} px, min {short.min():.0f} -> {args.out_dir}')


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
