"""ShapePlot: morphology in 2-D, coloured by v, scrubbed in time, clicks select sections."""

import numpy as np
import pytest

from neuronlite_widgets import SectionInspector, ShapePlot


def endpoints(shape):
    """(start, end) points of every drawn segment piece."""
    # bqplot squeezes a single line's (1, n) arrays to (n,)
    x, y = np.atleast_2d(shape.lines.x), np.atleast_2d(shape.lines.y)
    return np.stack([x[:, 0], y[:, 0]], axis=1), np.stack([x[:, -1], y[:, -1]], axis=1)


def test_single_section_is_a_horizontal_line(worksheet):
    shape = ShapePlot()
    start, end = endpoints(shape)
    np.testing.assert_allclose(start, [[0.0, 0.0]])
    np.testing.assert_allclose(end, [[100.0, 0.0]])
    assert list(shape.dots.names) == ["soma"]
    assert shape.figure.axes[0].label == "x (\u00b5m)"


def test_automatic_layout_fans_children_out(ball_and_stick):
    shape = ShapePlot()
    assert list(shape.dots.names) == ["soma", "dend1", "dend2", "axon"]
    start, end = endpoints(shape)
    assert len(start) == 1 + 3 * 5  # one piece per segment
    dend1 = slice(1, 6)
    dend2 = slice(6, 11)
    axon = slice(11, 16)
    np.testing.assert_allclose(start[1], [100.0, 0.0], atol=1e-4)  # dend1 leaves soma(1)
    np.testing.assert_allclose(start[11], [0.0, 0.0], atol=1e-4)   # axon leaves soma(0)
    lengths = np.hypot(*(end[dend1][-1] - start[dend1][0]))
    assert lengths == pytest.approx(200.0, rel=1e-5)
    assert end[dend1][-1][1] * end[dend2][-1][1] < 0  # the two dendrites on either side
    assert end[axon][-1][0] < -150.0                    # the axon points the other way
    np.testing.assert_allclose(end[dend1][:-1], start[dend1][1:], atol=1e-3)  # contiguous


def test_3d_points_are_used_when_given(worksheet):
    h, soma = worksheet.h, worksheet.soma
    soma.pt3dadd(0, 0, 0, 10)
    soma.pt3dadd(0, 30, 0, 10)
    soma.pt3dadd(0, 60, 5, 10)
    shape = ShapePlot()
    start, end = endpoints(shape)
    np.testing.assert_allclose(start[0], [0.0, 0.0], atol=1e-4)
    np.testing.assert_allclose(end[0], [0.0, 60.0], atol=1e-3)


def test_colour_follows_v_and_the_time_scrubber(worksheet):
    h, soma = worksheet.h, worksheet.soma
    worksheet.asyn.gmax = 5.0
    shape = ShapePlot()
    assert shape.time.disabled
    v = h.Vector()
    t = h.Vector()
    v.record(soma(0.5)._ref_v)
    t.record(h._ref_t)
    h.run()
    assert not shape.time.disabled and shape.time.max == pytest.approx(40.0)
    assert shape.lines.color[0] == pytest.approx(soma(0.5).v, abs=1e-4)
    peak = float(np.array(t)[int(np.argmax(np.array(v)))])
    shape.time.value = peak
    assert shape.lines.color[0] == pytest.approx(max(v), abs=1e-3)
    shape.time.value = 0.0
    assert shape.lines.color[0] == pytest.approx(-65.0)
    assert shape.color_scale.min == -80 and shape.color_scale.max == 40


def test_clicking_a_section_selects_it_in_the_inspector(ball_and_stick):
    inspector = SectionInspector()
    shape = ShapePlot(inspector=inspector)
    shape.dots.selected = [2]  # what a click on dend2's dot sends
    assert inspector.section is ball_and_stick.dends[1]
    assert "dend2" in shape.status.value and "dend2" in inspector.title.value


def test_structure_changes_redraw(worksheet):
    h = worksheet.h
    shape = ShapePlot()
    dend = h.Section(name="dend")
    dend.nseg = 3
    dend.connect(worksheet.soma(1))
    assert list(shape.dots.names) == ["soma", "dend"]
    assert len(shape.lines.x) == 4
    h.run()
    assert len(shape.recorded()[1]) == 4
