from neuron import h
import numpy as np
import os

# Tree-building corner cases in one model (hh soma, pas elsewhere):
# * c0 attached at soma(0): the root node of the soma (zero area)
# * c1, c2 both at soma(1) and c3, c4 both at soma(0.5): several children
#   sharing one parent node
# * rev attached by its 1-end to soma(1) (reversed); its children: k1 at
#   rev(0.7) (mirrored node index), k2 at rev(1) (rev's attached end, i.e.
#   the soma(1) node itself), k3 at rev(0) (its free end)
# * c4 has rallbranch = 2 (scales the coupling seen by the parent)
# An IClamp on k1 and an AlphaSynapse on c0 drive it.  Records v at the
# ends and centres; reads back parentseg().x, orientation and h.distance.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
soma.L, soma.diam, soma.nseg = 20, 20, 3
soma.insert("hh")
secs = {}


def make(name, parent_seg, child_end=0, L=80, diam=1.0, nseg=3):
    sec = h.Section(name=name)
    sec.connect(parent_seg, child_end)
    sec.L, sec.diam, sec.nseg = L, diam, nseg
    sec.insert("pas")
    secs[name] = sec
    return sec


make("c0", soma(0), L=60, nseg=2)
make("c1", soma(1), L=100, diam=1.2, nseg=4)
make("c2", soma(1), L=40, diam=0.8)
make("c3", soma(0.5), L=70)
make("c4", soma(0.5), L=50, nseg=2).rallbranch = 2
rev = make("rev", soma(1), child_end=1, L=120, diam=1.5, nseg=5)
make("k1", rev(0.7), L=30, nseg=2)
make("k2", rev(1), L=45, diam=0.7)
make("k3", rev(0), L=25, diam=0.5, nseg=1)

stim = h.IClamp(secs["k1"](1))
stim.delay, stim.dur, stim.amp = 1, 1.5, 0.5
syn = h.AlphaSynapse(secs["c0"](0.5))
syn.onset, syn.tau, syn.gmax = 6, 0.5, 0.01

t = h.Vector().record(h._ref_t)
vecs = {"v_soma0": h.Vector().record(soma(0)._ref_v),
        "v_soma05": h.Vector().record(soma(0.5)._ref_v),
        "v_soma1": h.Vector().record(soma(1)._ref_v)}
for name, sec in secs.items():
    for x in (0.3, 1):
        vecs["v_%s_%g" % (name, x)] = h.Vector().record(sec(x)._ref_v)

h.tstop = 10
h.run()

info = [secs[n].parentseg().x for n in secs] + [secs[n].orientation() for n in secs]
info += [h.distance(soma(0.5), secs[n](1)) for n in secs]
out = {k: np.array(v) for k, v in vecs.items()}
out["t"] = np.array(t)
out["info"] = np.array(info)
np.savez(os.environ["REF_OUT"], **out)
