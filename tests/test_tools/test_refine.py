"""tools/refine.py: refine another model's masks (shipped cascade)."""
import json
import os

import cv2
import numpy as np
import pytest
from pycocotools import mask as mask_utils

from mmrefine.evaluation import encode_rle, mask_iou
from mmrefine.testing import make_coco_set

from ..helpers import load_tool
from .test_predict import one_error_line
from .test_finetune import run_tool


@pytest.fixture(scope='module')
def refine():
    return load_tool('refine')


@pytest.fixture(scope='module')
def fixture(tmp_path_factory):
    """A COCO set with flat-coloured, sharp-edged objects and coarse masks for it: each GT mask shifted by
    3 px, as RLE results."""
    folder = tmp_path_factory.mktemp('refine')
    make_coco_set(str(folder), num_images=2, seed=7)
    coco = json.loads((folder / 'annotations.json').read_text())
    rng = np.random.default_rng(0)
    flat = {img['id']: np.zeros((img['height'], img['width'], 3), np.uint8) + rng.integers(0, 90, 3).astype(np.uint8)
            for img in coco['images']}
    entries = []
    for ann in coco['annotations']:
        gt = mask_utils.decode(dict(ann['segmentation'], counts=ann['segmentation']['counts'].encode())).astype(bool)
        flat[ann['image_id']][gt] = rng.integers(130, 250, 3)
        entries.append(dict(id=ann['id'], image_id=ann['image_id'], category_id=1, score=0.9,
                            segmentation=encode_rle(np.roll(gt, 3, axis=1)), area=1))
    for img in coco['images']:
        cv2.imwrite(str(folder / 'images' / img['file_name']), flat[img['id']])
    (folder / 'coarse.json').write_text(json.dumps(entries))
    return folder, coco, entries


def args(folder, masks, out):
    return ['--coco', str(folder / 'annotations.json'), '--images', str(folder / 'images'),
            '--masks', str(masks), '--out', str(out)]


def decode(entry):
    seg = entry['segmentation']
    return mask_utils.decode(dict(seg, counts=seg['counts'].encode())).astype(bool)


def test_refines_every_entry_in_order_and_keeps_its_fields(refine, fixture, tmp_path, capsys):
    folder, coco, entries = fixture
    out = tmp_path / 'refined.json'
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', out), capsys)
    assert code == 0, err
    result = json.loads(out.read_text())
    assert [e['id'] for e in result] == [e['id'] for e in entries]
    gts = {a['id']: decode(a) for a in coco['annotations']}
    before, after = [], []
    for e_in, e_out in zip(entries, result):
        assert e_out['score'] == e_in['score'] and e_out['image_id'] == e_in['image_id']
        assert isinstance(e_out['segmentation']['counts'], str)
        assert e_out['area'] == int(decode(e_out).sum())
        before.append(mask_iou(decode(e_in), gts[e_in['id']]))
        after.append(mask_iou(decode(e_out), gts[e_in['id']]))
    assert np.mean(after) > np.mean(before)  # 3-px shifted masks come back closer to the truth


def bad_case(fixture, tmp_path, edit):
    folder, coco, entries = fixture
    bad = json.loads(json.dumps(entries))
    edit(bad)
    path = tmp_path / 'bad.json'
    path.write_text(json.dumps(bad))
    return folder, path


@pytest.mark.parametrize('edit, message', [
    (lambda e: e[1].update(id=999), 'entry 1 has id 999, which is no annotation id'),
    (lambda e: e[0]['segmentation'].update(size=[10, 10]), 'mask is 10x10 but image'),
    (lambda e: e[2].pop('segmentation'), 'entry 2 is missing field "segmentation"'),
    (lambda e: e.append(dict(e[0])), 'repeats id'),
])
def test_bad_entries_are_one_line_errors_without_output(refine, fixture, tmp_path, capsys, edit, message):
    folder, path = bad_case(fixture, tmp_path, edit)
    out = tmp_path / 'out.json'
    code, err = run_tool(refine, args(folder, path, out), capsys)
    assert code == 2 and message in one_error_line(err)
    assert not out.exists() and os.listdir(tmp_path) == ['bad.json']


def test_empty_masks_stay_empty_when_refining_and_get_the_cascades_mask_in_auto(refine, fixture, tmp_path, capsys):
    folder, coco, entries = fixture

    def empty_first(e):
        e[0]['segmentation'] = encode_rle(np.zeros(e[0]['segmentation']['size'], bool))
    _, path = bad_case(fixture, tmp_path, empty_first)
    out = tmp_path / 'out.json'
    code, err = run_tool(refine, args(folder, path, out) + ['--mode', 'refine'], capsys)
    assert code == 0 and '1 empty (left empty)' in err
    assert not decode(json.loads(out.read_text())[0]).any()
    # an empty mask does not span its box: auto fuses it with the cascade, which finds the object
    code, err = run_tool(refine, args(folder, path, out), capsys)
    assert code == 0 and 'left empty' not in err
    gt = next(decode(a) for a in coco['annotations'] if a['id'] == entries[0]['id'])
    assert mask_iou(decode(json.loads(out.read_text())[0]), gt) > 0.5


def test_auto_fuses_only_the_masks_that_do_not_span_their_box(refine, fixture, tmp_path, capsys):
    folder, coco, entries = fixture
    gts = {a['id']: decode(a) for a in coco['annotations']}
    masks = json.loads(json.dumps(entries))
    for e in masks:
        e['segmentation'] = encode_rle(gts[e['id']])  # exact: spans its box
    cut = gts[masks[1]['id']].copy()
    cols = np.flatnonzero(cut.any(0))
    cut[:, cols[len(cols) // 2]:] = False  # the right half missing
    masks[1]['segmentation'] = encode_rle(cut)
    path, out = tmp_path / 'masks.json', tmp_path / 'out.json'
    path.write_text(json.dumps(masks))
    code, err = run_tool(refine, args(folder, path, out), capsys)
    assert code == 0, err
    assert f'{len(masks)} masks: {len(masks) - 1} refined, 1 fused with the cascade and refined' in err
    result = json.loads(out.read_text())
    assert mask_iou(decode(result[1]), gts[masks[1]['id']]) > mask_iou(cut, gts[masks[1]['id']]) + 0.2
    code, err = run_tool(refine, args(folder, path, out) + ['--mode', 'refine'], capsys)
    assert code == 0 and f'{len(masks)} refined, 0 fused' in err


def test_fuse_answers_every_entry_and_differs_from_refining(refine, fixture, tmp_path, capsys):
    folder, coco, entries = fixture
    fused, refined = tmp_path / 'fused.json', tmp_path / 'refined.json'
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', fused) + ['--fuse'], capsys)
    assert code == 0, err
    assert f'0 refined, {len(entries)} fused with the cascade' in err
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', refined) + ['--mode', 'refine'], capsys)
    assert code == 0, err
    a, b = json.loads(fused.read_text()), json.loads(refined.read_text())
    assert [e['id'] for e in a] == [e['id'] for e in entries]
    gts = {ann['id']: decode(ann) for ann in coco['annotations']}
    ious = [mask_iou(decode(e), gts[e['id']]) for e in a]
    assert min(ious) > 0.5  # the shifted input and the cascade both overlap the truth well
    assert any((decode(x) != decode(y)).any() for x, y in zip(a, b))


def test_grabcut_runs_on_fused_masks_unless_told_otherwise(refine, fixture, tmp_path, capsys, monkeypatch):
    """The cascade's config turns GrabCut on: fused masks get it, refined ones do not, unless --grabcut N."""
    import re

    import mmrefine.models.refiners.refine as refine_module
    calls = []
    real = refine_module.grabcut_band

    def counting(*a, **kw):
        calls.append(kw)
        return real(*a, **kw)

    monkeypatch.setattr(refine_module, 'grabcut_band', counting)
    folder, coco, entries = fixture

    def run(name, *extra):
        calls.clear()
        code, err = run_tool(refine, args(folder, folder / 'coarse.json', tmp_path / name) + list(extra), capsys)
        assert code == 0, err
        return int(re.search(r'(\d+) fused', err).group(1))

    assert run('a.json', '--mode', 'refine') == 0 and calls == []
    assert run('b.json', '--fuse') == len(entries) and len(calls) == len(entries)
    assert run('c.json', '--fuse', '--grabcut', '0') == len(entries) and calls == []
    assert run('d.json', '--mode', 'refine', '--grabcut', '1') == 0 and len(calls) == len(entries)
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', tmp_path / 'e.json') + ['--grabcut', '-1'],
                         capsys)
    assert code == 2 and '--grabcut must be 0 or more' in err and not (tmp_path / 'e.json').exists()


def write_probs(folder, entries, blur=5):
    """Each entry's mask as a blurred 8-bit probability map, folder/<id>.png."""
    folder.mkdir()
    for e in entries:
        soft = cv2.GaussianBlur(decode(e).astype(np.float32), (0, 0), blur)
        cv2.imwrite(str(folder / f'{e["id"]}.png'), np.round(soft * 255).astype(np.uint8))


def test_probability_maps_are_refined_instead_of_the_masks(refine, fixture, tmp_path, capsys, monkeypatch):
    import mmrefine.models.refiners.refine as refine_module
    shown = []
    real = refine_module.refiner_window_input

    def recording(image, coarse, centres, size, others=None):
        shown.append(np.unique(coarse))
        return real(image, coarse, centres, size, others)

    monkeypatch.setattr(refine_module, 'refiner_window_input', recording)
    folder, coco, entries = fixture
    probs = tmp_path / 'probs'
    write_probs(probs, entries)
    # the entries' own masks are emptied: only the maps can give the result
    empty = json.loads(json.dumps(entries))
    for e in empty:
        e['segmentation'] = encode_rle(np.zeros(e['segmentation']['size'], bool))
    masks, out = tmp_path / 'empty.json', tmp_path / 'out.json'
    masks.write_text(json.dumps(empty))
    code, err = run_tool(refine, args(folder, masks, out) + ['--probs', str(probs), '--mode', 'refine'], capsys)
    assert code == 0, err
    assert f'{len(entries)} refined, 0 fused' in err
    gts = {a['id']: decode(a) for a in coco['annotations']}
    result = json.loads(out.read_text())
    before = [mask_iou(decode(e), gts[e['id']]) for e in entries]
    after = [mask_iou(decode(e), gts[e['id']]) for e in result]
    assert np.mean(after) > np.mean(before)  # blurred, 3-px shifted maps come back closer to the truth
    # the refiner is shown the maps themselves, although the shipped cascade shows its own masks' 0.5 level
    assert len(shown) == len(entries) and all(len(values) > 2 for values in shown)


def test_missing_or_bad_probability_maps_are_one_line_errors_without_output(refine, fixture, tmp_path, capsys):
    folder, coco, entries = fixture
    probs = tmp_path / 'probs'
    write_probs(probs, entries)
    out = tmp_path / 'out.json'
    os.remove(probs / f'{entries[1]["id"]}.png')
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', out) + ['--probs', str(probs)], capsys)
    assert code == 2 and f'{entries[1]["id"]}.png: no such file' in one_error_line(err)
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', out) + ['--probs', str(tmp_path / 'no')],
                         capsys)
    assert code == 2 and 'no such folder (--probs)' in one_error_line(err)
    cv2.imwrite(str(probs / f'{entries[1]["id"]}.png'), np.zeros((5, 5, 3), np.uint8))  # colour, wrong size
    code, err = run_tool(refine, args(folder, folder / 'coarse.json', out) + ['--probs', str(probs)], capsys)
    assert code == 2 and f'{entries[1]["id"]}.png: probability map must be one-channel' in one_error_line(err)
    assert not out.exists()
