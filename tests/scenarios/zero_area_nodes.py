from neuron import h
import numpy as np
import os

# Point processes on zero-area nodes.  A root cable (nseg 3, pas) gets an
# IClamp at x=0 (the root node) and one at x=1 (the end node) plus an
# AlphaSynapse at x=1; on these nodes the point-process rows are in nA
# (area factor 1e2/100 = 1) and there is no capacitance.  A child section
# attached at cable(1) shares that node: its x=0 is the parent's x=1 node.
# Records sec(0).v, sec(1).v, centre voltages, child(0).v and the
# point-process currents; reads back seg.area() and seg.ri() of end nodes.

h.load_file("stdrun.hoc")

cable = h.Section(name="cable")
cable.L, cable.diam, cable.nseg = 150, 2, 3
cable.insert("pas")
child = h.Section(name="child")
child.connect(cable(1))
child.L, child.diam, child.nseg = 60, 1, 2
child.insert("hh")

ic0 = h.IClamp(cable(0))
ic0.delay, ic0.dur, ic0.amp = 0.5, 1.5, 0.2
ic1 = h.IClamp(cable(1))
ic1.delay, ic1.dur, ic1.amp = 3, 0.5, -0.1
asyn = h.AlphaSynapse(cable(1))
asyn.onset, asyn.tau, asyn.gmax, asyn.e = 4.5, 0.3, 0.01, 0

t = h.Vector().record(h._ref_t)
recs = {
    "v_cable0": cable(0)._ref_v, "v_cable05": cable(0.5)._ref_v,
    "v_cable1": cable(1)._ref_v, "v_child0": child(0)._ref_v,
    "v_child05": child(0.5)._ref_v, "v_child1": child(1)._ref_v,
    "i_ic0": ic0._ref_i, "i_ic1": ic1._ref_i, "i_asyn": asyn._ref_i,
}
vecs = {k: h.Vector().record(p) for k, p in recs.items()}

h.tstop = 8
h.run()

out = {k: np.array(v) for k, v in vecs.items()}
out["t"] = np.array(t)
out["geom"] = np.array([cable(0).area(), cable(1).area(), cable(0.5).area(),
                        child(1).area(), cable(1).ri(), child(0.01).ri(),
                        child(1).ri(), cable(0.01).ri(), cable(0).ri()])
np.savez(os.environ["REF_OUT"], **out)
