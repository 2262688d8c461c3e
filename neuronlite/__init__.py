"""neuronlite: NEURON's Python API on a compact simulator core.

``from neuronlite import h, gui`` works as ``from neuron import h, gui`` does.
"""
from . import units
from .compat.hoc import h, n

__version__ = "0.1.0"
__all__ = ["h", "n", "gui", "units"]


def __getattr__(name):
    if name == "gui":
        from .compat.gui import gui
        return gui
    raise AttributeError("module 'neuronlite' has no attribute %r" % name)


def _pkl(arg):
    """Pickle entry point for Vectors (NEURON's neuron._pkl)."""
    from .model.vector import _pkl as make
    return make(arg)
