"""Declarations every mechanism file uses: variables with units, defaults and ranges.

A mechanism is one small module that builds a :class:`MechanismSpec` named
``SPEC`` and defines its math as plain functions over a *block*: a 2-D float
array ``blk[variable, instance]`` whose rows follow the declaration order.
The functions are written in the subset of Python that numba compiles, so the
same source runs interpreted (slow, correct) when no JIT is available.
"""

import sys

PARAMETER = "parameter"
STATE = "state"
ASSIGNED = "assigned"

DENSITY = "density"
POINT = "point"
ARTIFICIAL = "artificial"
ION = "ion"


class Variable:
    """One NMODL-style variable of a mechanism.

    Parameters
    ----------
    name : str
        NEURON's name, without suffix (``g``, ``gnabar``, ``onset``).
    kind : str
        ``"parameter"``, ``"state"`` or ``"assigned"``.
    default : float
        Value a new instance starts with (NEURON's default).
    unit : str
        NEURON unit, as shown on labels (``S/cm2``, ``ms``, ``nA``).
    low, high : float or None
        Sensible range for sliders (not enforced: NEURON accepts anything).
    doc : str
        One-line description for help() and widget tooltips.
    size : int
        Array length for array variables (``xraxial[2]``); 1 for scalars.
    """

    __slots__ = ("name", "kind", "default", "unit", "low", "high", "doc", "size")

    def __init__(self, name, kind, default=0.0, unit="1", low=None, high=None, doc="", size=1):
        self.name = name
        self.kind = kind
        self.default = float(default)
        self.unit = unit
        self.low = low
        self.high = high
        self.doc = doc
        self.size = size

    def __repr__(self):
        return "Variable(%r, %s, default=%g, unit=%r)" % (self.name, self.kind, self.default,
                                                         self.unit)


def parameter(name, default, unit, low=None, high=None, doc=""):
    return Variable(name, PARAMETER, default, unit, low, high, doc)


def state(name, unit="1", doc=""):
    return Variable(name, STATE, 0.0, unit, doc=doc)


def assigned(name, unit, doc="", default=0.0):
    return Variable(name, ASSIGNED, default, unit, doc=doc)


class MechanismSpec:
    """What the rest of neuronlite knows about a mechanism.

    Only declarations live here; the math stays in the mechanism's module.
    ``rows`` maps each variable name to its row in the block (array variables
    take ``size`` consecutive rows).
    """

    def __init__(self, name, kind, variables, doc="", ions=(), aliases=None, hidden=(),
                 electrode=False, net_receive_args=0, functions=(), range_names=None,
                 all_nodes=False, node_exact=()):
        self.name = name
        self.kind = kind
        self.variables = list(variables)
        self.doc = doc
        self.ions = tuple(ions)            # ion mechanism names this one needs
        self.aliases = dict(aliases or {})  # Python-side alias -> variable (IClamp delay -> del)
        self.hidden = frozenset(hidden)    # variables not reachable from Python (AlphaSynapse g)
        self.electrode = electrode
        self.net_receive_args = net_receive_args
        self.functions = tuple(functions)  # NMODL FUNCTIONs callable from Python (alpha)
        # hoc names that are not VAR_SUFFIX (extracellular: xg, vext, e_extracellular)
        self.range_names = dict(range_names or {})
        # present on the zero-area nodes too (extracellular); its variables then
        # read the nearest segment at x=0/1, except node_exact ones (vext) which,
        # like v, belong to the very node
        self.all_nodes = all_nodes
        self.node_exact = frozenset(node_exact)
        self.rows = {}
        row = 0
        for var in self.variables:
            self.rows[var.name] = row
            row += var.size
        self.nrows = row

    @property
    def suffix(self):
        return self.name

    def range_name(self, var_name):
        """The hoc/Python range name of a variable (``g_pas``, ``xg``, ``e_extracellular``)."""
        name = self.range_names.get(var_name)
        return name if name is not None else "%s_%s" % (var_name, self.suffix)

    def variable(self, name):
        name = self.aliases.get(name, name)
        for var in self.variables:
            if var.name == name and name not in self.hidden:
                return var
        return None

    def public_variables(self):
        return [v for v in self.variables if v.name not in self.hidden]

    def parameters(self):
        return [v for v in self.variables if v.kind == PARAMETER and v.name not in self.hidden]

    def defaults(self):
        """A fresh column of default values (list of length ``nrows``)."""
        column = []
        for var in self.variables:
            column.extend([var.default] * var.size)
        return column

    def __repr__(self):
        return "<mechanism %s (%s)>" % (self.name, self.kind)


KERNEL_FUNCTIONS = []


def kernel_function(fn):
    """Mark a function as compiled by the JIT when the engine starts.

    The function stays plain Python at import (importing numba is slow);
    :func:`neuronlite.engine.jit.activate` later replaces the module global
    with a compiled version so compiled callers can call it.
    """
    KERNEL_FUNCTIONS.append((sys.modules[fn.__module__], fn.__name__))
    return fn
