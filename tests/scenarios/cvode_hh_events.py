from neuron import h
import numpy as np
import os

# CVode with discrete events: a NetStim (start 3, interval 2, number 10)
# drives an ExpSyn on an hh soma through a NetCon (delay 1.5).  The early
# inputs stay subthreshold (v sampled with record(ptr, tvec) over 0-7.9 ms),
# later ones, summing, fire the cell (spike times via a threshold NetCon).
# Run twice: CVode defaults (atol 1e-3), then atol = 1e-5 (and maxorder 3).
# NetStim event times are exact in both runs.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
syn = h.ExpSyn(soma(0.5))
syn.tau, syn.e = 4, 0

ns = h.NetStim()
ns.start, ns.interval, ns.number, ns.noise = 3, 2, 10, 0
nc_in = h.NetCon(ns, syn)
nc_in.delay, nc_in.weight[0] = 1.5, 0.0004
in_times = h.Vector()
nc_in.record(in_times)

detector = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
detector.threshold = 0
spikes = h.Vector()
detector.record(spikes)

sample_times = h.Vector(np.arange(80) * 0.1)
t_sub = h.Vector().record(h._ref_t, sample_times)
v_sub = h.Vector().record(soma(0.5)._ref_v, sample_times)

cv = h.CVode()
h.cvode_active(1)
h.tstop = 30
out = {}
for k in range(2):
    if k == 1:
        cv.atol(1e-5)
        cv.maxorder(3)
    h.run()
    out["t_sub_%d" % k] = np.array(t_sub)
    out["v_sub_%d" % k] = np.array(v_sub)
    out["spike_times_%d" % k] = np.array(spikes)
    out["input_times_%d" % k] = np.array(in_times)
np.savez(os.environ["REF_OUT"], **out)
