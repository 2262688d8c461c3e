"""Every public name NEURON users reach has a docstring; dir() forms are NEURON's."""
import inspect

import pytest

from neuronlite import h, n


def _public_callables(obj):
    for name in dir(obj):
        if name.startswith("_"):
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # a variable that needs a mechanism, etc.
            continue
        if callable(value) and not isinstance(value, type):
            yield name, value


def _objects():
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    syn = h.AlphaSynapse(soma(0.5))
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    return {"h": h, "section": soma, "segment": soma(0.5), "mechanism": soma(0.5).hh,
            "point process": syn, "vector": h.Vector([1.0]), "netcon": nc}, (soma, syn, nc)


def test_every_public_callable_has_a_docstring():
    objects, keep = _objects()
    missing = []
    for label, obj in objects.items():
        for name, value in _public_callables(obj):
            doc = inspect.getdoc(value)
            if not doc or len(doc) < 10:
                missing.append("%s.%s" % (label, name))
    assert not missing, "no docstring: " + ", ".join(missing)


def test_connect_help_names_its_arguments():
    soma = h.Section(name="soma")
    doc = inspect.getdoc(soma.connect)
    for word in ("parent", "child_end", "x"):
        assert word in doc


def test_n_is_a_separate_interface_with_the_same_names():
    assert n is not h
    assert repr(n) == "<TopLevelNEURONInterface>"
    sec = n.Section("soma")
    assert sec.insert(n.hh) is sec
    assert n.load_file("stdrun.hoc") == 1.0


@pytest.mark.parametrize("name", ["hh", "pas"])
def test_density_mechanism_objects(name):
    mech = getattr(h, name)
    assert repr(mech) == "neuron.DensityMechanism('%s')" % name
