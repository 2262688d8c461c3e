"""The shared NEURON 9.0.2 reference corpus (and our own scenarios) via compare.py."""
import json
import subprocess
import sys

import pytest

from support import ROOT, SHARED

CORPORA = [SHARED / "reference", ROOT / "tests" / "scenarios"]

# Scenarios whose feature is still being built; reported as expected failures
# until they pass.  Never add a scenario here to hide a regression.
NOT_YET = {}


def _scenarios():
    params = []
    for corpus in CORPORA:
        manifest = corpus / "manifest.json"
        if not manifest.exists():
            continue
        for entry in json.loads(manifest.read_text())["scenarios"]:
            name = entry["name"]
            marks = [pytest.mark.xfail(reason=NOT_YET[name], strict=False)] \
                if name in NOT_YET else []
            params.append(pytest.param(corpus, name, marks=marks,
                                       id="%s/%s" % (corpus.name, name)))
    return params


SCENARIOS = _scenarios()


def test_corpus_is_present():
    assert (SHARED / "reference" / "manifest.json").exists(), \
        "the shared reference corpus is expected at %s" % SHARED


@pytest.mark.parametrize("corpus,name", SCENARIOS)
def test_scenario_matches_neuron(corpus, name):
    compare = SHARED / "reference" / "compare.py"
    result = subprocess.run([sys.executable, str(compare), str(corpus), "--python",
                             sys.executable, "--only", name], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0].startswith("PASS"), result.stdout
