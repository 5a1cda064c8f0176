# Experiment, not shipped: the Lite2 model's second step, the shipped Lite0 model's step-2 schedule (1000 more
# iterations, warm restart at lr 2e-4, cosine to 1e-6, seed 2) from Lite2's step 1.
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite2_fpn_dev-sets.py
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite2_fpn_dev-sets_continue.py
# MODEL_CARD.md, "Tried, not shipped: an EfficientNet-Lite2 backbone".
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue.py'

load_from = 'work_dirs/known-box-mask-rcnn_effnet-lite2_fpn_dev-sets/iter_1500.pth'
model = dict(backbone=dict(arch='lite2'), neck=dict(in_channels=[24, 48, 120, 352]))
