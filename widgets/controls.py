"""Small factories turning parameter declarations into ipywidgets controls.

In the manner of ipywidgets' ``interact``: a declaration (name, unit, range)
becomes a slider labelled ``"name (unit)"``; without a range, a number box.

The control classes below behave exactly like their ipywidgets parents but
remember whether the change being handled came from the browser
(``control.from_frontend``), which lets the scheduler coalesce browser bursts
while a change made from Python code is simulated at once.
"""

import math

import ipywidgets as widgets

from . import _api


class FrontendAware:
    """Mixin: ``from_frontend`` is True while a change sent by the browser is applied."""

    from_frontend = False

    def set_state(self, sync_data):
        previous = self.from_frontend
        self.from_frontend = True
        try:
            super().set_state(sync_data)
        finally:
            self.from_frontend = previous


class FloatSlider(FrontendAware, widgets.FloatSlider):
    """ipywidgets.FloatSlider that knows where its changes come from."""


class FloatText(FrontendAware, widgets.FloatText):
    """ipywidgets.FloatText that knows where its changes come from."""


class Text(FrontendAware, widgets.Text):
    """ipywidgets.Text that knows where its changes come from."""


def label_for(param):
    """``"gmax (uS)"``, or the bare name for a dimensionless parameter."""
    return "%s (%s)" % (param.name, param.unit) if param.unit else param.name


def nice_step(span, divisions=200):
    """A 1-2-5 step giving about ``divisions`` steps over ``span``."""
    if not span > 0 or not math.isfinite(span):
        return 0.01
    raw = span / divisions
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


def on_grid(value, low, step):
    """True when ``value`` is ``low + k*step`` for an integer k (to rounding)."""
    k = (value - low) / step
    return abs(k - round(k)) < 1e-6


def grid_step(low, high, values, divisions=200, max_divisions=20000):
    """A 1-2-5 step near span/divisions on whose grid (from ``low``) every value lies.

    The browser's slider (noUiSlider) snaps a value to ``low + k*step`` as soon
    as it is drawn and sends the snapped value back; a value off the grid would
    be changed just by displaying the panel (AlphaSynapse tau 0.1 -> 0.11).
    Returns None (no snapping) when no reasonable step fits.
    """
    step = nice_step(high - low, divisions)
    while (high - low) / step <= max_divisions:
        if all(on_grid(v, low, step) for v in values):
            return step
        mantissa = round(step / 10.0 ** math.floor(math.log10(step)))
        step = step / 2.5 if mantissa == 5 else step / 2.0  # 5 -> 2 -> 1 -> 0.5 ...
    return None


def readout_format(step):
    """Enough decimals to show the step, no float noise (-1.4e-14 shows as 0.00)."""
    if step is None:
        return ".4g"
    return ".%df" % max(0, -math.floor(math.log10(step) + 1e-9))


def has_range(param):
    return (param.low is not None and param.high is not None
            and math.isfinite(param.low) and math.isfinite(param.high)
            and param.high > param.low)


_STYLE = {"description_width": "initial"}

#: What the simulator raises when it refuses a value (NEURON_FACTS.md section 7);
#: MemoryError: a run whose recordings would not fit (neuronlite.settings).
MODEL_ERRORS = (ValueError, TypeError, RuntimeError, AttributeError, ReferenceError,
                ArithmeticError, LookupError, MemoryError)


def control_for(param, value):
    """A slider over the declared range (stretched to include ``value``), else a number box."""
    label = label_for(param)
    tooltip = param.doc or label
    if has_range(param):
        low, high = min(param.low, value), max(param.high, value)
        step = grid_step(low, high, [value, param.default])
        return FloatSlider(value=value, min=low, max=high, step=step,
                           description=label, tooltip=tooltip,
                           readout_format=readout_format(step),
                           continuous_update=True, style=_STYLE,
                           layout=widgets.Layout(width="420px"))
    return FloatText(value=value, description=label, tooltip=tooltip, style=_STYLE,
                     layout=widgets.Layout(width="260px"))


class NumberField(widgets.HBox):
    """A labelled text box for a number that validates before anything changes.

    ``apply(value)`` is called with the parsed float; when parsing or applying
    raises, the error text is shown next to the box and the box reverts to
    ``read()`` (the model's current value), so a bad entry changes nothing.
    """

    def __init__(self, label, read, apply, width="110px"):
        self._read = read
        self._apply = apply
        self._quiet = False
        self.text = Text(value="", continuous_update=False,
                         layout=widgets.Layout(width=width))
        self.label = widgets.Label(label, layout=widgets.Layout(width="150px"))
        self.error = widgets.HTML("", layout=widgets.Layout(margin="0 0 0 8px"))
        super().__init__([self.label, self.text, self.error])
        self.refresh()
        self.text.observe(self._on_text, names="value")

    def _current_text(self):
        try:
            shown = self._read()
        except MODEL_ERRORS:
            return "?"
        return shown if isinstance(shown, str) else _api.fmt(shown)

    def refresh(self):
        """Show the model's current value (without treating it as an edit)."""
        try:
            shown = self._read()
        except MODEL_ERRORS as exc:
            shown = "?"
            self.show_error(exc)
        self._quiet = True
        try:
            self.text.value = shown if isinstance(shown, str) else _api.fmt(shown)
        finally:
            self._quiet = False

    def show_error(self, exc):
        message = exc if isinstance(exc, str) else _api.describe_error(exc)
        self.error.value = ('<span style="color:#b00020" class="nl-error">%s</span>'
                            % _escape(message))

    def _on_text(self, change):
        if self._quiet:
            return
        try:
            value = _api.parse_number(change["new"])
            self._apply(value)
        except MODEL_ERRORS as exc:  # shown to the student; the model is untouched
            # The rejected text stays in the box next to the message (so retyping
            # the old value is an edit that clears it); the model keeps its value.
            self.show_error("%s (unchanged: %s)" % (_api.describe_error(exc),
                                                   self._current_text()))
            return
        self.error.value = ""
        self.refresh()

    def close(self):
        for widget in (self.text, self.label, self.error):
            widget.close()
        super().close()


def _escape(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
