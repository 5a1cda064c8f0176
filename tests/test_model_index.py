"""model-index.yml and the metafiles it imports: what `mim search / train / test mmrefine` read."""
import os.path as osp
import subprocess
import sys

import pytest
from mmengine.config import Config

from .helpers import REPO, tiny_config

MIM = [sys.executable, '-m', 'mim']


def models() -> list:
    from modelindex.load_model_index import load
    return list(load(osp.join(REPO, 'model-index.yml')).models)


def test_index_lists_the_two_shipped_checkpoints():
    weights = sorted(m.weights for m in models())
    assert weights == ['mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0.pth',
                       'mmrefine/checkpoints/known-box-mask-rcnn_effnet-lite0_unet-refiner.pth']


@pytest.mark.parametrize('model', models(), ids=lambda m: m.name)
def test_model_entry_matches_its_config_and_checkpoint(model):
    assert osp.isfile(osp.join(REPO, model.weights))
    assert model.name == osp.splitext(osp.basename(model.config))[0]
    cfg = Config.fromfile(osp.join(REPO, model.config))
    val = cfg.val_dataloader.dataset
    set_names = {d['set_name'] for d in val.get('datasets', [val])}
    assert {r.dataset for r in model.results} == set_names  # one result per dev set the config tests
    for result in model.results:
        assert set(result.metrics) == {'mIoU', 'mBIoU'}
        assert all(0 < v <= 100 for v in result.metrics.values())


@pytest.mark.parametrize('model', models(), ids=lambda m: m.name)
def test_metrics_are_the_model_cards_shipped_figures(model):
    """Each result is the bold (shipped) "mIoU / BIoU" of its dev set's row in MODEL_CARD.md."""
    card = open(osp.join(REPO, 'MODEL_CARD.md'), encoding='utf-8').read().splitlines()
    for result in model.results:
        figure = f'**{result.metrics["mIoU"] / 100:.4f} / {result.metrics["mBIoU"] / 100:.4f}**'
        assert any(line.startswith(f'| {result.dataset} ') and figure in line for line in card), \
            (result.dataset, figure)


def test_mim_finds_the_package(tmp_path):
    """`mim search` from any folder: needs the setup.py-develop install of tools/setup_env.sh."""
    proc = subprocess.run(MIM + ['search', 'mmrefine'], cwd=str(tmp_path), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for model in models():
        assert f'config id: {model.name}' in proc.stdout
    run = subprocess.run(MIM + ['run', 'mmrefine', 'predict', '--', '--help'], cwd=str(tmp_path),
                         capture_output=True, text=True, timeout=300)  # `mim run` finds the tools too
    assert run.returncode == 0 and 'usage: predict.py' in run.stdout, run.stderr[-3000:]


def test_mim_finds_each_config_by_name():
    """`mim train/test mmrefine NAME.py` look the name up under the installed package (mmrefine/.mim)."""
    from mim.utils import get_installed_path, recursively_find
    root = get_installed_path('mmrefine')
    for model in models():
        found = recursively_find(root, osp.basename(model.config), followlinks=True)
        assert [osp.realpath(f) for f in found] == [osp.realpath(osp.join(REPO, model.config))]


def test_mim_train_then_test(tmp_path, synthetic_coco):
    cfg = tiny_config(tmp_path, data=synthetic_coco)
    cfg_path = osp.join(str(tmp_path), 'tiny_config.py')
    train = subprocess.run(MIM + ['train', 'mmrefine', cfg_path], cwd=str(tmp_path), capture_output=True,
                           text=True, timeout=600)
    assert train.returncode == 0, (train.stdout + train.stderr)[-3000:]
    ckpt = osp.join(cfg.work_dir, 'iter_2.pth')
    assert osp.isfile(ckpt)
    test = subprocess.run(MIM + ['test', 'mmrefine', cfg_path, '--checkpoint', ckpt], cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=600)
    assert test.returncode == 0, (test.stdout + test.stderr)[-3000:]
    assert 'mean IoU' in test.stdout
