"""Evaluate a checkpoint: python tools/test.py CONFIG CHECKPOINT [--out PRED.json] [--work-dir W] [--show-dir D]

Prints mean mask IoU and mean Boundary IoU, overall and per data set. ``--show-dir`` and ``--show`` draw each
image's ground truth beside the prediction, as in mmdet (``DetVisualizationHook``).
"""
import argparse
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))

from mmengine.registry import RUNNERS  # noqa: E402
from mmengine.runner import Runner  # noqa: E402

import mmrefine  # noqa: E402,F401
from mmrefine.apis.inference import without_init_cfg  # noqa: E402
from mmrefine.errors import InputError  # noqa: E402
from mmrefine.utils import load_state_dict_file  # noqa: E402
from mmrefine.utils.runner_cli import add_common_args, load_run_config, run_tool  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Test an mmrefine model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--out', help='also write the predictions as a COCO results JSON')
    parser.add_argument('--show', action='store_true', help='show each result in a window')
    parser.add_argument('--show-dir', help='write each result as an image to this folder (relative to '
                        'WORK_DIR/TIMESTAMP unless absolute)')
    parser.add_argument('--wait-time', type=float, default=2, help='seconds each shown result stays up')
    add_common_args(parser)
    return parser.parse_args()


def trigger_visualization_hook(cfg, args: argparse.Namespace) -> None:
    """Switch the config's ``DetVisualizationHook`` on for ``--show`` / ``--show-dir`` (mmdet's way)."""
    hook = cfg.default_hooks.get('visualization') if cfg.get('default_hooks') else None
    if hook is None:
        raise InputError(f'{args.config}: --show and --show-dir need default_hooks.visualization '
                         '(DetVisualizationHook) in the config')
    hook['draw'] = True
    if args.show:
        hook['show'] = True
        hook['wait_time'] = args.wait_time
    if args.show_dir:
        hook['test_out_dir'] = args.show_dir


def main() -> None:
    args = parse_args()
    cfg = load_run_config(args)
    if args.show or args.show_dir:  # config checks first, before reading the checkpoint
        trigger_visualization_hook(cfg, args)
    if '://' not in args.checkpoint:  # a local file: a missing or corrupt one is a one-line error
        load_state_dict_file(args.checkpoint)
    cfg.load_from = args.checkpoint
    cfg.model = without_init_cfg(cfg.model)  # no ImageNet download: the checkpoint has the weights
    if args.out:
        evaluators = cfg.test_evaluator if isinstance(cfg.test_evaluator, list) else [cfg.test_evaluator]
        for ev in evaluators:
            if ev.get('type') == 'MaskIoUMetric':
                ev['dump_path'] = args.out
    runner = RUNNERS.build(cfg) if 'runner_type' in cfg else Runner.from_cfg(cfg)
    metrics = runner.test()
    iou, biou = metrics.get('mask/mIoU'), metrics.get('mask/mBIoU')
    if iou is not None:
        print(f'mean IoU {iou:.4f}  mean Boundary IoU {biou:.4f}')


if __name__ == '__main__':
    run_tool(main)
