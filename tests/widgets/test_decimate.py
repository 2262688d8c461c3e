"""Min/max decimation keeps every extremum and at most MAX_POINTS points."""

import numpy as np
import pytest

from neuronlite_widgets._decimate import MAX_POINTS, minmax_decimate, minmax_indices


@pytest.mark.parametrize("n", [0, 1, 2, 10, MAX_POINTS, MAX_POINTS + 1, 16001, 1_000_003])
def test_bounded_ordered_float32(n):
    rng = np.random.default_rng(n)
    t = np.cumsum(rng.random(n))
    v = rng.standard_normal(n)
    x, y = minmax_decimate(t, v)
    assert len(x) == len(y) <= MAX_POINTS
    assert x.dtype == y.dtype == np.float32
    assert np.all(np.diff(x) >= 0)
    if n:
        assert y.max() == np.float32(v.max()) and y.min() == np.float32(v.min())
        assert x[0] == np.float32(t[0]) and x[-1] == np.float32(t[-1])


def test_short_traces_are_untouched():
    t = np.arange(100.0)
    x, y = minmax_decimate(t, t ** 2)
    np.testing.assert_array_equal(y, (t ** 2).astype(np.float32))


def test_a_one_sample_spike_survives():
    v = np.full(400_001, -65.0)
    v[123_457] = 40.0
    keep = minmax_indices(v)
    assert 123_457 in keep


def test_nan_does_not_hide_the_extremes():
    v = np.linspace(-70, 30, 50_000)
    v[10] = np.nan
    x, y = minmax_decimate(np.arange(v.size), v)
    assert np.nanmax(y) == np.float32(30.0) and np.nanmin(y) == np.float32(-70.0)
