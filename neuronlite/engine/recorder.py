"""Vector.record bookkeeping: which Vector samples which Ref, and how often."""
import weakref

import numpy as np


class Recording:
    __slots__ = ("vector", "ref", "dt", "times", "offset", "next_k", "last_v", "prev")

    def __init__(self, vector, ref, dt=None, times=None):
        self.vector = weakref.ref(vector)
        self.ref = ref
        self.dt = dt
        self.times = times
        self.offset = -1
        self.prev = 0.0        # i_cap recordings: v of the previous step
        self.restart()

    def restart(self):
        """finitialize: Dt/tvec sampling starts again at the first requested time."""
        self.next_k = 0        # index of the next requested sample time
        self.last_v = None     # last stepped value seen (NEURON's t_{k-1} rule, below)


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


def _wanted(rec, horizon):
    """Requested sample times not yet taken, up to ``horizon`` (ms), in order."""
    if rec.times is not None:
        times = np.asarray(rec.times.as_numpy(), dtype=float)[rec.next_k:]
        due = times <= horizon
        # taken in order: a time beyond the horizon holds back those after it
        count = due.size if due.all() else int(np.argmin(due))
        return times[:count]
    count = int(np.floor(horizon / rec.dt + 1e-9)) + 1
    wanted = np.arange(rec.next_k, max(count, rec.next_k)) * rec.dt
    return wanted[wanted <= horizon]


def resample_chunk(rec, times, values, dt):
    """Fixed step Dt/tvec recording: the samples decided by one chunk of steps.

    Each requested time t_req takes the value at the first step boundary t_n
    with t_req <= t_n + dt/2.  Steps arrive chunk by chunk; a request up to the
    chunk's last t + dt/2 is already decided, so it is emitted at once and only
    the last value is kept: memory grows with the samples, not with the steps
    (a Dt recording of a long run costs what it records).
    """
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    if t.size == 0:
        return v
    wanted = _wanted(rec, t[-1] + dt / 2)
    index = np.minimum(np.searchsorted(t + dt / 2, wanted, side="left"), t.size - 1)
    out = v[index]
    if rec.times is not None and rec.ref.kind == "time" and wanted.size:
        # NEURON handles the record event at the end of step k before it updates
        # the global t: a recorded t reads t_{k-1} when te <= t_k.
        previous = np.concatenate(([v[0] if rec.last_v is None else rec.last_v], v[:-1]))
        late = (wanted <= t[index]) & ((index > 0) | (rec.last_v is not None))
        out = np.where(late, previous[index], out)
    rec.next_k += wanted.size
    rec.last_v = float(v[-1])
    return out
