"""Vector.record bookkeeping: which Vector samples which Ref, and how often."""
import weakref

import numpy as np


_EMPTY = np.zeros(0)
_EMPTY.flags.writeable = False


class Recording:
    __slots__ = ("vector", "ref", "dt", "times", "offset", "compiled", "next_k", "next_te",
                 "tail_t", "tail_v", "prev")

    def __init__(self, vector, ref, dt=None, times=None):
        self.vector = weakref.ref(vector)
        self.ref = ref
        self.dt = dt
        self.times = times
        self.offset = -1
        self.compiled = None   # the compiled model ``offset`` belongs to
        self.prev = 0.0        # i_cap recordings: v of the previous step
        self.restart()

    def restart(self):
        """finitialize: Dt/tvec sampling starts again at the first requested time."""
        self.next_k = 0             # index of the next requested sample time
        self.next_te = None         # Dt recordings: that time (None: 0)
        self.tail_t = _EMPTY        # the last two step boundaries seen, and their values:
        self.tail_v = _EMPTY        # no step has started at the last one yet


class Recorder:
    """Holds the recordings; the simulation asks it for offsets and hands it samples."""

    def __init__(self):
        self._recordings = []
        self.version = 0       # changes with every record() and clear()

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
        self.version += 1

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
        self.version += 1


def _wanted(rec, horizon):
    """Requested sample times not yet taken, up to ``horizon`` (ms), in order."""
    if rec.times is not None:
        times = np.asarray(rec.times.as_numpy(), dtype=float)[rec.next_k:]
        due = times <= horizon
        # taken in order: a time beyond the horizon holds back those after it
        count = due.size if due.all() else int(np.argmin(due))
        return times[:count]
    # NEURON requeues a Dt record event at te + Dt: the times are sums, not k*Dt
    # (0.1 + 0.1 + 0.1 = 0.30000000000000004), and a recorded t reads them
    first = rec.next_k * rec.dt if rec.next_te is None else rec.next_te
    count = max(int(np.floor((horizon - first) / rec.dt + 1e-9)) + 2, 0)
    steps = np.full(count, rec.dt)
    if count:
        steps[0] = first
    wanted = np.add.accumulate(steps)
    return wanted[wanted <= horizon]


def resample_chunk(rec, times, values, dt, at_start=False):
    """Fixed step Dt/tvec recording: the samples decided by one chunk of steps.

    NEURON takes a requested time te with the value at the first step boundary
    t_n where te <= t_n + dt/2.  It delivers the request when a step starts at
    t_n, or already at the end of the step that reached t_n if te <= t_n
    (finitialize: te <= dt/2).  So at the last boundary of a run only requests
    up to t itself are taken: a run to tstop = 2 ms with Dt = 0.1 ms ends at
    t = 1.999999999999995 and records 0 .. 1.9 ms (te = 2.0000000000000004),
    as NEURON does; the next step takes 2.0.  Requests are emitted as soon as
    they are decided and only the last two boundaries are kept, so memory grows
    with the samples, not with the steps.
    """
    t = np.concatenate((rec.tail_t, np.asarray(times, dtype=float)))
    v = np.concatenate((rec.tail_v, np.asarray(values, dtype=float)))
    out = np.zeros(0)
    if t.size:
        wanted = _wanted(rec, t[-1] + dt / 2 if at_start else t[-1])
        index = np.searchsorted(t + dt / 2, wanted, side="left")
        out = v[index]
        if rec.dt is not None and rec.ref.kind == "time":
            out = wanted                # NEURON sets t to the event time while recording
        if rec.dt is not None and wanted.size:
            rec.next_te = wanted[-1] + rec.dt
        if rec.times is not None and rec.ref.kind == "time" and wanted.size:
            # NEURON handles the record event at the end of step k before it updates
            # the global t: a recorded t reads t_{k-1} when te <= t_k.  (index 0 is
            # t = 0 only before any step: the tail keeps an earlier boundary.)
            late = (wanted <= t[index]) & (index > 0)
            out = np.where(late, v[np.maximum(index - 1, 0)], out)
        rec.next_k += wanted.size
    rec.tail_t, rec.tail_v = t[-2:].copy(), v[-2:].copy()
    return out
