"""Property-based fuzzing of the API (tests/fuzz_program.py; tests/soak.py runs thousands).

Random programs of create/connect/insert/set/record/run/continue/delete/nseg
operations, with deliberately bad inputs mixed in, must: raise only
documented exceptions (and only from the bad operations), never hang, never
leave NaN in a Vector, and leave the model usable.  Programs of valid inputs
only must give NEURON's recorded traces to 1e-6.
"""
import signal

import pytest
from hypothesis import HealthCheck, given, settings

import fuzz_program as fuzz
import fuzz_run
from support import needs_neuron

FAST = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def _alarm(signum, frame):
    raise TimeoutError("a generated program ran for more than 60 s")


@pytest.fixture
def watchdog():
    old = signal.signal(signal.SIGALRM, _alarm)
    yield lambda: signal.alarm(60)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@FAST
@given(fuzz.any_programs)
def test_random_programs_keep_the_invariants(watchdog, ops):
    watchdog()
    fuzz_run.run_neuronlite(fuzz.render(ops))


@needs_neuron
@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(fuzz.valid_programs)
def test_valid_programs_match_neuron(watchdog, ops):
    import sys
    program = fuzz.render(ops)
    assert program.valid
    watchdog()
    assert fuzz_run.compare(program, sys.executable) == [], program.text


# --- regressions: programs the fuzzer found (each also fixed in neuronlite) -------------

def _cell():
    from neuronlite import h
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    return h, soma


def test_dt_recordings_end_where_neurons_do():
    """Found by the fuzzer: record(ref, 0.1) with tstop = 2 kept a 21st sample (t = 2)
    that NEURON takes only with the next step.  Values below are NEURON 9.0.2's."""
    h, soma = _cell()
    t_dt, v_dt = h.Vector().record(h._ref_t, 0.1), h.Vector().record(soma(0.5)._ref_v, 0.1)
    h.finitialize(-65)
    assert (t_dt.size(), v_dt.size()) == (1, 1)
    h.continuerun(1)
    assert t_dt.size() == 10 and t_dt[-2:].to_python() == [0.7999999999999999,
                                                           0.8999999999999999]
    h.continuerun(2)
    assert t_dt.size() == 20 and t_dt[3] == 0.30000000000000004   # sums of 0.1, as NEURON
    for tstop, count in ((2.03, 21), (2.0125, 20), (1.99, 20)):
        h.tstop = tstop
        h.run()
        assert v_dt.size() == count, tstop
    for _ in range(3):
        h.fadvance()                # the next step takes the pending t = 2 sample
    assert v_dt.size() == 21 and t_dt[-1] == 2.0000000000000004
    h.finitialize(-63)
    while h.t < 8.0:                # record_variants' hand loop: 320 steps, 81 samples
        h.fadvance()
    assert v_dt.size() == 81


def test_tstop_within_hocs_tolerance_of_a_step():
    """stdrun's ``t < tstop - dt/2`` is a hoc comparison, with hoc_epsilon = 1e-11."""
    h, soma = _cell()
    t = h.Vector().record(h._ref_t)
    for tstop, final, count in ((2.0125, 1.999999999999995, 81),
                                (2.0125 + 5e-12, 1.999999999999995, 81),
                                (2.0125 + 2e-11, 2.024999999999995, 82)):
        h.tstop = tstop
        h.run()
        assert (h.t, t.size()) == (final, count), tstop


def test_h_disconnect_exists():
    """Found while writing the fuzzer: NEURON scripts call h.disconnect(sec=...)."""
    from neuronlite import h
    a, b = h.Section(name="a"), h.Section(name="b")
    b.connect(a(1))
    assert h.disconnect(sec=b) == 0.0 and b.parentseg() is None


def test_a_t_recording_outlives_an_nseg_decrease():
    """A deliberate difference the fuzzer showed: NEURON hangs a t recording on the node
    at 0.5 of the section accessed when it was made and silently drops it when that
    node goes (nseg 2 -> 1: 0 samples); neuronlite keeps recording t."""
    from neuronlite import h
    h.load_file("stdrun.hoc")
    a = h.Section(name="a")
    a.nseg = 2
    t = h.Vector().record(h._ref_t)
    a.nseg = 1
    h.tstop = 1
    h.run()
    assert t.size() == 41
    # which node NEURON uses is its own affair: nseg 4 -> 6 -> 3 drops the recording,
    # 4 -> 8 -> 3 keeps it (NEURON 9.0.2); neuronlite keeps it in both
    for path in ((4, 6, 3), (4, 8, 3)):
        a.nseg = path[0]
        t = h.Vector().record(h._ref_t)
        for nseg in path[1:]:
            a.nseg = nseg
        h.run()
        assert t.size() == 41


def test_a_netstim_or_synapse_is_freed_with_its_last_reference():
    """Found by the soak (NEURON 9.0.2 values): ``ns = h.NetStim()`` rebound to a new
    NetStim frees the old one, and its NetCon falls silent; same for a target synapse."""
    h, soma = _cell()
    soma.uninsert("hh")
    soma.insert("pas")
    v = h.Vector().record(soma(0.5)._ref_v)
    syn = h.ExpSyn(soma(0.5))
    ns = h.NetStim()
    ns.start, ns.number, ns.interval = 1, 3, 2
    nc = h.NetCon(ns, syn)
    nc.weight[0] = 0.01
    spikes = h.Vector()
    nc.record(spikes)
    ns = None
    h.tstop = 10
    h.run()
    assert (v.max(), nc.valid(), nc.pre(), spikes.size()) == (-65.0, 0.0, None, 0)
    ns2 = h.NetStim()
    ns2.start, ns2.number, ns2.interval = 1, 3, 2
    nc2 = h.NetCon(ns2, syn)
    nc2.weight[0] = 0.01
    syn = None
    h.run()
    assert (v.max(), nc2.valid(), nc2.syn()) == (-65.0, 0.0, None)


def _two_cables(h):
    a = h.Section(name="a")
    a.nseg, a.L, a.diam = 6, 140, 20
    a.insert("pas")
    b = h.Section(name="b")
    b.nseg, b.L, b.diam = 4, 180, 22
    b.insert("pas")
    return a, b


def test_a_point_process_at_a_section_end_follows_connect():
    """Found by the soak: SEClamp(b(0)) made before b.connect(a(0.5)) kept clamping
    b's vanished root node; NEURON (values below) clamps a's node, and says b(0)."""
    from neuronlite import h
    h.load_file("stdrun.hoc")
    a, b = _two_cables(h)
    clamp = h.SEClamp(b(0.0))
    clamp.dur1, clamp.amp1, clamp.rs = 1.16, -50, 1
    b.connect(a(0.5))
    va = h.Vector().record(a(0.5)._ref_v)
    h.dt, h.steps_per_ms, h.tstop = 0.1, 10, 2
    h.run()
    assert va[5] == pytest.approx(-54.69766255836008, abs=1e-9)
    assert va[-1] == pytest.approx(-62.35944176059223, abs=1e-9)
    assert str(clamp.get_segment()) == "b(0)" and clamp.get_loc() == 0.0
    assert h.secname() == "_pysec.b"
    h.pop_section()
    h.delete_section(sec=a)          # b becomes a root again: the clamp stays on b(0)
    assert str(clamp.get_segment()) == "b(0)" and clamp.has_loc() == 1.0


def test_a_recording_of_a_root_end_stops_when_the_section_is_connected():
    """NEURON frees a root's x=0 node on connect and the recording stops (0 samples);
    neuronlite recorded t from a stale node number instead."""
    from neuronlite import h
    h.load_file("stdrun.hoc")
    a, b = _two_cables(h)
    stale = h.Vector().record(b(0)._ref_v)
    b.connect(a(0.5))
    fresh = h.Vector().record(b(0)._ref_v)
    h.tstop = 2
    h.run()
    assert stale.size() == 0 and fresh.size() == 81


def test_geometry_that_overflows_is_refused_and_cvode_continues():
    """Found by the soak (seed 3): with CVode, diam = 1e308 made scipy fail with "array
    must not contain infs or NaNs" (or "Factor is exactly singular"), and a continuerun
    after restoring diam failed the same way.  Now the run is refused before it starts,
    naming the section, and the model continues where it was."""
    import pytest
    from neuronlite import h
    h.load_file("stdrun.hoc")
    secs = [h.Section(name="s%d" % k) for k in range(3)]
    for sec in secs:
        sec.L, sec.diam = 5, 1
        sec.insert("pas")
    h.cvode_active(1)
    h.tstop = 1
    h.run()
    v_end = secs[0](0.5).v
    secs[0].diam = 1e308
    with pytest.raises(ValueError, match=r"s0: L = 5 um, diam = 1e\+308 um"):
        h.run()
    secs[0].diam = 1
    assert (h.t, secs[0](0.5).v) == (1.0, v_end)
    h.continuerun(h.t + 0.5)
    assert abs(h.t - 1.5) < 1e-9 and abs(secs[0](0.5).v + 65) < 10
    h.cvode_active(0)
    secs[1].diam = 1e308
    with pytest.raises(ValueError, match="s1"):
        h.run()


def test_a_cvode_solver_failure_is_a_floating_point_error():
    """scipy's own errors inside a CVode step become FloatingPointError with the causes."""
    import pytest
    from neuronlite import h
    from neuronlite.engine import cvode_run
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    h.cvode_active(1)
    h.finitialize(-65)
    run = cvode_run._current_run(cvode_run_sim())

    class Broken:
        t = 0.0
        status = "running"

        def step(self):
            raise ValueError("array must not contain infs or NaNs")
    run.solver = Broken()
    with pytest.raises(FloatingPointError, match=r"CVode\) failed at t = 0 ms"):
        run._advance_tn()
    h.cvode_active(0)
    h.tstop = 2
    h.run()
    assert abs(soma(0.5).v + 65) < 5


def cvode_run_sim():
    from neuronlite.engine.simulation import SIM
    return SIM


def test_l_that_overflows_3d_points_is_refused():
    """Found by the soak (seed 3): L = 1e308 on a section with 3-D points scaled them
    until their arc length overflowed (L read inf), and restoring L left NaN."""
    import pytest
    from neuronlite import h
    sec = h.Section(name="s0")
    sec.pt3dadd(1.0, 0, 0, 1.0)
    sec.pt3dadd(2.0, 0, 0, 1.0)
    with pytest.raises(ValueError, match="too long for s0's 3-D points"):
        sec.L = 1e308
    assert (sec.L, sec.x3d(1)) == (1.0, 2.0)
    sec.L = 5
    assert sec.L == 5.0


def test_a_cvode_runaway_stops_at_once_with_its_cause():
    """Found by the soak (seed 5): a negative NetCon weight onto an ExpSyn made v run
    away under CVode, whose steps then shrank until the program ran for minutes; now
    each CVode step is checked like a fixed-step chunk and the cause is named."""
    import pytest
    from neuronlite import h
    h.load_file("stdrun.hoc")
    a = h.Section(name="s0")
    a.L, a.diam = 217.5, 15.6
    a.insert("pas")
    b = h.Section(name="s1")
    b.L, b.diam, b.nseg = 41.3, 20.6, 2
    b.insert("pas")
    h.cvode_active(1)
    syn = h.ExpSyn(b(0.0))
    syn.tau = 2.149
    ns = h.NetStim()
    ns.start, ns.number, ns.interval = 1.6, 3, 3.514
    nc = h.NetCon(ns, syn)
    nc.weight[0], nc.delay = -1.0, 0.711
    v = h.Vector().record(b(0.0)._ref_v)
    with pytest.raises(FloatingPointError, match="weight -1 uS to ExpSyn"):
        h.run()
    assert 0 < v.size() and max(abs(x) for x in v) <= 1e4 and h.t < 3
    nc.weight[0] = 0.01
    h.run()
    assert abs(h.t - 5) < 1e-9 and v.max() < 0


def test_a_structure_change_between_finitialize_and_the_run_keeps_the_initial_state():
    """h.run() leaves writing finitialize's state back to the model to the run (one
    scatter instead of two); if the layout changes in between (a synapse's last
    reference dropped), the old layout is written back before the new one is gathered."""
    import gc
    from neuronlite import h
    from neuronlite.engine.simulation import SIM
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 1, 0.3
    v = h.Vector().record(soma(0.5)._ref_v)
    h.tstop = 5
    h.run()
    reference = list(v)
    extra = h.ExpSyn(soma(0.5))
    h.run()
    assert list(v) == reference
    SIM.finitialize(-65, scatter=False)
    del extra
    gc.collect()
    SIM.continuerun(5)
    assert list(v) == reference
    assert soma(0.5).v == reference[-1] and soma(0.5).hh.m == SIM.compiled.data[
        SIM.compiled.offset_of(soma(0.5)._ref_m_hh)]
