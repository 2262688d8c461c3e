"""stdrun.hoc's procedures and globals (NEURON_FACTS §1.2, §1.4)."""
import sys

from .. import settings
from ..engine import budget
from ..engine.simulation import SIM

DEFAULTS = {"tstop": 5.0, "v_init": -65.0, "steps_per_ms": 40.0, "nstep_steprun": 1.0,
            "using_cvode_": 0.0, "realtime": 0.0}


class StdRun:
    def __init__(self):
        self.loaded = False
        self.values = dict(DEFAULTS)

    def load(self):
        if not self.loaded:
            self.loaded = True
            self.values = dict(DEFAULTS)

    def reset(self):
        self.loaded = False
        self.values = dict(DEFAULTS)

    def setdt(self):
        """Make dt divide 1/steps_per_ms (ms); prints "Changed dt" when it must change dt."""
        if self.values["using_cvode_"]:
            return
        dt = SIM.dt
        steps_per_ms = self.values["steps_per_ms"]
        if not steps_per_ms > 0:
            raise RuntimeError("steps_per_ms must be > 0 (h.steps_per_ms = %g)" % steps_per_ms)
        if not dt > 0:
            raise RuntimeError("hocobj_call error: hoc_execerror: division by zero "
                               "(dt must be > 0 ms; h.dt = %g)" % dt)
        big_dt = 1.0 / steps_per_ms
        if not big_dt / dt <= settings.max_steps:
            # NEURON hangs here: one stdrun step would be billions of fadvances
            raise RuntimeError("steps_per_ms = %g with dt = %g ms asks for %.3g time steps per "
                               "stdrun step; use steps_per_ms near 1/dt (the default is 40)"
                               % (steps_per_ms, dt, big_dt / dt))
        nstep = int(big_dt / dt)
        if nstep == 0:
            nstep = 1
        self.values["nstep_steprun"] = float(nstep)
        if abs(dt * nstep * steps_per_ms - 1) > 1e-6:
            sys.stdout.write("Changed dt\n")
            SIM.dt = big_dt / nstep

    def init(self):
        """finitialize(v_init): t = 0, every v = v_init (mV), states at steady state."""
        SIM.finitialize(self.values["v_init"])

    def stdinit(self):
        """setdt() then init(): prepare a run from t = 0."""
        self.setdt()
        self.init()
        return 0.0

    def continuerun(self, tstop):
        """Advance from the present t until t reaches tstop (ms), recording as it goes."""
        from ..model.errors import argument_number
        tstop = argument_number(tstop, "tstop")
        # before anything runs or grows: refuse what cannot finish (engine/budget.py)
        budget.check(SIM, tstop, "continuerun(%g)" % tstop)
        return self._continue(tstop)

    def _continue(self, tstop):
        if SIM.cvode_active():
            # h.cvode_active(1) sets using_cvode_ (run ends exactly at tstop);
            # h.CVode().active(1) alone leaves it 0 and stdrun loops as for fixed steps
            SIM.cvode_continuerun(float(tstop), bool(self.values["using_cvode_"]),
                                  int(self.values["nstep_steprun"]))
        else:
            SIM.continuerun(tstop, int(self.values["nstep_steprun"]))
        return 0.0

    def run(self):
        """stdinit() then continuerun(tstop): one whole simulation from 0 to h.tstop ms."""
        # checked before stdinit clears the Vectors: a refused run keeps the last results
        budget.check_run(SIM, self.values)
        self.setdt()
        SIM.finitialize(self.values["v_init"], scatter=False)
        self._continue(float(self.values["tstop"]))   # (already checked above)
        return 0.0

    def step(self):
        """nstep_steprun fixed steps of dt ms."""
        for _ in range(int(self.values["nstep_steprun"])):
            SIM.fadvance()


STDRUN = StdRun()
