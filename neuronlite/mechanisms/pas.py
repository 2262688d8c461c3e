"""pas: passive leak, ``i = g*(v - e)`` (passive.mod; NEURON_FACTS §4.2)."""
from .base import DENSITY, MechanismSpec, assigned, kernel_function, parameter

SPEC = MechanismSpec(
    "pas", DENSITY,
    [parameter("g", 0.001, "S/cm2", 0.0, 0.01, "leak conductance density"),
     parameter("e", -70.0, "mV", -100.0, 50.0, "leak reversal potential"),
     assigned("i", "mA/cm2", "leak current density")],
    doc="Passive (leak) membrane channel: i = g*(v - e).")

G, E, I = 0, 1, 2


@kernel_function
def current(blk, nodes, v, rhs, d):
    for j in range(nodes.size):
        k = nodes[j]
        # NEURON evaluates the current at v+0.001 then at v: di/dv by finite difference
        i_plus = blk[G, j] * (v[k] + 0.001 - blk[E, j])
        i_here = blk[G, j] * (v[k] - blk[E, j])
        blk[I, j] = i_here
        rhs[k] -= i_here
        d[k] += (i_plus - i_here) / 0.001
