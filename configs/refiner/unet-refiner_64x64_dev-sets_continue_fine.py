# Stage 4 of the shipped boundary patch refiner: stage 2 (800 iterations with nearly right coarse masks among
# the simulated ones) again, from stage 3's last checkpoint (unet-refiner_64x64_dev-sets_continue.py).
_base_ = ['./unet-refiner_64x64_dev-sets_fine.py']

load_from = '{{ fileDirname }}/../../work_dirs/unet-refiner_64x64_dev-sets_continue/iter_2400.pth'  # stage 3
