from neuron import h
import numpy as np
import os

# hh rate TABLE handling and integrator variants on one hh soma + IClamp.
# run 0: celsius 16 (table rebuilt for the new temperature)
# run 1: celsius 37 (rebuilt again; the cell stays subthreshold)
# run 2: celsius 16 again with h.usetable_hh = 0 (direct rate evaluation)
# run 3: celsius 6.3, table on, h.secondorder = 1
# run 4: secondorder 0, h.dt = 0.01 with h.steps_per_ms = 100
# run 5: celsius changed between two continueruns without re-initialising
#        (the table is rebuilt at the next fadvance)
# Records v, m, h, n for every run.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay, stim.dur, stim.amp = 1, 20, 0.25

vecs = {"t": h.Vector().record(h._ref_t),
        "v": h.Vector().record(soma(0.5)._ref_v),
        "m": h.Vector().record(soma(0.5)._ref_m_hh),
        "h": h.Vector().record(soma(0.5).hh._ref_h),
        "n": h.Vector().record(soma(0.5)._ref_n_hh)}
out = {}


def save(k):
    for name, vec in vecs.items():
        out["%s_%d" % (name, k)] = np.array(vec)


h.tstop = 12
h.celsius = 16
h.run(); save(0)
h.celsius = 37
h.run(); save(1)
h.celsius = 16
h.usetable_hh = 0
h.run(); save(2)
h.usetable_hh = 1
h.celsius = 6.3
h.secondorder = 1
h.run(); save(3)
h.secondorder = 0
h.dt = 0.01
h.steps_per_ms = 100
h.run(); save(4)
h.dt = 0.025
h.steps_per_ms = 40
h.celsius = 6.3
h.stdinit()
h.continuerun(6)
h.celsius = 20
h.continuerun(12)
save(5)
np.savez(os.environ["REF_OUT"], **out)
