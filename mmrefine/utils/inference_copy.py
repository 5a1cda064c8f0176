"""Cached, faster copies of modules for inference (e.g. with BatchNorm folded into convolutions)."""
import copy
import weakref
from typing import Callable

import torch.nn as nn

# module -> (fingerprint of its weights, fast copy); entries vanish with their module
_CACHE: 'weakref.WeakKeyDictionary[nn.Module, tuple]' = weakref.WeakKeyDictionary()


def weights_fingerprint(model: nn.Module) -> tuple:
    """Changes whenever a weight is replaced or written in place (e.g. by ``load_state_dict``)."""
    return tuple((id(t), t._version) for t in list(model.parameters()) + list(model.buffers()))


def cached_inference_copy(model: nn.Module, make: Callable[[nn.Module], nn.Module]) -> nn.Module:
    """``make(deepcopy of model in eval mode)``, made once and made again when ``model``'s weights change.

    The copy is never trained or saved: ``make`` may change its state dict.
    """
    key = weights_fingerprint(model)
    cached = _CACHE.get(model)
    if cached is None or cached[0] != key:
        cached = (key, make(copy.deepcopy(model).eval()))
        _CACHE[model] = cached
    return cached[1]
