"""Score a COCO results list (one mask per GT annotation, ``"id"`` = annotation id) against GT.

    python tools/eval_results.py --coco GT.json --results PRED.json [--val-every N]

Prints mean IoU and mean Boundary IoU (as ``MaskIoUMetric``) over the GT
annotations; a GT annotation without an entry scores 0 (a miss). With
``--val-every N`` also over the images whose id is divisible by N (the
held-out part of a ``KnownBoxCocoDataset(val_every=N)`` split).
"""
import argparse
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))  # run from a checkout without install


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description='Mean IoU / Boundary IoU of COCO results against GT')
    p.add_argument('--coco', required=True)
    p.add_argument('--results', required=True)
    p.add_argument('--val-every', type=int)
    args = p.parse_args(argv)
    import numpy as np

    from mmrefine.apis.refine_results import check_results
    from mmrefine.datasets import load_coco_json
    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.evaluation import boundary_iou, mask_iou
    from mmrefine.utils import read_json

    coco = load_coco_json(args.coco)
    entries = read_json(args.results)
    by_id = check_results(args.results, entries, coco, args.coco)
    images = {img['id']: img for img in coco['images']}
    rows = []
    for ann in coco['annotations']:
        if ann.get('iscrowd', 0):
            continue
        img = images[ann['image_id']]
        h, w = img['height'], img['width']
        gt = decode_segmentation(ann['segmentation'], h, w)
        e = by_id.get(ann['id'])
        pred = decode_segmentation(e['segmentation'], h, w) if e else np.zeros((h, w), bool)
        rows.append((img['id'], mask_iou(pred, gt), boundary_iou(pred, gt), e is not None))
    parts = [('all', rows)]
    if args.val_every:
        parts.append((f'image id % {args.val_every} == 0', [r for r in rows if r[0] % args.val_every == 0]))
    print(f'{"part":<24}{"instances":>10}{"answered":>10}{"mIoU":>8}{"mBIoU":>8}')
    for name, rs in parts:
        print(f'{name:<24}{len(rs):>10}{sum(r[3] for r in rs):>10}{np.mean([r[1] for r in rs]):>8.4f}'
              f'{np.mean([r[2] for r in rs]):>8.4f}')
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
