"""Bad input typed or dragged into the panels (docs/BAD_INPUT.md, panel rows).

Each test checks the visible error and that the model, the other panels and
the earlier recorded Vectors are unchanged and usable afterwards.
"""

import asyncio
import html
import os

import numpy as np
import pytest

from neuronlite_widgets import (PointProcessManager, RunControl, SectionInspector,
                                ShapePlot, VoltagePlot, scheduler)


def recorded(worksheet):
    vec = worksheet.h.Vector()
    vec.record(worksheet.soma(0.5)._ref_v)
    return vec


def error_text(widget):
    return html.unescape(widget.value)


def globals_of(h):
    return (h.tstop, h.dt, h.v_init, h.t)


def test_text_in_number_fields(worksheet):
    h = worksheet.h
    rc = RunControl()
    plot = VoltagePlot(worksheet.soma(0.5))
    vec = recorded(worksheet)
    h.run()
    before, drawn = np.array(vec), plot.line.y.copy()
    state = globals_of(h)
    cases = [("tstop_field", "abc", "'abc' is not a number"),
             ("tstop_field", "", "is not a number"),
             ("tstop_field", "10 ms", "is not a number"),
             ("dt_field", "nan", "is not a finite number"),
             ("dt_field", "inf", "is not a finite number"),
             ("dt_field", "1e999", "is not a finite number"),
             ("dt_field", "-0.025", "dt must be > 0."),
             ("dt_field", "0", "dt must be > 0."),
             ("v_init_field", "-inf", "is not a finite number"),
             ("v_init_field", "\u221265", "is not a number")]   # a typographic minus
    for field, text, message in cases:
        getattr(rc, field).text.value = text
        assert message in error_text(getattr(rc, field).error), (field, text)
        assert globals_of(h) == state, (field, text)
    np.testing.assert_array_equal(np.array(vec), before)
    np.testing.assert_array_equal(plot.line.y, drawn)
    rc.dt_field.text.value = "0.025"   # a good value clears the message
    assert rc.dt_field.error.value == ""
    rc.init_run_button.click()
    np.testing.assert_array_equal(np.array(vec), before)


def test_huge_tstop_is_refused_before_the_run(worksheet):
    h = worksheet.h
    rc = RunControl()
    plot = VoltagePlot(worksheet.soma(0.5))
    vec = recorded(worksheet)
    h.run()
    before, drawn = np.array(vec), plot.line.y.copy()
    rc.tstop_field.text.value = "1e12"
    assert h.tstop == 1e12   # a number like any other; the run is what cannot be done

    async def click_in_a_kernel():   # the chunked path, as in Jupyter
        rc.init_run_button.click()
        while rc.running:
            await asyncio.sleep(0)

    for click in (rc.init_run_button.click, lambda: asyncio.run(click_in_a_kernel())):
        click()
        status = error_text(rc.status)
        assert "RecordingTooLarge" in status and "max_recording_bytes" in status
        assert "vec.record(seg._ref_v, " in status   # how to make it fit
        np.testing.assert_array_equal(np.array(vec), before)
        np.testing.assert_array_equal(plot.line.y, drawn)
    rc.tstop_field.text.value = "40"
    rc.init_run_button.click()
    assert rc.status.value == ""
    np.testing.assert_array_equal(np.array(vec), before)


def test_continue_boxes_with_nonsense(worksheet):
    h = worksheet.h
    rc = RunControl()
    h.run()
    t = h.t
    for value, message in ((float("inf"), "never end"), (float("nan"), "NaN")):
        rc.til_field.value = value
        rc.continue_til_button.click()
        assert message in error_text(rc.status)
        assert h.t == t

        async def in_a_kernel():
            rc.continue_til_button.click()
            while rc.running:
                await asyncio.sleep(0)

        asyncio.run(in_a_kernel())   # chunks of a NaN target would never end
        assert message in error_text(rc.status) and h.t == t
    rc.for_field.value = 5.0
    rc.continue_for_button.click()
    assert h.t == pytest.approx(t + 5.0)


def test_unstable_run_in_panels(worksheet):
    h, soma = worksheet.h, worksheet.soma
    soma.insert("hh")
    rc = RunControl()
    plot = VoltagePlot(soma(0.5))
    inspector = SectionInspector(soma)
    h.run()
    drawn = plot.line.y.copy()
    h.celsius = 1e4
    rc.init_run_button.click()
    status = error_text(rc.status)
    assert "FloatingPointError" in status and "unstable at t = " in status
    assert "soma(0.5)" in status and "h.celsius = 10000" in status
    np.testing.assert_array_equal(plot.line.y, drawn)   # no garbage drawn
    assert np.isfinite(plot.data()[1][0]).all()          # the samples kept are sane
    h.celsius = 6.3
    rc.init_run_button.click()
    assert rc.status.value == "" and np.isfinite(plot.line.y).all()
    assert "nl-error" not in inspector.readout.value


def test_slider_extremes(worksheet):
    h, asyn = worksheet.h, worksheet.asyn
    ppm = PointProcessManager(asyn)
    plot = VoltagePlot(worksheet.soma(0.5))
    for name in ("onset", "tau", "gmax", "e"):
        control = ppm.controls[name]
        for value in (control.min, control.max):
            runs = scheduler.runs
            control.value = value
            assert getattr(asyn, name) == value and scheduler.runs == runs + 1, (name, value)
            assert ppm.status.value == "" and np.isfinite(plot.line.y).all(), (name, value)
        control.value = control.max * 10 + 1   # the slider clamps to its range
        assert getattr(asyn, name) == control.max
    asyn.gmax = 50.0   # beyond the range from code: the range grows to show it
    assert ppm.controls["gmax"].max >= 50.0 and ppm.controls["gmax"].value == 50.0
    h.run()
    assert np.isfinite(plot.line.y).all()


def test_browser_sends_nonsense(worksheet):
    asyn = worksheet.asyn
    ppm = PointProcessManager(asyn)
    control = ppm.controls["gmax"]
    runs, value = scheduler.runs, asyn.gmax
    control.set_state({"value": float("nan")})
    assert "gmax: ValueError: gmax must be a finite number" in error_text(ppm.status)
    assert asyn.gmax == value and scheduler.runs == runs and control.value == value
    with pytest.raises(Exception):   # traitlets refuses text before the panel sees it
        control.set_state({"value": "abc"})
    assert asyn.gmax == value and scheduler.runs == runs
    control.set_state({"value": 0.5})
    assert asyn.gmax == 0.5 and scheduler.runs == runs + 1 and ppm.status.value == ""


def test_negative_tau_in_panel(worksheet):
    h, asyn = worksheet.h, worksheet.asyn
    rc = RunControl()
    inspector = SectionInspector(worksheet.soma)
    vec = recorded(worksheet)
    h.run()
    before = np.array(vec)
    field = inspector.fields["%s.tau" % asyn]
    field.text.value = "-1"          # a number, so the box takes it ...
    assert asyn.tau == -1.0
    rc.init_run_button.click()       # ... and the run refuses it, by name
    assert "AlphaSynapse[0].tau = -1 ms is negative" in error_text(rc.status)
    np.testing.assert_array_equal(np.array(vec), before)
    field.text.value = "0.1"
    rc.init_run_button.click()
    assert rc.status.value == ""
    np.testing.assert_array_equal(np.array(vec), before)


def test_inspector_fields_refuse_nonsense(worksheet):
    h, soma = worksheet.h, worksheet.soma
    inspector = SectionInspector(soma)
    vec = recorded(worksheet)
    h.run()
    before = np.array(vec)
    geometry = (soma.L, soma.diam, soma.Ra, soma.cm, soma.nseg, soma(0.5).pas.g)
    cases = [("L", "abc", "is not a number"), ("L", "nan", "finite"), ("L", "-1", "L must be > 0."),
             ("L", "1e999", "finite"), ("diam", "0", "diam must be > 0."),
             ("Ra", "-5", "Ra must be > 0."), ("cm", "-1", "cm must be >= 0."),
             ("nseg", "2.5", "nseg must be an integer in range 1 to 32767"),
             ("nseg", "0", "nseg must be an integer"), ("nseg", "40000", "nseg must be"),
             ("pas.g", "nan", "finite"), ("pas.g", "", "is not a number")]
    for key, text, message in cases:
        inspector.fields[key].text.value = text
        assert message in error_text(inspector.fields[key].error), (key, text)
        assert (soma.L, soma.diam, soma.Ra, soma.cm, soma.nseg, soma(0.5).pas.g) == geometry
    h.run()
    np.testing.assert_array_equal(np.array(vec), before)


def test_deleted_section_in_panels(ball_and_stick):
    h, soma = ball_and_stick.h, ball_and_stick.soma
    dend = ball_and_stick.dends[0]
    syn = h.ExpSyn(dend(0.5))
    rc = RunControl()
    inspector = SectionInspector(dend)
    ppm = PointProcessManager(syn)
    soma_plot = VoltagePlot(soma(0.5))
    dend_plot = VoltagePlot(dend(0.5))
    shape = ShapePlot()
    h.run()
    soma_before, dend_drawn = soma_plot.line.y.copy(), dend_plot.line.y.copy()
    name = dend.name()
    h.delete_section(sec=dend)
    assert inspector.section is None and "none" in inspector.title.value
    assert name not in [s.name() for s in shape.sections if s is not None]
    assert len([s for s in shape.sections if s is not None]) == 3   # soma and two dends
    ppm.controls["tau"].value = 2.0
    assert "not located in a section" in error_text(ppm.status)
    asyn_ppm = PointProcessManager(ball_and_stick.asyn)
    asyn_ppm.controls["gmax"].value = 2.0    # the other panels go on
    assert asyn_ppm.status.value == "" and rc.status.value == ""
    assert soma_plot.line.y.max() > soma_before.max()
    np.testing.assert_array_equal(dend_plot.line.y, dend_drawn)   # last trace kept
    rc.init_run_button.click()
    assert rc.status.value == ""


def test_csv_button_stays_in_directory(worksheet, tmp_path, monkeypatch):
    work = tmp_path / "notebooks"
    work.mkdir()
    monkeypatch.chdir(work)
    worksheet.h.run()
    for name in ("../outside", "/tmp/neuronlite_outside_test", "sub/../../outside"):
        plot = VoltagePlot(worksheet.soma(0.5), name=name)
        plot._save_csv(None)
        assert "could not save" in plot.status.value and "outside" in plot.status.value
    assert sorted(os.listdir(tmp_path)) == ["notebooks"] and os.listdir(work) == []
    assert not os.path.exists("/tmp/neuronlite_outside_test.csv")
    (work / "saved").mkdir()
    plot = VoltagePlot(worksheet.soma(0.5), name="saved/run")
    plot._save_csv(None)
    assert "saved" in plot.status.value and (work / "saved" / "run.csv").exists()
    assert os.listdir(work / "saved") == ["run.csv"]   # no temporary file left behind
