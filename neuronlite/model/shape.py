"""h.define_shape(): 3-D points for sections that have none (NEURON's nrn_define_shape).

NEURON stores 3-D points as C floats, so coordinates and diameters are rounded
to float32; this matters for L and areas computed from the points afterwards.
"""
import math

import numpy as np

from .world import WORLD

FAN = 0.8        # rad between sibling sections leaving the same end of a parent


def f32(value):
    return float(np.float32(value))


def _location(sec, arc):
    """(x, y, z) at arc length ``arc`` along the 3-D points of ``sec``."""
    from .geometry import arc_positions
    pts = sec._pt3d
    arcs = arc_positions(pts)
    for k in range(len(pts) - 1):
        if arcs[k + 1] >= arc or k == len(pts) - 2:
            span = arcs[k + 1] - arcs[k]
            f = (arc - arcs[k]) / span if span > 0 else 0.0
            return tuple(pts[k][c] + f * (pts[k + 1][c] - pts[k][c]) for c in range(3))
    return pts[0][:3]


def define_shape():
    """Give every section without 3-D points a straight outline: roots along +x from
    the origin, children from their attachment point, fanned out (approximation of
    NEURON's layout; only the lengths and diameters affect the simulation)."""
    angle = {}
    for sec in WORLD.sections():           # creation order; parents first in practice
        parent = sec.parentseg()
        if sec._pt3d:
            pts = sec._pt3d
            angle[sec] = math.atan2(pts[-1][1] - pts[0][1], pts[-1][0] - pts[0][0])
            continue
        if parent is None:
            start, direction = (0.0, 0.0, 0.0), 0.0
        else:
            psec, px = parent.sec, parent.x
            if not psec._pt3d:
                continue  # parent without points (created later): leave as is
            start = _location(psec, px * psec.L)
            base = angle.get(psec, 0.0)
            if px == 1.0 or px == 0.0:
                siblings = [c for c in psec._children_in_connection_order() if c.parentseg().x == px]
                k = siblings.index(sec)
                direction = base + (math.pi if px == 0.0 else 0.0) \
                    - FAN * (k - (len(siblings) - 1) / 2.0)
            else:
                direction = base + math.pi / 2
        angle[sec] = direction
        n, length = sec._nseg, sec.L
        diams = sec._node_diam()
        arcs = [0.0] + [(j + 0.5) * length / n for j in range(n)] + [length]
        ds = [diams[0]] + list(diams) + [diams[-1]]
        c, s = math.cos(direction), math.sin(direction)
        pts = [(f32(start[0] + a * c), f32(start[1] + a * s), f32(start[2]), f32(d))
               for a, d in zip(arcs, ds)]
        sec.__dict__["_pt3d"] = pts
        WORLD.value_changed(sec, "pt3d")
    return 1.0
