"""extracellular against real NEURON 9.0.2 (run in a subprocess), plus its Python surface.

The comparison model holds two cells in one simulation, so one run covers
every way nodes with and without extracellular meet:
  cell A: soma and a 9-segment axon with extracellular (the soma's root node
          carries it too), non-default xraxial/xg/xc/e_extracellular varying
          along the axon; a passive dendrite WITHOUT extracellular hangs from
          axon(0.5); a reversed branch (attached by its 1-end, rallbranch 2)
          with extracellular hangs from axon(1); IClamp at the soma, SEClamp
          (an electrode: it acts on vi = v + vext[0]) and ExpSyn on the axon.
  cell B: soma WITHOUT extracellular, 7-segment axon with it (layers sealed at
          the soma side); AlphaSynapse on the axon.
Run with secondorder 0, 1 and 2.  NEURON's Python gives layer 0 for
seg._ref_vext[1] (a 9.0.2 bug), so its layer-1 recording is made in hoc.
"""
import numpy as np
import pytest

from support import needs_neuron, run_python

MODEL = r'''
import numpy as np
from MODULE import h
h.load_file("stdrun.hoc")

def section(name, L, diam, nseg, ext, mech="hh"):
    sec = h.Section(name=name)
    sec.L, sec.diam, sec.nseg = L, diam, nseg
    sec.insert(mech)
    if ext:
        sec.insert("extracellular")
    return sec

# cell A
soma = section("soma", 20, 20, 1, True)
axon = section("axon", 400, 1.2, 9, True)
axon.Ra = 110
axon.connect(soma(1))
dend = section("dend", 150, 2, 3, False, "pas")
dend.connect(axon(0.5))
rev = section("rev", 80, 0.8, 4, True)
rev.connect(axon(1), 1)
rev.rallbranch = 2
for j, seg in enumerate(axon):
    seg.xraxial[0] = 1500.0 + 150 * j
    seg.xraxial[1] = 4000.0 - 100 * j
    seg.xg[0] = 1.5 + 0.4 * j
    seg.xg[1] = 8.0
    seg.xc[0] = 0.03
    seg.xc[1] = 0.004 * (j + 1)
    seg.e_extracellular = 0.25 * j - 1.0
soma.xg[0] = 3.0
soma.xraxial[0] = 900.0
rev.xg[1] = 2.0
# keep xg finite where vext reaches millivolts: with xg[0] = 1e9 the layers'
# small ground conductance is a difference of 1e9-sized matrix entries, and
# NEURON's own result then carries ~1e-8 mV of rounding (solver-order dependent)
rev.xg[0] = 5.0
rev.xraxial[0] = 3000.0
rev.e_extracellular = 0.7
stim = h.IClamp(soma(0.5))
stim.delay, stim.dur, stim.amp = 0.3, 0.8, 0.5
clamp = h.SEClamp(axon(0.3))
clamp.rs, clamp.dur1, clamp.amp1, clamp.dur2, clamp.amp2 = 2.0, 1.5, -60.0, 2.0, -40.0
syn = h.ExpSyn(axon(0.7))
nc = h.NetCon(None, syn)
nc.weight[0] = 0.002

# cell B
soma2 = section("soma2", 15, 15, 1, False)
axon2 = section("axon2", 250, 1.0, 7, True)
axon2.connect(soma2(1))
for j, seg in enumerate(axon2):
    seg.xg[0] = 0.8 + j
    seg.xc[0] = 0.01
    seg.xraxial[0] = 2500.0
    seg.e_extracellular = -0.5
alpha = h.AlphaSynapse(axon2(0.4))
alpha.onset, alpha.tau, alpha.gmax = 0.5, 0.3, 0.004

t = h.Vector().record(h._ref_t)
recs = {"clamp_i": h.Vector().record(clamp._ref_i)}
points = [("soma", soma, 0.5), ("soma0", soma, 0), ("axon0", axon, 0), ("axon05", axon, 0.05),
          ("axon50", axon, 0.5), ("axon1", axon, 1), ("dend", dend, 0.5), ("rev", rev, 0.4),
          ("rev0", rev, 0), ("soma2", soma2, 0.5), ("axon2_0", axon2, 0.1),
          ("axon2_1", axon2, 1)]
for name, sec, x in points:
    seg = sec(x)
    recs["v_" + name] = h.Vector().record(seg._ref_v)
    if name not in ("dend", "soma2"):
        recs["vext0_" + name] = h.Vector().record(seg._ref_vext[0])
    if name in ("soma", "axon05", "axon50", "rev", "axon2_0"):
        recs["imem_" + name] = h.Vector().record(seg._ref_i_membrane)
for k, (name, sec, x) in enumerate([("axon50", axon, 0.5), ("axon1", axon, 1),
                                    ("axon2_0", axon2, 0.1)]):
    if HOC_LAYER1:
        sec.push()
        h("objref layer1_%d" % k)
        h("layer1_%d = new Vector()" % k)
        h("layer1_%d.record(&vext[1](%g))" % (k, x))
        h.pop_section()
        recs["vext1_" + name] = getattr(h, "layer1_%d" % k)
    else:
        recs["vext1_" + name] = h.Vector().record(sec(x)._ref_vext[1])

h.tstop = 5
out = {}
for order in (0, 1, 2):
    h.secondorder = order
    h.finitialize(-65)
    nc.event(1.2)
    h.continuerun(h.tstop)
    out["t_%d" % order] = np.array(t)
    for key, vec in recs.items():
        out["%s_%d" % (key, order)] = np.array(vec)
seg = axon(0.5)
out["params"] = np.array([seg.xraxial[0], seg.xraxial[1], seg.xg[0], seg.xg[1], seg.xc[0],
                          seg.xc[1], seg.e_extracellular, soma(0.5).xg[0], rev(0.1).xg[1]])
np.savez(OUT, **out)
'''


def _run(module, hoc_layer1, path):
    code = MODEL.replace("MODULE", module).replace("HOC_LAYER1", repr(hoc_layer1))
    code = code.replace("np.savez(OUT", "np.savez(%r" % str(path))
    result = run_python(code)
    assert result.returncode == 0, result.stderr[-3000:]
    return np.load(path)


@needs_neuron
def test_matches_neuron(tmp_path):
    ours = _run("neuronlite", False, tmp_path / "neuronlite.npz")
    theirs = _run("neuron", True, tmp_path / "neuron.npz")
    assert sorted(ours.files) == sorted(theirs.files)
    worst = {}
    for key in theirs.files:
        assert ours[key].shape == theirs[key].shape, key
        worst[key] = float(np.max(np.abs(ours[key] - theirs[key]))) if theirs[key].size else 0.0
    # the runs spike and the layers carry millivolts: the comparison means something
    assert np.max(theirs["v_axon50_0"]) > 0
    assert np.max(np.abs(theirs["vext0_axon50_2"])) > 0.1
    assert np.max(np.abs(theirs["vext1_axon50_1"])) > 0.01
    bad = {key: diff for key, diff in worst.items() if not diff <= 1e-9}
    assert not bad, bad


def test_api():
    from neuronlite import h
    soma = h.Section(name="soma")
    soma.nseg = 3
    dend = h.Section(name="dend")
    dend.connect(soma(1))
    assert h.nlayer_extracellular() == 2.0
    with pytest.raises(AttributeError, match="vext, the mechanism does not exist at soma"):
        soma(0.5).vext[0]
    assert soma.insert("extracellular") is soma
    seg = soma(0.5)
    assert [seg.xraxial[0], seg.xg[1], seg.xc[0], seg.e_extracellular] == [1e9, 1e9, 0.0, 0.0]
    assert len(seg.xg) == 2 and type(seg.xg).__name__ == "RangeVar"
    seg.xg[1] = 5.0
    assert (seg.xg[0], seg.xg[1], seg.extracellular.xg[1]) == (1e9, 5.0, 5.0)
    with pytest.raises(IndexError, match="^xg$"):
        seg.xg[2] = 1
    with pytest.raises(IndexError, match="^vext$"):
        seg.vext[2]
    with pytest.raises(IndexError, match="xg needs an index for assignment"):
        seg.xg = 3
    with pytest.raises(IndexError, match="missing index"):
        soma.xraxial = 3
    soma.xc[1] = 0.25                      # section-wide, every node
    assert [s.xc[1] for s in soma.allseg()] == [0.25] * 5
    soma.e_extracellular = 2.0
    assert seg.extracellular.e == 2.0
    # x=0/1 read the nearest segment, except vext which is the node's own
    soma(0.1).xg[0] = 7.0
    assert soma(0).xg[0] == 7.0 and soma(1).xg[0] == 1e9
    h.finitialize(-65)
    assert seg.vext[0] == 0.0 and seg.i_membrane == 0.0
    assert seg._ref_vext[1].element == 1
    assert repr(seg._ref_vext[1]) == "data_handle<double>{soma(0.5).vext[1]}"
    assert repr(seg._ref_i_membrane) == "data_handle<double>{soma(0.5).i_membrane}"
    with pytest.raises(AttributeError, match="vext, the mechanism does not exist at dend"):
        dend(0.5).vext[0]
    assert dend(0).vext[0] == soma(1).vext[0]   # x=0 of a child is its parent's node
    assert "extracellular" in dir(seg)
    assert [str(m) for m in seg] == ["extracellular"]
    d = soma.psection()["density_mechs"]["extracellular"]
    assert list(d) == ["xraxial", "xg", "xc", "e", "i_membrane", "sav_g", "sav_rhs", "vext"]
    assert d["xg"][0] == [7.0, 1e9] and d["sav_g"] == [0.04] * 3
    from neuronlite.compat.psection import text
    assert "\tinsert extracellular { xraxial=1e+09 xg=7 xc=0 e_extracellular=2}" in text(soma)


def test_layer_values_survive_runs_and_end_nodes():
    """vext at the zero-area x=1 node is kept between runs and readable (like v)."""
    from neuronlite import h
    h.load_file("stdrun.hoc")
    cable = h.Section(name="cable")
    cable.nseg = 5
    cable.insert("pas")
    cable.insert("extracellular")
    cable.xg[0] = 1.0
    cable.xraxial[0] = 1e4
    branch = h.Section(name="branch")      # its layer current passes the x=1 node
    branch.connect(cable(1))
    branch.insert("pas")
    branch.insert("extracellular")
    branch.xg[0] = 1.0
    branch.xraxial[0] = 1e4
    stim = h.IClamp(cable(0.1))
    stim.amp, stim.dur = 1.0, 10
    h.tstop = 1
    h.run()
    end = cable(1).vext[0]
    assert end != 0.0 and end != cable(0.9).vext[0]
    assert cable(1)._ref_vext[0][0] == end
    cable(1)._ref_vext[0][0] = 3.0
    assert cable(1).vext[0] == 3.0
    h.finitialize(-65)
    assert cable(1).vext[0] == 0.0
