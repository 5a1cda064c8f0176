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
from typing import List

import numpy as np
import torch


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
