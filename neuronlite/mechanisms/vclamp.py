"""VClamp: two-electrode voltage clamp with a finite-gain amplifier (vclmp.mod; §4.11).

Three command levels amp[0..2] for dur[0..2] ms, then off.  The amplifier has
three states (error voltage e, output vo, measured input vi) obtained from a
small linear system each time the current is evaluated; the current
``i = (vo - v)/rstim`` depolarises when positive (ELECTRODE_CURRENT).  As in
NEURON, the recorded i is recomputed after the voltage update, and the model
is meant for fixed steps with secondorder = 0.
"""
from .base import POINT, MechanismSpec, Variable, assigned, kernel_function, parameter, state

SPEC = MechanismSpec(
    "VClamp", POINT,
    [Variable("dur", "parameter", 0.0, "ms", 0.0, 100.0, "duration of each level", size=3),
     Variable("amp", "parameter", 0.0, "mV", -120.0, 60.0, "command voltage of each level",
              size=3),
     parameter("gain", 1e5, "1", 0.0, 1e6, "amplifier gain"),
     parameter("rstim", 1.0, "MOhm", 1e-3, 100.0, "resistance between amplifier and cell"),
     parameter("tau1", 0.001, "ms", 0.0, 1.0, "measuring amplifier time constant"),
     parameter("tau2", 0.0, "ms", 0.0, 1.0, "control amplifier time constant"),
     parameter("e0", 0.0, "mV", doc="error voltage at the previous step"),
     parameter("vo0", 0.0, "mV", doc="amplifier output at the previous step"),
     parameter("vi0", 0.0, "mV", doc="measured voltage at the previous step"),
     parameter("fac", 0.0, "1", 0.0, 10.0, "feedback factor"),
     assigned("i", "nA", "clamp current (positive depolarises)"),
     assigned("stim", "mV", "present command voltage"),
     assigned("tc", "ms", "end of the present level (+100 while on)"),
     state("e", "mV", "error voltage"),
     state("vo", "mV", "amplifier output"),
     state("vi", "mV", "measured voltage")],
    doc="Voltage clamp amplifier (gain, rstim, tau1, tau2) with three levels dur[i], amp[i].",
    hidden=("stim", "tc"), electrode=True)

DUR, AMP = 0, 3
GAIN, RSTIM, TAU1, TAU2, E0, VO0, VI0, FAC, I, STIM, TC, E, VO, VI = range(6, 20)


@kernel_function
def initialize(blk, nodes, v):
    for j in range(nodes.size):
        vj = v[nodes[j]]
        blk[E0, j] = 0.0
        blk[VO, j] = vj
        blk[VO0, j] = vj
        blk[VI, j] = vj
        blk[VI0, j] = vj
        blk[E, j] = 0.0


@kernel_function
def uses_levels(blk):
    """True when some level is active (NEURON refuses CVode then)."""
    for j in range(blk.shape[1]):
        for k in range(3):
            if blk[DUR + k, j] > 0 and blk[AMP + k, j] != 0:
                return True
    return False


@kernel_function
def _command(blk, j, t):
    """vstim(): the present level and when it ends (+100 ms while the clamp is on)."""
    tc = 0.0
    for k in range(3):
        blk[STIM, j] = blk[AMP + k, j]
        tc = tc + blk[DUR + k, j]
        if t < tc:
            tc = tc + 100.0
            break
    blk[TC, j] = tc


@kernel_function
def _clamp_current(blk, j, t, v, dt):
    """icur(): solve the amplifier's linear equations at v, return the current (nA)."""
    if t > blk[TC, j]:
        blk[E0, j] = 0.0
        blk[VO0, j] = 0.0
        return 0.0
    t1 = blk[TAU1, j] / dt
    t2 = blk[TAU2, j] / dt
    fac = blk[FAC, j]
    gain = blk[GAIN, j]
    # vi = v + fac*(vo - v);  (t2 + 1)*vo = t2*vo0 - gain*e;
    # (1 + t1)*vi - (2 + t1)*e = stim + t1*(vi0 - e0)
    base = v - fac * v + fac * t2 * blk[VO0, j] / (t2 + 1.0)
    slope = fac * gain / (t2 + 1.0)
    rhs = blk[STIM, j] + t1 * (blk[VI0, j] - blk[E0, j])
    e = ((1.0 + t1) * base - rhs) / ((1.0 + t1) * slope + (2.0 + t1))
    vo = (t2 * blk[VO0, j] - gain * e) / (t2 + 1.0)
    blk[E, j] = e
    blk[VO, j] = vo
    blk[VI, j] = v + fac * vo - fac * v
    return (vo - v) / blk[RSTIM, j]


@kernel_function
def current(blk, nodes, area, t, dt, v, rhs, d):
    for j in range(nodes.size):
        node = nodes[j]
        _command(blk, j, t)
        i_plus = _clamp_current(blk, j, t, v[node] + 0.001, dt)
        i_here = _clamp_current(blk, j, t, v[node], dt)
        blk[I, j] = i_here
        fac = 1.e2 / area[node]
        rhs[node] += i_here * fac
        d[node] -= (i_plus - i_here) / 0.001 * fac


@kernel_function
def after_solve(blk, nodes, t, v, dt):
    """update(): current at the new v, then the states become the next step's old ones."""
    for j in range(nodes.size):
        blk[I, j] = _clamp_current(blk, j, t, v[nodes[j]], dt)
        blk[E0, j] = blk[E, j]
        blk[VO0, j] = blk[VO, j]
        blk[VI0, j] = blk[VI, j]
