"""Applying parameter changes and rerunning, with slider storms coalesced.

ipywidgets has no debounce.  Every panel that wants "set a value, then
simulate" goes through the single :data:`scheduler`:

* a request records a zero-argument ``apply`` under a key (one key per
  parameter), replacing any earlier request for that key still waiting;
* while a run is in progress (a chunked RunControl run, or a listener that
  reacts to a run by moving another control), requests only wait: when the run
  ends, the latest values are applied and simulated once more;
* changes that come from the browser are deferred to the next turn of the
  kernel's event loop, so that a burst of queued messages becomes one run;
  changes made from Python code run at once, so ``control.value = x`` is
  followed by results that reflect ``x``.

So the last value always wins and is always simulated and drawn.
"""

import asyncio
import time
import warnings

from . import _api


def running_loop():
    """The event loop running in this thread (the kernel's), or None (scripts, tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def soon(owner, method_name):
    """Call ``owner.<method_name>()`` on the next turn of the event loop, once per burst.

    Without a running loop (scripts, tests) it is called at once.  Used for
    redraws that many hook events in a row would otherwise repeat.
    """
    loop = running_loop()
    if loop is None:
        getattr(owner, method_name)()
        return
    flags = owner.__dict__.setdefault("_soon_pending", set())
    if method_name in flags:
        return
    flags.add(method_name)

    def call():
        flags.discard(method_name)
        getattr(owner, method_name)()

    loop.call_soon(call)


class _Request:
    __slots__ = ("apply", "on_error", "run")

    def __init__(self, apply, on_error, run):
        self.apply, self.on_error, self.run = apply, on_error, run


class RunScheduler:
    """Serialises "apply values, then h.run()" for every panel of the kernel."""

    def __init__(self):
        self._pending = {}
        self._busy = False
        self._scheduled = False
        #: Number of h.run() calls made for requests (tests and benchmarks read it).
        self.runs = 0
        #: Seconds taken by the last run.
        self.last_run_seconds = 0.0

    @property
    def busy(self):
        """True while a run (or a chunked run of RunControl) is in progress."""
        return self._busy

    def request(self, key, apply, *, run=True, on_error=None, defer=False):
        """Apply ``apply()`` and (if ``run``) rerun the simulation, coalescing bursts.

        ``on_error(exc)`` is called when applying or running raises.
        """
        self._pending[key] = _Request(apply, on_error, run)
        if self._busy:
            return
        if defer:
            loop = running_loop()
            if loop is not None:
                if not self._scheduled:
                    self._scheduled = True
                    loop.call_soon(self._deferred_drain)
                return
        self.drain()

    def _deferred_drain(self):
        self._scheduled = False
        self.drain()

    def drain(self):
        """Apply every waiting request and simulate, until nothing waits any more."""
        if self._busy:
            return
        self._busy = True
        try:
            while self._pending:
                batch, self._pending = self._pending, {}
                applied = []
                for request in batch.values():
                    try:
                        request.apply()
                    except Exception as exc:  # reported to the panel that asked
                        _report(request, exc)
                    else:
                        applied.append(request)
                if any(request.run for request in applied):
                    self._run(applied)
        finally:
            self._busy = False

    def _run(self, requests):
        started = time.perf_counter()
        try:
            _api.get_h().run()
        except Exception as exc:  # e.g. a geometry error raised by the core
            for request in requests:
                _report(request, exc)
        finally:
            self.runs += 1
            self.last_run_seconds = time.perf_counter() - started

    def reset(self):
        """Forget waiting requests and counters (tests start from a clean scheduler)."""
        self._pending = {}
        self._busy = False
        self._scheduled = False
        self.runs = 0

    def hold(self):
        """Context manager marking a run in progress (used by RunControl's chunked runs)."""
        return _Hold(self)


class _Hold:
    def __init__(self, scheduler):
        self._scheduler = scheduler
        self._was_busy = False

    def __enter__(self):
        self._was_busy = self._scheduler._busy
        self._scheduler._busy = True
        return self._scheduler

    def __exit__(self, *exc_info):
        self._scheduler._busy = self._was_busy
        if not self._was_busy:
            self._scheduler.drain()
        return False


def _report(request, exc):
    if request.on_error is not None:
        request.on_error(exc)
    else:
        warnings.warn("%s while applying a parameter: %s" % (type(exc).__name__, exc),
                      RuntimeWarning, stacklevel=3)


#: The kernel-wide scheduler shared by all panels.
scheduler = RunScheduler()
