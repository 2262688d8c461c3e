"""Issue 7's bad-input catalogue (tests/reliability_cases.py, docs/BAD_INPUT.md).

Every row: the exception names the problem, and afterwards the model, the
earlier recorded Vectors and the next run are as the row promises (see the
module docstring of reliability_cases for ``same``/``runs``/``prefix``).
"""
import builtins
import contextlib
import io as _io
import json
import math
import pathlib
import pickle
import signal

import numpy as np
import pytest

from reliability_cases import CASES, NOTEBOOK_ROWS, PRELUDE, WIDGET_ROWS

HERE = pathlib.Path(__file__).parent
RECORDED = ("t_vec", "v_soma", "v_dend")


class _Evil:
    def __reduce__(self):
        return (print, ("this pickle ran print()",))


def _namespace(tmp_path):
    import neuronlite
    import neuronlite.io
    neuronlite._reset()
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("v\n1.0\nabc\n")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text(json.dumps({"v": [1, 2]}))
    namespace = {"np": np, "math": math, "pickle": pickle, "io": neuronlite.io,
                 "WORKDIR": str(tmp_path), "EVIL_PICKLE": pickle.dumps(_Evil()),
                 "BAD_CSV": str(bad_csv), "BAD_JSON": str(bad_json)}
    with contextlib.redirect_stdout(_io.StringIO()):
        exec(PRELUDE.replace("from neuron import h", "from neuronlite import h"), namespace)
    return namespace


def _recorded(namespace):
    return {name: np.array(namespace[name]) for name in RECORDED}


def _alarm(signum, frame):
    raise TimeoutError("no answer within 60 s: neuronlite must refuse, not hang")


def run_code(code, namespace):
    """The exception the code raised (None if none), with a watchdog against hangs."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(60)
    try:
        with contextlib.redirect_stdout(_io.StringIO()):
            exec(code, namespace)
    except TimeoutError:
        raise
    except Exception as exc:  # the outcome under test
        return exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return None


def check_outcome(expect, exc):
    if expect == "ok":
        assert exc is None, "accepted in the catalogue, but raised %r" % (exc,)
        return
    type_name, fragment = expect.split(": ", 1)
    assert exc is not None, "expected %s (%s), nothing was raised" % (type_name, fragment)
    names = [cls.__name__ for cls in type(exc).__mro__]
    assert type_name in names, "expected %s, got %s: %s" % (type_name, type(exc).__name__, exc)
    assert fragment in str(exc), "message %r lacks %r" % (str(exc), fragment)


def check_prefix(namespace, before):
    """An unstable run kept only samples from before the failure, all sane."""
    from neuronlite import settings
    now = _recorded(namespace)
    sizes = {name: values.size for name, values in now.items()}
    assert len(set(sizes.values())) == 1, sizes
    assert 1 <= sizes["t_vec"] <= before["t_vec"].size
    for name, values in now.items():
        assert np.isfinite(values).all(), name
        assert np.abs(values).max() <= settings.max_abs_v, name


def _id(case):
    return "%s:%s" % (case.category, case.code[:70])


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_catalogue_case(case, tmp_path):
    namespace = _namespace(tmp_path)
    h = namespace["h"]
    before = _recorded(namespace)
    exc = run_code(case.code, namespace)
    check_outcome(case.expect, exc)
    if case.after == "prefix":
        check_prefix(namespace, before)
    elif not case.ran:
        for name, values in _recorded(namespace).items():
            np.testing.assert_array_equal(values, before[name], err_msg=name)
    assert run_code(case.restore, namespace) is None
    with contextlib.redirect_stdout(_io.StringIO()):
        h.run()
    after = _recorded(namespace)
    if case.after in ("same", "prefix"):
        for name, values in after.items():
            np.testing.assert_array_equal(values, before[name], err_msg=name)
    else:
        assert all(np.isfinite(values).all() and values.size for values in after.values())
    # nothing escaped the working directory of the data rows
    assert not (tmp_path.parent / "escape.csv").exists()


def test_the_catalogue_goes_beyond_neurons():
    neuron_codes = {c["code"] for c in json.loads(
        (HERE / "scenarios" / "NEURON_BAD_INPUT.json").read_text())}
    new = [c for c in CASES if c.code not in neuron_codes]
    assert len(new) == len(CASES)
    assert len(CASES) + len(WIDGET_ROWS) + len(NOTEBOOK_ROWS) >= 60 + 60


def test_every_panel_row_has_its_test():
    sources = {path.name: path.read_text() for path in (HERE / "widgets").glob("test_*.py")}
    sources["test_reliability.py"] = pathlib.Path(__file__).read_text()
    for row in WIDGET_ROWS + NOTEBOOK_ROWS:
        name = row.test.split(" ")[0]
        assert any("def %s(" % name in text for text in sources.values()), row


def test_evil_pickle_really_is_evil():
    """The data rows' refusal is meaningful: plain pickle.loads would run print()."""
    seen = []
    payload = pickle.dumps(_Evil())
    original = builtins.print
    builtins.print = lambda *args: seen.append(args)
    try:
        pickle.loads(payload)
    finally:
        builtins.print = original
    assert seen == [("this pickle ran print()",)]


# --- notebook rows (NOTEBOOK_ROWS) -------------------------------------------------------

def test_rerun_cell_makes_a_new_soma():
    from neuronlite import h
    soma = h.Section(name="soma")
    ref = soma(0.5)._ref_v               # a handle (like a panel's) keeps nothing alive
    soma = h.Section(name="soma")        # the same cell run again: the old soma is gone
    assert [s.name() for s in h.allsec()] == ["soma"]
    with pytest.raises(ReferenceError, match="deleted section"):
        ref[0]
    seg = soma(0.5)                      # a segment does keep its section (as in NEURON)
    soma = h.Section(name="soma")
    assert [s.name() for s in h.allsec()] == ["soma", "soma"] and seg.v == -65.0
    del seg
    h.load_file("stdrun.hoc")
    vec = h.Vector().record(soma(0.5)._ref_v)
    h.run()
    assert vec.size() == 201


def test_untrusted_pickle(tmp_path):
    from neuronlite import h, io
    good = tmp_path / "v_vec.p"
    good.write_bytes(pickle.dumps([h.Vector([1.5, -2.0]), {"t": h.Vector([0.0])}]))
    loaded = io.load_pickle(good)
    assert loaded[0].to_python() == [1.5, -2.0] and loaded[1]["t"].to_python() == [0.0]
    evil = tmp_path / "sent_by_someone.p"
    evil.write_bytes(pickle.dumps(_Evil()))
    seen = []
    original = builtins.print
    builtins.print = lambda *args: seen.append(args)
    try:
        with pytest.raises(io.UnsafePickleError, match="builtins.print"):
            io.load_pickle(evil)
    finally:
        builtins.print = original
    assert seen == []


def test_saving_outside_the_folder(tmp_path):
    from neuronlite import h, io
    folder = tmp_path / "saved"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (folder / "link").symlink_to(tmp_path / "elsewhere")
    vec = h.Vector([1.0, 2.0])
    for name in ("../../somewhere.csv", "../x.csv", str(tmp_path / "x.csv"), "link/x.csv"):
        with pytest.raises(ValueError, match="outside the directory|absolute path"):
            io.save_csv(name, {"v": vec}, directory=folder)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["elsewhere", "link", "saved"]
    io.save_csv("run.csv", {"v": vec}, directory=folder)
    assert io.load_csv("run.csv", directory=folder)["v"].to_python() == [1.0, 2.0]


def test_cells_out_of_order():
    from neuronlite import h
    h.Section(name="soma")
    with pytest.raises(AttributeError, match="'run'"):
        h.run()
    h.load_file("stdrun.hoc")
    h.run()
    assert h.t == pytest.approx(5.0)


def test_the_document_lists_every_row():
    """docs/BAD_INPUT.md is regenerated (tests/scenarios/bad_input_doc.py) with the cases."""
    doc = (HERE.parent / "docs" / "BAD_INPUT.md").read_text()
    escaped = [c.code.replace("|", "\\|") for c in CASES]
    assert [code for code in escaped if "`%s`" % code not in doc] == []
    for row in WIDGET_ROWS + NOTEBOOK_ROWS:
        assert row.test in doc, row
    neuron = json.loads((HERE / "scenarios" / "NEURON_RELIABILITY.json").read_text())
    probed = {r["code"] for r in neuron}
    assert [c.code for c in CASES if c.category != "data" and c.code not in probed] == []
