from neuron import h
import numpy as np
import os

# Model changes between two continuerun() calls WITHOUT re-initialising:
# geometry (soma diam, dend L and Ra), per-segment cm and diam, ion reversal
# potentials (ena, ek), an hh conductance and an IClamp amplitude are changed
# at t = 4 ms; NEURON recomputes areas / coupling at the next fadvance and
# simply continues from the current state.  Per-segment cm and ena/ek values
# differ from the defaults from the start.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L, soma.diam = 20, 20
soma.insert("hh")
soma.ena, soma.ek = 55, -80
dend = h.Section(name="dend")
dend.connect(soma(1))
dend.L, dend.diam, dend.nseg = 250, 2, 5
dend.insert("hh")
dend.insert("pas")
dend.gnabar_hh = 0.03
for j, seg in enumerate(dend):
    seg.cm = 1 + 0.2 * j
    seg.ek = -77 - 2 * j

ic = h.IClamp(soma(0.5))
ic.delay, ic.dur, ic.amp = 1, 6, 0.2

t = h.Vector().record(h._ref_t)
vecs = {"v_soma": h.Vector().record(soma(0.5)._ref_v),
        "v_d03": h.Vector().record(dend(0.3)._ref_v),
        "v_d09": h.Vector().record(dend(0.9)._ref_v),
        "ik_d09": h.Vector().record(dend(0.9)._ref_ik),
        "icap_soma": h.Vector().record(soma(0.5)._ref_i_cap)}

h.finitialize(-65)
h.continuerun(4)
soma.diam = 15
dend.L = 180
dend.Ra = 70
dend(0.5).diam = 3.5
dend(0.1).cm = 0.5
soma(0.5).ena = 45
dend(0.9).hh.gkbar = 0.07
ic.amp = 0.35
h.continuerun(10)

out = {k: np.array(v) for k, v in vecs.items()}
out["t"] = np.array(t)
out["geom"] = np.array([soma(0.5).area(), dend(0.5).area(), dend(0.1).ri(),
                        dend(0.5).ri(), dend(0.7).ri()])
np.savez(os.environ["REF_OUT"], **out)
