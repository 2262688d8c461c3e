"""Checks for the tutorial's exercises.

Each check looks at what the student made (a section, a Vector, a number they
typed) and returns a :class:`Feedback`: a string that says precisely what is
wrong ("the peak is -61.94 mV; a larger gmax should raise it") or confirms that
it is right.  A notebook shows it as plain text when it is the cell's last
expression.

Two rules keep the notebooks runnable top to bottom on a fresh kernel:

* an answer left as the placeholder ``None`` is not an error: the check says
  what to replace it with;
* no check raises.  Whatever the student passes (a string where a number was
  expected, a deleted section), the problem comes back as a message.

The generic checks (``check_peak``, ``check_inserted``, ...) work for any
model; ``check`` bundles the tutorial's own exercises by worksheet step::

    from neuronlite.exercises import check
    check.step3(soma)

Pure Python and numpy only: importing this module never imports ipywidgets,
and it reads the model through NEURON's public API (``sec.has_membrane``,
``sec.nseg``, ``seg.x``, Vectors as arrays), so it works with NEURON too.
"""

import functools
import math
import numbers

import numpy as np

__all__ = [
    "Feedback", "check",
    "check_value", "check_choice", "check_inserted", "check_geometry", "check_nseg",
    "check_parameters", "check_recording", "check_peak", "check_segment_centres",
    "check_same_values", "check_axis_labels",
]

#: Units shown after the usual NEURON quantities.
UNITS = {
    "L": "\u00b5m", "diam": "\u00b5m", "Ra": "\u03a9\u00b7cm", "cm": "\u00b5F/cm\u00b2",
    "nseg": "", "onset": "ms", "tau": "ms", "gmax": "\u00b5S", "e": "mV", "g": "S/cm\u00b2",
    "v": "mV", "t": "ms", "v_init": "mV", "dt": "ms", "tstop": "ms",
}


class Feedback(str):
    """The answer of a check: a message, and whether the exercise is done.

    ``passed`` is True (right), False (something to fix) or None (the answer
    is still the placeholder).  The text starts with a mark that says which.
    """

    MARKS = {True: "\u2714 ", False: "\u2718 ", None: "\u270e "}

    def __new__(cls, text, passed):
        self = super().__new__(cls, cls.MARKS[passed] + text)
        self.passed = passed
        return self

    def __repr__(self):
        # shown as the plain message (no quotes) when a cell ends with a check
        return str(self)


def _right(text):
    return Feedback(text, True)


def _wrong(text):
    return Feedback(text, False)


def _todo(text):
    return Feedback(text, None)


def _never_raises(check_function):
    """Turn any error inside a check into a message: a check must not stop a notebook."""
    @functools.wraps(check_function)
    def guarded(*args, **kwargs):
        try:
            return check_function(*args, **kwargs)
        except Exception as exc:  # deliberately broad: reported to the student, not hidden
            return _wrong("Could not check this: %s: %s. Read the exercise again and rerun "
                          "the cells above it." % (type(exc).__name__, exc))
    return guarded


# ----------------------------------------------------------------------- helpers

def _is_placeholder(answer):
    return answer is None or answer is Ellipsis


def _fmt(value, digits=4):
    """A number as a student would write it (up to ``digits`` significant digits)."""
    return "%.*g" % (digits, value)


def _with_unit(value, unit, digits=4):
    return "%s %s" % (_fmt(value, digits), unit) if unit else _fmt(value, digits)


def _as_number(answer):
    """float(answer), or None when the answer is not a single number (bools are not)."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, numbers.Real):
        return float(answer)
    if isinstance(answer, str):
        try:
            return float(answer.strip())
        except ValueError:
            return None
    return None


def _is_section(obj):
    return all(hasattr(obj, name) for name in ("nseg", "insert", "psection")) and callable(obj)


def _section_problem(sec, name):
    """A Feedback when ``sec`` is not a usable section, else None."""
    if _is_placeholder(sec):
        return _todo("Replace None with the section %s." % name)
    if not _is_section(sec):
        return _wrong("%s should be a section made with h.Section(name=...), but it is %r."
                      % (name, sec))
    try:
        sec.nseg  # noqa: B018  (a deleted section raises here)
    except ReferenceError:
        return _wrong("%s has been deleted; run the cell that creates it again." % name)
    return None


def _samples(vec):
    """The values of a Vector (or any sequence of numbers) as a float array."""
    return np.asarray(list(vec) if not hasattr(vec, "__array__") else vec, dtype=float)


def _is_vector_like(obj):
    return hasattr(obj, "__len__") and hasattr(obj, "__getitem__") and not isinstance(obj, str)


def _close(a, b, rel=1e-6, abs_tol=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


# ------------------------------------------------------------------- generic checks

@_never_raises
def check_value(answer, expected, what, unit="", rel=1e-3, abs_tol=0.0, hint=""):
    """Is ``answer`` the number ``expected`` (within ``rel``, or ``abs_tol``)?

    ``what`` names the quantity ("the soma's Ra"); ``hint`` says where to
    look when the answer is off.  Too large / too small is said, the
    expected value is not.
    """
    if _is_placeholder(answer):
        return _todo("Replace None with a number: %s%s." % (what, " in " + unit if unit else ""))
    value = _as_number(answer)
    if value is None:
        return _wrong("%r is not a number; %s is a number%s." % (answer, what,
                                                                  " in " + unit if unit else ""))
    expected = float(expected)
    if math.isclose(value, expected, rel_tol=rel, abs_tol=abs_tol):
        return _right("Right: %s is %s." % (what, _with_unit(expected, unit, 6)))
    direction = "too large" if value > expected else "too small"
    return _wrong("%s is %s for %s.%s" % (_with_unit(value, unit), direction, what,
                                          " " + hint if hint else ""))


@_never_raises
def check_choice(answer, expected, question, why="", wrong=None):
    """Is the word ``answer`` (case and quotes ignored) the ``expected`` one?

    ``wrong`` maps tempting wrong answers to the reason they are wrong.
    """
    if _is_placeholder(answer):
        return _todo("%s Replace None with the name, in quotes." % question)
    if not isinstance(answer, str):
        return _wrong("Give the answer as a string in quotes, e.g. %r, not %r." % ("name", answer))
    given = answer.strip().strip("'\"").strip()
    if given.lower() == str(expected).lower():
        return _right("Right: %s.%s" % (expected, " " + why if why else ""))
    reasons = {key.lower(): value for key, value in (wrong or {}).items()}
    if given.lower() in reasons:
        return _wrong("Not %r: %s" % (given, reasons[given.lower()]))
    return _wrong("%r is not it. %s" % (given, question))


@_never_raises
def check_inserted(sec, mechanism, name="soma"):
    """Does section ``sec`` have the density mechanism ``mechanism`` (e.g. "pas")?"""
    problem = _section_problem(sec, name)
    if problem:
        return problem
    if sec.has_membrane(mechanism):
        values = sec.psection().get("density_mechs", {}).get(mechanism, {})
        shown = ", ".join("%s_%s = %s" % (var, mechanism, _fmt(vals[0]))
                          for var, vals in values.items() if var != "i" and vals)
        return _right("Right: %s has %s%s." % (name, mechanism, " (%s)" % shown if shown else ""))
    present = sorted(sec.psection().get("density_mechs", {}))
    return _wrong("%s has no %s yet%s: run %s.insert(%r)." % (
        name, mechanism, " (it has %s)" % ", ".join(present) if present else "", name, mechanism))


@_never_raises
def check_geometry(sec, name="soma", rel=1e-6, **targets):
    """Do the section's L, diam, Ra, cm or nseg have the target values?

    Per-segment quantities (diam, cm) must hold in every segment.
    """
    problem = _section_problem(sec, name)
    if problem:
        return problem
    faults = []
    for quantity, target in targets.items():
        if quantity in ("diam", "cm"):
            values = [float(getattr(seg, quantity)) for seg in sec]
        else:
            values = [float(getattr(sec, quantity))]
        unit = UNITS.get(quantity, "")
        off = [v for v in values if not _close(v, float(target), rel)]
        if off:
            faults.append("%s.%s is %s; set it to %s" % (
                name, quantity, _with_unit(off[0], unit), _with_unit(target, unit)))
    if faults:
        return _wrong("; ".join(faults) + ".")
    return _right("Right: " + ", ".join("%s.%s = %s" % (name, q, _with_unit(t, UNITS.get(q, "")))
                                        for q, t in targets.items()) + ".")


@_never_raises
def check_nseg(sec, max_length, name="dend", odd=True):
    """Is ``sec`` cut into segments no longer than ``max_length`` (µm), with an odd nseg?"""
    problem = _section_problem(sec, name)
    if problem:
        return problem
    nseg, length = int(sec.nseg), float(sec.L)
    needed = max(1, math.ceil(length / max_length - 1e-9))
    if odd and needed % 2 == 0:
        needed += 1
    piece = length / nseg
    if piece > max_length * (1 + 1e-9):
        return _wrong("%s.nseg is %d, so each segment is %s \u00b5m long (more than %s \u00b5m); "
                      "%s.nseg must be at least %d." % (name, nseg, _fmt(piece), _fmt(max_length),
                                                        name, needed))
    if odd and nseg % 2 == 0:
        return _wrong("%s.nseg is %d, an even number: then %s(0.5) falls on a boundary between "
                      "two segments, not in the middle of one. Use %d." % (name, nseg, name,
                                                                           nseg + 1))
    return _right("Right: %s.nseg = %d gives segments of %s \u00b5m, centred at %s." % (
        name, nseg, _fmt(piece), ", ".join(_fmt(seg.x) for seg in sec)
        if nseg <= 7 else "%s(%s) ... %s(%s)" % (name, _fmt((0.5) / nseg), name,
                                                 _fmt((nseg - 0.5) / nseg))))


@_never_raises
def check_parameters(obj, name="asyn", rel=1e-6, **targets):
    """Do the attributes of ``obj`` (a point process, a mechanism) have the target values?"""
    if _is_placeholder(obj):
        return _todo("Replace None with %s." % name)
    faults = []
    for attribute, target in targets.items():
        if not hasattr(obj, attribute):
            return _wrong("%s has no attribute %r: is it the right object?" % (name, attribute))
        value = float(getattr(obj, attribute))
        unit = UNITS.get(attribute, "")
        if not _close(value, float(target), rel):
            faults.append("%s.%s is %s; set it to %s" % (name, attribute, _with_unit(value, unit),
                                                          _with_unit(target, unit)))
    if faults:
        return _wrong("; ".join(faults) + ".")
    return _right("Right: " + ", ".join("%s.%s = %s" % (name, a, _with_unit(t, UNITS.get(a, "")))
                                        for a, t in targets.items()) + ".")


@_never_raises
def check_recording(vec, t_vec, name="v_vec", source="soma(0.5)._ref_v"):
    """Did ``vec`` record something during the last run, one sample per entry of ``t_vec``?"""
    if _is_placeholder(vec):
        return _todo("Replace None with a Vector that records %s, then run h.run()." % source)
    if not (_is_vector_like(vec) and hasattr(vec, "record")):
        return _wrong("%s should be a Vector (h.Vector()), but it is %r." % (name, vec))
    n, n_t = len(vec), len(t_vec)
    if n == 0:
        return _wrong("%s is empty: call %s.record(%s), then h.run()." % (name, name, source))
    if n != n_t:
        return _wrong("%s has %d samples but t_vec has %d: record both before the same h.run()."
                      % (name, n, n_t))
    values = _samples(vec)
    if not np.all(np.isfinite(values)):
        return _wrong("%s contains values that are not finite numbers." % name)
    return _right("Right: %s holds %d samples, from %s to %s." % (
        name, n, _fmt(values.min()), _fmt(values.max())))


@_never_raises
def check_peak(v_vec, at_least=None, at_most=None, near=None, tolerance=0.5, knob="gmax",
               name="v_vec", unit="mV"):
    """Is the largest value of ``v_vec`` above ``at_least``, below ``at_most`` or near ``near``?

    The message names the ``knob`` (a parameter) that moves the peak the
    right way: "the peak is -61.94 mV; a larger gmax should raise it".
    """
    if _is_placeholder(v_vec):
        return _todo("Replace None with the Vector that recorded the voltage (v_vec).")
    if not _is_vector_like(v_vec):
        return _wrong("%s should be a Vector of recorded values, but it is %r." % (name, v_vec))
    if len(v_vec) == 0:
        return _wrong("%s is empty: record into it (%s.record(soma(0.5)._ref_v)) and run "
                      "h.run()." % (name, name))
    peak = float(np.max(_samples(v_vec)))
    shown = "%.2f %s" % (peak, unit)
    if near is not None and abs(peak - near) > tolerance:
        raise_it = peak < near
        return _wrong("The peak is %s, %.2f %s %s %s; a %s %s should %s it." % (
            shown, abs(peak - near), unit, "below" if raise_it else "above",
            _with_unit(near, unit), "larger" if raise_it else "smaller", knob,
            "raise" if raise_it else "lower"))
    if at_least is not None and peak < at_least:
        return _wrong("The peak is %s, below %s; a larger %s should raise it." % (
            shown, _with_unit(at_least, unit), knob))
    if at_most is not None and peak > at_most:
        return _wrong("The peak is %s, above %s; a smaller %s should lower it." % (
            shown, _with_unit(at_most, unit), knob))
    return _right("Right: the peak is %s." % shown)


@_never_raises
def check_segment_centres(answer, nseg):
    """Are the numbers in ``answer`` the centres (x) of the segments of a section with ``nseg``?"""
    if _is_placeholder(answer):
        return _todo("Replace None with a list of %d numbers between 0 and 1, e.g. [0.1, ...]."
                     % nseg)
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return _wrong("Give a list of numbers in square brackets, not %r." % (answer,))
    values = [_as_number(x) for x in answer]
    if any(v is None for v in values):
        return _wrong("Every item must be a number between 0 and 1.")
    expected = [(i + 0.5) / nseg for i in range(nseg)]
    if len(values) != nseg:
        return _wrong("With nseg = %d there are %d segments, so %d centres; you gave %d." % (
            nseg, nseg, nseg, len(values)))
    for got, want in zip(sorted(values), expected):
        if not _close(got, want, 1e-6, 1e-9):
            return _wrong("%s is not a centre. The %d segments are equally long pieces of the "
                          "section; each centre is halfway along its piece." % (_fmt(got), nseg))
    return _right("Right: the centres are %s, and %s is the middle one." % (
        ", ".join(_fmt(x) for x in expected), _fmt(expected[nseg // 2])))


@_never_raises
def check_same_values(restored, original, name="restored"):
    """Does ``restored`` hold the same numbers as ``original`` (a Vector, list or array)?"""
    if _is_placeholder(restored):
        return _todo("Replace None with the values you loaded back from the file.")
    if not _is_vector_like(restored):
        return _wrong("%s should be a sequence of numbers, but it is %r." % (name, restored))
    got, want = _samples(restored), _samples(original)
    if got.shape != want.shape:
        return _wrong("%s has %d values, the original %d." % (name, got.size, want.size))
    if got.size == 0:
        return _wrong("Both are empty: run the simulation before saving.")
    differs = np.flatnonzero(got != want)
    if differs.size:
        i = int(differs[0])
        worst = float(np.max(np.abs(got - want)))
        return _wrong("%s differs from the original at %d of %d places (first at index %d: "
                      "%r instead of %r; largest difference %.3g). Text formats must be "
                      "written with enough digits (17 significant digits keep a float exact)."
                      % (name, differs.size, got.size, i, float(got[i]), float(want[i]), worst))
    return _right("Right: %s holds the same %d values, bit for bit." % (name, got.size))


@_never_raises
def check_axis_labels(ax, x_unit="ms", y_unit="mV"):
    """Do the matplotlib axes ``ax`` carry labels that name the units?"""
    if _is_placeholder(ax):
        return _todo("Replace None with the axes of your figure (pyplot.gca()).")
    if not (hasattr(ax, "get_xlabel") and hasattr(ax, "get_ylabel")):
        return _wrong("Pass matplotlib axes (pyplot.gca()), not %r." % (ax,))
    faults = []
    for axis, label, unit in (("x", ax.get_xlabel(), x_unit), ("y", ax.get_ylabel(), y_unit)):
        if not label.strip():
            faults.append("the %s axis has no label: pyplot.%slabel('... (%s)')" % (axis, axis,
                                                                                    unit))
        elif unit and unit not in label:
            faults.append("the %s label %r does not name the unit %s" % (axis, label, unit))
    if faults:
        return _wrong("; ".join(faults) + ".")
    return _right("Right: the axes say %r and %r." % (ax.get_xlabel(), ax.get_ylabel()))


# --------------------------------------------------------------- the tutorial's exercises

class TutorialChecks:
    """The tutorial's exercises, named after the worksheet's steps and asides.

    Each method fixes the values an exercise asks for and calls a generic
    check above, so the notebooks hold the questions and this class the answers.
    """

    # Step 2 and its asides
    @staticmethod
    def step2(soma):
        """A section called soma exists."""
        problem = _section_problem(soma, "soma")
        if problem:
            return problem
        if soma.name() != "soma":
            return _wrong("The section is called %r; create it with h.Section(name='soma')."
                          % soma.name())
        return _right("Right: soma is a section with nseg = %d, L = %s \u00b5m." % (
            soma.nseg, _fmt(soma.L)))

    @staticmethod
    def aside1(ra):
        """The axial resistivity read off psection()."""
        return check_value(ra, 35.4, "the soma's axial resistivity Ra", "\u03a9\u00b7cm",
                           hint="psection() prints it on the first line, after nseg and L.")

    @staticmethod
    def aside2(method_name):
        """The method of a section that attaches it to another."""
        return check_choice(
            method_name, "connect", "Which name in dir(soma) attaches soma to another section?",
            why="help(soma.connect) below explains its arguments.",
            wrong={"insert": "insert adds a mechanism to the membrane, not a section.",
                   "children": "children lists the sections already attached to soma.",
                   "disconnect": "disconnect undoes what the method you are looking for does.",
                   "parentseg": "parentseg tells where soma is attached, it does not attach."})

    @staticmethod
    def step2_geometry(soma):
        """The soma made 20 µm long and 20 µm wide."""
        return check_geometry(soma, "soma", L=20, diam=20)

    # Mechanisms, Step 3 and its asides
    @staticmethod
    def mechanism_choice(name):
        """The built-in mechanism that can make a spike."""
        return check_choice(
            name, "hh", "Which of pas, hh and extracellular can make an action potential?",
            why="Its voltage-gated sodium and potassium channels open and close with v.",
            wrong={"pas": "a passive leak has a fixed conductance, so v only relaxes to e_pas.",
                   "extracellular": "it adds layers outside the membrane (the potential there), "
                                    "no ion channels."})

    @staticmethod
    def step3(soma):
        """pas inserted in the soma."""
        return check_inserted(soma, "pas", "soma")

    @staticmethod
    def aside4(centres):
        """The segment centres of a section with nseg = 5."""
        return check_segment_centres(centres, 5)

    @staticmethod
    def nseg(dend):
        """The dendrite cut into segments of at most 100 µm, nseg odd."""
        return check_nseg(dend, 100, "dend")

    @staticmethod
    def aside5(soma):
        """The leak conductance of soma's middle segment halved."""
        problem = check_inserted(soma, "pas", "soma")
        if problem.passed is not True:
            return problem
        return check_parameters(soma(0.5).pas, "soma(0.5).pas", g=0.0005)

    # Step 4
    @staticmethod
    def step4(asyn):
        """The worksheet's synapse: onset 20 ms, gmax 1 µS."""
        return check_parameters(asyn, "asyn", onset=20, gmax=1)

    @staticmethod
    def alpha_peak_time(answer, asyn):
        """When the synapse's conductance is largest: onset + tau."""
        if _is_placeholder(asyn):
            return _todo("Replace None with asyn.")
        expected = float(asyn.onset) + float(asyn.tau)
        return check_value(answer, expected, "the time of the conductance peak", "ms",
                           rel=1e-6, abs_tol=1e-9,
                           hint="The alpha function rises from onset and peaks one tau later.")

    @staticmethod
    def inhibitory(asyn, rest=-70.0):
        """A synapse whose reversal potential lies below rest."""
        if _is_placeholder(asyn):
            return _todo("Replace None with asyn.")
        e = float(asyn.e)
        if e >= rest:
            return _wrong("asyn.e is %s, above the rest potential (%s): opening the synapse "
                          "pulls v up. Set asyn.e below %s (the e slider or asyn.e = ...)."
                          % (_with_unit(e, "mV"), _with_unit(rest, "mV"), _with_unit(rest, "mV")))
        return _right("Right: with e = %s the synapse pulls v down, towards %s." % (
            _with_unit(e, "mV"), _with_unit(e, "mV")))

    # Steps 5 and 6
    @staticmethod
    def step5(v_vec, t_vec):
        """v_vec recorded the soma's voltage during the last run."""
        return check_recording(v_vec, t_vec, "v_vec", "soma(0.5)._ref_v")

    @staticmethod
    def synaptic_current(i_vec, t_vec):
        """i_vec recorded the synapse's current."""
        return check_recording(i_vec, t_vec, "i_vec", "asyn._ref_i")

    @staticmethod
    def step6(v_vec):
        """The soma's peak raised to -50 mV or more."""
        return check_peak(v_vec, at_least=-50.0, knob="gmax")

    # Step 7
    @staticmethod
    def step7_axes(ax):
        """The figure's axes labelled with units."""
        return check_axis_labels(ax, "ms", "mV")

    @staticmethod
    def step7_target(v_vec):
        """The soma's peak brought to -55 mV (within 0.5 mV)."""
        return check_peak(v_vec, near=-55.0, tolerance=0.5, knob="gmax")

    # Step 8
    @staticmethod
    def step8(restored_t, restored_v, t_vec, v_vec):
        """Both Vectors read back unchanged from a safe format."""
        for restored, original, name in ((restored_t, t_vec, "restored_t"),
                                         (restored_v, v_vec, "restored_v")):
            feedback = check_same_values(restored, original, name)
            if feedback.passed is not True:
                return feedback
        return _right("Right: t and v came back unchanged (%d samples each)." % len(t_vec))

    # The explorer
    @staticmethod
    def spike(v_vec, soma=None):
        """An action potential: v above 0 mV (which needs hh in the soma)."""
        if soma is not None:
            problem = _section_problem(soma, "soma")
            if problem:
                return problem
            if not soma.has_membrane("hh"):
                return _wrong("The soma has no hh. With only a leak, the synapse can pull v "
                              "towards its e (0 mV) but never past it. Set membrane = \"hh\" "
                              "in the cell above and run it.")
        return check_peak(v_vec, at_least=0.0, knob="gmax")

    #: Smallest gmax (µS) that makes the worksheet's soma with hh (instead of pas) fire, found
    #: by bisection in neuronlite and in NEURON 9.0.2 (both 0.62129 µS).
    HH_THRESHOLD = 0.62129
    #: What that threshold assumes, as (description, read the value, expected value).
    HH_THRESHOLD_SETTINGS = (
        ("asyn.tau", lambda soma, asyn, h: asyn.tau, 0.1),
        ("asyn.e", lambda soma, asyn, h: asyn.e, 0.0),
        ("asyn.onset", lambda soma, asyn, h: asyn.onset, 20.0),
        ("h.v_init", lambda soma, asyn, h: h.v_init, -65.0),
        ("h.dt", lambda soma, asyn, h: h.dt, 0.025),
        ("soma.nseg", lambda soma, asyn, h: soma.nseg, 1),
        ("soma.L", lambda soma, asyn, h: soma.L, 100.0),
        ("soma.diam", lambda soma, asyn, h: soma(0.5).diam, 500.0),
        ("soma.cm", lambda soma, asyn, h: soma(0.5).cm, 1.0),
    )

    @staticmethod
    def threshold(answer, soma, asyn):
        """The smallest gmax that makes the hh soma fire, to two decimals."""
        problem = _section_problem(soma, "soma")
        if problem:
            return problem
        # Until the answer is given, an unmet condition is a to-do, not a mistake.
        unmet = _todo if _is_placeholder(answer) else _wrong
        if not soma.has_membrane("hh") or soma.has_membrane("pas"):
            return unmet("This question is about the soma with hh instead of pas: set "
                         "membrane = \"hh\" in the cell above and run it.")
        from neuronlite import h
        for what, read, expected in TutorialChecks.HH_THRESHOLD_SETTINGS:
            value = float(read(soma, asyn, h))
            if not _close(value, expected, 1e-9, 1e-12):
                unit = UNITS.get(what.split(".")[-1], "")
                return unmet("The question assumes the worksheet's %s = %s, but it is %s now: "
                             "put it back first." % (what, _with_unit(expected, unit),
                                                     _with_unit(value, unit)))
        if _is_placeholder(answer):
            return _todo("Replace None with the smallest gmax (in \u00b5S, two decimals) "
                         "that still makes the soma fire.")
        value = _as_number(answer)
        if value is None:
            return _wrong("%r is not a number; give gmax in \u00b5S, e.g. 0.25." % (answer,))
        low = math.floor(TutorialChecks.HH_THRESHOLD * 100) / 100
        high = math.ceil(TutorialChecks.HH_THRESHOLD * 100) / 100
        if value < low - 1e-9:
            return _wrong("With gmax = %s the soma stays below 0 mV: the smallest gmax that "
                          "fires is larger." % _with_unit(value, "\u00b5S"))
        if value > high + 1e-9:
            return _wrong("gmax = %s makes a spike, but so does a smaller gmax: go lower."
                          % _with_unit(value, "\u00b5S"))
        return _right("Right: the threshold lies between %s and %s \u00b5S (%.4f \u00b5S). Below "
                      "it, the synapse does not open enough sodium channels to outrun the "
                      "potassium and leak currents, and v falls back." % (_fmt(low), _fmt(high),
                                                       TutorialChecks.HH_THRESHOLD))


# Every tutorial check is guarded too (a method may call several generic checks).
for _name, _member in list(vars(TutorialChecks).items()):
    if isinstance(_member, staticmethod):
        setattr(TutorialChecks, _name, staticmethod(_never_raises(_member.__func__)))
del _name, _member

#: The tutorial's checks: ``check.step3(soma)``.
check = TutorialChecks()
