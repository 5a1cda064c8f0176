"""Shared test helpers: a tiny config written to a temporary folder."""
import copy
import os.path as osp
from typing import Optional

from mmengine.config import Config

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
DETECTOR_CONFIG = osp.join(REPO, 'configs', 'known_box', 'known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py')
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
    """A script of tools/ as a module (its ``main(argv)`` then runs in-process)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f'{name}_tool', osp.join(REPO, 'tools', f'{name}.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
