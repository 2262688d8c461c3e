"""NetStim with noise > 0: NEURON 9's Random123 streams, statistics and seeding.

Each NetStim owns a Philox4x32 stream (ids (1, 0, k+1) for the k-th NetStim,
or the ids given to noiseFromRandom123); finitialize restarts it (INITIAL's
seed(0)).  The trains are therefore reproducible run after run and equal to
NEURON's, spike for spike.
"""
import json

import numpy as np
import pytest
from scipy import stats

from neuronlite import h
from neuronlite.engine import random123
from support import needs_neuron, run_python


@pytest.fixture(autouse=True)
def _global_index_back_to_zero():
    yield
    random123.set_globalindex(0)


def _train(start=0.0, interval=5.0, number=10, noise=1.0):
    stim = h.NetStim()
    stim.start, stim.interval, stim.number, stim.noise = start, interval, number, noise
    spikes = h.Vector()
    nc = h.NetCon(stim, None)
    nc.record(spikes)
    return stim, spikes, nc


def _run(tstop, dt=0.5):
    # spike times of a NetStim are exact, whatever the step: a coarse dt is quick
    h.load_file("stdrun.hoc")
    h.dt, h.steps_per_ms, h.tstop = dt, 1.0 / dt, tstop
    h.run()


def test_poisson_intervals_are_exponential_with_mean_interval():
    interval = 5.0
    stim, spikes, nc = _train(interval=interval, number=3000, noise=1.0)
    _run(3000 * interval * 3)
    isi = np.diff(np.array(spikes))
    assert len(spikes) == 3000
    result = stats.kstest(isi, "expon", args=(0.0, interval))
    assert result.pvalue > 0.01, result
    assert abs(isi.mean() - interval) < 4 * interval / np.sqrt(isi.size)


def test_half_noise_keeps_half_the_interval_fixed():
    interval = 4.0
    stim, spikes, nc = _train(interval=interval, number=2000, noise=0.5)
    _run(2000 * interval * 2)
    isi = np.diff(np.array(spikes))
    # (1 - noise)*interval + noise*interval*exprand: never below half the interval
    assert isi.min() >= 0.5 * interval - 1e-9
    assert isi.min() < 0.5 * interval * 1.01
    excess = isi - 0.5 * interval
    assert stats.kstest(excess, "expon", args=(0.0, 0.5 * interval)).pvalue > 0.01


def test_same_stream_same_train_and_other_streams_differ():
    a, spikes_a, nc_a = _train(number=20)
    b, spikes_b, nc_b = _train(number=20)
    _run(200)
    first_a, first_b = list(spikes_a), list(spikes_b)
    assert first_a != first_b                       # each NetStim has its own stream
    _run(200)
    assert list(spikes_a) == first_a                # every run restarts the stream
    b.noiseFromRandom123(1, 0, 1)                   # a's default ids
    _run(200)
    assert list(spikes_b) == first_a
    a.noiseFromRandom123(7, 8, 9)
    b.noiseFromRandom123(7, 8, 9)
    _run(200)
    assert list(spikes_a) == list(spikes_b) != first_a
    b.noiseFromRandom123(7, 8, 10)
    _run(200)
    assert list(spikes_b) != list(spikes_a)


def test_seed_moves_the_stream_only_within_a_run():
    stim, spikes, nc = _train(number=20)
    _run(200)
    default = list(spikes)
    stim.seed(12)             # finitialize puts the stream back to 0, as NEURON 9 does
    _run(200)
    assert list(spikes) == default
    h.stdinit()               # after initialisation the new position is used
    stim.seed(12)
    h.continuerun(200)
    moved = list(spikes)
    assert moved != default
    h.stdinit()
    stim.seed(12)
    h.continuerun(200)
    assert list(spikes) == moved


def test_global_index_changes_every_stream():
    stim, spikes, nc = _train(number=20)
    _run(200)
    default = list(spikes)
    random123.set_globalindex(3)
    _run(200)
    assert list(spikes) != default
    random123.set_globalindex(0)
    _run(200)
    assert list(spikes) == default


def test_erand_draws_from_the_stream():
    stim = h.NetStim()
    draws = [stim.erand() for _ in range(2000)]
    assert min(draws) > 0 and abs(np.mean(draws) - 1.0) < 0.1
    assert stim.noiseFromRandom123(1, 0, 1) == 1.0 and stim.erand() == draws[0]
    assert "seed" in dir(stim) and "noiseFromRandom123" in dir(stim)


SCRIPT = """
import json
from MODULE import h
h.load_file("stdrun.hoc")
h.dt, h.steps_per_ms, h.tstop = 0.5, 2, 300
out = {}
stims, vecs, ncs = [], [], []
for k, noise in enumerate([1.0, 0.5, 0.2]):
    s = h.NetStim()
    s.start, s.interval, s.number, s.noise = 5 * k, 6 + k, 25, noise
    v = h.Vector(); nc = h.NetCon(s, None); nc.record(v)
    stims.append(s); vecs.append(v); ncs.append(nc)
stims[2].noiseFromRandom123(11, 22, 33)
h.run()
out["default"] = [list(v) for v in vecs]
h.stdinit(); stims[0].seed(9); h.continuerun(h.tstop)
out["seeded"] = list(vecs[0])
GLOBAL
h.run()
out["global"] = [list(v) for v in vecs]
print("JSON" + json.dumps(out))
"""


@needs_neuron
def test_trains_equal_neurons_spike_for_spike(tmp_path):
    results = {}
    for module, global_line in (
            ("neuron", "h.Random().Random123_globalindex(4)"),
            ("neuronlite", "from neuronlite.engine import random123; "
                           "random123.set_globalindex(4)")):
        code = SCRIPT.replace("MODULE", module).replace("GLOBAL", global_line)
        result = run_python(code, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        line = [x for x in result.stdout.splitlines() if x.startswith("JSON")][0]
        results[module] = json.loads(line[4:])
    assert results["neuronlite"] == results["neuron"]
    assert len(results["neuron"]["default"][0]) == 25
