"""extracellular: layers of extracellular potential around the membrane (NEURON_FACTS §4.5).

Each node that has the mechanism carries ``nlayer = 2`` extra unknowns, the
potentials ``vext[0]`` (next to the membrane) and ``vext[1]``.  Layer k is
joined to layer k+1 by ``xg[k]`` in parallel with ``xc[k]``; the last layer
goes to ground through the battery ``e_extracellular``.  Along the cable each
layer has its own longitudinal resistance ``xraxial[k]``.  ``seg.v`` stays the
membrane potential vm; the internal potential is ``vi = vm + vext[0]``.

NEURON places the mechanism on every node of the section, including the
zero-area node at x=1 and a root section's x=0 node, where xg and xc are 0.

The functions below are the per-node part of the fixed step; the engine
(kernel.setup_ext_matrix, blocktree) adds the axial couplings and solves the
3x3-block tree system.  Blocks D, R are indexed by node: unknown 0 is vi,
1 and 2 the two layers.
"""
from .base import ASSIGNED, DENSITY, PARAMETER, MechanismSpec, Variable, kernel_function

NLAYER = 2

SPEC = MechanismSpec(
    "extracellular", DENSITY,
    [Variable("xraxial", PARAMETER, 1e9, "MOhm/cm", 1.0, 1e9,
              "longitudinal resistance of each layer", size=NLAYER),
     Variable("xg", PARAMETER, 1e9, "S/cm2", 0.0, 1e9,
              "conductance from layer k to layer k+1 (the last: to ground)", size=NLAYER),
     Variable("xc", PARAMETER, 0.0, "uF/cm2", 0.0, 10.0,
              "capacitance from layer k to layer k+1 (the last: to ground)", size=NLAYER),
     Variable("e", PARAMETER, 0.0, "mV", -100.0, 100.0,
              "battery between the last layer and ground"),
     Variable("i_membrane", ASSIGNED, 0.0, "mA/cm2",
              doc="total membrane current density (capacitive + ionic, outward)"),
     Variable("sav_g", ASSIGNED, 0.0, "S/cm2",
              doc="membrane conductance incl. cm/dt of the last step"),
     Variable("sav_rhs", ASSIGNED, 0.0, "mA/cm2",
              doc="membrane current at the start of the last step"),
     Variable("vext", ASSIGNED, 0.0, "mV", doc="potential of each layer", size=NLAYER)],
    doc="Extracellular layers (nlayer = 2) with axial resistance, conductance, "
        "capacitance and a battery to ground; gives vext and i_membrane.",
    range_names={"xraxial": "xraxial", "xg": "xg", "xc": "xc", "e": "e_extracellular",
                 "i_membrane": "i_membrane", "sav_g": "sav_g", "sav_rhs": "sav_rhs",
                 "vext": "vext"},
    all_nodes=True, node_exact=("vext",))

(XRAXIAL0, XRAXIAL1, XG0, XG1, XC0, XC1, E, I_MEMBRANE, SAV_G, SAV_RHS,
 VEXT0, VEXT1) = range(12)


@kernel_function
def initialize(blk):
    """finitialize: every layer back to 0 mV, no membrane current yet."""
    for j in range(blk.shape[1]):
        blk[VEXT0, j] = 0.0
        blk[VEXT1, j] = 0.0
        blk[I_MEMBRANE, j] = 0.0


@kernel_function
def potentials(blk, nodes, v, vx, vi):
    """Layer potentials per node (0 without the mechanism) and vi = vm + vext[0]."""
    for k in range(v.size):
        vx[k, 0] = 0.0
        vx[k, 1] = 0.0
        vi[k] = v[k]
    for j in range(nodes.size):
        k = nodes[j]
        vx[k, 0] = blk[VEXT0, j]
        vx[k, 1] = blk[VEXT1, j]
        vi[k] = v[k] + blk[VEXT0, j]


@kernel_function
def membrane_rows(blk, nodes, rhs, d, erhs, ed, cfac, D, R):
    """The layer rows of each node before any axial term.

    ``rhs``/``d`` hold all currents and conductances (plus cm/dt), ``erhs``/``ed``
    the electrode ones alone (electrodes act on vi and stay out of the layer
    equations).  The membrane current I and conductance G couple vi and vext[0]:
    the membrane sees vm = vi - vext[0], so the internal row gets -G in the
    vext[0] column and layer 0 receives I (its current flows out into layer 0).
    """
    for j in range(nodes.size):
        k = nodes[j]
        i_mem = erhs[k] - rhs[k]
        g = d[k] - ed[k]
        blk[SAV_RHS, j] = i_mem
        blk[SAV_G, j] = g
        m0 = blk[XG0, j] + blk[XC0, j] * cfac
        m1 = blk[XG1, j] + blk[XC1, j] * cfac
        D[k, 0, 1] = -g
        D[k, 1, 0] = -g
        D[k, 1, 1] = g + m0
        D[k, 1, 2] = -m0
        D[k, 2, 1] = -m0
        D[k, 2, 2] = m0 + m1
        # currents through xg at the present potentials (xc carries none: the
        # unknowns are changes, so capacitance only enters the matrix)
        across = blk[XG0, j] * (blk[VEXT0, j] - blk[VEXT1, j])
        R[k, 1] = i_mem - across
        R[k, 2] = across - blk[XG1, j] * (blk[VEXT1, j] - blk[E, j])


@kernel_function
def update(blk, nodes, v, R):
    """After v += dvi: layers move by their (never doubled) change, vm by -dvext[0].

    i_membrane is the linearised membrane current at the new vm:
    G*dvm + I(vm_old) with dvm = dvi - dvext[0].
    """
    for j in range(nodes.size):
        k = nodes[j]
        dvx0 = R[k, 1]
        blk[VEXT0, j] += dvx0
        blk[VEXT1, j] += R[k, 2]
        v[k] -= dvx0
        blk[I_MEMBRANE, j] = blk[SAV_G, j] * (R[k, 0] - dvx0) + blk[SAV_RHS, j]
