# Experiment (session 32): stage 4 (stage 2's recipe once more) for the refiner with an ImageNet encoder, from
# its stage 3.
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets_continue_fine.py
_base_ = ['./lite-unet-refiner_64x64_dev-sets_fine.py']

load_from = '{{ fileDirname }}/../../work_dirs/lite-unet-refiner_64x64_dev-sets_continue/iter_2400.pth'  # stage 3
