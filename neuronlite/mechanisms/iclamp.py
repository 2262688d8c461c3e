"""IClamp: a current step injected into the cell (stim.mod; NEURON_FACTS §4.6).

``i = amp`` while ``del <= t < del + dur`` (t at the middle of the step).
Positive current depolarises (ELECTRODE_CURRENT).  ``del`` is a Python
keyword, so it is also reachable as ``delay``.
"""
from .base import MechanismSpec, POINT, assigned, kernel_function, parameter

SPEC = MechanismSpec(
    "IClamp", POINT,
    [parameter("del", 0.0, "ms", 0.0, 100.0, "onset of the current step"),
     parameter("dur", 0.0, "ms", 0.0, 100.0, "duration of the current step"),
     parameter("amp", 0.0, "nA", -2.0, 2.0, "amplitude of the current step"),
     assigned("i", "nA", "injected current (positive depolarises)")],
    doc="Single current pulse: amp nA from del to del+dur ms.",
    aliases={"delay": "del"}, electrode=True)

DEL, DUR, AMP, I = 0, 1, 2, 3


@kernel_function
def current(blk, nodes, area, t, rhs, d):
    for j in range(nodes.size):
        if t < blk[DEL, j] + blk[DUR, j] and t >= blk[DEL, j]:
            i = blk[AMP, j]
        else:
            i = 0.0
        blk[I, j] = i
        # electrode current enters the cell: rhs += i, and di/dv = 0
        rhs[nodes[j]] += i * (1.e2 / area[nodes[j]])
