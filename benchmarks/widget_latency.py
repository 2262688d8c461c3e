"""Slider-to-plot latency in a real browser (JupyterLab + headless Debian Chromium).

On the worksheet's model (soma with pas, AlphaSynapse onset 20 ms, tstop 40 ms)
a PointProcessManager's gmax slider is moved with the keyboard (ArrowRight on
the focused handle) and we time, inside the page, from the keydown to the
moment the VoltagePlot's SVG path changes: browser -> kernel -> h.run() ->
bqplot update -> browser redraw.  The same is measured for a bare bqplot round
trip (a slider whose Python callback only sets line.y) to show what part of the
time is the widget plumbing itself.

    .venv/bin/python benchmarks/widget_latency.py [--moves 25] [--keep 5] [--json out.json]

Target: median below 100 ms.
"""

import argparse
import json
import os
import pathlib
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import labserver  # noqa: E402

TARGET_MS = 100.0

MODEL_CELL = """\
from neuronlite import h, gui
import ipywidgets as W
soma = h.Section(name='soma')
soma.insert('pas')
asyn = h.AlphaSynapse(soma(0.5))
asyn.onset = 20
asyn.gmax = 1
h.tstop = 40.0"""

PANELS_CELL = """\
ppm = gui.PointProcessManager(asyn)
plot = gui.VoltagePlot(soma(0.5), keep={keep})
h.run()
W.VBox([ppm, plot])"""

BARE_CELL = """\
import numpy as np, bqplot as bq
bare_x = np.linspace(0, 40, 1601, dtype=np.float32)
bare_base = np.exp(-((bare_x - 20) / 3) ** 2).astype(np.float32)
bare_line = bq.Lines(x=bare_x, y=bare_base,
                     scales={'x': bq.LinearScale(), 'y': bq.LinearScale(min=0, max=10)})
bare_fig = bq.Figure(marks=[bare_line], animation_duration=0)
bare_fig.add_class('nl-bare-plot')
bare_slider = W.FloatSlider(value=1, min=0, max=5, step=0.05, description='bare gain')
def set_y(change):
    bare_line.y = bare_base * np.float32(change['new'])
bare_slider.observe(set_y, names='value')
W.VBox([bare_slider, bare_fig])"""


def measure(page, figure_selector, slider_label, moves, settle_ms):
    """Latencies (ms) of ``moves`` ArrowRight presses on a slider until its figure redraws."""
    labserver.watch_plot(page, figure_selector)
    handle = labserver.slider_handle(page, slider_label)
    handle.focus()
    latencies = []
    for _ in range(moves):
        count = labserver.change_count(page)
        page.keyboard.press("ArrowRight")
        labserver.wait_for_change(page, count)
        latencies.append(labserver.key_to_change_ms(page, count))
        page.wait_for_timeout(settle_ms)  # one move at a time: no queueing in the numbers
    return latencies


def summary(latencies):
    return {"median_ms": statistics.median(latencies), "min_ms": min(latencies),
            "max_ms": max(latencies), "moves": len(latencies)}


def run(moves=25, keep=5, settle_ms=150, warmup=3):
    labserver.ensure_playwright()
    labserver.ensure_chromium(install=True)
    labserver.warm_jit()
    root = tempfile.mkdtemp(prefix="neuronlite-latency-")
    labserver.write_notebook(os.path.join(root, "latency.ipynb"),
                             [MODEL_CELL, PANELS_CELL.format(keep=keep), BARE_CELL])
    started = time.perf_counter()
    with labserver.JupyterLab(root) as lab, labserver.chromium_page() as page:
        labserver.open_and_run_all(page, lab, "latency.ipynb")
        labserver.wait_all_cells_done(page)
        errors = labserver.cell_errors(page)
        if errors:
            raise RuntimeError("the notebook failed:\n%s" % "\n".join(errors))
        page.wait_for_selector(".nl-voltage-plot g.curve path.line", timeout=60000)
        page.wait_for_selector(".nl-bare-plot g.curve path.line", timeout=60000)
        measure(page, ".nl-voltage-plot", "gmax (uS)", warmup, settle_ms)  # JIT, caches
        neuronlite = measure(page, ".nl-voltage-plot", "gmax (uS)", moves, settle_ms)
        measure(page, ".nl-bare-plot", "bare gain", warmup, settle_ms)
        bare = measure(page, ".nl-bare-plot", "bare gain", moves, settle_ms)
    return {"neuronlite": summary(neuronlite), "bare_bqplot": summary(bare),
            "keep_overlays": keep, "target_median_ms": TARGET_MS,
            "wall_seconds": time.perf_counter() - started,
            "raw_ms": {"neuronlite": neuronlite, "bare_bqplot": bare}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=25, help="slider moves measured (>= 20)")
    parser.add_argument("--keep", type=int, default=5, help="faded earlier runs kept")
    parser.add_argument("--settle", type=int, default=150, help="ms waited between moves")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    result = run(moves=max(args.moves, 20), keep=args.keep, settle_ms=args.settle)
    for name, title in (("neuronlite", "slider -> h.run() -> VoltagePlot redrawn"),
                        ("bare_bqplot", "bare bqplot round trip (callback sets line.y)")):
        row = result[name]
        print("%-48s median %6.1f ms  min %6.1f ms  max %6.1f ms  (%d moves)"
              % (title, row["median_ms"], row["min_ms"], row["max_ms"], row["moves"]))
    verdict = "meets" if result["neuronlite"]["median_ms"] <= TARGET_MS else "MISSES"
    print("target: median <= %.0f ms: %s (keep=%d overlays, %.0f s in all)"
          % (TARGET_MS, verdict, result["keep_overlays"], result["wall_seconds"]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
