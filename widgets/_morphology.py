"""2-D drawing coordinates of a model's sections (used by ShapePlot).

With 3-D points on every section (``sec.n3d()``, ``x3d(i)``...), their x, y
projection is used.  Otherwise an automatic layout, in the spirit of NEURON's
``define_shape``: each root is drawn horizontally, children leave from their
attachment point, fanned out when several share it.
"""

import math

import numpy as np

from . import _api

#: Half the angle over which children sharing an attachment point are spread (radians).
FAN = math.radians(40.0)
#: Angle of a branch leaving from the middle of its parent (radians).
SIDE_BRANCH = math.radians(60.0)


def _rotate(direction, angle):
    c, s = math.cos(angle), math.sin(angle)
    return np.array([c * direction[0] - s * direction[1], s * direction[0] + c * direction[1]])


def _point_along(polyline, fraction):
    """The point at ``fraction`` of the arc length of ``polyline`` (Nx2)."""
    steps = np.hypot(*np.diff(polyline, axis=0).T)
    total = steps.sum()
    if total == 0:
        return polyline[0].copy()
    target = fraction * total
    cumulative = np.concatenate([[0.0], np.cumsum(steps)])
    i = min(np.searchsorted(cumulative, target, side="right") - 1, len(steps) - 1)
    local = (target - cumulative[i]) / steps[i] if steps[i] > 0 else 0.0
    return polyline[i] + local * (polyline[i + 1] - polyline[i])


def _direction_at(polyline, fraction):
    tangent = polyline[-1] - polyline[0]
    norm = np.hypot(*tangent)
    return tangent / norm if norm > 0 else np.array([1.0, 0.0])


def section_polylines():
    """[(section, Nx2 array of points in um)] for every section, roots first."""
    rows = _api.walk_tree()
    points = {id(sec): _api.points_3d(sec) for sec, _depth, _parent in rows}
    if rows and all(len(p) >= 2 for p in points.values()):
        return [(sec, np.array([(x, y) for x, y, _z, _d in points[id(sec)]], dtype=float))
                for sec, _depth, _parent in rows]
    return _automatic_layout(rows)


def _automatic_layout(rows):
    placed = {}
    order = []
    root_offset = 0.0
    siblings = {}
    for sec, depth, parent in rows:
        if parent is not None:
            key = (id(parent.sec), round(float(parent.x), 6))
            siblings.setdefault(key, []).append(sec)
    for sec, depth, parent in rows:
        length = max(float(sec.L), 1e-3)
        if parent is None or id(parent.sec) not in placed:
            start = np.array([0.0, root_offset])
            direction = np.array([1.0, 0.0])
            root_offset -= max(length * 0.3, 20.0)
        else:
            parent_line = placed[id(parent.sec)]
            x = float(parent.x)
            start = _point_along(parent_line, x)
            along = _direction_at(parent_line, x)
            group = siblings[(id(parent.sec), round(x, 6))]
            rank = group.index(sec)
            if x <= 0.0 or x >= 1.0:
                base = along if x >= 1.0 else -along
                spread = 0.0 if len(group) == 1 else FAN * (2.0 * rank / (len(group) - 1) - 1.0)
                direction = _rotate(base, spread)
            else:
                side = 1.0 if rank % 2 == 0 else -1.0
                direction = _rotate(along, side * SIDE_BRANCH)
        line = np.array([start, start + length * direction])
        placed[id(sec)] = line
        order.append((sec, line))
    return order


def segment_pieces(polyline, nseg):
    """Split a section's polyline into nseg pieces of equal arc length: list of Kx2 arrays."""
    steps = np.hypot(*np.diff(polyline, axis=0).T)
    cumulative = np.concatenate([[0.0], np.cumsum(steps)])
    total = cumulative[-1]
    pieces = []
    for i in range(nseg):
        a, b = i / nseg, (i + 1) / nseg
        inner = [polyline[j] for j in range(len(polyline))
                 if total > 0 and a * total < cumulative[j] < b * total]
        pieces.append(np.array([_point_along(polyline, a), *inner, _point_along(polyline, b)]))
    return pieces


def pad_pieces(pieces):
    """Equal-length pieces (last point repeated) so they fit one 2-D bqplot array."""
    width = max(len(p) for p in pieces)
    return np.array([np.vstack([p, np.repeat(p[-1:], width - len(p), axis=0)]) for p in pieces])
