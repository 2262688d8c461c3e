"""Browser fixtures: Debian Chromium (installed with apt-get when missing and root) and JupyterLab.

Outside CI a missing browser skips these tests with the reason; with CI=true
it fails them, so a CI run can never pass without having driven a browser.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import labserver  # noqa: E402


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail("browser test cannot run under CI: %s" % reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    try:
        labserver.ensure_playwright()
        return labserver.ensure_chromium(install=True)
    except labserver.BrowserUnavailable as exc:
        _unavailable(str(exc))


@pytest.fixture
def page(chromium):
    with labserver.chromium_page() as browser_page:
        yield browser_page


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory):
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="session")
def warm_kernel():
    labserver.warm_jit()


@pytest.fixture(scope="module")
def jupyter_lab(lab_root, warm_kernel):
    lab = labserver.JupyterLab(lab_root)
    try:
        lab.start()
    except labserver.BrowserUnavailable as exc:
        lab.stop()
        _unavailable(str(exc))
    yield lab
    lab.stop()
