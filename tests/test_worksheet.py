"""The seed worksheet, run verbatim on neuronlite (and on NEURON to compare output)."""
import pathlib

import pytest

from support import needs_neuron, run_python

SCRIPT = (pathlib.Path(__file__).parent / "worksheet_script.py").read_text()


def _run(module, tmp_path):
    result = run_python(SCRIPT.replace("SIM", module), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _without_help(text):
    """Drop the help() page (docstrings are our own words, not NEURON's)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Help on"))
    end = next(i for i, line in enumerate(lines) if line.startswith("type(soma)"))
    return lines[:start] + lines[end:], lines[start:end]


def test_worksheet_runs_and_plots(tmp_path):
    out = _run("neuronlite", tmp_path)
    assert (tmp_path / "worksheet.png").stat().st_size > 10_000
    assert "1601 40.00000000000053" in out
    assert "Vector 1601 True" in out
    lines, help_page = _without_help(out)
    help_text = "\n".join(help_page)
    assert "parent" in help_text and "child_end" in help_text


@needs_neuron
def test_worksheet_output_matches_neuron(tmp_path):
    ours, _ = _without_help(_run("neuronlite", tmp_path / "ours" if False else tmp_path))
    neuron_dir = tmp_path / "neuron"
    neuron_dir.mkdir()
    theirs, _ = _without_help(_run("neuron", neuron_dir))
    theirs = [line for line in theirs if not line.startswith(("NEURON --", "Duke, Yale",
                                                               "Warning: no DISPLAY",
                                                               "--No graphics"))]
    ours = [line for line in ours if line.strip()]
    theirs = [line for line in theirs if line.strip()]
    assert ours == theirs
