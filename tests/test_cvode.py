"""Variable time step (CVode) against real NEURON 9.0.2, plus its stepping rules.

Each model script runs in a fresh interpreter under NEURON and under
neuronlite (SIM is replaced by the module name) and saves arrays:
``t_*`` must agree exactly (record time points, event times), ``v_*`` within
0.5 mV (only subthreshold windows are sampled: step choices move a spike by
hundredths of a ms, which is many mV on its upstroke), ``x_*`` (gates,
conductances, currents) within 1% of their largest magnitude (at least 0.01), ``spk_*`` spike times within 0.1 ms with
the same count.  The step sequence itself is scipy's, not CVODE's, so
per-step samples (plain ``Vector.record``) are only checked for their rules.
"""
import numpy as np
import pytest

from support import needs_neuron, run_python

HEADER = """
from SIM import h
import numpy as np, os
h.load_file("stdrun.hoc")
out = {}
"""
FOOTER = """
np.savez(os.environ["REF_OUT"], **{k: np.asarray(v, dtype=float) for k, v in out.items()})
"""

MODELS = {
    # hh soma: a weak then a strong current step (at_time discontinuities at 1, 4, 10, 35)
    "hh_iclamp": """
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
weak = h.IClamp(soma(0.5))
weak.delay, weak.dur, weak.amp = 1, 3, 0.01
strong = h.IClamp(soma(0.5))
strong.delay, strong.dur, strong.amp = 10, 25, 0.15
tv = h.Vector(np.arange(99) * 0.1)
t_sub = h.Vector().record(h._ref_t, tv)
v_sub = h.Vector().record(soma(0.5)._ref_v, tv)
m_sub = h.Vector().record(soma(0.5)._ref_m_hh, tv)
ina = h.Vector().record(soma(0.5)._ref_ina, tv)
spikes = h.Vector()
nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
nc.threshold = 0
nc.record(spikes)
tt = h.Vector().record(h._ref_t)
h.cvode_active(1)
h.tstop = 40
for k in range(2):
    h.run()
    out.update({"t_sub%d" % k: t_sub, "v_sub%d" % k: v_sub, "x_m%d" % k: m_sub,
                "x_ina%d" % k: ina, "spk_%d" % k: spikes, "t_end%d" % k: [h.t, tt[-1]]})
""",
    # the worksheet model, h.CVode().active(True) only (stdrun's fixed-step loop)
    "worksheet": """
soma = h.Section(name="soma")
soma.insert("pas")
syn = h.AlphaSynapse(soma(0.5))
syn.onset, syn.gmax = 20, 1
tv = h.Vector(np.arange(400) * 0.1)
t_rec = h.Vector().record(h._ref_t, tv)
v_rec = h.Vector().record(soma(0.5)._ref_v, tv)
i_rec = h.Vector().record(syn._ref_i, tv)
h.CVode().active(True)
h.tstop = 40
h.run()
out.update(t_rec=t_rec, v_soma=v_rec, x_isyn=i_rec)
""",
    # NetStim -> ExpSyn on hh, and Exp2Syn; input spikes at exact times
    "netstim_synapses": """
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
es = h.ExpSyn(soma(0.5))
es.tau = 3
e2 = h.Exp2Syn(soma(0.5))
e2.tau1, e2.tau2, e2.e = 0.5, 5, -80
stim = h.NetStim()
stim.start, stim.interval, stim.number = 2, 2.5, 12
nc1 = h.NetCon(stim, es)
nc1.delay, nc1.weight[0] = 1, 0.0015
nc2 = h.NetCon(stim, e2)
nc2.delay, nc2.weight[0] = 3.3, 0.0002
inputs = h.Vector()
nc1.record(inputs)
det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
det.threshold = -20
spikes = h.Vector()
det.record(spikes)
tv = h.Vector(np.arange(100) * 0.05)
t_rec = h.Vector().record(h._ref_t, tv)
v_rec = h.Vector().record(soma(0.5)._ref_v, tv)
g1 = h.Vector().record(es._ref_g, tv)
g2 = h.Vector().record(e2._ref_g, tv)
h.cvode_active(1)
h.tstop = 35
h.run()
out.update(t_rec=t_rec, v_soma=v_rec, x_g1=np.array(g1) * 1e3, x_g2=np.array(g2) * 1e3,
           t_inputs=inputs, spk=spikes)
""",
    # a branched passive tree with an hh soma; children at 0 and 1, one reversed;
    # an IClamp and an ExpSyn on zero-area nodes; Dt recording
    "branched": """
soma = h.Section(name="soma")
soma.L = soma.diam = 15
soma.insert("hh")
dends = []
for name, nseg, where in (("d1", 5, 1), ("d2", 3, 0), ("d3", 4, 1)):
    d = h.Section(name=name)
    d.L, d.diam, d.nseg = 200, 1.2, nseg
    d.insert("pas")
    d.g_pas = 1e-4
    d.connect(soma(where))
    dends.append(d)
rev = h.Section(name="rev")
rev.L, rev.diam, rev.nseg = 80, 0.8, 3
rev.insert("pas")
rev.connect(dends[0](0.6), 1)
ic = h.IClamp(dends[0](1))
ic.delay, ic.dur, ic.amp = 2, 4, 0.03
syn = h.ExpSyn(rev(0))
syn.tau, syn.e = 2, 0
ns = h.NetStim()
ns.start, ns.number = 8, 1
nc = h.NetCon(ns, syn)
nc.delay, nc.weight[0] = 0.5, 0.001
recs = {}
for name, seg in (("v_soma", soma(0.5)), ("v_d1end", dends[0](1)), ("v_d2", dends[1](0.3)),
                  ("v_rev0", rev(0)), ("v_rev", rev(0.5)), ("v_d3", dends[2](0.9))):
    recs[name] = h.Vector().record(seg._ref_v, 0.2)
t_rec = h.Vector().record(h._ref_t, 0.2)
h.cvode_active(1)
h.tstop = 20
h.run()
out.update(recs)
out["t_rec"] = t_rec
""",
    # SEClamp levels (at_time at the level ends) on hh, tighter tolerance
    "seclamp": """
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
clamp = h.SEClamp(soma(0.5))
clamp.dur1, clamp.amp1, clamp.dur2, clamp.amp2, clamp.dur3, clamp.amp3 = 2, -70, 3, -50, 4, -75
clamp.rs = 5
tv = h.Vector(np.arange(160) * 0.0625)
t_rec = h.Vector().record(h._ref_t, tv)
v_rec = h.Vector().record(soma(0.5)._ref_v, tv)
i_rec = h.Vector().record(clamp._ref_i, tv)
cv = h.CVode()
cv.active(1)
cv.atol(1e-4)
h.finitialize(-65)
h.continuerun(10)
out.update(t_rec=t_rec, v_soma=v_rec, x_iclamp=i_rec)
""",
}

TOLERANCE = {"t": 1e-9, "v": 0.5, "x": 0.01}


def _run(module, name, tmp_path):
    out = tmp_path / ("%s_%s.npz" % (name, module))
    code = (HEADER + MODELS[name] + FOOTER).replace("SIM", module)
    result = run_python(code, cwd=tmp_path, env={"REF_OUT": str(out)})
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(np.load(out))


@needs_neuron
@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_neuron(name, tmp_path):
    ours = _run("neuronlite", name, tmp_path)
    theirs = _run("neuron", name, tmp_path)
    assert sorted(ours) == sorted(theirs)
    for key, ref in theirs.items():
        got = ours[key]
        if key.startswith("spk"):
            assert got.size == ref.size, (key, got, ref)
            assert np.all(np.abs(got - ref) <= 0.1), (key, got, ref)
            continue
        if key.startswith("t_end"):
            # h.t and the last plain record point: both exactly tstop
            assert np.array_equal(got, ref), (key, got, ref)
            continue
        assert got.shape == ref.shape, (key, got.shape, ref.shape)
        tol = TOLERANCE[key.split("_")[0]]
        if key.startswith("x") and ref.size:
            tol *= max(1.0, float(np.max(np.abs(ref))))   # relative for big currents
        assert np.max(np.abs(got - ref)) <= tol, (key, np.max(np.abs(got - ref)))


# -- stepping rules (neuronlite alone; the values were checked against NEURON 9.0.2) --------

def _passive_cell(h):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("pas")
    return soma


def test_at_time_stops_and_restarts_like_neuron():
    from neuronlite import h
    soma = _passive_cell(h)
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 2, 1, 0.1
    t = h.Vector().record(h._ref_t)
    h.cvode_active(1)
    h.tstop = 5
    h.run()
    times = list(t)
    # the step ends eps before each discontinuity, the next starts 1.5 eps after it
    for expected in (1.9999999999999556, 2.000000000000022, 2.9999999999999334,
                     3.0000000000000333):
        assert expected in times
    assert times[0] == 0.0 and times[-1] == 5.0 and h.t == 5.0
    assert np.all(np.diff(times) > 0)
    # h.dt is the size of the last real step (the one that passed tstop)
    assert times[-2] < 5.0 < times[-2] + h.dt


def test_cvode_object_alone_keeps_stdrun_fixed_step_loop():
    from neuronlite import h
    soma = _passive_cell(h)
    syn = h.AlphaSynapse(soma(0.5))
    syn.onset, syn.gmax = 20, 1
    t = h.Vector().record(h._ref_t)
    h.CVode().active(True)          # using_cvode_ stays 0
    h.tstop = 40
    h.run()
    # stdrun loops while t < tstop - dt/2 (dt = 0.025 at the call): the run ends at
    # the first step end past that, and the record points stop at that step's start
    assert h.t >= 40 - 0.0125 and t[-1] < 40 - 0.0125
    assert h.t == pytest.approx(t[-1] + h.dt, abs=1e-12)
    assert sum(1 for x in t if abs(x - 20) < 1e-12) == 2      # restart at the onset


def test_fadvance_records_at_step_starts():
    from neuronlite import h
    soma = _passive_cell(h)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.CVode().active(1)
    h.finitialize(-65)
    assert len(t) == 0               # CVode takes the t=0 point in the first fadvance
    calls = 0
    while h.t < 1:
        h.fadvance()
        calls += 1
    assert len(t) == calls == len(v) and t[0] == 0.0 and t[-1] < h.t


def test_record_time_vector_and_dt_are_exact():
    from neuronlite import h
    soma = _passive_cell(h)
    soma.insert("hh")
    tv = h.Vector(np.arange(50) * 0.13)
    t1 = h.Vector().record(h._ref_t, tv)
    t2 = h.Vector().record(h._ref_t, 0.25)
    v2 = h.Vector().record(soma(0.5)._ref_v, 0.25)
    h.cvode_active(1)
    h.tstop = 5
    h.run()
    wanted = np.arange(50) * 0.13
    assert np.array_equal(np.array(t1), wanted[wanted <= 5])   # only points reached
    assert len(t2) == len(v2) == 21 and t2[-1] == pytest.approx(5.0)


def test_jacobian_matches_finite_differences():
    from neuronlite import h
    from neuronlite.engine.simulation import SIM
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.nseg, dend.L, dend.diam = 3, 100, 1
    dend.insert("pas")
    dend.connect(soma(1))
    other = h.Section(name="other")
    other.connect(soma(0))
    other.insert("pas")
    es = h.ExpSyn(dend(1))               # on zero-area nodes: through the Schur complement
    e2 = h.Exp2Syn(soma(0))
    ic = h.IClamp(dend(1))
    ic.amp, ic.dur = 0.1, 10
    alpha = h.AlphaSynapse(other(0.5))
    alpha.gmax, alpha.onset = 0.01, 0
    h.CVode().active(1)
    h.finitialize(-60)
    system = SIM._cvode_run.system
    rng = np.random.default_rng(1)
    y = system.gather()
    y[:system.s_hh] += rng.normal(0, 5, system.s_hh)
    y[system.s_es:] = [0.003, 0.001, 0.004]        # g; A, B
    t = 0.05
    analytic = system.jac(t, y)
    analytic = np.asarray(analytic.todense() if hasattr(analytic, "todense") else analytic)
    numeric = np.empty_like(analytic)
    for k in range(y.size):
        step = 1e-6 * max(1.0, abs(y[k]))
        up, down = y.copy(), y.copy()
        up[k] += step
        down[k] -= step
        numeric[:, k] = (system.fun(t, up) - system.fun(t, down)) / (2 * step)
    scale = np.maximum(np.abs(numeric), 1.0)
    # rates come from NEURON's tabulated hh (piecewise linear): the analytic
    # column uses a 1e-3 mV difference, so allow a little there
    assert np.max(np.abs(analytic - numeric) / scale) < 1e-3
    assert np.count_nonzero(analytic) > 2 * y.size        # couplings are there


def test_extracellular_is_rejected_clearly():
    from neuronlite import h
    soma = _passive_cell(h)
    try:
        soma.insert("extracellular")
    except ValueError:
        pytest.skip("extracellular not available")
    h.CVode().active(1)
    with pytest.raises(NotImplementedError, match="extracellular"):
        h.finitialize(-65)
