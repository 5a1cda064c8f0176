# Experiment (session 32): stage 2 of the shipped refiner's recipe (unet-refiner_64x64_dev-sets_fine.py) for
# the refiner with an ImageNet encoder, from its stage 1.
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets_fine.py
_base_ = ['./unet-refiner_64x64_dev-sets_fine.py', '../_base_/models/lite-unet-refiner.py']

model = {{_base_.lite_unet_refiner}}
load_from = '{{ fileDirname }}/../../work_dirs/lite-unet-refiner_64x64_dev-sets/iter_2400.pth'  # stage 1
