"""Section: an unbranched cable with nseg segments (NEURON_FACTS §2).

A section stores its own per-node values (diam, cm, v, mechanism blocks);
the engine copies them into flat arrays when it compiles and writes the
evolving ones (v, states) back after a run.
"""
import math
import weakref

import numpy as np

from .. import mechanisms
from ..mechanisms.base import DENSITY
from . import errors, geometry
from .segment import Segment, format_x
from .world import WORLD

DEFAULT_L = 100.0
DEFAULT_DIAM = 500.0
DEFAULT_RA = 35.4
DEFAULT_CM = 1.0
DEFAULT_V = -65.0
MAX_NSEG = 32767
_ANONYMOUS = object()

_PUBLIC = ("L", "Ra", "allseg", "arc3d", "cell", "children", "connect", "diam3d", "disconnect",
           "has_membrane", "hname", "hoc_internal_name", "insert", "is_pysec", "n3d", "name",
           "nseg", "orientation", "parentseg", "psection", "pt3dadd", "pt3dchange",
           "pt3dclear", "pt3dinsert", "pt3dremove", "pt3dstyle", "push", "rallbranch",
           "same", "spine3d", "subtree", "trueparentseg", "uninsert", "wholetree", "x3d",
           "y3d", "z3d")


def remap_index(old_index, old_nseg, new_nseg):
    """Where node ``old_index`` goes when nseg changes (NEURON_FACTS §2.5)."""
    return min(int(new_nseg * (old_index + 0.5) / old_nseg), new_nseg - 1)


class Section:
    """An unbranched cable: NEURON's ``nrn.Section``.

    Parameters
    ----------
    name : str, optional
        Name used by ``str()``, psection and topology (duplicates allowed).
    cell : object, optional
        Owner object; the name is then prefixed with ``repr(cell) + "."``.
    """

    def __init__(self, name=_ANONYMOUS, cell=None):
        if name is _ANONYMOUS:
            name = None
        elif not isinstance(name, str):
            raise TypeError("argument 1 must be str, not %s" % type(name).__name__)
        d = self.__dict__
        d["_alive"] = True
        d["_cell"] = cell
        d["_nseg"] = 1
        d["_L"] = DEFAULT_L
        d["_Ra"] = DEFAULT_RA
        d["_rallbranch"] = 1.0
        d["_diam"] = np.full(1, DEFAULT_DIAM)
        d["_cm"] = np.full(1, DEFAULT_CM)
        d["_v"] = np.full(2, DEFAULT_V)        # segment nodes, then the x=1 node
        d["_v_root"] = DEFAULT_V               # the x=0 node when this is a root
        d["_mechs"] = {}                       # name -> block (nrows, nseg)
        # per segment node, the order its properties were added (psection prints node 0)
        d["_node_props"] = [["morphology", "capacitance"]]
        d["_parent"] = None                    # weakref to parent section
        d["_parent_x"] = 1.0
        d["_child_end"] = 0.0
        d["_children"] = []                    # weakrefs, in connection order
        d["_pt3d"] = []                        # [(x, y, z, diam), ...]
        d["_refs"] = weakref.WeakSet()         # handles that must follow nseg changes
        d["_point_processes"] = []             # weakrefs of point processes located here
        d["_id"] = WORLD.add_section(self, notify=False)
        if name is None:
            name = "__nrnsec_0x%x" % (0x55550000 + self._id * 0x2a0)
            d["_anonymous"] = True
        else:
            d["_anonymous"] = False
        d["_name"] = name
        WORLD.structure_changed()   # listeners see a complete section

    # -- identity ---------------------------------------------------------------
    def _check(self):
        if not self.__dict__["_alive"]:
            raise ReferenceError(errors.DELETED)

    def name(self):
        """Name of the section, as str() shows it (``soma`` or ``Cell[0].soma``)."""
        self._check()
        if self._cell is not None:
            return "%r.%s" % (self._cell, self._name)
        return self._name

    def hname(self):
        """hoc name of the section (same as name())."""
        return self.name()

    def hoc_internal_name(self):
        """NEURON's internal name, ``__nrnsec_0x...``."""
        self._check()
        return "__nrnsec_0x%x" % (0x55550000 + self._id * 0x2a0)

    def cell(self):
        """The object given as ``cell=`` when the section was created, or None."""
        return self._cell

    def is_pysec(self):
        """True: the section was created from Python."""
        return True

    def same(self, other):
        """True if ``other`` is this very section."""
        return other is self

    def __str__(self):
        if not self.__dict__["_alive"]:
            return "<deleted section>"
        return self.name()

    __repr__ = __str__

    def __hash__(self):
        return hash(self._id)

    def __eq__(self, other):
        return other is self

    def __lt__(self, other):
        return self._id < other._id

    def __dir__(self):
        dunder = {name for name in object.__dir__(self) if name.startswith("__")}
        return sorted(set(_PUBLIC) | dunder)

    def __reduce__(self):
        raise TypeError("cannot pickle 'nrn.Section' object")

    # -- geometry ---------------------------------------------------------------
    @property
    def L(self):
        """Length of the section (um). With 3-D points, their arc length."""
        self._check()
        if len(self._pt3d) >= 2:
            return geometry.arc_length(self._pt3d)
        return self._L

    @L.setter
    def L(self, value):
        self._check()
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError("L must be > 0.") from None
        if not value > 0 or value == float("inf"):
            raise ValueError("L must be > 0.")
        if len(self._pt3d) >= 2:
            points = geometry.rescale(self._pt3d, value)
            if not math.isfinite(geometry.arc_length(points)):
                # NEURON stores the points and its L reads inf from then on
                raise ValueError("L = %g um is too long for %s's 3-D points: their arc "
                                 "length overflows" % (value, self.name()))
            self.__dict__["_pt3d"] = points
        self.__dict__["_L"] = value
        WORLD.value_changed(self, "L")

    @property
    def Ra(self):
        """Axial resistivity (ohm*cm)."""
        self._check()
        return self._Ra

    @Ra.setter
    def Ra(self, value):
        self._check()
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError("Ra must be > 0.") from None
        if not value > 0 or value == float("inf"):
            raise ValueError("Ra must be > 0.")
        self.__dict__["_Ra"] = value
        WORLD.value_changed(self, "Ra")

    @property
    def rallbranch(self):
        """Number of identical branches this section stands for (default 1)."""
        return self._rallbranch

    @rallbranch.setter
    def rallbranch(self, value):
        value = errors.check_number(value, "rallbranch")
        if value <= 0:
            raise ValueError("rallbranch must be > 0")
        self.__dict__["_rallbranch"] = value
        WORLD.value_changed(self, "rallbranch")

    @property
    def nseg(self):
        """Number of segments (1 to 32767). Changing it copies values to the new nodes."""
        self._check()
        return self._nseg

    @nseg.setter
    def nseg(self, value):
        self._check()
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, (int, np.integer)) or not 1 <= value <= MAX_NSEG:
            raise ValueError(errors.NSEG_RANGE)
        self._set_nseg(int(value))

    def _set_nseg(self, new):
        old = self._nseg
        if new == old:
            return
        source = np.array([remap_index(i, new, old) for i in range(new)], dtype=np.intp)
        d = self.__dict__
        d["_diam"] = self._diam[source].copy()
        d["_cm"] = self._cm[source].copy()
        d["_v"] = np.append(self._v[:old][source], self._v[old])
        for name, block in self._mechs.items():
            d["_mechs"][name] = block[:, source].copy()
        d["_node_props"] = [self._props_after_remap(i, int(source[i]), old, new)
                            for i in range(new)]
        for ref in list(self._refs):
            ref._renumber(old, new)
        for pp_ref in self._point_processes:
            pp = pp_ref()
            if pp is not None:
                pp._renumber(old, new)
        d["_nseg"] = new
        for pp_ref in self._point_processes:
            pp = pp_ref()
            if pp is not None and 0 <= pp._index < new:
                props = self._node_props[pp._index]
                if pp._spec.name not in props:
                    props.append(pp._spec.name)
        WORLD.structure_changed()

    def _props_after_remap(self, index, source, old, new):
        """A kept node keeps its property order; a cloned node lists it reversed (NEURON)."""
        props = self._node_props[source]
        if new < old or remap_index(source, old, new) == index:
            return list(props)
        return [p for p in props if mechanisms.point_spec(p) is None][::-1]

    @property
    def _node0_props(self):
        return self._node_props[0]

    @property
    def diam(self):
        """Diameter (um) of the segment containing x=0.5; setting it sets every segment."""
        self._check()
        return float(self._node_diam()[self._node_index(0.5)])

    @diam.setter
    def diam(self, value):
        self._check()
        value = errors.check_number(value, "diam")
        self._diam[:] = value
        if self._pt3d:
            self.__dict__["_pt3d"] = [(x, y, z, value) for x, y, z, _ in self._pt3d]
        WORLD.value_changed(self, "diam")

    def _node_diam(self):
        if len(self._pt3d) >= 2:
            return geometry.segment_diameters(self)
        return self._diam

    @property
    def cm(self):
        """Specific membrane capacitance (uF/cm2) of the segment containing x=0.5."""
        self._check()
        return float(self._cm[self._node_index(0.5)])

    @cm.setter
    def cm(self, value):
        self._check()
        self._cm[:] = errors.check_number(value, "cm")
        WORLD.value_changed(self, "cm")

    @property
    def v(self):
        """Membrane potential (mV) of the segment containing x=0.5."""
        self._check()
        return float(self._v[self._node_index(0.5)])

    @v.setter
    def v(self, value):
        self._check()
        self._v[:self._nseg] = errors.check_number(value, "v")
        WORLD.value_changed(self, "v")

    # -- positions --------------------------------------------------------------
    def orientation(self):
        """0 if the section's x=0 end is attached to its parent, 1 if its x=1 end is."""
        return self._child_end

    def _node_index(self, x):
        """Own node for position x: 0..nseg-1 centres, nseg the far end, -1 the attached end."""
        n = self._nseg
        reversed_ = self._child_end == 1.0
        if x == 0.0:
            return n if reversed_ else -1
        if x == 1.0:
            return -1 if reversed_ else n
        j = min(int(n * x), n - 1)
        return n - 1 - j if reversed_ else j

    def __call__(self, x=0.5):
        self._check()
        if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
            raise TypeError("segment position must be a number, not %s" % type(x).__name__)
        x = float(x)
        if not 0.0 <= x <= 1.0:
            if x != x:
                raise ValueError(errors.SEGMENT_RANGE + " (got nan)")
            raise ValueError(errors.SEGMENT_RANGE)
        return Segment(self, x)

    def __iter__(self):
        self._check()
        n = self._nseg
        return iter([Segment(self, (j + 0.5) / n) for j in range(n)])

    def allseg(self):
        """Segments at x=0, every centre, and x=1."""
        self._check()
        return iter([Segment(self, 0.0)] + list(self) + [Segment(self, 1.0)])

    # -- mechanisms -------------------------------------------------------------
    def insert(self, mechanism):
        """Insert a density mechanism (``"pas"``, ``"hh"`` or ``h.hh``) in every segment.

        Inserting one that is already there does nothing.  Returns the section.
        """
        self._check()
        if not isinstance(mechanism, str):
            inserter = getattr(mechanism, "insert", None)
            # a list has an insert method too, but is no mechanism (NEURON says so)
            if inserter is None or not callable(inserter) or \
                    isinstance(mechanism, (list, tuple, dict, set, bytearray)):
                raise TypeError(errors.INSERT_TYPE)
            inserter(self)
            return self
        spec = mechanisms.density_spec(mechanism)
        if spec is None:
            raise ValueError(errors.NOT_DENSITY)
        if mechanism in self._mechs:
            return self
        for ion in spec.ions:
            ion_spec = mechanisms.ions.SPECS[ion]
            if ion_spec.name not in self._mechs:
                self._add_block(ion_spec)
        self._add_block(spec)
        ion_names = [mechanisms.ions.SPECS[i].name for i in spec.ions]
        for props in self._node_props:
            props.append(spec.name)
            props.extend(name for name in ion_names if name not in props)
        WORLD.structure_changed()
        return self

    def _add_block(self, spec):
        column = np.array(spec.defaults(), dtype=float)
        self._mechs[spec.name] = np.repeat(column[:, None], self._nseg, axis=1)

    def uninsert(self, mechanism):
        """Remove a density mechanism from every segment.  Returns the section."""
        self._check()
        if not isinstance(mechanism, str):
            # NEURON's uninsert takes a name only (even h.hh is refused)
            raise TypeError("argument 1 must be str, not %s" % type(mechanism).__name__)
        name = mechanism
        if mechanisms.density_spec(name) is None:
            raise ValueError(errors.NOT_DENSITY)
        if name in self._mechs:
            del self._mechs[name]
            for props in self._node_props:
                props.remove(name)
            still_needed = {ion for other in self._mechs
                            if mechanisms.density_spec(other) is not None
                            for ion in mechanisms.density_spec(other).ions}
            for ion, ion_spec in mechanisms.ions.SPECS.items():
                if ion_spec.name in self._mechs and ion not in still_needed:
                    del self._mechs[ion_spec.name]
                    for props in self._node_props:
                        props.remove(ion_spec.name)
            WORLD.structure_changed()
        return self

    def has_membrane(self, name):
        """True if the density mechanism ``name`` is inserted."""
        self._check()
        return name in self._mechs

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        self._check()
        found = mechanisms.range_variable(name)
        if found is None:
            raise AttributeError(errors.no_attribute("nrn.Section", name))
        if found[1].size > 1:
            from .rangevar import SectionRangeVar
            return SectionRangeVar(self, found[0], found[1], name)
        return getattr(self(0.5), name)

    def __setattr__(self, name, value):
        if name in type(self).__dict__ and isinstance(type(self).__dict__[name], property):
            object.__setattr__(self, name, value)
            return
        self._check()
        found = mechanisms.range_variable(name)
        if found is None:
            raise AttributeError(errors.no_attribute("nrn.Section", name))
        spec, var = found
        if var.size > 1:
            raise IndexError("missing index")
        if spec.name not in self._mechs:
            raise AttributeError(errors.not_here(name, "%s(0.5)" % self.name()))
        self._mechs[spec.name][spec.rows[var.name], :] = errors.check_number(value, name)
        WORLD.value_changed(self, name)

    # -- tree -------------------------------------------------------------------
    def _parent_section(self):
        ref = self._parent
        sec = ref() if ref is not None else None
        if sec is not None and not sec._alive:
            return None
        return sec

    def connect(self, parent, parent_x=errors.OMITTED, child_end=errors.OMITTED):
        """Attach this section to a parent and return this section.

        Forms: ``child.connect(parent_seg[, child_end])`` and
        ``child.connect(parent_sec[, parent_x=1[, child_end=0]])``.
        ``child_end`` (0 or 1) is which end of this section attaches;
        ``parent_x`` (0..1) is where on the parent.
        """
        self._check()
        from . import tree
        for value in (parent_x, child_end):
            if value is None or isinstance(value, str):   # explicit None: NEURON's TypeError
                raise TypeError("must be real number, not %s" % type(value).__name__)
        tree.connect(self, parent, None if parent_x is errors.OMITTED else parent_x,
                     None if child_end is errors.OMITTED else child_end)
        return self

    def disconnect(self):
        """Detach this section from its parent; it becomes a root."""
        self._check()
        from . import tree
        tree.disconnect(self)

    def children(self):
        """Sections attached to this one, most recently connected first (NEURON's order)."""
        return self._children_in_connection_order()[::-1]

    def _children_in_connection_order(self):
        self._check()
        return [c for c in (r() for r in self._children) if c is not None and c._alive]

    def parentseg(self):
        """Segment of the parent this section is attached to (None for a root)."""
        self._check()
        parent = self._parent_section()
        return None if parent is None else parent(self._parent_x)

    def trueparentseg(self):
        """Like parentseg(), but skipping parents attached at their own attached end."""
        from . import tree
        return tree.trueparentseg(self)

    def subtree(self):
        """This section and every section below it."""
        out = [self]
        for child in self._children_in_connection_order():
            out.extend(child.subtree())
        return out

    def wholetree(self):
        """Every section of the tree this section belongs to."""
        root = self
        while root._parent_section() is not None:
            root = root._parent_section()
        return root.subtree()

    def push(self):
        """Make this the currently accessed section (hoc's section stack)."""
        from ..compat import hocstack
        hocstack.push(self)
        return self

    def psection(self):
        """A dict describing the section (NEURON's ``Section.psection()``)."""
        from ..compat import psection
        return psection.as_dict(self)

    # -- 3-D points ---------------------------------------------------------------
    def n3d(self):
        """Number of 3-D points."""
        return len(self._pt3d)

    def pt3dadd(self, x, y, z, diam):
        """Append a 3-D point (um) with diameter (um); returns 0."""
        # NEURON keeps 3-D points as C floats
        self._pt3d.append(_point3d((x, y, z, diam)))
        self._after_pt3d()
        return 0.0

    def pt3dclear(self, size=0):
        """Remove all 3-D points."""
        self.__dict__["_pt3d"] = []
        self._after_pt3d()
        return 0.0

    def pt3dinsert(self, i, x, y, z, diam):
        """Insert a 3-D point before index i."""
        point = _point3d((x, y, z, diam))
        self._pt3d.insert(self._pt3d_index(i, len(self._pt3d) + 1), point)
        self._after_pt3d()

    def pt3dchange(self, i, *values):
        """Change point i: ``(i, diam)`` or ``(i, x, y, z, diam)``."""
        i = self._pt3d_index(i)
        x, y, z, d = self._pt3d[i]
        if len(values) == 1:
            d = values[0]
        else:
            x, y, z, d = values[:4]
        self._pt3d[i] = _point3d((x, y, z, d))
        self._after_pt3d()

    def pt3dremove(self, i):
        """Remove point i."""
        del self._pt3d[self._pt3d_index(i)]
        self._after_pt3d()

    def pt3dstyle(self, *args):
        """Logical connection style (accepted, no effect here); returns 0."""
        return 0.0

    def _pt3d_index(self, i, count=None):
        """A valid point index, or NEURON's "Arg out of range" (no negative indices)."""
        count = len(self._pt3d) if count is None else count
        index = errors.argument_number(i, "3-D point index")
        if not 0 <= index < count or index != int(index):
            raise IndexError("Arg out of range: %s has %d 3-D points, no point %g"
                             % (self, len(self._pt3d), index))
        return int(index)

    def _after_pt3d(self):
        if len(self._pt3d) >= 2:
            self.__dict__["_L"] = geometry.arc_length(self._pt3d)
        WORLD.value_changed(self, "pt3d")

    def x3d(self, i):
        """x coordinate (um) of 3-D point i."""
        return self._pt3d[self._pt3d_index(i)][0]

    def y3d(self, i):
        """y coordinate (um) of 3-D point i."""
        return self._pt3d[self._pt3d_index(i)][1]

    def z3d(self, i):
        """z coordinate (um) of 3-D point i."""
        return self._pt3d[self._pt3d_index(i)][2]

    def diam3d(self, i):
        """Diameter (um) at 3-D point i."""
        return self._pt3d[self._pt3d_index(i)][3]

    def arc3d(self, i):
        """Arc length (um) from the first 3-D point to point i."""
        return geometry.arc_positions(self._pt3d)[self._pt3d_index(i)]

    def spine3d(self, i):
        """Spine marker of point i (always 0 here)."""
        return 0.0

    # -- deletion ---------------------------------------------------------------
    def _delete(self):
        from . import tree
        tree.delete(self)


def _point3d(values):
    """(x, y, z, diam) as NEURON stores them (C floats); numbers only, finite."""
    return tuple(float(np.float32(errors.attribute_number(c, "pt3d"))) for c in values)


def format_name(sec):
    return str(sec)


Section.__module__ = "nrn"

__all__ = ["Section", "format_x", "remap_index"]
