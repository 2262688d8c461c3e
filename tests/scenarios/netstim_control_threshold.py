from neuron import h
import numpy as np
import os

# NetStim control by events and threshold-detector corner cases.
# * ns (start -1: idle after finitialize) is switched on by a
#   weight > 0 event at t = 2 and off by a weight < 0 event at t = 7.3,
#   both injected with NetCon.event() into a NetCon(None, ns); its output
#   (interval 0.9) drives an ExpSyn on a passive cell.
# * a threshold NetCon with threshold -66 on a pas cell started at -65
#   (v_init above threshold: first spike at t = 1e-10), the cell relaxes to
#   e_pas = -70 (flag cleared), then an IClamp pushes it above again.
# * the same voltage source watched by a second NetCon created WITHOUT a
#   threshold argument (delay 0.3) driving a second ExpSyn: the threshold
#   belongs to the source, so it keeps -66 (a threshold argument would
#   overwrite it for all NetCons of that source).

h.load_file("stdrun.hoc")

cell = h.Section(name="cell")
cell.L = cell.diam = 15
cell.insert("pas")
syn = h.ExpSyn(cell(0.5))
syn.tau = 0.8
ns = h.NetStim()
ns.start, ns.interval, ns.number, ns.noise = -1, 0.9, 100, 0
nc_out = h.NetCon(ns, syn, 0, 0.2, 0.001)
ns_times = h.Vector()
nc_out.record(ns_times)
ctl = h.NetCon(None, ns)

det = h.Section(name="det")
det.L = det.diam = 10
det.insert("pas")
ic = h.IClamp(det(0.5))
ic.delay, ic.dur, ic.amp = 8, 2, 0.03
syn2 = h.ExpSyn(cell(0.5))
syn2.tau, syn2.e = 2, -90
nc_a = h.NetCon(det(0.5)._ref_v, None, sec=det)
nc_a.threshold = -66
nc_b = h.NetCon(det(0.5)._ref_v, syn2, sec=det)
nc_b.delay, nc_b.weight[0] = 0.3, 0.002
spk_a = h.Vector()
nc_a.record(spk_a)

t = h.Vector().record(h._ref_t)
v_cell = h.Vector().record(cell(0.5)._ref_v)
v_det = h.Vector().record(det(0.5)._ref_v)
g_syn = h.Vector().record(syn._ref_g)
g_syn2 = h.Vector().record(syn2._ref_g)

h.tstop = 14
h.stdinit()
ctl.weight[0] = 1
ctl.event(2)
h.continuerun(7.3)
ctl.weight[0] = -1
ctl.event(7.3)
h.continuerun(h.tstop)

np.savez(os.environ["REF_OUT"], t=np.array(t), v_cell=np.array(v_cell),
         v_det=np.array(v_det), g_syn=np.array(g_syn), g_syn2=np.array(g_syn2), ns_times=np.array(ns_times),
         spikes_a=np.array(spk_a), thresholds=np.array([nc_a.threshold, nc_b.threshold]))
