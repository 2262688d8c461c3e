"""RunControl: NEURON's RunControl panel (Init & Run, Init, Continue, Stop, tstop, dt, v_init)."""

import asyncio
import html
import math
import time

import ipywidgets as widgets

from . import _api
from ._runner import running_loop, scheduler
from .controls import MODEL_ERRORS, NumberField

#: Wall-clock seconds a chunk of a long run may take before the panel updates.
CHUNK_SECONDS = 0.15
#: Steps of the first chunk (small, so short runs finish in one go and long ones show progress).
FIRST_CHUNK_STEPS = 4000


def _positive(name):
    def check(value):
        if not value > 0:
            raise ValueError("%s must be > 0." % name)
        return value
    return check


class RunControl(widgets.VBox):
    """Buttons and fields that drive the standard run system.

    In a notebook the run goes in chunks between which the kernel listens to
    the browser, so Stop works and a progress bar follows long runs; in a
    script (no event loop) each button runs to completion at once.
    """

    def __init__(self):
        h = _api.get_h()
        if hasattr(h, "load_file"):
            h.load_file("stdrun.hoc")
        self._stop_requested = False
        self._task = None
        self._hold = None
        self._steps = FIRST_CHUNK_STEPS

        def button(text, tooltip, handler, style=""):
            b = widgets.Button(description=text, tooltip=tooltip, button_style=style,
                               layout=widgets.Layout(width="120px"))
            b.on_click(handler)
            return b

        self.init_run_button = button("Init & Run", "h.run()", self._on_init_run, "primary")
        self.init_button = button("Init", "h.finitialize(h.v_init)", self._on_init)
        self.stop_button = button("Stop", "h.stoprun = 1", self._on_stop, "warning")
        self.continue_til_button = button("Continue til", "h.continuerun(t_end)",
                                          self._on_continue_til)
        self.continue_for_button = button("Continue for", "h.continuerun(h.t + span)",
                                          self._on_continue_for)
        self.til_field = widgets.FloatText(value=float(h.tstop), layout=widgets.Layout(width="90px"))
        self.for_field = widgets.FloatText(value=1.0, layout=widgets.Layout(width="90px"))
        self.tstop_field = NumberField("tstop (ms)", lambda: h.tstop,
                                       lambda v: self._set_global("tstop", _positive("tstop")(v)))
        self.dt_field = NumberField("dt (ms)", lambda: h.dt,
                                    lambda v: self._set_global("dt", _positive("dt")(v)))
        self.v_init_field = NumberField("v_init (mV)", lambda: h.v_init,
                                        lambda v: self._set_global("v_init", v))
        self.t_readout = widgets.HTML(self._t_text())
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0,
                                              layout=widgets.Layout(width="300px",
                                                                    visibility="hidden"))
        self.status = widgets.HTML("")
        super().__init__([
            widgets.HBox([self.init_run_button, self.init_button, self.stop_button]),
            widgets.HBox([self.continue_til_button, self.til_field,
                          self.continue_for_button, self.for_field]),
            self.tstop_field, self.dt_field, self.v_init_field,
            widgets.HBox([self.t_readout, self.progress]), self.status,
        ], layout=widgets.Layout(padding="4px"))
        self._subscriptions = _api.Subscriptions(
            self, initialized="_on_time", progress="_on_progress", run_finished="_on_time",
            value_changed="_on_value_changed")

    # ------------------------------------------------------------ fields

    @staticmethod
    def _set_global(name, value):
        setattr(_api.get_h(), name, value)

    @staticmethod
    def _t_text():
        return "t = <b>%s</b> ms" % _api.fmt(float(_api.get_h().t))

    def _on_value_changed(self, owner=None, name=None, **_info):
        if owner is None:
            field = {"tstop": self.tstop_field, "dt": self.dt_field,
                     "v_init": self.v_init_field}.get(name)
            if field is not None:
                field.refresh()

    def _on_time(self, **_info):
        self.t_readout.value = self._t_text()
        self.dt_field.refresh()  # stdinit's setdt may have changed dt (NEURON_FACTS.md 1.4)

    def _on_progress(self, t=None, tstop=None, **_info):
        self.t_readout.value = self._t_text()
        if t is not None and tstop:
            self.progress.value = min(max(t / tstop, 0.0), 1.0)

    # ----------------------------------------------------------- buttons

    def _on_init_run(self, _button=None):
        self.run()

    def _on_init(self, _button=None):
        h = _api.get_h()
        self._guard(lambda: h.finitialize(h.v_init))

    def _on_stop(self, _button=None):
        self._stop_requested = True
        _api.get_h().stoprun = 1

    def _on_continue_til(self, _button=None):
        self.continue_run(float(self.til_field.value))

    def _on_continue_for(self, _button=None):
        self.continue_run(float(_api.get_h().t) + float(self.for_field.value))

    # ------------------------------------------------------------- running

    def run(self):
        """Init & Run: ``stdinit()`` then advance to ``tstop``."""
        h = _api.get_h()
        if running_loop() is None or scheduler.busy:
            self._guard(h.run)
            return
        # each chunk alone is small: the limits are checked for the whole run, and
        # before stdinit clears the Vectors that the plots show
        if not self._guard(lambda: _api.check_run(float(h.tstop))):
            return
        if not self._guard(self._stdinit):
            return
        self._start_chunked(float(h.tstop))

    def continue_run(self, t_end):
        """Continue from the current t to ``t_end`` (ms)."""
        h = _api.get_h()
        # NaN or inf from a box: the simulator refuses at once (in chunks it never would end)
        if running_loop() is None or scheduler.busy or not math.isfinite(t_end):
            self._guard(lambda: h.continuerun(t_end))
            return
        if not self._guard(lambda: _api.check_run(t_end, continuing=True)):
            return
        self._start_chunked(t_end)

    @staticmethod
    def _stdinit():
        h = _api.get_h()
        if hasattr(h, "stdinit"):
            h.stdinit()
        else:
            h.finitialize(h.v_init)

    def _guard(self, action):
        self.status.value = ""
        try:
            action()
        except MODEL_ERRORS as exc:
            self.status.value = ('<span style="color:#b00020" class="nl-error">%s</span>'
                                 % html.escape(_api.describe_error(exc)))
            return False
        finally:
            self.t_readout.value = self._t_text()
        return True

    def _start_chunked(self, t_end):
        """First chunk now (short runs end here); the rest from a task, yielding in between."""
        self._stop_requested = False
        self._hold = scheduler.hold()
        self._hold.__enter__()
        self._steps = FIRST_CHUNK_STEPS
        if self._advance_chunk(t_end):
            self._finish()
        else:
            self._task = running_loop().create_task(self._chunks(t_end))

    def _advance_chunk(self, t_end):
        """Advance by at most one chunk toward ``t_end``; True when there is nothing left."""
        h = _api.get_h()
        dt = float(h.dt)
        # hoc's tolerance, as continuerun itself (else a tie would loop for ever)
        if self._stop_requested or t_end - float(h.t) <= dt / 2 + 1e-11:
            return True
        remaining = t_end - float(h.t)
        target = t_end if remaining <= self._steps * dt else float(h.t) + self._steps * dt
        started = time.perf_counter()
        if not self._guard(lambda: h.continuerun(target)):
            return True
        elapsed = time.perf_counter() - started
        if float(h.t) >= t_end - dt / 2 - 1e-11:
            return True
        # stdrun's loop condition (t < tstop - dt/2) makes chunked advances take
        # exactly the steps of one continuerun(t_end) (NEURON_FACTS.md 1.4).
        self._steps = max(int(self._steps * CHUNK_SECONDS / max(elapsed, 1e-4)), 10)
        self.progress.layout.visibility = "visible"
        self.progress.value = min(float(h.t) / t_end, 1.0) if t_end else 1.0
        return self._stop_requested

    async def _chunks(self, t_end):
        try:
            while True:
                await asyncio.sleep(0)  # the kernel reads the browser's messages (Stop) here
                if self._advance_chunk(t_end):
                    break
        finally:
            self._finish()

    def _finish(self):
        self.progress.layout.visibility = "hidden"
        self._task = None
        hold, self._hold = self._hold, None
        if hold is not None:
            hold.__exit__(None, None, None)  # simulates requests that waited for this run

    @property
    def running(self):
        """True while a chunked run is in progress."""
        return self._task is not None

    def close(self):
        self._stop_requested = True
        self._subscriptions.close()
        super().close()
