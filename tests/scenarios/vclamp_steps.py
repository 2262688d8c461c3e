from neuron import h
import numpy as np
import os

# VClamp (two-electrode clamp amplifier model, 3 states) on an hh soma:
# three levels via the dur[]/amp[] arrays, then off.  Records the clamp
# current i, v, and ina; a second run with a slower amplifier (gain 1e3,
# tau1 0.05) tracks the command less faithfully.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
vc = h.VClamp(soma(0.5))
for k, (d, a) in enumerate([(1.0, -70.0), (2.5, -10.0), (1.5, -85.0)]):
    vc.dur[k] = d
    vc.amp[k] = a

t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
i = h.Vector().record(vc._ref_i)
ina = h.Vector().record(soma(0.5)._ref_ina)

h.tstop = 7
out = {}
for k, (gain, tau1) in enumerate([(1e5, 0.001), (1e3, 0.05)]):
    vc.gain = gain
    vc.tau1 = tau1
    h.run()
    out["v_%d" % k] = np.array(v)
    out["i_%d" % k] = np.array(i)
    out["ina_%d" % k] = np.array(ina)
out["t"] = np.array(t)
np.savez(os.environ["REF_OUT"], **out)
