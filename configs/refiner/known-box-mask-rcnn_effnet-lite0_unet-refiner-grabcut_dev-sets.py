# The shipped cascade, then GrabCut on the pixels it is still unsure of (0.2 < p < 0.8), seeded by the
# confident ones (refine_cfg.grabcut: GrabCut iterations; grabcut_size: long side of the box crop it runs on).
# Same weights as the default: no training.
#   python tools/test.py configs/refiner/known-box-mask-rcnn_effnet-lite0_unet-refiner-grabcut_dev-sets.py \
#       mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0_unet-refiner.pth
_base_ = ['./known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py']

model = dict(refine_cfg=dict(grabcut=2, grabcut_size=200))
