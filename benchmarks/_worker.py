"""One simulator, one workload, one process.  Started by run.py; not for direct use.

    python benchmarks/_worker.py --sim neuron|neuronlite --workload W3 \
        --mode time|rss --repeat 7 --json OUT.json --npz OUT.npz

Writes its result as JSON (never stdout: NEURON prints banners there) and the
recorded traces as .npz for the agreement column.  Only ``h.run()`` is timed.
"""

import argparse
import json
import os
import resource
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def rss_mb():
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        kib /= 1024.0
    return kib / 1024.0


def hwm_mb():
    """VmHWM of this process's own address space (Linux), or None.

    Unlike ru_maxrss it is not inherited from the parent across fork/exec, so
    it cross-checks the ru_maxrss figure."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError, IndexError):
        pass
    return None


def to_np(vec):
    import numpy as np
    try:
        return np.array(vec.as_numpy(), dtype=float, copy=True)
    except Exception:
        return np.array([float(x) for x in vec], dtype=float)


def import_h(sim):
    t0 = time.perf_counter()
    if sim == "neuron":
        from neuron import h
    elif sim == "neuronlite":
        from neuronlite import h
    else:
        raise SystemExit("unknown simulator %r" % sim)
    return h, time.perf_counter() - t0


def settle(h, res):
    """neuronlite interprets a process's first small run (as fast as loading the JIT
    would be) and loads the compiled kernel on the second: that second run is also
    a warm-up, reported as ``second``, so no timed run pays a one-off cost."""
    if "neuronlite" in sys.modules:
        t0 = time.perf_counter()
        h.run()
        res["second"] = time.perf_counter() - t0


def timed_runs(h, repeat, res, warmup=1):
    """``warmup`` untimed runs (the first reported as ``first``; both simulators get
    the same number: the steady state is measured, not the interpreter and caches
    warming up), then ``repeat`` timed ones."""
    t0 = time.perf_counter()
    h.run()
    first = time.perf_counter() - t0
    settle(h, res)
    for _ in range(warmup - 1):
        h.run()
    res["warmup"] = warmup
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        h.run()
        times.append(time.perf_counter() - t0)
    return first, times


def do_time(h, wl, args, res):
    import numpy as np
    import workloads

    if wl == "W5b":
        return do_w5_batched(h, args, res)
    model = workloads.build(h, "W5" if wl == "W5" else wl)
    res["ncomp"] = model.ncomp
    res["nsteps"] = model.nsteps
    if wl == "W5":
        return do_w5_looped(h, model, args, res)
    first, times = timed_runs(h, args.repeat, res, args.warmup)
    res["first"] = first
    res["times"] = times
    t = to_np(model.t_vec)
    v = to_np(model.v_vec)
    res["npoints"] = int(len(v))
    res["peak_v"] = float(v.max()) if len(v) else None
    np.savez(args.npz, t=t, v=v)


def do_w5_looped(h, model, args, res):
    import numpy as np
    import workloads

    values = workloads.W5_GMAX
    syn = model.syn
    # warm-up (JIT, caches): one run at the first value
    syn.gmax = values[0]
    t0 = time.perf_counter()
    h.run()
    res["first"] = time.perf_counter() - t0
    settle(h, res)
    times = []
    wall = []
    peaks = None
    for _ in range(args.repeat):
        acc = 0.0
        sweep_peaks = []
        w0 = time.perf_counter()
        for g in values:
            syn.gmax = g
            t0 = time.perf_counter()
            h.run()
            acc += time.perf_counter() - t0
            sweep_peaks.append(workloads.peak(model.v_vec))
        wall.append(time.perf_counter() - w0)
        times.append(acc)
        peaks = sweep_peaks
    res["times"] = times          # sum of the 100 h.run() calls, per sweep
    res["loop_wall"] = wall       # whole loop incl. setting gmax and taking peaks
    res["nruns"] = len(values)
    np.savez(args.npz, values=np.array(values), peaks=np.array(peaks))


def do_w5_batched(h, args, res):
    import numpy as np
    import workloads

    model = workloads.build_W5(h)
    res["ncomp"] = model.ncomp
    res["nsteps"] = model.nsteps
    values = np.array(workloads.W5_GMAX)
    try:
        import neuronlite.batch  # noqa: F401
    except ImportError as exc:
        res["status"] = "n/a"
        res["reason"] = "neuronlite.batch missing (%s)" % exc
        return
    t0 = time.perf_counter()
    try:
        peaks = workloads.w5_batched(model, values)
    except (ImportError, AttributeError, NotImplementedError) as exc:
        res["status"] = "n/a"
        res["reason"] = "%s: %s" % (type(exc).__name__, exc)
        return
    res["first"] = time.perf_counter() - t0
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        peaks = workloads.w5_batched(model, values)
        times.append(time.perf_counter() - t0)
    res["times"] = times
    res["nruns"] = len(values)
    np.savez(args.npz, values=values, peaks=np.asarray(peaks, dtype=float).ravel())


def do_rss(h, wl, args, res):
    """Peak RSS with full recording (v in every segment, every step)."""
    import numpy as np
    import workloads

    res["rss_after_import_mb"] = rss_mb()
    res["vmhwm_after_import_mb"] = hwm_mb()
    model = workloads.build(h, wl)
    vecs = model.record_all()
    res["ncomp"] = model.ncomp
    res["nvecs"] = len(vecs)
    res["rss_after_build_mb"] = rss_mb()
    t0 = time.perf_counter()
    h.run()
    res["run_time"] = time.perf_counter() - t0
    res["rss_peak_mb"] = rss_mb()
    res["vmhwm_peak_mb"] = hwm_mb()
    npoints = len(model.t_vec)
    res["npoints"] = int(npoints)
    res["recorded_mb"] = (len(vecs) + 1) * npoints * 8 / 2.0 ** 20
    # Full traces, for the full-recording agreement (every segment).
    full = np.stack([to_np(v) for v in vecs]) if vecs else np.zeros((0, 0))
    np.savez(args.npz, t=to_np(model.t_vec), v=full)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sim", required=True)
    ap.add_argument("--workload", required=True)
    ap.add_argument("--mode", default="time", choices=["time", "rss"])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--json", required=True)
    ap.add_argument("--npz", required=True)
    args = ap.parse_args()

    res = {"sim": args.sim, "workload": args.workload, "mode": args.mode,
           "status": "ok", "pid": os.getpid()}
    try:
        h, import_time = import_h(args.sim)
        res["import_time"] = import_time
        if args.mode == "time":
            do_time(h, args.workload, args, res)
        else:
            do_rss(h, args.workload, args, res)
    except BaseException as exc:  # report everything, including SystemExit from a bad import
        res["status"] = "error"
        res["reason"] = "%s: %s" % (type(exc).__name__, exc)
        res["traceback"] = traceback.format_exc()
    res["rss_final_mb"] = rss_mb()
    with open(args.json, "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
