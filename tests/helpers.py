"""Shared test helpers: a tiny config written to a temporary folder, small models and shapes."""
import copy
import os.path as osp
from typing import Optional

import numpy as np
import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.registry import init_default_scope

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
DETECTOR_CONFIG = osp.join(REPO, 'configs', 'known_box', 'known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py')
REFINER_CONFIG = osp.join(REPO, 'configs', 'refiner', 'unet-refiner_64x64_dev-sets.py')
R50_COCO_CONFIG = osp.join(REPO, 'configs', 'known_box', 'known-box-mask-rcnn_r50_fpn_coco-init.py')

TINY = '''
_base_ = {base!r}
custom_imports = dict(imports=['mmrefine'], allow_failed_imports=False)
work_dir = {work_dir!r}
load_from = None
model = dict(backbone=dict(init_cfg=None))
scale = (160, 120)
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='Resize', scale=scale, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='KeepOriginalMasks'),
    dict(type='Resize', scale=scale, keep_ratio=True),
    dict(type='PackDetInputs', meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor',
                                          'ann_ids', 'set_name', 'ori_gt_masks')),
]
_data = dict(type='KnownBoxCocoDataset', data_root={data!r}, ann_file='annotations.json',
             data_prefix=dict(img='images/'), set_name='synthetic')
train_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False, batch_sampler=None,
                        dataset=dict(_delete_=True, pipeline=train_pipeline, **_data))
val_dataloader = dict(batch_size=1, num_workers=0, persistent_workers=False,
                      dataset=dict(_delete_=True, test_mode=True, pipeline=test_pipeline, **_data))
test_dataloader = val_dataloader
max_iters = 2
train_cfg = dict(max_iters=2, val_interval=2)
param_scheduler = [dict(type='ConstantLR', factor=1.0, by_epoch=False)]
default_hooks = dict(checkpoint=dict(interval=2), logger=dict(interval=1))
'''


def tiny_config(tmp_path, data: Optional[str] = None, base: str = DETECTOR_CONFIG) -> Config:
    """Write a tiny config inheriting ``base`` to ``tmp_path`` and load it."""
    path = osp.join(str(tmp_path), 'tiny_config.py')
    with open(path, 'w') as f:
        f.write(TINY.format(base=base, work_dir=osp.join(str(tmp_path), 'work'), data=(data or '') + '/'))
    return Config.fromfile(path)


def build_model(cfg: Config):
    """Model of ``cfg`` in eval mode, with ``cfg`` attached (as ``init_segmenter`` does)."""
    import mmrefine  # noqa: F401
    from mmdet.registry import MODELS
    from mmdet.utils import register_all_modules
    register_all_modules(init_default_scope=True)
    model = MODELS.build(copy.deepcopy(cfg.model))
    model.init_weights()
    model.cfg = cfg
    return model.eval()


def load_tool(name: str):
    """A script of tools/ as a module (its ``main(argv)`` then runs in-process); ``name`` may name a
    subfolder, e.g. ``'analysis/shared_pixels'``."""
    import importlib.util
    module_name = name.replace('/', '_') + '_tool'
    spec = importlib.util.spec_from_file_location(module_name, osp.join(REPO, 'tools', f'{name}.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_tool(module, argv, capsys):
    """Run a tool's ``main(argv)`` (from ``load_tool``) through its error handler; (exit code, stderr)."""
    from mmrefine.utils.runner_cli import run_tool as handler
    try:
        code = handler(lambda: module.main(argv))
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().err


def build_refiner(tmp_path, config: str = REFINER_CONFIG) -> nn.Module:
    """The refiner of a refiner config, built through custom_imports from a config in ``tmp_path``
    (``tmp_path / 'my_refiner.py'``, which inherits ``config``)."""
    path = tmp_path / 'my_refiner.py'
    path.write_text(f"_base_ = [{config!r}]\n"
                    "custom_imports = dict(imports=['mmrefine'], allow_failed_imports=False)\n")
    cfg = Config.fromfile(str(path))
    from mmengine.utils import import_modules_from_strings
    import_modules_from_strings(**cfg.custom_imports)
    init_default_scope('mmseg')
    from mmseg.registry import MODELS
    return MODELS.build(cfg.model)


def load_into_wider_refiner(tmp_path, narrow: nn.Module) -> nn.Module:
    """``narrow`` (built by ``build_refiner(tmp_path, ...)``) saved, then loaded strictly into the same
    refiner with a 5th input channel; returns that wider refiner, in eval mode."""
    from mmengine.runner.checkpoint import load_checkpoint, save_checkpoint

    from mmseg.registry import MODELS
    save_checkpoint(dict(state_dict=narrow.state_dict()), str(tmp_path / 'narrow.pth'))
    cfg = Config.fromfile(str(tmp_path / 'my_refiner.py')).model
    cfg.backbone.in_channels = 5
    cfg.data_preprocessor.mean = list(cfg.data_preprocessor.mean) + [127.5]
    cfg.data_preprocessor.std = list(cfg.data_preprocessor.std) + [127.5]
    wide = MODELS.build(cfg).eval()
    load_checkpoint(wide, str(tmp_path / 'narrow.pth'), map_location='cpu', strict=True)
    return wide


def disc(h: int = 120, w: int = 160, cy: int = 60, cx: int = 80, r: int = 35) -> np.ndarray:
    """A filled circle, ``(h, w)`` bool."""
    yy, xx = np.mgrid[:h, :w]
    return (yy - cy) ** 2 + (xx - cx) ** 2 <= r ** 2


class EdgeOracle(nn.Module):
    """Stands in for a trained refiner: foreground = bright image pixels."""

    def __init__(self):
        super().__init__()
        self.data_preprocessor = nn.Module()  # no normalisation

    def _forward(self, x):
        fg = (x[:, 0:1] > 127).float() * 20 - 10
        return torch.cat([-fg, fg], dim=1)
