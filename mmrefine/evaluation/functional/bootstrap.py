"""Bootstrap intervals of a mean: how sure a score or a difference of scores on a few dozen instances is."""
from typing import Sequence, Tuple

import numpy as np

RESAMPLES = 2000


def bootstrap_interval(values: Sequence[float], resamples: int = RESAMPLES, seed: int = 0) -> Tuple[float, float]:
    """95 % percentile interval of the mean of ``values`` ``(N,)`` over ``resamples`` resamples of the N values.

    For a paired comparison pass the per-instance differences: resampling them resamples the pairs.
    """
    v = np.asarray(values, np.float64)
    rng = np.random.default_rng(seed)
    means = v[rng.integers(0, len(v), (resamples, len(v)))].mean(1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)
