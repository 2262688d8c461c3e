"""VoltagePlot: v(t) of segments (or any recorded reference), redrawn after every run."""

import html
import io
import os
import time

import bqplot as bq
import ipywidgets as widgets
import numpy as np

from . import _api
from ._decimate import MAX_POINTS, minmax_decimate

#: d3's category10, the colours NEURON users know from matplotlib.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
#: Opacity of the faded earlier runs (one value: a new overlay then costs one message).
OVERLAY_OPACITY = 0.3
#: Minimum seconds between two redraws while a long run streams.
STREAM_INTERVAL = 0.1


class Trace:
    """One recorded quantity: a ``_ref_`` pointer, its label and unit."""

    def __init__(self, ref, label, unit, quantity=""):
        self.ref, self.label, self.unit, self.quantity = ref, label, unit, quantity
        self.vector = _api.new_recording(ref)

    @classmethod
    def from_item(cls, item):
        """Accept a segment, a section (its middle), ``(ref, label[, unit])`` or a ``_ref_``."""
        if isinstance(item, tuple):
            ref, label = item[0], str(item[1])
            unit = str(item[2]) if len(item) > 2 else _api.describe_ref(ref)[1]
            return cls(ref, label, unit)
        if hasattr(item, "_ref_v") and hasattr(item, "x") and hasattr(item, "sec"):
            return cls(item._ref_v, "%s.v" % item, "mV", "v")
        if hasattr(item, "nseg") and hasattr(item, "children"):
            segment = item(0.5)
            return cls(segment._ref_v, "%s.v" % segment, "mV", "v")
        label, unit, quantity = _api.describe_ref(item)
        return cls(item, label, unit, quantity)


def _default_items():
    sections = _api.all_sections()
    return [sections[0](0.5)] if sections else []


class VoltagePlot(widgets.VBox):
    """A bqplot figure of v(t) that follows every run.

    Parameters
    ----------
    *what : Segment, Section, ``_ref_`` pointer or ``(ref, label[, unit])``
        What to plot; default the middle of the first section.
    keep : int
        How many earlier runs stay visible as faded overlays.
    max_points : int
        Points per line sent to the browser (min/max decimation).
    """

    def __init__(self, *what, keep=5, max_points=MAX_POINTS, title="",
                 width="640px", height="360px", name="voltage_plot"):
        h = _api.get_h()
        self.traces = [Trace.from_item(item) for item in (what or _default_items())]
        self._t_vector = _api.new_recording(h._ref_t)
        self.max_points = int(max_points)
        self.export_name = name
        self._last_stream = 0.0
        self._drawn_new_run = False
        self._current = None  # (x, y) as last sent, float32
        self._to_archive = None  # the previous run, moved to an overlay after the next draw
        self._overlay_order = []  # overlay indices, newest first

        labels = [trace.label for trace in self.traces]
        colors = [PALETTE[i % len(PALETTE)] for i in range(len(self.traces))]
        self.x_scale = bq.LinearScale(min=0.0, max=float(h.tstop))
        self.y_scale = bq.LinearScale()
        scales = {"x": self.x_scale, "y": self.y_scale}
        self.line = bq.Lines(x=np.zeros(0, np.float32), y=np.zeros(0, np.float32),
                             scales=scales, colors=colors, labels=labels,
                             display_legend=bool(labels), stroke_width=2.0)
        self.overlays = [bq.Lines(x=np.zeros(0, np.float32), y=np.zeros(0, np.float32),
                                  scales=scales, colors=colors, visible=False,
                                  opacities=[OVERLAY_OPACITY] * len(self.traces),
                                  stroke_width=1.5, display_legend=False)
                         for _ in range(max(int(keep), 0))]
        axes = [bq.Axis(scale=self.x_scale, label="t (ms)", grid_lines="dashed"),
                bq.Axis(scale=self.y_scale, side="left", label=self._y_label(),
                        grid_lines="dashed", label_offset="45px")]
        self.figure = bq.Figure(marks=self.overlays + [self.line], axes=axes, title=title,
                                animation_duration=0, legend_location="top-right",
                                fig_margin={"top": 30, "bottom": 45, "left": 65, "right": 20},
                                layout=widgets.Layout(width=width, height=height))
        self.figure.add_class("nl-voltage-plot")  # lets browser tests find it

        self.keep_runs = widgets.Checkbox(value=True, description="keep earlier runs",
                                          indent=False, layout=widgets.Layout(width="150px"))
        buttons = [self._button("clear", "erase the faded earlier runs", self.clear_overlays),
                   self._button("CSV", "save t and the traces as CSV", self._save_csv),
                   self._button("PNG", "download the figure as PNG", self._save_png),
                   self._button("SVG", "download the figure as SVG", self._save_svg)]
        self.status = widgets.HTML("")
        toolbar = widgets.HBox([self.keep_runs] + buttons + [self.status])
        super().__init__([self.figure, toolbar])
        self._subscriptions = _api.Subscriptions(self, initialized="_on_initialized",
                                                 progress="_on_progress",
                                                 run_finished="_on_run_finished")
        self.refresh()

    # ----------------------------------------------------------- drawing

    def _y_label(self):
        units = sorted({trace.unit for trace in self.traces if trace.unit})
        quantities = {trace.quantity for trace in self.traces}
        if len(quantities) == 1 and "" not in quantities:
            quantity = quantities.pop()
        elif len(self.traces) == 1:
            quantity = self.traces[0].label
        else:
            quantity = "value"
        return "%s (%s)" % (quantity, ", ".join(units)) if units else quantity

    def data(self):
        """Full-resolution ``(t, [values per trace])`` of the current run, as numpy arrays."""
        t = _api.vector_values(self._t_vector)
        values = [_api.vector_values(trace.vector) for trace in self.traces]
        n = min([len(t)] + [len(v) for v in values])
        return t[:n], [v[:n] for v in values]

    def refresh(self):
        """Redraw the current run from the recording Vectors."""
        t, values = self.data()
        if len(t) == 0 or not values:
            return
        pairs = [minmax_decimate(t, v, self.max_points) for v in values]
        if len(pairs) == 1:
            x, y = pairs[0]
        else:  # each trace keeps its own extrema, so each gets its own abscissae
            x = np.stack([p[0] for p in pairs])
            y = np.stack([p[1] for p in pairs])
        h = _api.get_h()
        with self.x_scale.hold_sync():
            self.x_scale.min = 0.0
            self.x_scale.max = float(max(h.tstop, t[-1]))
        with self.line.hold_sync():
            self.line.x = x
            self.line.y = y
        self._current = (x, y)
        self._drawn_new_run = True
        # The new trace goes to the browser first, the faded copy of the old one
        # after it: what the student waits for is drawn first.
        if self._to_archive is not None:
            self._archive(self._to_archive)
            self._to_archive = None

    def _archive(self, data):
        unused = [i for i in range(len(self.overlays)) if i not in self._overlay_order]
        slot = unused[0] if unused else self._overlay_order.pop()
        overlay = self.overlays[slot]
        with overlay.hold_sync():
            overlay.x, overlay.y = data
            overlay.visible = True
        self._overlay_order.insert(0, slot)

    def clear_overlays(self, *_):
        """Erase the faded earlier runs."""
        for overlay in self.overlays:
            overlay.visible = False
        self._overlay_order = []
        self._to_archive = None

    @property
    def overlay_count(self):
        """How many earlier runs are shown faded."""
        return len(self._overlay_order)

    # ------------------------------------------------------------- hooks

    def _on_initialized(self, **_info):
        if (self.keep_runs.value and self.overlays and self._drawn_new_run
                and self._to_archive is None):
            self._to_archive = self._current
        self._drawn_new_run = False

    def _on_progress(self, **_info):
        now = time.perf_counter()
        if now - self._last_stream >= STREAM_INTERVAL:
            self._last_stream = now
            self.refresh()

    def _on_run_finished(self, **_info):
        self.refresh()

    # ------------------------------------------------------------ export

    def to_csv(self, path=None):
        """The current run at full resolution as CSV text; also written to ``path`` if given."""
        t, values = self.data()
        header = ["t (ms)"] + ["%s (%s)" % (tr.label, tr.unit) if tr.unit else tr.label
                               for tr in self.traces]
        buffer = io.StringIO()
        np.savetxt(buffer, np.column_stack([t] + values) if len(t) else np.zeros((0, 1 + len(values))),
                   delimiter=",", header=",".join(header), comments="", fmt="%.10g")
        text = buffer.getvalue()
        if path is not None:
            _api.write_text(path, text)
        return text

    def save_png(self, filename=None):
        """Ask the browser to download the figure as PNG (needs a displayed figure)."""
        self.figure.save_png(filename or self.export_name + ".png")

    def save_svg(self, filename=None):
        """Ask the browser to download the figure as SVG (needs a displayed figure)."""
        self.figure.save_svg(filename or self.export_name + ".svg")

    def _save_csv(self, _button):
        path = self.export_name + ".csv"
        try:
            # the button writes into the notebook's folder, never outside it
            _api.write_text(path, self.to_csv(), directory=os.getcwd())
        except (OSError, ValueError) as exc:
            self.status.value = ('<span class="nl-error">could not save: %s</span>'
                                 % html.escape(str(exc)))
        else:
            self.status.value = "saved <code>%s</code>" % html.escape(path)

    def _save_png(self, _button):
        self.save_png()
        self.status.value = "PNG sent to the browser's downloads"

    def _save_svg(self, _button):
        self.save_svg()
        self.status.value = "SVG sent to the browser's downloads"

    @staticmethod
    def _button(text, tooltip, handler):
        button = widgets.Button(description=text, tooltip=tooltip,
                                layout=widgets.Layout(width="auto"))
        button.on_click(handler)
        return button

    def close(self):
        self._subscriptions.close()
        for widget in [self.figure, self.line, *self.overlays, *self.figure.axes,
                       self.x_scale, self.y_scale]:
            widget.close()
        super().close()
