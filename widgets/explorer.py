"""Explorer: the worksheet's experiment wired together in one panel."""

import ipywidgets as widgets

from . import _api
from .point_process_manager import PointProcessManager
from .run_control import RunControl
from .section_inspector import SectionInspector
from .voltage_plot import VoltagePlot


class Explorer(widgets.VBox):
    """Inspector, synapse sliders, voltage plot and run control for one cell.

    Parameters
    ----------
    sec : Section
        The section to inspect and record (``soma``): its middle's v is plotted.
    pp : point process, optional
        The stimulus whose parameters get sliders (``asyn``).

    The parts are attributes (``inspector``, ``manager``, ``plot``,
    ``run_control``), so a notebook can reach any control.
    """

    def __init__(self, sec, pp=None):
        self.run_control = RunControl()
        self.plot = VoltagePlot(sec(0.5), title="%s(0.5).v" % _api.section_name(sec))
        self.inspector = SectionInspector(sec)
        self.manager = PointProcessManager(pp) if pp is not None else None
        left = [self.manager] if self.manager is not None else []
        left.append(self.run_control)
        tabs = widgets.Tab(children=[widgets.VBox(left), self.inspector])
        tabs.set_title(0, "stimulus & run")
        tabs.set_title(1, "section %s" % _api.section_name(sec))
        # wraps the plot under the controls when the notebook is narrow
        super().__init__([widgets.HBox([tabs, self.plot],
                                       layout=widgets.Layout(flex_flow="row wrap"))])

    def run(self):
        """Init & Run, as the RunControl button does."""
        self.run_control.run()

    def close(self):
        for part in (self.run_control, self.plot, self.inspector, self.manager):
            if part is not None:
                part.close()
        super().close()
