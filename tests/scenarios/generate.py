#!/usr/bin/env python3
"""Regenerate the reference outputs of this scenario corpus with real NEURON.

For every scenario in SCENARIOS below this script runs NAME.py (unmodified,
``from neuron import h``) with a Python that has NEURON 9.0.2 installed, in a
fresh temporary directory with the environment variable REF_OUT pointing at
an .npz file there (exactly like compare.py does), copies the result to
NAME.npz, and rewrites manifest.json (same keys as the shared reference
corpus: name, script, reference, description, features, arrays,
spike_time_arrays, tolerance, array_tolerances, integrator, tolerance_note).
The arrays of an entry are all arrays the script saved, in saving order.

    python tests/scenarios/generate.py                  # all scenarios
    python tests/scenarios/generate.py --only zero_area_nodes
    python tests/scenarios/generate.py --python /path/to/python-with-neuron

Check afterwards (every array must be reproduced exactly):
    python /work/shared/reference/compare.py tests/scenarios --sim neuron \
        --python .venv/bin/python
"""

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

FIXED_NOTE = ("fixed time step, deterministic: a faithful re-implementation of NEURON's "
              "algorithm agrees to rounding error")
CVODE_NOTE = ("variable time step: the trajectory depends on the integrator's own step "
              "choices. Voltages are sampled at fixed times (Vector.record(ptr, tvec)) in "
              "subthreshold windows only and compared with 0.5 mV (NEURON moves them by "
              "< 0.004 mV against a 1 us fixed-step run); spike times 0.1 ms; sample "
              "times and NetStim event times must be exact (1e-6).")


def fixed(description, features, spikes=(), tolerances=None, note=None):
    return dict(description=description, features=list(features),
                spike_time_arrays=list(spikes), tolerance=1e-6,
                array_tolerances=dict(tolerances or {}), integrator="fixed step",
                tolerance_note=note or FIXED_NOTE)


def cvode(description, features, spikes=(), exact=()):
    tol = {p: 1e-6 for p in exact}
    tol.update({p: 0.1 for p in spikes if p not in exact})
    return dict(description=description, features=list(features),
                spike_time_arrays=list(spikes), tolerance=0.5, array_tolerances=tol,
                integrator="CVode (variable step)", tolerance_note=CVODE_NOTE)


# Array names in spike_time_arrays / array_tolerances may be fnmatch patterns;
# they are expanded against the arrays the script actually saved.
SCENARIOS = {
    "netcon_delays": fixed(
        "hh source cell -> 6 NetCons (delays 0, 0.0124, 0.0125, 0.0126, 1, 2.5; one negative "
        "weight) -> ExpSyn on 6 passive cells; NetCon.event() injections at half-step ties.",
        ["NetCon delay rounding", "threshold NetCon", "ExpSyn", "NetCon.event", "NetCon(None, syn)",
         "NetCon.record", "negative weight", "h.stdinit + h.continuerun"],
        spikes=["spike_times"]),
    "seclamp_levels": fixed(
        "SEClamp three levels on an hh soma, then off; three runs with rs = 1, 0.05, 20 MOhm; "
        "records clamp i (not lagging), vc (lagging), v, ina, ik.",
        ["SEClamp", "SEClamp rs", "SEClamp i/vc", "hh", "repeated h.run"]),
    "extracellular_nondefault": fixed(
        "extracellular with non-default xraxial/xg/xc/e_extracellular on a 9-segment hh axon "
        "(soma without extracellular); secondorder 0 and 2; v, vext[0], i_membrane.",
        ["extracellular", "xraxial", "xg", "xc", "e_extracellular", "vext[0]", "i_membrane",
         "secondorder = 2", "mixed extracellular/no extracellular"]),
    "nseg_change_after_setup": fixed(
        "nseg changed after Vector.record and point processes were set up: 3 -> 7 (values "
        "copied) and 5 -> 2 (recording of a discarded node stays empty; IClamp moves).",
        ["nseg change", "node value copying", "point process relocation",
         "Vector.record on a discarded node", "per-segment diam/g_pas/e_pas"]),
    "multi_run_rebuild": fixed(
        "Four h.run() calls with parameter changes, h.delete_section, a new section, a "
        "section dropped by deleting its last reference, a new AlphaSynapse.",
        ["repeated h.run", "h.delete_section", "section deleted by refcount",
         "Section created between runs", "recording of deleted section",
         "Ra/g_pas/gnabar changes"]),
    "zero_area_nodes": fixed(
        "IClamp at x=0 (root node) and x=1, AlphaSynapse at x=1 of a cable with an hh child "
        "at cable(1); v at sec(0)/sec(1), point-process currents, area()/ri() of end nodes.",
        ["zero-area nodes", "IClamp at x=0 / x=1", "AlphaSynapse at x=1", "seg.area", "seg.ri"]),
    "reversed_pt3d": fixed(
        "3-D points with varying diameters (pt3dadd, h.pt3dadd(sec=)), a section connected by "
        "its 1-end, a child at its free end; v along the reversed section, geometry read-back.",
        ["pt3dadd", "3-D geometry", "reversed section (connect(..., 1))", "child at x=0 of a "
         "reversed section", "seg.area/diam/ri", "orientation", "parentseg"]),
    "hh_temperature_table": fixed(
        "hh soma + IClamp at celsius 16, 37, 16 without table (usetable_hh = 0), secondorder 1, "
        "dt 0.01 with steps_per_ms 100, and a celsius change between two continueruns.",
        ["hh TABLE rebuild", "celsius", "usetable_hh", "secondorder = 1", "dt = 0.01",
         "steps_per_ms", "hh states m/h/n"]),
    "exp2syn_netstim_edge": fixed(
        "Exp2Syn with tau1 > tau2 and tau1 == tau2 (tau1 rewritten), NetStim start 0 with "
        "delay-0 NetCon (delivered in finitialize), NetStim number 0, off-grid NetStim times.",
        ["Exp2Syn tau1 rewrite", "NetStim start = 0", "NetStim number = 0", "NetCon delay 0",
         "Exp2Syn g (lagging) / B (state)", "NetCon.record"],
        spikes=["*_times"]),
    "record_variants": fixed(
        "Vector.record(ptr, Dt=0.1), record(ptr, tvec) (off-grid times), IClamp/AlphaSynapse "
        "i, gna_hh, il_hh, i_pas, i_cap, ina; h.finitialize(-63) + while h.t < tstop: h.fadvance().",
        ["Vector.record(ptr, Dt)", "Vector.record(ptr, tvec) fixed step", "point-process i",
         "hh assigned variables (lag one step)", "i_cap", "h.fadvance hand loop"]),
    "tutorial_ball_and_stick": fixed(
        "NEURON's ball-and-stick tutorial: Cell class (hh soma, pas dend), IClamp at dend(1) for "
        "4 amplitudes x dend.nseg 1/101 (finitialize + continuerun(25)), then NetStim -> ExpSyn.",
        ["tutorial", "Section(cell=...)", "wholetree", "seg.hh.*", "seg.pas.*", "IClamp",
         "ExpSyn", "NetStim", "nseg 101", "h.finitialize + h.continuerun", "NetCon.record"],
        spikes=["spikes_*"]),
    "tutorial_ring": fixed(
        "NEURON's ring network tutorial: 5 ball-and-stick cells (define_shape, rotated and moved "
        "with pt3dchange) in a ring of NetCons (delay 5, w 0.01) to ExpSyn, NetStim kick.",
        ["tutorial", "ring network", "h.define_shape", "pt3dchange", "h.cos/h.sin/h.PI",
         "NetCon between cells", "ExpSyn", "NetStim", "NetCon.record"],
        spikes=["spikes_*"]),
    "cvode_pas_alpha": cvode(
        "h.cvode_active(1) on a passive soma + dendrite with two AlphaSynapses and an IClamp "
        "pulse; v sampled with record(ptr, tvec) every 0.25 ms.",
        ["CVode (variable step)", "h.cvode_active", "Vector.record with a time vector",
         "AlphaSynapse", "IClamp", "pas"],
        exact=["t_sub"]),
    "cvode_hh_events": cvode(
        "CVode with NetStim -> ExpSyn events on an hh soma: subthreshold v samples, spike "
        "times; second run with atol 1e-5 and maxorder 3.",
        ["CVode (variable step)", "CVode.atol", "CVode.maxorder", "NetStim", "ExpSyn",
         "NetCon.record", "Vector.record with a time vector"],
        spikes=["spike_times_*", "input_times_*"], exact=["t_sub_*", "input_times_*"]),
    "topology_edge_cases": fixed(
        "Children at soma(0) (root node), several children on one node, a reversed section with "
        "children at its x=0.7, x=1 (attached end) and x=0, rallbranch = 2.",
        ["child at parent x=0", "multiple children on one node", "reversed section",
         "children of a reversed section", "rallbranch", "h.distance", "parentseg"]),
    "stdrun_time_rules": fixed(
        "setdt changing dt (0.01 -> 0.0125), nstep_steprun = 5 overshoot, h.t assigned between "
        "continueruns, h.finitialize() without argument, fadvance hand loop + continuerun.",
        ["setdt", "nstep_steprun", "continuerun overshoot", "h.t assignment",
         "h.finitialize() without v", "h.fadvance"]),
    "midrun_changes": fixed(
        "diam/L/Ra/cm/ena/gkbar/IClamp amp changed between two continueruns without "
        "re-initialising; per-segment cm and ek.",
        ["geometry change mid-run", "per-segment cm", "ena/ek", "hh + pas in one section",
         "i_cap", "ik"]),
    "netstim_control_threshold": fixed(
        "NetStim switched on/off by NetCon.event weights; threshold NetCon with v_init above "
        "threshold (spike at 1e-10), re-crossing; threshold shared by NetCons of one source.",
        ["NetStim on/off events", "NetCon.event", "v_init above threshold",
         "threshold per source", "ExpSyn"],
        spikes=["ns_times", "spikes_a"]),
    "vclamp_steps": fixed(
        "VClamp (amplifier model) with three levels on an hh soma; default amplifier and a slow "
        "one (gain 1e3, tau1 0.05).",
        ["VClamp", "VClamp dur[]/amp[]", "VClamp gain/tau1", "hh", "repeated h.run"],
        tolerances={"i_*": 2e-4},
        note="The clamp current is the gain-1e5 amplifier's output: a difference of large "
             "numbers, ill-conditioned right after a level switch (NEURON's own i moves by "
             "7e-5 nA when dt is perturbed by one part in 1e12), so i is compared at 2e-4 nA; "
             "v and ina at 1e-6."),
}


def default_python():
    venv = os.path.join(REPO, ".venv", "bin", "python")
    return venv if os.path.exists(venv) else sys.executable


def run_one(python, name, timeout):
    tmp = tempfile.mkdtemp(prefix="nlgen_")
    try:
        script = os.path.join(tmp, "scenario.py")
        shutil.copy(os.path.join(HERE, name + ".py"), script)
        out = os.path.join(tmp, "out.npz")
        env = dict(os.environ, REF_OUT=out, MPLBACKEND="Agg")
        proc = subprocess.run([python, script], cwd=tmp, env=env, timeout=timeout,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if proc.returncode != 0 or not os.path.exists(out):
            raise RuntimeError("%s failed (%d): %s" % (name, proc.returncode,
                                                       proc.stderr.strip()[-500:]))
        shutil.copy(out, os.path.join(HERE, name + ".npz"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def expand(patterns, names):
    return [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns)]


def entry(name, meta):
    with np.load(os.path.join(HERE, name + ".npz")) as d:
        arrays = list(d.files)
    tol = {}
    for pat, val in meta["array_tolerances"].items():
        for n in expand([pat], arrays):
            tol[n] = val
    return {
        "name": name, "script": name + ".py", "reference": name + ".npz",
        "description": meta["description"], "features": meta["features"],
        "arrays": arrays, "spike_time_arrays": expand(meta["spike_time_arrays"], arrays),
        "tolerance": meta["tolerance"], "array_tolerances": tol,
        "integrator": meta["integrator"], "tolerance_note": meta["tolerance_note"],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=default_python(),
                    help="Python with NEURON 9.0.2 (default: the repo's .venv)")
    ap.add_argument("--only", nargs="+", metavar="NAME")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--manifest-only", action="store_true",
                    help="do not run anything, only rewrite manifest.json")
    args = ap.parse_args(argv)
    names = args.only or list(SCENARIOS)
    for n in names:
        if n not in SCENARIOS:
            ap.error("unknown scenario %s" % n)
    if not args.manifest_only:
        for n in names:
            print("running", n, flush=True)
            run_one(args.python, n, args.timeout)
    versions = subprocess.run(
        [args.python, "-c", "import sys, numpy, neuron; print(neuron.__version__, "
         "'%d.%d.%d' % sys.version_info[:3], numpy.__version__)"],
        capture_output=True, text=True).stdout.split()
    manifest = {
        "corpus": "neuronlite tests/scenarios",
        "neuron_version": versions[0] if versions else "9.0.2",
        "generated_with": {"python": versions[1] if len(versions) > 1 else "",
                           "numpy": versions[2] if len(versions) > 2 else ""},
        "comparison": "Run NAME.py with the import swapped to neuronlite and REF_OUT set; for "
                      "each name in 'arrays': spike_time_arrays must have the same count, other "
                      "arrays the same shape, and max |candidate - reference| <= "
                      "array_tolerances.get(name, tolerance).",
        "scenarios": [entry(n, SCENARIOS[n]) for n in SCENARIOS
                      if os.path.exists(os.path.join(HERE, n + ".npz"))],
    }
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print("wrote manifest.json with %d scenarios" % len(manifest["scenarios"]))


if __name__ == "__main__":
    main()
