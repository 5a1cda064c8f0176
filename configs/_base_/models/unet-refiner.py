# Boundary patch refiner (mmseg): a small U-Net (5 stages x 16 base channels, 1.8 M weights) on 64x64
# windows of image + coarse mask.
# The coarse probability is the 4th input channel; ResidualRefineHead adds its logit,
# so the network learns corrections. Used by the refiner's training config and the cascade.
window = 64
norm_cfg = dict(type='BN', requires_grad=True)
refiner = dict(
    type='PatchRefiner',
    data_preprocessor=dict(
        type='SegDataPreProcessor',
        # image channels (BGR), then the coarse probability x 255
        mean=[103.53, 116.28, 123.675, 127.5],
        std=[57.375, 57.12, 58.395, 127.5],
        bgr_to_rgb=False,
        size=(window, window),
        pad_val=0,
        seg_pad_val=255),
    backbone=dict(
        type='UNet',
        in_channels=4,
        base_channels=16,
        # a 5th stage (4x4 features) quadruples the weights at about the same time per window
        num_stages=5,
        strides=(1, 1, 1, 1, 1),
        enc_num_convs=(2, 2, 2, 2, 2),
        dec_num_convs=(2, 2, 2, 2),
        downsamples=(True, True, True, True),
        enc_dilations=(1, 1, 1, 1, 1),
        dec_dilations=(1, 1, 1, 1),
        norm_cfg=norm_cfg,
        upsample_cfg=dict(type='InterpConv'),
        norm_eval=False),
    decode_head=dict(
        type='ResidualRefineHead',
        in_channels=16,
        in_index=-1,
        channels=16,
        num_convs=1,
        dropout_ratio=0.0,
        num_classes=2,
        norm_cfg=norm_cfg,
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))

