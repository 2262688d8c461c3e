"""Panels never keep a section or point process alive.

In NEURON a section (or synapse) created from Python disappears when its last
Python reference goes; a notebook must behave the same with panels on screen.
"""

import gc

from neuronlite_widgets import (Explorer, PointProcessManager, SectionInspector, ShapePlot,
                                VoltagePlot)


def test_dropping_the_last_reference_deletes_a_section_shown_everywhere(ball_and_stick):
    h = ball_and_stick.h
    axon = ball_and_stick.dends.pop()
    inspector = SectionInspector()
    inspector.select(axon)
    fixed = SectionInspector(axon)
    shape = ShapePlot(inspector=inspector)
    plot = VoltagePlot(axon(0.5))
    assert len(list(h.allsec())) == 4
    del axon
    gc.collect()
    assert [sec.name() for sec in h.allsec()] == ["soma", "dend1", "dend2"]
    assert len(inspector.tree.options) == 3 and inspector.section is not None
    assert list(shape.dots.names) == ["soma", "dend1", "dend2"]
    assert fixed.section is None
    h.run()  # the plot of a deleted section simply stops changing
    assert plot is not None


def test_dropping_the_last_reference_deletes_a_synapse_with_a_manager(worksheet):
    h = worksheet.h
    asyn = worksheet.asyn
    del worksheet.asyn
    ppm = PointProcessManager(asyn)
    explorer = Explorer(worksheet.soma, asyn)
    inspector = SectionInspector(worksheet.soma)
    assert "AlphaSynapse[0].gmax" in inspector.fields
    del asyn
    gc.collect()
    assert ppm.pp is None and explorer.manager.pp is None
    ppm.controls["gmax"].value = 3.0
    assert "deleted point process" in ppm.status.value
    h.run()
    v = worksheet.soma(0.5).v
    assert abs(v - (-70.0)) < 0.5  # no synapse any more: the cell just relaxes to e_pas
