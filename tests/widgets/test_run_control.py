"""RunControl: Init & Run, Init, Continue, Stop, tstop/dt/v_init fields, t readout, progress."""

import asyncio
import html

import numpy as np
import pytest

from neuronlite_widgets import PointProcessManager, RunControl, scheduler


def readout(rc):
    return html.unescape(rc.t_readout.value).replace("<b>", "").replace("</b>", "")


def test_fields_mirror_and_set_the_globals(worksheet):
    h = worksheet.h
    rc = RunControl()
    assert rc.tstop_field.text.value == "40" and rc.dt_field.text.value == "0.025"
    assert rc.v_init_field.text.value == "-65"
    rc.tstop_field.text.value = "30"
    rc.v_init_field.text.value = "-70"
    assert (h.tstop, h.v_init) == (30.0, -70.0)
    h.tstop = 25
    assert rc.tstop_field.text.value == "25"


@pytest.mark.parametrize("field, text, message", [
    ("dt_field", "0", "dt must be > 0."), ("dt_field", "x", "'x' is not a number"),
    ("tstop_field", "-1", "tstop must be > 0."), ("v_init_field", "", "is not a number")])
def test_bad_fields_change_nothing(worksheet, field, text, message):
    h = worksheet.h
    rc = RunControl()
    before = (h.tstop, h.dt, h.v_init)
    getattr(rc, field).text.value = text
    assert message in html.unescape(getattr(rc, field).error.value)
    assert (h.tstop, h.dt, h.v_init) == before


def test_buttons_without_an_event_loop(worksheet):
    h = worksheet.h
    rc = RunControl()
    rc.init_run_button.click()
    assert h.t == pytest.approx(40.0) and "t = 40 ms" in readout(rc)
    rc.init_button.click()
    assert h.t == 0.0 and "t = 0 ms" in readout(rc)
    rc.for_field.value = 5.0
    rc.continue_for_button.click()
    assert h.t == pytest.approx(5.0)
    rc.til_field.value = 12.0
    rc.continue_til_button.click()
    assert h.t == pytest.approx(12.0) and "t = 12 ms" in readout(rc)


def test_a_failing_run_shows_its_error(worksheet):
    h = worksheet.h
    rc = RunControl()
    h.dt = 0.0
    h.steps_per_ms = 0.0
    rc.init_run_button.click()
    assert "nl-error" in rc.status.value


def run_in_loop(rc, *, stop_after_chunks=None, during=None):
    """Click Init & Run inside an event loop (as in a kernel) and wait for the run to end."""
    chunks = []

    async def main():
        rc.init_run_button.click()
        while rc.running:
            chunks.append((float(rc.progress.value), rc.progress.layout.visibility))
            if during is not None and len(chunks) == 1:
                during()
            if stop_after_chunks is not None and len(chunks) == stop_after_chunks:
                rc.stop_button.click()
            await asyncio.sleep(0)

    asyncio.run(main())
    return chunks


def test_long_runs_go_in_chunks_with_progress_and_same_result(worksheet):
    h = worksheet.h
    h.tstop = 2000.0  # 80000 steps
    v = h.Vector()
    v.record(worksheet.soma(0.5)._ref_v)
    h.run()
    expected = np.array(v)
    rc = RunControl()
    chunks = run_in_loop(rc)
    assert len(chunks) >= 2
    assert any(visibility == "visible" for _, visibility in chunks)
    assert rc.progress.layout.visibility == "hidden"
    assert h.t == pytest.approx(2000.0)
    np.testing.assert_array_equal(np.array(v), expected)


def test_stop_ends_a_long_run_early(worksheet):
    h = worksheet.h
    h.tstop = 5000.0
    rc = RunControl()
    run_in_loop(rc, stop_after_chunks=1)
    assert 0.0 < h.t < 5000.0
    rc.continue_til_button.click()  # no loop here: runs to til_field (tstop when created)
    assert h.t == pytest.approx(5000.0)


def test_slider_moves_during_a_long_run_are_simulated_after_it(worksheet):
    h, asyn = worksheet.h, worksheet.asyn
    h.tstop = 2000.0
    rc = RunControl()
    ppm = PointProcessManager(asyn)
    runs = scheduler.runs

    def move():
        ppm.controls["gmax"].value = 3.0
        assert asyn.gmax == 1.0  # waits for the run in progress

    run_in_loop(rc, during=move)
    assert asyn.gmax == 3.0 and scheduler.runs == runs + 1
    assert h.t == pytest.approx(2000.0)
