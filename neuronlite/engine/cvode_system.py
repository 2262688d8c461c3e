"""The model as an ODE system y' = f(t, y) for the variable-step integrator (§5).

y holds the membrane potential of every node that has membrane (area) and every
mechanism STATE (hh m, h, n; ExpSyn g; Exp2Syn A, B).  The zero-area nodes
(x=0 of a root section, x=1 of every section) carry no capacitance, so their
equation is algebraic: each evaluation solves them from their neighbours.

Currents come from the fixed-step kernel's ``setup_tree_matrix`` (called with no
capacitance term), so both integrators run the same mechanism code.  Its
diagonal ``d`` is already dI/dv, hence the voltage block of the Jacobian is the
tree matrix itself, divided by the capacitance.
"""
import numpy as np

from ..mechanisms import exp2syn, expsyn, hh
from . import jit
from . import kernel as K

CAP_FACTOR = 1e-3        # uF/cm2 * mV/ms = 1e-3 mA/cm2
RATE_DV = 1e-3           # mV, step of the finite difference d(rates)/dv (as NEURON's di/dv)


def evaluate(t, y, ydot, v, rhs, d, a, b, parent, cm, area, mech, ynode, znodes, cptr, cidx,
             hh_blk, hh_nodes, table, use_table, celsius, es_blk, e2_blk, s_hh, s_es, s_e2):
    """ydot = f(t, y); leaves v, states and assigned variables of the model at (t, y)."""
    na = ynode.size
    for k in range(na):
        v[ynode[k]] = y[k]
    nhh = hh_nodes.size
    for j in range(nhh):
        hh_blk[hh.M, j] = y[s_hh + j]
        hh_blk[hh.H, j] = y[s_hh + nhh + j]
        hh_blk[hh.N, j] = y[s_hh + 2 * nhh + j]
    nes = es_blk.shape[1]
    for j in range(nes):
        es_blk[expsyn.G, j] = y[s_es + j]
    ne2 = e2_blk.shape[1]
    for j in range(ne2):
        e2_blk[exp2syn.A, j] = y[s_e2 + j]
        e2_blk[exp2syn.B, j] = y[s_e2 + ne2 + j]
    K.setup_tree_matrix(t, v, rhs, d, a, b, parent, cm, area, 0.0, mech)
    # A zero-area row is linear in its own v (point-process currents are linear
    # at fixed states), so one Newton correction solves it exactly; the axial
    # terms of its neighbours then change by the coupling times that correction.
    for q in range(znodes.size):
        z = znodes[q]
        dz = rhs[z] / d[z]
        v[z] += dz
        p = parent[z]
        if p >= 0:
            rhs[p] -= a[z] * dz
        for r in range(cptr[z], cptr[z + 1]):
            c = cidx[r]
            rhs[c] -= b[c] * dz
    for k in range(na):
        i = ynode[k]
        ydot[k] = rhs[i] / (CAP_FACTOR * cm[i])
    for j in range(nhh):
        # hh's DERIVATIVE block calls rates(v) (TABLE included): assigns minf..ntau
        r = hh.rates_at(v[hh_nodes[j]], table, use_table, celsius)
        hh._store_rates(hh_blk, j, r)
        ydot[s_hh + j] = (r[0] - hh_blk[hh.M, j]) / r[1]
        ydot[s_hh + nhh + j] = (r[2] - hh_blk[hh.H, j]) / r[3]
        ydot[s_hh + 2 * nhh + j] = (r[4] - hh_blk[hh.N, j]) / r[5]
    for j in range(nes):
        ydot[s_es + j] = -es_blk[expsyn.G, j] / es_blk[expsyn.TAU, j]
    for j in range(ne2):
        ydot[s_e2 + j] = -e2_blk[exp2syn.A, j] / e2_blk[exp2syn.TAU1, j]
        ydot[s_e2 + ne2 + j] = -e2_blk[exp2syn.B, j] / e2_blk[exp2syn.TAU2, j]


def _put(rows, cols, vals, count, r, c, x):
    rows[count] = r
    cols[count] = c
    vals[count] = x
    return count + 1


def _coupling(z, k, parent, a, b):
    """(d rhs_k / d v_z, d rhs_z / d v_k) for neighbouring nodes k and z."""
    if parent[z] == k:          # z is a child of k
        return -a[z], -b[z]
    return -b[k], -a[k]         # k is a child of z


def _into_voltages(node, col, dval, count, rows, cols, vals, node_y, parent, a, b, d, cm,
                   cptr, cidx):
    """Add d(rhs_node)/d(y[col]) = dval to the Jacobian.

    For a node with area that is one entry (divided by its capacitance); for a
    zero-area node it acts through that node's algebraic voltage on each
    neighbour (its Schur complement).
    """
    k = node_y[node]
    if k >= 0:
        return _put(rows, cols, vals, count, k, col, dval / (CAP_FACTOR * cm[node]))
    dvz = dval / d[node]
    p = parent[node]
    if p >= 0:
        w, _ = _coupling(node, p, parent, a, b)
        count = _put(rows, cols, vals, count, node_y[p], col, w * dvz / (CAP_FACTOR * cm[p]))
    for r in range(cptr[node], cptr[node + 1]):
        c = cidx[r]
        w, _ = _coupling(node, c, parent, a, b)
        count = _put(rows, cols, vals, count, node_y[c], col, w * dvz / (CAP_FACTOR * cm[c]))
    return count


def jacobian(t, y, rows, cols, vals, ydot, v, rhs, d, a, b, parent, cm, area, mech, ynode,
             znodes, cptr, cidx, node_y, hh_blk, hh_nodes, table, use_table, celsius,
             na_blk, hh_na, k_blk, hh_k, es_blk, es_nodes, e2_blk, e2_nodes, s_hh, s_es, s_e2):
    """df/dy as (rows, cols, vals) triplets (duplicates add up); returns their count."""
    evaluate(t, y, ydot, v, rhs, d, a, b, parent, cm, area, mech, ynode, znodes, cptr, cidx,
             hh_blk, hh_nodes, table, use_table, celsius, es_blk, e2_blk, s_hh, s_es, s_e2)
    count = 0
    for k in range(ynode.size):
        i = ynode[k]
        count = _put(rows, cols, vals, count, k, k, -d[i] / (CAP_FACTOR * cm[i]))
        p = parent[i]
        if p >= 0 and node_y[p] >= 0:
            count = _put(rows, cols, vals, count, k, node_y[p], -b[i] / (CAP_FACTOR * cm[i]))
        for r in range(cptr[i], cptr[i + 1]):
            c = cidx[r]
            if node_y[c] >= 0:
                count = _put(rows, cols, vals, count, k, node_y[c], -a[c] / (CAP_FACTOR * cm[i]))
    for q in range(znodes.size):
        # eliminate v_z: d rhs_k/d v_l gains (d rhs_k/d v_z)(d rhs_z/d v_l)/d_z for every
        # pair of neighbours k, l of z (r = cptr[z]-1 stands for the parent)
        z = znodes[q]
        for r in range(cptr[z] - 1, cptr[z + 1]):
            kk = parent[z] if r < cptr[z] else cidx[r]
            if kk < 0:
                continue
            w, _ = _coupling(z, kk, parent, a, b)
            for r2 in range(cptr[z] - 1, cptr[z + 1]):
                ll = parent[z] if r2 < cptr[z] else cidx[r2]
                if ll < 0:
                    continue
                _, u = _coupling(z, ll, parent, a, b)
                count = _put(rows, cols, vals, count, node_y[kk], node_y[ll],
                             w * u / (d[z] * CAP_FACTOR * cm[kk]))
    nhh = hh_nodes.size
    for j in range(nhh):
        i = hh_nodes[j]
        k = node_y[i]
        vi = v[i]
        m = hh_blk[hh.M, j]
        hg = hh_blk[hh.H, j]
        n = hh_blk[hh.N, j]
        ena = na_blk[0, hh_na[j]]
        ek = k_blk[0, hh_k[j]]
        c = CAP_FACTOR * cm[i]
        gna = hh_blk[hh.GNABAR, j]
        count = _put(rows, cols, vals, count, k, s_hh + j, -gna * 3.0 * m * m * hg * (vi - ena) / c)
        count = _put(rows, cols, vals, count, k, s_hh + nhh + j, -gna * m * m * m * (vi - ena) / c)
        count = _put(rows, cols, vals, count, k, s_hh + 2 * nhh + j,
                     -hh_blk[hh.GKBAR, j] * 4.0 * n * n * n * (vi - ek) / c)
        r0 = hh.rates_at(vi, table, use_table, celsius)
        r1 = hh.rates_at(vi + RATE_DV, table, use_table, celsius)
        for g in range(3):
            s = s_hh + g * nhh + j
            x = y[s]
            slope = ((r1[2 * g] - x) / r1[2 * g + 1] - (r0[2 * g] - x) / r0[2 * g + 1]) / RATE_DV
            count = _put(rows, cols, vals, count, s, k, slope)
            count = _put(rows, cols, vals, count, s, s, -1.0 / r0[2 * g + 1])
    for j in range(es_nodes.size):
        i = es_nodes[j]
        s = s_es + j
        count = _put(rows, cols, vals, count, s, s, -1.0 / es_blk[expsyn.TAU, j])
        dval = -(v[i] - es_blk[expsyn.E, j]) * (1.e2 / area[i])
        count = _into_voltages(i, s, dval, count, rows, cols, vals, node_y, parent, a, b, d, cm,
                               cptr, cidx)
    ne2 = e2_nodes.size
    for j in range(ne2):
        i = e2_nodes[j]
        sa = s_e2 + j
        sb = s_e2 + ne2 + j
        count = _put(rows, cols, vals, count, sa, sa, -1.0 / e2_blk[exp2syn.TAU1, j])
        count = _put(rows, cols, vals, count, sb, sb, -1.0 / e2_blk[exp2syn.TAU2, j])
        dval = (v[i] - e2_blk[exp2syn.E, j]) * (1.e2 / area[i])
        count = _into_voltages(i, sa, dval, count, rows, cols, vals, node_y, parent, a, b, d, cm,
                               cptr, cidx)
        count = _into_voltages(i, sb, -dval, count, rows, cols, vals, node_y, parent, a, b, d, cm,
                               cptr, cidx)
    return count


_compiled = {}


def _jitted():
    if not _compiled:
        K.get("setup_tree_matrix")          # kernel and mechanism functions compiled first
        njit = jit.activate()
        for name in ("_put", "_coupling", "_into_voltages", "evaluate", "jacobian"):
            globals()[name] = njit(globals()[name])
            _compiled[name] = globals()[name]
    return _compiled


def _segment_name(compiled, node):
    for sec, first, root in compiled.sections:
        if first <= node < first + sec._nseg:
            return "%s(%g)" % (sec, (node - first + 0.5) / sec._nseg)
    return "node %d" % node


class OdeSystem:
    """Layout of y for one compiled model, with f(t, y) and its Jacobian."""

    def __init__(self, compiled, mech, table, use_table, celsius):
        if "extracellular" in compiled.blocks and len(compiled.blocks["extracellular"].sources):
            raise NotImplementedError(
                "CVode with the extracellular mechanism is not supported by neuronlite "
                "(NEURON switches to DASPK there); use the fixed step (h.cvode_active(0))")
        self.compiled = compiled
        n = compiled.n_nodes
        zero = np.zeros(n, dtype=bool)
        for sec, first, root in compiled.sections:
            zero[first + sec._nseg] = True
            if root >= 0:
                zero[root] = True
        self.ynode = np.flatnonzero(~zero).astype(np.int64)
        self.znodes = np.flatnonzero(zero).astype(np.int64)
        self.node_y = np.full(n, -1, dtype=np.int64)
        self.node_y[self.ynode] = np.arange(self.ynode.size)
        bad = self.ynode[compiled.cm[self.ynode] <= 0]
        if bad.size:
            # NEURON's CVODE fails there too ("variable step integrator error")
            raise RuntimeError("variable step integrator error: %s has cm <= 0, so its "
                               "voltage has no differential equation; use cm > 0 or the "
                               "fixed step" % _segment_name(compiled, bad[0]))
        parent = compiled.parent
        children = parent[parent >= 0]
        order = np.argsort(children, kind="stable")
        self.cidx = np.flatnonzero(parent >= 0)[order].astype(np.int64)
        self.cptr = np.zeros(n + 1, dtype=np.int64)
        np.add.at(self.cptr, children + 1, 1)
        self.cptr = np.cumsum(self.cptr).astype(np.int64)
        zparent = parent[self.znodes]
        if np.any(zero[zparent[zparent >= 0]]):
            raise NotImplementedError("two adjacent zero-area nodes (unexpected topology)")
        blocks, points = compiled.blocks, compiled.point_blocks
        self.hh, self.es, self.e2 = blocks["hh"], points["ExpSyn"], points["Exp2Syn"]
        self.nhh = len(self.hh.sources)
        self.nes = len(self.es.sources)
        self.ne2 = len(self.e2.sources)
        self.s_hh = self.ynode.size
        self.s_es = self.s_hh + 3 * self.nhh
        self.s_e2 = self.s_es + self.nes
        self.size = self.s_e2 + 2 * self.ne2
        degree = self.cptr[1:] - self.cptr[:-1] + (parent >= 0)
        zdeg = degree[self.znodes]
        self.capacity = int(self.ynode.size + 2 * n + np.sum(zdeg * zdeg) + 9 * self.nhh
                            + (self.nes + 2 * self.ne2) * (int(degree.max(initial=0)) + 2))
        self._rows = np.empty(self.capacity, dtype=np.int64)
        self._cols = np.empty(self.capacity, dtype=np.int64)
        self._vals = np.empty(self.capacity)
        self._ydot = np.empty(self.size)
        self.set_mech(mech, table, use_table, celsius)
        self._fns = _jitted()

    def set_mech(self, mech, table, use_table, celsius):
        """Mechanism arguments (hh table, celsius) as the simulation currently has them."""
        c = self.compiled
        self.mech = mech
        self._common = (c.v, c.rhs, c.d, c.a, c.b, c.parent, c.cm, c.area, mech, self.ynode,
                        self.znodes, self.cptr, self.cidx)
        use_table, celsius = float(use_table), float(celsius)
        self._eval_tail = (self.hh.values, self.hh.nodes, table, use_table, celsius,
                           self.es.values, self.e2.values, self.s_hh, self.s_es, self.s_e2)
        self._jac_tail = (self.node_y, self.hh.values, self.hh.nodes, table, use_table,
                          celsius, c.blocks["na_ion"].values, c.hh_na, c.blocks["k_ion"].values,
                          c.hh_k, self.es.values, self.es.nodes, self.e2.values, self.e2.nodes,
                          self.s_hh, self.s_es, self.s_e2)

    # -- y <-> model ------------------------------------------------------------------
    def gather(self):
        """y from the model's present v and states."""
        y = np.empty(self.size)
        y[:self.s_hh] = self.compiled.v[self.ynode]
        hh_values = self.hh.values
        y[self.s_hh:self.s_es] = np.concatenate((hh_values[hh.M], hh_values[hh.H],
                                                 hh_values[hh.N]))
        y[self.s_es:self.s_e2] = self.es.values[expsyn.G]
        y[self.s_e2:] = np.concatenate((self.e2.values[exp2syn.A], self.e2.values[exp2syn.B]))
        return y

    def fun(self, t, y):
        ydot = np.empty(self.size)
        self._fns["evaluate"](t, y, ydot, *self._common, *self._eval_tail)
        return ydot

    def sync(self, t, y):
        """Put the model (v, states, assigned variables, time) at (t, y)."""
        self._fns["evaluate"](t, y, self._ydot, *self._common, *self._eval_tail)
        self.compiled.data[0] = t

    def jac(self, t, y):
        from scipy.sparse import coo_matrix
        count = self._fns["jacobian"](t, y, self._rows, self._cols, self._vals, self._ydot,
                                      *self._common, *self._jac_tail)
        shape = (self.size, self.size)
        matrix = coo_matrix((self._vals[:count], (self._rows[:count], self._cols[:count])),
                            shape=shape)
        if self.size <= 64:
            return matrix.toarray()   # small systems: dense LU is cheaper than sparse
        return matrix.tocsc()

    # -- discontinuities ---------------------------------------------------------------
    def discontinuities(self):
        """Times of NEURON's at_time() calls: IClamp del, del+dur; AlphaSynapse onset
        (when gmax != 0); SEClamp ends of its levels (when the duration is nonzero)."""
        points = self.compiled.point_blocks
        from ..mechanisms import alphasynapse, iclamp, seclamp
        ic = points["IClamp"].values
        syn = points["AlphaSynapse"].values
        se = points["SEClamp"].values
        parts = [ic[iclamp.DEL], ic[iclamp.DEL] + ic[iclamp.DUR],
                 syn[alphasynapse.ONSET][syn[alphasynapse.GMAX] != 0]]
        for dur, end in ((seclamp.DUR1, seclamp.DUR1), (seclamp.DUR2, seclamp.TC2),
                         (seclamp.DUR3, seclamp.TC3)):
            parts.append(se[end][se[dur] != 0])
        return np.concatenate(parts)
