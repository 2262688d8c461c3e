"""Fixtures for the headless panel tests: the worksheet's model and a clean widget state."""

import pathlib

import pytest

pytest.importorskip("ipywidgets", reason="the widgets extra is not installed")
pytest.importorskip("bqplot", reason="the widgets extra is not installed")

HERE = pathlib.Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    # A panel whose hook callback raises only produces a RuntimeWarning from
    # neuronlite.hooks.emit (the simulation must go on); here it fails the test.
    for item in items:
        if HERE in pathlib.Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.filterwarnings("error::RuntimeWarning"))


@pytest.fixture(autouse=True)
def closed_widgets():
    """Close every widget a test made, which also drops the panels' hook subscriptions."""
    import ipywidgets
    from neuronlite_widgets import scheduler
    yield
    ipywidgets.Widget.close_all()
    scheduler.reset()


@pytest.fixture
def worksheet():
    """The worksheet's cell: soma with pas, AlphaSynapse onset 20 ms gmax 1 uS, tstop 40 ms."""
    from neuronlite import h
    from support import worksheet_cell
    return worksheet_cell(h)


@pytest.fixture
def ball_and_stick(worksheet):
    """The worksheet cell plus two dendrites at soma(1) and one at soma(0)."""
    h = worksheet.h
    dends = []
    for name, x in (("dend1", 1), ("dend2", 1), ("axon", 0)):
        sec = h.Section(name=name)
        sec.L, sec.diam, sec.nseg = 200, 2, 5
        sec.insert("pas")
        sec.connect(worksheet.soma(x))
        dends.append(sec)
    worksheet.dends = dends
    return worksheet
