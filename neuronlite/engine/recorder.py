"""Vector.record bookkeeping: which Vector samples which Ref, and how often."""
import weakref

import numpy as np


class Recording:
    __slots__ = ("vector", "ref", "dt", "times", "offset", "trace_t", "trace_v", "prev")

    def __init__(self, vector, ref, dt=None, times=None):
        self.vector = weakref.ref(vector)
        self.ref = ref
        self.dt = dt
        self.times = times
        self.offset = -1
        self.trace_t = []
        self.trace_v = []
        self.prev = 0.0        # i_cap recordings: v of the previous step


class Recorder:
    """Holds the recordings; the simulation asks it for offsets and hands it samples."""

    def __init__(self):
        self._recordings = []

    def add(self, vector, ref, *args):
        dt = times = None
        if args:
            from ..model.vector import Vector
            if isinstance(args[0], Vector):
                times = args[0]
            else:
                dt = float(args[0])
                if not dt > 0:
                    raise ValueError("Vector.record: the sampling interval Dt must be > 0")
        self._recordings = [r for r in self._recordings
                            if r.vector() is not None and r.vector() is not vector]
        self._recordings.append(Recording(vector, ref, dt, times))

    def active(self):
        live = []
        for rec in self._recordings:
            if rec.vector() is None:
                continue
            owner = rec.ref.owner
            if rec.ref.kind in ("node", "mech") and (not owner._alive or rec.ref.discarded):
                continue
            if rec.ref.kind == "point" and owner._section() is None:
                continue
            live.append(rec)
        self._recordings = [r for r in self._recordings if r.vector() is not None]
        return live

    def clear(self):
        self._recordings = []


def sample_times(rec, t_end):
    """Requested sample times of a Dt or tvec recording, up to t_end."""
    if rec.times is not None:
        return np.asarray(rec.times.as_numpy(), dtype=float)
    count = int(np.floor(t_end / rec.dt + 1e-9)) + 1
    return np.arange(count) * rec.dt


def resample_fixed_step(rec, dt):
    """Fixed step: the value at the first step boundary t_n with t_request <= t_n + dt/2."""
    t = np.asarray(rec.trace_t)
    values = np.asarray(rec.trace_v)
    if t.size == 0:
        return np.zeros(0)
    wanted = sample_times(rec, t[-1] + dt / 2)
    wanted = wanted[wanted <= t[-1] + dt / 2]
    index = np.searchsorted(t + dt / 2, wanted, side="left")
    index = np.minimum(index, t.size - 1)
    if rec.times is not None and rec.ref.kind == "time":
        # NEURON handles the record event at the end of step k before it updates
        # the global t: a recorded t reads t_{k-1} when te <= t_k.
        late = (index > 0) & (wanted <= t[index])
        return np.where(late, values[np.maximum(index - 1, 0)], values[index])
    return values[index]
