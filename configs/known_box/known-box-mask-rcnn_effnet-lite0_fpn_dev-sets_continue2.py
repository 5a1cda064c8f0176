# Experiment, not shipped: a third detector step, the second step's schedule once more (1000 iterations,
# warm restart at lr 2e-4, cosine to 1e-6) from its 1000-iteration model, seed 3.
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue.py
#   python tools/train.py configs/known_box/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue2.py
# MODEL_CARD.md, "Tried, not shipped: a third step". A fourth step (also not shipped) is this config with
#   --cfg-options load_from=<this run's iter_1000.pth> randomness.seed=4 (MODEL_CARD.md, "steps 3 and 4").
_base_ = './known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue.py'

load_from = 'work_dirs/known-box-mask-rcnn_effnet-lite0_fpn_dev-sets_continue/iter_1000.pth'
randomness = dict(seed=3)
