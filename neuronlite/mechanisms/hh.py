"""hh: Hodgkin-Huxley squid axon channels (hh.mod; NEURON_FACTS §4.3).

The gating rates are looked up in a table of 201 points from -100 to 100 mV
(NEURON's TABLE statement) unless ``h.usetable_hh`` is 0; the table is
rebuilt whenever celsius changes.
"""
import math

import numpy as np

from . import ions, vmath
from .base import DENSITY, MechanismSpec, assigned, kernel_function, parameter, state

SPEC = MechanismSpec(
    "hh", DENSITY,
    [parameter("gnabar", 0.12, "S/cm2", 0.0, 0.5, "maximal sodium conductance density"),
     parameter("gkbar", 0.036, "S/cm2", 0.0, 0.2, "maximal potassium conductance density"),
     parameter("gl", 0.0003, "S/cm2", 0.0, 0.01, "leak conductance density"),
     parameter("el", -54.3, "mV", -100.0, 50.0, "leak reversal potential"),
     assigned("gna", "S/cm2", "sodium conductance density"),
     assigned("gk", "S/cm2", "potassium conductance density"),
     assigned("il", "mA/cm2", "leak current density"),
     assigned("minf", "1", "steady state of m"),
     assigned("hinf", "1", "steady state of h"),
     assigned("ninf", "1", "steady state of n"),
     assigned("mtau", "ms", "time constant of m"),
     assigned("htau", "ms", "time constant of h"),
     assigned("ntau", "ms", "time constant of n"),
     state("m", "1", "sodium activation gate"),
     state("h", "1", "sodium inactivation gate"),
     state("n", "1", "potassium activation gate"),
     assigned("xm", "1", "scratch: -dt/mtau"),
     assigned("xh", "1", "scratch: -dt/htau"),
     assigned("xn", "1", "scratch: -dt/ntau")],
    doc="Hodgkin-Huxley sodium, potassium and leak channels (squid axon, 6.3 degC).",
    ions=("na", "k"), functions=("rates", "vtrap"), hidden=("xm", "xh", "xn"))

(GNABAR, GKBAR, GL, EL, GNA, GK, IL, MINF, HINF, NINF, MTAU, HTAU, NTAU,
 M, H, N, XM, XH, XN) = range(19)

TABLE_MIN = -100.0
TABLE_MAX = 100.0
TABLE_POINTS = 201


@kernel_function
def vtrap(x, y):
    """x/(exp(x/y) - 1), with its limit y*(1 - x/y/2) near x = 0 (mV)."""
    if abs(x / y) < 1e-6:
        return y * (1.0 - x / y / 2.0)
    return x / (math.exp(x / y) - 1.0)


@kernel_function
def rates(v, celsius):
    """Exact rate functions: (minf, mtau, hinf, htau, ninf, ntau) at v (mV)."""
    q10 = 3.0 ** ((celsius - 6.3) / 10.0)
    alpha = 0.1 * vtrap(-(v + 40.0), 10.0)
    beta = 4.0 * math.exp(-(v + 65.0) / 18.0)
    total = alpha + beta
    mtau = 1.0 / (q10 * total)
    minf = alpha / total
    alpha = 0.07 * math.exp(-(v + 65.0) / 20.0)
    beta = 1.0 / (math.exp(-(v + 35.0) / 10.0) + 1.0)
    total = alpha + beta
    htau = 1.0 / (q10 * total)
    hinf = alpha / total
    alpha = 0.01 * vtrap(-(v + 55.0), 10.0)
    beta = 0.125 * math.exp(-(v + 65.0) / 80.0)
    total = alpha + beta
    ntau = 1.0 / (q10 * total)
    ninf = alpha / total
    return minf, mtau, hinf, htau, ninf, ntau


def build_table(celsius):
    """NEURON's TABLE: 201 points at -100, -99, ..., 100 mV (x advanced by += 1.0)."""
    table = np.empty((TABLE_POINTS, 6))
    x = TABLE_MIN
    dx = (TABLE_MAX - TABLE_MIN) / (TABLE_POINTS - 1)
    for i in range(TABLE_POINTS):
        table[i, :] = rates(x, celsius)
        x += dx
    return table


@kernel_function
def _interpolate(table, i, theta, c):
    return table[i, c] + theta * (table[i + 1, c] - table[i, c])


@kernel_function
def rates_at(v, table, use_table, celsius):
    """Rates as NEURON's TABLE lookup gives them (linear interpolation, clamped ends)."""
    if use_table == 0:
        return rates(v, celsius)
    xi = 1.0 * (v - TABLE_MIN)
    if xi <= 0.0:
        i = 0
    elif xi >= TABLE_POINTS - 1:
        i = TABLE_POINTS - 1
    elif xi != xi:  # NaN voltage: NEURON propagates NaN into every tabulated value
        return xi, xi, xi, xi, xi, xi
    else:
        i = int(xi)
        theta = xi - i
        return (_interpolate(table, i, theta, 0), _interpolate(table, i, theta, 1),
                _interpolate(table, i, theta, 2), _interpolate(table, i, theta, 3),
                _interpolate(table, i, theta, 4), _interpolate(table, i, theta, 5))
    return table[i, 0], table[i, 1], table[i, 2], table[i, 3], table[i, 4], table[i, 5]


@kernel_function
def _store_rates(blk, j, r):
    blk[MINF, j] = r[0]
    blk[MTAU, j] = r[1]
    blk[HINF, j] = r[2]
    blk[HTAU, j] = r[3]
    blk[NINF, j] = r[4]
    blk[NTAU, j] = r[5]


@kernel_function
def initialize(blk, nodes, v, table, use_table, celsius):
    for j in range(nodes.size):
        r = rates_at(v[nodes[j]], table, use_table, celsius)
        _store_rates(blk, j, r)
        blk[M, j] = r[0]
        blk[H, j] = r[2]
        blk[N, j] = r[4]


@kernel_function
def current(blk, nodes, v, rhs, d, na, na_index, k, k_index):
    for j in range(nodes.size):
        node = nodes[j]
        a = na_index[j]
        b = k_index[j]
        ena = na[ions.E, a]
        ek = k[ions.E, b]
        m = blk[M, j]
        gna = blk[GNABAR, j] * m * m * m * blk[H, j]
        n = blk[N, j]
        gk = blk[GKBAR, j] * n * n * n * n
        # NEURON calls the current function at v+0.001, then at v (di/dv by difference)
        vp = v[node] + 0.001
        ina_p = gna * (vp - ena)
        ik_p = gk * (vp - ek)
        total_p = 0.0 + ina_p + ik_p + blk[GL, j] * (vp - blk[EL, j])
        vh = v[node]
        ina = gna * (vh - ena)
        ik = gk * (vh - ek)
        il = blk[GL, j] * (vh - blk[EL, j])
        total = 0.0 + ina + ik + il
        blk[GNA, j] = gna
        blk[GK, j] = gk
        blk[IL, j] = il
        na[ions.DIDV, a] += (ina_p - ina) / 0.001
        k[ions.DIDV, b] += (ik_p - ik) / 0.001
        na[ions.I, a] += ina
        k[ions.I, b] += ik
        rhs[node] -= total
        d[node] += (total_p - total) / 0.001


@kernel_function
def _cnexp(s, sinf, tau, decay):
    """nocmodl's cnexp update, decay = exp(dt*(-1/tau)) (NEURON_FACTS §3.4)."""
    return s + (1.0 - decay) * (-(sinf / tau) / (-1.0 / tau) - s)


#: Below this many instances the step is bound by latency, not throughput: one
#: pass with the C library's exp (3x shorter dependency chain than vexp's
#: polynomial, and NEURON's exact rounding) beats the vectorised two passes.
FEW = 8


@kernel_function
def advance(blk, nodes, v, dt, table, use_table, celsius):
    """cnexp with the new v (NEURON_FACTS §3.4).

    Many instances: two passes, rate lookups (which gather by node) first,
    then the gate updates, a plain loop over contiguous rows that the compiler
    vectorises.  A few: one pass, see FEW.
    """
    if nodes.size < FEW:
        for j in range(nodes.size):
            r = rates_at(v[nodes[j]], table, use_table, celsius)
            _store_rates(blk, j, r)
            blk[M, j] = _cnexp(blk[M, j], r[0], r[1], math.exp(dt * (-1.0 / r[1])))
            blk[H, j] = _cnexp(blk[H, j], r[2], r[3], math.exp(dt * (-1.0 / r[3])))
            blk[N, j] = _cnexp(blk[N, j], r[4], r[5], math.exp(dt * (-1.0 / r[5])))
        return
    for j in range(nodes.size):
        r = rates_at(v[nodes[j]], table, use_table, celsius)
        _store_rates(blk, j, r)
        blk[XM, j] = dt * (-1.0 / r[1])
        blk[XH, j] = dt * (-1.0 / r[3])
        blk[XN, j] = dt * (-1.0 / r[5])
    for j in range(nodes.size):
        blk[M, j] = _cnexp(blk[M, j], blk[MINF, j], blk[MTAU, j], vmath.vexp(blk[XM, j]))
        blk[H, j] = _cnexp(blk[H, j], blk[HINF, j], blk[HTAU, j], vmath.vexp(blk[XH, j]))
        blk[N, j] = _cnexp(blk[N, j], blk[NINF, j], blk[NTAU, j], vmath.vexp(blk[XN, j]))
