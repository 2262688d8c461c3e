"""The panels' only door into the simulator: public API, hooks, declarations.

Everything here goes through neuronlite's NEURON-compatible surface (``h``,
sections, segments, point processes) and its observer hooks.  Where an
optional piece of that surface may be absent (3-D points, parameter
declarations), the fallback is written here once, not in every panel.
"""

import math
import weakref
from dataclasses import dataclass

from neuronlite import hooks


def get_h():
    """The simulator's ``h`` (imported on first use so this module imports cheaply)."""
    from neuronlite import h
    return h


# --------------------------------------------------------------------------- hooks

def listen(owner, event, method_name):
    """Subscribe ``owner.<method_name>(**info)`` to a hook event without keeping owner alive.

    Returns the unsubscribe function.  A callback whose owner was garbage
    collected removes itself the next time the event fires.
    """
    owner_ref = weakref.ref(owner)
    unsubscribe = None

    def callback(**info):
        obj = owner_ref()
        if obj is None:
            unsubscribe()
            return
        getattr(obj, method_name)(**info)

    unsubscribe = hooks.subscribe(event, callback)
    return unsubscribe


class Subscriptions:
    """A panel's hook subscriptions, dropped together when the panel closes."""

    def __init__(self, owner, **event_to_method):
        self._unsubscribers = [listen(owner, event, method)
                               for event, method in event_to_method.items()]

    def close(self):
        for unsubscribe in self._unsubscribers:
            unsubscribe()
        self._unsubscribers = []


# --------------------------------------------------------------- parameter declarations

@dataclass(frozen=True)
class Parameter:
    """A user-settable parameter: what a slider needs to know."""

    name: str
    unit: str = ""
    default: float = 0.0
    low: float = None
    high: float = None
    doc: str = ""


# Used only while the core does not expose declarations (neuronlite.mechanisms.parameters_of).
_FALLBACK_UNITS = {
    "onset": "ms", "tau": "ms", "tau1": "ms", "tau2": "ms", "delay": "ms", "del": "ms",
    "dur": "ms", "gmax": "uS", "e": "mV", "amp": "nA", "interval": "ms", "start": "ms",
    "number": "", "noise": "", "g": "S/cm2", "gnabar": "S/cm2", "gkbar": "S/cm2",
    "gl": "S/cm2", "el": "mV",
}
_FALLBACK_NOT_PARAMETERS = {"i", "alpha", "loc", "get_loc", "has_loc", "hname", "same",
                            "baseattr", "hocobjptr", "get_segment", "A", "B"}


def _fallback_range(unit, value):
    if unit == "mV":
        return -100.0, 100.0
    span = max(2.0 * abs(value), 1.0)
    return (0.0, span) if value >= 0 else (-span, span)


def _fallback_parameters(obj):
    params = []
    for name in dir(obj):
        if name.startswith("_") or name in _FALLBACK_NOT_PARAMETERS:
            continue
        try:
            value = getattr(obj, name)
        except (AttributeError, TypeError, ValueError, RuntimeError):
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        unit = _FALLBACK_UNITS.get(name, "")
        low, high = _fallback_range(unit, float(value))
        params.append(Parameter(name, unit, float(value), low, high))
    return params


def _as_parameter(declared):
    def field(name, default):
        value = getattr(declared, name, default)
        return default if value is None and default is not None else value
    low, high = field("low", None), field("high", None)
    unit = str(field("unit", "") or "")
    return Parameter(name=str(declared.name), unit="" if unit == "1" else unit,
                     default=field("default", 0.0),
                     low=None if low is None else float(low),
                     high=None if high is None else float(high),
                     doc=str(field("doc", "") or ""))


def parameters_of(obj_or_name):
    """Declared parameters of a point process or mechanism (instance or NEURON name).

    Uses ``neuronlite.mechanisms.parameters_of`` when the core provides it;
    otherwise the numeric public attributes of an instance, with guessed units.
    """
    try:
        from neuronlite.mechanisms import parameters_of as declared_parameters
    except ImportError:
        declared_parameters = None
    if declared_parameters is not None:
        try:
            return [_as_parameter(p) for p in declared_parameters(obj_or_name)]
        except (KeyError, LookupError, TypeError, ValueError):
            if isinstance(obj_or_name, str):
                return []
    if isinstance(obj_or_name, str):
        return []
    return _fallback_parameters(obj_or_name)


# ------------------------------------------------------------------------ sections

def all_sections():
    return list(get_h().allsec())


def section_name(sec):
    try:
        return sec.name()
    except ReferenceError:
        return "<deleted section>"
    except (AttributeError, TypeError):  # a section still being constructed
        return "<new section>"


def is_alive(sec):
    """False for a deleted section (NEURON raises ReferenceError on any access)."""
    try:
        sec.nseg  # noqa: B018  (the access is the test)
    except ReferenceError:
        return False
    return True


def parent_segment(sec):
    """The segment ``sec`` is attached to, or None for a root."""
    parentseg = getattr(sec, "parentseg", None)
    if parentseg is not None:
        return parentseg()
    for candidate in all_sections():
        if any(child.same(sec) if hasattr(child, "same") else child is sec
               for child in candidate.children()):
            return candidate(1)
    return None


def roots():
    return [sec for sec in all_sections() if parent_segment(sec) is None]


def segments(sec):
    """The nseg segments of ``sec`` (centres, NEURON order)."""
    return list(sec)


def points_3d(sec):
    """[(x, y, z, diam)] of ``sec``'s 3-D points, or [] when it has none (or no 3-D API)."""
    n3d = getattr(sec, "n3d", None)
    if n3d is None:
        return []
    try:
        count = int(n3d())
        return [(sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)) for i in range(count)]
    except (AttributeError, TypeError):
        return []


def walk_tree():
    """(section, depth, parent segment) for every section, roots first, depth-first."""
    order = []
    seen = set()

    def visit(sec, depth, parent):
        key = section_name(sec), id(sec)
        if key in seen:
            return
        seen.add(key)
        order.append((sec, depth, parent))
        for child in reversed(sec.children()):  # NEURON lists newest first
            visit(child, depth + 1, parent_segment(child))

    for root in roots():
        visit(root, 0, None)
    return order


# ------------------------------------------------------------------- formatting

def fmt(value):
    """NEURON's %g, used for every number a panel shows."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return "%g" % value


def parse_number(text):
    """float(text) with a message a student understands; raises ValueError."""
    cleaned = str(text).strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError("%r is not a number" % cleaned) from None
    if not math.isfinite(value):
        raise ValueError("%r is not a finite number" % cleaned)
    return value


def write_text(path, text, directory=None):
    """Write a file without leaving ``directory`` (when given) or half-writing it."""
    try:
        from neuronlite.io import write_text as safe_write
    except ImportError:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    return safe_write(path, text, directory=directory)


def check_run(t_end, continuing=False):
    """Raise now if running to ``t_end`` would exceed a simulator limit (memory, steps).

    A panel that runs in chunks calls it first: each chunk alone is small, and
    the refusal must come before Init clears the Vectors of the last run.
    """
    try:
        from neuronlite.settings import check_run as check
    except ImportError:  # a simulator without limits
        return
    check(t_end, continuing=continuing)


def describe_error(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def vector_values(vec):
    """The samples of a Vector as a float64 numpy array (shared memory where possible)."""
    import numpy as np
    as_numpy = getattr(vec, "as_numpy", None)
    if as_numpy is not None:
        return np.asarray(as_numpy(), dtype=np.float64)
    return np.asarray(vec, dtype=np.float64)


def new_recording(ref):
    """A Vector recording ``ref`` (a ``_ref_`` pointer) from the next run on."""
    vec = get_h().Vector()
    vec.record(ref)
    return vec


def describe_ref(ref):
    """(label, unit, quantity) of a ``_ref_`` pointer, as well as can be told.

    Uses ``ref.label``/``ref.unit`` when the core provides them; otherwise the
    mechanism declaration the pointer refers to (kind, owner, spec, var).
    """
    label, unit = getattr(ref, "label", None), getattr(ref, "unit", None)
    if callable(label):
        label = label()
    if callable(unit):
        unit = unit()
    kind = getattr(ref, "kind", None)
    var = getattr(ref, "var", None)
    quantity = ""
    declared_unit = ""
    spec = getattr(ref, "spec", None)
    if spec is not None and var is not None and hasattr(spec, "variable"):
        declared = spec.variable(var)
        declared_unit = getattr(declared, "unit", "") if declared is not None else ""
    if kind == "time":
        quantity, declared_unit, default_label = "t", "ms", "t"
    elif kind == "node":
        quantity, declared_unit = "v", "mV"
        default_label = "%s.v" % getattr(ref, "owner", "?")
    elif kind == "point":
        quantity = var or ""
        default_label = "%s.%s" % (getattr(ref, "owner", "?"), var)
    elif kind == "mech":
        quantity = "%s_%s" % (var, getattr(spec, "name", "?"))
        default_label = "%s.%s" % (getattr(ref, "owner", "?"), quantity)
    else:
        default_label = str(ref)
    unit = unit if unit is not None else declared_unit
    return (str(label) if label else default_label,
            "" if unit in (None, "1") else str(unit), quantity)


def weak(obj):
    """A weak reference: panels must never keep a section or point process alive
    (in NEURON dropping the last Python reference deletes it, panel or not)."""
    return weakref.ref(obj) if obj is not None else None


def deref(ref, what="section"):
    """The object behind a weak reference; ReferenceError once it is gone."""
    obj = ref() if ref is not None else None
    if obj is None or (what == "section" and not is_alive(obj)):
        raise ReferenceError("can't access a deleted %s" % what)
    return obj
