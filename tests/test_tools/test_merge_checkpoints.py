"""tools/merge_checkpoints.py: detector + refiner -> cascade, either side may be a cascade."""
import pytest
import torch

from ..helpers import load_tool
from .test_finetune import run_tool
from .test_predict import one_error_line


@pytest.fixture(scope='module')
def merge():
    return load_tool('merge_checkpoints')


def _save(path, state, it=7):
    torch.save(dict(state_dict=state, meta=dict(iter=it)), path)
    return str(path)


def test_joins_a_detector_and_a_refiner(merge, tmp_path, capsys):
    det = _save(tmp_path / 'det.pth', {'backbone.w': torch.ones(2)}, it=1500)
    ref = _save(tmp_path / 'ref.pth', {'decode_head.w': torch.zeros(3)}, it=800)
    out = tmp_path / 'cascade.pth'
    code, err = run_tool(merge, [det, ref, str(out)], capsys)
    assert code in (0, None), err
    ckpt = torch.load(out, weights_only=True)
    assert sorted(ckpt['state_dict']) == ['detector.backbone.w', 'refiner.decode_head.w']
    assert ckpt['meta']['detector_iter'] == 1500 and ckpt['meta']['refiner_iter'] == 800


def test_takes_the_refiner_out_of_a_cascade(merge, tmp_path, capsys):
    old = _save(tmp_path / 'old.pth', {'detector.backbone.w': torch.ones(2), 'refiner.decode_head.w': torch.full((3,), 5.)})
    new_det = _save(tmp_path / 'det.pth', {'backbone.w': torch.full((2,), 2.)})
    out = tmp_path / 'cascade.pth'
    code, err = run_tool(merge, [new_det, old, str(out)], capsys)
    assert code in (0, None), err
    state = torch.load(out, weights_only=True)['state_dict']
    assert sorted(state) == ['detector.backbone.w', 'refiner.decode_head.w']
    assert state['detector.backbone.w'].tolist() == [2., 2.] and state['refiner.decode_head.w'].tolist() == [5.] * 3


def test_missing_input_is_one_line_and_writes_nothing(merge, tmp_path, capsys):
    ref = _save(tmp_path / 'ref.pth', {'decode_head.w': torch.zeros(3)})
    out = tmp_path / 'cascade.pth'
    code, err = run_tool(merge, [str(tmp_path / 'nope.pth'), ref, str(out)], capsys)
    assert code == 2
    assert 'nope.pth: checkpoint file not found' in one_error_line(err)
    assert not out.exists()
