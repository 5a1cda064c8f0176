"""Fine-tune the shipped known-box model on a small set of one's own masks.

    python tools/finetune.py --data DIR --work-dir W [--class-name Motorcycle] [--split S]
                             [--checkpoint START] [--config C] [--iters N] [--seed 0]

DIR is an Open Images segmentation layout (as openimages-layout/) or a COCO
folder (annotations.json + images/). Every 5th image is held out to pick the
best iteration (the starting weights included). Only the known-box detector is
trained; a cascade's refiner is carried over. The result, ``W/finetuned.pth``,
loads with ``tools/predict.py --checkpoint W/finetuned.pth`` (same config as the start).
"""
import argparse
import os.path as osp
import sys
import time

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))  # run from a checkout without install


def parse_args(argv=None) -> argparse.Namespace:
    from mmrefine.utils.runner_cli import add_finetune_data_args
    p = argparse.ArgumentParser(description='Fine-tune the known-box model on a small set of masks')
    add_finetune_data_args(p)
    p.add_argument('--work-dir', required=True, help='folder for logs and finetuned.pth')
    p.add_argument('--config', help='fine-tune config (default: the shipped recipe)')
    args = p.parse_args(argv)
    if args.iters is not None and args.iters < 1:
        p.error('--iters must be at least 1')
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    from mmrefine.apis import check_writable_dir
    from mmrefine.apis.finetune import (dataset_config, finetune_config, prepare_start, run_finetune,
                                        split_train_val, usable_images)
    from mmrefine.errors import InputError

    start = time.time()
    data_cfg = dataset_config(args.data, args.class_name, args.split)
    pool = usable_images(data_cfg)
    if not pool:
        what = f'class "{args.class_name}"' if 'class_name' in data_cfg else 'any annotation'
        raise InputError(f'{args.data}: no usable instances ({what}, non-empty mask and box)')
    check_writable_dir(args.work_dir)
    work_dir = osp.abspath(args.work_dir)
    start_detector, refiner = prepare_start(args.checkpoint, work_dir, args.config)
    train_idx, val_idx = split_train_val(pool)
    cfg = finetune_config(data_cfg, work_dir, train_idx, val_idx, start_detector, args.iters, args.seed,
                          args.config)
    out = osp.join(args.work_dir, 'finetuned.pth')
    result = run_finetune(cfg, out, refiner)
    minutes = (time.time() - start) / 60
    print(f'trained on {len(train_idx)} images, held out {len(val_idx)}; {minutes:.1f} min', file=sys.stderr)
    if result['score'] is not None:
        kept = 'the starting weights' if result['iter'] == 0 else f'iteration {result["iter"]}'
        print(f'held-out mIoU {result["start_score"]:.4f} at the start, {result["score"]:.4f} kept '
              f'({kept})', file=sys.stderr)
    print(f'-> {out}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
