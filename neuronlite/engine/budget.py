"""Refusing runs that could not finish: too many steps, or recordings too big for memory.

NEURON starts such runs and hangs, or allocates until the machine swaps.
Here the cost is estimated from numbers known before the run (tstop, dt,
what is recorded and how often) and compared with the limits in
:mod:`neuronlite.settings`, before the Vectors are cleared or grown, so a
refused run leaves the model and the earlier results as they were.
"""
import math

from .. import settings
from ..model.world import WORLD

SAMPLE_BYTES = 8   # a recorded sample is one double


class RecordingTooLarge(MemoryError):
    """The recordings of a run would exceed ``neuronlite.settings.max_recording_bytes``."""


class TooManySteps(RuntimeError):
    """A run would take more than ``neuronlite.settings.max_steps`` fixed steps."""


class TooManyEvents(RuntimeError):
    """NetStims would deliver more than ``neuronlite.settings.max_events`` events in a run."""


def _count(value):
    return "%.3g" % value if value >= 1e6 else "%d" % value


def _nice_at_least(value):
    """Smallest of 1, 2, 5 x 10^k that is >= value (a Dt to suggest)."""
    power = 10.0 ** math.floor(math.log10(value))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= value * (1 - 1e-12):
            return factor * power
    return 10.0 * power


def planned_samples(sim, t_end, from_start, dt):
    """[(recording, samples its Vector will hold after the run)] for every live recording."""
    steps = max((t_end - (0.0 if from_start else sim.t)) / dt, 0.0) + 1.0
    plan = []
    for rec in sim.recorder.active():
        vec = rec.vector()
        if vec is None or rec.times is not None:
            continue        # a tvec recording holds at most len(tvec) samples: already paid for
        if rec.dt is not None:
            count = max(t_end, 0.0) / rec.dt + 1.0   # (a float: t_end may be inf)
        elif sim.cvode_active():
            continue        # variable steps: the count is not known in advance
        else:
            count = steps + (0 if from_start else vec.size())
        plan.append((rec, count))
    return plan


def check(sim, t_end, what, from_start=False, dt=None):
    """Raise TooManySteps / RecordingTooLarge if advancing to ``t_end`` is out of bounds.

    ``from_start``: the run restarts at t = 0 (h.run()), so the Vectors start empty;
    ``dt``: the step the run will use (default h.dt).
    """
    dt = float(sim.dt if dt is None else dt)
    if not (dt > 0 and math.isfinite(dt)) or t_end != t_end:
        return      # the run itself reports a bad dt or tstop, in NEURON's words
    if t_end == math.inf:
        raise TooManySteps("%s to t = inf ms would never end (NEURON hangs); give a finite "
                           "time in ms" % what)
    t0 = 0.0 if from_start else float(sim.t)
    steps = math.inf if sim.cvode_active() else (t_end - t0) / dt
    # memory first: a huge tstop with recordings is above all a memory problem
    plan = planned_samples(sim, t_end, from_start, dt)
    total = SAMPLE_BYTES * sum(count for _, count in plan)
    limit = settings.max_recording_bytes
    if total > limit:
        raise RecordingTooLarge(_too_large_message(what, t_end, dt, plan, total, limit, steps))
    _check_events(sim, t0, t_end, what)
    if not sim.cvode_active():
        if steps > settings.max_steps:
            raise TooManySteps(
                "%s to t = %g ms with dt = %g ms would take %s fixed steps, more than the %s "
                "allowed (neuronlite.settings.max_steps); shorten h.tstop or enlarge h.dt (or, "
                "for a run really this long, raise neuronlite.settings.max_steps)"
                % (what, t_end, dt, _count(steps), _count(settings.max_steps)))


def planned_events(sim, t0, t_end):
    """[(NetStim, events it delivers between t0 and t_end, counting one per NetCon)]."""
    compiled = sim.compiled
    if (compiled is not None and compiled.structure_version == WORLD.structure_version
            and not compiled.netstims):
        return []       # (creating a NetStim changes the structure)
    fan_out = {}
    for nc in WORLD.netcons:
        fan_out[id(nc._source)] = fan_out.get(id(nc._source), 0) + 1
    plan = []
    for pp in list(WORLD.point_processes):
        if pp._spec.name != "NetStim":
            continue
        number, interval, start = float(pp.number), float(pp.interval), float(pp.start)
        span = t_end - max(start, t0)
        if number <= 0 or span < 0:
            continue
        firings = number if interval <= 0 else min(number, span / interval + 1)
        plan.append((pp, firings * (1 + fan_out.get(id(pp), 0))))
    return plan


def _check_events(sim, t0, t_end, what):
    plan = planned_events(sim, t0, t_end)
    total = sum(count for _, count in plan)
    if total > settings.max_events:
        stim, count = max(plan, key=lambda item: item[1])
        raise TooManyEvents(
            "%s to t = %g ms would deliver about %s events (%s alone: number = %g, interval = "
            "%g ms), more than the %s allowed (neuronlite.settings.max_events); give %s a "
            "larger interval or a smaller number" % (
                what, t_end, _count(total), stim, stim.number, stim.interval,
                _count(settings.max_events), stim))


def _too_large_message(what, t_end, dt, plan, total, limit, steps):
    per_step = [rec for rec, _ in plan if rec.dt is None]
    biggest = max(count for _, count in plan)
    text = ("%s to t = %g ms would record %s samples into %d Vector(s): about %s, more than "
            "the %s allowed (neuronlite.settings.max_recording_bytes). "
            % (what, t_end, _count(biggest), len(plan), settings.human_bytes(total),
               settings.human_bytes(limit)))
    # the Dt at which all recordings together would fit, rounded up to 1-2-5
    needed = SAMPLE_BYTES * len(plan) * max(t_end, dt) / (0.9 * limit)
    if per_step and needed < t_end:
        dt_fit = _nice_at_least(max(needed, dt))
        text += ("To reduce it, record every Dt ms instead of every step (dt = %g ms), e.g. "
                 "vec.record(seg._ref_v, %g) for about %s in all; " %
                 (dt, dt_fit, settings.human_bytes(SAMPLE_BYTES * len(plan) *
                                                   (t_end / dt_fit + 1))))
    else:
        text += "To reduce it, record every Dt ms with a larger Dt; "
    text += ("shorten h.tstop; record fewer variables; or raise "
             "neuronlite.settings.max_recording_bytes if the memory is there.")
    if steps > settings.max_steps and steps != math.inf:
        text += (" (The run would also take %s fixed steps of dt = %g ms, more than "
                 "neuronlite.settings.max_steps = %s: shorten h.tstop or enlarge h.dt.)"
                 % (_count(steps), dt, _count(settings.max_steps)))
    return text


def check_run(sim, stdrun_values, t_end=None):
    """What h.run() (or RunControl's Init & Run) checks before stdinit clears the Vectors."""
    if t_end is None:
        t_end = float(stdrun_values["tstop"])
    # a run that passed needs no second look until something it depends on changes
    # (a slider moving a synapse's gmax changes the value version, and is rechecked)
    key = (WORLD.structure_version, WORLD.value_version, sim.recorder.version,
           len(WORLD.netcons), t_end, float(sim.dt), sim.use_cvode,
           tuple(sorted(stdrun_values.items())), settings.max_recording_bytes,
           settings.max_steps, settings.max_events)
    if key == _passed["run"]:
        return
    check(sim, t_end, "h.run()", from_start=True, dt=_dt_after_setdt(sim, stdrun_values))
    _passed["run"] = key


_passed = {"run": None}


def _dt_after_setdt(sim, values):
    """The dt stdinit's setdt will choose (stdrun.StdRun.setdt, without its side effects)."""
    dt, steps_per_ms = float(sim.dt), float(values["steps_per_ms"])
    if values["using_cvode_"] or not (dt > 0 and steps_per_ms > 0):
        return dt
    big_dt = 1.0 / steps_per_ms
    nstep = max(int(big_dt / dt), 1) if math.isfinite(big_dt / dt) else 1
    return dt if abs(dt * nstep * steps_per_ms - 1) <= 1e-6 else big_dt / nstep
