from neuron import h
import numpy as np
import os

# Vector.record variants under fixed step, with a hand-written fadvance loop.
# * record(ptr, Dt) with Dt = 0.1 (every 4th step of dt = 0.025)
# * record(ptr, tvec) with a time vector (grid and off-grid times)
# * point-process currents: IClamp i and AlphaSynapse i (assigned: one step
#   "late", facts 1.6), hh assigned variables gna (_ref_gna_hh), il_hh and
#   the pas current i_pas; i_cap (computed after the solve: not late)
# * h.finitialize(-63) then `while h.t < tstop: h.fadvance()` (no stdrun
#   loop; may take one more step than run() because t accumulates)

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
soma.insert("pas")
soma.g_pas = 1e-4
soma.e_pas = -65

ic = h.IClamp(soma(0.5))
ic.delay, ic.dur, ic.amp = 0.5, 1.2, 0.4
asyn = h.AlphaSynapse(soma(0.5))
asyn.onset, asyn.tau, asyn.gmax, asyn.e = 4, 0.4, 0.01, -80

seg = soma(0.5)
full = {"t": h._ref_t, "v": seg._ref_v, "i_ic": ic._ref_i, "i_asyn": asyn._ref_i,
        "gna": seg._ref_gna_hh, "il": seg._ref_il_hh, "i_pas": seg._ref_i_pas,
        "i_cap": seg._ref_i_cap, "ina": seg._ref_ina}
vecs = {k: h.Vector().record(p) for k, p in full.items()}

# sampled every Dt = 0.1 ms
vecs["t_dt01"] = h.Vector().record(h._ref_t, 0.1)
vecs["v_dt01"] = h.Vector().record(seg._ref_v, 0.1)
vecs["gk_dt01"] = h.Vector().record(seg.hh._ref_gk, 0.1)

# sampled at the times of a vector (kept alive in a variable)
tvec = h.Vector([0, 0.05, 0.1, 0.3125, 1.0, 1.01, 2.5, 3.333, 5.0, 7.2])
vecs["t_tvec"] = h.Vector().record(h._ref_t, tvec)
vecs["v_tvec"] = h.Vector().record(seg._ref_v, tvec)
vecs["m_tvec"] = h.Vector().record(seg._ref_m_hh, tvec)

tstop = 8.0
h.finitialize(-63)
nsteps = 0
while h.t < tstop:
    h.fadvance()
    nsteps += 1

out = {k: np.array(v) for k, v in vecs.items()}
out["final"] = np.array([h.t, nsteps])
np.savez(os.environ["REF_OUT"], **out)
