import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmrefine.evaluation import bootstrap_interval


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=40))
def test_bootstrap_interval_brackets_the_mean(values):
    lo, hi = bootstrap_interval(values, resamples=200)
    assert min(values) - 1e-9 <= lo <= np.mean(values) + 1e-9 <= hi + 2e-9 <= max(values) + 3e-9


def test_bootstrap_interval_narrows_with_more_instances():
    rng = np.random.default_rng(1)
    few, many = rng.random(20), rng.random(2000)
    lo_few, hi_few = bootstrap_interval(few)
    lo_many, hi_many = bootstrap_interval(many)
    assert hi_many - lo_many < (hi_few - lo_few) / 5
    assert bootstrap_interval([0.3] * 7) == pytest.approx((0.3, 0.3))
