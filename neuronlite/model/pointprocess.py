"""Point processes (AlphaSynapse, IClamp, ExpSyn, ...) and artificial cells (NetStim).

Their values live in a small per-object array whose rows follow the
mechanism's declaration; the engine gathers them into blocks per type.
"""
import functools
import sys
import weakref

import numpy as np

from .. import mechanisms
from ..mechanisms.base import ARTIFICIAL
from . import errors
from .ref import Ref
from .section import Section, remap_index
from .segment import Segment, resolve_node
from .world import WORLD

_COMMON = ("baseattr", "get_loc", "get_segment", "has_loc", "hname", "hocobjptr", "loc",
           "same")


class PointProcess:
    """A NEURON point process or artificial cell, created as ``h.AlphaSynapse(soma(0.5))``."""

    def __init__(self, spec, *args, sec=None):
        d = self.__dict__
        d["_spec"] = spec
        d["_values"] = np.array(spec.defaults(), dtype=float)
        d["_sec"] = None
        d["_index"] = 0
        d["_hoc_index"] = None
        if spec.kind != ARTIFICIAL:
            if len(args) > 1:
                raise TypeError("%s takes at most one location argument" % spec.name)
            if args and args[0] is None:   # NEURON crashes on this one
                self._refuse_location(None)
            self._place(args[0] if args else None, sec)
        elif args:
            raise TypeError("%s is an artificial cell and takes no location" % spec.name)
        d["_hoc_index"] = WORLD.next_hoc_index(spec.name)
        WORLD.point_processes.add(self)
        # its disappearance (last reference dropped) changes the model too
        weakref.finalize(self, WORLD.structure_changed)
        WORLD.structure_changed()

    # -- location ---------------------------------------------------------------
    def _place(self, where, sec=None):
        if isinstance(where, Segment):
            segment = where
            if not segment.sec._alive:
                raise errors.hoc_error("nrn.Segment associated with deleted internal Section")
        elif where is None or isinstance(where, (int, float, np.integer, np.floating)):
            x = 0.5 if where is None else float(where)
            if sec is None:
                from ..compat import hocstack
                sec = hocstack.current_section()
            if not isinstance(sec, Section):
                raise TypeError("sec must be a Section")
            if not 0.0 <= x <= 1.0:
                raise RuntimeError(errors.HOCOBJ + "Arg out of range in user function")
            segment = sec(x)
        elif isinstance(where, Section):
            raise errors.hoc_error("not a Python nrn.Segment: place %s at a segment, e.g. "
                                   "%s(%s(0.5))" % (self._spec.name, self._spec.name, where))
        else:
            self._refuse_location(where)
        # NEURON keeps the section and x it was placed at; at a section end the node
        # is whichever the tree makes it (the parent's once connected): _relocate
        self.__dict__["_placed"] = (weakref.ref(segment.sec), segment.x)
        self._attach(*resolve_node(segment.sec, segment.x))

    def _attach(self, owner, index):
        old = self._section()
        if old is not None:
            old.__dict__["_point_processes"] = [r for r in old._point_processes
                                                if r() is not self]
        d = self.__dict__
        d["_sec"] = weakref.ref(owner)
        d["_index"] = index
        owner._point_processes.append(weakref.ref(self))
        if 0 <= index < owner._nseg and self._spec.name not in owner._node_props[index]:
            owner._node_props[index].append(self._spec.name)

    def _placed_on(self):
        """(section, x) given when placed, or None (unlocated, or that section is gone)."""
        place = self.__dict__.get("_placed")
        sec = place[0]() if place is not None else None
        return (sec, place[1]) if sec is not None and sec._alive else None

    def _relocate(self):
        """After connect/disconnect/delete: a point process at a section end moves to
        the node that end now is (NEURON: SEClamp(b(0)) then b.connect(a(0.5)) clamps
        a's node)."""
        placed = self._placed_on()
        if placed is None or self.__dict__["_sec"] is None:
            return
        sec, x = placed
        if 0 <= sec._node_index(x) < sec._nseg:
            return      # an interior node belongs to its section whatever the tree
        owner, index = resolve_node(sec, x)
        if owner is not self._section() or index != self._index:
            self._attach(owner, index)

    def _section(self):
        ref = self.__dict__["_sec"]
        sec = ref() if ref is not None else None
        if sec is not None and not sec._alive:
            return None
        return sec

    def _unlocate(self):
        self.__dict__["_sec"] = None

    def _renumber(self, old_nseg, new_nseg):
        if 0 <= self._index < old_nseg:
            self.__dict__["_index"] = remap_index(self._index, old_nseg, new_nseg)
        elif self._index == old_nseg:
            self.__dict__["_index"] = new_nseg

    def _x(self):
        sec = self._section()
        n = sec._nseg
        if self._index == -1:
            x = 0.0
        elif self._index == n:
            x = 1.0
        else:
            x = (self._index + 0.5) / n
        return 1.0 - x if sec._child_end == 1.0 else x

    def _where(self):
        """(section, x) as NEURON reports it, or None when unlocated."""
        sec = self._section()
        if sec is None:
            return None
        placed = self._placed_on()
        if placed is not None and placed[0] is not sec:
            return placed        # a section end, as placed: NEURON says b(0), not a(0.58)
        return sec, self._x()

    def get_segment(self):
        """The segment the point process is in (its node centre), or None when unlocated."""
        where = self._where()
        return None if where is None else where[0](where[1])

    def get_loc(self):
        """Position x of the point process; NEURON also pushes its section (pair with h.pop_section())."""
        where = self._where()
        if where is None:
            return -1.0
        from ..compat import hocstack
        hocstack.push(where[0])
        return where[1]

    def has_loc(self):
        """1.0 if the point process sits in a section, else 0.0."""
        return 1.0 if self._section() is not None else 0.0

    def _refuse_location(self, where):
        raise errors.hoc_error("bad stack access: a point process is placed at a segment, "
                               "e.g. %s(soma(0.5)), not %r" % (self._spec.name, where))

    def loc(self, where, sec=None):
        """Move the point process to a segment (``pp.loc(dend(0.3))``) or x of ``sec``."""
        if where is None:
            self._refuse_location(where)
        self._place(where, sec)
        WORLD.structure_changed()
        return self._x()

    # -- names ---------------------------------------------------------------------
    def hname(self):
        """hoc name, e.g. ``AlphaSynapse[0]``."""
        return "%s[%d]" % (self._spec.name, self._hoc_index)

    def hocobjptr(self):
        """An address-like number identifying this object."""
        return float(id(self))

    def same(self, other):
        """True if other is this very point process."""
        return other is self

    def baseattr(self, name):
        """Read attribute ``name`` (hoc's access to the underlying object)."""
        return getattr(self, name)

    def __str__(self):
        return self.hname()

    __repr__ = __str__

    def __dir__(self):
        names = [v.name for v in self._spec.public_variables() if v.name != "del"]
        names += list(self._spec.aliases) + list(self._spec.functions)
        if self._spec.kind == ARTIFICIAL:
            return sorted(set(names) | {"hname", "hocobjptr", "same", "baseattr"})
        return sorted(set(names) | set(_COMMON))

    def __reduce__(self):
        raise TypeError("HocObject: Only Vector instance can be pickled")

    # -- parameters ------------------------------------------------------------------
    def _variable(self, name):
        var = self._spec.variable(name)
        if var is None:
            raise AttributeError(errors.no_attribute("hoc.HocObject", name))
        return var

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.startswith("_ref_"):
            var = self._variable(name[5:])
            return Ref.point(self, var.name)
        if name in self._spec.functions:
            fn = getattr(mechanisms.MODULES[self._spec.name], name)
            # PROCEDUREs acting on the instance (NetStim.seed) get it as first argument
            return functools.partial(fn, self) if getattr(fn, "per_instance", False) else fn
        var = self._variable(name)
        if self._spec.kind != ARTIFICIAL and self._section() is None:
            sys.stderr.write("NEURON: point process not located in a section\n")
            raise TypeError("No value: %s is not located in a section" % self.hname())
        if var.size > 1:
            return _PointArray(self, var)
        return float(self._values[self._spec.rows[var.name]])

    def __setattr__(self, name, value):
        if self._spec.variable(name) is None:
            raise LookupError("'%s' is not a defined hoc variable name." % name)
        var = self._variable(name)
        if var.size > 1:
            raise TypeError("%s is an array of %d; assign elements, e.g. %s.%s[0] = value"
                            % (name, var.size, self.hname(), name))
        number = errors.attribute_number(value, name)
        if self._spec.kind != ARTIFICIAL and self._section() is None:
            sys.stderr.write("NEURON: point process not located in a section\n")
            raise TypeError("No value: %s is not located in a section" % self.hname())
        self._values[self._spec.rows[var.name]] = number
        WORLD.value_changed(self, var.name)


class _PointArray:
    """``vc.dur[i]``: an array variable of a point process."""

    __slots__ = ("_pp", "_var")

    def __init__(self, pp, var):
        self._pp = pp
        self._var = var

    def __len__(self):
        return self._var.size

    def _row(self, i):
        if not isinstance(i, (int, np.integer)) or not 0 <= i < self._var.size:
            raise IndexError("%s.%s index %r out of range 0..%d"
                             % (self._pp.hname(), self._var.name, i, self._var.size - 1))
        return self._pp._spec.rows[self._var.name] + int(i)

    def __getitem__(self, i):
        return float(self._pp._values[self._row(i)])

    def __setitem__(self, i, value):
        self._pp._values[self._row(i)] = errors.attribute_number(value, self._var.name)
        WORLD.value_changed(self._pp, self._var.name)

    def __iter__(self):
        return iter([self[i] for i in range(len(self))])

    def __repr__(self):
        return repr(list(self))


PointProcess.__module__ = "hoc"
PointProcess.__name__ = PointProcess.__qualname__ = "HocObject"


def make_point_process_class(name):
    """A callable ``h.NAME`` creating point processes of that mechanism."""
    spec = mechanisms.point_spec(name)

    def create(*args, sec=None):
        return PointProcess(spec, *args, sec=sec)
    create.__name__ = name
    create.__qualname__ = name
    lines = ["%s(segment) -> point process" % name, "", spec.doc, "", "Parameters", "----------"]
    for var in spec.public_variables():
        lines.append("%s : float" % var.name)
        lines.append("    %s (%s), default %g." % (var.doc or var.kind, var.unit, var.default))
    create.__doc__ = "\n".join(lines)
    create._spec = spec
    return create
