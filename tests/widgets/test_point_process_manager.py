"""PointProcessManager: sliders from declarations; moving one sets the attribute and reruns."""

import asyncio

import numpy as np
import pytest

from neuronlite.mechanisms import parameters_of
from neuronlite_widgets import PointProcessManager, VoltagePlot, scheduler


def recorded_trace(worksheet):
    vec = worksheet.h.Vector()
    vec.record(worksheet.soma(0.5)._ref_v)
    return vec


def test_one_labelled_control_per_declared_parameter(worksheet):
    ppm = PointProcessManager(worksheet.asyn)
    declared = parameters_of(worksheet.asyn)
    assert list(ppm.controls) == [p.name for p in declared] == ["onset", "tau", "gmax", "e"]
    for param in declared:
        control = ppm.controls[param.name]
        assert control.description == "%s (%s)" % (param.name, param.unit)
        assert control.min == param.low and control.max == param.high
        assert control.value == getattr(worksheet.asyn, param.name)
    assert ppm.controls["gmax"].description == "gmax (uS)"
    assert ppm.controls["onset"].value == 20


def test_moving_a_slider_sets_the_attribute_and_redraws(worksheet):
    plot = VoltagePlot(worksheet.soma(0.5))
    ppm = PointProcessManager(worksheet.asyn)
    worksheet.h.run()
    before = plot.line.y.copy()
    runs = scheduler.runs
    ppm.controls["gmax"].value = 3.0
    assert worksheet.asyn.gmax == 3.0
    assert scheduler.runs == runs + 1
    assert worksheet.h.t == pytest.approx(40.0)
    assert plot.line.y.max() > before.max() + 1.0  # a bigger synapse, a bigger EPSP
    ppm.controls["onset"].value = 5.0
    peak_time = plot.line.x[np.argmax(plot.line.y)]
    assert 5.0 < peak_time < 10.0


def test_without_rerun_only_the_attribute_changes(worksheet):
    ppm = PointProcessManager(worksheet.asyn, rerun=False)
    worksheet.h.run()
    t_before, runs = worksheet.h.t, scheduler.runs
    ppm.controls["tau"].value = 2.0
    assert worksheet.asyn.tau == 2.0
    assert scheduler.runs == runs and worksheet.h.t == t_before
    ppm.auto_run.value = True
    ppm.controls["tau"].value = 1.0
    assert scheduler.runs == runs + 1


def test_assignments_in_code_move_the_controls_without_running(worksheet):
    ppm = PointProcessManager(worksheet.asyn)
    runs = scheduler.runs
    worksheet.asyn.gmax = 2.5
    assert ppm.controls["gmax"].value == 2.5
    worksheet.asyn.gmax = 12.0  # beyond the slider's declared range: the range grows
    assert ppm.controls["gmax"].max >= 12.0 and ppm.controls["gmax"].value == 12.0
    assert scheduler.runs == runs


def test_a_failing_run_is_reported_in_the_panel(worksheet):
    ppm = PointProcessManager(worksheet.asyn)
    worksheet.h.dt = 0.0
    worksheet.h.steps_per_ms = 0.0  # keeps stdinit from repairing dt
    ppm.controls["gmax"].value = 2.0
    assert "nl-error" in ppm.status.value
    assert "Error" in ppm.status.value


def test_storm_of_1000_changes_from_code_ends_with_the_final_value(worksheet):
    h, asyn = worksheet.h, worksheet.asyn
    plot = VoltagePlot(worksheet.soma(0.5))
    ppm = PointProcessManager(asyn)
    trace = recorded_trace(worksheet)
    values = np.linspace(0.0, 4.0, 1000)
    asyn.gmax = values[-1]
    h.run()
    expected = np.array(trace)
    asyn.gmax = 0.0
    h.run()
    for value in values:
        ppm.controls["gmax"].value = float(value)
    assert asyn.gmax == values[-1]
    np.testing.assert_array_equal(np.array(trace), expected)
    np.testing.assert_array_equal(plot.line.y, expected.astype(np.float32))


def test_browser_storm_is_coalesced_into_one_run(worksheet):
    """1000 changes arriving from the browser in one burst: one run, with the last value."""
    asyn = worksheet.asyn
    plot = VoltagePlot(worksheet.soma(0.5))
    ppm = PointProcessManager(asyn)
    trace = recorded_trace(worksheet)
    control = ppm.controls["gmax"]
    values = np.linspace(0.0, 5.0, 1000)
    asyn.gmax = float(values[-1])
    worksheet.h.run()
    expected = np.array(trace)
    asyn.gmax = 0.0
    worksheet.h.run()
    runs = scheduler.runs

    async def burst():
        for value in values:
            control.set_state({"value": float(value)})  # what a comm message does
        during = scheduler.runs
        for _ in range(3):
            await asyncio.sleep(0)
        return during

    assert asyncio.run(burst()) == runs
    assert scheduler.runs == runs + 1
    assert asyn.gmax == values[-1]
    np.testing.assert_array_equal(np.array(trace), expected)
    np.testing.assert_array_equal(plot.line.y, expected.astype(np.float32))


def test_changes_during_a_run_wait_and_the_latest_is_simulated_after(worksheet):
    """While a run is in progress, only the latest pending value is kept; it runs next."""
    from neuronlite import hooks
    asyn = worksheet.asyn
    ppm = PointProcessManager(asyn)
    plot = VoltagePlot(worksheet.soma(0.5))
    seen = []

    def storm_during_run(**_info):
        if not seen:
            seen.append(asyn.gmax)
            for value in np.linspace(0.1, 2.0, 1000):
                ppm.controls["gmax"].value = float(value)
            assert asyn.gmax == seen[0]  # nothing applied while running
        else:
            seen.append(asyn.gmax)

    unsubscribe = hooks.subscribe("initialized", storm_during_run)
    try:
        runs = scheduler.runs
        ppm.controls["gmax"].value = 0.05
    finally:
        unsubscribe()
    assert seen == [0.05, 2.0]
    assert scheduler.runs == runs + 2
    assert asyn.gmax == 2.0
    assert plot.line.y.max() > -60.0


def test_every_value_lies_on_the_slider_grid(worksheet):
    """The browser snaps a slider to min + k*step when drawn: values must be on that grid."""
    asyn = worksheet.asyn
    ppm = PointProcessManager(asyn)
    for name, control in ppm.controls.items():
        k = (control.value - control.min) / control.step
        assert abs(k - round(k)) < 1e-6, name
    assert ppm.controls["tau"].value == 0.1
    asyn.gmax = 0.1234  # off the grid: the slider stops snapping (or refines its step)
    control = ppm.controls["gmax"]
    assert control.value == 0.1234
    assert control.step is None or abs((0.1234 - control.min) / control.step % 1) < 1e-6


def test_the_browsers_rounding_echo_is_not_a_move(worksheet):
    """noUiSlider sends back e.g. -1.4e-14 for 0 when it draws the slider: nothing runs."""
    asyn = worksheet.asyn
    ppm = PointProcessManager(asyn)
    runs = scheduler.runs
    ppm.controls["e"].set_state({"value": -1.4210854715202004e-14})
    assert asyn.e == 0.0 and scheduler.runs == runs
    ppm.controls["e"].set_state({"value": 5.0})
    assert asyn.e == 5.0 and scheduler.runs == runs + 1
