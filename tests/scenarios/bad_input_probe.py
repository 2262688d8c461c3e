#!/usr/bin/env python3
"""Catalogue how real NEURON 9.0.2 reacts to bad input.

Every case is run in its own subprocess (Python with NEURON, default: the
repo's .venv) with a timeout, because some inputs hang or crash NEURON.
A case = a prelude name (the model built first) + a snippet.  The snippet is
executed; if its last statement is an expression, its value is evaluated and
reported.  Outcomes:

  exception  - a Python exception escaped (exc_type, exact message)
  accepted   - no exception (result = repr of the last expression, if any)
  nan        - no exception, and the last expression is a NaN float
  hang       - still running after the timeout (killed)
  segfault   - the process died from SIGSEGV (other signals: "signal N")
  exit N     - the process exited with status N before reporting

Text NEURON printed is kept too (stderr without the "no DISPLAY" warning,
stdout).  Writes NEURON_BAD_INPUT.json (list of {category, code, prelude,
outcome, exc_type, message, message_normalized (hex addresses -> 0x?),
result, stderr, stdout, exit_after}) and
NEURON_BAD_INPUT.md next to this file.

    python tests/scenarios/bad_input_probe.py [--python PY] [--timeout 8]
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MARK = "@@PROBE_RESULT@@"

PRELUDES = {
    # nothing loaded at all
    "bare": "from neuron import h\n",
    # stdrun, no sections
    "stdrun": "from neuron import h\nh.load_file('stdrun.hoc')\n",
    # the usual small model
    "std": (
        "from neuron import h\n"
        "h.load_file('stdrun.hoc')\n"
        "soma = h.Section(name='soma')\n"
        "soma.L = soma.diam = 20\n"
        "soma.insert('pas')\n"
        "dend = h.Section(name='dend')\n"
        "dend.connect(soma(1))\n"
        "dend.L, dend.diam, dend.nseg = 100, 2, 3\n"
        "vec = h.Vector([1.0, 2.0, 3.0])\n"
        "stim = h.IClamp(soma(0.5))\n"
        "h.tstop = 1\n"
    ),
    # soma with hh
    "hh": (
        "from neuron import h\n"
        "h.load_file('stdrun.hoc')\n"
        "soma = h.Section(name='soma')\n"
        "soma.L = soma.diam = 20\n"
        "soma.insert('hh')\n"
        "h.tstop = 1\n"
    ),
}

HARNESS = r'''
import ast, json, math, pickle, sys
import numpy as np
MARK = %(mark)r
code = %(code)r
%(prelude)s
tree = ast.parse(code)
has_value = bool(tree.body) and isinstance(tree.body[-1], ast.Expr)
if has_value:   # last expression -> assignment, all executed by one exec()
    last = tree.body[-1]
    tree.body[-1] = ast.Assign(targets=[ast.Name(id="__probe_value__", ctx=ast.Store())],
                               value=last.value, lineno=last.lineno, col_offset=0)
    ast.fix_missing_locations(tree)
res = {}
try:
    exec(compile(tree, "<case>", "exec"), globals())
    if has_value:
        val = globals()["__probe_value__"]
        res["result"] = repr(val)[:300]
        isnan = isinstance(val, float) and math.isnan(val)
        res["outcome"] = "nan" if isnan else "accepted"
    else:
        res["outcome"] = "accepted"
except BaseException as e:
    mod = type(e).__module__
    res["outcome"] = "exception"
    res["exc_type"] = (type(e).__name__ if mod == "builtins"
                       else mod + "." + type(e).__name__)
    res["message"] = str(e)
sys.stderr.flush()
sys.stdout.write("\n" + MARK + json.dumps(res) + "\n")
sys.stdout.flush()
'''

# (category, prelude, code)
CASES = [
    # --- positions -----------------------------------------------------------
    ("positions", "std", "soma(1.5)"),
    ("positions", "std", "soma(-0.1)"),
    ("positions", "std", "soma(1.0000001)"),
    ("positions", "std", "soma(float('inf'))"),
    ("positions", "std", "soma(float('nan'))"),
    ("positions", "std", "soma(float('nan')).v"),
    ("positions", "std", "soma('x')"),
    ("positions", "std", "soma(None)"),
    ("positions", "std", "soma(True)"),
    ("positions", "std", "h.IClamp(soma(1.5))"),
    ("positions", "std", "h.IClamp(2.0, sec=soma)"),
    ("positions", "std", "h.IClamp(-0.5, sec=soma)"),
    ("positions", "std", "h.AlphaSynapse(soma(-1))"),
    # --- nseg ----------------------------------------------------------------
    ("nseg", "std", "soma.nseg = 0"),
    ("nseg", "std", "soma.nseg = -1"),
    ("nseg", "std", "soma.nseg = 2.7"),
    ("nseg", "std", "soma.nseg = 40000"),
    ("nseg", "std", "soma.nseg = 32767; soma.nseg"),
    ("nseg", "std", "soma.nseg = '3'"),
    ("nseg", "std", "soma.nseg = None"),
    ("nseg", "std", "soma.nseg = float('nan')"),
    ("nseg", "std", "soma.nseg = float('inf')"),
    ("nseg", "std", "soma.nseg = True; soma.nseg"),
    ("nseg", "std", "soma.nseg = False"),
    ("nseg", "std", "soma.nseg = 3.0; soma.nseg"),
    # --- L ---------------------------------------------------------------------
    ("L", "std", "soma.L = 0"),
    ("L", "std", "soma.L = -5"),
    ("L", "std", "soma.L = 'x'"),
    ("L", "std", "soma.L = None"),
    ("L", "std", "soma.L = True; soma.L"),
    ("L", "std", "soma.L = float('nan'); soma.L"),
    ("L", "std", "soma.L = float('nan'); h.finitialize(-65); h.fadvance(); soma(0.5).v"),
    ("L", "std", "soma.L = float('inf'); soma(0.5).area()"),
    ("L", "std", "soma.L = 1e-300; h.finitialize(-65); h.fadvance(); soma(0.5).v"),
    # --- diam ----------------------------------------------------------------
    ("diam", "std", "soma.diam = 0; soma(0.5).area()"),
    ("diam", "std", "soma.diam = 0; h.finitialize(-65)"),
    ("diam", "std", "soma(0.5).diam = -1; h.finitialize(-65)"),
    ("diam", "std", "soma.diam = float('nan'); soma(0.5).area()"),
    ("diam", "std", "soma.diam = float('nan'); h.finitialize(-65); h.fadvance(); soma(0.5).v"),
    ("diam", "std", "soma.diam = float('inf'); soma(0.5).area()"),
    ("diam", "std", "soma.diam = 'x'"),
    ("diam", "std", "soma(0.5).diam = None"),
    ("diam", "std", "soma.diam = True; soma.diam"),
    # --- Ra, cm ----------------------------------------------------------------
    ("Ra", "std", "soma.Ra = 0"),
    ("Ra", "std", "soma.Ra = -1"),
    ("Ra", "std", "soma.Ra = float('nan'); soma.Ra"),
    ("Ra", "std", "soma.Ra = float('nan'); h.finitialize(-65); h.fadvance(); dend(0.5).v"),
    ("Ra", "std", "soma.Ra = float('inf'); h.finitialize(-65); h.fadvance(); dend(0.5).v"),
    ("Ra", "std", "soma.Ra = 'x'"),
    ("Ra", "std", "soma.Ra = None"),
    ("cm", "std", "soma.cm = -1; h.finitialize(-65); stim.amp = 0.1; stim.dur = 1; h.fadvance(); soma(0.5).v"),
    ("cm", "std", "soma.cm = 0; h.finitialize(-65); h.fadvance(); soma(0.5).v"),
    ("cm", "std", "dend.cm = 0; h.finitialize(-65); h.fadvance(); dend(0.5).v"),
    ("cm", "std", "soma.cm = float('nan'); h.finitialize(-65); h.fadvance(); soma(0.5).v"),
    ("cm", "std", "soma.cm = 'x'"),
    ("cm", "std", "soma(0.5).cm = None"),
    # --- mechanisms ----------------------------------------------------------
    ("mechanisms", "std", "soma.insert('foo')"),
    ("mechanisms", "std", "soma.insert('IClamp')"),
    ("mechanisms", "std", "soma.insert(5)"),
    ("mechanisms", "std", "soma.insert(None)"),
    ("mechanisms", "std", "soma.insert('pas'); soma.insert('pas')"),
    ("mechanisms", "std", "soma.uninsert('hh')"),
    ("mechanisms", "std", "soma.uninsert('foo')"),
    ("mechanisms", "std", "soma.uninsert('pas'); soma(0.5).g_pas"),
    ("mechanisms", "std", "soma(0.5).hh.gnabar"),
    ("mechanisms", "std", "soma(0.5).gnabar_hh"),
    ("mechanisms", "std", "soma(0.5).gnabar_hh = 0.1"),
    ("mechanisms", "std", "soma.gnabar_hh"),
    ("mechanisms", "std", "soma(0.5).ena"),
    ("mechanisms", "std", "soma(0.5)._ref_gnabar_hh"),
    ("mechanisms", "std", "h.minf_hh"),
    ("mechanisms", "std", "h.gnabar_hh"),
    ("mechanisms", "hh", "soma(0.5).hh.gnabar = 'x'"),
    ("mechanisms", "hh", "soma(0.5).hh.gnabar = -1; h.run(); soma(0.5).v"),
    ("mechanisms", "hh", "h.celsius = float('nan'); h.finitialize(-65); h.fadvance(); soma(0.5).v"),
    ("mechanisms", "hh", "h.celsius = 'x'"),
    ("mechanisms", "hh", "soma(0.5).v = float('nan'); h.fadvance(); soma(0.5).m_hh"),
    # --- unknown attributes --------------------------------------------------
    ("attributes", "std", "h.foo"),
    ("attributes", "std", "h.foo = 1; h.foo"),
    ("attributes", "std", "soma(0.5).foo"),
    ("attributes", "std", "soma(0.5).foo = 1"),
    ("attributes", "std", "soma.foo"),
    ("attributes", "std", "soma.foo = 1; soma.foo"),
    ("attributes", "std", "soma(0.5).pas.foo"),
    ("attributes", "std", "soma(0.5)._ref_foo"),
    ("attributes", "std", "stim.foo"),
    ("attributes", "std", "stim.foo = 1"),
    ("attributes", "std", "soma(0.5).v = 'x'"),
    ("attributes", "std", "soma(0.5).v = None"),
    ("attributes", "std", "h.Section(name=5)"),
    ("attributes", "stdrun", "h.Section(name=None)"),
    ("attributes", "bare", "h.tstop"),
    ("attributes", "bare", "h.run()"),
    # --- Vector --------------------------------------------------------------
    ("Vector", "std", "vec[3]"),
    ("Vector", "std", "vec[-4]"),
    ("Vector", "std", "vec[3] = 1"),
    ("Vector", "std", "vec['a']"),
    ("Vector", "std", "vec[1.5]"),
    ("Vector", "std", "vec[True]"),
    ("Vector", "std", "vec.x[10]"),
    ("Vector", "std", "h.Vector('abc')"),
    ("Vector", "std", "h.Vector(-1)"),
    ("Vector", "std", "h.Vector(2.5).size()"),
    ("Vector", "std", "h.Vector([1, 'a'])"),
    ("Vector", "std", "h.Vector(None)"),
    ("Vector", "std", "h.Vector([[1, 2], [3, 4]])"),
    ("Vector", "std", "vec.add('x')"),
    ("Vector", "std", "vec.resize(-1)"),
    ("Vector", "std", "vec.fill(None)"),
    ("Vector", "std", "h.Vector().mean()"),
    ("Vector", "std", "h.Vector().max()"),
    ("Vector", "std", "h.Vector().stdev()"),
    ("Vector", "std", "vec.div(0).to_python()"),
    ("Vector", "std", "vec.record(5)"),
    ("Vector", "std", "vec.record(soma(0.5).v)"),
    ("Vector", "std", "vec.record(None)"),
    ("Vector", "std", "vec.record('x')"),
    ("Vector", "std", "vec.record(soma(0.5))"),
    ("Vector", "std", "vec.record(soma(0.5)._ref_v, -1); h.run(); vec.size()"),
    ("Vector", "std", "vec.record(soma(0.5)._ref_v, 0); h.run(); vec.size()"),
    ("Vector", "std", "vec.record(soma(0.5)._ref_v, 'x')"),
    ("Vector", "bare", "h.Vector().record(h._ref_t)"),
    # --- run control ---------------------------------------------------------
    ("run control", "std", "h.dt = 0; h.run()"),
    ("run control", "std", "h.dt = 0; h.finitialize(-65); h.fadvance(); h.t"),
    ("run control", "std", "h.dt = -0.025; h.run()"),
    ("run control", "std", "h.dt = float('nan'); h.run(); soma(0.5).v"),
    ("run control", "std", "h.dt = 1e6; h.run(); h.t"),
    ("run control", "std", "h.dt = 'x'"),
    ("run control", "std", "h.tstop = -1; h.run(); h.t"),
    ("run control", "std", "h.tstop = float('nan'); h.run(); h.t"),
    ("run control", "std", "h.tstop = float('inf'); h.run()"),
    ("run control", "std", "h.steps_per_ms = 0; h.run()"),
    ("run control", "std", "h.steps_per_ms = -40; h.run()"),
    ("run control", "std", "h.steps_per_ms = float('nan'); h.run(); h.dt"),
    ("run control", "std", "h.steps_per_ms = 1e-3; h.run(); h.dt"),
    ("run control", "std", "h.v_init = float('nan'); h.run(); soma(0.5).v"),
    ("run control", "std", "h.v_init = 'x'"),
    ("run control", "std", "h.finitialize(float('nan')); soma(0.5).v"),
    ("run control", "std", "h.finitialize(float('inf')); h.fadvance(); soma(0.5).v"),
    ("run control", "std", "h.finitialize('x')"),
    ("run control", "std", "h.finitialize(None)"),
    ("run control", "std", "h.continuerun('x')"),
    ("run control", "std", "h.continuerun(float('nan')); h.t"),
    ("run control", "std", "h.fadvance(); h.t"),
    ("run control", "std", "h.t = float('nan'); h.fadvance(); h.t"),
    ("run control", "std", "h.secondorder = 5; h.run(); soma(0.5).v"),
    ("run control", "std", "h.cvode_active(1); soma.cm = 0; dend.cm = 0; h.run(); soma(0.5).v"),
    # --- connect -------------------------------------------------------------
    ("connect", "std", "soma.connect(dend(1)); h.finitialize(-65)"),
    ("connect", "std", "soma.connect(dend(1))"),
    ("connect", "std", "soma.connect(soma(0.5))"),
    ("connect", "std", "dend.connect(soma(1), 0.5)"),
    ("connect", "std", "dend.connect(soma(1), 2)"),
    ("connect", "std", "dend.connect(5)"),
    ("connect", "std", "dend.connect(None)"),
    ("connect", "std", "dend.connect(soma, 1.5)"),
    ("connect", "std", "dend.connect(soma(1.5))"),
    ("connect", "std", "dend.connect(soma(0.5)); dend.parentseg()"),
    # --- deleted sections ----------------------------------------------------
    ("deleted", "std", "h.delete_section(sec=dend); dend.L"),
    ("deleted", "std", "h.delete_section(sec=dend); str(dend)"),
    ("deleted", "std", "h.delete_section(sec=dend); dend(0.5)"),
    ("deleted", "std", "seg = dend(0.5); h.delete_section(sec=dend); seg.v"),
    ("deleted", "std", "seg = dend(0.5); h.delete_section(sec=dend); h.IClamp(seg)"),
    ("deleted", "std", "h.delete_section(sec=dend); h.delete_section(sec=dend)"),
    ("deleted", "std", "h.delete_section(sec=dend); dend.connect(soma(1))"),
    ("deleted", "std", "h.delete_section(sec=dend); h.run(); soma(0.5).v"),
    ("deleted", "std", "ref = dend(0.5)._ref_v; h.delete_section(sec=dend); vec.record(ref); h.run(); vec.size()"),
    ("deleted", "std", "vec.record(dend(0.5)._ref_v); h.delete_section(sec=dend); h.run(); vec.size()"),
    ("deleted", "std", "pp = h.IClamp(dend(0.5)); h.delete_section(sec=dend); pp.amp"),
    ("deleted", "std", "pp = h.IClamp(dend(0.5)); h.delete_section(sec=dend); pp.get_segment()"),
    ("deleted", "std", "pp = h.IClamp(dend(0.5)); h.delete_section(sec=dend); pp.amp = 1"),
    ("deleted", "std", "pp = h.IClamp(dend(0.5)); del dend; h.run(); pp.has_loc()"),
    ("deleted", "std", "pp = h.ExpSyn(dend(0.5)); nc = h.NetCon(None, pp); h.delete_section(sec=dend); h.finitialize(-65); nc.event(0.1); h.continuerun(1); h.t"),
    ("deleted", "std", "pp = h.ExpSyn(dend(0.5)); h.delete_section(sec=dend); h.finitialize(-65)"),
    ("deleted", "std", "pp = h.ExpSyn(dend(0.5)); nc = h.NetCon(None, pp); h.delete_section(sec=dend); h.finitialize(-65)"),
    ("deleted", "std", "pp = h.ExpSyn(dend(0.5)); nc = h.NetCon(soma(0.5)._ref_v, pp, sec=soma); del dend; h.finitialize(-65)"),
    ("deleted", "std", "nc = h.NetCon(dend(0.5)._ref_v, None, sec=dend); h.delete_section(sec=dend); h.run(); nc.valid()"),
    ("deleted", "std", "h.delete_section()"),
    # --- NetCon --------------------------------------------------------------
    ("NetCon", "std", "h.NetCon(None, None)"),
    ("NetCon", "std", "h.NetCon(5, None)"),
    ("NetCon", "std", "h.NetCon('x', None)"),
    ("NetCon", "std", "h.NetCon(soma(0.5)._ref_v, 5, sec=soma)"),
    ("NetCon", "std", "h.NetCon(soma(0.5)._ref_v, stim, sec=soma)"),
    ("NetCon", "std", "h.NetCon(soma(0.5)._ref_v, None, 'x', sec=soma)"),
    ("NetCon", "std", "h.NetCon(soma(0.5)._ref_v, None).threshold"),
    ("NetCon", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.weight[1]"),
    ("NetCon", "std", "nc = h.NetCon(None, None); nc.weight[0]"),
    ("NetCon", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.delay = -1; nc.delay"),
    ("NetCon", "std", "syn = h.ExpSyn(soma(0.5)); nc = h.NetCon(None, syn, 0, 1, 0.01); h.finitialize(-65); nc.event(-5); h.fadvance(); syn.g"),
    ("NetCon", "std", "syn = h.ExpSyn(soma(0.5)); nc = h.NetCon(None, syn, 0, 1, 0.01); h.finitialize(-65); nc.event(float('nan')); h.continuerun(1); syn.g"),
    ("NetCon", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.event('x')"),
    ("NetCon", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.delay = 'x'"),
    ("NetCon", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.record(5)"),
    ("NetCon", "std", "h.NetCon(h.NetStim(), h.NetStim(), 0, 0, 1); h.run(); h.t"),
    # --- point processes -----------------------------------------------------
    ("point processes", "std", "h.IClamp()"),
    ("point processes", "std", "h.IClamp().get_segment()"),
    ("point processes", "std", "h.IClamp(soma)"),
    ("point processes", "std", "h.IClamp('x')"),
    ("point processes", "std", "h.IClamp(None)"),
    ("point processes", "std", "h.IClamp(0.5)"),
    ("point processes", "std", "h.IClamp(soma(0.5), 5)"),
    ("point processes", "std", "stim.amp = 'x'"),
    ("point processes", "std", "stim.amp = None"),
    ("point processes", "std", "stim.dur = -1; stim.amp = 1; h.run(); soma(0.5).v"),
    ("point processes", "std", "stim.amp = float('nan'); stim.dur = 1; h.run(); soma(0.5).v"),
    ("point processes", "std", "stim.delay = float('inf'); stim.dur = 1; stim.amp = 1; h.run(); soma(0.5).v"),
    ("point processes", "std", "getattr(stim, 'del')"),
    ("point processes", "std", "syn = h.ExpSyn(soma(0.5)); syn.tau = 0; nc = h.NetCon(None, syn, 0, 0, 0.01); h.finitialize(-65); nc.event(0.1); h.continuerun(1); soma(0.5).v"),
    ("point processes", "std", "syn = h.Exp2Syn(soma(0.5)); syn.tau2 = 0; h.finitialize(-65); syn.tau1"),
    ("point processes", "std", "syn = h.Exp2Syn(soma(0.5)); syn.tau1 = 0; h.finitialize(-65); syn.tau1"),
    ("point processes", "std", "syn = h.AlphaSynapse(soma(0.5)); syn.tau = 0; syn.gmax = 1; h.finitialize(-65); syn.i"),
    ("point processes", "std", "c = h.SEClamp(soma(0.5)); c.rs = 0; c.dur1 = 1; c.amp1 = -50; h.run(); soma(0.5).v"),
    ("point processes", "std", "ns = h.NetStim(); ns.interval = 0; ns.number = 5; ns.start = 0.1; h.run(); h.t"),
    ("point processes", "std", "ns = h.NetStim(); ns.interval = -1; ns.number = 5; ns.start = 0.1; h.run(); h.t"),
    ("point processes", "std", "h.NetStim(soma(0.5))"),
    # --- pickling ------------------------------------------------------------
    ("pickling", "std", "pickle.dumps(soma)"),
    ("pickling", "std", "pickle.dumps(soma(0.5))"),
    ("pickling", "std", "pickle.dumps(stim)"),
    ("pickling", "std", "pickle.dumps(h.NetStim())"),
    ("pickling", "std", "pickle.dumps(soma(0.5).pas)"),
    ("pickling", "std", "pickle.dumps(h)"),
    ("pickling", "std", "pickle.dumps(soma(0.5)._ref_v)"),
    ("pickling", "std", "pickle.loads(pickle.dumps(vec)).to_python()"),
    # --- misc ----------------------------------------------------------------
    ("misc", "std", "h.load_file('does_not_exist.hoc')"),
    ("misc", "std", "h.psection(sec=5)"),
    ("misc", "std", "h.distance(soma(0.5), 5)"),
    ("misc", "std", "h.area(0.5)"),
    ("misc", "std", "h.area(1.5, sec=soma)"),
    ("misc", "std", "soma.pt3dadd(0, 0, 0, -1); soma.pt3dadd(10, 0, 0, 2); soma(0.5).area()"),
    ("misc", "std", "soma.pt3dadd(0, 0, 0, 1); soma.pt3dadd(0, 0, 0, 1); soma.L"),
    ("misc", "std", "soma.pt3dadd(0, 0, 0, 1); soma.n3d(); soma.L"),
    ("misc", "std", "soma.pt3dchange(5, 0, 0, 0, 1)"),
    ("misc", "std", "soma.rallbranch = 0; h.finitialize(-65)"),
    ("misc", "std", "soma.rallbranch = -1; h.run(); dend(0.5).v"),
    ("misc", "std", "soma(0.5).x = 0.2; soma(0.5).x"),
    ("misc", "std", "soma.insert('extracellular'); soma(0.5).vext[2]"),
    ("misc", "std", "soma.insert('extracellular'); soma(0.5).xg[2] = 1"),
    ("misc", "std", "soma(0.5).vext[0]"),
    ("misc", "std", "syn = h.ExpSyn(soma(0.5)); syn.g = 'x'"),
    ("misc", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.weight[0] = 'x'"),
    ("misc", "std", "nc = h.NetCon(None, h.ExpSyn(soma(0.5))); nc.weight[0] = float('nan'); h.finitialize(-65); nc.event(0.1); h.continuerun(1); soma(0.5).v"),
    ("misc", "hh", "h.celsius = -300; h.run(); soma(0.5).v"),
    ("misc", "hh", "h.celsius = 1e6; h.run(); soma(0.5).v"),
    ("misc", "std", "vec.record(soma(0.5)._ref_v, h.Vector()); h.run(); vec.size()"),
    ("misc", "std", "h.Vector(np.array(['a', 'b']))"),
    ("misc", "std", "h.Vector(np.array([1.0, np.nan])).sum()"),
    ("misc", "std", "soma.pt3dadd(0, 0, 0, float('nan')); soma.pt3dadd(10, 0, 0, 2); soma(0.5).area()"),
]


NOTES = """\
## Highlights

* **Crashes (SIGSEGV)**: `soma(float('nan')).v` (while `soma(float('nan'))` itself is
  accepted and prints as `soma(nan)`), `h.Vector(None)`, `h.IClamp(None)`, and
  `h.finitialize()` after deleting the section of a point process that is the target of
  a NetCon (an ExpSyn without NetCon, or an IClamp, on a deleted section is harmless).
  `h.NetCon(soma(0.5)._ref_v, stim)` with an IClamp target raises a RuntimeError and the
  interpreter then crashes at exit.
* **Hangs**: `h.run()` with `h.dt < 0`, `h.tstop = inf`, `h.steps_per_ms < 0` or NaN.
* **Deferred errors**: `vec['a']` / `vec[1.5]` return a value while leaving a pending
  `TypeError: 'str' object cannot be interpreted as an integer`; it surfaces at the next
  C-level call, here as `SystemError: <built-in function exec> returned a result with
  an exception set` (in a plain script `x = vec['a']` succeeds and the TypeError is
  raised by the *next* statement, e.g. `print(x)`). `soma('x')` / `soma(None)` raise
  `SystemError: soma returned a result with an exception set`.
* **nseg** accepts only Python ints (and bools): `nseg = 3.0` raises like `2.7`;
  `nseg = True` gives 1; `nseg = 32767` passes the range check but raises
  `MemoryError: std::bad_array_new_length`.
* **L / Ra** reject NaN (`L must be > 0.`, `Ra must be > 0.`) and strings/None with the
  same message; **diam / cm** strings/None give `ValueError: bad value`, NaN is accepted
  and propagates; diam 0 or negative raise at the next geometry update (message says
  `diam = 0` also for negative values). `True` is accepted as 1.0 for L and diam.
* Messages that embed memory addresses (`really char** 0x7f...`) differ between runs;
  `message_normalized` in the JSON replaces every `0x...` by `0x?`.
* hoc errors also print a `NEURON: ...` / ` near line 0` / ` ^` traceback on stderr
  (column "NEURON output"); plain Python-level errors print nothing.
"""


def default_python():
    venv = os.path.join(REPO, ".venv", "bin", "python")
    return venv if os.path.exists(venv) else sys.executable


def clean_err(text):
    lines = [l for l in text.splitlines()
             if "no DISPLAY environment variable" not in l
             and "No graphics will be displayed" not in l]
    return "\n".join(lines).strip()


def run_case(python, timeout, case):
    cat, prelude, code = case
    src = HARNESS % {"mark": MARK, "code": code, "prelude": PRELUDES[prelude]}
    rec = {"category": cat, "prelude": prelude, "code": code, "outcome": None,
           "exc_type": None, "message": None, "result": None, "stderr": "",
           "stdout": "", "exit_after": None}
    try:
        proc = subprocess.Popen([python, "-c", src], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=HERE, start_new_session=True,
                                env=dict(os.environ, MPLBACKEND="Agg"))
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rec["outcome"] = "hang"
            rec["message"] = "no result after %g s (killed)" % timeout
            rec["stderr"] = clean_err(err.decode("utf-8", "replace"))[-1500:]
            return rec
    except OSError as exc:
        rec["outcome"] = "probe error"
        rec["message"] = str(exc)
        return rec
    out = out.decode("utf-8", "replace")
    rec["stderr"] = clean_err(err.decode("utf-8", "replace"))[-1500:]
    rc = proc.returncode
    if MARK in out:
        before, after = out.split(MARK, 1)
        rec.update(json.loads(after.splitlines()[0]))
        rec["stdout"] = before.strip()[-1500:]
        if rc != 0:
            rec["exit_after"] = ("segfault" if rc == -signal.SIGSEGV else
                                 "signal %d" % -rc if rc < 0 else "exit %d" % rc)
    else:
        rec["stdout"] = out.strip()[-1500:]
        if rc == -signal.SIGSEGV:
            rec["outcome"] = "segfault"
        elif rc < 0:
            rec["outcome"] = "signal %d" % -rc
        else:
            rec["outcome"] = "exit %d" % rc
    return rec


def md_escape(s):
    return (s or "").replace("|", "\\|").replace("\n", "<br>")


def write_md(records, path):
    lines = [
        "# NEURON 9.0.2: reactions to bad input",
        "",
        "Generated by `tests/scenarios/bad_input_probe.py` (same data as",
        "`NEURON_BAD_INPUT.json`). Each row ran in a fresh Python process with NEURON 9.0.2",
        "(PyPI wheel, Python 3.11, Linux x86-64), after one of these preludes:",
        "",
    ]
    for name, text in PRELUDES.items():
        lines.append("* `%s`: `%s`" % (name, "; ".join(text.strip().splitlines())))
    lines += [
        "",
        "Outcome: `exception` (type and exact `str(exception)`), `accepted` (no exception;",
        "`result` is the repr of the snippet's last expression), `nan` (accepted, last",
        "expression is NaN), `hang` (killed after the timeout), `segfault` (SIGSEGV).",
        "\"NEURON output\" is what NEURON printed on stderr (and stdout, marked `[stdout]`);",
        "`exit after` notes a crash at interpreter exit after the snippet returned.",
        "",
        NOTES,
    ]
    cats = []
    for r in records:
        if r["category"] not in cats:
            cats.append(r["category"])
    for cat in cats:
        lines += ["## " + cat, "",
                  "| prelude | code | outcome | exception / result | NEURON output |",
                  "| --- | --- | --- | --- | --- |"]
        for r in records:
            if r["category"] != cat:
                continue
            if r["outcome"] == "exception":
                what = "`%s`: %s" % (r["exc_type"], md_escape(r["message"]))
            elif r["result"] is not None:
                what = "result `%s`" % md_escape(r["result"])
            else:
                what = md_escape(r["message"] or "")
            outcome = r["outcome"] + (" (exit after: %s)" % r["exit_after"]
                                      if r.get("exit_after") else "")
            printed = md_escape(r["stderr"][:400])
            if r["stdout"]:
                printed += ("<br>" if printed else "") + "[stdout] " + md_escape(r["stdout"][:200])
            lines.append("| %s | `%s` | %s | %s | %s |" % (
                r["prelude"], r["code"].replace("|", "\\|"), outcome, what, printed))
        lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=default_python())
    ap.add_argument("--timeout", type=float, default=8.0)
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--out", default=HERE, help="folder for the .json/.md outputs")
    args = ap.parse_args(argv)
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        records = list(ex.map(lambda c: run_case(args.python, args.timeout, c), CASES))
    keys = ["category", "prelude", "code", "outcome", "exc_type", "message",
            "message_normalized", "result", "stderr", "stdout", "exit_after"]
    for r in records:   # memory addresses in messages change from run to run
        r["message_normalized"] = (None if r.get("message") is None
                                   else re.sub(r"0x[0-9a-fA-F]+", "0x?", r["message"]))
    records = [{k: r.get(k) for k in keys} for r in records]
    with open(os.path.join(args.out, "NEURON_BAD_INPUT.json"), "w") as f:
        json.dump(records, f, indent=1)
        f.write("\n")
    write_md(records, os.path.join(args.out, "NEURON_BAD_INPUT.md"))
    counts = {}
    for r in records:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    print("%d cases: %s" % (len(records), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    main()
