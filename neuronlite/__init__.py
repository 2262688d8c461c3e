"""neuronlite: NEURON's Python API on a compact simulator core.

``from neuronlite import h, gui`` works as ``from neuron import h, gui`` does.
"""
from . import units
from .compat.hoc import h, n

__version__ = "0.1.0"
__all__ = ["h", "n", "gui", "units"]


def __getattr__(name):
    if name == "gui":
        # as in NEURON, importing gui loads the standard run system (nrngui.hoc)
        from .compat.gui import gui
        from .compat.stdrun import STDRUN
        STDRUN.load()
        return gui
    raise AttributeError("module 'neuronlite' has no attribute %r" % name)


def _reset():
    """Forget every section, recording and setting (tests start from NEURON's fresh state)."""
    from .compat import hocstack
    from .compat.stdrun import STDRUN
    from .engine.simulation import SIM
    from .model.world import WORLD
    from . import settings
    settings.reset()
    WORLD.reset()
    SIM.reset()
    STDRUN.reset()
    hocstack.reset()


def _pkl(arg):
    """Pickle entry point for Vectors (NEURON's neuron._pkl)."""
    from .model.vector import _pkl as make
    return make(arg)
