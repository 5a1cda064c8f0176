# The shipped boundary refiner, stage 4 (stage 2's recipe once more), from its stage 3; then the cascade:
#   python tools/train.py configs/refiner/lite-unet-refiner_64x64_dev-sets_continue_fine.py
#   python tools/merge_checkpoints.py mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0.pth \
#       work_dirs/lite-unet-refiner_64x64_dev-sets_continue_fine/iter_800.pth CASCADE.pth
_base_ = ['./lite-unet-refiner_64x64_dev-sets_fine.py']

load_from = '{{ fileDirname }}/../../work_dirs/lite-unet-refiner_64x64_dev-sets_continue/iter_2400.pth'  # stage 3
