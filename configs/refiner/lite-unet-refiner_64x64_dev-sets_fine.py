# The shipped boundary refiner, stage 2: unet-refiner_64x64_dev-sets_fine.py's recipe (nearly right masks
# added, 800 iterations) for the refiner with an ImageNet encoder, from its stage 1.
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets_fine.py
_base_ = ['./unet-refiner_64x64_dev-sets_fine.py', '../_base_/models/lite-unet-refiner.py']

model = {{_base_.lite_unet_refiner}}
load_from = '{{ fileDirname }}/../../work_dirs/lite-unet-refiner_64x64_dev-sets/iter_2400.pth'  # stage 1
