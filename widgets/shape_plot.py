"""ShapePlot: the morphology in 2-D, coloured by v, with a time scrubber over the last run."""

import html

import bqplot as bq
import ipywidgets as widgets
import numpy as np

from . import _api
from ._morphology import pad_pieces, section_polylines, segment_pieces
from ._runner import soon

#: Colour scale of v (mV), NEURON's Shape plot range.
V_RANGE = (-80.0, 40.0)
V_COLORS = ["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"]


class ShapePlot(widgets.VBox):
    """Sections drawn as lines coloured by membrane potential.

    Parameters
    ----------
    inspector : SectionInspector, optional
        Clicking a section (its dot) selects it there.

    The colours show v at the current time; after a run, the time slider
    scrubs through the recorded run (every segment's v is recorded).
    """

    def __init__(self, inspector=None, width="520px", height="360px"):
        self.inspector = inspector
        self._sections = []       # weak references, one per dot
        self._segment_owner = []  # section index of each drawn segment
        self._recordings = []     # one Vector per drawn segment
        self._t_vector = None
        self._quiet = False
        self.x_scale = bq.LinearScale()
        self.y_scale = bq.LinearScale()
        self.color_scale = bq.ColorScale(min=V_RANGE[0], max=V_RANGE[1], colors=V_COLORS)
        scales = {"x": self.x_scale, "y": self.y_scale}
        self.lines = bq.Lines(x=np.zeros(0, np.float32), y=np.zeros(0, np.float32),
                              color=None, scales={**scales, "color": self.color_scale},
                              stroke_width=6.0, colors=["#888888"])
        self.dots = bq.Scatter(x=np.zeros(0, np.float32), y=np.zeros(0, np.float32),
                               scales=scales, default_size=90, colors=["#333333"],
                               interactions={"click": "select", "hover": "tooltip"},
                               selected_style={"fill": "#ff00ff", "stroke": "black"},
                               tooltip=bq.Tooltip(fields=["index"]), names=[],
                               display_names=True)
        self.dots.observe(self._on_dot_selected, names="selected")
        color_axis = bq.ColorAxis(scale=self.color_scale, label="v (mV)",
                                  side="right")
        axes = [bq.Axis(scale=self.x_scale, label="x (\u00b5m)"),
                bq.Axis(scale=self.y_scale, side="left", label="y (\u00b5m)"),
                color_axis]
        self.figure = bq.Figure(marks=[self.lines, self.dots], axes=axes,
                                animation_duration=0, min_aspect_ratio=1, max_aspect_ratio=1,
                                fig_margin={"top": 20, "bottom": 45, "left": 60, "right": 80},
                                layout=widgets.Layout(width=width, height=height))
        self.figure.add_class("nl-shape-plot")
        self.time = widgets.FloatSlider(value=0.0, min=0.0, max=1.0, step=_api.get_h().dt,
                                        description="t (ms)", readout_format=".3f",
                                        continuous_update=True, disabled=True,
                                        layout=widgets.Layout(width="480px"))
        self.time.observe(self._on_time, names="value")
        self.status = widgets.HTML("")
        super().__init__([self.figure, self.time, self.status])
        self._subscriptions = _api.Subscriptions(
            self, structure_changed="_on_structure", run_finished="_on_run",
            initialized="_on_run")
        self.rebuild()

    # --------------------------------------------------------------- geometry

    def rebuild(self):
        """Recompute the drawing and the per-segment recordings from the model."""
        h = _api.get_h()
        drawn = section_polylines()
        self._sections = [_api.weak(sec) for sec, _line in drawn]
        pieces, owners, recordings, centres = [], [], [], []
        for index, (sec, line) in enumerate(drawn):
            segs = _api.segments(sec)
            for seg, piece in zip(segs, segment_pieces(line, len(segs))):
                pieces.append(piece)
                owners.append(index)
                recordings.append(_api.new_recording(seg._ref_v))
            middle = len(line) // 2
            centres.append(line[middle] if len(line) % 2 else 0.5 * (line[middle - 1] + line[middle]))
        self._segment_owner = owners
        for old in self._recordings + ([self._t_vector] if self._t_vector is not None else []):
            stop = getattr(old, "play_remove", None)  # NEURON's way to stop a recording
            if stop is not None:
                stop()
        self._recordings = recordings
        self._t_vector = _api.new_recording(h._ref_t) if recordings else None
        if not pieces:
            self.status.value = "no sections yet"
            with self.lines.hold_sync():
                self.lines.x, self.lines.y, self.lines.color = [], [], None
            return
        self.status.value = ""
        block = pad_pieces(pieces)
        self._set_equal_ranges(block.reshape(-1, 2))
        centres = np.array(centres, dtype=np.float32)
        with self.lines.hold_sync():
            self.lines.x = block[:, :, 0].astype(np.float32)
            self.lines.y = block[:, :, 1].astype(np.float32)
            self.lines.color = self._current_v()
        with self.dots.hold_sync():
            self.dots.x, self.dots.y = centres[:, 0], centres[:, 1]
            self.dots.names = [_api.section_name(sec) for sec, _line in drawn]
            self.dots.selected = None

    def _set_equal_ranges(self, points):
        low, high = points.min(axis=0), points.max(axis=0)
        centre, half = (low + high) / 2.0, max(float((high - low).max()) / 2.0 * 1.1, 1.0)
        with self.x_scale.hold_sync(), self.y_scale.hold_sync():
            self.x_scale.min, self.x_scale.max = float(centre[0] - half), float(centre[0] + half)
            self.y_scale.min, self.y_scale.max = float(centre[1] - half), float(centre[1] + half)

    @property
    def sections(self):
        """The sections drawn, in dot order (None for one deleted since)."""
        return [ref() for ref in self._sections]

    def _current_v(self):
        values = []
        for sec in self.sections:
            if sec is None or not _api.is_alive(sec):
                return None  # a structure_changed redraw is on its way
            values.extend(float(seg.v) for seg in _api.segments(sec))
        return np.array(values, dtype=np.float32)

    # ------------------------------------------------------------------ time

    def recorded(self):
        """(t, v) of the last run: t (n,) and v (segments, n), as numpy arrays."""
        if self._t_vector is None:
            return np.zeros(0), np.zeros((0, 0))
        t = _api.vector_values(self._t_vector)
        rows = [_api.vector_values(vec) for vec in self._recordings]
        n = min([len(t)] + [len(r) for r in rows])
        return t[:n], np.array([r[:n] for r in rows]).reshape(len(rows), n)

    def show_time(self, t_ms):
        """Colour the sections by v at the recorded sample nearest ``t_ms``."""
        t, v = self.recorded()
        if len(t) == 0:
            return
        index = int(np.clip(np.searchsorted(t, t_ms), 0, len(t) - 1))
        self.lines.color = v[:, index].astype(np.float32)

    def _on_time(self, change):
        if not self._quiet:
            self.show_time(float(change["new"]))

    def _on_run(self, **_info):
        soon(self, "_after_run")

    def _after_run(self):
        t, _v = self.recorded()
        self._quiet = True
        try:
            if len(t) > 1:
                self.time.disabled = False
                self.time.max = max(float(t[-1]), self.time.min + 1e-9)
                self.time.step = float(_api.get_h().dt)
                self.time.value = float(t[-1])
            else:
                self.time.disabled = True
        finally:
            self._quiet = False
        colours = self._current_v() if len(self._segment_owner) else None
        if colours is not None:
            self.lines.color = colours

    def _on_structure(self, **_info):
        soon(self, "rebuild")

    # ----------------------------------------------------------------- clicks

    def _on_dot_selected(self, change):
        indices = change["new"]
        if indices is None or len(indices) == 0:
            return
        index = int(indices[-1])
        sec = self._sections[index]() if 0 <= index < len(self._sections) else None
        if sec is not None and _api.is_alive(sec):
            self.select(sec)

    def select(self, sec):
        """Select ``sec``: tell the attached inspector and say so under the plot."""
        self.status.value = "selected <b>%s</b>" % html.escape(_api.section_name(sec))
        if self.inspector is not None:
            self.inspector.select(sec)

    def close(self):
        self._subscriptions.close()
        for widget in [self.figure, self.lines, self.dots, self.time, *self.figure.axes,
                       self.x_scale, self.y_scale, self.color_scale]:
            widget.close()
        super().close()
