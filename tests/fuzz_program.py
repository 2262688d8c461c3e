"""Random model-building programs for property-based testing (tests/test_fuzz.py, tests/soak.py).

A program is a list of abstract operations drawn by Hypothesis (create,
connect, insert, set, record, run, continue, delete, nseg changes, synapses,
and deliberately bad inputs).  ``render`` turns it into one Python script that
runs unchanged on NEURON (``from neuron import h``) and on neuronlite: a
shadow of the model decides which operations are valid (indices resolve to
live sections, connections that would close a loop are bad ones, ...).

Bad operations are wrapped so that a documented exception is accepted and the
model is put back as it was (``restore``); valid programs contain none and are
the ones compared with NEURON.  The script ends by collecting every Vector
that still records a live section into ``RESULT`` (name -> list of floats).
fuzz_run.py runs scripts on both simulators and compares.
"""
import math
from dataclasses import dataclass, field

from hypothesis import strategies as st

#: What neuronlite may raise for bad input (docs/BAD_INPUT.md); anything else is a bug.
DOCUMENTED = (ValueError, TypeError, RuntimeError, ArithmeticError, MemoryError,
              ReferenceError, AttributeError, LookupError)
#: Subclasses of the above that only a bug would raise.
UNDOCUMENTED = (KeyError, ZeroDivisionError, OverflowError, UnboundLocalError)

PARAMS = {"pas": {"g": (1e-5, 2e-3), "e": (-80.0, -50.0)},
          "hh": {"gnabar": (0.0, 0.2), "gkbar": (0.0, 0.05), "gl": (0.0, 1e-3),
                 "el": (-70.0, -50.0)}}
GEOMETRY = {"L": (1.0, 300.0), "diam": (0.2, 30.0), "Ra": (30.0, 300.0), "cm": (0.5, 2.0)}
BAD_NUMBERS = ["float('nan')", "float('inf')", "-float('inf')", "-1.0", "0.0", "'x'", "None",
               "1e308", "-1e-300"]
DTS = (0.025, 0.05, 0.1)

index = st.integers(0, 40)
position = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0])


def number(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


VALID_OPS = st.one_of(
    st.tuples(st.just("create"), number(5, 300), number(0.5, 30), st.integers(1, 7),
              st.sampled_from(["pas", "hh", "pas", None])),
    st.tuples(st.just("connect"), index, index, position),
    st.tuples(st.just("insert"), index, st.sampled_from(["pas", "hh"])),
    st.tuples(st.just("uninsert"), index, st.sampled_from(["pas", "hh"])),
    st.tuples(st.just("geometry"), index, st.sampled_from(sorted(GEOMETRY)), st.floats(0, 1)),
    st.tuples(st.just("nseg"), index, st.integers(1, 9)),
    st.tuples(st.just("param"), index, st.sampled_from(["pas", "hh"]), index, st.floats(0, 1)),
    st.tuples(st.just("iclamp"), index, position, number(0, 3), number(0, 3), number(-0.3, 1)),
    st.tuples(st.just("synapse"), index, position, number(0.2, 5), number(0, 3),
              st.integers(0, 4), number(0.5, 4), number(0, 0.05), number(0.1, 2)),
    st.tuples(st.just("spike_link"), index, position, index, position, number(0, 0.02)),
    st.tuples(st.just("record"), index, position, st.sampled_from([None, None, 0.1, 0.5])),
    st.tuples(st.just("point"), index, position,
              st.sampled_from(["AlphaSynapse", "Exp2Syn", "SEClamp"]), number(0, 1)),
    st.tuples(st.just("set_v"), index, position, number(-90, 20)),
    st.tuples(st.just("fadvance"), st.integers(1, 30)),
    st.tuples(st.just("pt3d"), index, number(1, 50), number(0.5, 5)),
    st.tuples(st.just("disconnect"), index),
    st.tuples(st.just("run"), st.sampled_from([1.0, 2.0, 5.0, 8.0]), st.sampled_from(DTS)),
    st.tuples(st.just("continue"), st.sampled_from([0.5, 1.0, 3.0])),
    st.tuples(st.just("delete"), index),
)

BAD_OPS = st.one_of(
    st.tuples(st.just("bad_geometry"), index, st.sampled_from(sorted(GEOMETRY) + ["nseg"]),
              st.sampled_from(BAD_NUMBERS)),
    st.tuples(st.just("bad_param"), index, st.sampled_from(["pas", "hh"]), index,
              st.sampled_from(BAD_NUMBERS)),
    st.tuples(st.just("bad_position"), index, st.sampled_from(["1.5", "-0.1", "float('nan')"])),
    st.tuples(st.just("bad_loop"), index, index),
    st.tuples(st.just("bad_global"), st.sampled_from(["dt", "tstop", "celsius", "v_init",
                                                      "steps_per_ms"]),
              st.sampled_from(BAD_NUMBERS + ["1e12", "1e-12", "1e4"])),
    st.tuples(st.just("bad_deleted"), index),
    st.tuples(st.just("bad_netcon"), st.sampled_from(["delay", "weight[0]", "threshold"]),
              st.sampled_from(BAD_NUMBERS)),
)

#: Valid, but compared with NEURON only through tests/test_cvode.py's tolerances.
CVODE_OPS = st.tuples(st.just("cvode"), st.booleans())

CREATE = VALID_OPS.branches[0]


def _program(ops):
    """A few sections first (most operations need one), then the operations, then a run."""
    return st.builds(lambda first, rest, run: first + rest + [run],
                     st.lists(CREATE, min_size=1, max_size=4),
                     st.lists(ops, min_size=1, max_size=30),
                     st.tuples(st.just("run"), st.sampled_from([2.0, 5.0]),
                               st.sampled_from(DTS)))


valid_programs = _program(VALID_OPS)
any_programs = _program(st.one_of(VALID_OPS, VALID_OPS, BAD_OPS, CVODE_OPS))


@dataclass
class Shadow:
    """What the script has built so far, as far as validity is concerned."""
    sections: list = field(default_factory=list)   # dicts: alive, parent, mechs, values
    vectors: list = field(default_factory=list)    # (section index or None, Dt)
    synapses: int = 0
    netcons: int = 0
    ran: bool = False
    # NEURON hangs a t recording on a node of the section accessed when it was made
    # (section 0 here) and silently drops it when an nseg change or a deletion takes
    # that node away (which node: see test_fuzz.py); neuronlite keeps it, so t is
    # compared only while section 0 keeps its nseg
    t_kept: bool = True

    def alive(self):
        return [k for k, s in enumerate(self.sections) if s["alive"]]

    def pick(self, i):
        live = self.alive()
        return live[i % len(live)] if live else None

    def ancestors(self, k):
        seen = []
        while k is not None:
            seen.append(k)
            k = self.sections[k]["parent"]
        return seen


@dataclass
class Program:
    text: str
    valid: bool
    bad_ops: int
    # CVode's own step times differ from SUNDIALS' (tests/test_cvode.py compares them
    # with its tolerances), so programs that switch it on are not compared sample by sample
    comparable: bool = True


def _bad(code, restore=""):
    """A bad operation: a documented exception (or none) is fine; the model goes back."""
    body = "\n".join("    " + line for line in code.split("\n"))
    return ("try:\n%s\nexcept DOCUMENTED as exc:\n    check_documented(exc)\n"
            "finally:\n    %s\n    check_finite()\n" % (body, restore or "pass"))


def _scaled(low, high, u):
    return low + (high - low) * u


def render(ops):
    """The script for ``ops`` (see the module docstring)."""
    shadow = Shadow()
    # t is recorded from the first section on (before it NEURON has nowhere to record)
    lines = ["h.load_file('stdrun.hoc')", "secs, syns, stims, ncs, vecs = [], [], [], [], []",
             "t_vec = h.Vector()"]
    bad = 0
    cvode = False
    for op in ops:
        code = _render_op(op, shadow)
        if code is None:
            continue
        if op[0].startswith("bad_"):
            bad += 1
        cvode = cvode or op[0] == "cvode"
        lines.append(code)
    names = ["'t': t_vec"] * s_t_kept(shadow) + ["'v%d': vecs[%d]" % (n, n) for n, (k, _) in
                              enumerate(shadow.vectors)
                              if k is not None and shadow.sections[k]["alive"]]
    lines.append("RESULT = {k: list(v) for k, v in {%s}.items()}" % ", ".join(names))
    return Program("\n".join(lines) + "\n", bad == 0, bad, bad == 0 and not cvode)


def s_t_kept(shadow):
    return int(shadow.t_kept and bool(shadow.sections))


def _render_op(op, s):
    kind = op[0]
    if kind == "create":
        _, length, diam, nseg, mech = op
        k = len(s.sections)
        s.sections.append({"alive": True, "parent": None, "mechs": {mech} - {None},
                           "values": {"L": length, "diam": diam, "Ra": 35.4, "cm": 1.0},
                           "nseg": nseg, "points": 0})
        insert = "; secs[-1].insert(%r)" % mech if mech else ""
        if k == 0:
            insert += "; t_vec.record(h._ref_t)"
        return ("secs.append(h.Section(name='s%d')); secs[-1].L = %r; secs[-1].diam = %r; "
                "secs[-1].nseg = %d%s" % (k, length, diam, nseg, insert))
    if kind.startswith("bad_"):
        return _render_bad(op, s)
    if not s.alive():
        return None
    if kind == "connect":
        child, parent = s.pick(op[1]), s.pick(op[2])
        if child == parent or child in s.ancestors(parent):
            return None     # would close a loop: that is bad_loop's business
        s.sections[child]["parent"] = parent
        return "secs[%d].connect(secs[%d](%r))" % (child, parent, op[3])
    k = s.pick(op[1]) if kind not in ("run", "continue", "fadvance", "cvode") else None
    sec = s.sections[k] if k is not None else None
    if kind == "insert":
        sec["mechs"].add(op[2])
        return "secs[%d].insert(%r)" % (k, op[2])
    if kind == "uninsert":
        sec["mechs"].discard(op[2])
        return "secs[%d].uninsert(%r)" % (k, op[2])
    if kind == "geometry":
        value = _scaled(*GEOMETRY[op[2]], op[3])
        sec["values"][op[2]] = value
        return "secs[%d].%s = %r" % (k, op[2], value)
    if kind == "nseg":
        if k == 0 and op[2] != sec["nseg"]:
            s.t_kept = False
        sec["nseg"] = op[2]
        return "secs[%d].nseg = %d" % (k, op[2])
    if kind == "param":
        mech = op[2]
        if mech not in sec["mechs"]:
            return None
        names = sorted(PARAMS[mech])
        name = names[op[3] % len(names)]
        return "for seg in secs[%d]: seg.%s.%s = %r" % (k, mech, name,
                                                        _scaled(*PARAMS[mech][name], op[4]))
    if kind == "iclamp":
        sec["points"] += 1
        return ("stims.append(h.IClamp(secs[%d](%r))); stims[-1].delay = %r; "
                "stims[-1].dur = %r; stims[-1].amp = %r" % (k, op[2], op[3], op[4], op[5]))
    if kind == "synapse":
        _, _, x, tau, start, number_, interval, weight, delay = op
        sec["points"] += 1
        s.synapses += 1
        s.netcons += 1
        return ("syns.append(h.ExpSyn(secs[%d](%r))); syns[-1].tau = %r\n"
                "ns = h.NetStim(); ns.start = %r; ns.number = %d; ns.interval = %r\n"
                "ncs.append(h.NetCon(ns, syns[-1])); ncs[-1].weight[0] = %r; ncs[-1].delay = %r"
                % (k, x, tau, start, number_, interval, weight, delay))
    if kind == "spike_link":
        target = s.pick(op[3])
        if not s.synapses or s.sections[target]["points"] == 0:
            return None
        s.sections[k]["points"] += 1   # the NetCon watches this section: no deleting it
        s.netcons += 1
        return ("ncs.append(h.NetCon(secs[%d](%r)._ref_v, syns[-1], -20, 1, %r, sec=secs[%d]))"
                % (k, op[2], op[5], k))
    if kind == "point":
        _, _, x, name, u = op
        sec["points"] += 1
        setting = {"AlphaSynapse": "onset = %r; stims[-1].gmax = 0.05" % (3 * u),
                   "Exp2Syn": "tau2 = %r" % (1 + 4 * u),
                   "SEClamp": "dur1 = %r; stims[-1].amp1 = -50; stims[-1].rs = 1" % (2 * u)}
        return "stims.append(h.%s(secs[%d](%r))); stims[-1].%s" % (name, k, x, setting[name])
    if kind == "set_v":
        return "secs[%d](%r).v = %r" % (k, op[2], op[3])
    if kind == "fadvance":
        if not s.ran:
            return None
        return "for _ in range(%d): h.fadvance()\ncheck_finite()" % op[1]
    if kind == "pt3d":
        # two points at a time (a single one is refused, see docs/BAD_INPUT.md); 3-D
        # points set L from their arc length
        sec["points3d"] = sec.get("points3d", 0) + 2
        n = sec["points3d"]
        sec["values"]["L"] = None
        return ("secs[%d].pt3dadd(%r, 0, 0, %r); secs[%d].pt3dadd(%r, 0, 0, %r)"
                % (k, op[2] * (n - 1), op[3], k, op[2] * n, op[3]))
    if kind == "disconnect":
        sec["parent"] = None
        return "h.disconnect(sec=secs[%d])" % k
    if kind == "cvode":
        return "h.cvode_active(%d)" % op[1]
    if kind == "record":
        s.vectors.append((k, op[3]))
        dt = "" if op[3] is None else ", %r" % op[3]
        return "vecs.append(h.Vector().record(secs[%d](%r)._ref_v%s))" % (k, op[2], dt)
    if kind == "run":
        s.ran = True
        return ("h.dt = %r; h.steps_per_ms = %r; h.tstop = %r; h.run(); check_finite()"
                % (op[2], 1.0 / op[2], op[1]))
    if kind == "continue":
        if not s.ran:
            return None
        return "h.continuerun(h.t + %r); check_finite()" % op[1]
    if kind == "delete":
        if sec["points"]:
            return None     # NEURON crashes on point processes of deleted sections
        sec["alive"] = False
        s.t_kept = s.t_kept and k != 0
        for other in s.sections:
            if other["parent"] == k:
                other["parent"] = None
        return "h.delete_section(sec=secs[%d])" % k
    raise ValueError(kind)


def _render_bad(op, s):
    kind = op[0]
    if kind == "bad_global":
        name, value = op[1], op[2]
        previous = {"dt": "h.dt = 0.025; h.steps_per_ms = 40", "tstop": "h.tstop = 5",
                    "celsius": "h.celsius = 6.3", "v_init": "h.v_init = -65",
                    "steps_per_ms": "h.steps_per_ms = 40; h.dt = 0.025"}[name]
        return _bad("h.%s = %s\nh.run()" % (name, value), previous)
    if kind == "bad_netcon":
        if not s.netcons:
            return None
        return _bad("ncs[-1].%s = %s\nh.run()" % (op[1], op[2]),
                    "ncs[-1].delay = 1.0; ncs[-1].weight[0] = 0.01; ncs[-1].threshold = -20")
    k = s.pick(op[1])
    if kind == "bad_deleted":
        dead = [j for j, sec in enumerate(s.sections) if not sec["alive"]]
        if not dead:
            return None
        j = dead[op[1] % len(dead)]
        return _bad("secs[%d].L = 10\nsecs[%d](0.5).v\nsecs[%d].insert('pas')" % (j, j, j))
    if k is None:
        return None
    sec = s.sections[k]
    if kind == "bad_geometry":
        name, value = op[2], op[3]
        restore = ("secs[%d].nseg = %d" % (k, sec["nseg"]) if name == "nseg" else
                   "secs[%d].%s = %r" % (k, name, sec["values"][name])
                   if sec["values"][name] is not None else "")
        return _bad("secs[%d].%s = %s\nh.run()" % (k, name, value), restore)
    if kind == "bad_param":
        names = sorted(PARAMS[op[2]])
        name = names[op[3] % len(names)]
        default = {"g": 0.001, "e": -70.0, "gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003,
                   "el": -54.3}[name]
        # the shadow does not follow parameter values: put the default back everywhere
        restore = ("for seg in secs[%d]:\n        if hasattr(seg, %r): seg.%s.%s = %r"
                   % (k, op[2], op[2], name, default)) if op[2] in sec["mechs"] else ""
        return _bad("for seg in secs[%d]: seg.%s.%s = %s\nh.run()" % (k, op[2], name, op[4]),
                    restore)
    if kind == "bad_position":
        return _bad("h.IClamp(secs[%d](%s))" % (k, op[2]))
    if kind == "bad_loop":
        parent = s.pick(op[2])
        if k != parent and k not in s.ancestors(parent):
            # connect the other way round: only that closes a loop
            k, parent = parent, k
            if k not in s.ancestors(parent) and k != parent:
                return None
        return _bad("secs[%d].connect(secs[%d](0.5))" % (k, parent))
    raise ValueError(kind)
