# Experiment (MODEL_CARD.md, "Tried, not shipped: a longer refiner schedule"): stage 1 once more, 2400
# iterations starting from the shipped refiner (its stage-2 weights, taken from the shipped cascade), at half
# the learning rate, seed 4; then stage 2 from its last checkpoint:
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_continue.py
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_fine.py --work-dir W \
#       --cfg-options load_from=work_dirs/unet-refiner_64x64_dev-sets_continue/iter_2400.pth
_base_ = ['./unet-refiner_64x64_dev-sets.py']

model = dict(init_cfg=dict(
    type='Pretrained', prefix='refiner.',
    checkpoint='{{ fileDirname }}/../../mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0_unet-refiner.pth'))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
randomness = dict(seed=4)
