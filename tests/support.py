"""Helpers shared by test modules (import as ``from support import ...``)."""
import importlib.util
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("NEURONLITE_SHARED", ROOT.parent / "shared"))
HAVE_NEURON = importlib.util.find_spec("neuron") is not None


def run_python(code, cwd=None, timeout=300, env=None):
    """Run code in a fresh interpreter; returns CompletedProcess (text)."""
    full_env = dict(os.environ, MPLBACKEND="Agg")
    full_env.pop("DISPLAY", None)
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=full_env)


needs_neuron = pytest.mark.skipif(not HAVE_NEURON, reason="real NEURON is not installed")


def worksheet_cell(h):
    """The worksheet's cell (tests that need it build it here): a passive soma, an
    AlphaSynapse at soma(0.5) with onset 20 ms and gmax 1 uS, tstop 40 ms."""
    from types import SimpleNamespace
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("pas")
    asyn = h.AlphaSynapse(soma(0.5))
    asyn.onset = 20
    asyn.gmax = 1
    h.tstop = 40.0
    return SimpleNamespace(h=h, soma=soma, asyn=asyn)
