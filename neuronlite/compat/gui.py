"""``gui``: the lazily importing door to neuronlite's Jupyter panels.

NEURON users write ``from neuron import h, gui``; importing ``gui`` there opens
the InterViews main menu.  In neuronlite the same line hands out this facade,
whose attributes are the ipywidgets/bqplot panels of the ``neuronlite_widgets``
package::

    from neuronlite import h, gui
    gui.SectionInspector(soma)
    gui.PointProcessManager(asyn)

Nothing is imported until a panel is asked for, so ``import neuronlite`` never
pulls in ipywidgets (the layering test checks this), and a script without the
optional dependencies still runs until it touches a panel.
"""

import importlib
import importlib.util

__all__ = ["gui"]

#: Import names that the panels need, with the distribution that provides them.
_REQUIREMENTS = (("ipywidgets", "ipywidgets>=8.1"), ("bqplot", "bqplot>=0.13"))

#: Panels offered by the facade (listed here so ``dir(gui)`` needs no import).
PANELS = ("SectionInspector", "PointProcessManager", "VoltagePlot", "RunControl",
          "ShapePlot", "Explorer")

_INSTALL_HINT = "pip install neuronlite[widgets]"


def _missing_requirements():
    """Names of the GUI dependencies that cannot be found (without importing them)."""
    missing = []
    for module_name, requirement in _REQUIREMENTS:
        try:
            found = importlib.util.find_spec(module_name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(requirement)
    return missing


class _GuiFacade:
    """Module-like object whose public attributes load ``neuronlite_widgets`` on demand."""

    __slots__ = ("_module",)

    def __init__(self):
        self._module = None

    def _load(self):
        if self._module is not None:
            return self._module
        missing = _missing_requirements()
        if missing:
            raise ImportError(
                "neuronlite's gui panels need %s, which %s not installed; install them with: %s"
                % (" and ".join(missing), "is" if len(missing) == 1 else "are", _INSTALL_HINT),
                name="neuronlite_widgets")
        try:
            module = importlib.import_module("neuronlite_widgets")
        except ImportError as exc:
            raise ImportError(
                "neuronlite's gui panels could not be imported (%s); reinstall them with: %s"
                % (exc, _INSTALL_HINT), name="neuronlite_widgets") from exc
        self._module = module
        return module

    def __getattr__(self, name):
        # Private and dunder names are probed by IPython, copy and pickle
        # (_repr_html_, __wrapped__, ...): answering them must not import anything.
        if name.startswith("_"):
            raise AttributeError(name)
        # panels rerun the model on every slider move: compiled code from the start
        from ..engine import kernel
        kernel.first_run_done()
        return getattr(self._load(), name)

    def __dir__(self):
        names = set(PANELS)
        if self._module is not None:
            names.update(getattr(self._module, "__all__", ()))
        return sorted(names)

    @property
    def loaded(self):
        """True once the panels have been imported."""
        return self._module is not None

    def __repr__(self):
        state = "loaded" if self._module is not None else "not loaded yet"
        return "<neuronlite gui: %s (%s)>" % (", ".join(PANELS), state)


gui = _GuiFacade()
