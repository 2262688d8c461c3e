#!/usr/bin/env python
"""Benchmark harness of issue 6: neuronlite against NEURON 9, same run, same models.

    python benchmarks/run.py [--quick] [--only W1 W3 ...] [--repeat N]
                             [--no-neuron] [--no-neuronlite] [--out DIR]

Each (simulator, workload) pair runs in its own subprocess (benchmarks/_worker.py)
which times only ``h.run()`` and saves its traces to .npz; this process compares
the traces, prints the table, and writes JSON and a PNG plot to --out
(default benchmarks/results/).  See benchmarks/README.md for the columns.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORKER = os.path.join(HERE, "_worker.py")
sys.path.insert(0, HERE)

import workloads  # noqa: E402  (standard library only)

SIMS = ("neuron", "neuronlite")
LABEL = {"neuron": "NEURON", "neuronlite": "neuronlite"}

# Ratio targets (neuronlite median / NEURON median), issue 6.
TARGETS = {
    "W1": 0.05,
    "W2": 0.05,
    "W3": 0.5,
    "W4": 0.5,
    "W5 batch": 0.02,
    "W5 loop": 1.0,
    "W6 warm": 1.0,
    "import": 1.0,
}
W6_COLD_LIMIT_S = 10.0          # absolute, seconds
IMPORT_REPEAT = 10

MAIN = ["W1", "W2", "W3", "W4", "W5", "W6", "IMPORT"]
SCALING_NAMES = list(workloads.SCALING)          # W3n11, W3n101, W3n10001
ALL_NAMES = MAIN + SCALING_NAMES + ["SCALING"]
RSS_WORKLOADS = ["W3", "W4"]

# W6: whole fresh process: import, build W1, run, print the peak.
W6_CODE = (
    "import sys; sys.path.insert(0, {here!r})\n"
    "from {module} import h\n"
    "import workloads\n"
    "m = workloads.build_W1(h)\n"
    "h.run()\n"
    "print('PEAK=%.17g' % workloads.peak(m.v_vec))\n"
)
IMPORT_CODE = "from {module} import h"


# ----------------------------------------------------------------------------- utils

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def stats(times):
    if not times:
        return None
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "n": len(times), "times": list(times)}


def fmt_time(s):
    if s is None:
        return "-"
    if s >= 1.0:
        return "%.3f s" % s
    if s >= 1e-3:
        return "%.2f ms" % (s * 1e3)
    return "%.1f us" % (s * 1e6)


def fmt_num(x, spec="%.3g"):
    return "-" if x is None else spec % x


def last_line(text):
    lines = [ln for ln in (text or "").strip().splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def sim_env(sim, cache_dir):
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    env["MPLBACKEND"] = "Agg"
    if sim == "neuronlite" and cache_dir:
        env["NUMBA_CACHE_DIR"] = cache_dir
    return env


def probe(python, sim, env):
    """Can this simulator be imported?  Returns (ok, version or reason)."""
    code = {
        "neuron": "import neuron; print('VERSION=' + neuron.__version__)",
        "neuronlite": ("import neuronlite; from neuronlite import h; "
                       "print('VERSION=' + str(getattr(neuronlite, '__version__', '?')))"),
    }[sim]
    try:
        p = subprocess.run([python, "-c", code], capture_output=True, text=True,
                           env=env, timeout=900, cwd=REPO)
    except subprocess.TimeoutExpired:
        return False, "import timed out"
    if p.returncode != 0:
        return False, last_line(p.stderr) or "exit %d" % p.returncode
    for ln in p.stdout.splitlines():
        if ln.startswith("VERSION="):
            return True, ln[len("VERSION="):]
    return True, "?"


def git_info():
    def git(*a):
        try:
            return subprocess.run(["git", *a], cwd=REPO, capture_output=True,
                                  text=True, timeout=30).stdout.strip()
        except Exception:
            return ""
    return {"commit": git("rev-parse", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--", "neuronlite"))}


def loadavg():
    try:
        return list(os.getloadavg())
    except (AttributeError, OSError):
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.lower().startswith("model name"):
                    return ln.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


# ----------------------------------------------------------------------------- runs

class Runner:
    def __init__(self, args, sims, out, stamp):
        self.args = args
        self.sims = sims
        self.out = out
        self.trace_dir = os.path.join(out, "traces")
        os.makedirs(self.trace_dir, exist_ok=True)
        self.cache_dir = os.path.join(out, "numba_cache_warm")
        os.makedirs(self.cache_dir, exist_ok=True)
        self.stamp = stamp

    def worker(self, sim, wl, mode="time"):
        base = os.path.join(self.trace_dir, "%s_%s_%s" % (sim, wl, mode))
        jpath, npath = base + ".json", base + ".npz"
        for p in (jpath, npath):
            if os.path.exists(p):
                os.remove(p)
        cmd = [self.args.python, WORKER, "--sim", sim, "--workload", wl, "--mode", mode,
               "--repeat", str(self.args.repeat), "--warmup", str(self.args.warmup),
               "--json", jpath, "--npz", npath]
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO,
                               env=sim_env(sim, self.cache_dir), timeout=self.args.timeout)
            stderr, rc = p.stderr, p.returncode
        except subprocess.TimeoutExpired:
            stderr, rc = "timed out after %s s" % self.args.timeout, None
        wall = time.perf_counter() - t0
        if os.path.exists(jpath):
            with open(jpath) as f:
                res = json.load(f)
        else:
            res = {"status": "error",
                   "reason": "worker died (rc=%s): %s" % (rc, last_line(stderr))}
        res["process_wall"] = wall
        res["npz"] = npath if os.path.exists(npath) else None
        if res.get("times"):
            res["stats"] = stats(res["times"])
        if res.get("status") == "error" and stderr:
            res["stderr_tail"] = stderr[-2000:]
        return res

    def fresh_process(self, sim, code, cache_dir, parse_peak):
        """Wall time of a whole `python -c code` process (and its printed peak)."""
        module = "neuron" if sim == "neuron" else "neuronlite"
        src = code.format(here=HERE, module=module)
        env = sim_env(sim, cache_dir)
        t0 = time.perf_counter()
        p = subprocess.run([self.args.python, "-c", src], capture_output=True, text=True,
                           cwd=REPO, env=env, timeout=self.args.timeout)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(last_line(p.stderr) or "exit %d" % p.returncode)
        peak = None
        if parse_peak:
            for ln in p.stdout.splitlines():
                if ln.startswith("PEAK="):
                    peak = float(ln[5:])
            if peak is None:
                raise RuntimeError("no PEAK= line in output")
        return wall, peak


def agreement(npz_a, npz_b, key="v"):
    """max |a - b| over the recorded trace(s) (same time base, or interpolated)."""
    import numpy as np
    if not npz_a or not npz_b:
        return None, None
    a, b = np.load(npz_a), np.load(npz_b)
    if "peaks" in a.files:
        pa, pb = a["peaks"], b["peaks"]
        if pa.shape != pb.shape:
            return None, "shape %s vs %s" % (pa.shape, pb.shape)
        return float(np.max(np.abs(pa - pb))), None
    ta, tb, va, vb = a["t"], b["t"], a[key], b[key]
    if va.ndim == 2 and va.shape[0] != vb.shape[0]:
        return None, "%d vs %d traces" % (va.shape[0], vb.shape[0])
    if ta.shape == tb.shape and np.allclose(ta, tb, atol=1e-6):
        return float(np.max(np.abs(va - vb))), None
    # different time bases: compare b interpolated onto a over the common range
    lo, hi = max(ta[0], tb[0]), min(ta[-1], tb[-1])
    sel = (ta >= lo) & (ta <= hi)
    if va.ndim == 1:
        d = np.abs(va[sel] - np.interp(ta[sel], tb, vb))
    else:
        d = np.abs(va[:, sel] - np.stack([np.interp(ta[sel], tb, row) for row in vb]))
    return float(np.max(d)), "interpolated (%d vs %d points)" % (len(ta), len(tb))


# ----------------------------------------------------------------------------- main

def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description="neuronlite vs NEURON benchmark harness (issue 6).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="workload names for --only: %s (SCALING = W3n11 W3n101 W3n10001)"
               % " ".join(MAIN + SCALING_NAMES))
    ap.add_argument("--quick", action="store_true",
                    help="5 repeats, no W3 scaling series")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help="run only these workloads (case-insensitive)")
    ap.add_argument("--warmup", type=int, default=5,
                    help="untimed runs before the timed ones, for both simulators (default "
                         "5; the first is reported as '1st run')")
    ap.add_argument("--repeat", type=int, default=None,
                    help="timed repeats per measurement (default 7, --quick 5; >= 5 advised)")
    ap.add_argument("--no-neuron", action="store_true", help="skip NEURON")
    ap.add_argument("--no-neuronlite", action="store_true", help="skip neuronlite")
    ap.add_argument("--no-scaling", action="store_true", help="skip the W3 scaling series")
    ap.add_argument("--no-rss", action="store_true",
                    help="skip the peak-RSS runs (W3/W4 with full recording)")
    ap.add_argument("--out", default=os.path.join(HERE, "results"),
                    help="output directory (default benchmarks/results/)")
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter for the subprocesses (default: this one)")
    ap.add_argument("--timeout", type=float, default=3600.0,
                    help="seconds allowed per subprocess (default 3600)")
    args = ap.parse_args(argv)
    if args.repeat is None:
        args.repeat = 5 if args.quick else 7
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    if args.repeat < 5:
        log("warning: --repeat %d < 5; the issue asks for >= 5 repeats" % args.repeat)

    canon = {n.upper(): n for n in ALL_NAMES}
    if args.only:
        sel = []
        for n in args.only:
            if n.upper() not in canon:
                ap.error("unknown workload %r (known: %s)" % (n, " ".join(ALL_NAMES)))
            n = canon[n.upper()]
            sel.extend(SCALING_NAMES if n == "SCALING" else [n])
    else:
        sel = list(MAIN)
        if not (args.quick or args.no_scaling):
            sel += SCALING_NAMES
    if args.no_scaling:
        sel = [n for n in sel if n not in SCALING_NAMES]
    args.selected = list(dict.fromkeys(sel))
    return args


def main(argv=None):
    args = parse_args(argv)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")

    wanted = [s for s in SIMS if not getattr(args, "no_" + s)]
    if "neuronlite" in wanted:
        # byte-compile the package as pip does when it installs one: an editable
        # install (or PYTHONDONTWRITEBYTECODE) would otherwise recompile every module
        # in each fresh process and W6/import would time the compiler, not neuronlite
        subprocess.run([args.python, "-m", "compileall", "-q",
                        os.path.join(REPO, "neuronlite")], check=False)
    runner = Runner(args, [], out, stamp)
    sims, versions, skipped = [], {}, {}
    for sim in wanted:
        ok, info = probe(args.python, sim, sim_env(sim, runner.cache_dir))
        if ok:
            sims.append(sim)
            versions[sim] = info
            log("%-10s available (version %s)" % (LABEL[sim], info))
        else:
            skipped[sim] = info
            log("%-10s NOT available, skipped: %s" % (LABEL[sim], info))
    runner.sims = sims
    if not sims:
        log("no simulator available; nothing to do")
        return 2

    results = {
        "meta": {
            "stamp": stamp, "argv": sys.argv[1:], "selected": args.selected,
            "repeat": args.repeat, "warmup": args.warmup, "python": args.python,
            "python_version": platform.python_version(),
            "platform": platform.platform(), "cpu": cpu_model(),
            "ncpu": os.cpu_count(), "versions": versions, "skipped": skipped,
            "git": git_info(),
            "env": {k: os.environ.get(k) for k in
                    ("NUMBA_NUM_THREADS", "OMP_NUM_THREADS", "NUMBA_CACHE_DIR")},
            "numba_cache_warm": runner.cache_dir,
            "loadavg_start": loadavg(),
        },
        "workloads": {}, "rss": {}, "startup": {}, "import": {}, "summary": [],
    }
    W = results["workloads"]

    # ---- W1..W4, scaling series, W5 (timed h.run() in a worker per simulator)
    timed = [n for n in args.selected if n not in ("W6", "IMPORT")]
    for wl in timed:
        names = [wl] if wl != "W5" else ["W5", "W5b"]
        for name in names:
            entry = W.setdefault(name, {})
            for sim in sims:
                if name == "W5b" and sim != "neuronlite":
                    continue
                log("[%s] %s ..." % (name, LABEL[sim]))
                res = runner.worker(sim, name)
                entry[sim] = res
                st = res.get("stats")
                log("[%s] %s: %s%s" % (
                    name, LABEL[sim], res.get("status"),
                    " median %s (first %s)" % (fmt_time(st["median"]), fmt_time(res.get("first")))
                    if st else " " + str(res.get("reason", ""))))

    # ---- peak RSS with full recording (W3/W4)
    if not args.no_rss:
        for wl in [w for w in RSS_WORKLOADS if w in args.selected]:
            entry = results["rss"].setdefault(wl, {})
            for sim in sims:
                log("[%s rss] %s ..." % (wl, LABEL[sim]))
                entry[sim] = runner.worker(sim, wl, mode="rss")

    # ---- W6 start-up and import time (whole fresh processes)
    if "W6" in args.selected:
        results["startup"] = run_startup(runner, sims)
    if "IMPORT" in args.selected:
        results["import"] = run_import(runner, sims)

    # Only now load traces: ru_maxrss of a child inherits this process's
    # high-water mark, so nothing big may be loaded here before the last
    # worker has started (see README, "peak RSS").
    results["meta"]["loadavg_end"] = loadavg()
    compute_agreements(results)
    summarize(results, sims)
    print_report(results, sims)

    jpath = os.path.join(out, "bench-%s.json" % stamp)
    with open(jpath, "w") as f:
        json.dump(results, f, indent=1, default=str)
    shutil.copyfile(jpath, os.path.join(out, "latest.json"))
    ppath = os.path.join(out, "bench-%s.png" % stamp)
    try:
        if plot(results, sims, ppath):
            shutil.copyfile(ppath, os.path.join(out, "latest.png"))
        else:
            ppath = None
    except Exception as exc:  # plotting must never lose the numbers
        log("plot failed: %s: %s" % (type(exc).__name__, exc))
        ppath = None
    print("\nresults: %s" % jpath)
    if ppath:
        print("plot:    %s" % ppath)
    return 0


def compute_agreements(results):
    W = results["workloads"]
    for name, entry in W.items():
        ref_entry = W.get("W5", {}) if name == "W5b" else entry
        ref = ref_entry.get("neuron", {}).get("npz")
        mine = entry.get("neuronlite", {}).get("npz")
        if ref and mine:
            entry["agreement_mV"], entry["agreement_note"] = agreement(mine, ref)
    for wl, entry in results["rss"].items():
        a = entry.get("neuronlite", {}).get("npz")
        b = entry.get("neuron", {}).get("npz")
        if a and b:
            entry["agreement_all_segments_mV"], entry["agreement_note"] = agreement(a, b)


def run_startup(runner, sims):
    n = runner.args.repeat
    res = {}
    keys = []
    if "neuron" in sims:
        keys.append(("neuron", "neuron", runner.cache_dir))
    if "neuronlite" in sims:
        keys.append(("neuronlite_warm", "neuronlite", runner.cache_dir))
    for key, sim, cache in keys:          # prime: OS file cache, warm numba cache
        log("[W6] priming %s ..." % key)
        try:
            runner.fresh_process(sim, W6_CODE, cache, True)
        except Exception as exc:
            res[key] = {"status": "error", "reason": str(exc)}
    walls = {k: [] for k, _, _ in keys}
    peaks = {}
    for i in range(n):                     # interleaved to share any drift
        for key, sim, cache in keys:
            if res.get(key, {}).get("status") == "error":
                continue
            try:
                w, p = runner.fresh_process(sim, W6_CODE, cache, True)
                walls[key].append(w)
                peaks[key] = p
            except Exception as exc:
                res[key] = {"status": "error", "reason": str(exc)}
    if "neuronlite" in sims:               # cold: a new empty NUMBA_CACHE_DIR each time
        walls["neuronlite_cold"] = []
        for i in range(n):
            log("[W6] neuronlite cold %d/%d ..." % (i + 1, n))
            tmp = tempfile.mkdtemp(prefix="nl_numba_cold_")
            try:
                w, p = runner.fresh_process("neuronlite", W6_CODE, tmp, True)
                walls["neuronlite_cold"].append(w)
                peaks["neuronlite_cold"] = p
            except Exception as exc:
                res["neuronlite_cold"] = {"status": "error", "reason": str(exc)}
                break
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    for key, w in walls.items():
        if res.get(key, {}).get("status") == "error":
            continue
        res[key] = {"status": "ok", "stats": stats(w), "peak_v": peaks.get(key)}
        log("[W6] %s: median %s" % (key, fmt_time(res[key]["stats"]["median"])))
    ref = res.get("neuron", {}).get("peak_v")
    for key in ("neuronlite_warm", "neuronlite_cold"):
        mine = res.get(key, {}).get("peak_v")
        if ref is not None and mine is not None:
            res[key]["agreement_mV"] = abs(mine - ref)
    return res


def run_import(runner, sims):
    res = {}
    for sim in sims:                       # prime the OS file cache (and numba's)
        try:
            runner.fresh_process(sim, IMPORT_CODE, runner.cache_dir, False)
        except Exception as exc:
            res[sim] = {"status": "error", "reason": str(exc)}
    walls = {s: [] for s in sims if s not in res}
    for i in range(IMPORT_REPEAT):
        for sim in list(walls):
            try:
                walls[sim].append(runner.fresh_process(sim, IMPORT_CODE, runner.cache_dir, False)[0])
            except Exception as exc:
                res[sim] = {"status": "error", "reason": str(exc)}
                del walls[sim]
    for sim, w in walls.items():
        res[sim] = {"status": "ok", "stats": stats(w)}
        log("[import] %s: median %s" % (LABEL[sim], fmt_time(res[sim]["stats"]["median"])))
    return res


# ----------------------------------------------------------------------------- report

def _median(d):
    st = (d or {}).get("stats")
    return st["median"] if st else None


def summarize(results, sims):
    """Ratio rows (neuronlite/NEURON of medians) with PASS/MISS against TARGETS."""
    W, S, I = results["workloads"], results["startup"], results["import"]
    rows = []

    def add(label, nl, nrn, target, agree=None, absolute=None, nl_entry=None):
        row = {"check": label, "neuronlite": nl, "neuron": nrn, "target": target,
               "agreement_mV": agree}
        if absolute is not None:
            row["ratio"] = None
            row["status"] = ("PASS" if nl <= absolute else "MISS") if nl is not None else "n/a"
            row["target_text"] = "< %g s absolute" % absolute
        else:
            ratio = nl / nrn if (nl is not None and nrn) else None
            row["ratio"] = ratio
            row["target_text"] = "<= %g" % target
            row["status"] = ("PASS" if ratio <= target else "MISS") if ratio is not None else "n/a"
        if nl is None and (nl_entry or {}).get("status") == "error":
            row["status"] = "ERROR"
        rows.append(row)

    for wl in ("W1", "W2", "W3", "W4"):
        if wl in W:
            add(wl, _median(W[wl].get("neuronlite")), _median(W[wl].get("neuron")),
                TARGETS[wl], W[wl].get("agreement_mV"), nl_entry=W[wl].get("neuronlite"))
    if "W5" in W:
        nrn = _median(W["W5"].get("neuron"))
        add("W5 batch", _median(W.get("W5b", {}).get("neuronlite")), nrn,
            TARGETS["W5 batch"], W.get("W5b", {}).get("agreement_mV"),
            nl_entry=W.get("W5b", {}).get("neuronlite"))
        add("W5 loop", _median(W["W5"].get("neuronlite")), nrn,
            TARGETS["W5 loop"], W["W5"].get("agreement_mV"), nl_entry=W["W5"].get("neuronlite"))
    if S:
        add("W6 warm", _median(S.get("neuronlite_warm")), _median(S.get("neuron")),
            TARGETS["W6 warm"], S.get("neuronlite_warm", {}).get("agreement_mV"),
            nl_entry=S.get("neuronlite_warm"))
        add("W6 cold", _median(S.get("neuronlite_cold")), _median(S.get("neuron")),
            None, S.get("neuronlite_cold", {}).get("agreement_mV"), absolute=W6_COLD_LIMIT_S,
            nl_entry=S.get("neuronlite_cold"))
    if I:
        add("import", _median(I.get("neuronlite")), _median(I.get("neuron")), TARGETS["import"],
            nl_entry=I.get("neuronlite"))
    results["summary"] = rows


def print_report(results, sims):
    W, S, I = results["workloads"], results["startup"], results["import"]
    summary = {r["check"]: r for r in results["summary"]}
    hdr = ("workload", "simulator", "median", "min", "max", "n", "1st run",
           "ratio", "target", "status", "agreement mV")
    rows = []
    notes = []

    def row(label, sim_label, d, check=None):
        st = (d or {}).get("stats")
        status = (d or {}).get("status", "-")
        r = summary.get(check) if check else None
        if st:
            cells = [fmt_time(st["median"]), fmt_time(st["min"]), fmt_time(st["max"]),
                     str(st["n"]), fmt_time(d.get("first"))]
        else:
            reason = (d or {}).get("reason", "")
            cells = [status.upper() if status != "ok" else "-", "", "", "", ""]
            if reason:
                notes.append("[%d] %s %s: %s" % (len(notes) + 1, label, sim_label, reason))
                cells[1] = "see [%d]" % len(notes)
        if r is not None:
            cells += [fmt_num(r["ratio"], "%.3g"), r["target_text"], r["status"],
                      fmt_num(r["agreement_mV"], "%.2e")]
        else:
            agree = (d or {}).get("agreement_mV")
            cells += ["", "", "", fmt_num(agree, "%.2e") if agree is not None else ""]
        rows.append([label, sim_label] + cells)

    order = ["W1", "W2", "W3", "W4"] + SCALING_NAMES + ["W5", "W5b"]
    for wl in [w for w in order if w in W]:
        label = {"W5": "W5 loop", "W5b": "W5 batch"}.get(wl, wl)
        if wl in workloads.SCALING:
            label = "W3 nseg=%d" % workloads.SCALING[wl]
        for sim in SIMS:
            if sim not in W[wl]:
                continue
            check = label if (sim == "neuronlite" and label in TARGETS) else None
            d = dict(W[wl][sim])
            if sim == "neuronlite" and check is None and "agreement_mV" in W[wl]:
                d["agreement_mV"] = W[wl]["agreement_mV"]
            row(label, LABEL[sim], d, check)
    if S:
        if "neuron" in S:
            row("W6 start", "NEURON", S["neuron"])
        if "neuronlite_warm" in S:
            row("W6 warm", "neuronlite", S["neuronlite_warm"], "W6 warm")
        if "neuronlite_cold" in S:
            row("W6 cold", "neuronlite", S["neuronlite_cold"], "W6 cold")
    if I:
        for sim in SIMS:
            if sim in I:
                row("import", LABEL[sim], I[sim], "import" if sim == "neuronlite" else None)

    print()
    print("neuronlite vs NEURON  (%s; %s; repeats %d)" % (
        results["meta"]["stamp"], results["meta"]["cpu"], results["meta"]["repeat"]))
    la0, la1 = results["meta"].get("loadavg_start"), results["meta"].get("loadavg_end")
    if la0 and la1:
        print("load average (1 min) %.2f at start, %.2f at end, on %s CPUs%s" % (
            la0[0], la1[0], results["meta"]["ncpu"],
            "  <- busy machine: timings are noisy" if max(la0[0], la1[0]) > 0.75 * (
                results["meta"]["ncpu"] or 1) else ""))
    if results["meta"]["skipped"]:
        for sim, why in results["meta"]["skipped"].items():
            print("  %s skipped: %s" % (LABEL[sim], why))
    print_table(hdr, rows)
    for note in notes:
        print(note)
    print("median/min/max: h.run() wall time per run (W5: per sweep of 100 runs; "
          "W6/import: whole process).")
    print("ratio: neuronlite median / NEURON median (W5 batch: vs NEURON's loop); "
          "agreement: max |v_neuronlite - v_NEURON| (W5/W6: of the peaks).")

    if results["rss"]:
        print()
        print("peak RSS with full recording (v of every segment, every step), ru_maxrss")
        hdr2 = ("workload", "simulator", "after import", "peak", "peak - import",
                "VmHWM peak", "recorded data", "run time", "agreement all segs mV")
        rows2 = []
        for wl, entry in results["rss"].items():
            for sim in SIMS:
                d = entry.get(sim)
                if d is None:
                    continue
                if d.get("status") != "ok":
                    rows2.append([wl, LABEL[sim], d.get("status", "?").upper(),
                                  (d.get("reason") or "")[:60], "", "", "", "", ""])
                    continue
                agree = entry.get("agreement_all_segments_mV") if sim == "neuronlite" else None
                rows2.append([wl, LABEL[sim], "%.1f MB" % d["rss_after_import_mb"],
                              "%.1f MB" % d["rss_peak_mb"],
                              "%.1f MB" % (d["rss_peak_mb"] - d["rss_after_import_mb"]),
                              fmt_num(d.get("vmhwm_peak_mb"), "%.1f MB"),
                              "%.1f MB" % d["recorded_mb"], fmt_time(d.get("run_time")),
                              fmt_num(agree, "%.2e") if agree is not None else ""])
        print_table(hdr2, rows2)

    if results["summary"]:
        print()
        n_pass = sum(r["status"] == "PASS" for r in results["summary"])
        n_miss = sum(r["status"] == "MISS" for r in results["summary"])
        n_na = sum(r["status"] == "n/a" for r in results["summary"])
        print("targets (ratio = neuronlite median / NEURON median)")
        rows3 = [[r["check"], r["target_text"], fmt_time(r["neuron"]),
                  fmt_time(r["neuronlite"]), fmt_num(r["ratio"], "%.3g"), r["status"]]
                 for r in results["summary"]]
        print_table(("check", "target", "NEURON", "neuronlite", "ratio", "status"), rows3)
        print("targets: %d PASS, %d MISS, %d n/a" % (n_pass, n_miss, n_na))


def print_table(hdr, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(hdr, *rows)] if rows else \
        [len(h) for h in hdr]
    line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, hdr))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join("%-*s" % (w, str(c)) for w, c in zip(widths, r)))


def plot(results, sims, path):
    """Cost against number of compartments, both simulators (log-log)."""
    W = results["workloads"]
    points = [w for w in ("W1", "W2", "W3", "W4") + tuple(SCALING_NAMES) if w in W]
    if not points:
        return False
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colors = {"neuron": "tab:blue", "neuronlite": "tab:orange"}
    markers = {"W1": "o", "W2": "s", "W3": "^", "W4": "D"}
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 5))
    annotated = set()
    for sim in sims:
        # cable series (incl. W3 = nseg 1001) as a line
        series = []
        for name in SCALING_NAMES + ["W3"]:
            d = W.get(name, {}).get(sim, {})
            if d.get("stats"):
                series.append((d["ncomp"], d["stats"]["median"], d["nsteps"], d["stats"]))
        series.sort()
        if len(series) > 1:
            xs = [s[0] for s in series]
            ax1.plot(xs, [s[1] for s in series], "-", color=colors[sim], alpha=0.6,
                     label="%s W3 cable, nseg scan" % LABEL[sim])
            ax2.plot(xs, [s[1] / (s[0] * s[2]) * 1e6 for s in series], "-",
                     color=colors[sim], alpha=0.6)
            for s in series:
                ax1.plot([s[0], s[0]], [s[3]["min"], s[3]["max"]], "-", color=colors[sim], lw=1)
        for name in points:
            d = W[name].get(sim, {})
            if not d.get("stats"):
                continue
            x, y, steps = d["ncomp"], d["stats"]["median"], d["nsteps"]
            mk = markers.get(name, ".")
            lab = "%s %s" % (LABEL[sim], name) if name in markers else None
            # NEURON filled, neuronlite hollow, so coinciding points stay visible
            style = dict(color=colors[sim], ms=9 if name in markers else 6,
                         mfc=colors[sim] if sim == "neuron" else "none", mew=1.5)
            ax1.plot([x], [y], mk, label=lab, **style)
            ax2.plot([x], [y / (x * steps) * 1e6], mk, **style)
            if name in markers and name not in annotated:
                annotated.add(name)
                ax1.annotate(name, (x, y), textcoords="offset points",
                             xytext=(8, 4 if name == "W2" else -12), fontsize=8)
    for ax in (ax1, ax2):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("number of compartments (segments)")
        ax.grid(True, which="both", alpha=0.3)
    ax1.set_ylabel("h.run() wall time, median [s]")
    ax1.set_title("cost per run")
    ax2.set_ylabel("us per compartment per time step")
    ax2.set_title("cost per compartment-step")
    ax1.legend(fontsize=7, loc="upper left")
    fig.suptitle("neuronlite vs NEURON, dt 0.025 ms (%s)" % results["meta"]["stamp"])
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return True


if __name__ == "__main__":
    sys.exit(main())
