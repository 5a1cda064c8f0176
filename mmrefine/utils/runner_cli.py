"""What tools/train.py and tools/test.py share: the usual OpenMMLab options, clean errors."""
import argparse
import os
import os.path as osp
import sys
from typing import Callable, Optional

from mmengine.config import Config, DictAction


def add_common_args(parser: argparse.ArgumentParser) -> None:
    """``--work-dir``, ``--cfg-options``, ``--launcher`` and ``--local-rank``."""
    parser.add_argument('--work-dir', help='folder for logs, metrics and checkpoints')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config settings, e.g. train_cfg.max_iters=100')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'], default='none')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)


def add_finetune_data_args(parser: argparse.ArgumentParser) -> None:
    """What ``tools/finetune.py`` and ``tools/cv.py`` share: the data, the start and the seed."""
    parser.add_argument('--data', required=True, help='Open Images layout folder or COCO folder')
    parser.add_argument('--class-name', default='Motorcycle', help='Open Images class (name or /m/ id)')
    parser.add_argument('--split', help='Open Images split, if the folder has several')
    parser.add_argument('--checkpoint', help='starting weights (default: the shipped model)')
    parser.add_argument('--iters', type=int, help='training iterations (default: from the fine-tune config)')
    parser.add_argument('--seed', type=int, default=0)


def run_tool(main: Callable[[], Optional[int]]) -> Optional[int]:
    """Run a tool's ``main`` and return its result; bad user input ends with one line on
    stderr and exit code 2."""
    from ..errors import InputError
    try:
        return main()
    except InputError as err:
        print(f'error: {err}', file=sys.stderr)
        sys.exit(InputError.exit_code)


def load_run_config(args: argparse.Namespace) -> Config:
    """Config of ``args.config`` with the common options applied (work dir as in mmdet)."""
    from ..apis.inference import load_config
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    cfg = load_config(args.config)
    cfg.launcher = args.launcher
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or osp.join(
        'work_dirs', osp.splitext(osp.basename(args.config))[0])
    return cfg
