"""The refiner's training samples: BoundaryPatchDataset + crop / coarse mask / window transforms."""
import numpy as np
import pytest
from mmengine.registry import init_default_scope

from mmrefine.datasets import BoundaryPatchDataset
from mmrefine.evaluation import mask_iou


def pipeline(deterministic):
    return [dict(type='LoadImageFromFile'),
            dict(type='LoadInstanceCrop', margin=0.1, max_size=128, deterministic=deterministic),
            dict(type='SimulateCoarseMask', deterministic=deterministic),
            dict(type='SampleBoundaryWindow', size=32, deterministic=deterministic),
            dict(type='PackSegInputs')]


@pytest.fixture
def dataset(synthetic_coco):
    init_default_scope('mmseg')
    return BoundaryPatchDataset(data_root=synthetic_coco + '/', ann_file='annotations.json',
                                pipeline=pipeline(True), test_mode=True)


def test_one_sample_per_instance_with_four_channel_windows(dataset):
    assert len(dataset) == 8  # 4 images x 2 objects
    sample = dataset[0]
    assert tuple(sample['inputs'].shape) == (4, 32, 32)
    target = sample['data_samples'].gt_sem_seg.data
    assert tuple(target.shape) == (1, 32, 32)
    assert set(np.unique(target.numpy())) <= {0, 1, 255}
    assert 0 < (target == 1).sum() < 32 * 32  # a window on the boundary sees both sides
    coarse = sample['inputs'][3].float()
    assert coarse.min() >= 0 and coarse.max() <= 255


def test_validation_samples_are_reproducible(dataset):
    a, b = dataset[3]['inputs'], dataset[3]['inputs']
    assert (a == b).all()


def test_held_out_split_by_image_id(synthetic_coco):
    init_default_scope('mmseg')
    kw = dict(data_root=synthetic_coco + '/', ann_file='annotations.json', pipeline=[], val_every=2)
    train = BoundaryPatchDataset(subset='train', **kw)
    val = BoundaryPatchDataset(subset='val', **kw)
    assert len(train) + len(val) == 8 and len(val) == 4
    assert not {d['ann_id'] for d in train} & {d['ann_id'] for d in val}


def test_real_coarse_masks_are_cropped_alike_and_used(synthetic_coco, tmp_path):
    """A model's masks given as coarse_file reach the window instead of a simulated one."""
    import json

    from pycocotools import mask as mask_utils

    from mmrefine.evaluation import encode_rle
    init_default_scope('mmseg')
    coco = json.loads(open(synthetic_coco + '/annotations.json').read())
    entries = []
    for ann in coco['annotations']:
        seg = dict(ann['segmentation'], counts=ann['segmentation']['counts'].encode())
        entries.append(dict(id=ann['id'], segmentation=encode_rle(np.roll(mask_utils.decode(seg), 2, axis=0) > 0)))
    (tmp_path / 'coarse.json').write_text(json.dumps(entries))
    steps = [dict(type='LoadImageFromFile'), dict(type='LoadInstanceCrop', margin=0.1, max_size=128),
             dict(type='SimulateCoarseMask', real_prob=1.0, deterministic=True)]
    ds = BoundaryPatchDataset(data_root=synthetic_coco + '/', ann_file='annotations.json', pipeline=steps,
                              coarse_file=str(tmp_path / 'coarse.json'))
    sample = ds[0]
    assert sample['coarse_mask'].shape == sample['gt_seg_map'].shape
    assert mask_iou(sample['coarse'] >= 0.5, sample['coarse_mask'] >= 0.5) > 0.9
    assert mask_iou(sample['coarse_mask'] >= 0.5, np.roll(sample['gt_seg_map'], 2, axis=0) > 0) > 0.95


@pytest.mark.parametrize('content,message', [
    (None, 'coarse masks not found (tools/predict.py --coco ... --no-refine makes them'),
    ('{"id": 1}', 'expected a COCO results list'),
    ('[{"id": 1}]', 'entry 0 is missing field "segmentation"'),
    ('[{"id": 999, "segmentation": []}]', 'entry 0 has id 999, which is no annotation id of'),
    ('[1, 2', 'not valid JSON')])
def test_a_missing_or_malformed_coarse_file_is_named(synthetic_coco, tmp_path, content, message):
    from mmrefine.errors import InputError
    init_default_scope('mmseg')
    path = tmp_path / 'coarse.json'
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError) as err:
        BoundaryPatchDataset(data_root=synthetic_coco + '/', ann_file='annotations.json', pipeline=[],
                             coarse_file=str(path))
    assert str(err.value).startswith(f'{path}: {message}') and '\n' not in str(err.value)


def test_refiner_config_trains_on_the_detectors_masks_and_validates_on_simulated_ones():
    import os.path as osp

    from mmengine.config import Config

    from ..helpers import REPO
    cfg = Config.fromfile(osp.join(REPO, 'configs', 'refiner', 'unet-refiner_64x64_dev-sets.py'))
    train = cfg.train_dataloader.dataset.datasets
    for ds in train:
        assert osp.normpath(ds.coarse_file) == osp.join(REPO, 'work_dirs', 'coarse', ds.set_name + '.json')
        real = [t for t in ds.pipeline if t['type'] == 'SimulateCoarseMask']
        assert real and real[0]['real_prob'] == 0.5
    assert all(ds.coarse_file is None for ds in cfg.val_dataloader.dataset.datasets)
    assert cfg.model.backbone.num_stages == 5


def test_other_objects_are_cropped_with_the_object(synthetic_coco, tmp_path):
    """``others=True``: the image's other objects are cropped with the object: their ground truth, and
    their model masks, which ``SimulateCoarseMask`` passes on when it uses the object's own model mask."""
    import json

    from pycocotools import mask as mask_utils

    from mmrefine.datasets.transforms import LoadInstanceCrop, SimulateCoarseMask
    from mmrefine.evaluation import encode_rle
    from mmrefine.models.refiners import crop_region, scaled_crop
    init_default_scope('mmseg')
    coco = json.loads(open(synthetic_coco + '/annotations.json').read())
    decoded = {a['id']: mask_utils.decode(dict(a['segmentation'], counts=a['segmentation']['counts'].encode()))
               for a in coco['annotations']}
    shifted = [dict(id=i, segmentation=encode_rle(np.roll(m, 3, axis=1) > 0)) for i, m in decoded.items()]
    (tmp_path / 'coarse.json').write_text(json.dumps(shifted))
    ds = BoundaryPatchDataset(data_root=synthetic_coco + '/', ann_file='annotations.json',
                              pipeline=[dict(type='LoadImageFromFile')], coarse_file=str(tmp_path / 'coarse.json'))
    sample = ds[0]
    other = [a['id'] for a in coco['annotations'] if a['image_id'] == coco['annotations'][0]['image_id']
             and a['id'] != sample['ann_id']]
    assert len(sample['other_masks']) == len(sample['other_coarse']) == len(other) == 1
    crop = LoadInstanceCrop(margin=1.0, max_size=128, others=True).transform(sample)  # wide: sees the other
    h, w = decoded[other[0]].shape
    _, (expect, shifted_expect), _ = scaled_crop(
        np.zeros((h, w, 3), np.uint8), [decoded[other[0]], np.roll(decoded[other[0]], 3, axis=1)],
        crop_region(sample['bbox'], 1.0, h, w), 128)
    assert crop['others_gt'].any() and mask_iou(crop['others_gt'] > 0, expect >= 0.5) == 1.0
    assert mask_iou(crop['others_coarse'] > 0, shifted_expect >= 0.5) == 1.0
    real = SimulateCoarseMask(real_prob=1.0, deterministic=True).transform(dict(crop))
    np.testing.assert_array_equal(real['others'], crop['others_coarse'])
    simulated = SimulateCoarseMask(real_prob=0.0, deterministic=True).transform(dict(crop))
    assert 0.3 < mask_iou(simulated['others'] > 0, crop['others_gt'] > 0) < 1.0  # degraded like the object's
    hidden = SimulateCoarseMask(real_prob=0.0, simulate_others=False, deterministic=True).transform(dict(crop))
    assert hidden['others'].shape == crop['others_gt'].shape and not hidden['others'].any()
    lone = LoadInstanceCrop(margin=1.0, max_size=128, others=True).transform(
        dict(ds[0], other_masks=[], other_coarse=None))
    assert not lone['others_gt'].any() and 'others_coarse' not in lone


def test_windows_show_the_other_objects_and_can_be_centred_where_they_meet():
    from mmrefine.datasets.transforms import SampleBoundaryWindow

    from ..helpers import disc
    gt = disc(r=30)
    neighbour = (disc(cx=125, r=30) & ~gt).astype(np.float32)  # touches the object's right side
    results = dict(img=np.zeros(gt.shape + (3, ), np.uint8), gt_seg_map=gt.astype(np.uint8),
                   coarse=gt.astype(np.float32), others=neighbour)
    touching = []
    for seed in range(8):
        window = SampleBoundaryWindow(size=16, jitter=0, others_prob=1.0).transform(dict(results, sample_idx=seed))
        assert window['img'].shape == (16, 16, 5) and set(np.unique(window['img'][..., 4])) <= {0.0, 255.0}
        touching.append((window['img'][..., 4] == 255).any())
    assert all(touching)  # a window anywhere on this circle would mostly miss the neighbour
    plain = SampleBoundaryWindow(size=16, jitter=0).transform(dict(results, sample_idx=0, others=None))
    assert plain['img'].shape == (16, 16, 4)
