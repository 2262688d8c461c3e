"""SEClamp: single-electrode voltage clamp with series resistance (svclmp.mod; §4.11).

Three consecutive levels amp1..3 for dur1..3 ms; ``i = (vc - v)/rs`` nA while
on.  The recorded ``i`` is recomputed after the voltage update, as NEURON's
``after_cvode`` block does.
"""
from .base import MechanismSpec, POINT, assigned, kernel_function, parameter

SPEC = MechanismSpec(
    "SEClamp", POINT,
    [parameter("rs", 1.0, "MOhm", 0.001, 100.0, "series resistance"),
     parameter("dur1", 0.0, "ms", 0.0, 100.0, "duration of level 1"),
     parameter("amp1", 0.0, "mV", -120.0, 60.0, "command voltage of level 1"),
     parameter("dur2", 0.0, "ms", 0.0, 100.0, "duration of level 2"),
     parameter("amp2", 0.0, "mV", -120.0, 60.0, "command voltage of level 2"),
     parameter("dur3", 0.0, "ms", 0.0, 100.0, "duration of level 3"),
     parameter("amp3", 0.0, "mV", -120.0, 60.0, "command voltage of level 3"),
     assigned("i", "nA", "clamp current (positive depolarises)"),
     assigned("vc", "mV", "present command voltage"),
     assigned("tc2", "ms", "end of level 2"),
     assigned("tc3", "ms", "end of level 3"),
     assigned("on", "1", "1 while the clamp is active")],
    doc="Voltage clamp through a series resistance rs, three levels in sequence.",
    hidden=("tc2", "tc3", "on"), electrode=True)

RS, DUR1, AMP1, DUR2, AMP2, DUR3, AMP3, I, VC, TC2, TC3, ON = range(12)


@kernel_function
def initialize(blk):
    for j in range(blk.shape[1]):
        blk[TC2, j] = blk[DUR1, j] + blk[DUR2, j]
        blk[TC3, j] = blk[TC2, j] + blk[DUR3, j]


@kernel_function
def _clamp_current(blk, j, v):
    if blk[ON, j] != 0.0:
        return (blk[VC, j] - v) / blk[RS, j]
    return 0.0


@kernel_function
def current(blk, nodes, area, t, v, rhs, d):
    for j in range(nodes.size):
        node = nodes[j]
        blk[ON, j] = 1.0
        if t < blk[DUR1, j]:
            blk[VC, j] = blk[AMP1, j]
        elif t < blk[TC2, j]:
            blk[VC, j] = blk[AMP2, j]
        elif t < blk[TC3, j]:
            blk[VC, j] = blk[AMP3, j]
        else:
            blk[VC, j] = 0.0
            blk[ON, j] = 0.0
        i_plus = _clamp_current(blk, j, v[node] + 0.001)
        i_here = _clamp_current(blk, j, v[node])
        blk[I, j] = i_here
        fac = 1.e2 / area[node]
        rhs[node] += i_here * fac
        d[node] -= (i_plus - i_here) / 0.001 * fac


@kernel_function
def after_solve(blk, nodes, v):
    for j in range(nodes.size):
        blk[I, j] = _clamp_current(blk, j, v[nodes[j]])
