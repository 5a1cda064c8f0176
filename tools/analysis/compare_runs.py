"""Paired comparison of two ``tools/test.py --out`` files: does a candidate beat a baseline, per dev set?

    python tools/analysis/compare_runs.py RUN.json BASELINE.json

Both files come from ``tools/test.py CONFIG CHECKPOINT --out F`` on the same test sets; each entry carries
its set (``set``), annotation ``id``, ``iou`` and ``boundary_iou``. Instances are paired by set and id.
Prints, per set and over all instances, both runs' mean IoU / Boundary IoU and the difference (run minus
baseline) with its 95 % bootstrap interval over the pairs (2000 resamples, seed 0, as
``tools/eval_results.py --ci``). An interval that spans 0 means the sets cannot tell the two runs apart.
"""
import argparse
import os.path as osp
import sys
from collections import OrderedDict
from typing import Dict, List, Sequence, Tuple, Union

sys.path.insert(0, osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))

FIELDS = ('set', 'id', 'iou', 'boundary_iou')
Key = Tuple[str, Union[int, str]]  # (set, annotation id: a COCO id, or an Open Images MaskPath)


def read_run(path: str) -> Dict[Key, Tuple[float, float]]:
    """``{(set, annotation id): (IoU, Boundary IoU)}`` of a ``tools/test.py --out`` file; ``InputError``
    naming the file and entry for anything else."""
    from mmrefine.errors import InputError
    from mmrefine.utils import is_finite_number, is_integer, read_json
    entries = read_json(path)
    if not isinstance(entries, list):
        raise InputError(f'{path}: expected a list of results from tools/test.py --out')
    run = {}
    for i, e in enumerate(entries):
        missing = [f for f in FIELDS if not isinstance(e, dict) or f not in e]
        if missing:
            raise InputError(f'{path}: entry {i} has no "{missing[0]}" (written by tools/test.py --out of '
                             f'an older mmrefine?)')
        if not isinstance(e['set'], str) or not (is_integer(e['id']) or isinstance(e['id'], str)):
            raise InputError(f'{path}: entry {i}: "set" must be a string and "id" an integer or a string')
        if not all(is_finite_number(e[f]) for f in ('iou', 'boundary_iou')):
            raise InputError(f'{path}: entry {i}: "iou" and "boundary_iou" must be numbers')
        key = (e['set'], e['id'] if isinstance(e['id'], str) else int(e['id']))
        if key in run:
            raise InputError(f'{path}: entry {i} repeats id {key[1]} of set {key[0]}')
        run[key] = (float(e['iou']), float(e['boundary_iou']))
    if not run:
        raise InputError(f'{path}: no results')
    return run


def _order(key: Key) -> tuple:
    """Sort key: by set, then numeric ids in order, then string ids."""
    return key[0], isinstance(key[1], str), key[1]


def pair_runs(run: Dict[Key, tuple], base: Dict[Key, tuple], run_path: str,
              base_path: str) -> 'OrderedDict[str, List[Tuple[tuple, tuple]]]':
    """``{set: [(run scores, baseline scores), ...]}``, sets sorted, then ``'all'``; ``InputError`` unless
    both runs scored the same instances."""
    from mmrefine.errors import InputError
    for a, b, path in ((run, base, base_path), (base, run, run_path)):
        extra = sorted(set(a) - set(b), key=_order)
        if extra:
            raise InputError(f'{path}: no result for set {extra[0][0]} id {extra[0][1]} '
                             f'({len(extra)} instances missing): the two runs must cover the same test sets')
    pairs = OrderedDict()
    for key in sorted(run, key=_order):
        pairs.setdefault(key[0], []).append((run[key], base[key]))
    pairs['all'] = [p for rows in list(pairs.values()) for p in rows]
    return pairs


def _cell(values: Sequence[float], signed: bool = False) -> str:
    import numpy as np

    from mmrefine.evaluation import bootstrap_interval
    if not signed:
        return f'{np.mean(values):.4f}'
    lo, hi = bootstrap_interval(values)
    return f'{np.mean(values):+.4f} [{lo:+.4f}, {hi:+.4f}]'


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description='Paired per-set comparison of two tools/test.py --out files')
    p.add_argument('run', help='the candidate: tools/test.py ... --out RUN.json')
    p.add_argument('baseline', help='the reference, on the same test sets')
    args = p.parse_args(argv)

    pairs = pair_runs(read_run(args.run), read_run(args.baseline), args.run, args.baseline)
    print(f'{"set":<28}{"instances":>10}{"mIoU":>8}{"base":>8}{"gain mIoU [95 %]":>28}'
          f'{"mBIoU":>8}{"base":>8}{"gain mBIoU [95 %]":>28}')
    for name, rows in pairs.items():
        line = f'{name:<28}{len(rows):>10}'
        for k in (0, 1):
            ours, theirs = [r[k] for r, _ in rows], [b[k] for _, b in rows]
            line += (f'{_cell(ours):>8}{_cell(theirs):>8}'
                     f'{_cell([o - t for o, t in zip(ours, theirs)], signed=True):>28}')
        print(line)
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
