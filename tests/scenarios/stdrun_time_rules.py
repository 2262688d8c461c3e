from neuron import h
import numpy as np
import os

# stdrun / time-keeping rules on an hh soma with an IClamp and AlphaSynapse:
# run 0: h.dt = 0.01 with steps_per_ms = 40 -> setdt() changes dt to 0.0125
# run 1: h.dt = 0.005 (nstep_steprun = 5), tstop = 3.01: continuerun overshoots
#        to the next multiple of 1/steps_per_ms
# run 2: finitialize(-65), continuerun(4), then h.t = 20 is assigned (the
#        IClamp with delay 20 switches on at once), continuerun(24)
# run 3: v set by hand at one segment, then h.finitialize() WITHOUT an
#        argument (v kept, gates initialised from it), continuerun(3)
# run 4: h.finitialize(-70), hand loop of 37 h.fadvance() calls, then
#        continuerun(2) continues from there
# Runs 2-4 set h.dt = 0.025 by hand but never call setdt() (only run() /
# stdinit() do), so stdrun's nstep_steprun is still 5 from run 1: every
# step() makes 5 fadvances and run 4 ends at t = 2.05, not 2.0.
# Saves t and v (and dt values) of every run.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L, soma.diam, soma.nseg = 30, 15, 3
soma.insert("hh")
ic = h.IClamp(soma(0.5))
ic.delay, ic.dur, ic.amp = 20, 1, 0.3
syn = h.AlphaSynapse(soma(0.5))
syn.onset, syn.tau, syn.gmax = 1, 0.3, 0.02

t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
v1 = h.Vector().record(soma(0.1)._ref_v)
out = {}
dts = []


def save(k):
    out["t_%d" % k] = np.array(t)
    out["v_%d" % k] = np.array(v)
    out["v1_%d" % k] = np.array(v1)
    dts.append(h.dt)


h.tstop = 3
h.dt = 0.01
h.run(); save(0)
h.dt = 0.005
h.tstop = 3.01
h.run(); save(1)
h.dt = 0.025
h.finitialize(-65)
h.continuerun(4)
h.t = 20
h.continuerun(24); save(2)
h.finitialize(-65)
soma(0.1).v = -40
h.finitialize()
h.continuerun(3); save(3)
h.finitialize(-70)
for i in range(37):
    h.fadvance()
h.continuerun(2); save(4)
out["dts"] = np.array(dts)
np.savez(os.environ["REF_OUT"], **out)
