"""tools/train.py and tools/test.py on a tiny synthetic set, through custom_imports."""
import os
import subprocess
import sys

import torch

from ..helpers import REPO, tiny_config


def test_config_in_temp_folder_builds_our_modules(tmp_path, synthetic_coco):
    from mmengine.registry import init_default_scope
    from mmengine.utils import import_modules_from_strings
    from mmdet.registry import DATASETS, METRICS, MODELS
    cfg = tiny_config(tmp_path, data=synthetic_coco)
    import_modules_from_strings(**cfg.custom_imports)
    init_default_scope('mmdet')
    assert type(MODELS.build(cfg.model)).__name__ == 'KnownBoxMaskRCNN'
    assert type(DATASETS.build(cfg.train_dataloader.dataset)).__name__ == 'KnownBoxCocoDataset'
    assert type(METRICS.build(cfg.test_evaluator)).__name__ == 'MaskIoUMetric'


def test_two_iterations_then_test(tmp_path, synthetic_coco):
    cfg = tiny_config(tmp_path, data=synthetic_coco)
    cfg_path = os.path.join(str(tmp_path), 'tiny_config.py')
    train = subprocess.run([sys.executable, 'tools/train.py', cfg_path], cwd=REPO, capture_output=True, text=True,
                           timeout=600)
    assert train.returncode == 0, train.stderr[-3000:]
    ckpt = os.path.join(cfg.work_dir, 'iter_2.pth')
    assert os.path.isfile(ckpt)
    state = torch.load(ckpt, map_location='cpu', weights_only=True)  # loads without the global switch
    assert any(k.startswith('roi_head.mask_head') for k in state['state_dict'])
    test = subprocess.run([sys.executable, 'tools/test.py', cfg_path, ckpt, '--out', str(tmp_path / 'p.json'),
                           '--show-dir', str(tmp_path / 'shown')],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert test.returncode == 0, test.stderr[-3000:]
    assert 'mean IoU' in test.stdout and (tmp_path / 'p.json').is_file()
    # one drawing per test image, as mmdet's --show-dir: ground truth beside prediction, at the image's size
    images = sorted(os.listdir(os.path.join(synthetic_coco, 'images')))
    assert sorted(os.listdir(tmp_path / 'shown')) == images
    import cv2
    drawn = cv2.imread(str(tmp_path / 'shown' / images[0]))
    height, width = cv2.imread(os.path.join(synthetic_coco, 'images', images[0])).shape[:2]
    assert drawn.shape[:2] == (height, 2 * width)
    resume = subprocess.run([sys.executable, 'tools/train.py', cfg_path, '--resume',
                             '--cfg-options', 'train_cfg.max_iters=3'],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert resume.returncode == 0, resume.stderr[-3000:]
    assert 'resumed' in (resume.stdout + resume.stderr).lower()


def test_bad_dataset_is_one_line_error(tmp_path, synthetic_coco):
    import json
    coco = json.load(open(os.path.join(synthetic_coco, 'annotations.json')))
    del coco['images'][0]['width']
    bad = tmp_path / 'data'
    (bad / 'images').mkdir(parents=True)
    (bad / 'annotations.json').write_text(json.dumps(coco))
    tiny_config(tmp_path, data=str(bad))
    proc = subprocess.run([sys.executable, 'tools/train.py', os.path.join(str(tmp_path), 'tiny_config.py')],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2 and 'Traceback' not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].endswith('images[0] is missing field "width"')


def test_missing_or_corrupt_checkpoint_is_one_line_error(tmp_path, synthetic_coco):
    cfg_path = os.path.join(str(tmp_path), 'tiny_config.py')
    tiny_config(tmp_path, data=synthetic_coco)
    (tmp_path / 'bad.pth').write_bytes(b'not a checkpoint')
    for ckpt, message in ((tmp_path / 'none.pth', 'checkpoint file not found'),
                          (tmp_path / 'bad.pth', 'not a readable checkpoint')):
        proc = subprocess.run([sys.executable, 'tools/test.py', cfg_path, str(ckpt)], cwd=REPO, capture_output=True,
                              text=True, timeout=600)
        assert proc.returncode == 2 and 'Traceback' not in proc.stderr
        assert proc.stderr.strip().splitlines()[-1].startswith(f'error: {ckpt}: {message}')


def test_show_dir_without_a_visualization_hook_is_one_line_error(tmp_path):
    config = os.path.join(REPO, 'configs', 'refiner', 'unet-refiner_64x64_dev-sets.py')  # an mmseg config
    ckpt = os.path.join(REPO, 'mmrefine', 'checkpoints', 'known-box-mask-rcnn_effnet-lite0_unet-refiner.pth')
    proc = subprocess.run([sys.executable, 'tools/test.py', config, ckpt, '--show-dir', str(tmp_path / 'shown')],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2 and 'Traceback' not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == (
        f'error: {config}: --show and --show-dir need default_hooks.visualization (DetVisualizationHook) '
        'in the config')
    assert not (tmp_path / 'shown').exists()
