"""neuronlite_widgets: ipywidgets + bqplot panels for neuronlite, NEURON's GUI for Jupyter.

Reach them the NEURON way::

    from neuronlite import h, gui
    soma = h.Section(name="soma")
    gui.SectionInspector(soma)

Panels observe the simulation through neuronlite's public API and hooks only
(never its compiled internals), and every one is an ipywidgets DOM widget:
make it the last expression of a cell to display it.
"""

from .explorer import Explorer
from .point_process_manager import PointProcessManager
from .run_control import RunControl
from .section_inspector import SectionInspector
from .shape_plot import ShapePlot
from .voltage_plot import VoltagePlot
from ._runner import scheduler

__all__ = ["Explorer", "PointProcessManager", "RunControl", "SectionInspector", "ShapePlot",
           "VoltagePlot", "scheduler"]
