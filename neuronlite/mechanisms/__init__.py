"""Registry of built-in mechanisms: the only place that knows NEURON's name mangling.

``g_pas`` <-> (pas, g); ``ena`` <-> (na_ion, ena).  Type order (NEURON_FACTS
§4.12) is the order of :data:`DENSITY_ORDER` and :data:`POINT_ORDER`.
"""
from . import (alphasynapse, exp2syn, expsyn, extracellular, hh, iclamp, ions, netstim, pas,
               seclamp, vclamp)
from .base import ARTIFICIAL, DENSITY, ION, POINT, MechanismSpec, Variable  # noqa: F401

DENSITY_ORDER = ("pas", "extracellular", "hh")
POINT_ORDER = ("IClamp", "AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp", "VClamp")
ARTIFICIAL_ORDER = ("NetStim",)

MODULES = {
    "pas": pas, "extracellular": extracellular, "hh": hh,
    "IClamp": iclamp, "AlphaSynapse": alphasynapse, "ExpSyn": expsyn, "Exp2Syn": exp2syn,
    "SEClamp": seclamp, "VClamp": vclamp, "NetStim": netstim,
}
SPECS = {name: module.SPEC for name, module in MODULES.items()}
ION_SPECS = {spec.name: spec for spec in ions.SPECS.values()}
ALL_SPECS = dict(SPECS, **ION_SPECS)

# mechanism type order used for psection ordering and summation order
TYPE_ORDER = ("pas", "extracellular", "na_ion", "k_ion", "hh")


def _build_range_names():
    names = {}
    for spec in list(SPECS.values()) + list(ION_SPECS.values()):
        if spec.kind == DENSITY:
            for var in spec.public_variables():
                names[spec.range_name(var.name)] = (spec, var)
        elif spec.kind == ION:
            for var in spec.public_variables():
                names[var.name] = (spec, var)
    return names


RANGE_NAMES = _build_range_names()


def density_spec(name):
    """The spec of a density mechanism called ``name``, or None."""
    spec = SPECS.get(name)
    if spec is not None and spec.kind == DENSITY:
        return spec
    return None


def point_spec(name):
    spec = SPECS.get(name)
    if spec is not None and spec.kind in (POINT, ARTIFICIAL):
        return spec
    return None


def range_variable(name):
    """(spec, variable) for a suffixed range name such as ``g_pas`` or ``ena``, else None."""
    return RANGE_NAMES.get(name)


def parameters_of(what):
    """Declared parameters (name, unit, default, low, high, doc) of a mechanism.

    ``what`` is a mechanism name (``"AlphaSynapse"``), a point process or a
    density mechanism view (``seg.pas``).
    """
    if isinstance(what, str):
        spec = ALL_SPECS.get(what)
    else:
        spec = getattr(what, "_spec", None)
    if spec is None:
        raise ValueError("no mechanism named %r" % (what,))
    return spec.parameters()
