# Known-box Mask R-CNN R-50-FPN starting from mmdet's COCO Mask R-CNN weights
# (needs internet for `load_from`; the RPN and box-head weights are unused).
_base_ = [
    '../_base_/models/known-box-mask-rcnn_r50_fpn.py',
    '../_base_/datasets/known-box_dev-sets.py',
    '../_base_/schedules/cpu-budget.py',
    'mmdet::_base_/default_runtime.py',
]
load_from = ('https://download.openmmlab.com/mmdetection/v2.0/mask_rcnn/mask_rcnn_r50_fpn_1x_coco/'
             'mask_rcnn_r50_fpn_1x_coco_20200205-d4b0c5d6.pth')
log_processor = dict(by_epoch=False)
# draws the ground truth at the original size too (tools/test.py --show-dir)
default_hooks = dict(visualization=dict(type='KnownBoxVisualizationHook'))
