# The shipped detector's second step: 1000 more iterations from the 1500-iteration model of
# known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py (a warm restart: lr 2e-4, cosine to 1e-6), seed 2.
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue.py
# MODEL_CARD.md, "How it was trained".
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py'

load_from = 'work_dirs/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets/iter_1500.pth'
model = dict(backbone=dict(init_cfg=None))  # weights come from load_from

max_iters = 1000
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
optim_wrapper = dict(optimizer=dict(lr=2e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=30),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=30, end=max_iters, eta_min=1e-6),
]
default_hooks = dict(checkpoint=dict(interval=500, max_keep_ckpts=1))
randomness = dict(seed=2)
