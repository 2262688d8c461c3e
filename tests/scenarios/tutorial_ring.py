from neuron import h
import numpy as np
import os

# NEURON's "ring network" tutorial, rewritten: N = 5 ball-and-stick cells
# (as in tutorial_ball_and_stick, 3-D shape from h.define_shape(), rotated
# about z by theta = i*2*pi/N and moved onto a circle of radius 50 with
# pt3dchange); cell i's soma spikes (NetCon threshold 10) reach cell i+1's
# ExpSyn (tau 2) at dend(0.5) with delay 5 ms, weight 0.01; a NetStim
# (number 1, start 9) kicks cell 0 with delay 1, weight 0.04.  tstop = 100
# with h.finitialize(-65) + h.continuerun(100).  Records every cell's
# spike times and soma v of cells 0 and 2 (every 4th sample).

h.load_file("stdrun.hoc")


class BallAndStick:
    def __init__(self, gid, x, y, z, theta):
        self._gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma)
        self.all = self.soma.wholetree()
        self.soma.L = self.soma.diam = 12.6157
        self.dend.L, self.dend.diam = 200, 1
        for sec in self.all:
            sec.Ra, sec.cm = 100, 1
        self.soma.insert("hh")
        self.dend.insert("pas")
        for seg in self.dend:
            seg.pas.g, seg.pas.e = 0.001, -65
        h.define_shape()
        for sec in self.all:                       # rotate about z, then move
            for i in range(sec.n3d()):
                c, s = h.cos(theta), h.sin(theta)
                xi, yi = sec.x3d(i), sec.y3d(i)
                sec.pt3dchange(i, xi * c - yi * s + x, xi * s + yi * c + y,
                               sec.z3d(i) + z, sec.diam3d(i))
        self.spike_detector = h.NetCon(self.soma(0.5)._ref_v, None, sec=self.soma)
        self.spike_times = h.Vector()
        self.spike_detector.record(self.spike_times)
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2

    def __repr__(self):
        return "BallAndStick[%d]" % self._gid


N, r = 5, 50
cells = []
for i in range(N):
    theta = i * 2 * h.PI / N
    cells.append(BallAndStick(i, h.cos(theta) * r, h.sin(theta) * r, 0, theta))
ncs = []
for i, src in enumerate(cells):
    nc = h.NetCon(src.soma(0.5)._ref_v, cells[(i + 1) % N].syn, sec=src.soma)
    nc.weight[0] = 0.01
    nc.delay = 5
    ncs.append(nc)
netstim = h.NetStim()
netstim.number, netstim.start = 1, 9
nc_stim = h.NetCon(netstim, cells[0].syn)
nc_stim.delay, nc_stim.weight[0] = 1, 0.04

t = h.Vector().record(h._ref_t)
v0 = h.Vector().record(cells[0].soma(0.5)._ref_v)
v2 = h.Vector().record(cells[2].soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(100)

out = {"t": np.array(t)[::4], "soma_v0": np.array(v0)[::4], "soma_v2": np.array(v2)[::4]}
for i, c in enumerate(cells):
    out["spikes_%d" % i] = np.array(c.spike_times)
out["geom"] = np.array([cells[1].soma.L, cells[1].dend.L, cells[1].soma(0.5).area(),
                        cells[3].dend(0.5).area(), cells[3].dend(0.5).ri()])
np.savez(os.environ["REF_OUT"], **out)
