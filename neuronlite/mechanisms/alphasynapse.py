"""AlphaSynapse: a conductance with an alpha-function time course (syn.mod; §4.7).

``g = gmax * x*exp(1-x)`` with ``x = (t - onset)/tau`` for 0 <= x <= 10,
else 0; ``i = g*(v - e)`` (positive current is outward).  The conductance
peaks at gmax when t = onset + tau.
"""
import math

from . import synapse
from .base import MechanismSpec, POINT, assigned, kernel_function, parameter

SPEC = MechanismSpec(
    "AlphaSynapse", POINT,
    [parameter("onset", 0.0, "ms", 0.0, 100.0, "time the conductance starts to rise"),
     parameter("tau", 0.1, "ms", 0.01, 10.0, "time to peak of the alpha function"),
     parameter("gmax", 0.0, "uS", 0.0, 5.0, "peak conductance"),
     parameter("e", 0.0, "mV", -100.0, 50.0, "reversal potential"),
     assigned("i", "nA", "synaptic current (positive is outward)"),
     assigned("g", "uS", "conductance")],
    doc="Synaptic conductance with an alpha-function time course starting at onset.",
    hidden=("g",), functions=("alpha",))

ONSET, TAU, GMAX, E, I, G = 0, 1, 2, 3, 4, 5


@kernel_function
def alpha(x):
    """Alpha function x*exp(1 - x) for 0 <= x <= 10, else 0 (x in units of tau)."""
    if x < 0.0 or x > 10.0:
        return 0.0
    return x * math.exp(1.0 - x)


@kernel_function
def current(blk, nodes, area, t, v, rhs, d):
    for j in range(nodes.size):
        g = blk[GMAX, j] * alpha((t - blk[ONSET, j]) / blk[TAU, j])
        blk[G, j] = g
        blk[I, j] = synapse.add_current(g, blk[E, j], nodes[j], area, v, rhs, d)
