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

        for kind in ("PNG", "SVG"):  # bqplot's export, as a browser download
            with page.expect_download(timeout=30000) as download:
                page.get_by_role("button", name=kind, exact=True).click()
            assert download.value.suggested_filename == "voltage_plot.%s" % kind.lower()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(str(saved))
            assert saved.stat().st_size > 1000
        assert labserver.cell_errors(page) == []
    except Exception:
        page.screenshot(path=str(tmp_path / "failure.png"))
        print("screenshot:", tmp_path / "failure.png")
        print(jupyter_lab.log_tail())
        raise


MORPHOLOGY_CELLS = [
    "from neuronlite import h, gui\n"
    "import ipywidgets as W\n"
    "soma = h.Section(name='soma')\n"
    "soma.insert('pas')\n"
    "asyn = h.AlphaSynapse(soma(0.5))\n"
    "asyn.onset, asyn.gmax = 2, 2\n"
    "dends = []\n"
    "for name, x in (('dend1', 1), ('dend2', 1), ('axon', 0)):\n"
    "    sec = h.Section(name=name)\n"
    "    sec.L, sec.diam, sec.nseg = 200, 2, 5\n"
    "    sec.insert('pas')\n"
    "    sec.connect(soma(x))\n"
    "    dends.append(sec)\n"
    "inspector = gui.SectionInspector()\n"
    "shape = gui.ShapePlot(inspector=inspector)\n"
    "W.HBox([shape, inspector])",
    "rc = gui.RunControl()\n"
    "rc",
]


def test_shape_click_selects_in_inspector_and_run_control_runs(page, jupyter_lab, lab_root,
                                                               tmp_path):
    labserver.write_notebook(str(lab_root / "morphology.ipynb"), MORPHOLOGY_CELLS)
    try:
        labserver.open_and_run_all(page, jupyter_lab, "morphology.ipynb")
        labserver.wait_all_cells_done(page)
        assert labserver.cell_errors(page) == []
        dots = page.locator(".nl-shape-plot .dot")
        dots.nth(3).wait_for(timeout=30000)
        assert dots.count() == 4
        title = page.locator(".widget-html", has_text="attached to")
        dots.nth(2).click()  # dend2
        title.first.wait_for(timeout=10000)
        assert "dend2" in title.first.inner_text()

        colours_before = page.eval_on_selector_all(
            ".nl-shape-plot g.curve path.line", "ps => ps.map(p => p.style.stroke).join()")
        page.get_by_role("button", name="Init & Run").click()
        page.locator(".widget-html", has_text="t = 5 ms").first.wait_for(timeout=60000)
        page.wait_for_function(
            "before => [...document.querySelectorAll('.nl-shape-plot g.curve path.line')]"
            ".map(p => p.style.stroke).join() !== before", arg=colours_before, timeout=60000)
        assert labserver.cell_errors(page) == []
    except Exception:
        page.screenshot(path=str(tmp_path / "failure.png"))
        print("screenshot:", tmp_path / "failure.png")
        print(jupyter_lab.log_tail())
        raise
