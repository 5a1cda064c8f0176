# The cascade of known-box Mask R-CNN (EfficientNet-Lite0) and the boundary patch refiner, with the refiner
# trained from scratch (mmseg UNet), shipped until session 32; the shipped default
# (./known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py) is this config with an ImageNet-initialised
# refiner encoder. Both parts are trained with their own configs:
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py
#   python tools/train.py configs/refiner/unet-refiner_64x64_dev-sets.py   (after its step 1: the detector's masks)
# then joined: python tools/merge_checkpoints.py DETECTOR.pth REFINER.pth CASCADE.pth
#   python tools/test.py configs/refiner/known-box-mask-rcnn_effnet-lite0_unet-refiner-scratch_dev-sets.py CASCADE.pth
# (the checkpoint of session 31: `git show 097a4f1:mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0_unet-refiner.pth`)
_base_ = [
    '../known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py',
    '../_base_/models/unet-refiner.py',
]

model = dict(
    _delete_=True,
    type='RefinedKnownBoxDetector',
    detector={{_base_.model}},
    refiner={{_base_.refiner}},
    # README "Settings that matter" and docs/dev_log.md tell how these were chosen; grabcut: GrabCut
    # iterations that then decide the pixels still unsure (0.2 < p < 0.8), on the box + 10 % at
    # grabcut_size px (docs/dev_log.md, "GrabCut on the uncertain pixels"; grabcut=0 switches it off);
    # binary_input: the refiner sees the detector's 0.5 level, not its probability (docs/dev_log.md, "Binary or soft");
    # min_size: crops shorter than this on their long side are enlarged first, so that small objects fill
    # windows as the training crops' objects did (README, "Small objects"); clip_to_box: the refined mask
    # is cleared outside the known box, as the detector's is
    refine_cfg=dict(window={{_base_.window}}, stride=32, margin=0.1, max_size=512, min_size=128, max_windows=64,
                    iterations=1, uncertain=0.2, grabcut=1, grabcut_size=160, binary_input=True,
                    clip_to_box=True))
