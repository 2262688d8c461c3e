from neuron import h
import numpy as np
import os

# NEURON's "ball and stick" Python tutorial (part 1 and the synapse of part
# 3), rewritten: a Cell class with an hh soma (L = diam = 12.6157) and a
# 200 um passive dendrite (Ra = 100, pas g = 0.001, e = -65).  An IClamp at
# dend(1) (delay 5, dur 1) is run for four amplitudes with dend.nseg = 1 and
# then 101, each with h.finitialize(-65) + h.continuerun(25).  Finally the
# tutorial's ExpSyn at dend(0.5) (tau 2) is driven by a NetStim through a
# NetCon (delay 1, weight 0.04) with the IClamp off.  Records soma(0.5).v,
# dend(0.5).v and soma spike times (NetCon threshold default 10 mV).

h.load_file("stdrun.hoc")


class BallAndStick:
    def __init__(self, gid):
        self._gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma)
        self.all = self.soma.wholetree()
        self.soma.L = self.soma.diam = 12.6157
        self.dend.L = 200
        self.dend.diam = 1
        for sec in self.all:
            sec.Ra = 100
            sec.cm = 1
        self.soma.insert("hh")
        for seg in self.soma:
            seg.hh.gnabar = 0.12
            seg.hh.gkbar = 0.036
            seg.hh.gl = 0.0003
            seg.hh.el = -54.3
        self.dend.insert("pas")
        for seg in self.dend:
            seg.pas.g = 0.001
            seg.pas.e = -65
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2

    def __repr__(self):
        return "BallAndStick[%d]" % self._gid


cell = BallAndStick(0)
stim = h.IClamp(cell.dend(1))
stim.delay = 5
stim.dur = 1

t = h.Vector().record(h._ref_t)
soma_v = h.Vector().record(cell.soma(0.5)._ref_v)
dend_v = h.Vector().record(cell.dend(0.5)._ref_v)
spikes = h.Vector()
detector = h.NetCon(cell.soma(0.5)._ref_v, None, sec=cell.soma)
detector.record(spikes)

out = {}
for nseg in (1, 101):
    cell.dend.nseg = nseg
    for i in range(4):
        stim.amp = 0.075 * (i + 1)
        h.finitialize(-65)
        h.continuerun(25)
        tag = "n%d_a%d" % (nseg, i)
        out["soma_v_" + tag] = np.array(soma_v)[::2]   # every 2nd sample
        out["dend_v_" + tag] = np.array(dend_v)[::2]
        out["spikes_" + tag] = np.array(spikes)
out["t"] = np.array(t)[::2]

stim.amp = 0
netstim = h.NetStim()
netstim.number, netstim.start = 1, 9
nc = h.NetCon(netstim, cell.syn)
nc.delay = 1
nc.weight[0] = 0.04
h.finitialize(-65)
h.continuerun(25)
out["soma_v_syn"] = np.array(soma_v)
out["dend_v_syn"] = np.array(dend_v)
out["spikes_syn"] = np.array(spikes)
np.savez(os.environ["REF_OUT"], **out)
