from neuron import h
import numpy as np
import os

# Variable step via stdrun's h.cvode_active(1) on a passive two-section
# cell: the tutorial soma (pas) with an AlphaSynapse (onset 5) and an
# inhibitory one (onset 12) plus an IClamp pulse (discontinuities at 20 and
# 22 ms declared through at_time) on a 3-segment dendrite.  v is sampled with
# Vector.record(ptr, tvec) at 0, 0.25, ..., 39.75 ms (the model stays
# subthreshold, so everything is compared with the CVode tolerance).

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 12.6157
soma.insert("pas")
dend = h.Section(name="dend")
dend.connect(soma(1))
dend.L, dend.diam, dend.nseg = 150, 1.5, 3
dend.insert("pas")
dend.g_pas = 2e-4

exc = h.AlphaSynapse(soma(0.5))
exc.onset, exc.tau, exc.gmax, exc.e = 5, 0.5, 0.005, 0
inh = h.AlphaSynapse(dend(0.5))
inh.onset, inh.tau, inh.gmax, inh.e = 12, 2, 0.002, -80
ic = h.IClamp(dend(0.9))
ic.delay, ic.dur, ic.amp = 20, 2, 0.05

sample_times = h.Vector(np.arange(160) * 0.25)
vecs = {"t_sub": h.Vector().record(h._ref_t, sample_times),
        "v_soma": h.Vector().record(soma(0.5)._ref_v, sample_times),
        "v_dend": h.Vector().record(dend(0.9)._ref_v, sample_times)}

h.cvode_active(1)
h.tstop = 40
h.run()

np.savez(os.environ["REF_OUT"], **{k: np.array(v) for k, v in vecs.items()})
