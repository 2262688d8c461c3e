"""Real browser: JupyterLab + headless Chromium render the panels and they respond.

The notebook builds the worksheet's model and shows a PointProcessManager and a
VoltagePlot; moving the gmax slider (keyboard, then mouse drag) must rerun the
simulation in the kernel and change the plot's SVG path.
"""

import pytest

import labserver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEET_CELLS = [
    "from neuronlite import h, gui\n"
    "soma = h.Section(name='soma')\n"
    "soma.insert('pas')\n"
    "asyn = h.AlphaSynapse(soma(0.5))\n"
    "asyn.onset = 20\n"
    "asyn.gmax = 1\n"
    "h.tstop = 40.0",
    "ppm = gui.PointProcessManager(asyn)\n"
    "ppm",
    "plot = gui.VoltagePlot(soma(0.5))\n"
    "h.run()\n"
    "plot",
]


def test_slider_moves_redraw_the_voltage_plot(page, jupyter_lab, lab_root, tmp_path):
    labserver.write_notebook(str(lab_root / "worksheet.ipynb"), WORKSHEET_CELLS)
    try:
        labserver.open_and_run_all(page, jupyter_lab, "worksheet.ipynb")
        labserver.wait_all_cells_done(page)
        assert labserver.cell_errors(page) == []
        page.wait_for_selector(".nl-voltage-plot path.line", timeout=60000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.nl-voltage-plot g.curve path.line')]"
            ".some(p => (p.getAttribute('d') || '').length > 1000)", timeout=60000)
        first = labserver.watch_plot(page, ".nl-voltage-plot")
        assert first.startswith("M") and first.count("L") > 500  # 1601 samples drawn

        handle = labserver.slider_handle(page, "gmax (uS)")
        assert handle.get_attribute("aria-valuenow") == "1.0"
        handle.focus()
        count = labserver.change_count(page)
        page.keyboard.press("ArrowRight")
        labserver.wait_for_change(page, count)
        after_key = labserver.main_path(page)
        assert after_key != first
        assert float(handle.get_attribute("aria-valuenow")) > 1.0

        box = handle.bounding_box()
        count = labserver.change_count(page)
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 120, box["y"] + box["height"] / 2, steps=8)
        page.mouse.up()
        labserver.wait_for_change(page, count)
        page.wait_for_timeout(500)  # let the last (coalesced) value arrive
        assert labserver.main_path(page) not in (first, after_key)
        assert float(handle.get_attribute("aria-valuenow")) > 1.5
        assert labserver.cell_errors(page) == []
    except Exception:
        page.screenshot(path=str(tmp_path / "failure.png"))
        print("screenshot:", tmp_path / "failure.png")
        print(jupyter_lab.log_tail())
        raise
