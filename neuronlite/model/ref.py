"""``_ref_`` handles: where a value lives in the model, resolvable by the engine.

A Ref names a variable symbolically (section + node, or point process + row,
or the time), so it stays valid across recompilations and nseg changes.
"""
import weakref

from . import errors
from .world import WORLD


class _DeletedSection:
    """Stands for the section of a handle whose section no longer exists."""
    _alive = False
    _nseg = 0

    def _check(self):
        raise ReferenceError(errors.DELETED)

    def _section(self):
        return None          # also stands for a point process that was freed

    def hname(self):
        return "<deleted object>"

    def __str__(self):
        return "<deleted section>"


_DELETED = _DeletedSection()


class DeletedHandle(ReferenceError, ValueError):
    """A handle into a deleted section: NEURON's ValueError (Invalid data_handle),
    and a ReferenceError like every other access to a deleted section."""


class Ref:
    """A pointer to one double of the model (NEURON's data handle)."""

    __slots__ = ("kind", "_owner", "index", "spec", "var", "element", "discarded",
                 "__weakref__")

    def __init__(self, kind, owner=None, index=0, spec=None, var=None, element=0):
        self.kind = kind          # "time", "node", "mech", "point"
        self.owner = owner        # Section or point process
        self.index = index        # local node index (-1: root node)
        self.spec = spec
        self.var = var
        self.element = element
        self.discarded = False    # its node was dropped by an nseg change

    # A handle does not keep its section alive (as in NEURON, where dropping the
    # last Python reference deletes the section and its recordings stop).
    @property
    def owner(self):
        owner = self._owner
        if isinstance(owner, weakref.ref):
            owner = owner()
            return _DELETED if owner is None else owner
        return owner

    @owner.setter
    def owner(self, value):
        # point processes too: NEURON frees a synapse whose last reference goes,
        # even while a Vector records its current
        if self.kind in ("node", "mech", "point") and value is not None:
            value = weakref.ref(value)
        self._owner = value

    @classmethod
    def time(cls):
        return cls("time")

    @classmethod
    def node(cls, sec, index):
        ref = cls("node", sec, index)
        sec._refs.add(ref)
        return ref

    @classmethod
    def mechanism(cls, sec, index, spec, var, element=0):
        ref = cls("mech", sec, index, spec, var, element)
        sec._refs.add(ref)
        return ref

    @classmethod
    def point(cls, pp, var):
        return cls("point", pp, 0, pp._spec, var)

    def _renumber(self, old_nseg, new_nseg):
        from .section import remap_index
        if 0 <= self.index < old_nseg:
            new_index = remap_index(self.index, old_nseg, new_nseg)
            # NEURON keeps, for each new node, the old node at its centre; an old
            # node that is nobody's source is freed and recordings of it stop.
            if min(int(old_nseg * (new_index + 0.5) / new_nseg), old_nseg - 1) != self.index:
                self.discarded = True
            self.index = new_index
        elif self.index == old_nseg:
            self.index = new_nseg

    def check_recordable(self):
        """NEURON's errors for a handle that cannot be recorded now."""
        from . import errors
        if self.kind == "time":
            from .world import WORLD
            if not WORLD.sections():
                raise errors.hoc_error("Section access unspecified")
        elif self.kind in ("node", "mech") and not getattr(self.owner, "_alive", False):
            raise errors.hoc_error("Invalid pointer (arg 0): its section was deleted")

    def __reduce__(self):
        raise TypeError("HocObject: Only Vector instance can be pickled")

    def describe(self):
        """Human-readable location, e.g. ``soma(0.5).v``."""
        if self.kind == "time":
            return "t"
        if self.kind == "point":
            return "%s.%s" % (self.owner.hname(), self.var)
        sec = self.owner
        if self.index == -1:
            x = 0.0
        elif self.index >= sec._nseg:
            x = 1.0
        else:
            x = (self.index + 0.5) / sec._nseg
        name = "v" if self.kind == "node" else "%s_%s" % (self.var, self.spec.name)
        return "%s(%g).%s" % (sec, x, name)

    @property
    def unit(self):
        if self.kind == "time":
            return "ms"
        if self.kind == "node":
            return "mV"
        var = self.spec.variable(self.var)
        return var.unit if var is not None else ""

    # -- value access (ref[0]) -------------------------------------------------------
    def _owner_alive(self):
        try:
            self.owner._check()
        except ReferenceError:
            raise DeletedHandle("Invalid data_handle: %s" % errors.DELETED) from None
        return self.owner

    def _location(self):
        if self.kind == "node":
            sec = self._owner_alive()
            if self.index == -1:
                return sec.__dict__, "_v_root"
            return sec._v, self.index
        if self.kind == "mech":
            sec = self._owner_alive()
            block = sec._mechs[self.spec.name]
            return block, (self.spec.rows[self.var] + self.element, self.index)
        if self.kind == "point":
            return self.owner._values, self.spec.rows[self.var]
        raise KeyError(self.kind)

    def __getitem__(self, i):
        if i != 0:
            raise IndexError("a data handle points to a single value; use index 0")
        if self.kind == "time":
            from ..engine.simulation import SIM
            return SIM.t
        container, key = self._location()
        return float(container[key])

    def __setitem__(self, i, value):
        if i != 0:
            raise IndexError("a data handle points to a single value; use index 0")
        if self.kind == "time":
            from ..engine.simulation import SIM
            SIM.t = errors.check_number(value, "t")
            return
        container, key = self._location()
        # through a handle as through the attribute: a number, finite (NaN never enters)
        container[key] = errors.check_number(value, self.var or "v")
        WORLD.value_changed(self.owner, self.var or "v")

    def __repr__(self):
        return "data_handle<double>{%s}" % self.describe()
