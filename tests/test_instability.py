"""Unstable runs stop with time, segment and cause; checks stay cheap (engine/instability.py)."""
import tracemalloc

import numpy as np
import pytest

from neuronlite import h, settings
from neuronlite.engine import instability, simulation


def cell(name="soma", mech="hh"):
    sec = h.Section(name=name)
    sec.L = sec.diam = 20
    sec.insert(mech)
    return sec


def test_the_vectors_keep_exactly_the_samples_before_the_failure():
    h.load_file("stdrun.hoc")
    soma = cell()
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1.0, 1.0, 0.0
    t, v = h.Vector().record(h._ref_t), h.Vector().record(soma(0.5)._ref_v)
    sampled = h.Vector().record(soma(0.5)._ref_v, 0.1)
    h.tstop = 3
    h.run()
    t_good, v_good, sampled_good = np.array(t), np.array(v), np.array(sampled)
    stim.amp = 1e12     # from t = 1 ms on, an absurd current
    with pytest.raises(FloatingPointError) as failure:
        h.run()
    message = str(failure.value)
    assert "range at t = 1.025 ms" in message and "soma(0.5).v" in message
    assert "IClamp[0].amp = 1e+12 nA" in message
    assert t.size() == v.size() == 41 and t[-1] == pytest.approx(1.0)
    np.testing.assert_array_equal(np.array(v), v_good[:41])
    np.testing.assert_array_equal(np.array(sampled), sampled_good[:11])
    stim.amp = 0.0
    h.run()
    np.testing.assert_array_equal(np.array(v), v_good)


def test_an_unrecorded_cell_is_found_and_dated_by_the_chunk():
    h.load_file("stdrun.hoc")
    good = cell("good")
    bad = cell("bad", "pas")
    bad.cm = 0.0
    bad.uninsert("pas")            # no capacitance, no membrane: nothing holds v there
    h.IClamp(bad(0.5)).amp = 0.1
    vec = h.Vector().record(good(0.5)._ref_v)
    h.tstop = 2
    with pytest.raises(FloatingPointError) as failure:
        h.run()
    message = str(failure.value)
    assert "between t = 0 and" in message and "bad(0.5)" in message
    assert "cm = 0 uF/cm2 at bad(0.5)" in message
    assert np.isfinite(np.array(vec)).all()


def test_a_blow_up_beyond_the_limit_is_caught_before_it_is_nan():
    h.load_file("stdrun.hoc")
    soma = cell()
    vec = h.Vector().record(soma(0.5)._ref_v)
    soma(0.5).ena = 5e4            # reversal 50 V: v heads there, finite all the way
    with pytest.raises(FloatingPointError, match=r"v = [0-9.e+]+ mV at soma\(0.5\).v \(beyond"):
        h.run()
    assert np.abs(np.array(vec)).max() <= settings.max_abs_v
    with settings.override(max_abs_v=1e6):   # the limit is a setting
        h.run()
    assert np.array(vec).max() > 1e4


def test_checks_are_per_chunk_not_per_step(monkeypatch):
    h.load_file("stdrun.hoc")
    soma = cell()
    h.Vector().record(soma(0.5)._ref_v)
    calls = []
    real = instability.scan
    monkeypatch.setattr(instability, "scan", lambda *args: calls.append(1) or real(*args))
    h.tstop = 2000           # 80 000 steps
    h.run()
    assert len(calls) <= 80000 // simulation.CHECK_STEPS + 2


def test_dt_recordings_of_a_long_run_cost_what_they_record():
    h.load_file("stdrun.hoc")
    soma = cell(mech="pas")
    sampled = h.Vector().record(soma(0.5)._ref_v, 10.0)
    h.tstop = 10
    h.run()
    h.tstop = 50000          # 2 000 000 steps, 5 000 samples (t = 50000 waits for a step)
    tracemalloc.start()
    try:
        h.run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sampled.size() == 5000
    # the chunk buffer (CHECK_STEPS x 2 rows) and the samples; not 2e6 floats in lists
    assert peak < 2 * 1024 * 1024, peak


def test_cvode_runs_are_checked_too():
    h.load_file("stdrun.hoc")
    soma = cell(mech="pas")
    soma.cm = 0.0
    soma.uninsert("pas")
    h.IClamp(soma(0.5)).amp = 0.1
    h.cvode_active(1)
    h.tstop = 1
    with pytest.raises((FloatingPointError, RuntimeError)):
        h.run()
