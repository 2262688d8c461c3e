from neuron import h
import numpy as np
import os

# nseg changed AFTER Vector.record and point processes were set up (facts
# 2.5): node values (diam, g_pas, v, ...) are copied, never interpolated;
# point processes and recording pointers follow their node.  Part A raises
# nseg 3 -> 7 on a tapered hh/pas dendrite (IClamp at 0.9, AlphaSynapse at
# 0.3).  Part B lowers nseg 5 -> 2 on a second cable: the recording on a
# discarded node (x=0.1, old node 0) silently stops (vector stays empty),
# the one on a surviving node (x=0.7, old node 3) keeps recording, and the
# IClamp of the discarded node moves to the new node containing it.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L = soma.diam = 18
soma.insert("hh")
dend = h.Section(name="dend")
dend.connect(soma(1))
dend.L = 300
dend.nseg = 3
dend.insert("pas")
for j, seg in enumerate(dend):
    seg.diam = 3.0 - j            # 3, 2, 1
    seg.pas.g = 0.0002 * (j + 1)  # per-node values to be copied
    seg.pas.e = -70 + 2 * j
stim = h.IClamp(dend(0.9))
stim.delay, stim.dur, stim.amp = 1, 2, 0.3
syn = h.AlphaSynapse(dend(0.3))
syn.onset, syn.tau, syn.gmax, syn.e = 4, 0.5, 0.02, 0

other = h.Section(name="other")   # part B: separate root cable
other.L = 200
other.diam = 2
other.nseg = 5
other.insert("pas")
for j, seg in enumerate(other):
    seg.diam = 1.0 + j
stim_b = h.IClamp(other(0.1))
stim_b.delay, stim_b.dur, stim_b.amp = 0.5, 3, 0.2

t = h.Vector().record(h._ref_t)
v_soma = h.Vector().record(soma(0.5)._ref_v)
v_d09 = h.Vector().record(dend(0.9)._ref_v)
v_d03 = h.Vector().record(dend(0.3)._ref_v)
v_d1 = h.Vector().record(dend(1)._ref_v)
i_syn = h.Vector().record(syn._ref_i)
v_o01 = h.Vector().record(other(0.1)._ref_v)
v_o07 = h.Vector().record(other(0.7)._ref_v)

dend.nseg = 7      # 3 -> 7: clones, values copied
other.nseg = 2     # 5 -> 2: old nodes 1 and 3 survive

h.tstop = 8
h.run()

geom = np.array([seg.diam for seg in dend] + [seg.pas.g for seg in dend]
                + [seg.pas.e for seg in dend] + [seg.diam for seg in other]
                + [stim.get_segment().x, syn.get_segment().x, stim_b.get_segment().x])
v_all = np.array([seg.v for seg in dend.allseg()] + [seg.v for seg in other.allseg()])
np.savez(os.environ["REF_OUT"], t=np.array(t), v_soma=np.array(v_soma),
         v_d09=np.array(v_d09), v_d03=np.array(v_d03), v_d1=np.array(v_d1),
         i_syn=np.array(i_syn), v_o01=np.array(v_o01), v_o07=np.array(v_o07),
         geom=geom, v_all_end=v_all)
