"""neuronlite.export: the written NEURON script rebuilds the model and its traces.

Each model is built and run here, exported, then the script is run by real
NEURON 9 in a fresh interpreter; every recorded Vector must agree to 1e-6
(fixed step).  The same script with only its import line changed must also
run on neuronlite and give back neuronlite's own numbers (round trip).
"""
import numpy as np
import pytest

from neuronlite import export, h
from support import needs_neuron, run_python, worksheet_cell

TOLERANCE = 1e-6
MEASURED = {}      # model -> largest |neuronlite - NEURON| (printed with pytest -s)
KEPT = []          # a Vector nobody holds is deleted, in NEURON as here


def keep(vec):
    KEPT.append(vec)
    return vec


@pytest.fixture(autouse=True)
def _forget_vectors():
    yield
    KEPT.clear()


def worksheet():
    """The tutorial worksheet: a passive soma hit by an AlphaSynapse."""
    cell = worksheet_cell(h)
    keep(h.Vector()).record(cell.soma(0.5)._ref_v)
    keep(h.Vector()).record(h._ref_t)
    return vars(cell)


def ball_and_stick():
    """hh soma + passive dendrite with non-uniform values; IClamp; ExpSyn driven by
    regular and noisy NetStims; a spike detector; records of every kind."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 12.6157
    soma.insert("hh")
    soma.gnabar_hh = 0.13
    soma.ena = 55
    dend = h.Section(name="dend")
    dend.connect(soma(1))
    dend.L, dend.nseg, dend.Ra = 200, 5, 123.4
    dend.insert("pas")
    for j, seg in enumerate(dend):
        seg.diam = 1.2 - 0.1 * j
        seg.g_pas = 0.0005 + 0.0001 * j
        seg.cm = 1 + 0.05 * j
    dend.e_pas = -65
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 5, 1, 0.3
    syn = h.ExpSyn(dend(0.8))
    syn.tau = 2
    regular = h.NetStim()
    regular.start, regular.interval, regular.number = 3, 4, 3
    noisy = h.NetStim()
    noisy.start, noisy.interval, noisy.number, noisy.noise = 10, 7, 5, 0.5
    named = h.NetStim()
    named.start, named.interval, named.number, named.noise = 12, 5, 4, 1
    named.noiseFromRandom123(5, 6, 7)
    ncs = [h.NetCon(regular, syn, 0, 0.5, 0.002), h.NetCon(noisy, syn),
           h.NetCon(named, syn, 0, 1.5, 0.003)]
    ncs[1].weight[0], ncs[1].delay = 0.004, 2
    detector = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    detector.threshold = -10
    detector.record(keep(h.Vector()))
    ncs[2].record(keep(h.Vector()))
    keep(h.Vector()).record(h._ref_t)
    for ref in (soma(0.5)._ref_v, dend(0.9)._ref_v, soma(0.5)._ref_m_hh, soma(0.5)._ref_ina,
                syn._ref_i, syn._ref_g, stim._ref_i, dend(0.3)._ref_i_pas, dend(1)._ref_v):
        keep(h.Vector()).record(ref)
    keep(h.Vector()).record(dend(0.1)._ref_v, 0.1)
    keep(h.Vector()).record(soma(0.5)._ref_v, h.Vector([0.5, 1.25, 7.3, 12]))
    h.tstop = 40
    return locals()


def reversed_branch():
    """3-D sections, one attached by its 1-end with a branch on its free end."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    for x, d in [(0, 4), (5, 12), (10, 15), (15, 11), (20, 3)]:
        soma.pt3dadd(x, 0, 0, d)
    soma.insert("hh")
    rdend = h.Section(name="rdend")
    rdend.connect(soma(1), 1)
    for point in [(20, 0, 0, 3), (60, 10, 0, 2.5), (120, 10, 5, 1.2), (180, 30, 5, 0.8)]:
        rdend.pt3dadd(*point)
    rdend.nseg, rdend.Ra = 5, 150
    rdend.insert("pas")
    for j, seg in enumerate(rdend):       # runs from the free end (x=0) here
        seg.g_pas = 0.0002 * (j + 1)
    tip = h.Section(name="tip")
    tip.connect(rdend(0))
    for x, d in [(180, 0.8), (200, 0.6), (200.5, 2.0), (230, 0.4)]:
        tip.pt3dadd(x, 30, 5, d)
    tip.nseg, tip.rallbranch = 3, 2
    tip.insert("pas")
    stim = h.IClamp(rdend(0.2))
    stim.delay, stim.dur, stim.amp = 1, 2, 0.6
    keep(h.Vector()).record(h._ref_t)
    for seg in (soma(0.5), rdend(0), rdend(0.2), rdend(0.8), rdend(1), tip(0.5), tip(1)):
        keep(h.Vector()).record(seg._ref_v)
    keep(h.Vector()).record(rdend(0.3)._ref_i_pas)
    h.tstop = 10
    return locals()


def extracellular(secondorder=0):
    """An hh axon with extracellular layers set per segment and section-wide."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 15
    soma.insert("hh")
    axon = h.Section(name="axon")
    axon.connect(soma(1))
    axon.L, axon.diam, axon.nseg, axon.Ra = 400, 1.5, 9, 120
    axon.insert("hh")
    axon.insert("extracellular")
    axon.xraxial[1] = 5000.0          # section-wide: the zero-area end node too
    for j, seg in enumerate(axon):
        seg.xraxial[0] = 2000.0 + 100 * j
        seg.xg[0] = 2.0 + 0.5 * j
        seg.xg[1] = 10.0
        seg.xc[0], seg.xc[1] = 0.02, 0.005
        seg.e_extracellular = 0.3 * j - 1.0
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0.5, 1, 0.4
    keep(h.Vector()).record(h._ref_t)
    keep(h.Vector()).record(soma(0.5)._ref_v)
    for x in (0.05, 0.5, 0.95):
        keep(h.Vector()).record(axon(x)._ref_v)
        keep(h.Vector()).record(axon(x)._ref_vext[0])
        keep(h.Vector()).record(axon(x)._ref_i_membrane)
    keep(h.Vector()).record(axon(1)._ref_v)
    h.tstop = 6
    h.secondorder = secondorder
    return locals()


def clamps():
    """VClamp levels from its dur[]/amp[] arrays, an SEClamp elsewhere, celsius 16."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    far = h.Section(name="far")
    far.connect(soma(0))
    far.L, far.diam = 50, 2
    far.insert("pas")
    vc = h.VClamp(soma(0.5))
    for k, (d, a) in enumerate([(1.0, -70.0), (2.5, -10.0), (1.5, -85.0)]):
        vc.dur[k], vc.amp[k] = d, a
    vc.gain, vc.tau1 = 1e3, 0.05
    se = h.SEClamp(far(0.5))
    se.dur1, se.amp1, se.rs = 5, -60, 5
    keep(h.Vector()).record(h._ref_t)
    keep(h.Vector()).record(soma(0.5)._ref_v)
    keep(h.Vector()).record(far(0.5)._ref_v)
    keep(h.Vector()).record(soma(0.5)._ref_ina)
    keep(h.Vector()).record(se._ref_i)
    keep(h.Vector()).record(vc._ref_i)
    h.celsius = 16
    h.tstop = 7
    return locals()


MODELS = {"worksheet": worksheet, "ball_and_stick": ball_and_stick,
          "reversed_branch": reversed_branch, "extracellular": extracellular,
          "extracellular_cn": lambda: extracellular(2), "clamps": clamps}


def _ours(build):
    model = build()          # keep the objects alive while the model runs
    h.run()
    traces = {k: np.array(v) for k, v in export.recorded_vectors().items()}
    return model, traces


def _run_script(text, directory, module="neuron"):
    if module != "neuron":
        text = text.replace("from neuron import h\n", "from %s import h\n" % module, 1)
    directory.mkdir(exist_ok=True)
    (directory / "model.py").write_text(text)
    result = run_python(text, cwd=directory)
    assert result.returncode == 0, result.stderr[-3000:]
    with np.load(directory / "results.npz") as data:
        return {k: data[k] for k in data.files}


def _max_difference(ours, theirs):
    assert sorted(ours) == sorted(theirs)
    worst = 0.0
    for name in ours:
        assert ours[name].shape == theirs[name].shape, name
        if ours[name].size:
            worst = max(worst, float(np.max(np.abs(ours[name] - theirs[name]))))
    return worst


@needs_neuron
@pytest.mark.parametrize("name", sorted(MODELS))
def test_exported_script_reproduces_traces_in_neuron(name, tmp_path):
    _, ours = _ours(MODELS[name])
    theirs = _run_script(export.to_neuron_script(), tmp_path / "neuron")
    MEASURED[name] = _max_difference(ours, theirs)
    print("%s: max |neuronlite - NEURON| = %.3g over %d traces"
          % (name, MEASURED[name], len(ours)))
    assert MEASURED[name] <= TOLERANCE


@pytest.mark.parametrize("name", sorted(MODELS))
def test_exported_script_runs_on_neuronlite(name, tmp_path):
    _, ours = _ours(MODELS[name])
    text = export.to_neuron_script(tmp_path / "written.py")
    assert (tmp_path / "written.py").read_text() == text
    again = _run_script(text, tmp_path / "lite", module="neuronlite")
    assert _max_difference(ours, again) == 0.0


def test_script_shape():
    model = ball_and_stick()
    text = export.to_neuron_script(run=False, save=None)
    assert text.count("from neuron import h\n") == 1
    assert "h.run()" not in text and "def save_results(path):" in text
    assert "IClamp_0.delay = 5" in text                      # del is spelled delay
    assert "NetStim_2.noiseFromRandom123(5, 6, 7)" in text   # only the named stream
    assert "NetStim_1.noiseFromRandom123" not in text
    assert "h.NetCon(soma(0.5)._ref_v, None, -10, 1, 0, sec=soma)" in text
    assert "soma.gnabar_hh = 0.13" in text and "soma.ena = 55" in text
    assert "gkbar_hh" not in text                            # defaults are not written
    names = sorted(export.recorded_vectors())
    assert all("%s = h.Vector()" % n in text for n in names)
    assert model["syn"] is not None


def test_names_arrays_and_cvode_settings():
    h.load_file("stdrun.hoc")
    cells = [h.Section(name="dend[%d]" % i) for i in range(2)]
    cells[1].connect(cells[0](0.5), 1)
    anonymous = h.Section()
    anonymous.insert("pas")
    vc = h.VClamp(cells[0](0.5))
    vc.dur[1] = 3
    lost = h.IClamp(cells[1](0.5))
    lost.loc(anonymous(0.5))
    h.cvode_active(1)
    h.CVode().atol(1e-5)
    text = export.to_neuron_script()
    assert "dend_0 = h.Section(name='dend[0]')" in text
    assert "dend_0_2" not in text and "dend_1.connect(dend_0(0.5), 1)" in text
    assert "sec = h.Section()" in text and 'sec.insert("pas")' in text
    assert "VClamp_0.dur[1] = 3" in text and "dur[0]" not in text
    assert "IClamp_0 = h.IClamp(sec(0.5))" in text
    assert "h.cvode_active(1)" in text and "h.CVode().atol(1e-05)" in text
    assert "h.dt = 0.025" in text
    compile(text, "exported", "exec")


@needs_neuron
def test_cvode_settings_cross_over(tmp_path):
    """CVode runs differ in their steps; the script must still ask NEURON for CVode."""
    model = worksheet()
    h.cvode_active(1)
    h.CVode().atol(1e-6)
    _, ours = _ours(lambda: model)
    theirs = _run_script(export.to_neuron_script(), tmp_path)
    v_ours = ours["vec_0"]
    v_theirs = theirs["vec_0"]
    print("cvode: peak %.6g vs %.6g, %d vs %d samples" % (v_ours.max(), v_theirs.max(),
                                                          len(v_ours), len(v_theirs)))
    # both integrate adaptively: peaks and sample counts agree, not the exact steps
    assert abs(v_ours.max() - v_theirs.max()) < 1e-2
    assert abs(len(v_ours) - len(v_theirs)) < 0.2 * len(v_theirs)
