# Tried, not shipped (MODEL_CARD.md, session 26): stage 4's recipe once more from the shipped refiner, with a
# Lovasz-softmax term per window (an IoU surrogate) added to the cross-entropy. Needs the coarse masks of the
# refiner's step 1 in work_dirs/coarse (made with the shipped detector for this run).
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets_lovasz.py
_base_ = ['./unet-refiner_64x64_dev-sets_fine.py']

load_from = None
model = dict(
    init_cfg=dict(type='Pretrained', prefix='refiner.',  # the shipped cascade's refiner (stage 4)
                  checkpoint='{{ fileDirname }}/../../mmrefine/checkpoints/'
                             'known-box-mask-rcnn_effnet-lite0_unet-refiner.pth'),
    decode_head=dict(loss_decode=[
        dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
        dict(type='LovaszLoss', loss_type='multi_class', classes='present', per_image=True, reduction='mean',
             loss_weight=0.5)]))
randomness = dict(seed=6)
