"""The vectorisable exp agrees with the C library to 1 ulp over the range hh uses."""
import math

import numpy as np

from neuronlite.engine import jit
from neuronlite.mechanisms import vmath


def test_vexp_within_one_ulp_of_libm():
    jit.activate()
    rng = np.random.default_rng(1)
    xs = np.concatenate([rng.uniform(-700, 0, 20000), rng.uniform(-50, 5, 20000),
                         rng.uniform(-1e-3, 1e-3, 2000), [0.0, -1.0, 1.0, -707.9]])
    out = np.array([vmath.vexp(x) for x in xs])
    ref = np.exp(xs)
    assert np.max(np.abs(out - ref) / np.spacing(ref)) <= 1.0


def test_vexp_underflow_and_python_fallback():
    assert vmath.vexp(-800.0) == 0.0
    assert vmath.vexp(-708.5) == 0.0
    assert math.isclose(vmath.vexp(2.5), math.exp(2.5), rel_tol=1e-15)
