"""Shared fixtures: every test starts from NEURON's fresh state."""
import pytest

from support import HAVE_NEURON, ROOT, SHARED, needs_neuron, run_python  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_neuronlite():
    import neuronlite
    neuronlite._reset()
    yield
    neuronlite._reset()
