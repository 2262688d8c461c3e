"""binder/: the recipe mybinder.org (repo2docker) builds the tutorial's image from.

Proved without Docker:

* the files are there and well formed (pinned requirements, runtime, executable postBuild);
* ``jupyter-repo2docker --no-build --no-run`` accepts the repository and plans the build we
  mean (Python 3.11, binder/requirements.txt, postBuild);
* (slow) a fresh virtual environment made from binder/requirements.txt, after postBuild,
  executes every notebook with nbclient: what a Binder user gets, minus the container.
"""
import functools
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
#: Distributions Binder must pin: the simulator's and the panels' stack and JupyterLab.
PINNED = ("numpy", "scipy", "numba", "llvmlite", "ipywidgets", "bqplot", "jupyterlab",
          "matplotlib", "ipykernel")
REPO2DOCKER = "jupyter-repo2docker"
#: Signs in pip's output that the package index could not be reached (not a broken recipe).
OFFLINE_SIGNS = ("NewConnectionError", "Temporary failure in name resolution",
                 "Network is unreachable", "Max retries exceeded", "No matching distribution",
                 "Could not find a version")
#: Seconds a notebook may take in the fresh environment once postBuild has warmed the JIT.
NOTEBOOK_SECONDS = 20


def requirements():
    """{normalised name: version} of binder/requirements.txt's pinned lines."""
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.+\-]+)", line)
        assert match, "not pinned with ==: %r" % line
        pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def skip_or_fail(reason):
    """Offline tolerance ends in CI: there the slow path must really run."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


# ------------------------------------------------------------------------------- files

def test_requirements_pin_the_stack_to_the_tested_versions():
    from importlib import metadata
    pins = requirements()
    for name in PINNED:
        assert name in pins, "%s is not pinned in binder/requirements.txt" % name
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # e.g. a test environment without the tutorial extra
        assert installed == version, (
            "binder pins %s==%s but the tests run with %s" % (name, version, installed))


def test_runtime_is_python_311():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_post_build_installs_the_package_and_warms_the_jit():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    text = post_build.read_text()
    assert text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text
    assert re.search(r"pip install --no-deps .*\s\.\s", text + "\n")
    assert "python -m neuronlite.warmup" in text
    # run where the notebooks' kernels start, so the cache is warmed for the installed package
    assert re.search(r"cd tutorial\b.*\n.*python -m neuronlite.warmup", text)


def test_post_build_is_executable_in_git():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-s", "binder/postBuild"], cwd=ROOT,
                            capture_output=True, text=True).stdout
    if not listed:
        pytest.skip("binder/postBuild is not committed yet")
    assert listed.startswith("100755"), "commit binder/postBuild with its executable bit"


def test_readme_opens_the_index_notebook():
    readme = (ROOT / "README.md").read_text()
    assert "urlpath=lab/tree/tutorial/index.ipynb" in readme
    assert (ROOT / "tutorial" / "index.ipynb").exists()


# ------------------------------------------------------------------------- repo2docker

@functools.lru_cache(maxsize=None)
def repo2docker_command():
    """How to run repo2docker here: installed, or installed on demand into a cache folder."""
    executable = shutil.which(REPO2DOCKER) or shutil.which(
        REPO2DOCKER, path=str(pathlib.Path(sys.executable).parent))
    if executable:
        return [executable], {}
    target = ROOT / ".pytest_cache" / "repo2docker"
    env = {"PYTHONPATH": str(target)}
    probe = [sys.executable, "-c", "import repo2docker"]
    if subprocess.run(probe, env=dict(os.environ, **env), capture_output=True).returncode != 0:
        installed = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target),
             REPO2DOCKER], capture_output=True, text=True, timeout=600)
        if installed.returncode != 0:
            return None, installed.stdout[-2000:] + installed.stderr[-2000:]
    return [sys.executable, "-m", "repo2docker"], env


def test_repo2docker_accepts_the_repository():
    command, env = repo2docker_command()
    if command is None:
        pytest.skip("jupyter-repo2docker cannot be installed here:\n%s" % env)
    result = subprocess.run(command + ["--no-build", "--no-run", "--debug", str(ROOT)],
                            cwd=ROOT, env=dict(os.environ, **env), capture_output=True,
                            text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "python=3.11" in output, "runtime.txt not honoured:\n" + output[-4000:]
    assert re.search(r'pip install .*-r "?binder/requirements.txt', output), output[-4000:]
    assert "./binder/postBuild" in output, output[-4000:]


# ------------------------------------------------------------------- a fresh environment

def python_311():
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    return shutil.which("python3.11")


def repository_copy(destination):
    """The files git would publish (tracked and new, not ignored), as Binder clones them."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


EXECUTE_NOTEBOOKS = """
import pathlib, sys, time
import nbclient, nbformat
folder = pathlib.Path(sys.argv[1])
for path in sorted(folder.glob("*.ipynb")):
    notebook = nbformat.read(str(path), as_version=4)
    started = time.perf_counter()
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}).execute()
    print("%-40s %5.1f s" % (path.name, time.perf_counter() - started), flush=True)
"""


@pytest.mark.slow
def test_fresh_environment_from_binder_runs_every_notebook(tmp_path):
    """requirements.txt -> postBuild -> all notebooks, in a new venv (about 3 minutes)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        skip_or_fail("needs a git checkout to copy the repository as Binder clones it")
    python = python_311()
    if python is None:
        skip_or_fail("runtime.txt asks for Python 3.11, which is not installed here")
    started = time.perf_counter()
    repo = repository_copy(tmp_path / "repo")
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
    env = dict(os.environ, VIRTUAL_ENV=str(venv), MPLBACKEND="Agg",
               PATH="%s%s%s" % (venv / "bin", os.pathsep, os.environ.get("PATH", "")),
               # an empty JIT cache, so postBuild's warm-up really compiles
               NUMBA_CACHE_DIR=str(tmp_path / "jit-cache"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name in ("PYTHONPATH", "PYTHONHOME", "DISPLAY"):
        env.pop(name, None)

    install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                              "-r", str(repo / "binder" / "requirements.txt")],
                             cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    if install.returncode != 0:
        output = install.stdout[-3000:] + install.stderr[-3000:]
        if any(sign in output for sign in OFFLINE_SIGNS):
            skip_or_fail("the package index cannot be reached:\n" + output)
        pytest.fail("pip could not install binder/requirements.txt:\n" + output)

    post_build = subprocess.run([str(repo / "binder" / "postBuild")], cwd=repo, env=env,
                                capture_output=True, text=True, timeout=900)
    assert post_build.returncode == 0, post_build.stdout[-3000:] + post_build.stderr[-3000:]
    assert "kernel ready" in post_build.stdout
    assert any((tmp_path / "jit-cache").rglob("*.nbi")), "postBuild left no JIT cache"

    tutorial = repo / "tutorial"
    origin = subprocess.run([str(venv / "bin" / "python"), "-c",
                             "import neuronlite; print(neuronlite.__file__)"],
                            cwd=tutorial, env=env, capture_output=True, text=True, check=True)
    assert str(venv) in origin.stdout, "the notebooks would not use the installed package"

    executed = subprocess.run([str(venv / "bin" / "python"), "-c", EXECUTE_NOTEBOOKS,
                               str(tutorial)], cwd=tutorial, env=env, capture_output=True,
                              text=True, timeout=900)
    assert executed.returncode == 0, executed.stdout[-3000:] + executed.stderr[-5000:]
    times = {name: float(seconds) for name, seconds
             in re.findall(r"^(\S+\.ipynb)\s+([\d.]+) s$", executed.stdout, re.M)}
    assert sorted(times) == sorted(path.name for path in tutorial.glob("*.ipynb")), times
    # a notebook that compiles the JIT kernel itself takes half a minute or more
    slowest = max(times, key=times.get)
    assert times[slowest] < NOTEBOOK_SECONDS, (
        "%s took %.0f s: the JIT cache that postBuild warmed was not used\n%s"
        % (slowest, times[slowest], executed.stdout))
    elapsed = time.perf_counter() - started
    print("fresh Binder environment: %.0f s in all\n%s" % (elapsed, executed.stdout))
