"""The fixed-step kernel: NEURON's fadvance over flat arrays (NEURON_FACTS §3).

Nothing here knows about Sections.  Nodes are numbered so that every parent
comes before its children (parent[i] < i, roots have parent -1), which is all
the Hines elimination needs.  ``run_steps`` loops in compiled code and returns
to Python only when a threshold is crossed, an event is due, the recording
buffer is full, or the run is over.
"""
from ..mechanisms import (alphasynapse, exp2syn, expsyn, extracellular, hh, iclamp, ions, pas,
                          seclamp, vclamp)
from . import blocktree, jit

# ctl slots shared with simulation.py
PHASE, GROUP_LEFT, STATUS, REC_POS, N_CROSSED, STEPS = range(6)
CTL_SIZE = 6
# phases of the step about to start
NEED_THRESHOLDS, NEED_EVENTS, READY = 0, 1, 2
# statuses
DONE, CROSSED, EVENT_DUE, BUFFER_FULL = 0, 1, 2, 3
# position of the extracellular tuple in ``mech`` (CompiledModel.mech_tuple); its
# first array (the instances' nodes) is empty when no section has the mechanism
EXT = 23


def hines_solve(d, rhs, a, b, parent, v, scale):
    """Solve the tree system in place and add scale times the solution to v.

    rhs becomes the voltage change (§3.1 step 6) and v += scale*rhs (scale 1,
    or 2 with secondorder).  Each pivot's reciprocal replaces d[i] during
    elimination, so back substitution multiplies instead of dividing: one
    division per node on the critical path instead of two (rounding differs
    from NEURON by ~1 ulp).  Node i-1's row is carried in registers while node i
    is eliminated into it (in an unbranched cable the parent is i-1), and so is
    node i-1's solution during back substitution: the same operations in the
    same order, without a store and reload per node on the step's critical path.
    """
    n = d.size
    if n == 0:
        return
    di = d[n - 1]
    ri = rhs[n - 1]
    for i in range(n - 1, -1, -1):
        p = parent[i]
        inverse = 1.0 / di
        d[i] = inverse
        rhs[i] = ri
        dn = 0.0
        rn = 0.0
        if i > 0:
            dn = d[i - 1]
            rn = rhs[i - 1]
        if p >= 0:
            f = a[i] * inverse
            if p == i - 1:
                dn -= f * b[i]
                rn -= f * ri
            else:
                d[p] -= f * b[i]
                rhs[p] -= f * ri
        di = dn
        ri = rn
    previous = 0.0
    for i in range(n):
        p = parent[i]
        if p < 0:
            x = rhs[i] * d[i]
        elif p == i - 1:
            x = (rhs[i] - b[i] * previous) * d[i]
        else:
            x = (rhs[i] - b[i] * rhs[p]) * d[i]
        rhs[i] = x
        v[i] += scale * x
        previous = x


def mechanism_currents(t, v, vi, rhs, d, erhs, ed, area, mech):
    """Every mechanism's current and conductance, in type order.

    Membrane mechanisms see v (= vm) and write rhs, d; electrodes see the
    internal potential vi and write erhs, ed.  Without extracellular these are
    the same arrays, so the sums are exactly NEURON's.
    """
    (pas_nodes, pas_blk, hh_nodes, hh_blk, hh_na, hh_k, na_nodes, na_blk, k_nodes, k_blk,
     hh_table, use_table, celsius, ic_nodes, ic_blk, as_nodes, as_blk, es_nodes, es_blk,
     e2_nodes, e2_blk, se_nodes, se_blk, ext, vc_nodes, vc_blk, dt_step) = mech
    pas.current(pas_blk, pas_nodes, v, rhs, d)
    ions.clear_currents(na_blk)
    ions.clear_currents(k_blk)
    hh.current(hh_blk, hh_nodes, v, rhs, d, na_blk, hh_na, k_blk, hh_k)
    iclamp.current(ic_blk, ic_nodes, area, t, erhs, ed)
    alphasynapse.current(as_blk, as_nodes, area, t, v, rhs, d)
    expsyn.current(es_blk, es_nodes, area, v, rhs, d)
    exp2syn.current(e2_blk, e2_nodes, area, v, rhs, d)
    seclamp.current(se_blk, se_nodes, area, t, vi, erhs, ed)
    vclamp.current(vc_blk, vc_nodes, area, t, dt_step, vi, erhs, ed)


def setup_tree_matrix(t, v, rhs, d, a, b, parent, cm, area, cfac, mech):
    """Currents at v(t_n), time t_mid, into rhs and d (§3.1 steps 4-5)."""
    n = v.size
    for i in range(n):
        rhs[i] = 0.0
        d[i] = 0.0
    mechanism_currents(t, v, v, rhs, d, rhs, d, area, mech)
    # capacity and axial terms in one pass: earlier iterations touch only nodes
    # below i, so d[i] gets cfac*cm[i], then -b[i], then its children's -a[j],
    # in the same order as in separate passes
    for i in range(n):
        p = parent[i]
        di = d[i] + cfac * cm[i]
        if p >= 0:
            dv = v[p] - v[i]
            rhs[i] -= b[i] * dv
            rhs[p] += a[i] * dv
            d[i] = di - b[i]
            d[p] -= a[i]
        else:
            d[i] = di


def setup_ext_matrix(t, v, rhs, d, a, b, parent, cm, area, cfac, mech):
    """The step's system when extracellular is present (NEURON_FACTS §4.5).

    Same currents as setup_tree_matrix, but into 3x3 node blocks: unknowns are
    the changes of vi, vext[0], vext[1] (blocktree explains the layout).
    """
    x_nodes, x_blk, xa, xb, D, R, vx, vi, erhs, ed = mech[EXT]
    n = v.size
    for i in range(n):
        rhs[i] = 0.0
        d[i] = 0.0
        erhs[i] = 0.0
        ed[i] = 0.0
    extracellular.potentials(x_blk, x_nodes, v, vx, vi)
    mechanism_currents(t, v, vi, rhs, d, erhs, ed, area, mech)
    for i in range(n):
        rhs[i] += erhs[i]
        d[i] += ed[i]
        d[i] += cfac * cm[i]
    blocktree.reset_blocks(d, rhs, D, R)
    extracellular.membrane_rows(x_blk, x_nodes, rhs, d, erhs, ed, cfac, D, R)
    blocktree.axial(vi, vx, xa, xb, parent, D, R)


def advance_states(t, v, dt, mech):
    """States with the new v and the full dt, in type order (§3.1 step 10)."""
    (pas_nodes, pas_blk, hh_nodes, hh_blk, hh_na, hh_k, na_nodes, na_blk, k_nodes, k_blk,
     hh_table, use_table, celsius, ic_nodes, ic_blk, as_nodes, as_blk, es_nodes, es_blk,
     e2_nodes, e2_blk, se_nodes, se_blk, ext, vc_nodes, vc_blk, dt_step) = mech
    hh.advance(hh_blk, hh_nodes, v, dt, hh_table, use_table, celsius)
    expsyn.advance(es_blk, dt)
    exp2syn.advance(e2_blk, dt)
    if ext[0].size == 0:
        seclamp.after_solve(se_blk, se_nodes, v)
        vclamp.after_solve(vc_blk, vc_nodes, t, v, dt)
    else:
        # electrodes act on the internal potential vm + vext[0]
        vi = ext[7]
        extracellular.potentials(ext[1], ext[0], v, ext[6], vi)
        seclamp.after_solve(se_blk, se_nodes, vi)
        vclamp.after_solve(vc_blk, vc_nodes, t, vi, dt)


def initialize_states(v, mech):
    (pas_nodes, pas_blk, hh_nodes, hh_blk, hh_na, hh_k, na_nodes, na_blk, k_nodes, k_blk,
     hh_table, use_table, celsius, ic_nodes, ic_blk, as_nodes, as_blk, es_nodes, es_blk,
     e2_nodes, e2_blk, se_nodes, se_blk, ext, vc_nodes, vc_blk, dt_step) = mech
    extracellular.initialize(ext[1])
    hh.initialize(hh_blk, hh_nodes, v, hh_table, use_table, celsius)
    expsyn.initialize(es_blk)
    exp2syn.initialize(e2_blk)
    seclamp.initialize(se_blk)
    vclamp.initialize(vc_blk, vc_nodes, v)


def fadvance(data, v, rhs, d, a, b, parent, cm, area, dt, secondorder, mech):
    """One fixed step (§3.6), without the event bookkeeping."""
    t = data[0] + 0.5 * dt
    data[0] = t
    cj = 1.0 / dt if secondorder == 0 else 2.0 / dt
    cfac = 0.001 * cj
    # v += rhs, or v += 2*rhs with secondorder (multiplying by 1.0 is exact)
    scale = 1.0 if secondorder == 0 else 2.0
    ext = mech[EXT]
    if ext[0].size == 0:
        setup_tree_matrix(t, v, rhs, d, a, b, parent, cm, area, cfac, mech)
        hines_solve(d, rhs, a, b, parent, v, scale)
    else:
        setup_ext_matrix(t, v, rhs, d, a, b, parent, cm, area, cfac, mech)
        R = ext[5]
        blocktree.solve(ext[4], R, ext[2], ext[3], parent)
        for i in range(v.size):
            rhs[i] = R[i, 0]
            v[i] += scale * rhs[i]
    if secondorder == 2:
        ions.second_order_correction(mech[7], mech[6], rhs)
        ions.second_order_correction(mech[9], mech[8], rhs)
    if ext[0].size > 0:
        extracellular.update(ext[1], ext[0], v, ext[5])
    data[0] = data[0] + 0.5 * dt
    advance_states(data[0], v, dt, mech)


def run_steps(data, v, rhs, d, a, b, parent, cm, area, dt, secondorder, mech,
              tstop, nstep_group, max_steps, rec_offsets, rec_buf,
              thr_offsets, thr_values, thr_flags, crossed, next_event, ctl):
    """Step until done or until Python must act; the reason is left in ctl[STATUS]."""
    steps = 0
    capacity = rec_buf.shape[1]
    nrec = rec_offsets.size
    while True:
        if ctl[GROUP_LEFT] == 0:
            if steps >= max_steps or not (data[0] < tstop - dt / 2.0):
                ctl[STATUS] = DONE
                ctl[STEPS] = steps
                return
            ctl[GROUP_LEFT] = nstep_group
        if ctl[PHASE] == NEED_THRESHOLDS:
            ncross = 0
            for s in range(thr_offsets.size):
                if data[thr_offsets[s]] - thr_values[s] > 0.0:
                    if thr_flags[s] == 0:
                        thr_flags[s] = 1
                        crossed[ncross] = s
                        ncross += 1
                else:
                    thr_flags[s] = 0
            ctl[PHASE] = NEED_EVENTS
            if ncross > 0:
                ctl[N_CROSSED] = ncross
                ctl[STATUS] = CROSSED
                ctl[STEPS] = steps
                return
        if ctl[PHASE] == NEED_EVENTS:
            if next_event <= data[0] + 0.5 * dt:
                ctl[STATUS] = EVENT_DUE
                ctl[STEPS] = steps
                return
            ctl[PHASE] = READY
        if ctl[REC_POS] >= capacity and nrec > 0:
            ctl[STATUS] = BUFFER_FULL
            ctl[STEPS] = steps
            return
        fadvance(data, v, rhs, d, a, b, parent, cm, area, dt, secondorder, mech)
        pos = ctl[REC_POS]
        for k in range(nrec):
            rec_buf[k, pos] = data[rec_offsets[k]]
        ctl[REC_POS] = pos + 1
        ctl[GROUP_LEFT] -= 1
        ctl[PHASE] = NEED_THRESHOLDS
        steps += 1


def finitialize_currents(data, v, rhs, d, a, b, parent, cm, area, dt, secondorder, mech):
    """Step 9 of finitialize: assigned variables consistent with v at t=0."""
    cj = 1.0 / dt if secondorder == 0 else 2.0 / dt
    if mech[EXT][0].size == 0:
        setup_tree_matrix(data[0], v, rhs, d, a, b, parent, cm, area, 0.001 * cj, mech)
    else:
        setup_ext_matrix(data[0], v, rhs, d, a, b, parent, cm, area, 0.001 * cj,
                         mech)


def samples_ok(buf, nrows, count, vrows, v, limit):
    """True when the chunk's samples are finite, recorded voltages (rows ``vrows``)
    and node voltages within +-limit: instability.py's test, in one compiled pass."""
    for k in range(nrows):
        for i in range(count):
            x = buf[k, i]
            if not x - x == 0.0:        # NaN or +-inf
                return False
    for r in range(vrows.size):
        k = vrows[r]
        for i in range(count):
            if not abs(buf[k, i]) <= limit:
                return False
    for i in range(v.size):
        if not abs(v[i]) <= limit:
            return False
    return True


_compiled = {}
# A process's first run of a small model is interpreted: loading the JIT and its
# cache costs ~0.8 s, while ~20k node-steps in Python take ~0.1 s.  Later runs,
# and any larger one, use compiled code.
INTERPRET_LIMIT = 20000


def choose(name, work):
    """The function to use now: interpreted for a small first piece of work, else compiled."""
    if _compiled or work > INTERPRET_LIMIT or _state["used"]:
        return get(name)
    return globals()[name]


def first_run_done():
    """From now on use compiled code (interactive use, warm-up, or after a first run)."""
    _state["used"] = True


_state = {"used": False}


def compiled(name):
    """The compiled kernel function when the JIT is already running, else None."""
    return _compiled.get(name) if _compiled and jit.is_compiled() else None


def get(name):
    """The compiled (or, without numba, plain) version of a kernel function."""
    fn = _compiled.get(name)
    if fn is None:
        njit = jit.activate()
        for key in ("hines_solve", "mechanism_currents", "setup_tree_matrix",
                    "setup_ext_matrix", "advance_states", "initialize_states", "fadvance",
                    "run_steps", "finitialize_currents", "samples_ok"):
            globals()[key] = njit(globals()[key])
            _compiled[key] = globals()[key]
        fn = _compiled[name]
    return fn
