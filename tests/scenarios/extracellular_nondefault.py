from neuron import h
import numpy as np
import os

# extracellular with non-default parameters on a 9-segment hh axon attached
# to an hh soma WITHOUT extracellular (the soma side counts as vext = 0).
# Layer 0: finite xraxial, xg, xc; layer 1: finite xg/xc/xraxial too;
# e_extracellular varies along the axon.  Run once with backward Euler
# (secondorder 0) and once with Crank-Nicolson (secondorder 2).  Records v
# (membrane potential), vext[0] and i_membrane.  vext[1] is not recorded:
# from Python NEURON 9.0.2 returns layer 0 for every index (facts 4.5).

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 15
soma.insert("hh")
axon = h.Section(name="axon")
axon.connect(soma(1))
axon.L = 400
axon.diam = 1.5
axon.nseg = 9
axon.Ra = 120
axon.insert("hh")
axon.insert("extracellular")
for j, seg in enumerate(axon):
    seg.xraxial[0] = 2000.0 + 100 * j   # MOhm/cm
    seg.xraxial[1] = 5000.0
    seg.xg[0] = 2.0 + 0.5 * j           # S/cm2
    seg.xg[1] = 10.0
    seg.xc[0] = 0.02                     # uF/cm2
    seg.xc[1] = 0.005
    seg.e_extracellular = 0.3 * j - 1.0  # mV

stim = h.IClamp(soma(0.5))
stim.delay = 0.5
stim.dur = 1
stim.amp = 0.4

t = h.Vector().record(h._ref_t)
v_soma = h.Vector().record(soma(0.5)._ref_v)
recs = {}
for x in (0.05, 0.5, 0.95):
    tag = "%02d" % int(round(100 * x))
    recs["v_axon" + tag] = h.Vector().record(axon(x)._ref_v)
    recs["vext0_axon" + tag] = h.Vector().record(axon(x)._ref_vext[0])
    recs["imem_axon" + tag] = h.Vector().record(axon(x)._ref_i_membrane)
recs["v_axon1"] = h.Vector().record(axon(1)._ref_v)       # zero-area end node

h.tstop = 6
out = {}
for order in (0, 2):
    h.secondorder = order
    h.run()
    out["v_soma_so%d" % order] = np.array(v_soma)
    for k, vec in recs.items():
        out["%s_so%d" % (k, order)] = np.array(vec)
out["t"] = np.array(t)
seg = axon(0.5)
out["params"] = np.array([seg.xraxial[0], seg.xraxial[1], seg.xg[0], seg.xg[1],
                          seg.xc[0], seg.xc[1], seg.e_extracellular])
np.savez(os.environ["REF_OUT"], **out)
