"""Per-node areas and axial resistances (NEURON_FACTS §2.3, §2.6).

Evaluated with NEURON's operation order so the coefficients are bit-equal.
"""
import math

import numpy as np

from ..units import OHM_CM_UM_TO_MOHM

PI = math.pi


def arc_positions(points):
    out = [0.0]
    for (x0, y0, z0, _), (x1, y1, z1, _) in zip(points, points[1:]):
        # products, not ** 2: absurd coordinates give inf (refused before a run by
        # engine/sanity.py) instead of OverflowError, with the same rounding
        dx, dy, dz = x1 - x0, y1 - y0, z1 - z0
        out.append(out[-1] + math.sqrt(dx * dx + dy * dy + dz * dz))
    return out


def arc_length(points):
    return arc_positions(points)[-1]


def rescale(points, new_length):
    old = arc_length(points)
    if old == 0:
        return list(points)
    f = new_length / old
    x0, y0, z0, _ = points[0]
    return [(x0 + (x - x0) * f, y0 + (y - y0) * f, z0 + (z - z0) * f, d)
            for x, y, z, d in points]


def _check_diameters(sec, diam):
    bad = np.flatnonzero(~(diam > 0))
    if bad.size:
        from .errors import HOCOBJ  # noqa: F401  (message format lives there)
        value = diam[bad[0]]
        diam[bad] = 1e-6
        raise RuntimeError("hoc_execerror: %s diameter diam = %g. Setting to 1e-6"
                           % (sec, value))


def _pt3d_integrals(sec):
    """area, diameter and half-segment resistance integrals over the 3-D outline."""
    points = sec._pt3d
    n = sec._nseg
    arc = arc_positions(points)
    length = arc[-1]
    dx = length / n
    area = np.zeros(n)
    dsum = np.zeros(n)
    rsum = np.zeros(2 * n)
    for half in range(2 * n):
        a, b = half * dx / 2, (half + 1) * dx / 2
        for k in range(len(points) - 1):
            s0, s1 = arc[k], arc[k + 1]
            lo, hi = max(a, s0), min(b, s1)
            if hi <= lo or s1 == s0:
                continue
            d0, d1 = points[k][3], points[k + 1][3]
            y1 = d0 + (d1 - d0) * (lo - s0) / (s1 - s0)
            y2 = d0 + (d1 - d0) * (hi - s0) / (s1 - s0)
            delta = hi - lo
            half_step = (y2 - y1) / 2
            area[half // 2] += (y1 + y2) * math.sqrt(delta * delta + half_step * half_step)
            dsum[half // 2] += (y1 + y2) * delta
            rsum[half] += delta / (y1 * y2) if y1 * y2 > 0 else float("inf")
    return 0.5 * PI * area, 0.5 * dsum / dx, rsum * sec._Ra / PI * 0.04


def segment_diameters(sec):
    return _pt3d_integrals(sec)[1]


def node_areas(sec):
    """Membrane area (um2) of every segment node of ``sec``."""
    if len(sec._pt3d) >= 2:
        return _pt3d_integrals(sec)[0]
    _check_diameters(sec, sec._diam)
    dx = sec._L / sec._nseg
    return PI * sec._diam * dx


def half_resistances(sec):
    """(left half, right half) resistance in MOhm of every segment."""
    if len(sec._pt3d) >= 2:
        r = _pt3d_integrals(sec)[2]
        return r[0::2], r[1::2]
    _check_diameters(sec, sec._diam)
    dx = sec._L / sec._nseg
    d = sec._diam
    rleft = OHM_CM_UM_TO_MOHM * sec._Ra * (dx / 2) / (PI * d * d / 4.)
    return rleft, rleft


def node_rinv(sec):
    """1/R (1/MOhm) between each node (0..nseg, nseg = the x=1 node) and its parent node."""
    left, right = half_resistances(sec)
    n = sec._nseg
    rinv = np.empty(n + 1)
    rinv[0] = 1.0 / (left[0] + 0.0)
    for j in range(1, n):
        rinv[j] = 1.0 / (left[j] + right[j - 1])
    rinv[n] = 1.0 / right[n - 1]
    return rinv
