"""Variable-step runs (``h.CVode().active(1)``) with NEURON's stepping rules (§5).

The integrator is scipy's BDF (orders 1-5, Newton iterations with the model's
Jacobian) on the system of cvode_system.py.  Around it this module reproduces
how NEURON's NetCvode drives CVODE, because that decides what users see:

* one ``h.fadvance()`` runs micro-steps until t increases: a real integration
  step, an interpolation back to the next event time, or a restart;
* events (NetCon deliveries, NetStim, ``Vector.record(ref, tvec)`` / ``(ref, Dt)``
  time points, stdrun's tstop event) happen at their exact times: a step that
  passes one is interpolated back to it, and a delivery that changes a STATE
  (NET_RECEIVE of ExpSyn/Exp2Syn) restarts the integrator there;
* ``at_time()`` discontinuities (IClamp del, del+dur; AlphaSynapse onset;
  SEClamp level ends) are stop times: the step ends eps before and the
  integrator restarts 1.5 eps after (del=2: t = 1.9999999999999556, then
  2.000000000000022);
* thresholds are checked at the start of each micro-step (NEURON's
  condition_order 1), so a spike is stamped with the first time v is seen above;
* plain ``Vector.record(ref)`` samples at the start of every real step (the
  state at the end of the previous one), none in finitialize.
"""
import numpy as np

from .. import hooks
from ..mechanisms import ARTIFICIAL, vclamp
from ..model.world import WORLD
from .cvode_system import OdeSystem
from . import instability
from .events import deliver

EPS = 100.0 * np.finfo(float).eps     # NetCvode::eps_ (100 unit roundoffs, relative)
AT_TIME_HORIZON = 1e5                 # ms; NEURON's stop time when no at_time is pending
PROGRESS_EVERY = 500                  # fadvance calls between progress notifications
INF = float("inf")


def eps(x):
    return EPS * abs(x)


def _make_bdf(fun, t0, y0, t_bound, rtol, atol, jac, max_order, max_step):
    """scipy's BDF with NEURON's ``maxorder`` honoured.

    scipy picks the next order inside its step; capping the attribute it stores
    the order in keeps the method at or below ``max_order`` (the difference
    array keeps one more term, which only makes the predictor more accurate).
    """
    from scipy.integrate import BDF

    class CappedBDF(BDF):
        @property
        def order(self):
            return self._order

        @order.setter
        def order(self, value):
            self._order = max(1, min(int(value), max_order))

    # scipy clamps rtol below 100 eps with a warning; NEURON's default rtol is 0
    rtol = max(float(rtol), 100.0 * np.finfo(float).eps)
    max_step = max_step if max_step > 0 else np.inf
    return CappedBDF(fun, t0, y0, t_bound, rtol=rtol, atol=atol, jac=jac, max_step=max_step)


class CvodeRun:
    """The integrator state of one initialised run (NEURON's global Cvode + NetCvode)."""

    def __init__(self, sim, schedule):
        self.sim = sim
        self.compiled = sim.compiled
        clamps = sim.compiled.point_blocks["VClamp"].values
        if clamps.shape[1] and vclamp.uses_levels(clamps):
            # vclmp.mod's INITIAL refuses too: its amplifier states are fixed-step only
            raise RuntimeError("hocobj_call error: hoc_execerror: VClamp does not work with "
                               "CVODE; use SEClamp, or switch CVode off")
        self.system = OdeSystem(sim.compiled, sim._mech(), sim._hh_table(), sim.usetable_hh,
                                sim.celsius)
        self.value_version = WORLD.value_version
        self.t = float(sim.compiled.data[0])   # NEURON's t_ (may differ from h.t briefly)
        self.tn = self.t                       # end of the last real step
        self.solver = None
        self.dense = None
        self.need_init = True
        self.can_retreat = False
        self.initialized = False
        self.tstop_ = INF                      # integration stop time (next at_time - eps)
        self.stopped = False
        self._set_recordings(schedule)

    # -- recordings ---------------------------------------------------------------------
    def _set_recordings(self, schedule):
        """Plain recordings sample per step; tvec/Dt ones are events on the queue
        (so that ties with NetCon events keep NEURON's first-queued-first order)."""
        recs = self.sim._recs
        for r in recs:
            r.offset = self.compiled.offset_of(r.ref)
        self._plain = [r for r in recs if r.dt is None and r.times is None]
        self._plain_offsets = np.asarray([r.offset for r in self._plain], dtype=np.int64)
        self._plain_rows = []
        self._timed = {id(r) for r in recs if r.dt is not None or r.times is not None}
        if not schedule:
            return
        for r in recs:
            vec = r.vector()
            if vec is None or (r.dt is None and r.times is None):
                continue
            # after finitialize the Vectors are empty; when CVode is switched on later
            # the next point is the one after those already recorded (as NEURON)
            count = vec.size()
            if r.times is not None:
                self._schedule_record(r, count)
            else:
                self.sim.events.push(count * r.dt, "record", r, float(count))

    def _schedule_record(self, rec, index):
        times = rec.times.as_numpy()
        if index < times.size:
            self.sim.events.push(float(times[index]), "record", rec, float(index))

    def _record_event(self, time, rec, index):
        vec = rec.vector()
        if vec is None or id(rec) not in self._timed:
            return          # Vector gone, or its variable vanished with a rebuilt model
        vec._extend([self.compiled.data[rec.offset]])
        if rec.times is not None:
            self._schedule_record(rec, int(index) + 1)
        else:
            self.sim.events.push(time + rec.dt, "record", rec, index + 1.0)

    def _record_continuous(self):
        if self._plain:
            self._plain_rows.append(self.compiled.data[self._plain_offsets])

    def flush(self):
        """Move buffered plain-record samples into their Vectors."""
        if self._plain_rows:
            block = np.vstack(self._plain_rows)
            self._plain_rows = []
            for k, rec in enumerate(self._plain):
                vec = rec.vector()
                if vec is not None:
                    vec._extend(block[:, k])

    # -- integrator -------------------------------------------------------------------------
    def _init(self, t0):
        """(Re)start the integrator at t0 from the model's present state (Cvode::init)."""
        sim = self.sim
        y0 = self.system.gather()
        self.t = self.tn = t0
        times = self.system.discontinuities()
        later = times[times > t0]
        next_at = float(later.min()) if later.size else t0 + AT_TIME_HORIZON
        self.tstop_ = next_at - eps(next_at)
        self.solver = None
        if self.system.size and self.tstop_ > t0:
            self.solver = _make_bdf(self.system.fun, t0, y0, self.tstop_, sim.cvode_rtol,
                                    sim.cvode_atol, self.system.jac, sim.cvode_maxorder,
                                    sim.cvode_maxstep)
        self.system.sync(t0, y0)
        self.need_init = False
        self.can_retreat = False
        self.dense = None

    def _advance_tn(self):
        """One real step (Cvode::advance_tn), or the restart behind an at_time stop."""
        if self.t >= self.tstop_ - eps(self.t):
            self._init(self.tstop_ + 1.5 * eps(self.tstop_))
            return
        solver = self.solver
        if solver is None:          # nothing to integrate: NEURON jumps ahead
            self.t = self.tn = self.t + 1e9
            self.compiled.data[0] = self.t
            return
        try:
            message = solver.step()
        except (ValueError, RuntimeError, ArithmeticError, np.linalg.LinAlgError) as exc:
            # scipy's words ("array must not contain infs or NaNs", "Factor is exactly
            # singular") do not name the model; the next run starts afresh
            self.sim._cvode_run = None
            found = instability.causes(self.sim)
            raise FloatingPointError(
                "the variable step integrator (CVode) failed at t = %g ms (%s); the run "
                "stopped there and the recorded Vectors keep the samples before it. Likely "
                "cause: %s" % (self.t, exc, "; ".join(found) if found else
                               "values that make the membrane equations infinite or "
                               "singular")) from None
        if solver.status == "failed":
            raise RuntimeError("variable step integrator error at t = %g ms: %s"
                               % (self.t, message))
        self.t = self.tn = float(solver.t)
        self.dense = None
        self.can_retreat = True
        self.system.sync(self.t, solver.y)
        self.sim.dt = float(solver.t - solver.t_old)
        if instability.state_bad(self.compiled.v):
            # a runaway v makes the steps ever smaller: stop at once, as fixed steps do
            self.flush()
            self.sim._cvode_run = None
            raise FloatingPointError(instability.describe(self.compiled, self.t,
                                                          self.sim.dt, self.sim))

    def _interpolate(self, tout):
        """Move t back (or forward) inside the last step (Cvode::interpolate)."""
        data = self.compiled.data
        if not self.can_retreat:
            # right after a restart there is no step to interpolate in; NEURON only
            # moves the visible t and leaves its own t at the restart point
            data[0] = tout
            return
        if abs(tout - self.t) <= eps(self.t) or self.solver is None:
            self.t = tout
            data[0] = tout
            return
        if self.dense is None:
            self.dense = self.solver.dense_output()
        self.t = tout
        self.system.sync(tout, self.dense(tout))

    # -- events and thresholds ------------------------------------------------------------
    def _next_event(self):
        return self.sim.events.next_time()

    def _deliver(self, tt):
        """Every event at or before tt, in time then queueing order (deliver_events)."""
        sim = self.sim
        events = sim.events
        while events.next_time() <= tt:
            time, _, kind, payload, flag = events.pop()
            if kind == "record":
                self._record_event(time, payload, flag)
            elif kind == "tstop":
                # stdrun's cvode.event(tstop): a record point there; this fadvance ends
                self._record_continuous()
                self.stopped = True
            else:
                if kind == "netcon":
                    target = payload._target
                    if (target is not None and payload._active
                            and target._spec.kind != ARTIFICIAL):
                        self.need_init = True      # a STATE jumped: restart the integrator
                deliver(sim, time, kind, payload, flag)

    def _check_thresholds(self):
        sim = self.sim
        if not sim._detectors:
            return
        above = self.compiled.data[sim._thr_offsets] - self._thr_values > 0.0
        flags = sim._thr_flags
        fired = np.flatnonzero(above & (flags == 0))
        flags[:] = above
        for s in fired:
            for nc in sim._detectors[s][1]:
                sim._fire(nc, self.t)

    def _handle_step(self, te):
        """Cvode::handle_step: thresholds, then restart, interpolation or a real step."""
        self._check_thresholds()
        if self._next_event() <= self.t:
            return                      # a zero-delay event was just queued
        if self.need_init:
            self._init(self.t)
            self.initialized = True
        elif te <= self.tn:
            self._interpolate(te)
        elif self.t < self.tn:
            self._interpolate(self.tn)
        else:
            self._record_continuous()
            self._advance_tn()

    def _microstep(self):
        tt = self._next_event()
        if tt <= self.t:
            self._deliver(tt)
        else:
            self._handle_step(tt)
        te = self._next_event()
        if te < self.t:
            self._interpolate(te)

    # -- NEURON's entry points ------------------------------------------------------------
    def refresh(self):
        """Pick up what the user changed since the last call (parameters, t)."""
        sim = self.sim
        if self.value_version != WORLD.value_version:
            self.value_version = WORLD.value_version
            self.system.set_mech(sim._mech(), sim._hh_table(), sim.usetable_hh, sim.celsius)
            self.need_init = True
        if self.compiled.data[0] != self.t and not self.need_init and self.can_retreat:
            self.t = float(self.compiled.data[0])    # h.t was assigned
            self.need_init = True
        self._thr_values = sim._thresholds()

    def fadvance(self):
        """One h.fadvance(): micro-steps until t increases (NetCvode::solve(-1))."""
        tc = self.t
        self.initialized = False
        self.stopped = False
        while self.t <= tc and not self.initialized and not self.stopped:
            self._microstep()


def on_finitialize(sim):
    """finitialize with CVode active: restart at t=0 and take the t=0 record points."""
    for rec in sim._recs:
        vec = rec.vector()
        if vec is not None:
            vec._clear()        # plain ones too: NEURON takes their t=0 point in fadvance
    run = CvodeRun(sim, schedule=True)
    sim._cvode_run = run
    run.refresh()
    run._init(run.t)
    run._deliver(run.t)         # record points at t=0 (NEURON: in finitialize)
    return run


def forget(sim):
    """CVode switched off: drop its own queue entries so fixed steps never see them."""
    run = getattr(sim, "_cvode_run", None)
    if run is not None:
        run.flush()
    sim.events.discard(("record", "tstop"))
    sim._cvode_run = None


def _current_run(sim):
    """The run to continue, rebuilt when the model's structure changed."""
    cm = sim._ensure_compiled()
    run = getattr(sim, "_cvode_run", None)
    if run is None or run.compiled is not cm:
        # first CVode step after a fixed-step finitialize, or the model was rebuilt:
        # start from the present state, keeping what the Vectors hold
        if run is not None:
            run.flush()
        sim._start_recordings_keep()
        run = CvodeRun(sim, schedule=run is None)
        sim._cvode_run = run
    run.refresh()
    return run


def _finish(sim, run):
    run.flush()
    sim._check_finite()
    sim.compiled.scatter()


def fadvance(sim):
    if sim.compiled is None or not hasattr(sim, "_recs"):
        raise RuntimeError("finitialize must be called before fadvance/continuerun")
    run = _current_run(sim)
    run.fadvance()
    _finish(sim, run)
    return 1.0


def continuerun(sim, tstop, exact_end=True, nstep=1):
    """stdrun's continuerun with CVode.

    exact_end (stdrun's using_cvode_, set by h.cvode_active(1)): an event at
    tstop makes the run end there, with a last record point at tstop.
    Otherwise (only h.CVode().active(1)) stdrun treats fadvance as a fixed
    step: ``while t < tstop - dt/2: step()`` with the dt of the call, which
    ends at the first step end past that (and records up to the step before).
    """
    if sim.compiled is None or not hasattr(sim, "_recs"):
        raise RuntimeError("finitialize must be called before fadvance/continuerun")
    sim.stoprun = 0
    run = _current_run(sim)
    listening = hooks.has_listeners("progress")
    data = sim.compiled.data
    calls = 0

    def step():
        nonlocal calls, run
        for _ in range(nstep):
            run.fadvance()
        calls += 1
        if listening and calls % PROGRESS_EVERY == 0:
            _finish(sim, run)
            hooks.emit("progress", t=sim.t, tstop=tstop)
            run = _current_run(sim)

    if exact_end:
        sim.events.push(tstop, "tstop", None)
        while data[0] < tstop and not sim.stoprun:
            step()
            data = sim.compiled.data
        if not sim.stoprun:
            step()
    else:
        limit = tstop - sim.dt / 2.0
        while data[0] < limit and not sim.stoprun:
            step()
            data = sim.compiled.data
    _finish(sim, run)
    return 0.0
