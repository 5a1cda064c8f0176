# The shipped boundary refiner, stage 3: unet-refiner_64x64_dev-sets_continue.py's recipe (stage 1's data and
# schedule at half its lr, seed 4) for the refiner with an ImageNet encoder, from its stage 2.
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets_continue.py
_base_ = ['./lite-unet-refiner_64x64_dev-sets.py']

load_from = '{{ fileDirname }}/../../work_dirs/lite-unet-refiner_64x64_dev-sets_fine/iter_800.pth'  # stage 2
optim_wrapper = dict(optimizer=dict(lr=1e-3))
randomness = dict(seed=4)
