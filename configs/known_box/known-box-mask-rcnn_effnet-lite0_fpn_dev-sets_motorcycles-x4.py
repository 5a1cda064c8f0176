# Experiment, not shipped: the shipped detector (step 2) trained 600 more iterations at a low learning
# rate (1e-4, cosine to 1e-6) with the motorcycle training part seen four times as often, seed 5. The
# question: does the motorcycle fine-tune's gain (README, "Fine-tuning results") come without losing the
# other sets?
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_motorcycles-x4.py
# MODEL_CARD.md, "Tried, not shipped: motorcycles seen four times as often" (both DAVIS sets lost).
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue.py'

load_from = 'mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0.pth'  # step 2, as shipped
# the motorcycle training part (train_sets[0]) seen four times as often as in train_sets
train_dataloader = dict(dataset=dict(datasets=_base_.train_sets + [_base_.train_sets[0]] * 3))

max_iters = 600
train_cfg = dict(max_iters=max_iters, val_interval=max_iters)
optim_wrapper = dict(optimizer=dict(lr=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=20),
    dict(type='CosineAnnealingLR', by_epoch=False, begin=20, end=max_iters, eta_min=1e-6),
]
default_hooks = dict(checkpoint=dict(interval=600, max_keep_ckpts=1))
randomness = dict(seed=5)
