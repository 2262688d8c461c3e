"""na_ion, k_ion: per-node ion variables that hh reads (ena, ek) and writes (ina, ik).

NEURON_FACTS §4.4.  With no mechanism writing concentrations the reversal
potentials are plain per-segment parameters; nai/nao/ki/ko are kept for
display only.
"""
import math

from .base import ION, MechanismSpec, assigned, kernel_function, parameter

NA_SPEC = MechanismSpec(
    "na_ion", ION,
    [parameter("ena", 50.0, "mV", -100.0, 150.0, "sodium reversal potential"),
     parameter("nai", 10.0, "mM", doc="internal sodium concentration"),
     parameter("nao", 140.0, "mM", doc="external sodium concentration"),
     assigned("ina", "mA/cm2", "total sodium current density"),
     assigned("dina_dv_", "S/cm2", "d(ina)/dv")],
    doc="Sodium ion: reversal potential and total current.")

K_SPEC = MechanismSpec(
    "k_ion", ION,
    [parameter("ek", -77.0, "mV", -150.0, 50.0, "potassium reversal potential"),
     parameter("ki", 54.4, "mM", doc="internal potassium concentration"),
     parameter("ko", 2.5, "mM", doc="external potassium concentration"),
     assigned("ik", "mA/cm2", "total potassium current density"),
     assigned("dik_dv_", "S/cm2", "d(ik)/dv")],
    doc="Potassium ion: reversal potential and total current.")

SPECS = {"na": NA_SPEC, "k": K_SPEC}
VALENCE = {"na": 1, "k": 1}

E, CI, CO, I, DIDV = 0, 1, 2, 3, 4

# CODATA 2018 exact constants, as NEURON 9 uses them
_R = 1.380649e-23 * 6.02214076e23
_FARADAY = 1.602176634e-19 * 6.02214076e23


@kernel_function
def clear_currents(blk):
    """Ions are first in type order: every current evaluation starts from zero."""
    for j in range(blk.shape[1]):
        blk[I, j] = 0.0
        blk[DIDV, j] = 0.0


@kernel_function
def second_order_correction(blk, nodes, x):
    """Crank-Nicolson (secondorder=2): move the recorded ion current to t+dt/2."""
    for j in range(nodes.size):
        blk[I, j] += blk[DIDV, j] * x[nodes[j]]


def nernst(ci, co, z, celsius):
    """Nernst potential (mV) of an ion with valence z (h.nernst)."""
    if z == 0:
        return 0.0
    if ci <= 0:
        return 1e6
    if co <= 0:
        return -1e6
    ktf = 1000.0 * _R * (celsius + 273.15) / _FARADAY
    return ktf / z * math.log(co / ci)
