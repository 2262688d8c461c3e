"""PointProcessManager: one control per parameter of a point process; moving one reruns."""

import html

import ipywidgets as widgets

from . import _api
from ._runner import scheduler
from .controls import MODEL_ERRORS, on_grid, control_for, grid_step, readout_format


def _title(pp):
    try:
        segment = pp.get_segment()
    except (AttributeError, TypeError, RuntimeError):
        segment = None
    return "<b>%s</b>%s" % (html.escape(str(pp)),
                            " at %s" % html.escape(str(segment)) if segment is not None else "")


class PointProcessManager(widgets.VBox):
    """Sliders for a point process (e.g. an AlphaSynapse), like NEURON's PointProcessManager.

    Parameters
    ----------
    pp : point process
        The object whose parameters the controls set (``asyn``).
    rerun : bool
        When True, every change reruns the simulation (``h.run()``) so that
        every plot updates; a burst of changes is simulated once more with the
        latest values.

    Attributes
    ----------
    controls : dict
        Parameter name -> its ipywidgets control (``controls["gmax"].value = 0.5``).
    """

    def __init__(self, pp, rerun=True):
        self._pp = _api.weak(pp)  # never keeps the synapse alive (see _api.weak)
        self.rerun = rerun
        self.parameters = {param.name: param for param in _api.parameters_of(pp)}
        self.controls = {}
        self._quiet = False
        for name, param in self.parameters.items():
            control = control_for(param, float(getattr(pp, name)))
            control.observe(self._on_control, names="value")
            self.controls[name] = control
        self.header = widgets.HTML(_title(pp))
        self.status = widgets.HTML("")
        self.auto_run = widgets.Checkbox(value=bool(rerun), description="run on change",
                                         indent=False)
        self.auto_run.observe(self._on_auto_run, names="value")
        super().__init__([self.header, *self.controls.values(),
                          widgets.HBox([self.auto_run, self.status])],
                         layout=widgets.Layout(padding="4px"))
        self.add_class("nl-point-process-manager")
        self._subscriptions = _api.Subscriptions(self, value_changed="_on_value_changed")

    @property
    def pp(self):
        """The point process controlled (None once it no longer exists)."""
        return self._pp()

    # ------------------------------------------------------------ control -> model

    def _on_control(self, change):
        if self._quiet:
            return
        control = change["owner"]
        name = next(key for key, widget in self.controls.items() if widget is control)
        value = float(change["new"])
        if control.from_frontend and self._is_echo(control, name, value):
            return
        pp_ref = self._pp

        def apply():
            setattr(_api.deref(pp_ref, "point process"), name, value)

        self.status.value = ""
        scheduler.request((id(self), name), apply, run=self.rerun,
                          on_error=lambda exc: self._rejected(name, exc),
                          defer=control.from_frontend)

    def _is_echo(self, control, name, value):
        """True for the browser's float-noise echo of the value already set (no real move)."""
        try:
            current = float(getattr(self.pp, name))
        except MODEL_ERRORS:
            return False
        span = float(getattr(control, "max", 1.0)) - float(getattr(control, "min", 0.0))
        return abs(value - current) <= 1e-9 * max(abs(span), abs(current), 1e-300)

    def _rejected(self, name, exc):
        self.status.value = ('<span style="color:#b00020" class="nl-error">%s: %s</span>'
                             % (html.escape(name), html.escape(_api.describe_error(exc))))
        self.refresh()

    def _on_auto_run(self, change):
        self.rerun = bool(change["new"])

    # ------------------------------------------------------------ model -> control

    def refresh(self):
        """Show the point process's current values (without simulating)."""
        pp = self.pp
        if pp is None:
            return
        self._quiet = True
        try:
            for name, control in self.controls.items():
                try:
                    value = float(getattr(pp, name))
                except MODEL_ERRORS:
                    continue
                if hasattr(control, "step"):
                    self._fit_slider(control, name, value)
                control.value = value
        finally:
            self._quiet = False

    def _fit_slider(self, control, name, value):
        """Stretch the range and refine the step so the browser shows ``value`` unsnapped."""
        with control.hold_trait_notifications():
            if value > control.max:
                control.max = value
            if value < control.min:
                control.min = value
            step = control.step
            if step is not None and not on_grid(value, control.min, step):
                step = grid_step(control.min, control.max,
                                 [value, self.parameters[name].default])
                control.step = step
                control.readout_format = readout_format(step)

    def _on_value_changed(self, owner=None, name=None, **_info):
        if owner is not None and owner is self.pp and name in self.controls and not self._quiet:
            try:
                value = float(getattr(owner, name))
            except MODEL_ERRORS:
                return
            if self.controls[name].value != value:
                self.refresh()

    def close(self):
        self._subscriptions.close()
        for control in self.controls.values():
            control.close()
        super().close()
