"""tools/eval_results.py: scores, differences to a baseline, bootstrap intervals."""
import json

import numpy as np
import pytest

from mmrefine.testing import make_coco_set

from ..helpers import load_tool


@pytest.fixture(scope='module')
def tool():
    return load_tool('eval_results')


@pytest.fixture(scope='module')
def coco(tmp_path_factory):
    return make_coco_set(str(tmp_path_factory.mktemp('eval') / 'set'), num_images=3, seed=5)


def _results(coco_path, path, how):
    """Results answering every annotation: its own mask ('gt') or its filled box ('box')."""
    from pycocotools import mask as mask_utils
    gt = json.load(open(coco_path))
    images = {i['id']: i for i in gt['images']}
    out = []
    for a in gt['annotations']:
        seg = a['segmentation']
        if how == 'box':
            img = images[a['image_id']]
            x, y, w, h = (int(round(v)) for v in a['bbox'])
            m = np.zeros((img['height'], img['width']), np.uint8)
            m[y:y + h, x:x + w] = 1
            seg = mask_utils.encode(np.asfortranarray(m))
            seg['counts'] = seg['counts'].decode('utf-8')
        out.append(dict(id=a['id'], image_id=a['image_id'], category_id=1, score=1.0, segmentation=seg))
    path.write_text(json.dumps(out))
    return str(path)


def _rows(text):
    return [line.split() for line in text.strip().splitlines()[1:]]


def test_perfect_results_score_one_and_a_baseline_difference_is_printed(tool, coco, tmp_path, capsys):
    perfect = _results(coco, tmp_path / 'gt.json', 'gt')
    boxes = _results(coco, tmp_path / 'box.json', 'box')
    assert tool.main(['--coco', coco, '--results', perfect]) == 0
    row = _rows(capsys.readouterr().out)[0]
    assert row[:5] == ['all', '6', '6', '1.0000', '1.0000']
    assert tool.main(['--coco', coco, '--results', perfect, '--baseline', boxes]) == 0
    row = _rows(capsys.readouterr().out)[0]
    base_iou, gain_iou = float(row[5]), float(row[7])
    assert base_iou < 0.95 and gain_iou == pytest.approx(1 - base_iou, abs=1e-4)


def test_intervals_hold_the_mean_and_exclude_zero_for_a_clear_gain(tool, coco, tmp_path, capsys):
    perfect = _results(coco, tmp_path / 'gt.json', 'gt')
    boxes = _results(coco, tmp_path / 'box.json', 'box')
    assert tool.main(['--coco', coco, '--results', boxes, '--ci']) == 0
    row = _rows(capsys.readouterr().out)[0]
    mean, lo, hi = float(row[3]), float(row[4].strip('[,')), float(row[5].strip(']'))
    assert lo <= mean <= hi and lo < hi
    assert tool.main(['--coco', coco, '--results', perfect, '--baseline', boxes, '--ci']) == 0
    out = capsys.readouterr().out
    gain_lo = float(_rows(out)[0][16].strip('[,'))
    assert gain_lo > 0
