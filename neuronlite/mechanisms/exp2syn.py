"""Exp2Syn: difference of two exponentials, normalised so the peak equals the weight.

exp2syn.mod; NEURON_FACTS §4.8.  INITIAL keeps tau1 below tau2 by rewriting
tau1 (visible to the user), as NEURON does.
"""
import math

from . import synapse
from .base import MechanismSpec, POINT, assigned, kernel_function, parameter, state

SPEC = MechanismSpec(
    "Exp2Syn", POINT,
    [parameter("tau1", 0.1, "ms", 0.01, 20.0, "rise time constant"),
     parameter("tau2", 10.0, "ms", 0.1, 100.0, "decay time constant"),
     parameter("e", 0.0, "mV", -100.0, 50.0, "reversal potential"),
     assigned("i", "nA", "synaptic current (positive is outward)"),
     assigned("g", "uS", "conductance B - A"),
     assigned("factor", "1", "peak normalisation"),
     state("A", "uS", "rising component"),
     state("B", "uS", "decaying component")],
    doc="Synapse with a rise (tau1) and decay (tau2) time constant; peak conductance = weight.",
    hidden=("factor",), net_receive_args=1)

TAU1, TAU2, E, I, G, FACTOR, A, B = range(8)


@kernel_function
def initialize(blk):
    for j in range(blk.shape[1]):
        if blk[TAU1, j] / blk[TAU2, j] > 0.9999:
            blk[TAU1, j] = 0.9999 * blk[TAU2, j]
        if blk[TAU1, j] / blk[TAU2, j] < 1e-9:
            blk[TAU1, j] = blk[TAU2, j] * 1e-9
        blk[A, j] = 0.0
        blk[B, j] = 0.0
        tau1 = blk[TAU1, j]
        tau2 = blk[TAU2, j]
        tp = (tau1 * tau2) / (tau2 - tau1) * math.log(tau2 / tau1)
        factor = -math.exp(-tp / tau1) + math.exp(-tp / tau2)
        blk[FACTOR, j] = 1.0 / factor


@kernel_function
def current(blk, nodes, area, v, rhs, d):
    for j in range(nodes.size):
        g = blk[B, j] - blk[A, j]
        blk[G, j] = g
        blk[I, j] = synapse.add_current(g, blk[E, j], nodes[j], area, v, rhs, d)


@kernel_function
def advance(blk, dt):
    for j in range(blk.shape[1]):
        tau1 = blk[TAU1, j]
        tau2 = blk[TAU2, j]
        blk[A, j] = blk[A, j] + (1.0 - math.exp(dt * (-1.0 / tau1))) * (
            -(0.0) / (-1.0 / tau1) - blk[A, j])
        blk[B, j] = blk[B, j] + (1.0 - math.exp(dt * (-1.0 / tau2))) * (
            -(0.0) / (-1.0 / tau2) - blk[B, j])


def net_receive(blk, j, weights):
    blk[A, j] = blk[A, j] + weights[0] * blk[FACTOR, j]
    blk[B, j] = blk[B, j] + weights[0] * blk[FACTOR, j]
