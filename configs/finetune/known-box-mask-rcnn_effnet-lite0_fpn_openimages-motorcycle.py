# Fine-tune the shipped known-box model on a few dozen hand-drawn masks of one
# Open Images class (Motorcycle), sized for a 2-core CPU (a few minutes for 70 images).
#   python tools/train.py configs/finetune/known-box-mask-rcnn_effnet-lite0_fpn_openimages-motorcycle.py
# Another class: set `class_name` in both datasets, e.g.
#   --cfg-options train_dataloader.dataset.class_name=Horse val_dataloader.dataset.class_name=Horse
# or simply: python tools/finetune.py --data DIR --class-name Horse --work-dir W
_base_ = '../known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py'

load_from = 'mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0.pth'  # the shipped default
data_root = '../shared/data/openimages-motorcycles-dev/openimages-layout/'
class_name = 'Motorcycle'
split = 'validation'  # the hand-drawn Open Images masks are in its validation and test splits
val_every = 5  # every 5th image is held out to pick the best iteration

model = dict(backbone=dict(init_cfg=None))  # all weights come from load_from

_oi = dict(type='OpenImagesMotorcycleDataset', data_root=data_root, split=split, class_name=class_name,
           val_every=val_every, set_name='finetune')
train_dataloader = dict(
    batch_size=4,
    num_workers=2,
    dataset=dict(_delete_=True, subset='train', filter_cfg=dict(filter_empty_gt=True),
                 pipeline={{_base_.train_pipeline}}, **_oi))
val_dataloader = dict(
    dataset=dict(_delete_=True, subset='val', test_mode=True, pipeline={{_base_.test_pipeline}}, **_oi))
test_dataloader = val_dataloader

# tiny data: few iterations at a low, constant rate after a short warm-up
max_iters = 120
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters, val_interval=30)
optim_wrapper = dict(optimizer=dict(lr=5e-5))
param_scheduler = [dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=10)]

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10),
    # keep only the best iteration on the held-out images
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=-1, save_last=False,
                    save_best='mask/finetune/mIoU', rule='greater', max_keep_ckpts=1))
# the starting weights are scored first and compete for "best" (never worse than the start)
custom_hooks = [dict(type='ValidateBeforeTrainHook')]
