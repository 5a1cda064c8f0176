# The known-box detector, told where the image's other known boxes lie in each RoI (box context),
# so it can learn which object owns the pixels two boxes share (DAVIS scenes with several objects).
# Fine-tuned from the one-stage detector; its zero-initialised context conv makes the start identical.
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_box-context_dev-sets.py
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py'

load_from = 'mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0.pth'  # from the repository root
model = dict(
    backbone=dict(init_cfg=None),  # weights come from load_from
    roi_head=dict(box_context=True))

max_iters = 800
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
optim_wrapper = dict(
    optimizer=dict(lr=1e-4),
    paramwise_cfg=dict(custom_keys={'context_conv': dict(lr_mult=3.0)}))  # the new layer starts at zero
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=20),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=20, end=max_iters, eta_min=1e-6),
]
default_hooks = dict(checkpoint=dict(interval=200, max_keep_ckpts=1))
