"""Score a COCO results list (one mask per GT annotation, ``"id"`` = annotation id) against GT.

    python tools/eval_results.py --coco GT.json --results PRED.json [--val-every N]
                                 [--baseline OTHER.json] [--ci]

Prints mean IoU and mean Boundary IoU (as ``MaskIoUMetric``) over the GT
annotations; a GT annotation without an entry scores 0 (a miss). With
``--val-every N`` also over the images whose id is divisible by N (the
held-out part of a ``KnownBoxCocoDataset(val_every=N)`` split).

``--baseline OTHER.json`` scores a second results list on the same annotations
and prints the difference (results minus baseline), e.g. refined minus the
coarse input of ``tools/refine.py``. ``--ci`` adds 95 % bootstrap intervals
(2000 resamples of the instances, seed 0; for a difference the resampling is
paired): on a few dozen instances they are several points wide.
"""
import argparse
import os.path as osp
import sys
from typing import List, Sequence

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))  # run from a checkout without install

from mmrefine.evaluation import bootstrap_interval  # noqa: E402


def score(coco: dict, answers: Sequence[dict]) -> List[List[tuple]]:
    """Per results list (``{annotation id: entry}``), ``(image id, IoU, Boundary IoU, answered)`` per
    non-crowd GT annotation, in file order; each GT mask is decoded once for all lists."""
    import numpy as np

    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.evaluation import boundary_iou, mask_iou
    images = {img['id']: img for img in coco['images']}
    rows = [[] for _ in answers]
    for ann in coco['annotations']:
        if ann.get('iscrowd', 0):
            continue
        img = images[ann['image_id']]
        h, w = img['height'], img['width']
        gt = decode_segmentation(ann['segmentation'], h, w)
        for by_id, out in zip(answers, rows):
            e = by_id.get(ann['id'])
            pred = decode_segmentation(e['segmentation'], h, w) if e else np.zeros((h, w), bool)
            out.append((img['id'], mask_iou(pred, gt), boundary_iou(pred, gt), e is not None))
    return rows


def _cell(values: Sequence[float], ci: bool, signed: bool = False) -> str:
    import numpy as np
    text = f'{np.mean(values):+.4f}' if signed else f'{np.mean(values):.4f}'
    if ci:
        lo, hi = bootstrap_interval(values)
        text += f' [{lo:+.4f}, {hi:+.4f}]' if signed else f' [{lo:.4f}, {hi:.4f}]'
    return text


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description='Mean IoU / Boundary IoU of COCO results against GT')
    p.add_argument('--coco', required=True)
    p.add_argument('--results', required=True)
    p.add_argument('--val-every', type=int)
    p.add_argument('--baseline', help='a second results list; prints results minus baseline')
    p.add_argument('--ci', action='store_true', help='95 %% bootstrap intervals of the means')
    args = p.parse_args(argv)

    from mmrefine.apis.refine_results import check_results
    from mmrefine.datasets import load_coco_json
    from mmrefine.utils import read_json

    coco = load_coco_json(args.coco)
    paths = [args.results] + ([args.baseline] if args.baseline else [])
    rows, *rest = score(coco, [check_results(p, read_json(p), coco, args.coco) for p in paths])
    base = rest[0] if rest else None
    keep = [True] * len(rows)
    parts = [('all', keep)]
    if args.val_every:
        parts.append((f'image id % {args.val_every} == 0', [r[0] % args.val_every == 0 for r in rows]))
    width = 25 if args.ci else 8
    print(f'{"part":<24}{"instances":>10}{"answered":>10}{"mIoU":>{width}}{"mBIoU":>{width}}'
          + (f'{"baseline mIoU":>{width}}{"mBIoU":>{width}}{"gain mIoU":>{width + 2}}{"mBIoU":>{width + 2}}'
             if base else ''))
    for name, mask in parts:
        rs = [r for r, m in zip(rows, mask) if m]
        line = (f'{name:<24}{len(rs):>10}{sum(r[3] for r in rs):>10}'
                f'{_cell([r[1] for r in rs], args.ci):>{width}}{_cell([r[2] for r in rs], args.ci):>{width}}')
        if base:
            bs = [b for b, m in zip(base, mask) if m]
            line += (f'{_cell([b[1] for b in bs], args.ci):>{width}}{_cell([b[2] for b in bs], args.ci):>{width}}'
                     f'{_cell([r[1] - b[1] for r, b in zip(rs, bs)], args.ci, True):>{width + 2}}'
                     f'{_cell([r[2] - b[2] for r, b in zip(rs, bs)], args.ci, True):>{width + 2}}')
        print(line)
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
