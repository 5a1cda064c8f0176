"""mmrefine.utils.checkpoint: safe loading, one-line errors, cascade state dicts, slim checkpoints."""
import pytest
import torch
import torch.nn as nn

from mmrefine.errors import InputError
from mmrefine.utils import (check_state_dict, join_cascade_state, load_state_dict_file, read_state_dict,
                            save_inference_checkpoint, split_cascade_state)
from mmrefine.utils.checkpoint import load_checkpoint_file


def test_plain_and_mmengine_checkpoints_load_with_weights_only(tmp_path):
    from mmengine.logging.history_buffer import HistoryBuffer
    import numpy as np
    weights = {'w': torch.ones(2)}
    torch.save(weights, tmp_path / 'plain.pth')
    assert load_state_dict_file(str(tmp_path / 'plain.pth'))['w'].tolist() == [1., 1.]
    # what MMEngine's CheckpointHook writes: a message hub with HistoryBuffers, numpy values in meta
    hub = HistoryBuffer()
    hub.update(0.5)
    torch.save(dict(state_dict=weights, meta=dict(iter=np.int64(3), seed=np.int32(0), dtype=np.dtype('float32')),
                    message_hub=dict(log_scalars={'loss': hub})), tmp_path / 'run.pth')
    state, meta = load_checkpoint_file(str(tmp_path / 'run.pth'))
    assert list(state) == ['w'] and int(meta['iter']) == 3


@pytest.mark.parametrize('content, message', [
    (None, 'checkpoint file not found'),
    (b'not a checkpoint', 'not a readable checkpoint'),
    ({'w': 'text'}, 'not a model checkpoint'),
    ({}, 'not a model checkpoint'),
])
def test_bad_checkpoint_files_are_named_in_one_line(tmp_path, content, message):
    path = tmp_path / 'bad.pth'
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        torch.save(content, path)
    with pytest.raises(InputError) as err:
        load_state_dict_file(str(path))
    assert str(err.value).startswith(f'{path}: {message}') and '\n' not in str(err.value)


def test_state_dict_that_does_not_fit_the_model_is_named():
    model = nn.Linear(3, 2)
    check_state_dict(model.state_dict(), model, 'ok.pth')
    with pytest.raises(InputError, match=r'^k\.pth: does not fit the model of C: 1 weights missing, 1 of another '
                                         r'shape \(e\.g\. bias\)$'):
        check_state_dict({'weight': torch.zeros(2, 4)}, model, 'k.pth', 'C')


def test_read_state_dict_checks_the_file_against_the_model(tmp_path):
    model = nn.Linear(3, 2)
    torch.save({'state_dict': model.state_dict()}, tmp_path / 'm.pth')
    assert set(read_state_dict(str(tmp_path / 'm.pth'), model)) == {'weight', 'bias'}
    with pytest.raises(InputError, match='does not fit'):
        read_state_dict(str(tmp_path / 'm.pth'), nn.Linear(4, 2))


def test_cascade_state_splits_into_what_it_was_joined_from():
    det, ref = {'a': torch.zeros(1)}, {'b': torch.ones(1)}
    joined = join_cascade_state(det, ref)
    assert sorted(joined) == ['detector.a', 'refiner.b']
    assert split_cascade_state(joined) == (det, ref)
    assert split_cascade_state(det) == (det, None)  # a plain detector


def test_inference_checkpoint_keeps_weights_and_a_plain_meta_only(tmp_path):
    ckpt = dict(state_dict={'w': torch.arange(3.)}, optimizer={'state': {}}, meta=dict(iter=7, seed=1))
    dst = tmp_path / 'sub' / 'slim.pth'
    save_inference_checkpoint(ckpt, str(dst), note='x')
    saved = torch.load(dst, map_location='cpu', weights_only=True)
    assert set(saved) == {'state_dict', 'meta'} and saved['state_dict']['w'].tolist() == [0., 1., 2.]
    assert saved['meta']['iter'] == 7 and saved['meta']['seed'] == 1 and saved['meta']['note'] == 'x'
    assert [p.name for p in dst.parent.iterdir()] == ['slim.pth']  # no temporary file left behind
