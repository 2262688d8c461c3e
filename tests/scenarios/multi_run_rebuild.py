from neuron import h
import numpy as np
import os

# Several h.run() calls in one process with model changes in between.
# run 0: soma(hh) + dend(pas) + branch(pas), IClamp at soma.
# run 1: parameters changed (IClamp amp/delay, g_pas, dend Ra, gnabar).
# run 2: 'branch' deleted with h.delete_section (its recording vector stops
#        being filled: it keeps run 1's samples) and a new section 'twig'
#        (hh) created and connected at dend(0.5).
# run 3: 'twig' dropped by deleting its last Python reference; a fresh
#        AlphaSynapse on the soma; h.tstop longer.
# Recording vectors are refilled (resized) at every run.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
dend = h.Section(name="dend")
dend.connect(soma(1))
dend.L, dend.diam, dend.nseg = 200, 2, 5
dend.insert("pas")
branch = h.Section(name="branch")
branch.connect(dend(1))
branch.L, branch.diam, branch.nseg = 100, 1, 3
branch.insert("pas")

stim = h.IClamp(soma(0.5))
stim.delay, stim.dur, stim.amp = 1, 1, 0.3

t = h.Vector().record(h._ref_t)
v_soma = h.Vector().record(soma(0.5)._ref_v)
v_dend = h.Vector().record(dend(0.9)._ref_v)
v_branch = h.Vector().record(branch(0.5)._ref_v)

out = {}


def save(k):
    out["t_%d" % k] = np.array(t)
    out["v_soma_%d" % k] = np.array(v_soma)
    out["v_dend_%d" % k] = np.array(v_dend)
    out["v_branch_%d" % k] = np.array(v_branch)


h.tstop = 6
h.run(); save(0)

stim.amp, stim.delay = 0.5, 2
dend.g_pas = 0.0005
dend.Ra = 80
soma(0.5).hh.gnabar = 0.15
h.run(); save(1)

h.delete_section(sec=branch)
twig = h.Section(name="twig")
twig.connect(dend(0.5))
twig.L, twig.diam, twig.nseg = 50, 1, 2
twig.insert("hh")
v_twig = h.Vector().record(twig(0.75)._ref_v)
h.run(); save(2)
out["v_twig_2"] = np.array(v_twig)

del twig  # last reference: section deleted; its recording stops
syn = h.AlphaSynapse(soma(0.5))
syn.onset, syn.tau, syn.gmax = 7, 1, 0.01
h.tstop = 10
h.run(); save(3)
out["v_twig_3"] = np.array(v_twig)
out["nsec"] = np.array([len(list(h.allsec()))])
np.savez(os.environ["REF_OUT"], **out)
