"""Checkpoint loading that works with ``torch.load(weights_only=True)``.

Since torch 2.6, ``torch.load`` refuses pickled objects that are not on its
allow-list, and MMEngine checkpoints carry a few (``HistoryBuffer`` in the
message hub, numpy arrays, scalars and dtypes in ``meta``). Rather than
switching the safety check off globally, this module

* adds exactly those types to torch's allow-list, and
* makes ``HistoryBuffer`` pickle without its built-in statistics functions
  (which would need ``getattr`` on load, a global we must not allow; they are
  restored on unpickling anyway),

so MMEngine's ``load_checkpoint`` and ``--resume`` work on checkpoints that
mmrefine's runs write. Checkpoints written elsewhere by plain MMEngine still
need ``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1`` (only for files you trust).
"""
from typing import List, Tuple

import numpy as np
import torch

from .files import write_atomic


def _mmengine_checkpoint_types() -> List[type]:
    """Types found in checkpoints written by MMEngine's ``CheckpointHook``."""
    from mmengine.logging.history_buffer import HistoryBuffer
    types: List[type] = [HistoryBuffer, np.ndarray, np.dtype]
    # numpy scalars, their dtype classes and the array reconstructor
    for name in ('float64', 'float32', 'int64', 'int32', 'bool_', 'uint8'):
        scalar = getattr(np, name)
        types.append(scalar)
        types.append(type(np.dtype(scalar)))
    try:
        from numpy._core.multiarray import _reconstruct, scalar as np_scalar
    except ImportError:  # numpy < 2
        from numpy.core.multiarray import _reconstruct, scalar as np_scalar
    types += [_reconstruct, np_scalar]
    return types


_DEFAULT_STATISTICS = ('min', 'max', 'current', 'mean')


def _history_buffer_state(self) -> dict:
    """``HistoryBuffer.__getstate__`` without the default statistics functions."""
    state = dict(self.__dict__)
    custom = {k: v for k, v in self._statistics_methods.items() if k not in _DEFAULT_STATISTICS}
    state.pop('statistics_methods', None)
    if custom:
        state['statistics_methods'] = custom
    return state


def allow_mmengine_checkpoints() -> None:
    """Let ``torch.load(weights_only=True)`` read MMEngine checkpoints.

    Idempotent; the allow-list part is a no-op on torch without ``add_safe_globals``.
    """
    from mmengine.logging.history_buffer import HistoryBuffer
    HistoryBuffer.__getstate__ = _history_buffer_state
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is not None:
        add(_mmengine_checkpoint_types())


def load_state_dict_file(path: str) -> dict:
    """The ``state_dict`` of a checkpoint file (MMEngine's or a plain one).

    Raises ``InputError`` (one line, naming ``path``) if the file is missing,
    unreadable or holds no tensors.
    """
    return load_checkpoint_file(path)[0]


def load_checkpoint_file(path: str) -> Tuple[dict, dict]:
    """``(state_dict, meta)`` of a checkpoint file; ``meta`` is ``{}`` where it has none.

    Raises ``InputError`` as ``load_state_dict_file`` does.
    """
    import os.path as osp

    from ..errors import InputError
    if not osp.isfile(path):
        raise InputError(f'{path}: checkpoint file not found')
    allow_mmengine_checkpoints()
    try:
        ckpt = torch.load(path, map_location='cpu', weights_only=True)
    except Exception as err:
        raise InputError(f'{path}: not a readable checkpoint ({str(err).splitlines()[0][:120]})') from None
    state = ckpt.get('state_dict', ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict) or not state or not all(torch.is_tensor(v) for v in state.values()):
        raise InputError(f'{path}: not a model checkpoint (no state_dict of tensors)')
    meta = ckpt.get('meta') if isinstance(ckpt, dict) and 'state_dict' in ckpt else None
    return state, meta if isinstance(meta, dict) else {}


def check_state_dict(state: dict, model: torch.nn.Module, path: str, config_name: str = 'the config') -> None:
    """``InputError`` if ``state`` lacks weights of ``model`` or has them in another shape."""
    from ..errors import InputError
    own = model.state_dict()
    missing = [k for k in own if k not in state]
    mismatched = [k for k in own if k in state and state[k].shape != own[k].shape]
    if missing or mismatched:
        bad = (missing + mismatched)[0]
        raise InputError(f'{path}: does not fit the model of {config_name}: '
                         f'{len(missing)} weights missing, {len(mismatched)} of another shape (e.g. {bad})')


def read_state_dict(path: str, model: torch.nn.Module, config_name: str = 'the config') -> dict:
    """Weights of a checkpoint file, checked against ``model`` (``InputError`` if they do not fit)."""
    state = load_state_dict_file(path)
    check_state_dict(state, model, path, config_name)
    return state


def join_cascade_state(detector: dict, refiner: dict) -> dict:
    """A cascade's state dict (``detector.*`` + ``refiner.*``); the inverse of ``split_cascade_state``."""
    state = {f'detector.{k}': v for k, v in detector.items()}
    state.update({f'refiner.{k}': v for k, v in refiner.items()})
    return state


def split_cascade_state(state: dict) -> tuple:
    """``(detector weights, refiner weights or None)`` of a cascade or a plain detector state dict."""
    if not any(k.startswith('detector.') for k in state):
        return state, None
    det = {k[len('detector.'):]: v for k, v in state.items() if k.startswith('detector.')}
    ref = {k[len('refiner.'):]: v for k, v in state.items() if k.startswith('refiner.')}
    return det, ref


def save_inference_checkpoint(ckpt: dict, dst: str, **extra_meta) -> None:
    """Write the weights of a training checkpoint and a small plain ``meta`` to ``dst``.

    Drops the optimizer, scheduler and message hub; the file loads with
    ``torch.load(weights_only=True)``. Written to a temporary file, then renamed.
    """
    import os

    from .. import __version__
    meta = ckpt.get('meta', {})
    slim = dict(state_dict={k: v.clone() for k, v in ckpt['state_dict'].items()},
                meta=dict(iter=int(meta.get('iter', -1)), seed=int(meta.get('seed', -1)),
                          experiment_name=str(meta.get('experiment_name', '')),
                          mmrefine_version=__version__, **extra_meta))
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    write_atomic(dst, lambda tmp: torch.save(slim, tmp), '.pth')
