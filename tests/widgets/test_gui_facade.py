"""neuronlite.compat.gui: the lazily importing facade behind ``from neuronlite import gui``."""

import importlib.util
import subprocess
import sys

import pytest

from neuronlite.compat import gui as gui_module


def run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)


def test_importing_neuronlite_and_gui_does_not_import_ipywidgets():
    done = run("import sys\n"
               "import neuronlite\n"
               "from neuronlite import h, gui\n"
               "repr(gui); dir(gui)\n"
               "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported'\n"
               "assert 'bqplot' not in sys.modules, 'bqplot imported'\n"
               "assert 'neuronlite_widgets' not in sys.modules\n"
               "print('ok')")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_first_panel_access_imports_the_widgets():
    done = run("import sys\n"
               "from neuronlite import gui\n"
               "panel = gui.SectionInspector\n"
               "assert 'ipywidgets' in sys.modules\n"
               "print(panel.__module__)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "neuronlite_widgets.section_inspector"


def test_facade_offers_every_panel():
    import neuronlite_widgets
    from neuronlite import gui
    for name in gui_module.PANELS:
        assert getattr(gui, name) is getattr(neuronlite_widgets, name)
    assert set(gui_module.PANELS) <= set(dir(gui))
    assert gui.loaded


def test_private_names_never_trigger_an_import():
    facade = gui_module._GuiFacade()
    for name in ("_repr_html_", "__wrapped__", "_ipython_display_"):
        with pytest.raises(AttributeError):
            getattr(facade, name)
    assert not facade.loaded
    assert "not loaded yet" in repr(facade)


def test_missing_dependencies_name_the_extra(monkeypatch):
    real_find_spec = importlib.util.find_spec

    def without_bqplot(name, *args):
        return None if name == "bqplot" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_bqplot)
    facade = gui_module._GuiFacade()
    with pytest.raises(ImportError) as info:
        facade.VoltagePlot  # noqa: B018
    message = str(info.value)
    assert "pip install neuronlite[widgets]" in message
    assert "bqplot" in message and "ipywidgets" not in message


def test_unknown_panel_is_an_attribute_error():
    from neuronlite import gui
    with pytest.raises(AttributeError):
        gui.NoSuchPanel  # noqa: B018
