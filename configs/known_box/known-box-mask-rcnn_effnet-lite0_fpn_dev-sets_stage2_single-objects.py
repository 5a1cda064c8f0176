# Experiment: the second stage of known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_stage2.py (450 more
# iterations from the default model's training checkpoint, same schedule and seed) without the training
# annotations that label two objects as one (DAVIS-2016's rider + motorbike, person + stroller, ...).
# The motorcycle crops and the DAVIS scenes with several objects label each object on its own.
# Not shipped: it lost on every dev set (MODEL_CARD.md, "Tried, not shipped").
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_stage2.py'

# drop_composite: skip the annotations flagged "composite" in davis2016-train-every5
train_dataloader = dict(dataset=dict(datasets=[dict(d, drop_composite=True) for d in _base_.train_sets]))
