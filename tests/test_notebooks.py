"""The tutorial notebooks and their exercise checks.

* nbval runs every notebook top to bottom on a fresh kernel (lax mode: cells marked
  ``# NBVAL_CHECK_OUTPUT`` must reproduce their stored output), within the time budget;
* the committed notebooks carry no outputs except those nbval checks;
* index.ipynb links every step notebook;
* running any cell twice does not break the cells after it;
* the checks in ``neuronlite.exercises`` answer placeholders, wrong and right answers with
  the messages the notebooks promise, and never raise.

After editing a notebook, store the outputs of its checked cells (and strip all others) with::

    .venv/bin/python tests/test_notebooks.py --refresh [tutorial/NN_name.ipynb ...]
"""
import functools
import inspect
import os
import pathlib
import re
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "tutorial"
CHECK_MARKER = "# NBVAL_CHECK_OUTPUT"
STEP_NOTEBOOK = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")
#: Wall-clock seconds that nbval may take for all notebooks together (JIT cache warm).
NBVAL_BUDGET_SECONDS = 60
#: Output types a checked cell may store: text that is the same on every run.
PLAIN_MIME_TYPES = {"text/plain"}


def notebook_paths():
    return sorted(TUTORIAL.glob("*.ipynb"))


def step_notebooks():
    return [path for path in notebook_paths() if STEP_NOTEBOOK.match(path.name)]


def is_checked(cell):
    return cell.cell_type == "code" and any(line.strip() == CHECK_MARKER
                                            for line in cell.source.splitlines())


def read(path):
    import nbformat
    return nbformat.read(str(path), as_version=4)


def subprocess_env():
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    env.pop("DISPLAY", None)
    return env


@functools.lru_cache(maxsize=None)
def warm_jit():
    """Compile (or load) the JIT kernel once, so notebook timings measure the notebooks."""
    done = subprocess.run([sys.executable, "-m", "neuronlite.warmup"], cwd=ROOT,
                          env=subprocess_env(), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError("python -m neuronlite.warmup failed:\n%s%s"
                           % (done.stdout[-2000:], done.stderr[-4000:]))


# --------------------------------------------------------------------- the notebooks' files

def test_there_is_an_index_and_step_notebooks():
    names = [path.name for path in notebook_paths()]
    assert "index.ipynb" in names
    assert len(step_notebooks()) >= 7, names
    assert set(names) == {"index.ipynb"} | {path.name for path in step_notebooks()}, (
        "every notebook besides index.ipynb is named NN_name.ipynb")


def test_index_links_every_step_notebook():
    index = read(TUTORIAL / "index.ipynb")
    text = "\n".join(cell.source for cell in index.cells if cell.cell_type == "markdown")
    linked = set(re.findall(r"\]\(([^)#\s]+\.ipynb)\)", text))
    assert linked == {path.name for path in step_notebooks()}
    for path in step_notebooks():
        assert re.search(r"\|\s*\d+\s*min", text.split(path.name, 1)[1].split("\n", 1)[0]), (
            "index.ipynb gives no time for %s" % path.name)


def test_each_step_notebook_links_back_and_forward():
    steps = step_notebooks()
    for position, path in enumerate(steps):
        markdown = "\n".join(cell.source for cell in read(path).cells
                             if cell.cell_type == "markdown")
        assert "](index.ipynb)" in markdown, path.name
        if position + 1 < len(steps):
            assert "](%s)" % steps[position + 1].name in markdown, path.name


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_notebook_carries_no_stale_outputs(path):
    notebook = read(path)
    assert "widgets" not in notebook.metadata, "widget state stored in %s" % path.name
    for number, cell in enumerate(notebook.cells):
        where = "%s cell %d" % (path.name, number)
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            # nbval compares only cells that were run (execution_count set) and have outputs
            assert cell.execution_count is not None, where + ": checked but never run"
            assert cell.outputs, where + ": checked but no stored output"
            for output in cell.outputs:
                assert output.output_type != "error", where
                mime_types = set(output.get("data", {}))
                assert mime_types <= PLAIN_MIME_TYPES, "%s stores %s" % (where, mime_types)
        else:
            assert cell.outputs == [], where + ": stale output (not marked %s)" % CHECK_MARKER
            assert cell.execution_count is None, where + ": stale execution count"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_checks_named_in_a_notebook_exist(path):
    from neuronlite.exercises import check
    source = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "code")
    for name in re.findall(r"\bcheck\.(\w+)\(", source):
        assert callable(getattr(check, name, None)), "%s calls check.%s" % (path.name, name)


def test_every_step_notebook_has_an_exercise_and_a_panel():
    for path in step_notebooks():
        source = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "code")
        assert "check." in source, path.name
        assert "gui." in source, path.name


# ----------------------------------------------------------------------- running them

def test_nbval_runs_every_notebook_within_budget():
    pytest.importorskip("nbval")
    pytest.importorskip("ipykernel")
    warm_jit()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
         "--nbval-cell-timeout=120", "-p", "no:cacheprovider", "-q", "-o", "addopts=",
         "tutorial"],
        cwd=ROOT, env=subprocess_env(), capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - started
    report = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert re.search(r"\b\d+ passed\b", result.stdout), report
    assert elapsed < NBVAL_BUDGET_SECONDS, (
        "nbval took %.1f s for all notebooks (budget %d s)\n%s"
        % (elapsed, NBVAL_BUDGET_SECONDS, report))


@pytest.mark.slow
@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_running_a_cell_again_breaks_nothing_after_it(path):
    """Every code cell runs twice in a row; no cell may fail and no check may stumble."""
    pytest.importorskip("ipykernel")
    nbclient = pytest.importorskip("nbclient")
    warm_jit()
    notebook = read(path)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(TUTORIAL)}})
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            client.execute_cell(cell, index)  # raises CellExecutionError on an error
            text = "".join(output.get("text", "") + str(output.get("data", {}).get(
                "text/plain", "")) for output in cell.outputs)
            assert "Could not check this" not in text, "%s cell %d: %s" % (path.name, index,
                                                                          text)


# ------------------------------------------------------------------- the exercise checks

def test_importing_exercises_does_not_import_ipywidgets():
    code = ("import sys, neuronlite.exercises\n"
            "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env=subprocess_env())


@pytest.fixture
def cell():
    """The worksheet's cell, recorded and run: soma with pas, AlphaSynapse 20 ms / 1 uS."""
    from neuronlite import h
    from support import worksheet_cell
    cell = worksheet_cell(h)
    cell.v_vec = h.Vector().record(cell.soma(0.5)._ref_v)
    cell.t_vec = h.Vector().record(h._ref_t)
    h.run()
    return cell


def verdict(feedback):
    from neuronlite.exercises import Feedback
    assert isinstance(feedback, Feedback) and isinstance(feedback, str)
    assert repr(feedback) == str(feedback)  # shown without quotes in a notebook
    return feedback.passed


def test_placeholders_ask_for_an_answer(cell):
    from neuronlite.exercises import check
    for feedback in (check.aside1(None), check.aside2(None), check.mechanism_choice(None),
                     check.aside4(None), check.alpha_peak_time(None, cell.asyn),
                     check.synaptic_current(None, cell.t_vec), check.step7_axes(None),
                     check.step8(None, None, cell.t_vec, cell.v_vec),
                     check.threshold(None, cell.soma, cell.asyn)):
        assert verdict(feedback) is None, feedback
        assert feedback.startswith("\u270e "), feedback
    assert "Replace None" in check.aside1(None)


def test_peak_messages_say_which_way_to_go(cell):
    from neuronlite.exercises import check, check_peak
    feedback = check.step6(cell.v_vec)
    assert verdict(feedback) is False
    assert str(feedback) == ("\u2718 The peak is -61.94 mV, below -50 mV; a larger gmax should "
                             "raise it.")
    assert "6.94 mV below -55 mV; a larger gmax" in check.step7_target(cell.v_vec)
    assert "a smaller gmax should lower it" in check_peak(cell.v_vec, at_most=-70)
    cell.asyn.gmax = 3.0
    cell.h.run()
    assert "above -55 mV; a smaller gmax should lower it" in check.step7_target(cell.v_vec)
    cell.asyn.gmax = 4.0
    cell.h.run()
    assert verdict(check.step6(cell.v_vec)) is True
    assert "is empty" in check_peak(cell.h.Vector())


def test_model_state_checks(cell):
    from neuronlite.exercises import check, check_inserted
    h, soma = cell.h, cell.soma
    assert verdict(check.step2(soma)) is True
    assert verdict(check.step3(soma)) is True
    bare = h.Section(name="bare")
    assert str(check_inserted(bare, "pas", "bare")) == (
        "\u2718 bare has no pas yet: run bare.insert('pas').")
    assert verdict(check.step4(cell.asyn)) is True
    assert "soma.L is 100 \u00b5m; set it to 20 \u00b5m" in check.step2_geometry(soma)
    soma.L, soma.diam = 20, 20
    assert verdict(check.step2_geometry(soma)) is True
    assert "soma(0.5).pas.g is 0.001" in check.aside5(soma)
    soma(0.5).pas.g = 0.0005
    assert verdict(check.aside5(soma)) is True
    assert verdict(check.inhibitory(cell.asyn)) is False
    cell.asyn.e = -80
    assert verdict(check.inhibitory(cell.asyn)) is True


def test_nseg_check(cell):
    from neuronlite.exercises import check
    dend = cell.h.Section(name="dend")
    dend.L = 1000
    assert "must be at least 11" in check.nseg(dend)
    dend.nseg = 10
    assert "even number" in check.nseg(dend)
    dend.nseg = 11
    assert verdict(check.nseg(dend)) is True


def test_answer_checks():
    from neuronlite.exercises import check
    assert verdict(check.aside1(35.4)) is True
    assert verdict(check.aside1("35.4")) is True
    assert "too small" in check.aside1(3.54)
    assert "not a number" in check.aside1("Ra")
    assert verdict(check.aside2("connect")) is True
    assert "insert adds a mechanism" in check.aside2("insert")
    assert verdict(check.mechanism_choice("HH")) is True
    assert "passive leak" in check.mechanism_choice("pas")
    assert verdict(check.aside4([0.1, 0.3, 0.5, 0.7, 0.9])) is True
    assert "you gave 3" in check.aside4([0.1, 0.5, 0.9])
    assert "0.2 is not a centre" in check.aside4([0.2, 0.4, 0.5, 0.6, 0.8])


def test_recording_and_saving_checks(cell):
    from neuronlite.exercises import check
    h = cell.h
    assert verdict(check.step5(cell.v_vec, cell.t_vec)) is True
    assert "is empty" in check.synaptic_current(h.Vector(), cell.t_vec)
    assert verdict(check.alpha_peak_time(20.1, cell.asyn)) is True
    assert "too small" in check.alpha_peak_time(20, cell.asyn)
    exact = check.step8(list(cell.t_vec), list(cell.v_vec), cell.t_vec, cell.v_vec)
    assert verdict(exact) is True
    rounded = check.step8(list(cell.t_vec), [round(v, 3) for v in cell.v_vec], cell.t_vec,
                          cell.v_vec)
    assert verdict(rounded) is False and "17 significant digits" in rounded


def test_axis_label_check():
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot
    from neuronlite.exercises import check
    figure = pyplot.figure()
    axes = pyplot.gca()
    axes.set_xlabel("time (ms)")
    assert "the y axis has no label" in check.step7_axes(axes)
    axes.set_ylabel("v")
    assert "does not name the unit mV" in check.step7_axes(axes)
    axes.set_ylabel("v (mV)")
    assert verdict(check.step7_axes(axes)) is True
    pyplot.close(figure)


def test_hh_checks(cell):
    from neuronlite.exercises import check
    h, soma, asyn = cell.h, cell.soma, cell.asyn
    assert "has no hh" in check.spike(cell.v_vec, soma)
    soma.uninsert("pas")
    soma.insert("hh")
    h.run()
    assert verdict(check.spike(cell.v_vec, soma)) is True
    assert verdict(check.threshold(0.62, soma, asyn)) is True
    assert verdict(check.threshold(0.63, soma, asyn)) is True
    assert "stays below 0 mV" in check.threshold(0.61, soma, asyn)
    assert "go lower" in check.threshold(0.64, soma, asyn)
    # the stored threshold is what the simulation says
    for gmax, fires in ((0.6212, False), (0.6214, True)):
        asyn.gmax = gmax
        h.run()
        assert (cell.v_vec.max() > 0) is fires, gmax
    h.v_init = -70
    assert "h.v_init = -65 mV, but it is -70 mV" in check.threshold(0.62, soma, asyn)


def test_checks_never_raise():
    from neuronlite.exercises import TutorialChecks, check
    odd_inputs = [None, 3, "text", object(), [], [1, "a"], float("nan")]
    for name, member in vars(TutorialChecks).items():
        if name.startswith("_") or not callable(getattr(check, name, None)):
            continue
        method = getattr(check, name)
        arity = len(inspect.signature(method).parameters)
        for value in odd_inputs:
            feedback = method(*([value] * arity))  # must not raise
            assert verdict(feedback) in (True, False, None), (name, value)


# ------------------------------------------------------------------ refreshing the outputs

def strip_outputs(notebook):
    """Keep the outputs of checked cells (numbered so nbval compares them); drop all others."""
    count = 0
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = count
        else:
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def refresh(paths):
    import nbclient
    import nbformat
    warm_jit()
    for path in paths:
        notebook = nbformat.read(str(path), as_version=4)
        started = time.perf_counter()
        nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                store_widget_state=False,
                                resources={"metadata": {"path": str(TUTORIAL)}}).execute()
        nbformat.write(strip_outputs(notebook), str(path))
        print("%-40s %5.1f s" % (path.name, time.perf_counter() - started))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or arguments[0] != "--refresh":
        sys.exit(__doc__)
    chosen = [pathlib.Path(arg).resolve() for arg in arguments[1:]] or notebook_paths()
    refresh(chosen)
