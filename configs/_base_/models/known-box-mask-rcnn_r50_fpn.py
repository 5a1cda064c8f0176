# Mask R-CNN (mmdet's R-50-FPN) turned into a known-box segmenter: no RPN, no
# box head; the mask branch runs on the given boxes, enlarged by `roi_scale`.
_base_ = 'mmdet::_base_/models/mask-rcnn_r50_fpn.py'

custom_imports = dict(imports=['mmrefine'], allow_failed_imports=False)

model = dict(
    type='KnownBoxMaskRCNN',
    rpn_head=None,
    roi_head=dict(
        type='KnownBoxRoIHead',
        roi_scale=1.2,
        bbox_roi_extractor=None,
        bbox_head=None,
        mask_head=dict(num_classes=1, class_agnostic=True)),
    train_cfg=dict(
        _delete_=True,
        rcnn=dict(jitter_shift=0.03, jitter_scale=0.05, num_jitter=2, max_rois=24)),
    # clip_to_box: nothing outside a known box belongs to its object (the box is pasted 1.2x larger)
    test_cfg=dict(_delete_=True, rcnn=dict(mask_thr_binary=0.5, clip_to_box=True)))
