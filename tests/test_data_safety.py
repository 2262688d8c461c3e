"""Data safety: Vector pickles name only neuronlite, neuronlite.io round trips are exact,
and nothing neuronlite writes lands outside the directory the user chose."""
import os
import pickle
import pickletools

import numpy as np
import pytest

from neuronlite import h, io

SPECIAL = [0.0, -0.0, 0.1, 1 / 3, -1e-320, 5e-324, 1.7976931348623157e308, -2.5e-308,
           float("inf"), float("-inf"), float("nan"), 2.0 ** 53 + 1, -65.12345678901234]


def globals_named(payload):
    """(module, name) of every global a pickle would import when loaded."""
    found, strings = [], []
    for opcode, arg, _pos in pickletools.genops(payload):
        if opcode.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE", "BINUNICODE8"):
            strings.append(arg)
        elif opcode.name == "STACK_GLOBAL":
            found.append(tuple(strings[-2:]))
        elif opcode.name in ("GLOBAL", "INST"):
            found.append(tuple(arg.split(" ", 1)))
    return found


def recorded_vectors():
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    v, t = h.Vector().record(soma(0.5)._ref_v), h.Vector().record(h._ref_t)
    sampled = h.Vector().record(soma(0.5)._ref_v, 0.1)
    h.tstop = 5
    h.run()
    return {"v": v, "t": t, "sampled": sampled, "empty": h.Vector(),
            "special": h.Vector(SPECIAL)}


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_vector_pickles_name_only_neuronlite(protocol):
    vectors = recorded_vectors()
    for name, vec in vectors.items():
        payload = pickle.dumps(vec, protocol=protocol)
        named = globals_named(payload)
        assert named, name
        assert all(module.split(".")[0] == "neuronlite" for module, _ in named), named
        back = pickle.loads(payload)
        assert back.as_numpy().tobytes() == vec.as_numpy().tobytes(), name
    together = pickle.dumps(list(vectors.values()), protocol=protocol)
    assert {m.split(".")[0] for m, _ in globals_named(together)} == {"neuronlite"}


def test_neurons_own_vector_pickle_loads_safely():
    """NEURON writes neuron._pkl; io.load_pickle maps it to neuronlite's constructor only."""
    payload = (b"\x80\x04\x95?\x00\x00\x00\x00\x00\x00\x00\x8c\x06neuron\x94\x8c\x04_pkl\x94"
               b"\x93\x94K\x00\x85\x94R\x94(K\x01C\x08\x00\x00\x00\x00\x00\x00\x00@\x94K\x02"
               b"C\x10\x00\x00\x00\x00\x00\x00\xf0?\x00\x00\x00\x00\x00\x00\x00@\x94t\x94b.")
    assert globals_named(payload) == [("neuron", "_pkl")]
    assert io.loads_pickle(payload).to_python() == [1.0, 2.0]


@pytest.mark.parametrize("evil", [
    (os.system, ("echo pwned",)), (eval, ("1+1",)), (os.remove, ("x",)),
    (np.load, ("x.npy",))])
def test_load_pickle_calls_nothing_else(evil, tmp_path):
    class Payload:
        def __reduce__(self):
            return evil
    path = tmp_path / "evil.p"
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        path.write_bytes(pickle.dumps([h.Vector([1.0]), Payload()], protocol=protocol))
        with pytest.raises(io.UnsafePickleError, match="refused to load"):
            io.load_pickle(path)


def test_load_pickle_reads_every_protocol(tmp_path):
    vec = h.Vector(SPECIAL)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = io.loads_pickle(pickle.dumps({"v": [vec]}, protocol=protocol))["v"][0]
        assert back.as_numpy().tobytes() == vec.as_numpy().tobytes(), protocol


@pytest.mark.parametrize("kind", ["npz", "csv", "json"])
def test_round_trips_are_exact(kind, tmp_path):
    vectors = recorded_vectors()
    save, load = getattr(io, "save_" + kind), getattr(io, "load_" + kind)
    written = save(tmp_path / ("run." + kind), vectors)
    assert written == str(tmp_path / ("run." + kind))
    back = load(written)
    assert list(back) == list(vectors)
    for name, vec in vectors.items():
        a, b = vec.as_numpy(), back[name].as_numpy()
        assert a.size == b.size, name
        same = (a == b) | (np.isnan(a) & np.isnan(b))
        assert same.all() and (np.signbit(a) == np.signbit(b)).all(), name
        assert type(back[name]) is type(vec)
    assert os.listdir(tmp_path) == ["run." + kind]   # no temporary file left


def test_json_keeps_extra_fields_and_is_standard_json(tmp_path):
    import json
    io.save_json(tmp_path / "run.json", {"v": h.Vector([1.0, float("nan")])},
                 parameters={"gmax_uS": 1.0})
    document = json.loads((tmp_path / "run.json").read_text(),
                          parse_constant=lambda token: pytest.fail("non-standard " + token))
    assert document["parameters"] == {"gmax_uS": 1.0} and document["vectors"]["v"][1] == "nan"


@pytest.mark.parametrize("kind", ["npz", "csv", "json"])
def test_nothing_lands_outside_the_directory(kind, tmp_path):
    chosen, outside = tmp_path / "chosen", tmp_path / "outside"
    chosen.mkdir()
    outside.mkdir()
    (chosen / "to_outside").symlink_to(outside)
    (chosen / "file_link." + kind if False else chosen / ("file_link." + kind)).symlink_to(
        outside / ("target." + kind))
    save = getattr(io, "save_" + kind)
    data = {"v": h.Vector([1.0])}
    for name in ("../x." + kind, str(outside / ("x." + kind)), "to_outside/x." + kind,
                 "a/../../x." + kind, "file_link." + kind):
        with pytest.raises(ValueError):
            save(name, data, directory=chosen)
    assert os.listdir(outside) == []
    # without directory=, a link given as the file is replaced, never written through
    save(chosen / ("file_link." + kind), data)
    assert os.listdir(outside) == [] and not (chosen / ("file_link." + kind)).is_symlink()
    save("inside." + kind, data, directory=chosen)
    assert (chosen / ("inside." + kind)).exists()


def test_a_failed_save_leaves_no_file(tmp_path):
    class Broken:
        def as_numpy(self):
            raise RuntimeError("disk full")
    with pytest.raises(RuntimeError):
        io.save_csv(tmp_path / "x.csv", {"v": Broken()})
    with pytest.raises(ValueError):
        io.save_npz(tmp_path / "x.npz", {"v": h.Vector([1.0]), "": h.Vector()})
    assert os.listdir(tmp_path) == []


def test_loaders_refuse_what_they_did_not_write(tmp_path):
    (tmp_path / "a.csv").write_text("v,w\n1,2\n3\n")
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        io.load_csv(tmp_path / "a.csv")
    (tmp_path / "b.json").write_text('{"vectors": {"v": [1, true]}}')
    with pytest.raises(ValueError, match="not a number"):
        io.load_json(tmp_path / "b.json")
    np.save(tmp_path / "c.npy", np.array([object()], dtype=object))
    np.savez(tmp_path / "d.npz", v=np.array([object()], dtype=object))
    with pytest.raises(ValueError):   # allow_pickle=False: object arrays are not read
        io.load_npz(tmp_path / "d.npz")


@pytest.mark.neuron
def test_pickles_made_by_neuron_load_with_load_pickle(tmp_path):
    from support import needs_neuron, run_python  # noqa: F401
    pytest.importorskip("neuron")
    code = ("import pickle\nfrom neuron import h\n"
            "v = h.Vector([0.1, -0.0, 1e300, float('inf')])\n"
            "for p in range(pickle.HIGHEST_PROTOCOL + 1):\n"
            "    open('v%d.p' % p, 'wb').write(pickle.dumps(v, protocol=p))\n")
    done = run_python(code, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = io.load_pickle("v%d.p" % protocol, directory=tmp_path)
        assert back.to_python() == [0.1, -0.0, 1e300, float("inf")], protocol
