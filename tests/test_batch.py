"""batch.sweep: the same numbers as a loop of h.run(), in one call."""
import numpy as np
import pytest

from neuronlite import batch, h


def _worksheet_hh():
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    syn = h.AlphaSynapse(soma(0.5))
    syn.onset = 2
    syn.gmax = 0.5
    h.tstop = 6
    return soma, syn


def test_sweep_equals_looped_runs_exactly():
    soma, syn = _worksheet_hh()
    vec = h.Vector().record(soma(0.5)._ref_v)
    values = np.linspace(0.05, 1.0, 7)
    looped = []
    for g in values:
        syn.gmax = g
        h.run()
        looped.append(vec.as_numpy().copy())
    traces = batch.sweep((syn, "gmax"), values, record=soma(0.5)._ref_v, reduce=None)
    assert traces.shape == (7, len(looped[0]))
    assert np.array_equal(traces, np.array(looped))
    peaks = batch.sweep((syn, "gmax"), values, record=soma(0.5)._ref_v)
    assert np.array_equal(peaks, np.array(looped).max(axis=1))


def test_sweep_of_a_density_parameter_and_model_left_usable():
    soma, syn = _worksheet_hh()
    vec = h.Vector().record(soma(0.5)._ref_v)
    h.run()
    before = vec.as_numpy().copy()
    out = batch.sweep((soma(0.5).hh, "gnabar"), [0.0, 0.12], reduce="last")
    assert np.array_equal(vec.as_numpy(), before), "a sweep leaves recordings alone"
    assert out.shape == (2,) and out[0] != out[1]
    assert soma(0.5).gnabar_hh == 0.12
    h.run()
    assert np.array_equal(vec.as_numpy(), before)


def test_sweep_rejects_bad_values_and_reducers():
    soma, syn = _worksheet_hh()
    with pytest.raises(RuntimeError):
        batch.sweep((syn, "gmax"), [1.0, "x"])
    with pytest.raises(ValueError):
        batch.sweep((syn, "gmax"), [1.0], reduce="median")
    assert batch.sweep((syn, "gmax"), []).size == 0
