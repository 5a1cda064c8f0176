# The cascade with the other-objects refiner (unet-refiner_64x64_dev-sets_others*.py): each box's refiner
# windows also show where the image's other known boxes' coarse masks lie (refine_cfg.others). Tried, not
# shipped (MODEL_CARD.md, "How the refiner was trained").
#   python tools/merge_checkpoints.py DETECTOR.pth REFINER.pth CASCADE.pth
#   python tools/test.py configs/refiner/known-box-mask-rcnn_effnet-lite0_unet-refiner-others_dev-sets.py CASCADE.pth
_base_ = ['./known-box-mask-rcnn_effnet-lite0_unet-refiner-scratch_dev-sets.py']

model = dict(
    refiner=dict(
        data_preprocessor=dict(mean=[103.53, 116.28, 123.675, 127.5, 127.5],
                               std=[57.375, 57.12, 58.395, 127.5, 127.5]),
        backbone=dict(in_channels=5)),
    refine_cfg=dict(others=True))
