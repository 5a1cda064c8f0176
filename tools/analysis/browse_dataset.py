"""Draw a known-box dataset as the model sees it: each item after the config's pipeline, with its boxes and masks.

    python tools/analysis/browse_dataset.py CONFIG [--split train|val|test] [--output-dir D] [--max N]
        [--cfg-options KEY=VALUE ...]

As mmdet's ``browse_dataset.py``, for the known-box (mmdet-scope) configs: the dataset of
``{split}_dataloader`` is built, each item goes through its pipeline (random augmentation included),
and the image is written to ``D/<index>_<image name>.png`` with the ground truth drawn by the config's
visualizer (for the known-box test pipelines, which keep the masks at full size, on the original image).
Use it to check a new dataset's boxes and masks, or what the augmentation does to them.
"""
import argparse
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))  # run from a checkout


def parse_args(argv=None) -> argparse.Namespace:
    from mmengine.config import DictAction
    p = argparse.ArgumentParser(description='draw a known-box dataset after its pipeline')
    p.add_argument('config')
    p.add_argument('--split', choices=['train', 'val', 'test'], default='train')
    p.add_argument('--output-dir', default='work_dirs/browse_dataset')
    p.add_argument('--max', type=int, default=20, metavar='N', help='draw the first N items (0: all)')
    p.add_argument('--cfg-options', nargs='+', action=DictAction, help='override config settings')
    return p.parse_args(argv)


def build_dataset(cfg, split: str):
    """The dataset of ``cfg``'s ``{split}_dataloader``; ``InputError`` naming what is missing."""
    from mmdet.registry import DATASETS

    from mmrefine.errors import InputError
    if cfg.get('default_scope', 'mmdet') != 'mmdet':
        raise InputError(f'{cfg.filename}: draws known-box (mmdet) datasets; this config\'s default scope is '
                         f'{cfg.default_scope}')
    loader = cfg.get(f'{split}_dataloader')
    if not loader or 'dataset' not in loader:
        raise InputError(f'{cfg.filename}: no {split}_dataloader.dataset')
    try:
        return DATASETS.build(loader.dataset)
    except FileNotFoundError as err:
        raise InputError(f'{cfg.filename}: {split} dataset: {err}') from None


def main(argv=None) -> int:
    args = parse_args(argv)
    import cv2
    import mmcv
    from mmdet.models.utils import mask2ndarray
    from mmdet.registry import VISUALIZERS
    from mmdet.utils import register_all_modules
    from mmengine.utils import ProgressBar

    import mmrefine  # noqa: F401  (registers the modules)
    from mmrefine.apis import check_writable_dir
    from mmrefine.apis.inference import load_config
    from mmrefine.engine.hooks.known_box_visualization_hook import original_scale_view
    from mmrefine.errors import InputError
    from mmrefine.models.roi_heads.known_box_roi_head import gt_boxes
    from mmrefine.utils import write_atomic

    cfg = load_config(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    register_all_modules(init_default_scope=True)
    dataset = build_dataset(cfg, args.split)
    check_writable_dir(args.output_dir)
    visualizer = VISUALIZERS.build(cfg.visualizer)
    visualizer.dataset_meta = dataset.metainfo
    count = len(dataset) if args.max <= 0 else min(args.max, len(dataset))
    progress = ProgressBar(count, file=sys.stderr)
    for i in range(count):
        item = dataset[i]
        sample = item['data_samples']
        if 'ori_gt_masks' in sample:  # a known-box test pipeline: drawn on the original image, as by tools/test.py
            sample = original_scale_view(sample)
            image = mmcv.imread(sample.img_path, channel_order='rgb')
        else:  # (H, W, 3) RGB as the pipeline left it; the visualizer draws tensors and arrays, not mmdet's types
            image = item['inputs'].permute(1, 2, 0).numpy()[..., ::-1]
            sample.gt_instances.bboxes = gt_boxes(sample)
            if 'masks' in sample.gt_instances:
                sample.gt_instances.masks = mask2ndarray(sample.gt_instances.masks).astype(bool)
        visualizer.add_datasample(osp.basename(sample.img_path), image, sample, draw_pred=False, show=False)
        out = osp.join(args.output_dir, f'{i:05d}_{osp.splitext(osp.basename(sample.img_path))[0]}.png')
        drawn = visualizer.get_image()[..., ::-1]

        def write(tmp: str) -> None:
            if not cv2.imwrite(tmp, drawn):
                raise InputError(f'{out}: cannot write the image')

        write_atomic(out, write, '.png')  # one whole file or none
        progress.update()
    print(f'\n{count} images -> {args.output_dir}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
