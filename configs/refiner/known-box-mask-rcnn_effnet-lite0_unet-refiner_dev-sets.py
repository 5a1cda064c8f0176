# The shipped default: known-box Mask R-CNN (EfficientNet-Lite0) cascaded with the boundary patch refiner, a
# U-Net whose encoder is ImageNet-initialised (EfficientNet-Lite0's first stages; since session 32). The
# cascade, its settings (refine_cfg) and the refiner trained from scratch that it replaced are in
# ./known-box-mask-rcnn_effnet-lite0_unet-refiner-scratch_dev-sets.py. Both parts train with their own configs:
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets.py   (and its stages 2-4;
#       before them, the detector's masks: MODEL_CARD.md, "How the refiner was trained")
# then joined: python tools/merge_checkpoints.py DETECTOR.pth REFINER.pth CASCADE.pth
#   python tools/test.py configs/refiner/known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py CASCADE.pth
_base_ = [
    './known-box-mask-rcnn_effnet-lite0_unet-refiner-scratch_dev-sets.py',
    '../_base_/models/lite-unet-refiner.py',
]

model = dict(refiner={{_base_.lite_unet_refiner}})
