"""Stopping a run whose voltages went numerically wrong, and explaining why.

NEURON plots whatever comes out: NaN after h.celsius = 1e6, 1e53 mV after a
negative cm.  Here the fixed-step loop (simulation.py) hands every chunk of
recorded samples to :func:`scan` before they reach the Vectors.  The test is
numpy over what the kernel already produced (the chunk's samples and the
node voltages at its end), never a Python loop over steps.

A sample is bad when it is not finite, or when a recorded membrane potential
leaves +-settings.max_abs_v.  The run then stops with a FloatingPointError
that names the time, the segment and the likely causes; the Vectors keep the
samples before the first bad one.  (A NaN reaches every node of a cell in the
step it appears, because the implicit solve couples them all, so any
recorded voltage of the cell dates the failure to the step.)
"""
import math

import numpy as np

from .. import settings
from ..mechanisms.base import ION, POINT
from ..units import ZERO_AREA_SENTINEL
from . import kernel
from .sanity import location

#: Temperatures (degC) outside which hh-type rates are named as a likely cause.
PLAUSIBLE_CELSIUS = (-40.0, 60.0)
#: Reversal potentials (mV) beyond which they are named as a likely cause.
PLAUSIBLE_REVERSAL = 1000.0
#: IClamp amplitudes (nA) beyond which they are named as a likely cause.
PLAUSIBLE_AMP = 1000.0


def voltage_rows(recs):
    """Rows of the recording buffer that hold membrane potentials (range-checked)."""
    return np.asarray([k for k, rec in enumerate(recs)
                       if rec.ref.kind == "node" and rec.ref.var in (None, "v")], dtype=np.int64)


def node_name(compiled, node):
    """``soma(0.5)`` for a global node number."""
    for sec, first, root in compiled.sections:
        if first <= node <= first + sec._nseg:
            return location(sec, node - first if node < first + sec._nseg else sec._nseg)
        if node == root:
            return "%s(0)" % sec.name()
    return "node %d" % node


def _suspicious(samples, vrows, v):
    """Cheap test: could anything be non-finite or out of range?  (False: certainly fine.)"""
    limit = settings.max_abs_v
    with np.errstate(invalid="ignore", over="ignore"):
        if samples.size and not np.isfinite(samples.sum()):
            return True
        if vrows.size and samples.size:
            volts = samples[vrows]
            if not (volts.max() <= limit and volts.min() >= -limit):
                return True
        if v.size and not (v.max() <= limit and v.min() >= -limit):
            return True
    return False


def _bad_columns(samples, vrows):
    bad = ~np.isfinite(samples).all(axis=0)
    if vrows.size:
        with np.errstate(invalid="ignore"):
            bad |= (np.abs(samples[vrows]) > settings.max_abs_v).any(axis=0)
    return bad


def state_bad(v):
    if v.size == 0:
        return False
    with np.errstate(invalid="ignore"):
        return not (np.isfinite(v).all() and np.abs(v).max() <= settings.max_abs_v)


def scan(sim, buffer, count, recs, vrows, t_start, dt, t_row=None):
    """``(row, message)`` for the first bad sample of a chunk, or None when all is well.

    ``buffer[k, :count]`` are the chunk's samples of ``recs[k]``; ``t_row`` the
    sample times when the kernel recorded them, else row i is at t_start + (i+1)*dt.
    """
    check = kernel.compiled("samples_ok")
    if check is not None and check(buffer, len(recs), count, vrows, sim.compiled.v,
                                   float(settings.max_abs_v)):
        return None          # the usual case, decided in one compiled pass
    samples = buffer[:len(recs), :count]
    if check is None and not _suspicious(samples, vrows, sim.compiled.v):
        return None          # (interpreted: numpy over the data)
    bad = _bad_columns(samples, vrows) if count and len(recs) else np.zeros(0, bool)
    bad_state = state_bad(sim.compiled.v)
    if not bad.any() and not bad_state:
        return None
    if bad.any():
        row = int(np.argmax(bad))
        t = float(t_row[row]) if t_row is not None else t_start + (row + 1) * dt
        column = samples[:, row]
        with np.errstate(invalid="ignore"):
            k = int(np.argmax(~np.isfinite(column) | (np.abs(column) > settings.max_abs_v)))
        when = "at t = %g ms" % t
        where = _recorded_name(recs[k])
        value = column[k]
    else:
        row = count
        when = "between t = %g and %g ms" % (t_start, sim.t)
        where, value = _worst_node(sim.compiled)
    return row, explain(sim, when, where, value)


def _recorded_name(rec):
    ref = rec.ref
    owner = ref.owner
    if ref.kind == "node":
        return location(owner, ref.index) + ".v"
    if ref.kind == "time":
        return "t"
    return "%s.%s" % (owner, ref.var)


def _worst_node(compiled):
    v = compiled.v
    nan = np.flatnonzero(~np.isfinite(v))
    if nan.size == v.size:
        return "every node (%d)" % v.size, v[0]
    if nan.size:
        return node_name(compiled, nan[0]), v[nan[0]]
    node = int(np.argmax(np.abs(v)))
    return node_name(compiled, node), v[node]


def explain(sim, when, where, value):
    """The FloatingPointError text: what, when, where, and the likely causes."""
    found = causes(sim)
    step = _dt_cause(sim)
    if found:
        reason = "%s. If these values are intended: %s" % ("; ".join(found), step)
    else:
        reason = step
    if np.isfinite(value) and found:
        reason = "; ".join(found)     # finite: the numbers are what the model asks for
    if np.isfinite(value):
        # finite but absurd: the arithmetic may be right, the model is not physical
        what = ("v left the physical range %s: v = %g mV at %s (beyond +-%g mV, "
                "neuronlite.settings.max_abs_v)" % (when, value, where, settings.max_abs_v))
    else:
        what = ("the simulation became numerically unstable %s: v is %s at %s"
                % (when, value, where))
    return ("%s; the run stopped there and the recorded Vectors keep the samples before it. "
            "Likely cause: %s" % (what, reason))


def _dt_cause(sim):
    if sim.use_cvode:
        return ("the equations themselves diverge (CVode chooses its own steps, so dt is "
                "not the cause): look for negative conductances or weights, or currents "
                "into compartments with nothing to let them out")
    dt = float(sim.dt)
    method = ("Crank-Nicolson (h.secondorder = 2), which oscillates when dt is large"
              if sim.secondorder == 2 else "the fixed step method")
    return ("dt = %g ms may be too large for %s (try h.dt = %g, or CVode: h.cvode_active(1))"
            % (dt, method, dt / 4))


def causes(sim):
    """What in the model makes a run blow up, most specific first."""
    compiled = sim.compiled
    found = []
    membrane = compiled.area != ZERO_AREA_SENTINEL
    zero_cm = np.flatnonzero(membrane & (compiled.cm <= 0))
    if zero_cm.size:
        found.append("cm = %g uF/cm2 at %s (%d segment(s) with cm <= 0: nothing limits how "
                     "fast v changes there)" % (compiled.cm[zero_cm[0]],
                                                node_name(compiled, zero_cm[0]), zero_cm.size))
    celsius = float(sim.celsius)
    if len(compiled.blocks["hh"].sources) and not (
            PLAUSIBLE_CELSIUS[0] <= celsius <= PLAUSIBLE_CELSIUS[1]):
        q10 = _power(3.0, (celsius - 6.3) / 10.0)
        found.append("h.celsius = %g degC, far outside physiological temperatures (hh rates "
                     "are multiplied by 3^((celsius - 6.3)/10) = %g)" % (celsius, q10))
    found += _absurd_values(compiled)
    found += _negative_weights()
    return found


def _negative_weights():
    """NetCons whose negative weight makes a conductance synapse's g negative."""
    from ..model.world import WORLD
    for nc in WORLD.netcons:
        target = nc._target
        weight = nc._weights[0] if len(nc._weights) else 0.0
        spec = getattr(target, "_spec", None)
        # a membrane point process that takes events adds its weight to a conductance
        if spec is not None and weight < 0 and spec.kind == POINT and spec.net_receive_args:
            return ["%s delivers weight %g uS to %s, whose conductance becomes negative "
                    "(for inhibition give the synapse a negative reversal e and a positive "
                    "weight)" % (nc, weight, target)]
    return []


def _power(base, exponent):
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf


def _name(spec, var):
    """The name a student types: g_pas, gnabar_hh, but ena (ions are global names)."""
    return var.name if spec.kind == ION else spec.range_name(var.name)


def _absurd_values(compiled):
    """Reversal potentials beyond +-1 V and current clamps beyond 1 uA."""
    found = []
    for block in compiled.blocks.values():
        for var in block.spec.parameters():
            if var.unit != "mV" or not var.name.startswith("e") or not len(block.sources):
                continue
            values = block.values[block.spec.rows[var.name]]
            bad = np.flatnonzero(np.abs(values) > PLAUSIBLE_REVERSAL)
            if bad.size:
                sec, index = block.sources[bad[0]]
                found.append("%s.%s = %g mV is not a plausible reversal potential"
                             % (location(sec, index), _name(block.spec, var),
                                values[bad[0]]))
    clamps = compiled.point_blocks.get("IClamp")
    if clamps is not None and len(clamps.sources):
        amps = clamps.values[clamps.spec.rows["amp"]]
        bad = np.flatnonzero(np.abs(amps) > PLAUSIBLE_AMP)
        if bad.size:
            found.append("%s.amp = %g nA is an enormous current"
                         % (clamps.sources[bad[0]], amps[bad[0]]))
        found += _clamps_without_leak(compiled, clamps, amps)
    return found


def _clamps_without_leak(compiled, clamps, amps):
    """IClamps into segments with no membrane mechanism: the charge has nowhere to go."""
    leaky = set()
    for block in compiled.blocks.values():
        if block.spec.kind != ION and len(block.sources):
            leaky.update(np.asarray(block.nodes).tolist())
    found = []
    for j, node in enumerate(np.asarray(clamps.nodes).tolist()):
        if amps[j] != 0 and node not in leaky:
            # dv/dt (mV/ms) = 1e5 * i (nA) / (cm (uF/cm2) * area (um2))
            capacitance = compiled.cm[node] * compiled.area[node]
            rate = ("" if compiled.area[node] == ZERO_AREA_SENTINEL or not capacitance > 0
                    else ": v changes by %.3g mV per ms" % (1e5 * abs(amps[j]) / capacitance))
            found.append("%s injects %g nA into %s, which has no membrane mechanism (nothing "
                         "lets the charge out%s)"
                         % (clamps.sources[j], amps[j], node_name(compiled, node), rate))
            break
    return found


def describe(compiled, t, dt, sim=None):
    """Message for a run found unstable only at its end (CVode, single fadvance)."""
    from .simulation import SIM
    sim = sim or SIM
    where, value = _worst_node(compiled)
    return explain(sim, "by t = %g ms" % t, where, value)
