"""Parameter sweeps in one call: many h.run()s stepped together.

``sweep`` runs the present model once per value of one parameter, exactly as
``h.run()`` would (same dt handling, initialisation and numbers), but all
copies advance in a single compiled loop, so a sweep of 100 values costs a
small multiple of one run.  The panels use it to draw families of traces.

Example
-------
>>> peaks = batch.sweep((syn, "gmax"), np.linspace(0.2, 4, 100),
...                     record=soma(0.5)._ref_v, reduce="max")
"""
import numpy as np

from .compat.stdrun import STDRUN
from .engine import kernel as K
from .engine.replicate import copy_offset, replicate
from .engine.simulation import HOC_EPSILON, SIM
from .model import errors
from .model.ref import Ref
from .model.world import WORLD

REDUCERS = {"max": np.max, "min": np.min, "mean": np.mean, "last": lambda a, axis: a[:, -1]}


def _parameter_ref(param):
    owner, name = param
    if isinstance(owner, Ref):
        return owner
    ref = getattr(owner, "_ref_" + name, None)
    if not isinstance(ref, Ref):
        raise TypeError("param must be (object, 'name') with a recordable parameter, or a _ref_")
    return ref


def sweep(param, values, record=None, reduce="max", tstop=None):
    """Run the model once per value of a parameter; return one result per value.

    Parameters
    ----------
    param : (object, str) or _ref_
        What to vary, e.g. ``(syn, "gmax")`` or ``(soma(0.5).pas, "g")``.
    values : sequence of float
        The values (in the parameter's NEURON unit), one run each.
    record : _ref_, optional
        What to record (default: the first segment's ``_ref_v`` of the first section).
    reduce : {"max", "min", "mean", "last", None}
        How each trace becomes a number; ``None`` returns the traces, shape
        (len(values), samples), as ``h.run()`` would record them.
    tstop : float, optional
        Run length in ms (default ``h.tstop``).

    Returns
    -------
    numpy.ndarray
        One number (or one trace) per value.
    """
    values = np.asarray([errors.argument_number(x, "sweep value") for x in values], dtype=float)
    if values.size == 0:
        return np.zeros(0)
    if reduce is not None and reduce not in REDUCERS:
        raise ValueError("reduce must be one of %s or None" % ", ".join(sorted(REDUCERS)))
    if WORLD.netcons or SIM.use_cvode:
        raise NotImplementedError("batch.sweep supports fixed-step models without NetCon "
                                  "events; loop over h.run() instead")
    STDRUN.load()
    tstop = STDRUN.values["tstop"] if tstop is None else errors.argument_number(tstop, "tstop")
    if record is None:
        record = WORLD.sections()[0](0.5)._ref_v
    target = _parameter_ref(param)
    STDRUN.setdt()
    model = SIM._ensure_compiled()   # the user's model, recordings and state stay untouched
    big = replicate(model, values.size)
    base = model.offset_of(target)
    for k, value in enumerate(values):
        big.data[copy_offset(big, base, k)] = value
    big.v[:] = STDRUN.values["v_init"]
    big.data[0] = 0.0
    dt = SIM.dt
    mech = big.mech_tuple(SIM._hh_table(), SIM.usetable_hh, SIM.celsius, dt)
    K.get("initialize_states")(big.v, mech)
    args = (big.data, big.v, big.rhs, big.d, big.a, big.b, big.parent, big.cm, big.area)
    K.get("finitialize_currents")(*args, dt, SIM.secondorder, mech)
    record_base = model.offset_of(record)
    offsets = np.asarray([copy_offset(big, record_base, k) for k in range(values.size)],
                         dtype=np.int64)
    steps = int((tstop - 0.0) / dt) + 2 + int(STDRUN.values["nstep_steprun"])
    # a C-contiguous buffer, as h.run() passes (the same compiled run_steps serves
    # both); column 0 holds the t = 0 sample, so the kernel starts writing at 1
    buffer = np.empty((offsets.size, steps + 1))
    buffer[:, 0] = big.data[offsets]
    ctl = np.zeros(K.CTL_SIZE, dtype=np.int64)
    ctl[K.PHASE] = K.READY
    ctl[K.REC_POS] = 1
    empty_i = np.zeros(0, dtype=np.int64)
    K.get("run_steps")(*args, dt, SIM.secondorder, mech, tstop - HOC_EPSILON,
                       int(STDRUN.values["nstep_steprun"]), np.iinfo(np.int64).max, offsets,
                       buffer, empty_i, np.zeros(0), empty_i, empty_i, np.inf, ctl)
    traces = buffer[:, :int(ctl[K.REC_POS])]
    SIM.t = float(big.data[0])
    if reduce is None:
        return traces
    return np.asarray(REDUCERS[reduce](traces, axis=1))
