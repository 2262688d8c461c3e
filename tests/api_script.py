# NEURON API surface used by the worksheet and NEURON's newer tutorials.  Run on
# both simulators (SIM replaced by neuron / neuronlite); every printed line must match.
import numpy as np
from SIM import h, n
from SIM.units import ms, mV, um, s, cm as cm_unit

h.load_file("stdrun.hoc")
print(h.load_file("stdrun.hoc"), h.tstop, h.v_init, h.steps_per_ms, h.dt, h.celsius, h.t)
print(ms, mV, um, s, cm_unit)

soma = h.Section(name="soma")
dend = h.Section(name="dend")
axon = h.Section(name="axon")
other = h.Section(name="other")
print(dend.connect(soma(1)) is dend, axon.connect(soma, 0) is axon)
d2 = h.Section(name="d2")
d2.connect(dend(0.5))
d3 = h.Section(name="d3")
d3.connect(dend(1), 1)
dend.nseg = 5
other.nseg = 3
h.topology()
print(soma.children(), dend.parentseg(), d3.orientation(), d3.parentseg())
print(d3.trueparentseg(), axon.trueparentseg(), soma.parentseg())
print(sorted(str(s) for s in soma.wholetree()), [str(s) for s in dend.subtree()])
print([str(s) for s in h.allsec()])
print([seg.x for seg in dend], [seg.x for seg in dend.allseg()])
print(dend(0.5), dend(0), dend(1), dend(1 / 3), soma(0.5) == soma(0.6))
print(str(dend(0.3)), repr(dend(0.3)), dend(0.3).sec, dend(0.3).x)

# geometry, area, ri
dend.L = 200
dend.diam = 2
dend.Ra = 120
print(dend.L, dend.diam, dend.Ra, dend.cm, dend.nseg, soma.L, soma.diam)
print(["%.10g" % seg.area() for seg in dend.allseg()])
print(["%.10g" % seg.ri() for seg in dend.allseg()], soma(0).ri())
for seg in dend:
    seg.diam = 1 + seg.x
print([seg.diam for seg in dend])
dend.nseg = 7
print([round(seg.diam, 6) for seg in dend])
dend.nseg = 3
print([round(seg.diam, 6) for seg in dend])

# mechanisms
soma.insert("hh")
soma.insert(n.pas)
print(soma.insert("pas") is soma, soma.has_membrane("hh"), dend.has_membrane("hh"))
seg = soma(0.5)
print(sorted(str(m) for m in seg), seg.hh.name(), seg.pas.is_ion(), seg.na_ion.is_ion())
print(seg.gnabar_hh, seg.hh.gnabar, soma.gnabar_hh, seg.ena, seg.ek, seg.g_pas, seg.e_pas)
soma.gnabar_hh = 0.2
seg.hh.gkbar = 0.04
seg.pas.g = 2e-4
print(seg.gnabar_hh, seg.gkbar_hh, seg.g_pas)
print(sorted(k for k in dir(seg) if not k.startswith("_")))
print(sorted(k for k in dir(seg.hh) if not k.startswith("_")))
print(sorted(soma.psection().keys()))
ps = soma.psection()
print(ps["density_mechs"]["pas"], sorted(ps["ions"]), ps["nseg"], ps["Ra"], ps["cm"])
print(sorted(ps["density_mechs"]["hh"]))
soma.uninsert("pas")
print(soma.has_membrane("pas"), sorted(str(m) for m in seg))

# point processes
stim = h.IClamp(soma(0.5))
syn = h.AlphaSynapse(dend(0.9))
syn2 = h.ExpSyn(dend(0.1))
print(stim, syn, syn2, stim.get_segment(), syn.get_segment(), syn2.get_segment())
stim.delay = 1
stim.dur = 2
stim.amp = 0.3
print(stim.delay, getattr(stim, "del"), stim.dur, stim.amp, stim.i, syn.onset, syn.tau, syn.gmax)
print(syn2.tau, syn2.e, syn2.g, h.Exp2Syn(soma(0.5)).tau2, h.SEClamp(soma(0.5)).rs)
dend.nseg = 5
print(syn.get_segment(), syn2.get_segment())
h.psection(sec=soma)
h.psection(sec=dend)

# recording and running
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
m = h.Vector().record(soma(0.5)._ref_m_hh)
ina = h.Vector().record(soma(0.5)._ref_ina)
iv = h.Vector().record(stim._ref_i)
h.tstop = 5
h.run()
print(len(t), t[-1], "%.12f %.12f %.12f %.12f" % (v[-1], m[-1], ina[-1], max(iv)))
h.finitialize(-70)
print(len(t), t[0], v[0], soma(0.5).v, dend(1).v, soma(0.5).m_hh)
h.continuerun(1)
print(len(t), "%.12f" % h.t)
h.continuerun(2)
print(len(t), "%.12f" % h.t)
h.fadvance()
print(len(t), "%.12f" % h.t, h.fadvance(), h.finitialize(), h.stdinit())
h.dt = 0.02
h.run()
print(h.dt, len(t))
h.dt = 0.025
h.run()
h.tstop = 1
h.dt = 0.3
h.steps_per_ms = 1 / 0.3
h.run()
print(len(t), list(t))

# Vector
vec = h.Vector([1, 2, 3.5])
print(vec.size(), len(vec), vec[0], vec[-1], vec.x[1], vec.to_python(), bool(h.Vector()))
arr = np.asarray(vec)
vec[0] = 10
print(arr[0], arr.flags.writeable)
vec.as_numpy()[0] = 10
print(vec[0], vec.max(), vec.min(), vec.sum(), vec.mean(), list(h.Vector(3)))
print(list(vec.resize(5)), list(vec[1:3]), np.array(vec).dtype, vec.as_numpy().shape)
print(type(vec).__name__, type(soma).__name__, type(soma(0.5)).__name__, type(stim).__name__)
