"""tools/analysis/browse_dataset.py: each item drawn after its pipeline, whole files only, one-line errors."""
import os

import cv2
import numpy as np

from ..helpers import REPO, load_tool, run_tool, tiny_config
from .test_predict import one_error_line


def test_train_items_are_drawn_as_the_pipeline_leaves_them(tmp_path, synthetic_coco, capsys):
    tiny_config(tmp_path, data=synthetic_coco)  # train and test pipelines resize to 160 x 120
    out = tmp_path / 'browse'
    code, err = run_tool(load_tool('analysis/browse_dataset'),
                         [str(tmp_path / 'tiny_config.py'), '--max', '2', '--output-dir', str(out)], capsys)
    assert code == 0, err
    names = sorted(os.listdir(out))
    assert names == ['00000_synthetic_000.png', '00001_synthetic_001.png']  # no temporary file left
    drawn = cv2.imread(str(out / names[0]))
    assert drawn.shape == (120, 160, 3)
    original = cv2.resize(cv2.imread(os.path.join(synthetic_coco, 'images', 'synthetic_000.png')), (160, 120))
    flipped = cv2.flip(original, 1)  # RandomFlip may have mirrored it
    changed = min((np.abs(drawn.astype(int) - im.astype(int)).sum(-1) > 60).mean() for im in (original, flipped))
    assert 0.05 < changed < 0.9  # the masks and boxes are drawn over it, not instead of it


def test_test_items_are_drawn_on_the_original_image(tmp_path, synthetic_coco, capsys):
    tiny_config(tmp_path, data=synthetic_coco)
    out = tmp_path / 'browse'
    code, err = run_tool(load_tool('analysis/browse_dataset'),
                         [str(tmp_path / 'tiny_config.py'), '--split', 'test', '--max', '0', '--output-dir',
                          str(out)], capsys)
    assert code == 0, err
    names = sorted(os.listdir(out))
    assert len(names) == 4  # --max 0: all of them
    assert cv2.imread(str(out / names[0])).shape == (240, 320, 3)  # the synthetic images' own size


def test_a_refiner_config_is_one_line_error_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / 'browse'
    config = os.path.join(REPO, 'configs', 'refiner', 'unet-refiner_64x64_dev-sets.py')
    code, err = run_tool(load_tool('analysis/browse_dataset'), [config, '--output-dir', str(out)], capsys)
    assert code == 2 and 'default scope is mmseg' in one_error_line(err)
    assert not out.exists()
