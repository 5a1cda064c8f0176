# Experiment (session 32; MODEL_CARD.md, "A refiner with an ImageNet encoder"): the shipped cascade with the
# refiner whose encoder is ImageNet-initialised (configs/refiner/lite-unet-refiner_64x64_dev-sets*.py).
#   python tools/merge_checkpoints.py mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0.pth \
#       work_dirs/lite-unet-refiner_64x64_dev-sets_continue_fine/iter_800.pth CASCADE.pth
#   python tools/test.py configs/refiner/known-box-mask-rcnn_effnet-lite0_lite-unet-refiner_dev-sets.py CASCADE.pth
_base_ = ['./known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py', '../_base_/models/lite-unet-refiner.py']

model = dict(refiner={{_base_.lite_unet_refiner}})
