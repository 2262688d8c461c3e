"""Array range variables (``seg.xg[1]``) and mechanisms living on zero-area nodes.

Only extracellular needs this today: its parameters are arrays over the
layers, and it exists on every node of a section, including the zero-area
node at x=1 and a root section's x=0 node.  Per-segment values live in the
section's block like any mechanism's; the two end nodes keep a column each
in the section (``_xnode_end``, ``_xnode_root``), which nseg changes leave in
place, as NEURON keeps the x=1 node.

Mapping of positions (as NEURON 9 does): ``vext`` belongs to the very node
(like v: x=0 of a child is its parent's node); every other variable reads
the nearest segment of the section, so ``seg(1).xg[0]`` is the last segment's.
Unlike NEURON 9.0.2, ``seg.vext[i]`` and ``seg._ref_vext[i]`` mean layer i.
"""
import numpy as np

from . import errors
from .ref import Ref
from .world import WORLD

_END_KEYS = {-1: "_xnode_root"}


def node_column(sec, spec, index):
    """The values of ``spec`` at a section's local node (-1 root, nseg the x=1 node)."""
    if 0 <= index < sec._nseg:
        return sec._mechs[spec.name][:, index]
    key = _END_KEYS.get(index, "_xnode_end")
    column = sec.__dict__.get(key)
    if column is None or column.size != spec.nrows:
        column = np.array(spec.defaults(), dtype=float)
        sec.__dict__[key] = column
    return column


def store_column(sec, spec, index, values):
    """Write a node's values back (the engine's scatter)."""
    node_column(sec, spec, index)[:] = values


def locate(segment, spec, var, label):
    """(section, local node) whose value ``segment.<label>`` means."""
    if var.name in spec.node_exact:
        sec, index = segment._node()
    else:
        sec = segment._sec
        sec._check()
        index = min(max(sec._node_index(segment._x), 0), sec._nseg - 1)
    if spec.name not in sec._mechs:
        raise AttributeError(errors.not_here(label, segment))
    return sec, index


class ExtRef(Ref):
    """A handle that may point at a zero-area node's mechanism values."""

    __slots__ = ()

    def _location(self):
        owner = self.owner
        if self.kind == "mech" and not 0 <= self.index < owner._nseg:
            owner._check()
            return node_column(owner, self.spec, self.index), \
                self.spec.rows[self.var] + self.element
        return Ref._location(self)

    def describe(self):
        text = Ref.describe(self)
        if self.kind != "mech":
            return text
        var = self.spec.variable(self.var)
        name = self.spec.range_name(self.var)
        if var is not None and var.size > 1:
            name += "[%d]" % self.element
        return text[:text.rindex(".") + 1] + name


class RangeVar:
    """``seg.xg``: one array range variable at one node; index it by layer.

    With ``as_ref`` it is ``seg._ref_xg`` and indexing gives data handles.
    """

    __slots__ = ("_sec", "_index", "_spec", "_var", "_label", "_as_ref")

    def __init__(self, sec, index, spec, var, label, as_ref=False):
        self._sec = sec
        self._index = index
        self._spec = spec
        self._var = var
        self._label = label
        self._as_ref = as_ref

    def __len__(self):
        return self._var.size

    def _element(self, i):
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) \
                or not 0 <= i < self._var.size:
            raise IndexError(self._label)
        return int(i)

    def __getitem__(self, i):
        element = self._element(i)
        if self._as_ref:
            return ExtRef.mechanism(self._sec, self._index, self._spec, self._var.name,
                                    element)
        column = node_column(self._sec, self._spec, self._index)
        return float(column[self._spec.rows[self._var.name] + element])

    def __setitem__(self, i, value):
        element = self._element(i)
        column = node_column(self._sec, self._spec, self._index)
        column[self._spec.rows[self._var.name] + element] = errors.check_number(value,
                                                                                self._label)
        WORLD.value_changed(self._sec, self._label)


class SectionRangeVar:
    """``sec.xg``: reading gives the segment containing x=0.5, writing sets every node."""

    __slots__ = ("_sec", "_spec", "_var", "_label")

    def __init__(self, sec, spec, var, label):
        self._sec = sec
        self._spec = spec
        self._var = var
        self._label = label

    def __len__(self):
        return self._var.size

    def __getitem__(self, i):
        return get(self._sec(0.5), self._spec, self._var, self._label)[i]

    def __setitem__(self, i, value):
        sec = self._sec
        if self._spec.name not in sec._mechs:
            raise AttributeError(errors.not_here(self._label, "%s(0.5)" % sec.name()))
        element = RangeVar(sec, 0, self._spec, self._var, self._label)._element(i)
        row = self._spec.rows[self._var.name] + element
        value = errors.check_number(value, self._label)
        sec._mechs[self._spec.name][row, :] = value
        for index in (-1, sec._nseg):
            node_column(sec, self._spec, index)[row] = value
        WORLD.value_changed(sec, self._label)


for _cls in (RangeVar, SectionRangeVar):
    _cls.__module__ = "nrn"
    _cls.__qualname__ = _cls.__name__ = "RangeVar"


def get(segment, spec, var, label):
    """``segment.<label>``: a number, or a RangeVar for array variables."""
    sec, index = locate(segment, spec, var, label)
    if var.size > 1:
        return RangeVar(sec, index, spec, var, label)
    return float(node_column(sec, spec, index)[spec.rows[var.name]])


def assign(segment, spec, var, value, label):
    """``segment.<label> = value`` (arrays need an index, as in NEURON)."""
    if var.size > 1:
        raise IndexError("%s needs an index for assignment" % label)
    sec, index = locate(segment, spec, var, label)
    node_column(sec, spec, index)[spec.rows[var.name]] = errors.check_number(value, label)
    WORLD.value_changed(sec, label)


def ref(segment, spec, var, label):
    """``segment._ref_<label>``: a handle, or for arrays an indexable of handles."""
    sec, index = locate(segment, spec, var, label)
    if var.size > 1:
        return RangeVar(sec, index, spec, var, label, as_ref=True)
    return ExtRef.mechanism(sec, index, spec, var.name)
