# Stage 3 of the shipped boundary patch refiner: stage 1's schedule and data once more, 2400 iterations
# starting from stage 2's weights, at half stage 1's learning rate, seed 4 (window mIoU was still rising at the
# end of stage 1); stage 4 (unet-refiner_64x64_dev-sets_continue_fine.py) is stage 2 again after it.
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets.py                 (stage 1)
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_fine.py            (stage 2)
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_continue.py        (stage 3)
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_continue_fine.py   (stage 4)
_base_ = ['./unet-refiner_64x64_dev-sets.py']

model = dict(init_cfg=dict(
    type='Pretrained',
    checkpoint='{{ fileDirname }}/../../work_dirs/unet-refiner_64x64_dev-sets_fine/iter_800.pth'))  # stage 2
optim_wrapper = dict(optimizer=dict(lr=1e-3))
randomness = dict(seed=4)
