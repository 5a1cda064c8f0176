import json

import numpy as np
import pytest
import torch
from pycocotools import mask as mask_utils

from mmrefine.evaluation import MaskIoUMetric, encode_rle


def _sample(pred, gt, set_name, ann_ids=None):
    boxes = torch.tensor([[0., 0., 4., 4.]] * len(pred))
    return dict(ori_gt_masks=np.stack(gt), set_name=set_name, img_id=1, ann_ids=ann_ids or list(range(len(gt))),
                pred_instances=dict(masks=torch.from_numpy(np.stack(pred)), bboxes=boxes))


def test_metric_per_set_and_overall(tmp_path):
    a = np.zeros((8, 8), bool)
    a[:4, :4] = True
    b = np.zeros((8, 8), bool)
    b[:4, :2] = True  # IoU with a = 0.5
    metric = MaskIoUMetric(dump_path=str(tmp_path / 'pred.json'))
    metric.dataset_meta = dict(classes=('object', ))
    metric.process({}, [_sample([a, b], [a, a], 'one', [7, 8]), _sample([a], [a], 'two', [9])])
    out = metric.evaluate(2)  # the runner passes the number of samples (images), not of instances
    assert out['mask/one/mIoU'] == pytest.approx(0.75)
    assert out['mask/two/mIoU'] == pytest.approx(1.0)
    assert out['mask/mIoU'] == pytest.approx((1 + 0.5 + 1) / 3)
    assert 0 <= out['mask/mBIoU'] <= 1
    dumped = json.loads((tmp_path / 'pred.json').read_text())
    assert [(d['set'], d['id']) for d in dumped] == [('one', 7), ('one', 8), ('two', 9)]
    assert [d['iou'] for d in dumped] == pytest.approx([1, 0.5, 1])
    assert np.array_equal(mask_utils.decode(dumped[1]['segmentation']).astype(bool), b)


def test_metric_keeps_every_instance_when_images_hold_several():
    # MMEngine keeps the first `size` results, `size` being the number of images: a metric storing one
    # result per instance lost the last dataset's instances whenever images held several of them
    a = np.zeros((8, 8), bool)
    a[:4, :4] = True
    empty = np.zeros((8, 8), bool)
    metric = MaskIoUMetric()
    metric.dataset_meta = dict(classes=('object', ))
    metric.process({}, [_sample([a, a, a], [a, a, a], 'first')])
    metric.process({}, [_sample([empty], [a], 'last')])
    out = metric.evaluate(2)
    assert out['mask/last/mIoU'] == 0.0
    assert out['mask/mIoU'] == pytest.approx(3 / 4)


def test_metric_rejects_count_mismatch():
    a = np.zeros((8, 8), bool)
    metric = MaskIoUMetric()
    with pytest.raises(ValueError, match='1 predicted masks for 2 boxes'):
        metric.process({}, [_sample([a], [a, a], 's')])


def test_rle_round_trip():
    rng = np.random.default_rng(0)
    m = rng.random((37, 53)) > 0.5
    rle = encode_rle(m)
    assert isinstance(rle['counts'], str)
    json.dumps(rle)
    assert np.array_equal(mask_utils.decode(rle).astype(bool), m)
