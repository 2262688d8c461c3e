from neuron import h
import numpy as np
import os

# SEClamp with three levels on an hh soma (hold -70, step to -20 which opens
# Na/K channels, then -90), then the clamp switches off (t >= tc3) and the
# cell is free.  Records the clamp current i (recomputed after the voltage
# update, so it does not lag), vc (assigned in the current routine: lags one
# step), v, ina and ik.  A second run uses a much smaller series resistance
# (rs = 0.05 MOhm) and different levels; a third a large one (rs = 20 MOhm)
# in which the clamp is far from ideal.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")

clamp = h.SEClamp(soma(0.5))

t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
i_clamp = h.Vector().record(clamp._ref_i)
vc = h.Vector().record(clamp._ref_vc)
ina = h.Vector().record(soma(0.5)._ref_ina)
ik = h.Vector().record(soma(0.5)._ref_ik)

settings = [  # (rs, dur1, amp1, dur2, amp2, dur3, amp3)
    (1.0, 2.0, -70.0, 3.0, -20.0, 2.0, -90.0),
    (0.05, 1.0, -60.0, 2.5, 10.0, 3.0, -75.0),
    (20.0, 1.5, -65.0, 4.0, 0.0, 1.0, -80.0),
]
h.tstop = 10
out = {}
for k, (rs, d1, a1, d2, a2, d3, a3) in enumerate(settings):
    clamp.rs = rs
    clamp.dur1, clamp.amp1 = d1, a1
    clamp.dur2, clamp.amp2 = d2, a2
    clamp.dur3, clamp.amp3 = d3, a3
    h.run()
    out["v_%d" % k] = np.array(v)
    out["i_clamp_%d" % k] = np.array(i_clamp)
    out["vc_%d" % k] = np.array(vc)
    out["ina_%d" % k] = np.array(ina)
    out["ik_%d" % k] = np.array(ik)
out["t"] = np.array(t)
np.savez(os.environ["REF_OUT"], **out)
