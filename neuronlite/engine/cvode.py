"""Variable time step (h.CVode): settings holder; integration lives in cvode_run.py."""
from ..model import errors
from .simulation import SIM


def _tolerance(value, what):
    """NEURON refuses a negative tolerance (and computes NaN steps with a NaN one)."""
    value = errors.argument_number(value, what)
    if not 0 <= value < float("inf"):
        raise errors.hoc_error("Arg out of range in user function (%s = %g)" % (what, value))
    return value


class CVodeControl:
    """``h.CVode()``: switch and tune the variable-step integrator."""

    def active(self, flag=None):
        """Get, or set with True/False, whether runs use variable time steps."""
        if flag is not None:
            flag = errors.argument_number(flag, "CVode.active flag")
            if not flag and SIM.use_cvode:
                from .cvode_run import forget
                forget(SIM)
            SIM.use_cvode = bool(flag)
            from ..model.world import WORLD
            WORLD.value_changed(None, "cvode")
        return 1.0 if SIM.use_cvode else 0.0

    def atol(self, value=None):
        """Absolute tolerance (default 1e-3)."""
        if value is not None:
            SIM.cvode_atol = _tolerance(value, "atol")
        return SIM.cvode_atol

    def rtol(self, value=None):
        """Relative tolerance (default 0)."""
        if value is not None:
            SIM.cvode_rtol = _tolerance(value, "rtol")
        return SIM.cvode_rtol

    def maxorder(self, value=None):
        """Highest BDF order the integrator may use (1-5, default 5)."""
        if value is not None:
            value = errors.argument_number(value, "maxorder")
            SIM.cvode_maxorder = int(min(max(value, 1), 5))
        return float(SIM.cvode_maxorder)

    def maxstep(self, value=None):
        """Largest step (ms); 0 or less means no limit (NEURON's default 1e9)."""
        if value is not None:
            SIM.cvode_maxstep = errors.argument_number(value, "maxstep")
        return SIM.cvode_maxstep

    def condition_order(self, value=None):
        """Threshold detection order; only 1 (NEURON's default) is implemented."""
        if value is not None and int(value) != 1:
            import sys
            sys.stderr.write("neuronlite: CVode.condition_order(%d) is not implemented; "
                             "thresholds stay first order\n" % int(value))
        return 1.0

    def use_local_dt(self, flag=None):
        """Local variable time step (one integrator per cell): not implemented."""
        if flag:
            raise NotImplementedError("neuronlite has no local variable time step "
                                      "(CVode.use_local_dt); the global one is used")
        return 0.0

    def re_init(self):
        """Restart the integrator from the present state (after changing states)."""
        run = getattr(SIM, "_cvode_run", None)
        if run is not None:
            run.need_init = True
        return 0.0
