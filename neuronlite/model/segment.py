"""Segment (``soma(0.5)``), mechanism views (``soma(0.5).pas``) and their range variables."""
import math

import numpy as np

from .. import mechanisms
from ..mechanisms.base import ION
from ..units import PER_UM2_TO_PER_CM2
from . import errors, rangevar
from .ref import Ref

_SEGMENT_PUBLIC = ("area", "cm", "diam", "node_index", "point_processes", "ri", "sec", "v",
                   "volume", "x")


def format_x(x):
    """x as NEURON prints it (C's %g)."""
    return "%g" % x


def resolve_node(sec, x):
    """The node a position refers to, as (owning section, local index).

    Local index -1 is a root section's own x=0 node; the attached end of a
    child section is the parent's node it attaches to.
    """
    index = sec._node_index(x)
    while index == -1:
        parent = sec._parent_section()
        if parent is None:
            return sec, -1
        x = sec._parent_x
        sec = parent
        index = sec._node_index(x)
    return sec, index


class Segment:
    """A position x on a section; its range variables are those of the node containing x."""

    __slots__ = ("_sec", "_x")

    def __init__(self, sec, x):
        object.__setattr__(self, "_sec", sec)
        object.__setattr__(self, "_x", x)

    @property
    def sec(self):
        """The section this segment belongs to."""
        return self._sec

    @property
    def x(self):
        """Position along the section (0..1), as given."""
        return self._x

    def _node(self):
        self._sec._check()
        return resolve_node(self._sec, self._x)

    def _segment_node(self):
        """(section, index) of a membrane node, or (section, None) at a zero-area end."""
        sec, index = self._node()
        if index < 0 or index >= sec._nseg:
            return sec, None
        return sec, index

    def node_index(self):
        """Index of this segment's node within its section."""
        sec, index = self._node()
        return index if index >= 0 else 0

    def __str__(self):
        return "%s(%s)" % (self._sec, format_x(self._x))

    __repr__ = __str__

    def __eq__(self, other):
        if not isinstance(other, Segment):
            return NotImplemented
        a, i = self._node()
        b, j = other._node()
        return a is b and i == j

    def __hash__(self):
        sec, index = self._node()
        return hash((sec._id, index))

    def __lt__(self, other):
        return (self._sec._id, self._x) < (other._sec._id, other._x)

    def __reduce__(self):
        raise TypeError("cannot pickle 'nrn.Segment' object")

    def __dir__(self):
        sec, index = self._segment_node()
        mechs = list(sec._mechs) if index is not None else []
        return sorted(set(_SEGMENT_PUBLIC) | set(mechs))

    # -- membrane values --------------------------------------------------------
    @property
    def v(self):
        """Membrane potential (mV)."""
        sec, index = self._node()
        return float(sec._v_root if index == -1 else sec._v[index])

    @v.setter
    def v(self, value):
        from .world import WORLD
        if isinstance(value, str):
            raise ValueError("bad value")
        value = errors.check_number(value, "v")
        sec, index = self._node()
        if index == -1:
            sec.__dict__["_v_root"] = value
        else:
            sec._v[index] = value
        WORLD.value_changed(sec, "v")

    def _nearest_segment(self):
        sec, index = self._node()
        if index == -1:
            return sec, 0
        return sec, min(index, sec._nseg - 1)

    @property
    def diam(self):
        """Diameter (um)."""
        sec, index = self._nearest_segment()
        return float(sec._node_diam()[index])

    @diam.setter
    def diam(self, value):
        from .world import WORLD
        sec, index = self._segment_node()
        if index is None:
            return
        sec._diam[index] = errors.check_number(value, "diam")
        WORLD.value_changed(sec, "diam")

    @property
    def cm(self):
        """Specific membrane capacitance (uF/cm2)."""
        sec, index = self._nearest_segment()
        return float(sec._cm[index])

    @cm.setter
    def cm(self, value):
        from .world import WORLD
        sec, index = self._segment_node()
        if index is None:
            return
        sec._cm[index] = errors.check_number(value, "cm")
        WORLD.value_changed(sec, "cm")

    def area(self):
        """Membrane area of the segment (um2); 0 at the zero-area ends x=0 and x=1."""
        from . import geometry
        sec, index = self._segment_node()
        if index is None:
            return 0.0
        return float(geometry.node_areas(sec)[index])

    def ri(self):
        """Axial resistance (MOhm) between this node and its parent node (1e30 at a root's x=0)."""
        from . import geometry
        sec, index = self._node()
        if index == -1:
            return 1e30
        return float(1.0 / geometry.node_rinv(sec)[index])

    def volume(self):
        """Volume of the segment (um3)."""
        sec, index = self._segment_node()
        if index is None:
            return 0.0
        dx = sec.L / sec._nseg
        d = sec._node_diam()[index]
        return float(math.pi * d * d / 4.0 * dx)

    def point_processes(self):
        """Point processes located in this segment."""
        sec, index = self._node()
        out = []
        for pp_ref in sec._point_processes:
            pp = pp_ref()
            if pp is not None and pp._index == index:
                out.append(pp)
        return out

    def __iter__(self):
        sec, index = self._segment_node()
        if index is None:
            return iter([])
        order = [name for name in mechanisms.TYPE_ORDER if name in sec._mechs]
        order += [name for name in sec._mechs if name not in order]
        return iter([MechanismView(self, mechanisms.ALL_SPECS[name]) for name in order[::-1]])

    # -- mechanisms and range variables ---------------------------------------------
    def _block(self, spec, label):
        sec, index = self._segment_node()
        block = sec._mechs.get(spec.name) if index is not None else None
        if block is None:
            raise AttributeError(errors.not_here(label, self))
        return sec, block, index

    def __getattr__(self, name):
        if name.startswith("_ref_"):
            return self._ref(name[5:])
        spec = mechanisms.ALL_SPECS.get(name)
        if spec is not None and spec.kind in (mechanisms.DENSITY, ION):
            if spec.all_nodes:
                self._sec._check()
                if name not in self._sec._mechs:
                    raise AttributeError(errors.not_here(name, self))
            else:
                self._block(spec, name)
            return MechanismView(self, spec)
        found = mechanisms.range_variable(name)
        if found is None:
            if name == "i_cap":
                return 0.0
            raise AttributeError(errors.no_attribute("nrn.Segment", name))
        spec, var = found
        if spec.all_nodes or var.size > 1:
            return rangevar.get(self, spec, var, name)
        sec, block, index = self._block(spec, name)
        return float(block[spec.rows[var.name], index])

    def __setattr__(self, name, value):
        if name in ("v", "diam", "cm"):
            object.__setattr__(self, name, value)
            return
        found = mechanisms.range_variable(name)
        if found is None:
            raise AttributeError(errors.no_attribute("nrn.Segment", name))
        spec, var = found
        self._set(spec, var, value, name)

    def _set(self, spec, var, value, label):
        if spec.all_nodes or var.size > 1:
            rangevar.assign(self, spec, var, value, label)
            return
        self._set_here(spec, var, value, label)

    def _set_here(self, spec, var, value, label):
        from .world import WORLD
        sec, block, index = self._block(spec, label)
        block[spec.rows[var.name], index] = errors.check_number(value, label)
        WORLD.value_changed(sec, label)

    def _ref(self, name):
        sec, index = self._node()
        if name == "v":
            return Ref.node(sec, index)
        if name == "i_cap":
            # the engine records v there and turns it into cm*dv/dt (see simulation)
            ref = Ref.node(sec, index)
            ref.var = "i_cap"
            return ref
        found = mechanisms.range_variable(name)
        if found is not None:
            spec, var = found
            if spec.all_nodes or var.size > 1:
                return rangevar.ref(self, spec, var, name)
            sec2, block, index = self._block(spec, name)
            return Ref.mechanism(sec2, index, spec, var.name)
        raise AttributeError("_ref_%s was not made to point to anything at %s" % (name, self))


class MechanismView:
    """``seg.pas``: a density mechanism (or ion) at one segment."""

    __slots__ = ("_segment", "_spec")

    def __init__(self, segment, spec):
        object.__setattr__(self, "_segment", segment)
        object.__setattr__(self, "_spec", spec)

    def name(self):
        """The mechanism's name (``pas``, ``hh``, ``na_ion``)."""
        return self._spec.name

    def __reduce__(self):
        raise TypeError("cannot pickle 'nrn.Mechanism' object")

    def is_ion(self):
        """True for ion mechanisms (na_ion, k_ion)."""
        return self._spec.kind == ION

    def segment(self):
        """The segment this view belongs to."""
        return self._segment

    def __str__(self):
        return self._spec.name

    __repr__ = __str__

    def __dir__(self):
        names = [v.name for v in self._spec.public_variables()]
        module = mechanisms.MODULES.get(self._spec.name)
        extras = [f for f in ("rates", "vtrap") if module is not None and hasattr(module, f)]
        return sorted(names + extras + ["is_ion", "name", "segment"])

    def _range_name(self, var):
        if self._spec.kind == ION:
            return var
        return self._spec.range_name(var)

    def __getattr__(self, name):
        if name.startswith("_ref_"):
            var = self._spec.variable(name[5:])
            if var is None:
                raise AttributeError("_ref_%s was not made to point to anything at %s"
                                     % (name[5:], self._segment))
            if self._spec.all_nodes or var.size > 1:
                return rangevar.ref(self._segment, self._spec, var, self._range_name(var.name))
            sec, block, index = self._segment._block(self._spec, self._spec.name)
            return Ref.mechanism(sec, index, self._spec, var.name)
        var = self._spec.variable(name)
        if var is None:
            module = mechanisms.MODULES.get(self._spec.name)
            if name == "vtrap" and module is not None and hasattr(module, "vtrap"):
                return module.vtrap
            raise AttributeError(errors.no_attribute("nrn.Mechanism", name))
        if self._spec.all_nodes or var.size > 1:
            return rangevar.get(self._segment, self._spec, var, self._range_name(var.name))
        sec, block, index = self._segment._block(self._spec, self._spec.name)
        return float(block[self._spec.rows[var.name], index])

    def __setattr__(self, name, value):
        var = self._spec.variable(name)
        if var is None:
            raise AttributeError(errors.no_attribute("nrn.Mechanism", name))
        self._segment._set(self._spec, var, value, self._range_name(var.name))

    def __iter__(self):
        """Yields the mechanism's variables as NEURON's MechVar-like (name, value) pairs."""
        return iter([(v.name, self.__getattr__(v.name)) for v in self._spec.public_variables()])


Segment.__module__ = "nrn"
MechanismView.__module__ = "nrn"
MechanismView.__name__ = MechanismView.__qualname__ = "Mechanism"


def area_factor(area):
    """nA -> mA/cm2 factor of a point process on a node of this area (um2)."""
    return PER_UM2_TO_PER_CM2 / area


__all__ = ["Segment", "MechanismView", "format_x", "resolve_node", "np"]
