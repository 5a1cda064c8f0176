"""Estimate what fine-tuning gains on a small set, by k-fold cross-validation.

    python tools/cv.py --data DIR --folds 5 [--work-dir W] [--class-name C] [--split S]
                       [--checkpoint START] [--iters N] [--seed 0] [--test-every N]

For each fold, the other folds are fine-tuned on exactly as ``tools/finetune.py``
does, and both the starting model and the fine-tuned one segment the fold's
images. ``--test-every N`` (COCO folders) draws the test folds only from images
whose id is divisible by N, e.g. those the starting model never trained on; the
other images always train. Prints mean IoU / Boundary IoU per fold and over all
test instances, and writes them (with per-instance scores) to ``W/cv.json``.
"""
import argparse
import json
import os.path as osp
import sys
import time

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))  # run from a checkout without install


def parse_args(argv=None) -> argparse.Namespace:
    from mmrefine.utils.runner_cli import add_finetune_data_args
    p = argparse.ArgumentParser(description='k-fold estimate of the fine-tuning gain')
    add_finetune_data_args(p)
    p.add_argument('--folds', type=int, default=5)
    p.add_argument('--work-dir', help='default: work_dirs/cv_<data folder name>')
    p.add_argument('--config', help='config the starting weights fit (default: the shipped model\'s)')
    p.add_argument('--test-every', type=int, metavar='N',
                   help='test only on images whose id is divisible by N (COCO folders); the rest always train')
    args = p.parse_args(argv)
    if args.folds < 2:
        p.error('--folds must be at least 2')
    if args.test_every is not None and args.test_every < 1:
        p.error('--test-every must be at least 1')
    return args


def mean_of(entries, key):
    return sum(e[key] for e in entries) / max(len(entries), 1)


def main(argv=None) -> int:
    args = parse_args(argv)
    from mmrefine.apis import check_writable_dir
    from mmrefine.apis.finetune import (dataset_config, evaluate_checkpoint, every_nth_id, finetune_config,
                                        image_ids, prepare_start, run_finetune, split_train_val, usable_images)
    from mmrefine.apis.inference import DEFAULT_CHECKPOINT, load_config
    from mmrefine.errors import InputError
    from mmrefine.utils import write_json_atomic

    start = time.time()
    data_cfg = dataset_config(args.data, args.class_name, args.split)
    pool = usable_images(data_cfg)
    candidates = pool
    if args.test_every:
        candidates = every_nth_id(pool, image_ids(data_cfg, pool), args.test_every)
    if len(candidates) < args.folds:
        what = f'with an id divisible by {args.test_every}' if args.test_every else 'with usable instances'
        raise InputError(f'{args.data}: {len(candidates)} images {what}, fewer than --folds {args.folds}')
    work_dir = osp.abspath(args.work_dir or osp.join('work_dirs', 'cv_' + osp.basename(osp.normpath(args.data))))
    check_writable_dir(work_dir)
    start_ckpt = args.checkpoint or DEFAULT_CHECKPOINT
    start_detector, refiner = prepare_start(start_ckpt, work_dir)
    folds, instances = [], {'default': [], 'finetuned': []}
    for k in range(args.folds):
        test_idx = candidates[k::args.folds]
        train_idx, val_idx = split_train_val([i for i in pool if i not in set(test_idx)])
        fold_dir = osp.join(work_dir, f'fold_{k}')
        cfg = finetune_config(data_cfg, fold_dir, train_idx, val_idx, start_detector, args.iters, args.seed)
        tuned = run_finetune(cfg, osp.join(fold_dir, 'finetuned.pth'), refiner)
        row = dict(fold=k, test_images=len(test_idx), kept_iter=tuned['iter'])
        test_cfg = load_config(args.config) if refiner is not None else cfg  # score what users run
        for name, ckpt in (('default', start_ckpt), ('finetuned', osp.join(fold_dir, 'finetuned.pth'))):
            dump = osp.join(fold_dir, f'pred_{name}.json')
            row[name] = evaluate_checkpoint(test_cfg, ckpt, data_cfg, test_idx, osp.join(fold_dir, f'test_{name}'),
                                            dump)
            with open(dump) as f:
                instances[name] += [dict(id=e['id'], fold=k, iou=e['iou'], boundary_iou=e['boundary_iou'])
                                    for e in json.load(f)]
        folds.append(row)
    overall = {name: dict(mIoU=mean_of(v, 'iou'), mBIoU=mean_of(v, 'boundary_iou')) for name, v in instances.items()}
    summary = dict(data=osp.abspath(args.data), test_every=args.test_every, folds=folds, overall=overall,
                   instances=instances, minutes=round((time.time() - start) / 60, 1))
    write_json_atomic(summary, osp.join(work_dir, 'cv.json'))
    tested = f'{len(candidates)} of them tested' if args.test_every else 'all tested'
    print(f'\n{args.folds}-fold cross-validation on {args.data} ({len(pool)} images, {tested}, '
          f'{len(instances["default"])} test instances), {(time.time() - start) / 60:.1f} min')
    print(f'{"fold":<6}{"images":>7}{"default mIoU":>14}{"mBIoU":>8}{"finetuned mIoU":>16}{"mBIoU":>8}'
          f'{"gain":>8}{"kept iter":>11}')
    for r in folds:
        d, t = r['default'], r['finetuned']
        print(f'{r["fold"]:<6}{r["test_images"]:>7}{d["mIoU"]:>14.4f}{d["mBIoU"]:>8.4f}{t["mIoU"]:>16.4f}'
              f'{t["mBIoU"]:>8.4f}{t["mIoU"] - d["mIoU"]:>+8.4f}{r["kept_iter"]:>11}')
    d, t = overall['default'], overall['finetuned']
    print(f'{"all":<6}{len(candidates):>7}{d["mIoU"]:>14.4f}{d["mBIoU"]:>8.4f}{t["mIoU"]:>16.4f}{t["mBIoU"]:>8.4f}'
          f'{t["mIoU"] - d["mIoU"]:>+8.4f}')
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
