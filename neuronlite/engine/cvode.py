"""Variable time step (h.CVode): settings holder; integration lives in cvode_run.py."""
from .simulation import SIM


class CVodeControl:
    """``h.CVode()``: switch and tune the variable-step integrator."""

    def active(self, flag=None):
        """Get, or set with True/False, whether runs use variable time steps."""
        if flag is not None:
            SIM.use_cvode = bool(flag)
            from ..model.world import WORLD
            WORLD.value_changed(None, "cvode")
        return 1.0 if SIM.use_cvode else 0.0

    def atol(self, value=None):
        """Absolute tolerance (default 1e-3)."""
        if value is not None:
            SIM.cvode_atol = float(value)
        return SIM.cvode_atol

    def rtol(self, value=None):
        """Relative tolerance (default 0)."""
        if value is not None:
            SIM.cvode_rtol = float(value)
        return SIM.cvode_rtol

    def re_init(self):
        """Restart the integrator from the present state (after a discontinuity)."""
        return 0.0
