"""tools/predict.py end to end, as a user runs it (subprocess, shipped model)."""
import json
import os
import subprocess
import sys

import cv2
import numpy as np
import pytest
from PIL import Image
from pycocotools import mask as mask_utils

from mmrefine.testing import make_coco_set, make_scene

from ..helpers import REPO

PREDICT = os.path.join(REPO, 'tools', 'predict.py')


def run(*args):
    proc = subprocess.run([sys.executable, PREDICT, *map(str, args)], capture_output=True, text=True, cwd=REPO,
                          timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


def one_error_line(stderr):
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert 'Traceback' not in stderr
    return lines[0]


@pytest.fixture(scope='module')
def coco_fixture(tmp_path_factory):
    folder = tmp_path_factory.mktemp('coco')
    make_coco_set(str(folder), num_images=2, seed=5)
    return folder


def test_coco_mode_writes_one_result_per_annotation(coco_fixture, tmp_path):
    out = tmp_path / 'pred.json'
    code, _, err = run('--coco', coco_fixture / 'annotations.json', '--images', coco_fixture / 'images',
                       '--out', out)
    assert code == 0, err
    gt = json.loads((coco_fixture / 'annotations.json').read_text())
    pred = json.loads(out.read_text())
    assert [p['id'] for p in pred] == [a['id'] for a in gt['annotations']]
    for p, a in zip(pred, gt['annotations']):
        assert p['image_id'] == a['image_id'] and p['category_id'] == a['category_id'] and p['score'] == 1.0
        assert isinstance(p['segmentation']['counts'], str)
        m = mask_utils.decode(p['segmentation'])
        assert m.shape == (240, 320) and m.sum() > 0
    assert '100%' in err or '2/2' in err  # progress bar on stderr


def test_single_image_mode(tmp_path):
    image, masks = make_scene(11, (320, 240), 2)
    path = tmp_path / 'img.jpg'
    cv2.imwrite(str(path), image)
    out = tmp_path / 'out'
    code, stdout, err = run(path, '--box', 10, 10, 150, 200, '--box', -20, 0, 400, 239, '--out-dir', out)
    assert code == 0, err
    assert sorted(os.listdir(out)) == ['mask_000.png', 'mask_001.png', 'overlay.png']
    m = cv2.imread(str(out / 'mask_000.png'), cv2.IMREAD_UNCHANGED)
    assert m.shape == (240, 320) and set(np.unique(m)) <= {0, 255}
    assert 'box 2 [0.0, 0.0, 320.0, 239.0]' in stdout  # clipped to the image


def test_single_image_output_name_taken_by_a_folder(tmp_path):
    image, _ = make_scene(11, (160, 120), 1)
    cv2.imwrite(str(tmp_path / 'img.png'), image)
    out = tmp_path / 'out'
    (out / 'overlay.png').mkdir(parents=True)
    code, _, err = run(tmp_path / 'img.png', '--box', 5, 5, 100, 100, '--out-dir', out)
    assert code == 2
    assert 'overlay.png: is a directory' in one_error_line(err)
    assert sorted(os.listdir(out)) == ['overlay.png']  # no mask written beside it


@pytest.mark.parametrize('mode', ['L', 'RGBA', 'I;16'])
def test_single_image_other_formats(tmp_path, mode):
    image, _ = make_scene(12, (160, 120), 1)
    pil = Image.fromarray(image[..., ::-1].copy())
    pil = Image.fromarray((np.asarray(pil.convert('L')).astype(np.uint16) * 257)) if mode == 'I;16' else pil.convert(mode)
    pil.save(tmp_path / 'img.png')
    code, _, err = run(tmp_path / 'img.png', '--box', 5, 5, 100, 100, '--out-dir', tmp_path / 'out')
    assert code == 0, err


def test_corrupt_image(tmp_path):
    (tmp_path / 'bad.jpg').write_bytes(b'\xff\xd8\xff garbage')
    code, _, err = run(tmp_path / 'bad.jpg', '--box', 0, 0, 10, 10, '--out-dir', tmp_path / 'out')
    assert code == 2 and 'bad.jpg' in one_error_line(err)
    assert not (tmp_path / 'out').exists() or os.listdir(tmp_path / 'out') == []


def test_zero_area_box_is_named(tmp_path):
    image, _ = make_scene(1, (64, 48), 1)
    cv2.imwrite(str(tmp_path / 'a.png'), image)
    code, _, err = run(tmp_path / 'a.png', '--box', 0, 0, 10, 10, '--box', 5, 5, 5, 20, '--out-dir', tmp_path / 'o')
    assert code == 2 and 'box 2' in one_error_line(err) and 'zero or negative area' in err
    assert not (tmp_path / 'o').exists()


def test_missing_annotation_field_and_no_output(coco_fixture, tmp_path):
    gt = json.loads((coco_fixture / 'annotations.json').read_text())
    del gt['annotations'][2]['bbox']
    (tmp_path / 'gt.json').write_text(json.dumps(gt))
    out = tmp_path / 'pred.json'
    code, _, err = run('--coco', tmp_path / 'gt.json', '--images', coco_fixture / 'images', '--out', out)
    assert code == 2 and 'missing field "bbox"' in one_error_line(err)
    assert not out.exists()


def test_repeated_annotation_id_and_no_output(coco_fixture, tmp_path):
    gt = json.loads((coco_fixture / 'annotations.json').read_text())
    gt['annotations'][2]['id'] = gt['annotations'][0]['id']  # results could not tell the two apart
    (tmp_path / 'gt.json').write_text(json.dumps(gt))
    out = tmp_path / 'pred.json'
    code, _, err = run('--coco', tmp_path / 'gt.json', '--images', coco_fixture / 'images', '--out', out)
    assert code == 2 and f'annotation id {gt["annotations"][0]["id"]} appears twice' in one_error_line(err)
    assert not out.exists()


def test_zero_area_annotation_and_corrupt_image_leave_no_output(coco_fixture, tmp_path):
    gt = json.loads((coco_fixture / 'annotations.json').read_text())
    gt['annotations'][3]['bbox'][2] = 0
    (tmp_path / 'gt.json').write_text(json.dumps(gt))
    out = tmp_path / 'pred.json'
    code, _, err = run('--coco', tmp_path / 'gt.json', '--images', coco_fixture / 'images', '--out', out)
    line = err.strip().splitlines()[-1]  # after the progress bar of the image before
    assert line.startswith('error: ') and 'Traceback' not in err
    assert code == 2 and f'annotation id {gt["annotations"][3]["id"]}' in line and not out.exists()
    images = tmp_path / 'images'
    images.mkdir()
    for name in os.listdir(coco_fixture / 'images'):
        (images / name).write_bytes((coco_fixture / 'images' / name).read_bytes()[:100])
    code, _, err = run('--coco', coco_fixture / 'annotations.json', '--images', images, '--out', out)
    assert code == 2 and 'cannot read image' in err and not out.exists()


def test_unwritable_output(coco_fixture, tmp_path):
    (tmp_path / 'file').write_text('x')
    code, _, err = run('--coco', coco_fixture / 'annotations.json', '--images', coco_fixture / 'images',
                       '--out', tmp_path / 'file' / 'pred.json')
    assert code == 2 and 'file' in one_error_line(err)


def test_corrupt_checkpoint(coco_fixture, tmp_path):
    (tmp_path / 'bad.pth').write_bytes(b'not a checkpoint')
    code, _, err = run('--coco', coco_fixture / 'annotations.json', '--images', coco_fixture / 'images',
                       '--out', tmp_path / 'p.json', '--checkpoint', tmp_path / 'bad.pth')
    assert code == 2 and 'bad.pth: not a readable checkpoint' in one_error_line(err)


def test_no_refine_returns_the_detectors_coarse_masks(coco_fixture, tmp_path):
    detector = ['--config', os.path.join(REPO, 'configs', 'known_box', 'known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py'),
                '--checkpoint', os.path.join(REPO, 'mmrefine', 'checkpoints', 'known-box-mask-rcnn_effnet-lite0.pth')]
    base = ['--coco', coco_fixture / 'annotations.json', '--images', coco_fixture / 'images']
    code, _, err = run(*base, '--out', tmp_path / 'coarse.json', '--no-refine')
    assert code == 0, err
    code, _, err = run(*base, '--out', tmp_path / 'detector.json', *detector)
    assert code == 0, err
    coarse = json.loads((tmp_path / 'coarse.json').read_text())
    plain = json.loads((tmp_path / 'detector.json').read_text())
    assert [c['segmentation'] for c in coarse] == [p['segmentation'] for p in plain]


def test_cfg_options_reach_the_model(coco_fixture, tmp_path):
    base = ['--coco', coco_fixture / 'annotations.json', '--images', coco_fixture / 'images']
    code, _, err = run(*base, '--out', tmp_path / 'default.json')
    assert code == 0, err
    code, _, err = run(*base, '--out', tmp_path / 'strict.json', '--cfg-options', 'model.mask_thr_binary=0.95')
    assert code == 0, err
    default = [mask_utils.decode(p['segmentation']).astype(bool)
               for p in json.loads((tmp_path / 'default.json').read_text())]
    strict = [mask_utils.decode(p['segmentation']).astype(bool)
              for p in json.loads((tmp_path / 'strict.json').read_text())]
    # a higher threshold on the same probabilities keeps a subset of each mask, and drops some pixels
    assert all((s <= d).all() for s, d in zip(strict, default))
    assert sum(s.sum() for s in strict) < sum(d.sum() for d in default)


def test_a_mistyped_cfg_option_is_one_line_without_output(coco_fixture, tmp_path):
    code, _, err = run('--coco', coco_fixture / 'annotations.json', '--images', coco_fixture / 'images',
                       '--out', tmp_path / 'p.json', '--cfg-options', 'model.refine_cfg.iteration=2')
    assert code == 2
    line = one_error_line(err)
    assert 'cannot build the model' in line and 'iteration' in line
    assert not (tmp_path / 'p.json').exists()
