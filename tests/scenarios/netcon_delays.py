from neuron import h
import numpy as np
import os

# Event delivery rounding.  A hh "source" cell fires (IClamp); its threshold
# NetCon spike time is t_n + 1e-10.  Six NetCons from that soma, with delays
# 0, 0.0124, 0.0125, 0.0126, 1 and 2.5 ms and different weights (one
# negative), each drive an ExpSyn on their own passive target cell.  With
# dt = 0.025 an event at te is delivered in the first step with
# te <= t_n + dt/2, so delay 0.0124 lands one step earlier than 0.0125/0.0126.
# A seventh target receives NetCon.event() injections (source None) at exact
# half-step ties (0.5125, 1.0125), just before (2.0124) and after (3.0126)
# them, and on grid points (4.0, 6.5); NetCon.record stores the source spikes.

h.load_file("stdrun.hoc")

src = h.Section(name="src")
src.L = src.diam = 20
src.insert("hh")
stim = h.IClamp(src(0.5))
stim.delay = 1
stim.dur = 15
stim.amp = 0.6


def target(name):
    sec = h.Section(name=name)
    sec.L = sec.diam = 10
    sec.insert("pas")
    syn = h.ExpSyn(sec(0.5))
    syn.tau = 1.5
    return sec, syn


delays = [0, 0.0124, 0.0125, 0.0126, 1, 2.5]
weights = [0.001, 0.002, 0.002, 0.002, 0.0015, -0.001]
cells, syns, ncs = [], [], []
for k, (d, w) in enumerate(zip(delays, weights)):
    sec, syn = target("tgt%d" % k)
    nc = h.NetCon(src(0.5)._ref_v, syn, 0, d, w, sec=src)
    cells.append(sec); syns.append(syn); ncs.append(nc)

inj_sec, inj_syn = target("inj")
inj_nc = h.NetCon(None, inj_syn)
inj_nc.weight[0] = 0.003
inj_times = [0.5125, 1.0125, 2.0124, 3.0126, 4.0, 6.5]

spikes = h.Vector()
ncs[0].record(spikes)

t = h.Vector().record(h._ref_t)
v_src = h.Vector().record(src(0.5)._ref_v)
v_tgt = [h.Vector().record(c(0.5)._ref_v) for c in cells]
g_tgt = [h.Vector().record(s._ref_g) for s in syns]
v_inj = h.Vector().record(inj_sec(0.5)._ref_v)
g_inj = h.Vector().record(inj_syn._ref_g)

h.tstop = 20
h.stdinit()                  # finitialize clears the queue: inject afterwards
for te in inj_times:
    inj_nc.event(te)
h.continuerun(h.tstop)

out = dict(t=np.array(t), v_src=np.array(v_src), spike_times=np.array(spikes),
           v_inj=np.array(v_inj), g_inj=np.array(g_inj))
for k in range(len(cells)):
    out["v_tgt%d" % k] = np.array(v_tgt[k])
    out["g_tgt%d" % k] = np.array(g_tgt[k])
np.savez(os.environ["REF_OUT"], **out)
