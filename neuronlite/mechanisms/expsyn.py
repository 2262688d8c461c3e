"""ExpSyn: conductance that jumps by the NetCon weight and decays with tau (expsyn.mod; §4.8)."""
import math

from . import synapse
from .base import MechanismSpec, POINT, assigned, kernel_function, parameter, state

SPEC = MechanismSpec(
    "ExpSyn", POINT,
    [parameter("tau", 0.1, "ms", 0.01, 50.0, "decay time constant"),
     parameter("e", 0.0, "mV", -100.0, 50.0, "reversal potential"),
     assigned("i", "nA", "synaptic current (positive is outward)"),
     state("g", "uS", "conductance")],
    doc="Synapse whose conductance steps up by the NetCon weight (uS) and decays with tau.",
    net_receive_args=1)

TAU, E, I, G = 0, 1, 2, 3


@kernel_function
def current(blk, nodes, area, v, rhs, d):
    for j in range(nodes.size):
        blk[I, j] = synapse.add_current(blk[G, j], blk[E, j], nodes[j], area, v, rhs, d)


@kernel_function
def advance(blk, dt):
    for j in range(blk.shape[1]):
        tau = blk[TAU, j]
        blk[G, j] = blk[G, j] + (1.0 - math.exp(dt * (-1.0 / tau))) * (
            -(0.0) / (-1.0 / tau) - blk[G, j])


@kernel_function
def initialize(blk):
    for j in range(blk.shape[1]):
        blk[G, j] = 0.0


def net_receive(blk, j, weights):
    blk[G, j] += weights[0]
