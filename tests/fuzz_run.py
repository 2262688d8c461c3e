"""Running the programs of fuzz_program.py on neuronlite and on NEURON, and comparing.

The same script text runs on both after PROLOGUE (helpers the bad operations
and the runs call): ``check_documented`` accepts an exception only if it is a
documented one with a message, ``check_finite`` fails on NaN/inf in a Vector.
"""
import math

from fuzz_program import DOCUMENTED, UNDOCUMENTED

#: Exception type names raised by the bad operations of the last run_neuronlite.
last_raised = []

PROLOGUE = '''\
import math
RAISED = []
def check_documented(exc):
    assert not isinstance(exc, UNDOCUMENTED) and str(exc), repr(exc)
    RAISED.append(type(exc).__name__)
def check_finite():
    for vec in [t_vec] + vecs:
        assert all(math.isfinite(x) for x in vec), "silent NaN/inf in a Vector"
'''


def run_neuronlite(program, max_abs_v=None):
    """Execute on neuronlite from a fresh state; returns RESULT (raises on broken invariants).

    ``max_abs_v``: the range limit to use (comparisons with NEURON lift it: NEURON
    happily computes 12 V in a leak-free compartment, and so may neuronlite then).
    """
    import contextlib
    import io
    import neuronlite
    from neuronlite import h, settings
    neuronlite._reset()
    if max_abs_v is not None:
        settings.max_abs_v = max_abs_v
    namespace = {"h": h, "DOCUMENTED": DOCUMENTED, "UNDOCUMENTED": UNDOCUMENTED, "math": math}
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        exec(PROLOGUE + program.text, namespace)
        last_raised[:] = namespace["RAISED"]
        # usable afterwards: one more ordinary run works and stays finite
        if any(s.name() for s in h.allsec()):
            h.dt, h.steps_per_ms, h.tstop, h.celsius = 0.025, 40.0, 1.0, 6.3
            h.run()
            namespace["check_finite"]()
    if max_abs_v is not None:
        settings.reset()
    return namespace["RESULT"]


class NeuronNaN(Exception):
    """NEURON's run left NaN/inf in a Vector (its check_finite failed)."""


def compare(program, python):
    """Problems (a list of strings) running a valid program on both simulators.

    A NaN is an agreement when both see it: neuronlite stops with FloatingPointError,
    NEURON's script fails its finiteness check.
    """
    try:
        ours = run_neuronlite(program, max_abs_v=1e300)
    except FloatingPointError as exc:
        ours = exc
    finally:
        import neuronlite
        neuronlite.settings.reset()
    try:
        theirs = run_neuron(program, python)
    except NeuronNaN as exc:
        theirs = exc
    if isinstance(ours, Exception) or isinstance(theirs, Exception):
        both = isinstance(ours, Exception) and isinstance(theirs, Exception)
        return [] if both else ["neuronlite: %r; NEURON: %r" % (
            ours if isinstance(ours, Exception) else "finite",
            theirs if isinstance(theirs, Exception) else "finite")]
    return differences(ours, theirs)


NEURON_MAIN = '''
import json, sys
from neuron import h
UNDOCUMENTED = (KeyError, ZeroDivisionError, OverflowError, UnboundLocalError)
DOCUMENTED = (ValueError, TypeError, RuntimeError, ArithmeticError, MemoryError,
              ReferenceError, AttributeError, LookupError)
%s%s
sys.stdout.write("@@RESULT@@" + json.dumps({k: [x.hex() for x in v] for k, v in RESULT.items()}))
'''


def run_neuron(program, python, timeout=60):
    """RESULT of the same script in a NEURON subprocess (valid programs only)."""
    import json
    import subprocess
    done = subprocess.run([python, "-c", NEURON_MAIN % (PROLOGUE, program.text)],
                          capture_output=True, text=True, timeout=timeout)
    if "silent NaN/inf in a Vector" in done.stderr:
        raise NeuronNaN(done.stderr.strip().splitlines()[-1])
    if "@@RESULT@@" not in done.stdout:
        raise RuntimeError("NEURON did not finish (exit %d): %s"
                           % (done.returncode, done.stderr[-2000:]))
    raw = json.loads(done.stdout.split("@@RESULT@@", 1)[1])
    return {k: [float.fromhex(x) for x in v] for k, v in raw.items()}


def differences(ours, theirs, tolerance=1e-6):
    """Human-readable differences between two RESULT dicts (empty when they agree)."""
    problems = []
    if sorted(ours) != sorted(theirs):
        return ["recorded names differ: %s vs %s" % (sorted(ours), sorted(theirs))]
    for name in ours:
        a, b = ours[name], theirs[name]
        if len(a) != len(b):
            problems.append("%s: %d samples vs NEURON's %d" % (name, len(a), len(b)))
            continue
        worst = max((abs(x - y) for x, y in zip(a, b)), default=0.0)
        if not worst <= tolerance:
            problems.append("%s: largest difference %g" % (name, worst))
    return problems
