"""What every conductance synapse shares: its current at one node, as NEURON adds it.

A NONSPECIFIC_CURRENT ``i = g*(v - e)`` in nA, evaluated at v+0.001 and at v
(di/dv by difference), scaled by 1e2/area to mA/cm2 (NEURON_FACTS §3.2).
"""
from .base import kernel_function


@kernel_function
def add_current(g, e, node, area, v, rhs, d):
    """Add the synapse's current to the node's row; returns i (nA) at v."""
    i_plus = g * (v[node] + 0.001 - e)
    i_here = g * (v[node] - e)
    fac = 1.e2 / area[node]
    rhs[node] -= i_here * fac
    d[node] += (i_plus - i_here) / 0.001 * fac
    return i_here
