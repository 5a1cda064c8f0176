# The cascade with the EfficientNet-Lite2 known-box detector in front of the boundary refiner shipped until
# session 32 (trained from scratch; MODEL_CARD.md, "Tried, not shipped: an EfficientNet-Lite2 backbone").
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite2_fpn_dev-sets.py
#   python tools/slim_checkpoint.py W/iter_1500.pth DETECTOR.pth
#   git show 097a4f1:mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0_unet-refiner.pth > OLD_CASCADE.pth
#   python tools/merge_checkpoints.py DETECTOR.pth OLD_CASCADE.pth CASCADE.pth
#   python tools/test.py configs/refiner/known-box-mask-rcnn_effnet-lite2_unet-refiner_dev-sets.py CASCADE.pth
_base_ = ['./known-box-mask-rcnn_effnet-lite0_unet-refiner-scratch_dev-sets.py']

model = dict(detector=dict(backbone=dict(arch='lite2'), neck=dict(in_channels=[24, 48, 120, 352])))
