"""Run control: NEURON's globals, finitialize/fadvance/continuerun/run (§1.3-1.6, §3).

The simulation compiles the model when its structure changed, refreshes the
arrays when values changed, drives the kernel and fills recording Vectors.
"""
import sys

import numpy as np

from .. import hooks, settings
from ..mechanisms import hh
from ..model.world import WORLD
from . import kernel as K
from .events import EventQueue, NetStimLogic, deliver
from . import instability, sanity
from .recorder import Recorder, resample_chunk

SPIKE_OFFSET = 1e-10
PROGRESS_CHUNK = 4000   # steps between progress notifications when someone listens
# the kernel records into a buffer flushed into the Vectors chunk by chunk: small
# enough that it adds little to the Vectors themselves (W3 fully recorded: 32 MB)
MAX_BUFFER_BYTES = 8 * 1024 * 1024
# hoc compares with a tolerance (hoc_epsilon): stdrun's ``while (t < tstop - dt/2)``
# stops when t is within 1e-11 of the limit (NEURON_FACTS 1.4; tstop = 2.0125 with
# dt = 0.025 ends at t = 2, not 2.025).
HOC_EPSILON = 1e-11
# Most steps between two instability checks (engine/instability.py): bounds how
# far a blown-up run goes on, and how precisely an unrecorded failure is dated.
CHECK_STEPS = 20000


class Simulation:
    def __init__(self):
        self.recorder = Recorder()
        self.events = EventQueue()
        self.netstim_logic = NetStimLogic(self)
        self.reset()

    def reset(self):
        self.t = 0.0
        self.dt = 0.025
        self.celsius = 6.3
        self.secondorder = 0
        self.stoprun = 0
        self.usetable_hh = 1.0
        self.compiled = None
        self._table = None
        self._table_celsius = None
        self.recorder.clear()
        self.events.clear()
        self._ctl = np.zeros(K.CTL_SIZE, dtype=np.int64)
        self._detectors = []
        self.use_cvode = False
        self.cvode_atol = 1e-3
        self.cvode_rtol = 0.0
        self.cvode_maxorder = 5
        self.cvode_maxstep = 1e9
        self._cvode_run = None
        self._values_checked = None
        self._mech_key = self._mech_cached = None
        self._unscattered = None    # a compiled model whose state the model lacks

    def cvode_active(self):
        return self.use_cvode

    # -- compiled model -----------------------------------------------------------
    def _hh_table(self):
        if self._table is None or self._table_celsius != self.celsius:
            try:
                table = hh.build_table(self.celsius)
            except OverflowError:   # interpreted rates; compiled ones give inf, then NaN
                raise FloatingPointError(
                    "h.celsius = %g degC makes the hh rate factor 3^((celsius - 6.3)/10) "
                    "overflow; use a temperature in degC (6.3 for the squid axon, 37 for "
                    "mammals)" % self.celsius) from None
            self._table = np.asarray(table)
            self._table_celsius = self.celsius
        return self._table

    def _ensure_compiled(self):
        cm = self.compiled
        if cm is None or cm.structure_version != WORLD.structure_version:
            if self._unscattered is not None:
                # h.run() left the state of finitialize in the arrays only; the new
                # layout is gathered from the model, so the model gets it first
                self._unscattered.scatter(skip_dead=True)
                self._unscattered = None
            from .compile import compile_model
            cm = compile_model()
            cm.data[0] = self.t
            cm.gather(None)
            self.compiled = cm
            self._bind_detectors()
        elif cm.value_version != WORLD.value_version:
            cm.gather(None)
        self._check_values(cm)
        return cm

    def _check_values(self, cm):
        """Refuse negative cm, conductances and time constants (engine/sanity.py),
        once per change of the values (the version pair names them)."""
        key = (cm.structure_version, cm.value_version)
        if self._values_checked != key:
            sanity.check(cm)
            self._values_checked = key

    def _mech(self):
        cm, table = self.compiled, self._hh_table()
        # (the cached tuple holds the table: its id cannot be reused meanwhile)
        key = (cm, cm.value_version, id(table), self.usetable_hh, self.celsius, self.dt)
        if key != self._mech_key:
            self._mech_cached = cm.mech_tuple(table, self.usetable_hh, self.celsius, self.dt)
            self._mech_key = key
        return self._mech_cached

    def _kernel_args(self):
        cm = self.compiled
        return (cm.data, cm.v, cm.rhs, cm.d, cm.a, cm.b, cm.parent, cm.cm, cm.area)

    def _bind_detectors(self):
        """Threshold sources: one detector per watched variable, shared by its NetCons."""
        from ..model.ref import Ref
        cm = self.compiled
        detectors = {}
        for nc in WORLD.netcons:
            source = nc._source
            if isinstance(source, Ref):
                if source.kind in ("node", "mech") and not source.owner._alive:
                    continue
                offset = cm.offset_of(source)
                detectors.setdefault(offset, []).append(nc)
        self._detectors = list(detectors.items())
        self._thr_offsets = np.asarray([o for o, _ in self._detectors], dtype=np.int64)
        self._thr_flags = np.zeros(len(self._detectors), dtype=np.int64)
        self._crossed = np.zeros(max(len(self._detectors), 1), dtype=np.int64)

    def _thresholds(self):
        if not self._detectors:
            return _NO_THRESHOLDS
        return np.asarray([ncs[-1]._threshold for _, ncs in self._detectors], dtype=float)

    # -- time -----------------------------------------------------------------------
    @property
    def t(self):
        cm = getattr(self, "compiled", None)
        return float(cm.data[0]) if cm is not None else self._t

    @t.setter
    def t(self, value):
        self._t = float(value)
        cm = getattr(self, "compiled", None)
        if cm is not None:
            cm.data[0] = self._t

    # -- spikes and events ------------------------------------------------------------
    def spike_from(self, source, time):
        """A source fired at ``time``: record it and queue an event per NetCon."""
        for nc in WORLD.netcons:
            if _same_object(nc._source, source):
                self._fire(nc, time)

    def _fire(self, nc, time):
        for vec in nc._recorders:
            vec._extend([time])
        if nc._target is not None and nc._active:
            self.events.push(time + nc._delay, "netcon", nc)

    def _deliver_until(self, limit):
        while self.events.next_time() <= limit:
            time, _, kind, payload, flag = self.events.pop()
            deliver(self, time, kind, payload, flag)

    # -- recordings -------------------------------------------------------------------
    def _start_recordings(self):
        cm = self.compiled
        self._recs = self.recorder.active()
        offsets = []
        for rec in self._recs:
            if rec.compiled is not cm:      # (offsets change only with the structure)
                rec.offset = cm.offset_of(rec.ref)
                rec.compiled = cm
            rec.vector()._clear()
            rec.restart()
            offsets.append(rec.offset)
        self._set_offsets(offsets)
        self._sample()

    def _set_offsets(self, offsets):
        # t is recorded with every sample (last row): Dt/tvec recordings resample
        # with it and the instability check dates a failure with it
        key = (offsets, [(rec.ref.kind, rec.ref.var) for rec in self._recs])
        if key != getattr(self, "_offsets_key", None):
            self._rec_offsets = np.asarray(offsets, dtype=np.int64)
            self._kernel_offsets = np.asarray(offsets + [0], dtype=np.int64)
            self._vrows = instability.voltage_rows(self._recs)
            self._offsets_key = key

    def _sample(self):
        data = self.compiled.data
        for rec in self._recs:
            value = data[rec.offset]
            if rec.ref.var == "i_cap" and rec.ref.kind == "node":
                rec.prev, value = value, 0.0
            if rec.dt is None and rec.times is None:
                vec = rec.vector()
                if vec is not None:
                    vec._append(value)
            else:
                self._store(rec, [data[0]], [value], at_start=True)

    def _icap(self, rec, values):
        """An i_cap recording samples v; NEURON's i_cap is cfac*cm*rhs after the
        solve, i.e. 1e-3*cm*(v_new - v_old)/dt (rhs is half the step with secondorder)."""
        values = np.asarray(values, dtype=float)
        cm = self.compiled
        scale = 1e-3 * cm.cm[rec.offset - cm.v_offset] / self.dt
        if self.secondorder:
            scale *= 0.5
        prev = np.concatenate(([rec.prev], values[:-1]))
        rec.prev = float(values[-1])
        return scale * (values - prev)

    def _reserve(self, steps):
        """Room in each per-step Vector for the run's samples, allocated once (the
        budget check has already bounded what the run may record)."""
        for rec in self._recs:
            if rec.dt is None and rec.times is None:
                vec = rec.vector()
                if vec is not None:
                    vec._reserve(vec._n + steps)

    def _store(self, rec, times, values, at_start=False):
        vec = rec.vector()
        if vec is None:
            return
        if rec.dt is None and rec.times is None:
            vec._extend(values)
        else:
            vec._extend(resample_chunk(rec, times, values, self.dt, at_start))

    def _flush(self, buffer, count, started=False):
        if count == 0:
            return
        t_row = None
        for k, rec in enumerate(self._recs):
            values = buffer[k, :count]
            if rec.ref.var == "i_cap" and rec.ref.kind == "node":
                values = self._icap(rec, values)
            if rec.dt is None and rec.times is None:
                rec.vector()._extend(values)
            else:
                if t_row is None:
                    t_row = self._times_of_last(count)
                self._store(rec, t_row, values, at_start=started)

    def _times_of_last(self, count):
        # the kernel records t with every sample (last buffer row, see _advance)
        return self._buffer_t[:count]

    # -- NEURON's entry points ------------------------------------------------------------
    def finitialize(self, v=None, scatter=True):
        """NEURON's finitialize.  ``scatter=False`` (h.run, fixed step): the run that
        follows writes the state back to the model, not this."""
        if v is not None:
            v = float(v)
            if v != v:
                raise ValueError("finitialize: initial voltage is NaN")
            if not abs(v) <= settings.max_abs_v:
                # NEURON starts from it and the first step is garbage (or NaN)
                raise ValueError("finitialize: initial voltage (h.v_init) %g mV is outside "
                                 "+-%g mV (neuronlite.settings.max_abs_v)"
                                 % (v, settings.max_abs_v))
        # (the compiled model holds sections weakly: a section whose last user
        # reference went away is already gone and has bumped the structure version)
        cm = self._ensure_compiled()
        if cm.value_version != WORLD.value_version:
            cm.gather(None)
        self.t = 0.0
        self.events.clear()
        if v is not None:
            cm.v[:] = v
        mech = self._mech()
        work = cm.n_nodes
        K.choose("initialize_states", work)(cm.v, mech)
        for stim in cm.netstims:
            self.netstim_logic.initialize(stim)
        for nc in WORLD.netcons:
            for vec in nc._recorders:
                vec._clear()
        self._thr_flags[:] = 0
        self._deliver_until(0.0)
        K.choose("finitialize_currents", work)(*self._kernel_args(), self._dt_checked(), self.secondorder,
                                       mech)
        self._start_recordings()
        self._cvode_run = None
        if self.use_cvode:
            from .cvode_run import on_finitialize
            on_finitialize(self)
        self._ctl[:] = 0
        if scatter or self.use_cvode or hooks.has_listeners("initialized"):
            cm.scatter()
            self._unscattered = None
        else:
            self._unscattered = cm
        if hooks.has_listeners("initialized"):
            hooks.emit("initialized", t=self.t)
        return 1.0

    def _dt_checked(self):
        dt = float(self.dt)
        if not dt > 0 or dt != dt or dt == float("inf"):
            raise RuntimeError("dt must be a positive number of ms (h.dt = %r)" % self.dt)
        return dt

    def fadvance(self):
        if self.use_cvode:
            return self.cvode_fadvance()
        self._advance(float("inf"), 1, 1)
        return 1.0

    def cvode_fadvance(self):
        """One variable step (engine/cvode_run.py)."""
        from . import cvode_run
        return cvode_run.fadvance(self)

    def cvode_continuerun(self, tstop, exact_end=True, nstep_group=1):
        """stdrun's continuerun with CVode; exact_end is stdrun's using_cvode_."""
        from . import cvode_run
        tstop = float(tstop)
        if tstop != tstop:
            raise ValueError("continuerun: tstop is NaN")
        cvode_run.continuerun(self, tstop, exact_end, nstep_group)
        if hooks.has_listeners("run_finished"):
            hooks.emit("run_finished", t=self.t)
        return 0.0

    def continuerun(self, tstop, nstep_group=1):
        tstop = float(tstop)
        if tstop != tstop:
            raise ValueError("continuerun: tstop is NaN")
        self.stoprun = 0
        self._advance(tstop, nstep_group, None)
        if hooks.has_listeners("run_finished"):
            hooks.emit("run_finished", t=self.t)
        return 0.0

    def _advance(self, tstop, nstep_group, max_steps):
        dt = self._dt_checked()
        cm = self.compiled
        if cm is None or not hasattr(self, "_recs"):
            raise RuntimeError("finitialize must be called before fadvance/continuerun")
        fresh = self._ensure_compiled()
        if fresh is not cm:
            self._start_recordings_keep()
        cm = fresh
        mech = self._mech()
        steps = max_steps if max_steps is not None else (tstop - self.t) / dt + 1
        run_steps = K.choose("run_steps", steps * max(cm.n_nodes, 8))
        thr_values = self._thresholds()
        if max_steps is None:
            remaining = (tstop - self.t) / dt
            estimate = int(min(max(remaining, 0.0), 1e12)) + 2 + nstep_group
            limit = np.inf
        else:
            estimate = max_steps
            limit = max_steps
        offsets = self._kernel_offsets
        rows = offsets.size
        self._reserve(estimate)
        capacity = int(min(estimate, max(MAX_BUFFER_BYTES // (8 * rows), 1), CHECK_STEPS))
        listening = hooks.has_listeners("progress") and max_steps is None
        if listening:
            capacity = min(capacity, PROGRESS_CHUNK)
        buffer = np.empty((offsets.size, capacity))
        ctl = self._ctl
        ctl[K.GROUP_LEFT] = 0 if max_steps is None else ctl[K.GROUP_LEFT]
        ctl[K.REC_POS] = 0
        vrows = self._vrows
        t_chunk = self.t
        try:
            self._steps(cm, dt, mech, tstop, nstep_group, limit, offsets, buffer, run_steps,
                        thr_values, vrows, t_chunk, listening)
        finally:
            # the model sees the state reached, also when the run stopped on an error
            cm.scatter()
            self._unscattered = None
        K.first_run_done()

    def _steps(self, cm, dt, mech, tstop, nstep_group, limit, offsets, buffer, run_steps,
               thr_values, vrows, t_chunk, listening):
        ctl = self._ctl
        taken = 0
        while True:
            steps_left = limit - taken if limit != np.inf else _MAX_INT64
            run_steps(cm.data, cm.v, cm.rhs, cm.d, cm.a, cm.b, cm.parent, cm.cm, cm.area, dt,
                      self.secondorder, mech, tstop - HOC_EPSILON, nstep_group,
                      int(steps_left), offsets,
                      buffer, self._thr_offsets, thr_values, self._thr_flags, self._crossed,
                      self.events.next_time(), ctl)
            taken += int(ctl[K.STEPS])
            status = ctl[K.STATUS]
            if status == K.CROSSED:
                time = cm.data[0] + SPIKE_OFFSET
                for s in self._crossed[:ctl[K.N_CROSSED]]:
                    for nc in self._detectors[s][1]:
                        self._fire(nc, time)
                continue
            if status == K.EVENT_DUE:
                self._deliver_until(cm.data[0] + 0.5 * dt)
                ctl[K.PHASE] = K.READY
                continue
            self._buffer_t = buffer[-1]
            count = int(ctl[K.REC_POS])
            failure = instability.scan(self, buffer, count, self._recs, vrows, t_chunk, dt,
                                       self._buffer_t)
            if failure is not None:
                row, message = failure
                # the Vectors keep the samples before the failure (a step did start at
                # the last good boundary: its Dt/tvec requests are taken, as in NEURON)
                self._flush(buffer, row, started=True)
                ctl[K.REC_POS] = 0
                raise FloatingPointError(message)
            self._flush(buffer, count)
            ctl[K.REC_POS] = 0
            t_chunk = self.t
            if status == K.BUFFER_FULL:
                if listening:
                    hooks.emit("progress", t=self.t, tstop=tstop)
                    if self.stoprun:
                        break
                continue
            break

    def _start_recordings_keep(self):
        """After a mid-run recompilation: re-resolve offsets without clearing the Vectors."""
        cm = self.compiled
        self._recs = self.recorder.active()
        for rec in self._recs:
            rec.offset = cm.offset_of(rec.ref)
            rec.compiled = cm
        self._set_offsets([r.offset for r in self._recs])

    def _check_finite(self):
        if instability.state_bad(self.compiled.v):
            raise FloatingPointError(instability.describe(self.compiled, self.t, self.dt, self))


def _same_object(a, b):
    """``a is b``, also when one is the weak proxy of the other that the compiled
    model and the event queue hold for a NetStim."""
    if a is b:
        return True
    try:
        return (a is not None and b is not None and a._spec is b._spec
                and a._hoc_index == b._hoc_index)
    except (AttributeError, ReferenceError):
        return False


_NO_THRESHOLDS = np.zeros(0)
_MAX_INT64 = int(np.iinfo(np.int64).max)
SIM = Simulation()


def warn(message):
    sys.stderr.write(message + "\n")
