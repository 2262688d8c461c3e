"""Unit multipliers, as ``neuron.units`` defines them.

NEURON's working units are ms, mV, um, mM, nA, uS, S/cm2, mA/cm2, uF/cm2 and
ohm*cm; multiplying a quantity by one of these names converts it into the
working unit (``h.tstop = 2 * s`` sets 2000 ms).
"""

# time (working unit: ms)
ms = 1
s = sec = 1000.0
us = µs = μs = 1e-3
minute = 60.0 * s
hour = 60.0 * minute
day = 24.0 * hour
# voltage (working unit: mV)
mV = 1
uV = 1e-3
V = 1000.0
# length (working unit: um); note that cm is a length here
um = µm = μm = 1
nm = 1e-3
mm = 1000
cm = 10000
m = 1000000
# concentration (working unit: mM)
mM = 1
uM = µM = μM = 1e-3
nM = 1e-6
M = 1000.0

# Conversion factors used by the simulator itself (NEURON_FACTS §2.3, §3.2).
# uS*mV/um2 -> mA/cm2, and nA/um2 -> mA/cm2
PER_UM2_TO_PER_CM2 = 1e2
# ohm*cm * um / um2 -> MOhm
OHM_CM_UM_TO_MOHM = 1e-2
# uF/cm2 * mV/ms -> mA/cm2
CAPACITIVE_FACTOR = 1e-3
# MOhm/cm * um -> MOhm (xraxial)
XRAXIAL_TO_MOHM = 1e-4
# the finite-difference step NEURON uses for di/dv (mV)
DV_PERTURBATION = 0.001
# "area" that NEURON gives zero-area nodes so their rows are in nA
ZERO_AREA_SENTINEL = 100.0
