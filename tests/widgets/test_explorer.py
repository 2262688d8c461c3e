"""Explorer: the worksheet's experiment in one panel."""

import numpy as np

from neuronlite_widgets import Explorer


def test_explorer_wires_the_worksheet_together(worksheet):
    h, soma, asyn = worksheet.h, worksheet.soma, worksheet.asyn
    explorer = Explorer(soma, asyn)
    assert explorer.inspector.section is soma
    assert list(explorer.manager.controls) == ["onset", "tau", "gmax", "e"]
    explorer.run()
    assert h.t == np.float64(h.t) and abs(h.t - 40.0) < 1e-6
    before = explorer.plot.line.y.copy()
    assert before.max() > -63.0  # the worksheet's EPSP (gmax 1 uS at 20 ms)
    explorer.manager.controls["gmax"].value = 0.1
    assert asyn.gmax == 0.1
    assert explorer.plot.line.y.max() < before.max()
    assert explorer.plot.overlay_count == 1
    explorer.inspector.fields["pas.g"].text.value = "0.0001"
    assert soma(0.5).pas.g == 0.0001
    explorer.close()


def test_explorer_without_a_stimulus(worksheet):
    explorer = Explorer(worksheet.soma)
    assert explorer.manager is None
    explorer.run()
    assert len(explorer.plot.line.y) == 1601
