"""tools/finetune.py and tools/cv.py on tiny fixtures (in-process, a couple of iterations)."""
import json
import os

import pytest
import torch

from mmrefine.apis import init_segmenter, segment_boxes
from mmrefine.apis.finetune import split_train_val
from mmrefine.testing import make_coco_set, make_openimages_layout

from ..helpers import REPO, load_tool, run_tool
from .test_predict import one_error_line


@pytest.fixture(scope='module')
def finetune():
    return load_tool('finetune')


def test_split_train_val_holds_out_every_fifth():
    train, val = split_train_val(list(range(12)))
    assert val == [0, 5, 10] and train == [1, 2, 3, 4, 6, 7, 8, 9, 11]
    assert split_train_val([3, 4]) == ([3, 4], [])  # too few images to hold any out


def test_two_iterations_on_openimages_layout_write_a_loadable_checkpoint(finetune, tmp_path, capsys):
    data = tmp_path / 'oi'
    make_openimages_layout(str(data), image_ids=[f'{i:04x}' for i in range(6)])
    work = tmp_path / 'work'
    code, err = run_tool(finetune, ['--data', str(data), '--work-dir', str(work), '--iters', '2'], capsys)
    assert code == 0, err
    assert 'held-out mIoU' in err  # 6 images: one held out, the start competes
    model = init_segmenter(checkpoint=str(work / 'finetuned.pth'))  # what predict.py --checkpoint does
    meta = torch.load(work / 'finetuned.pth', weights_only=True)['meta']
    assert meta['iter'] in (0, 2) and meta['finetuned_from'].endswith('.pth')
    image = (torch.rand(100, 200, 3) * 255).numpy().astype('uint8')
    assert segment_boxes(model, image, [[10, 10, 90, 60]]).shape == (1, 100, 200)


def test_coco_folder_without_holdout_keeps_last_iteration(finetune, tmp_path, capsys):
    data = tmp_path / 'coco'
    make_coco_set(str(data), num_images=2, seed=3)
    work = tmp_path / 'work'
    code, err = run_tool(finetune, ['--data', str(data), '--work-dir', str(work), '--iters', '2'], capsys)
    assert code == 0, err
    assert torch.load(work / 'finetuned.pth', weights_only=True)['meta']['iter'] == 2


@pytest.mark.parametrize('content', [b'not a checkpoint', None])
def test_corrupt_or_incompatible_checkpoint_is_one_line(finetune, tmp_path, capsys, content):
    data = tmp_path / 'coco'
    make_coco_set(str(data), num_images=2, seed=3)
    bad = tmp_path / 'bad.pth'
    if content is None:  # a real checkpoint of another model
        torch.save(dict(state_dict={'conv.weight': torch.zeros(3, 3)}), bad)
    else:
        bad.write_bytes(content)
    work = tmp_path / 'work'
    code, err = run_tool(finetune, ['--data', str(data), '--work-dir', str(work), '--checkpoint', str(bad)],
                         capsys)
    assert code == 2
    line = one_error_line(err)
    assert str(bad) in line and ('not a readable checkpoint' in line or 'does not fit' in line)
    assert not (work / 'finetuned.pth').exists()


def test_zero_usable_instances_is_a_clear_error(finetune, tmp_path, capsys):
    data = tmp_path / 'coco'
    make_coco_set(str(data), num_images=2, seed=3)
    coco = json.loads((data / 'annotations.json').read_text())
    coco['annotations'] = []
    (data / 'annotations.json').write_text(json.dumps(coco))
    code, err = run_tool(finetune, ['--data', str(data), '--work-dir', str(tmp_path / 'w')], capsys)
    assert code == 2 and 'no usable instances' in one_error_line(err)


def test_class_absent_from_openimages_layout_is_a_clear_error(finetune, tmp_path, capsys):
    data = tmp_path / 'oi'
    make_openimages_layout(str(data))
    (data / 'class-descriptions-boxable.csv').write_text('/m/04_sv,Motorcycle\n/m/03k3r,Horse\n/m/0k4j,Car\n')
    code, err = run_tool(finetune, ['--data', str(data), '--work-dir', str(tmp_path / 'w'), '--class-name', 'Car'],
                         capsys)
    assert code == 2 and 'no usable instances (class "Car"' in one_error_line(err)


def test_folder_of_unknown_layout_is_a_clear_error(finetune, tmp_path, capsys):
    (tmp_path / 'empty').mkdir()
    code, err = run_tool(finetune, ['--data', str(tmp_path / 'empty'), '--work-dir', str(tmp_path / 'w')], capsys)
    assert code == 2 and 'neither an Open Images layout' in one_error_line(err)


def test_cascade_start_trains_the_detector_and_keeps_the_refiner(finetune, tmp_path, capsys):
    from mmengine.config import Config
    from mmengine.registry import init_default_scope

    from mmseg.registry import MODELS
    cascade_cfg = os.path.join(REPO, 'configs', 'refiner', 'known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py')
    init_default_scope('mmseg')
    refiner = MODELS.build(Config.fromfile(cascade_cfg).model.refiner).state_dict()
    detector_ckpt = os.path.join(REPO, 'mmrefine', 'checkpoints', 'known-box-mask-rcnn_effnet-lite0.pth')
    detector = torch.load(detector_ckpt, weights_only=True)['state_dict']
    state = {f'detector.{k}': v for k, v in detector.items()}
    state.update({f'refiner.{k}': v for k, v in refiner.items()})
    torch.save(dict(state_dict=state), tmp_path / 'cascade.pth')
    data = tmp_path / 'coco'
    make_coco_set(str(data), num_images=2, seed=3)
    work = tmp_path / 'work'
    code, err = run_tool(finetune, ['--data', str(data), '--work-dir', str(work), '--iters', '1',
                                    '--checkpoint', str(tmp_path / 'cascade.pth')], capsys)
    assert code == 0, err
    out = torch.load(work / 'finetuned.pth', weights_only=True)['state_dict']
    assert set(out) == set(state)
    assert all(torch.equal(out[f'refiner.{k}'], v) for k, v in refiner.items())  # carried over
    changed = [k for k in detector if not torch.equal(out[f'detector.{k}'], detector[k])]
    assert changed  # the detector was trained
    model = init_segmenter(cascade_cfg, str(work / 'finetuned.pth'))
    assert type(model).__name__ == 'RefinedKnownBoxDetector'


def test_cv_tests_only_on_images_whose_id_divisible_by_n(tmp_path, capsys):
    cv = load_tool('cv')
    data = tmp_path / 'coco'
    make_coco_set(str(data), num_images=6, seed=5, num_objects=1)  # image ids 1..6: 2, 4, 6 are testable
    work = tmp_path / 'work'
    code, err = run_tool(cv, ['--data', str(data), '--folds', '2', '--iters', '1', '--test-every', '2',
                              '--work-dir', str(work)], capsys)
    assert code == 0, err
    result = json.loads((work / 'cv.json').read_text())
    assert result['test_every'] == 2 and [f['test_images'] for f in result['folds']] == [2, 1]
    coco = json.loads((data / 'annotations.json').read_text())
    image_of = {a['id']: a['image_id'] for a in coco['annotations']}
    assert sorted(image_of[e['id']] for e in result['instances']['finetuned']) == [2, 4, 6]


def test_cv_test_every_needs_integer_ids_and_enough_images(tmp_path, capsys):
    from mmrefine.apis.finetune import every_nth_id
    from mmrefine.errors import InputError
    assert every_nth_id([0, 1, 2, 3], [3, 4, 6, 7], 3) == [0, 2]
    with pytest.raises(InputError, match="'00ab' is not an integer"):
        every_nth_id([0], ['00ab'], 3)
    cv = load_tool('cv')
    data = tmp_path / 'coco'
    make_coco_set(str(data), num_images=3, seed=5, num_objects=1)
    code, err = run_tool(cv, ['--data', str(data), '--folds', '2', '--test-every', '3',
                              '--work-dir', str(tmp_path / 'w')], capsys)
    assert code == 2 and one_error_line(err) and 'id divisible by 3' in err
