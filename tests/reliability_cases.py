"""The bad-input catalogue of issue 7 (docs/BAD_INPUT.md is generated from it).

API rows run after PRELUDE (a two-section cell with hh, pas, an IClamp, a
NetStim driving an ExpSyn, three recordings, one finished run: the "earlier
results").  ``expect`` is "Type: fragment" (the exception, by class name
anywhere in its MRO, and a piece of its message) or "ok" (accepted, with
finite results).  ``after`` says what must hold once the case is over:

* ``same``: after ``restore`` the model runs again and reproduces the
  earlier results exactly (a refused input changed nothing);
* ``runs``: the model was changed on purpose (a deleted section), but it
  still runs and gives finite results;
* ``prefix``: the run stopped as unstable; the Vectors hold only finite,
  in-range samples from before the failure (then ``restore`` + ``same``).

Unless ``after`` is ``prefix`` or the code runs a simulation itself
(``ran=True``), the recorded Vectors must be untouched right after the case.

WIDGET_ROWS and NOTEBOOK_ROWS name the test that covers each panel row.
NEURON's reaction to every API row is in scenarios/NEURON_RELIABILITY.json
(tests/scenarios/reliability_probe.py runs them in NEURON 9.0.2).
"""
from collections import namedtuple

PRELUDE = """\
from neuron import h
h.load_file('stdrun.hoc')
soma = h.Section(name='soma'); soma.L = soma.diam = 20; soma.insert('hh')
dend = h.Section(name='dend'); dend.connect(soma(1))
dend.L, dend.diam, dend.nseg = 200, 2, 5; dend.insert('pas')
stim = h.IClamp(soma(0.5)); stim.delay, stim.dur, stim.amp = 1, 3, 0.3
syn = h.ExpSyn(dend(0.5)); ns = h.NetStim(); ns.start, ns.number, ns.interval = 2, 3, 2
nc = h.NetCon(ns, syn); nc.weight[0] = 0.01; nc.delay = 1
t_vec = h.Vector().record(h._ref_t); v_soma = h.Vector().record(soma(0.5)._ref_v)
v_dend = h.Vector().record(dend(0.5)._ref_v)
h.tstop = 10
h.run()
"""

#: What the restore step puts back (the prelude's run settings).
RESTORE_RUN = "h.tstop = 10; h.dt = 0.025; h.steps_per_ms = 40; h.v_init = -65; h.celsius = 6.3"

Case = namedtuple("Case", "category code expect after restore ran")


def case(category, code, expect, after="same", restore="", ran=False):
    return Case(category, code, expect, after, restore, ran)


RUN_TOO_BIG = "RecordingTooLarge: record every Dt ms"
UNSTABLE = "FloatingPointError: numerically unstable at t = "

CASES = [
    # --- positions --------------------------------------------------------------------
    case("positions", "h.IClamp(dend(float('nan')))", "ValueError: segment position range"),
    case("positions", "stim.loc(float('nan'))", "RuntimeError: Arg out of range"),
    case("positions", "stim.loc(float('inf'))", "RuntimeError: Arg out of range"),
    case("positions", "stim.loc(None)", "RuntimeError: placed at a segment"),
    case("positions", "stim.loc('x')", "RuntimeError: placed at a segment"),
    case("positions", "h.area(float('nan'), sec=soma)", "RuntimeError: x is NaN"),
    case("positions", "h.distance(soma(0.5), dend(1.5))", "ValueError: segment position range"),
    case("positions", "h.Vector().record(soma(1.5)._ref_v)", "ValueError: segment position range"),
    case("positions", "h.NetCon(dend(1.5)._ref_v, syn, sec=dend)",
         "ValueError: segment position range"),
    case("positions", "dend(-float('inf'))", "ValueError: segment position range"),
    case("positions", "h.ri(1.5, sec=dend)", "ValueError: segment position range"),
    # --- nseg ---------------------------------------------------------------------------
    case("nseg", "dend.nseg = np.int64(0)", "ValueError: nseg must be an integer"),
    case("nseg", "dend.nseg = 10**9", "ValueError: nseg must be an integer"),
    case("nseg", "dend.nseg = [3]", "ValueError: nseg must be an integer"),
    case("nseg", "dend.nseg = np.float64(3)", "ValueError: nseg must be an integer"),
    case("nseg", "dend.nseg = -(2**63)", "ValueError: nseg must be an integer"),
    # --- geometry -----------------------------------------------------------------------
    case("geometry", "dend.L = float('-inf')", "ValueError: L must be > 0."),
    case("geometry", "dend.L = -1e-300", "ValueError: L must be > 0."),
    case("geometry", "dend.diam = float('-inf')", "ValueError: diam must be a finite number"),
    case("geometry", "dend(0.5).diam = float('inf')", "ValueError: diam must be a finite number"),
    case("geometry", "dend.diam = -3; h.run()", "RuntimeError: diameter diam = -3",
         restore="dend.diam = 2"),
    case("geometry", "dend.Ra = float('inf')", "ValueError: Ra must be > 0."),
    case("geometry", "dend(0.5).cm = float('inf')", "ValueError: cm must be a finite number"),
    case("geometry", "dend(0.5).cm = -5; h.run()", "ValueError: cm = -5 uF/cm2 is negative",
         restore="dend.cm = 1"),
    case("geometry", "soma.cm = -1; h.run()", "ValueError: soma(0.5).cm = -1",
         restore="soma.cm = 1"),
    case("geometry", "soma.pt3dadd(float('nan'), 0, 0, 1)", "ValueError: pt3d must be a finite"),
    case("geometry", "soma.pt3dadd(0, 0, 0, float('inf'))", "ValueError: pt3d must be a finite"),
    case("geometry", "soma.pt3dadd('x', 0, 0, 1)", "TypeError: must be real number, not str"),
    case("geometry", "soma.pt3dchange(-1, 0, 0, 0, 1)", "IndexError: Arg out of range"),
    case("geometry", "dend.pt3dadd(0, 0, 0, 2); h.run()",
         "ValueError: dend has a single 3-D point", restore="dend.pt3dclear()"),
    case("geometry", "soma.x3d(10)", "IndexError: Arg out of range"),
    case("geometry", "soma.rallbranch = float('inf')", "ValueError: rallbranch must be a finite"),
    case("geometry", "dend.L = 1e308; h.run()", "ok", restore="dend.L = 200", ran=True),
    case("geometry", "soma.diam = 1e308; h.run()", "ValueError: soma: L = 20 um, diam = 1e+308",
         restore="soma.diam = 20"),
    case("geometry", "soma.pt3dadd(0, 0, 0, 20); soma.pt3dadd(20, 0, 0, 20); soma.L = 1e308",
         "ValueError: too long for soma's 3-D points",
         restore="soma.pt3dclear(); soma.L = soma.diam = 20"),
    # --- mechanism parameters -------------------------------------------------------------
    case("mechanisms", "soma(0.5).hh.gnabar = float('nan')", "ValueError: finite number"),
    case("mechanisms", "soma(0.5).hh.gnabar = float('inf')", "ValueError: finite number"),
    case("mechanisms", "soma(0.5).ena = float('nan')", "ValueError: ena must be a finite number"),
    case("mechanisms", "soma.gnabar_hh = float('nan')", "ValueError: finite number"),
    case("mechanisms", "dend.e_pas = float('-inf')", "ValueError: e_pas must be a finite"),
    case("mechanisms", "soma(0.5).hh.gnabar = [0.12]", "ValueError: bad value"),
    case("mechanisms", "soma(0.5).hh.gnabar = 1j", "ValueError: bad value"),
    case("mechanisms", "soma(0.5).hh.gnabar = -1; h.run()",
         "ValueError: soma(0.5).gnabar_hh = -1 S/cm2 is negative",
         restore="soma(0.5).hh.gnabar = 0.12"),
    case("mechanisms", "soma(0.5).hh.gkbar = -10; h.run()", "ValueError: gkbar_hh = -10",
         restore="soma(0.5).hh.gkbar = 0.036"),
    case("mechanisms", "dend(0.5).pas.g = -1e-3; h.run()", "ValueError: g_pas = -0.001",
         restore="dend(0.5).pas.g = 0.001"),
    case("mechanisms", "soma(0.5)._ref_v[0] = float('nan')", "ValueError: v must be a finite"),
    case("mechanisms", "dend(0.5).pas._ref_g[0] = 'x'", "ValueError: bad value"),
    case("mechanisms", "soma.insert(['hh'])", "TypeError: insert argument must be"),
    case("mechanisms", "soma.insert('HH')", "ValueError: argument not a density mechanism"),
    case("mechanisms", "soma.uninsert(5)", "TypeError: argument 1 must be str, not int"),
    case("mechanisms", "soma.uninsert(None)", "TypeError: argument 1 must be str"),
    case("mechanisms", "soma(0.5).hh.foo = 1", "AttributeError: has no attribute 'foo'"),
    case("mechanisms", "soma(0.5)._ref_gnabar", "AttributeError: _ref_gnabar"),
    # --- global numbers -------------------------------------------------------------------
    case("globals", "h.tstop = float('-inf')", "ValueError: tstop must be a finite number"),
    case("globals", "h.tstop = [10]", "TypeError: must be real number, not list"),
    case("globals", "h.v_init = float('inf')", "ValueError: v_init must be a finite number"),
    case("globals", "h.v_init = 1e6; h.run()", "ValueError: initial voltage (h.v_init) 1e+06 mV",
         restore=RESTORE_RUN),
    case("globals", "h.finitialize(float('-inf'))", "ValueError: initial voltage"),
    case("globals", "h.celsius = [6.3]", "TypeError: must be real number, not list"),
    case("globals", "h.celsius = float('nan')", "ValueError: cannot be NaN"),
    case("globals", "h.secondorder = 1.5", "TypeError: cannot be interpreted as an integer"),
    case("globals", "h.secondorder = 3", "ValueError: secondorder must be 0, 1 or 2"),
    case("globals", "h.t = float('inf')", "ValueError: h.t must be a finite time"),
    case("globals", "h._ref_t[0] = float('nan')", "ValueError: t must be a finite number"),
    case("globals", "h.steps_per_ms = float('inf')", "ValueError: steps_per_ms must be a finite"),
    case("globals", "h.cvode_active('x')", "RuntimeError: bad stack access"),
    case("globals", "h.CVode().atol(-1)", "RuntimeError: Arg out of range"),
    case("globals", "h.CVode().atol(float('nan'))", "RuntimeError: atol is NaN"),
    case("globals", "h.nernst('x', 1, 1)", "RuntimeError: bad stack access"),
    case("globals", "h.load_file(None)", "RuntimeError: Expecting string argument"),
    # --- run length, dt and memory --------------------------------------------------------
    case("run control", "h.tstop = 1e12; h.run()", RUN_TOO_BIG, restore=RESTORE_RUN),
    case("run control", "h.tstop = 1e7; h.run()", "RecordingTooLarge: 8.94 GiB",
         restore=RESTORE_RUN),
    case("run control", "h.tstop = 1e12; h.continuerun(1e12)", RUN_TOO_BIG, restore=RESTORE_RUN),
    case("run control", "h.continuerun(1e300)", "RecordingTooLarge: max_recording_bytes"),
    case("run control", "h.continuerun(float('inf'))", "TooManySteps: would never end"),
    case("run control", "h.dt = 1e-300; h.run()", "RecordingTooLarge: max_steps",
         restore=RESTORE_RUN),
    case("run control", "h.dt = 1e-9; h.steps_per_ms = 1e9; h.run()",
         "RecordingTooLarge: 224 GiB", restore=RESTORE_RUN),
    case("run control", "v_soma.record(soma(0.5)._ref_v, 1e-9); h.run()",
         "RecordingTooLarge: 74.5 GiB", restore="v_soma.record(soma(0.5)._ref_v)"),
    case("run control", "h.steps_per_ms = 1e-300; h.run()",
         "RuntimeError: time steps per stdrun step", restore=RESTORE_RUN),
    case("run control", "h.dt = float('-inf'); h.run()", "RuntimeError: dt must be > 0",
         restore=RESTORE_RUN),
    case("run control", "h.dt = -1; h.finitialize(-65); h.fadvance()",
         "RuntimeError: dt must be a positive number", restore=RESTORE_RUN),
    case("run control", "ns.number = 1e12; ns.interval = 1e-9; h.run()",
         "TooManyEvents: max_events", restore="ns.number = 3; ns.interval = 2"),
    case("run control", "h.dt = float('inf'); h.run()", "ok", restore=RESTORE_RUN, ran=True),
    case("run control", "h.tstop = 0; h.run()", "ok", restore=RESTORE_RUN, ran=True),
    # --- instability ------------------------------------------------------------------------
    case("instability", "h.celsius = float('inf'); h.run()", UNSTABLE + "0.05 ms",
         after="prefix", restore=RESTORE_RUN),
    case("instability", "h.celsius = 1e4; h.run()", "FloatingPointError: h.celsius = 10000",
         after="prefix", restore=RESTORE_RUN),
    case("instability", "soma(0.5).ena = 1e9; h.run()", "FloatingPointError: ena = 1e+09 mV",
         after="prefix", restore="soma(0.5).ena = 50"),
    case("instability", "stim.amp = 1e12; h.run()",
         "FloatingPointError: IClamp[0].amp = 1e+12 nA", after="prefix", restore="stim.amp = 0.3"),
    case("instability", "h.finitialize(-65); soma(0.5).v = 1e6; h.fadvance()",
         "FloatingPointError: v left the physical range at t = 0.025 ms", after="prefix",
         restore=RESTORE_RUN),
    case("instability", "soma.uninsert('hh'); dend.uninsert('pas'); stim.amp = 100; h.run()",
         "FloatingPointError: IClamp[0] injects 100 nA into soma(0.5), which has no membrane "
         "mechanism", after="prefix",
         restore="soma.insert('hh'); dend.insert('pas'); stim.amp = 0.3"),
    case("instability", "soma.cm = 0; dend.cm = 0; soma.uninsert('hh'); dend.uninsert('pas'); "
         "h.run()", "FloatingPointError: cm = 0 uF/cm2", after="prefix",
         restore="soma.cm = dend.cm = 1; soma.insert('hh'); dend.insert('pas')"),
    # --- point processes ------------------------------------------------------------------
    case("point processes", "stim.amp = float('-inf')", "ValueError: amp must be a finite"),
    case("point processes", "stim.dur = float('inf')", "ValueError: dur must be a finite"),
    case("point processes", "stim.delay = float('nan')", "ValueError: delay must be a finite"),
    case("point processes", "stim.amp = [1]", "TypeError: must be real number, not list"),
    case("point processes", "stim.amp = 1j", "TypeError: must be real number, not complex"),
    case("point processes", "syn.tau = float('nan')", "ValueError: tau must be a finite"),
    case("point processes", "syn.tau = -1; h.run()", "ValueError: ExpSyn[0].tau = -1 ms",
         restore="syn.tau = 0.1"),
    case("point processes", "syn.e = float('inf')", "ValueError: e must be a finite"),
    case("point processes", "ns.interval = float('nan')", "ValueError: interval must be a finite"),
    case("point processes", "ns.number = float('inf')", "ValueError: number must be a finite"),
    case("point processes", "ns.start = float('inf')", "ValueError: start must be a finite"),
    case("point processes", "h.IClamp(dend)", "RuntimeError: not a Python nrn.Segment"),
    case("point processes", "h.IClamp(dend(0.5), dend(0.2))",
         "TypeError: takes at most one location"),
    case("point processes", "h.ExpSyn(t_vec)", "RuntimeError: placed at a segment"),
    case("point processes", "syn.foo = 1", "LookupError: 'foo' is not a defined hoc variable"),
    # --- NetCon ---------------------------------------------------------------------------
    case("NetCon", "nc.delay = float('inf')", "ValueError: delay must be a finite"),
    case("NetCon", "nc.delay = -5", "ValueError: NetCon delay must be >= 0 ms"),
    case("NetCon", "nc.threshold = float('inf')", "ValueError: threshold must be a finite"),
    case("NetCon", "nc.weight[0] = float('nan')", "ValueError: weight must be a finite"),
    case("NetCon", "nc.weight[0] = float('inf')", "ValueError: weight must be a finite"),
    case("NetCon", "nc.weight[0] = None", "TypeError: must be real number, not NoneType"),
    case("NetCon", "nc.weight[5] = 1", "IndexError: NetCon[0].weight"),
    case("NetCon", "nc.event(float('inf'))", "RuntimeError: Arg out of range"),
    case("NetCon", "nc.event(float('nan'))", "RuntimeError: event time is NaN"),
    case("NetCon", "nc.active('x')", "RuntimeError: bad stack access"),
    case("NetCon", "nc.active(2)", "RuntimeError: Arg out of range"),
    case("NetCon", "nc.foo = 1", "AttributeError: 'hoc.NetCon' object has no attribute 'foo'"),
    case("NetCon", "nc.foo", "AttributeError: 'hoc.NetCon' object has no attribute 'foo'"),
    case("NetCon", "h.NetCon(ns, syn, float('nan'), 1, 0.01)", "RuntimeError: threshold is NaN"),
    case("NetCon", "h.NetCon(ns, syn, 0, float('inf'), 0.01)", "RuntimeError: Arg out of range"),
    case("NetCon", "h.NetCon(ns, syn, 0, -1, 0.01)", "RuntimeError: Arg out of range"),
    case("NetCon", "h.NetCon(ns, syn, 0, 1, float('nan'))", "RuntimeError: weight is NaN"),
    case("NetCon", "h.NetCon(ns, syn, 'x', 1, 0.01)", "RuntimeError: bad stack access"),
    # --- Vector ---------------------------------------------------------------------------
    case("Vector", "h.Vector(3e9)", "VectorTooLarge: 22.4 GiB"),
    case("Vector", "h.Vector(float('inf'))", "RuntimeError: Arg out of range"),
    case("Vector", "h.Vector(float('nan'))", "RuntimeError: size is NaN"),
    case("Vector", "t_vec.resize(10**13)", "MemoryError: max_vector_size"),
    case("Vector", "t_vec.resize(-float('inf'))", "RuntimeError: Arg out of range"),
    case("Vector", "t_vec.x[-100]", "IndexError: Vector[0].x"),
    case("Vector", "t_vec[10**20]", "IndexError: Vector[0]"),
    case("Vector", "t_vec.foo = 1", "AttributeError: 'hoc.Vector' object has no attribute"),
    case("Vector", "t_vec.indwhere('~', 3)", "RuntimeError: Invalid comparator"),
    case("Vector", "t_vec.indwhere('>', 'x')", "RuntimeError: bad stack access"),
    case("Vector", "h.Vector({'a': 1})", "RuntimeError: not a valid number"),
    case("Vector", "h.Vector().record(soma(0.5)._ref_v, float('inf'))",
         "RuntimeError: Arg out of range"),
    case("Vector", "v_soma.record(None)", "RuntimeError: Optional first arg is not a pointer"),
    case("Vector", "t_vec.record(t_vec)", "RuntimeError: Optional first arg is not a pointer"),
    case("Vector", "h.Vector().__setstate__((1, b'\\x00' * 8, 3, b'\\x00' * 8))",
         "ValueError: corrupt Vector pickle"),
    case("Vector", "pickle.loads(pickle.dumps(t_vec)[:-10])", "UnpicklingError: truncated"),
    # --- names and types -------------------------------------------------------------------
    case("names", "h.Foo", "AttributeError: 'hoc.HocObject' object has no attribute 'Foo'"),
    case("names", "h.Section(name=1.5)", "TypeError: argument 1 must be str, not float"),
    case("names", "h.psection(sec='soma')", "TypeError: sec must be a Section"),
    case("names", "h.area(0.5, sec='soma')", "TypeError: sec must be a Section"),
    case("names", "h.distance(soma(0.5), None)", "RuntimeError: takes two segments"),
    # --- tree -------------------------------------------------------------------------------
    case("tree", "soma.connect(dend(0.5))", "RuntimeError: A loop exists involving section soma"),
    case("tree", "a = h.Section(name='a'); b = h.Section(name='b'); c = h.Section(name='c'); "
         "b.connect(a(1)); c.connect(b(1)); a.connect(c(1))",
         "RuntimeError: A loop exists involving section a (a b c a)"),
    case("tree", "dend.connect(dend)", "RuntimeError: a connection will form loop"),
    case("tree", "dend.connect(soma, float('nan'))", "ValueError: out of range 0 <= parentx"),
    case("tree", "dend.connect(soma(1), None)", "TypeError: must be real number, not NoneType"),
    case("tree", "dend.connect(t_vec)", "TypeError: first arg not a nrn.Section"),
    # --- deleted sections still referenced -------------------------------------------------
    case("deleted", "h.delete_section(sec=dend); syn.tau", "TypeError: No value", after="runs"),
    case("deleted", "h.delete_section(sec=dend); syn.tau = 1", "TypeError: No value",
         after="runs"),
    case("deleted", "h.delete_section(sec=dend); syn.loc(dend(0.5))",
         "ReferenceError: can't access a deleted section", after="runs"),
    case("deleted", "h.delete_section(sec=dend); h.Vector().record(dend(0.5)._ref_v)",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "h.delete_section(sec=dend); h.NetCon(dend(0.5)._ref_v, None, sec=dend)",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "h.delete_section(sec=dend); soma.connect(dend(1))",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "h.delete_section(sec=dend); dend.insert('hh')",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "h.delete_section(sec=dend); dend.psection()",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "seg = dend(0.5); h.delete_section(sec=dend); seg.pas.g",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "seg = dend(0.5); h.delete_section(sec=dend); seg.v = 0",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "seg = dend(0.5); h.delete_section(sec=dend); h.ExpSyn(seg)",
         "RuntimeError: associated with deleted internal Section", after="runs"),
    case("deleted", "ref = dend(0.5)._ref_v; h.delete_section(sec=dend); ref[0] = 1",
         "ValueError: Invalid data_handle: can't access a deleted section", after="runs"),
    case("deleted", "ref = dend(0.5).pas._ref_g; h.delete_section(sec=dend); ref[0]",
         "ReferenceError: Invalid data_handle", after="runs"),
    case("deleted", "mech = dend(0.5).pas; h.delete_section(sec=dend); mech.g",
         "ReferenceError: deleted section", after="runs"),
    case("deleted", "h.delete_section(sec=dend); h.run(); nc.valid()", "ok", after="runs",
         ran=True),
    case("deleted", "h.delete_section(sec=soma); stim.amp = 1",
         "TypeError: No value: IClamp[0] is not located", after="runs"),
    case("deleted", "h.delete_section(sec=soma); h.run()", "ok", after="runs", ran=True),
    # --- pickles and files (neuronlite.io) ------------------------------------------------
    case("data", "pickle.dumps(soma(0.5).hh)", "TypeError: cannot pickle 'nrn.Mechanism'"),
    case("data", "pickle.dumps(nc)", "TypeError: Only Vector instance can be pickled"),
    case("data", "io.loads_pickle(EVIL_PICKLE)", "UnsafePickleError: builtins.print"),
    case("data", "io.save_csv('../escape.csv', {'v': v_soma}, directory=WORKDIR)",
         "ValueError: would land outside the directory"),
    case("data", "io.save_npz('/tmp/abs.npz', {'v': v_soma}, directory=WORKDIR)",
         "ValueError: is an absolute path"),
    case("data", "io.save_json('x.json', {'a/b': v_soma}, directory=WORKDIR)",
         "ValueError: must not contain '/'"),
    case("data", "io.save_npz('x.npz', {'v': [[1, 2]]}, directory=WORKDIR)",
         "ValueError: must be one-dimensional"),
    case("data", "io.load_csv(BAD_CSV)", "ValueError: is not a number"),
    case("data", "io.load_json(BAD_JSON)", "ValueError: has no \"vectors\" object"),
]

Row = namedtuple("Row", "category action behaviour test")

#: Panels (neuronlite_widgets); tests in tests/widgets/test_bad_widget_input.py.
WIDGET_ROWS = [
    Row("RunControl", "type `abc` in the tstop field", "error next to the field, tstop kept",
        "test_text_in_number_fields"),
    Row("RunControl", "type `nan`, `inf`, `1e999` in dt", "\"is not a finite number\", dt kept",
        "test_text_in_number_fields"),
    Row("RunControl", "type `-0.025` / `0` in dt", "\"dt must be > 0.\", dt kept",
        "test_text_in_number_fields"),
    Row("RunControl", "type `1e12` in tstop with recordings, then Init & Run",
        "RecordingTooLarge shown in the panel; plot and Vectors keep the last run",
        "test_huge_tstop_is_refused_before_the_run"),
    Row("RunControl", "`Continue til` with `inf` / `nan` in its box",
        "error in the panel, t unchanged", "test_continue_boxes_with_nonsense"),
    Row("RunControl", "Init & Run with h.celsius = 1e4", "instability error (time, segment, "
        "celsius) in the panel; plot keeps the last good trace", "test_unstable_run_in_panels"),
    Row("PointProcessManager", "drag a slider to its extremes (min, max, beyond max)",
        "value applied and simulated; the range grows", "test_slider_extremes"),
    Row("PointProcessManager", "browser sends `nan`/`inf`/text as a slider value",
        "error in the panel, parameter kept, no run", "test_browser_sends_nonsense"),
    Row("PointProcessManager", "set a synapse tau to -1 with the number box",
        "negative time constant refused by the run, error shown", "test_negative_tau_in_panel"),
    Row("SectionInspector", "type `abc`, `nan`, `-1`, `1e999` in L, diam, Ra, cm, nseg",
        "error next to the field, section unchanged", "test_inspector_fields_refuse_nonsense"),
    Row("SectionInspector", "type `2.5` in nseg", "NEURON's nseg message, nseg kept",
        "test_inspector_fields_refuse_nonsense"),
    Row("SectionInspector", "delete the inspected section", "panel says the section is "
        "deleted; edits refused; other panels keep working", "test_deleted_section_in_panels"),
    Row("PointProcessManager", "delete the synapse's section", "sliders refuse with "
        "\"not located\"; RunControl still runs", "test_deleted_section_in_panels"),
    Row("ShapePlot", "delete a section it draws", "redrawn without it",
        "test_deleted_section_in_panels"),
    Row("VoltagePlot", "plot a segment whose section is then deleted",
        "plot keeps the last trace and says why; other plots redraw", "test_deleted_section_in_panels"),
    Row("VoltagePlot", "CSV button with a name pointing outside the working directory",
        "refused with a message, nothing written", "test_csv_button_stays_in_directory"),
    Row("Explorer", "1000 slider moves in a burst", "one run with the last value, memory flat",
        "test_explorer_storm (test_interaction_storms.py)"),
]

#: Tutorial notebooks: what students do wrong in cells.
NOTEBOOK_ROWS = [
    Row("notebooks", "re-run the cell that creates `soma` (a second soma)",
        "the old soma is deleted with its last reference; old panels say so",
        "test_rerun_cell_makes_a_new_soma"),
    Row("notebooks", "`pickle.load` a file someone sent (notebook 6)",
        "`neuronlite.io.load_pickle` refuses anything but Vectors", "test_untrusted_pickle"),
    Row("notebooks", "save results to `../../somewhere.csv` with `directory=`",
        "refused: would land outside the directory", "test_saving_outside_the_folder"),
    Row("notebooks", "run `h.run()` before `h.load_file('stdrun.hoc')` (cells out of order)",
        "AttributeError naming `run`", "test_cells_out_of_order"),
]
