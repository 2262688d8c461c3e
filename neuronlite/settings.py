"""Safety limits of a session, changeable at run time.

NEURON has no such limits: ``h.tstop = 1e12`` with a recording allocates
until the machine runs out of memory, and a run whose voltage blows up
plots garbage.  neuronlite refuses those runs before they start (or stops
them when they go wrong) with an exception that says which limit was hit and
how to change it::

    import neuronlite.settings
    neuronlite.settings.max_recording_bytes = 8e9   # allow 8 GB of recordings

Assignments are checked (a limit must be a positive number), so a typo cannot
silently switch a protection off.  ``override(...)`` changes limits for a
``with`` block only.
"""
import contextlib
import math
import sys
import types

#: Most bytes the recording Vectors of one run may hold together (2 GiB).
#: A run that would exceed it raises RecordingTooLarge before it allocates.
max_recording_bytes = 2 * 1024 ** 3

#: Most fixed time steps one h.run()/continuerun() may take.  At about 0.1 us
#: per step and compartment this is minutes to hours of computing; more is
#: almost always a mistake (dt = 1e-9 ms, tstop = 1e12 ms).
max_steps = 10 ** 9

#: Most events the NetStims may deliver in one run.  Each one passes through
#: Python (about a microsecond or more); 10^7 is already a long wait.
max_events = 10 ** 7

#: Membrane potential (mV) beyond which a run counts as numerically unstable
#: (no living membrane is ever near 10 V).
max_abs_v = 1e4

#: Most elements one Vector may be created or resized to (NEURON refuses
#: sizes beyond its std::vector limit; numpy would ask the OS for terabytes).
max_vector_size = 2 ** 31 - 1

_DEFAULTS = {"max_recording_bytes": max_recording_bytes, "max_steps": max_steps,
             "max_events": max_events,
             "max_abs_v": max_abs_v, "max_vector_size": max_vector_size}


def _checked(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("neuronlite.settings.%s must be a number, not %s"
                        % (name, type(value).__name__))
    if not (value > 0 and math.isfinite(value)):
        raise ValueError("neuronlite.settings.%s must be a positive finite number, got %r"
                         % (name, value))
    return value


def reset():
    """Back to the defaults (tests start from them)."""
    for name, value in _DEFAULTS.items():
        setattr(sys.modules[__name__], name, value)


@contextlib.contextmanager
def override(**limits):
    """``with settings.override(max_steps=10**10): h.run()`` - limits for one block."""
    module = sys.modules[__name__]
    saved = {name: getattr(module, name) for name in limits}
    try:
        for name, value in limits.items():
            setattr(module, name, value)
        yield module
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def check_run(tstop=None, continuing=False):
    """Raise now what ``h.run()`` to ``tstop`` (default h.tstop) would raise for a limit.

    RecordingTooLarge (a MemoryError), TooManySteps or TooManyEvents (RuntimeErrors),
    before anything is cleared: a panel calls it before it starts a run in chunks.
    ``continuing=True``: for ``h.continuerun(tstop)`` from the present t instead.
    """
    from .compat.stdrun import STDRUN
    from .engine import budget
    from .engine.simulation import SIM
    if continuing:
        budget.check(SIM, float(tstop), "continuerun(%g)" % float(tstop))
    else:
        budget.check_run(SIM, STDRUN.values, None if tstop is None else float(tstop))


def human_bytes(count):
    """``2147483648`` -> ``'2 GiB'`` (for messages)."""
    value = float(count)
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(value) < 1024 or unit == "PiB":
            return ("%d %s" % (value, unit)) if unit == "bytes" else "%.3g %s" % (value, unit)
        value /= 1024.0
    return "%g bytes" % count


class _SettingsModule(types.ModuleType):
    """Module type that validates assignments to the limits above."""

    def __setattr__(self, name, value):
        if name in _DEFAULTS:
            value = _checked(name, value)
        elif not name.startswith("_") and name not in self.__dict__:
            raise AttributeError("neuronlite.settings has no setting %r; settings: %s"
                                 % (name, ", ".join(sorted(_DEFAULTS))))
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _SettingsModule
