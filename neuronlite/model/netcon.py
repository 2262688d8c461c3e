"""NetCon: a connection that turns a source's spikes into events for a target (§4.10)."""
import weakref

import numpy as np

from . import errors
from .ref import Ref
from .world import WORLD

DEFAULT_THRESHOLD = 10.0
DEFAULT_DELAY = 1.0


class _Weights:
    """``nc.weight[i]``: the NET_RECEIVE arguments of the target."""

    __slots__ = ("_nc",)

    def __init__(self, nc):
        self._nc = nc

    def _check(self, i):
        if not 0 <= i < self._nc._weights.size:
            raise IndexError("'%s.weight'" % self._nc.hname())

    def __getitem__(self, i):
        self._check(i)
        return float(self._nc._weights[i])

    def __setitem__(self, i, value):
        self._check(i)
        self._nc._weights[i] = errors.attribute_number(value, "weight")
        WORLD.value_changed(self._nc, "weight")

    def __len__(self):
        return self._nc._weights.size


class NetCon:
    """``h.NetCon(source, target[, threshold, delay, weight], sec=...)``.

    ``source`` is a voltage handle (``soma(0.5)._ref_v``, give ``sec=``) or an
    artificial cell such as NetStim; ``target`` a point process with a
    NET_RECEIVE (ExpSyn, Exp2Syn, NetStim) or None (spike detector only).
    """

    def __init__(self, source, target, threshold=None, delay=None, weight=None, sec=None):
        from .pointprocess import PointProcess
        if not isinstance(source, (Ref, PointProcess)) and source is not None:
            raise errors.hoc_error("bad stack access: NetCon source must be a _ref_ pointer "
                                   "(soma(0.5)._ref_v) or a point process, not %r" % (source,))
        if target is not None and not isinstance(target, PointProcess):
            raise errors.hoc_error("bad stack access: NetCon target must be a point process "
                                   "or None, not %r" % (target,))
        # every argument is checked before the NetCon joins the network: a refused
        # constructor must not leave a half-made connection behind
        for label, value in (("threshold", threshold), ("delay", delay), ("weight", weight)):
            if value is not None:
                number = errors.argument_number(value, "NetCon " + label)
                if number in (float("inf"), float("-inf")):
                    raise errors.hoc_error("Arg out of range in user function (NetCon %s = %g)"
                                           % (label, number))
        if delay is not None and delay < 0:
            raise errors.hoc_error("Arg out of range in user function (NetCon delay %g ms "
                                   "< 0)" % delay)
        if target is not None and target._spec.net_receive_args == 0:
            raise RuntimeError("%s has no NET_RECEIVE block and cannot be a NetCon target"
                               % target.hname())
        # a NetCon keeps neither end alive: in NEURON a NetStim or synapse whose last
        # reference goes is freed and its NetCons fall silent (valid() false)
        self._given_source = source is not None
        self._source = source
        self._target = target
        self._threshold = DEFAULT_THRESHOLD
        self._delay = DEFAULT_DELAY
        size = target._spec.net_receive_args if target is not None else 1
        self._weights = np.zeros(max(size, 1))
        self._active = True
        self._recorders = []
        self._hoc_index = WORLD.next_hoc_index("NetCon")
        # NEURON keeps one threshold per source (its PreSyn): a new NetCon on a
        # watched variable inherits it, and a threshold argument resets it for all.
        for other in WORLD.netcons:
            if (isinstance(source, Ref) and isinstance(other._source, Ref)
                    and same_source(other._source, source)):
                self._threshold = other._threshold
        WORLD.netcons.append(self)
        if threshold is not None:
            self.threshold = threshold
        if delay is not None:
            self.delay = delay
        if weight is not None:
            self._weights[0] = errors.check_number(weight, "weight")
        WORLD.structure_changed()

    @property
    def _source(self):
        ref = self.__dict__.get("_source_ref")
        return ref() if isinstance(ref, weakref.ref) else ref

    @_source.setter
    def _source(self, source):
        from .pointprocess import PointProcess
        self.__dict__["_source_ref"] = (weakref.ref(source) if isinstance(source, PointProcess)
                                        else source)

    @property
    def _target(self):
        ref = self.__dict__.get("_target_ref")
        return ref() if ref is not None else None

    @_target.setter
    def _target(self, target):
        self.__dict__["_target_ref"] = weakref.ref(target) if target is not None else None

    @property
    def threshold(self):
        """Spike threshold (mV) of a voltage source."""
        return self._threshold

    @threshold.setter
    def threshold(self, value):
        value = errors.attribute_number(value, "threshold")
        from .pointprocess import PointProcess
        if isinstance(self._source, PointProcess):
            return  # artificial sources ignore the threshold, as in NEURON
        for nc in WORLD.netcons:
            if nc is self or (isinstance(nc._source, Ref) and isinstance(self._source, Ref)
                              and same_source(nc._source, self._source)):
                nc._threshold = value
        WORLD.value_changed(self, "threshold")

    @property
    def delay(self):
        """Delay (ms) from a source spike to delivery at the target."""
        return self._delay

    @delay.setter
    def delay(self, value):
        value = errors.attribute_number(value, "delay")
        if value < 0:
            # NEURON accepts this (its constructor refuses it) and then delivers
            # events before the spikes that cause them
            raise ValueError("NetCon delay must be >= 0 ms, got %g" % value)
        self._delay = value
        WORLD.value_changed(self, "delay")

    @property
    def weight(self):
        """Weights (``nc.weight[0]``: uS for ExpSyn/Exp2Syn)."""
        return _Weights(self)

    def active(self, flag=None):
        """Get or set whether events pass through this connection."""
        if flag is not None:
            flag = errors.argument_number(flag, "NetCon.active flag")
            if flag not in (0, 1):
                raise errors.hoc_error("Arg out of range in user function (NetCon.active "
                                       "takes 0 or 1, not %g)" % flag)
            self._active = bool(flag)
        return 1.0 if self._active else 0.0

    def record(self, vec=None, *args):
        """Store the source's spike times in Vector ``vec`` at every run."""
        from .vector import Vector
        if vec is not None and not isinstance(vec, Vector):
            raise errors.hoc_error("bad stack access: NetCon.record takes a Vector, not %r"
                                   % (vec,))
        if vec is None:
            self._recorders = []
        else:
            self._recorders = [vec]
        return self

    def event(self, time, flag=None):
        """Deliver an event to the target at ``time`` (ms), as if the source spiked then."""
        from ..engine.simulation import SIM
        time = errors.argument_number(time, "event time")
        if time in (float("inf"), float("-inf")):
            raise errors.hoc_error("Arg out of range in user function (event time %g)" % time)
        SIM.events.push(time, "netcon", self)

    def pre(self):
        """The source if it is a point process, else None."""
        from .pointprocess import PointProcess
        return self._source if isinstance(self._source, PointProcess) else None

    def syn(self):
        """The target point process (or None)."""
        return self._target

    def valid(self):
        """1.0 while the target exists (and the source, if one was given), else 0.0."""
        alive = self._target is not None and (self._source is not None or
                                              not self._given_source)
        return 1.0 if alive else 0.0

    def hname(self):
        """hoc name, e.g. ``NetCon[0]``."""
        return "NetCon[%d]" % self._hoc_index

    def __str__(self):
        return self.hname()

    __repr__ = __str__

    def __reduce__(self):
        raise TypeError("HocObject: Only Vector instance can be pickled")

    def __getattr__(self, name):
        # only reached for names that do not exist; NEURON's wording
        raise AttributeError(errors.no_attribute("hoc.NetCon", name))

    def __setattr__(self, name, value):
        # a typo (nc.weigth = 1) must not pass silently: NEURON refuses unknown names
        if not name.startswith("_") and not hasattr(type(self), name):
            raise AttributeError(errors.no_attribute("hoc.NetCon", name))
        object.__setattr__(self, name, value)


NetCon.__module__ = "hoc"
NetCon.__name__ = NetCon.__qualname__ = "HocObject"


def same_source(a, b):
    return (a.kind == b.kind and a.owner is b.owner and a.index == b.index
            and a.var == b.var and a.spec is b.spec)
