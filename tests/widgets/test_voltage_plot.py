"""VoltagePlot: follows every run, keeps faded overlays, decimates, exports."""

import numpy as np
import pytest

import neuronlite_widgets.voltage_plot as voltage_plot_module
from neuronlite_widgets import VoltagePlot


class Sent:
    """Stands in for a widget's comm.send and keeps what would go to the browser."""

    def __init__(self):
        self.messages = []

    def __call__(self, data=None, buffers=None, **_kwargs):
        self.messages.append((data, buffers))

    def updates(self):
        return [data["state"] for data, _ in self.messages if data.get("method") == "update"]


def test_axes_legend_and_data_follow_a_run(worksheet):
    h, soma = worksheet.h, worksheet.soma
    plot = VoltagePlot(soma(0.5))
    x_axis, y_axis = plot.figure.axes
    assert x_axis.label == "t (ms)" and y_axis.label == "v (mV)"
    assert plot.line.labels == ["soma(0.5).v"] and plot.line.display_legend
    assert plot.figure.animation_duration == 0
    assert len(plot.line.y) == 0
    t, v = h.Vector(), h.Vector()
    t.record(h._ref_t)
    v.record(soma(0.5)._ref_v)
    h.run()
    assert plot.line.x.dtype == plot.line.y.dtype == np.float32
    np.testing.assert_array_equal(plot.line.x, np.array(t, dtype=np.float32))
    np.testing.assert_array_equal(plot.line.y, np.array(v, dtype=np.float32))
    assert len(t) == 1601 and plot.x_scale.max == pytest.approx(40.0)
    assert plot.line.y.max() == pytest.approx(max(v), abs=1e-4)


def test_default_is_the_middle_of_the_first_section(worksheet):
    plot = VoltagePlot()
    assert [trace.label for trace in plot.traces] == ["soma(0.5).v"]


def test_several_traces_and_other_references(ball_and_stick):
    h, soma, dend = ball_and_stick.h, ball_and_stick.soma, ball_and_stick.dends[0]
    plot = VoltagePlot(soma(0.5), dend(1.0))
    current = VoltagePlot((ball_and_stick.asyn._ref_i, "asyn.i", "nA"))
    h.run()
    assert plot.line.y.shape == plot.line.x.shape == (2, 1601)
    assert plot.line.labels == ["soma(0.5).v", "dend1(1).v"]
    assert current.figure.axes[1].label == "asyn.i (nA)"
    assert current.line.y.min() < -0.01  # inward synaptic current after onset


def test_bare_references_are_labelled_from_their_declaration(worksheet):
    h, soma, asyn = worksheet.h, worksheet.soma, worksheet.asyn
    current = VoltagePlot(asyn._ref_i)
    leak = VoltagePlot(soma(0.5)._ref_i_pas)
    assert current.traces[0].label == "AlphaSynapse[0].i"
    assert current.figure.axes[1].label == "i (nA)"
    assert leak.figure.axes[1].label == "i_pas (mA/cm2)"
    h.run()
    assert len(current.line.y) == len(leak.line.y) == 1601


def test_the_new_trace_is_sent_before_the_faded_copy_of_the_old(worksheet, monkeypatch):
    plot = VoltagePlot(worksheet.soma(0.5), keep=2)
    worksheet.h.run()
    order = []
    for mark in [plot.line, *plot.overlays]:
        monkeypatch.setattr(mark.comm, "send",
                            lambda data=None, buffers=None, mark=mark, **_: order.append(mark))
    worksheet.asyn.gmax = 2.0
    worksheet.h.run()
    assert order == [plot.line, plot.overlays[0]]  # one message each, the new trace first


def test_each_redraw_is_one_message_with_float32_x_and_y(worksheet, monkeypatch):
    plot = VoltagePlot(worksheet.soma(0.5), keep=0)
    sent = Sent()
    monkeypatch.setattr(plot.line.comm, "send", sent)
    worksheet.h.run()
    updates = sent.updates()
    assert len(updates) == 1 and {"x", "y"} <= set(updates[0])
    assert updates[0]["y"]["dtype"] == "float32" and updates[0]["x"]["dtype"] == "float32"


def test_earlier_runs_stay_as_faded_overlays(worksheet):
    h, asyn = worksheet.h, worksheet.asyn
    plot = VoltagePlot(worksheet.soma(0.5), keep=5)
    h.run()
    assert plot.overlay_count == 0
    first = plot.line.y.copy()
    asyn.gmax = 2.0
    h.run()
    assert plot.overlay_count == 1
    newest = plot.overlays[plot._overlay_order[0]]
    np.testing.assert_array_equal(newest.y, first)
    assert newest.visible and newest.opacities[0] < 1.0
    for gmax in (0.5, 1.5, 2.5, 3.0, 3.5, 4.0):
        asyn.gmax = gmax
        h.run()
    assert plot.overlay_count == 5
    assert all(plot.overlays[slot].opacities == [0.3] for slot in plot._overlay_order)
    plot.clear_overlays()
    assert plot.overlay_count == 0 and not any(o.visible for o in plot.overlays)
    plot.keep_runs.value = False
    h.run()
    assert plot.overlay_count == 0


def test_long_runs_are_decimated_min_max(worksheet):
    h = worksheet.h
    h.tstop = 1000.0
    worksheet.asyn.gmax = 5.0
    plot = VoltagePlot(worksheet.soma(0.5))
    v = h.Vector()
    v.record(worksheet.soma(0.5)._ref_v)
    h.run()
    assert len(v) == 40001
    assert len(plot.line.y) <= voltage_plot_module.MAX_POINTS
    assert plot.line.y.max() == np.float32(max(v)) and plot.line.y.min() == np.float32(min(v))
    t, values = plot.data()
    assert len(t) == 40001 and len(values[0]) == 40001  # full resolution kept for export


def test_long_runs_stream_while_running(worksheet, monkeypatch):
    h = worksheet.h
    h.tstop = 1000.0  # 40000 steps: several progress chunks
    monkeypatch.setattr(voltage_plot_module, "STREAM_INTERVAL", 0.0)
    plot = VoltagePlot(worksheet.soma(0.5))
    lengths = []
    plot.line.observe(lambda change: lengths.append(float(change["owner"].x[-1])), names="y")
    h.run()
    assert len(lengths) >= 3
    assert lengths[0] < 1000.0 and lengths[-1] == pytest.approx(1000.0)
    assert lengths == sorted(lengths)


def test_csv_export_is_full_resolution(worksheet, tmp_path):
    h = worksheet.h
    plot = VoltagePlot(worksheet.soma(0.5))
    h.run()
    path = tmp_path / "trace.csv"
    text = plot.to_csv(str(path))
    lines = path.read_text().splitlines()
    assert text.splitlines() == lines
    assert lines[0] == "t (ms),soma(0.5).v (mV)"
    assert len(lines) == 1 + 1601
    t_last, v_last = map(float, lines[-1].split(","))
    assert t_last == pytest.approx(40.0) and v_last == pytest.approx(worksheet.soma(0.5).v)


def test_png_and_svg_export_ask_the_browser(worksheet, monkeypatch):
    plot = VoltagePlot(worksheet.soma(0.5), name="ws")
    sent = Sent()
    monkeypatch.setattr(plot.figure.comm, "send", sent)
    plot.save_png()
    plot.save_svg("trace.svg")
    kinds = [(data["content"]["type"], data["content"]["filename"])
             for data, _ in sent.messages if data.get("method") == "custom"]
    assert kinds == [("save_png", "ws.png"), ("save_svg", "trace.svg")]


def test_closing_stops_listening(worksheet):
    from neuronlite import hooks
    plot = VoltagePlot(worksheet.soma(0.5))
    assert hooks.has_listeners("run_finished")
    plot.close()
    assert not hooks.has_listeners("run_finished")
