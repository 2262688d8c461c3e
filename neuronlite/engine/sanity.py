"""Values no membrane can have, refused before a run instead of simulated.

NEURON integrates a negative capacitance, conductance or time constant
without a word and returns finite numbers that mean nothing (cm = -1 on an hh
soma: a "spike" to -33 mV; ExpSyn tau = -1: a synaptic current that grows
for ever).  These checks read the compiled arrays (numpy over a few rows, run
only when a value changed since the last check) and raise ValueError naming
the object, the value and its unit.

Zero stays allowed (cm = 0 and g = 0 are legal limits NEURON uses);
instability.py explains the runs where zero leads to NaN.
"""
import numpy as np

from ..mechanisms.base import PARAMETER
from ..units import ZERO_AREA_SENTINEL

#: Units of quantities that cannot be negative: conductances and capacitances.
NON_NEGATIVE_UNITS = {"S/cm2": "conductance", "uS": "conductance",
                      "uF/cm2": "capacitance"}


def _rule(var):
    """'conductance'/'capacitance'/'time constant' for a variable that must be >= 0, else None."""
    if var.kind != PARAMETER:
        return None
    if var.unit in NON_NEGATIVE_UNITS:
        return NON_NEGATIVE_UNITS[var.unit]
    if var.name.startswith("tau") and var.unit == "ms":
        return "time constant"
    return None


def location(sec, index):
    """``dend(0.5)`` for a section's local node (index -1/nseg: the ends)."""
    nseg = sec._nseg
    x = 0.0 if index < 0 else 1.0 if index >= nseg else (index + 0.5) / nseg
    return "%s(%g)" % (sec.name(), x)


def _refuse(where, name, value, unit, what):
    raise ValueError("%s.%s = %g %s is negative: a %s must be >= 0 (NEURON would run this "
                     "and compute meaningless voltages)" % (where, name, value, unit, what))


def _check_geometry(compiled):
    """Sizes so large (or small) that areas or axial resistances overflow: refused."""
    finite = np.isfinite(compiled.area) & np.isfinite(compiled.a) & np.isfinite(compiled.b)
    if finite.all():
        return
    node = int(np.flatnonzero(~finite)[0])
    for sec, first, root in compiled.sections:
        if first <= node <= first + sec._nseg or node == root:
            raise ValueError(
                "%s: L = %g um, diam = %g um and Ra = %g ohm cm give a membrane area or "
                "axial resistance that is not a finite number; give sizes in um that a "
                "neuron can have" % (sec.name(), sec.L, sec(0.5).diam, sec.Ra))
    raise ValueError("the model's geometry gives a non-finite membrane area or axial "
                     "resistance at node %d" % node)


def check(compiled):
    """Raise ValueError for the first negative capacitance, conductance or time constant,
    or a section with a single 3-D point (NEURON makes it 1e-9 um long and computes NaN
    or nonsense; neuronlite would keep L: neither means anything)."""
    for sec, _first, _root in compiled.sections:
        if len(sec._pt3d) == 1:
            raise ValueError("%s has a single 3-D point: a shape needs two or more "
                             "(sec.pt3dadd), or none (sec.pt3dclear())" % sec.name())
    _check_geometry(compiled)
    membrane = compiled.area != ZERO_AREA_SENTINEL
    negative = np.flatnonzero(membrane & (compiled.cm < 0))
    if negative.size:
        node = negative[0]
        for sec, first, _root in compiled.sections:
            if first <= node < first + sec._nseg:
                _refuse(location(sec, node - first), "cm", compiled.cm[node], "uF/cm2",
                        "membrane capacitance")
    for blocks, is_point in ((compiled.blocks, False), (compiled.point_blocks, True)):
        for block in blocks.values():
            if not len(block.sources):
                continue
            for var in block.spec.variables:
                what = _rule(var)
                if what is None:
                    continue
                row = block.spec.rows[var.name]
                values = block.values[row:row + var.size]
                bad = np.argwhere(values < 0)
                if not bad.size:
                    continue
                element, j = bad[0]
                source = block.sources[j]
                if is_point:
                    where, name = str(source), var.name
                else:
                    where = location(*source)
                    name = block.spec.range_name(var.name)
                if var.size > 1:
                    name += "[%d]" % element
                _refuse(where, name, values[element, j], var.unit, what)
