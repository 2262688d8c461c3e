"""Many API calls printed by NEURON and by neuronlite: the outputs must be identical."""
import pathlib

from support import needs_neuron, run_python

SCRIPT = (pathlib.Path(__file__).parent / "api_script.py").read_text()


def _run(module, cwd):
    result = run_python(SCRIPT.replace("SIM", module), cwd=cwd)
    assert result.returncode == 0, result.stderr[-3000:]
    return [line for line in result.stdout.splitlines() if line.strip()]


def test_api_script_runs_on_neuronlite(tmp_path):
    assert len(_run("neuronlite", tmp_path)) > 40


@needs_neuron
def test_api_output_matches_neuron(tmp_path):
    ours = _run("neuronlite", tmp_path)
    theirs = _run("neuron", tmp_path)
    for i, (a, b) in enumerate(zip(ours, theirs)):
        assert a == b, "line %d differs:\n neuronlite: %s\n NEURON:     %s" % (i, a, b)
    assert len(ours) == len(theirs)
