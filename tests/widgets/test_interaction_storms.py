"""Interaction storms on the worksheet Explorer (gui.Explorer(soma, asyn)).

What tests/test_point_process_manager.py and test_run_control.py already
cover (1000 code-driven moves on one manager, a browser burst coalesced into
one run, moves during a run, Stop of a RunControl run) is not repeated; here:
the Explorer as a whole, bounded queued work, flat memory over repeated
storms, and stopping a run in progress through h.stoprun.
"""

import asyncio
import gc
import tracemalloc

import numpy as np
import pytest

from neuronlite import gui, hooks
from neuronlite_widgets import scheduler


def expected_trace(h, soma, asyn, **values):
    """The soma trace for these synapse values, simulated from code."""
    vec = h.Vector().record(soma(0.5)._ref_v)
    saved = {name: getattr(asyn, name) for name in values}
    for name, value in values.items():
        setattr(asyn, name, value)
    h.run()
    trace = np.array(vec)
    for name, value in saved.items():
        setattr(asyn, name, value)
    return trace


def browser_burst(controls_and_values, loop_calls):
    """Send every (control, value) as comm messages do, in one turn of the event loop."""
    async def burst():
        loop = asyncio.get_running_loop()
        original = loop.call_soon

        def counting(*args, **kwargs):
            loop_calls.append(args[0])
            return original(*args, **kwargs)

        loop.call_soon = counting
        try:
            pending = []
            for control, value in controls_and_values:
                control.set_state({"value": float(value)})
                pending.append(len(scheduler._pending))
            for _ in range(3):
                await asyncio.sleep(0)
        finally:
            loop.call_soon = original
        return pending

    return asyncio.run(burst())


def test_explorer_storm(worksheet):
    h, soma, asyn = worksheet.h, worksheet.soma, worksheet.asyn
    explorer = gui.Explorer(soma, asyn)
    explorer.run()
    controls = explorer.manager.controls
    moves = [(controls["gmax"], g) for g in np.linspace(0.0, 5.0, 500)]
    moves += [(controls["onset"], t) for t in np.linspace(5.0, 30.0, 500)]
    final = {"gmax": 5.0, "onset": 30.0}
    expected = expected_trace(h, soma, asyn, **final)
    explorer.run()
    runs, calls = scheduler.runs, []
    pending = browser_burst(moves, calls)
    # bounded work: one waiting request per parameter, one scheduled drain
    assert max(pending) <= len(controls)
    # (the drain, a redraw or two, and the sleeps of this test: a handful, not 1000)
    assert len(calls) < 20, "%d callbacks queued for 1000 moves" % len(calls)
    # nothing lost: one run, with the final values, and that is what is drawn
    assert scheduler.runs == runs + 1
    assert (asyn.gmax, asyn.onset) == (5.0, 30.0)
    np.testing.assert_array_equal(explorer.plot.line.y, expected.astype(np.float32))
    assert explorer.manager.status.value == "" and explorer.run_control.status.value == ""


def test_explorer_storm_from_code_keeps_memory_flat(worksheet):
    """Repeated storms: the memory Python holds after each does not grow."""
    h, soma, asyn = worksheet.h, worksheet.soma, worksheet.asyn
    explorer = gui.Explorer(soma, asyn)
    gmax = explorer.manager.controls["gmax"]
    values = np.linspace(0.1, 3.0, 100)

    def storm():
        for value in values:
            gmax.value = float(value)   # from code: each move runs at once
        gc.collect()

    storm()
    storm()   # warm-up: caches, JIT, first overlays
    tracemalloc.start()
    try:
        storm()
        first = tracemalloc.get_traced_memory()[0]
        for _ in range(5):
            storm()
        last = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert last - first < 256 * 1024, "grew by %d bytes over 500 runs" % (last - first)
    assert len(scheduler._pending) == 0 and not scheduler.busy
    np.testing.assert_array_equal(explorer.plot.line.y,
                                  expected_trace(h, soma, asyn, gmax=3.0).astype(np.float32))


def test_stoprun_from_a_listener_stops_a_long_run(worksheet):
    h = worksheet.h
    vec = h.Vector().record(worksheet.soma(0.5)._ref_v)
    h.tstop = 5000.0

    def stop(t=None, **_info):
        if t > 100.0:
            h.stoprun = 1

    unsubscribe = hooks.subscribe("progress", stop)
    try:
        h.run()
    finally:
        unsubscribe()
    assert 100.0 < h.t < 5000.0
    assert vec.size() == round(h.t / h.dt) + 1 and np.isfinite(np.array(vec)).all()
    h.continuerun(h.tstop)   # the stopped run can go on
    assert h.t == pytest.approx(5000.0)


def test_stop_during_an_explorer_run_then_moves_still_work(worksheet):
    h, asyn = worksheet.h, worksheet.asyn
    explorer = gui.Explorer(worksheet.soma, asyn)
    h.tstop = 5000.0
    rc = explorer.run_control

    async def run_then_stop():
        rc.init_run_button.click()
        chunks = 0
        while rc.running:
            chunks += 1
            if chunks == 2:
                rc.stop_button.click()
                explorer.manager.controls["gmax"].value = 2.0   # waits for the run
            await asyncio.sleep(0)

    asyncio.run(run_then_stop())
    assert not scheduler.busy and not rc.running
    # the stop ended the long run; the waiting move was simulated after it, in full
    assert asyn.gmax == 2.0 and h.t == pytest.approx(5000.0)
    h.tstop = 40.0
    explorer.manager.controls["gmax"].value = 0.5
    assert h.t == pytest.approx(40.0) and explorer.manager.status.value == ""
