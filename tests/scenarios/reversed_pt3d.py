from neuron import h
import numpy as np
import os

# 3-D geometry and reversed sections.  The soma and two dendrites are
# defined by pt3dadd points with varying diameters (area, diam and axial
# resistance are integrated over the piecewise-linear frusta, facts 2.6).
# 'rdend' is attached by its 1-end (rdend.connect(soma(1), 1)): its x=1 is
# the soma node and x=0 its free end.  'tip' hangs on rdend(0) (the free
# end of the reversed section).  An IClamp at rdend(0.2) (near the free end)
# drives the hh soma.  Records v along the reversed section at x = 0, 0.2,
# 0.8, 1, tip and soma; reads back area(), diam, ri() and L.

h.load_file("stdrun.hoc")

soma = h.Section(name="soma")
for x, d in [(0, 4), (5, 12), (10, 15), (15, 11), (20, 3)]:
    soma.pt3dadd(x, 0, 0, d)
soma.insert("hh")

rdend = h.Section(name="rdend")
rdend.connect(soma(1), 1)          # reversed: child end 1 at soma(1)
h.pt3dadd(20, 0, 0, 3, sec=rdend)   # hoc-style call with sec=
h.pt3dadd(60, 10, 0, 2.5, sec=rdend)
h.pt3dadd(120, 10, 5, 1.2, sec=rdend)
h.pt3dadd(180, 30, 5, 0.8, sec=rdend)
rdend.nseg = 5
rdend.Ra = 150
rdend.insert("pas")

tip = h.Section(name="tip")
tip.connect(rdend(0))              # the far (free) end of the reversed dend
for x, d in [(180, 0.8), (200, 0.6), (200.5, 2.0), (230, 0.4)]:
    tip.pt3dadd(x, 30, 5, d)       # includes a sudden bulge
tip.nseg = 3
tip.insert("pas")

stim = h.IClamp(rdend(0.2))
stim.delay, stim.dur, stim.amp = 1, 2, 0.6

t = h.Vector().record(h._ref_t)
names = {"v_soma": soma(0.5), "v_r0": rdend(0), "v_r02": rdend(0.2),
         "v_r08": rdend(0.8), "v_r1": rdend(1), "v_tip05": tip(0.5),
         "v_tip1": tip(1)}
vecs = {k: h.Vector().record(seg._ref_v) for k, seg in names.items()}

h.tstop = 10
h.run()

geo = []
for sec in (soma, rdend, tip):
    geo.append(sec.L)
    geo += [seg.area() for seg in sec] + [seg.diam for seg in sec] + [seg.ri() for seg in sec]
out = {k: np.array(v) for k, v in vecs.items()}
out["t"] = np.array(t)
out["geom"] = np.array(geo)
out["orient"] = np.array([rdend.orientation(), tip.orientation(),
                          tip.parentseg().x, rdend.parentseg().x])
np.savez(os.environ["REF_OUT"], **out)
