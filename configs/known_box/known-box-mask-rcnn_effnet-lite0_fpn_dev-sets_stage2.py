# Experiment (not shipped): 450 more iterations from the default model's training checkpoint
# (configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py, 1500 iterations) with a fresh,
# lower cosine schedule. Results in MODEL_CARD.md, "Tried, not shipped".
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py'

load_from = 'work_dirs/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets/iter_1500.pth'
model = dict(backbone=dict(init_cfg=None))  # weights come from load_from

max_iters = 450
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
optim_wrapper = dict(optimizer=dict(lr=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=20),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=20, end=max_iters, eta_min=1e-6),
]
default_hooks = dict(checkpoint=dict(interval=150, max_keep_ckpts=1))
randomness = dict(seed=1)
