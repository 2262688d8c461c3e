"""Vector: NEURON's growable array of doubles, recordable and picklable."""
import struct
import sys

import numpy as np

from . import errors
from .world import WORLD


class _Elements:
    """``vec.x[i]``: hoc-style element access."""

    __slots__ = ("_vec",)

    def __init__(self, vec):
        self._vec = vec

    def _checked(self, i):
        # hoc's x[i] has no negative indices (NEURON: IndexError Vector[0].x)
        if isinstance(i, (int, np.integer)) and not isinstance(i, bool) and not \
                0 <= i < self._vec._n:
            raise IndexError("'%s.x'" % self._vec.hname())
        return i

    def __getitem__(self, i):
        return self._vec[self._checked(i)]

    def __setitem__(self, i, value):
        self._vec[self._checked(i)] = value


class Vector:
    """A resizable array of doubles (NEURON's ``h.Vector``).

    ``h.Vector()``, ``h.Vector(n)`` (n zeros) or ``h.Vector(sequence)``.
    ``np.asarray(vec)`` shares its memory; ``vec.record(seg._ref_v)`` fills it
    during a run.
    """

    def __init__(self, source=None, value=0.0):
        self._data = np.zeros(16)
        self._n = 0
        self._hoc_index = WORLD.next_hoc_index("Vector")
        if source is None:
            return
        if isinstance(source, str):
            raise errors.hoc_error("bad stack access: h.Vector takes a size or a sequence of "
                                   "numbers, not a string")
        if isinstance(source, (int, np.integer)) and not isinstance(source, bool):
            if source < 0:
                raise errors.hoc_error("Arg out of range in user function (Vector size %d)"
                                       % source)
            self.resize(int(source))
            self._data[:self._n] = value
        elif isinstance(source, float):
            self.resize(source)
        else:
            self.from_python(source)

    # -- storage -------------------------------------------------------------------
    def _reserve(self, capacity):
        if capacity > self._data.size:
            new = np.zeros(max(capacity, 2 * self._data.size))
            new[:self._n] = self._data[:self._n]
            self._data = new

    def _extend(self, values):
        m = len(values)
        self._reserve(self._n + m)
        self._data[self._n:self._n + m] = values
        self._n += m

    def _append(self, value):
        if self._n == self._data.size:
            self._reserve(self._n + 1)
        self._data[self._n] = value
        self._n += 1

    def _clear(self):
        self._n = 0

    # -- sizes ---------------------------------------------------------------------
    def size(self):
        """Number of elements."""
        return self._n

    def __len__(self):
        return self._n

    def __bool__(self):
        return self._n > 0

    def resize(self, n):
        """Change the size to n, padding with zeros; returns the Vector."""
        size = errors.argument_number(n, "size")
        if not 0 <= size < float("inf"):
            raise errors.hoc_error("Arg out of range in user function (size %g)" % size)
        n = int(size)
        _check_size(n)
        self._reserve(n)
        if n > self._n:
            self._data[self._n:n] = 0.0
        self._n = n
        return self

    # -- elements --------------------------------------------------------------------
    def _index(self, i):
        if not isinstance(i, (int, np.integer)) or isinstance(i, bool):
            raise TypeError("Vector indices must be integers, not %s" % type(i).__name__)
        i = int(i)
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("'%s'" % self.hname())
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Vector(self.as_numpy()[i].copy())
        return float(self._data[self._index(i)])

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            self.as_numpy()[i] = value
            return
        self._data[self._index(i)] = float(value)

    @property
    def x(self):
        """Element access ``vec.x[i]`` (hoc spelling)."""
        return _Elements(self)

    def __iter__(self):
        return iter(self.as_numpy().tolist())

    def __contains__(self, value):
        return value in self.as_numpy()

    def to_python(self, target=None):
        """The elements as a Python list (or written into ``target``)."""
        values = self.as_numpy().tolist()
        if target is None:
            return values
        target[:] = values
        return target

    def from_python(self, values):
        """Replace the contents with a sequence of numbers; returns the Vector."""
        array = _numbers(values)
        self._n = 0
        self._extend(array)
        return self

    def as_numpy(self):
        """A NumPy view of the elements (shares memory until the Vector grows)."""
        return self._data[:self._n]

    def __array__(self, dtype=None, copy=None):
        array = self.as_numpy()
        if dtype is not None and np.dtype(dtype) != array.dtype:
            return array.astype(dtype)
        if copy:
            return array.copy()
        # NEURON hands numpy a read-only view: plotting shares memory, writes go via the Vector
        view = array.view()
        view.flags.writeable = False
        return view

    def append(self, *values):
        """Append numbers (or other Vectors); returns the Vector."""
        for value in values:
            if isinstance(value, Vector):
                self._extend(value.as_numpy().copy())
            else:
                self._extend([float(value)])
        return self

    def fill(self, value, start=None, end=None):
        """Set every element (or those from start to end inclusive) to value; returns self."""
        value = errors.argument_number(value, "fill value")
        a = self.as_numpy()
        lo = 0 if start is None else int(start)
        hi = a.size - 1 if end is None else int(end)
        a[lo:hi + 1] = value
        return self

    def add(self, other):
        """Add a number or an equally long Vector elementwise; returns self."""
        self.as_numpy()[:] += self._operand(other)
        return self

    def sub(self, other):
        """Subtract a number or an equally long Vector elementwise; returns self."""
        self.as_numpy()[:] -= self._operand(other)
        return self

    def mul(self, other):
        """Multiply by a number or an equally long Vector elementwise; returns self."""
        self.as_numpy()[:] *= self._operand(other)
        return self

    def div(self, other):
        """Divide by a number or an equally long Vector elementwise; returns self."""
        operand = self._operand(other)
        if np.any(np.asarray(operand) == 0):
            raise errors.hoc_error("Vector Division by zero")
        self.as_numpy()[:] /= operand
        return self

    def _operand(self, other):
        if isinstance(other, Vector):
            if other.size() != self._n:
                raise errors.hoc_error("Vector sizes differ (%d and %d)" % (self._n, other.size()))
            return other.as_numpy()
        return errors.argument_number(other, "operand")

    def copy(self):
        """A new Vector with the same elements."""
        return Vector(self.as_numpy().copy())

    # -- statistics ------------------------------------------------------------------
    def _require(self, what):
        if self._n == 0:
            raise RuntimeError("%s: Vector is empty (%s)" % (what, self.hname()))

    def max(self):
        """Largest element."""
        self._require("max")
        return float(self.as_numpy().max())

    def min(self):
        """Smallest element."""
        self._require("min")
        return float(self.as_numpy().min())

    def sum(self):
        """Sum of the elements."""
        return float(self.as_numpy().sum())

    def mean(self):
        """Mean of the elements."""
        self._require("mean")
        return float(self.as_numpy().mean())

    def stdev(self):
        """Sample standard deviation."""
        if self._n < 2:
            raise RuntimeError("stdev: Vector needs at least 2 elements (%s)" % self.hname())
        return float(self.as_numpy().std(ddof=1))

    def max_ind(self):
        """Index of the largest element."""
        self._require("max_ind")
        return int(self.as_numpy().argmax())

    def min_ind(self):
        """Index of the smallest element."""
        self._require("min_ind")
        return int(self.as_numpy().argmin())

    def indwhere(self, op, value):
        """Index of the first element satisfying ``op`` value (">", "<", ">=", "<=", "=="), or -1."""
        comparisons = (">", "<", ">=", "<=", "==", "!=")
        if op not in comparisons:
            raise errors.hoc_error("Vector Invalid comparator in .indwhere(): %r (use one of "
                                   "%s)" % (op, " ".join(comparisons)))
        value = errors.argument_number(value, "indwhere value")
        a = self.as_numpy()
        tests = {">": a > value, "<": a < value, ">=": a >= value, "<=": a <= value,
                 "==": a == value, "!=": a != value}
        hits = np.flatnonzero(tests[op])
        return int(hits[0]) if hits.size else -1

    # -- recording -------------------------------------------------------------------
    def record(self, ref, *args, sec=None):
        """Record a variable during every run: ``vec.record(seg._ref_v)``.

        ``record(ref, Dt)`` samples every Dt ms; ``record(ref, tvec)`` at the
        times in Vector tvec.  Returns the Vector.
        """
        from ..engine.simulation import SIM
        from .ref import Ref
        if not isinstance(ref, Ref):
            if isinstance(ref, (int, float)):
                raise RuntimeError(
                    "hocobj_call error: hoc_execerror: Vector.record: A number was provided "
                    "instead of a pointer.\nDid you forget an _ref_ (Python) or an & (HOC)?")
            raise errors.hoc_error("Optional first arg is not a pointer: Vector.record needs a "
                                   "_ref_ handle such as soma(0.5)._ref_v, not %r" % (ref,))
        if args and not isinstance(args[0], Vector):
            interval = errors.argument_number(args[0], "Vector.record sampling interval")
            if not 0 < interval < float("inf"):
                raise errors.hoc_error("Arg out of range in user function (Vector.record "
                                       "sampling interval must be > 0 ms and finite, got %g)"
                                       % interval)
        ref.check_recordable()
        SIM.recorder.add(self, ref, *args)
        return self

    def play(self, *args, **kwargs):
        """Drive a variable from this Vector during a run (not supported yet: raises)."""
        raise NotImplementedError("Vector.play is not supported by neuronlite yet")

    # -- names, pickling ------------------------------------------------------------
    def hname(self):
        """hoc name, e.g. ``Vector[3]``."""
        return "Vector[%d]" % self._hoc_index

    def __str__(self):
        return self.hname()

    __repr__ = __str__

    def __reduce__(self):
        # NEURON's layout: version, an endianness marker (2.0 as a native double),
        # the size, then the raw native doubles.
        raw = self.as_numpy().tobytes()
        return (_pkl, (0,), (1, struct.pack("=d", 2.0), self._n, raw))

    def __reduce_ex__(self, protocol):
        if protocol >= 3:
            return self.__reduce__()
        # protocols 0-2 have no bytes type: pickle would call _codecs.encode to
        # rebuild them.  Latin-1 text keeps the pickle naming neuronlite only.
        func, args, (version, marker, size, raw) = self.__reduce__()
        return func, args, (version, marker.decode("latin-1"), size, raw.decode("latin-1"))

    def __setstate__(self, state):
        version, marker, size, raw = state
        if isinstance(marker, str) and isinstance(raw, str):
            marker, raw = marker.encode("latin-1"), raw.encode("latin-1")
        if version != 1:
            raise ValueError("unsupported Vector pickle version %r" % (version,))
        size = int(size)
        if not isinstance(raw, (bytes, bytearray)) or len(raw) != 8 * size:
            raise ValueError("corrupt Vector pickle: expected %d bytes" % (8 * size))
        values = np.frombuffer(raw, dtype=np.float64)
        if struct.unpack("=d", marker)[0] != 2.0:
            values = values.byteswap()
        self._n = 0
        self._extend(values)

    def __copy__(self):
        return self.copy()

    def __getattr__(self, name):
        # only reached for names that do not exist; NEURON's wording
        raise AttributeError(errors.no_attribute("hoc.Vector", name))

    def __setattr__(self, name, value):
        # vec.lenght = 3 must not pass silently: NEURON refuses unknown names
        if not name.startswith("_") and not hasattr(type(self), name):
            raise AttributeError(errors.no_attribute("hoc.Vector", name))
        object.__setattr__(self, name, value)

    def __deepcopy__(self, memo):
        return self.copy()


Vector.__module__ = "hoc"


class VectorTooLarge(RuntimeError, MemoryError):
    """A Vector size beyond neuronlite.settings.max_vector_size (NEURON: a RuntimeError;
    also a MemoryError, which is what it is about)."""


def _check_size(n):
    from .. import settings
    if n > settings.max_vector_size:
        raise VectorTooLarge(
            "hocobj_call error: hoc_execerror: cannot create a Vector of %d elements (%s), "
            "more than neuronlite.settings.max_vector_size = %d" % (
                n, settings.human_bytes(8 * n), settings.max_vector_size))


def _pkl(arg):
    """Unpickling entry point: an empty Vector (state is restored by __setstate__)."""
    return Vector()


assert sys.byteorder in ("little", "big")


def _numbers(values):
    """A flat float array, or NEURON's error naming the first item that is not a number."""
    items = list(values.tolist() if isinstance(values, np.ndarray) else values)
    out = np.empty(len(items))
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, (int, float, np.integer, np.floating)):
            raise errors.hoc_error("item %d is not a valid number" % i)
        out[i] = item
    return out
