"""Real-browser harness: a private JupyterLab on 127.0.0.1 and headless Debian Chromium.

Shared by tests/browser/ and benchmarks/widget_latency.py.  Everything lives
in temporary directories (notebooks, Jupyter config, runtime files, the
browser profile), the server listens on loopback only, with a random free
port and a random token, and is stopped (kernels included) on exit.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: JupyterLab plugins that would pop up notices over the notebook.
_QUIET_PLUGINS = {"@jupyterlab/apputils-extension:announcements": True}


class BrowserUnavailable(RuntimeError):
    """Chromium, Playwright or JupyterLab cannot be used here (the reason is the message)."""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_chromium(install=True, timeout=900):
    """Path of Debian's Chromium; installs it with apt-get when missing and we are root.

    Raises BrowserUnavailable with the reason when it cannot be had.
    """
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if not install:
        raise BrowserUnavailable("%s is missing" % CHROMIUM)
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise BrowserUnavailable("%s is missing and we cannot apt-get install chromium "
                                 "(not root or no apt-get)" % CHROMIUM)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "chromium"]):
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, check=False)
        if done.returncode != 0:
            tail = done.stdout.decode(errors="replace")[-2000:]
            raise BrowserUnavailable("%s failed:\n%s" % (" ".join(command), tail))
    if not os.path.exists(CHROMIUM):
        raise BrowserUnavailable("apt-get install chromium did not provide %s" % CHROMIUM)
    return CHROMIUM


def ensure_playwright():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise BrowserUnavailable("the playwright Python package is missing: %s" % exc) from exc


_WARM_JIT = """
from neuronlite.warmup import main
main()
"""


def warm_jit(timeout=900):
    """Compile the simulator's kernel once, into its on-disk cache, before a kernel needs it.

    A cold numba compile takes about a minute on a small machine; done here, the
    notebook's kernel loads the cached machine code in a second and no browser
    wait has to cover a compile.
    """
    done = subprocess.run([sys.executable, "-c", _WARM_JIT], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError("warming the JIT failed:\n%s" % done.stdout.decode(errors="replace"))


def write_notebook(path, cells):
    """Write a notebook of code cells (list of source strings) for the neuronlite kernel."""
    import nbformat
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, path)
    return path


class JupyterLab:
    """``with JupyterLab(root_dir) as lab: page.goto(lab.url("x.ipynb"))``."""

    def __init__(self, root_dir, python=sys.executable, startup_timeout=90):
        self.root_dir = str(root_dir)
        self.python = python
        self.startup_timeout = startup_timeout
        self.port = None
        self.token = secrets.token_hex(24)
        self.process = None
        self._private = None
        self.log_path = None

    # -------------------------------------------------------------- lifecycle

    def start(self):
        try:
            import jupyterlab  # noqa: F401
        except ImportError as exc:
            raise BrowserUnavailable("jupyterlab is not installed: %s" % exc) from exc
        self._private = tempfile.mkdtemp(prefix="neuronlite-lab-")
        config_dir = os.path.join(self._private, "config")
        os.makedirs(os.path.join(config_dir, "labconfig"))
        with open(os.path.join(config_dir, "labconfig", "page_config.json"), "w") as handle:
            json.dump({"disabledExtensions": _QUIET_PLUGINS}, handle)
        env = dict(os.environ,
                   JUPYTER_CONFIG_DIR=config_dir,
                   JUPYTER_RUNTIME_DIR=os.path.join(self._private, "runtime"),
                   JUPYTERLAB_WORKSPACES_DIR=os.path.join(self._private, "workspaces"),
                   JUPYTERLAB_SETTINGS_DIR=os.path.join(self._private, "settings"),
                   IPYTHONDIR=os.path.join(self._private, "ipython"),
                   PYTHONUNBUFFERED="1")
        env.pop("JUPYTER_TOKEN", None)
        self.port = free_port()
        self.log_path = os.path.join(self._private, "lab.log")
        command = [self.python, "-m", "jupyterlab", "--no-browser",
                   "--ServerApp.ip=127.0.0.1", "--ServerApp.port=%d" % self.port,
                   "--ServerApp.port_retries=0", "--IdentityProvider.token=%s" % self.token,
                   "--ServerApp.root_dir=%s" % self.root_dir,
                   "--ServerApp.terminals_enabled=False",
                   # no update checks nor extension listings: loopback traffic only
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   "--LabApp.extension_manager=readonly"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, cwd=self.root_dir, env=env,
                                        stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        self._wait_ready()
        return self

    def _wait_ready(self):
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BrowserUnavailable("JupyterLab exited with %s:\n%s"
                                         % (self.process.returncode, self.log_tail()))
            try:
                with urllib.request.urlopen(self.api("status"), timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise BrowserUnavailable("JupyterLab did not answer within %ss:\n%s"
                                 % (self.startup_timeout, self.log_tail()))

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:  # a clean shutdown also stops the kernels it started
                request = urllib.request.Request(self.api("shutdown"), method="POST", data=b"")
                urllib.request.urlopen(request, timeout=5).close()
                self.process.wait(timeout=15)
            except (urllib.error.URLError, OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()
        self.process = None
        shutil.rmtree(self._private, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
        return False

    # ------------------------------------------------------------------ urls

    def api(self, path):
        return "http://127.0.0.1:%d/api/%s?token=%s" % (self.port, path, self.token)

    def url(self, notebook):
        """The JupyterLab URL opening ``notebook`` (relative to root_dir)."""
        return "http://127.0.0.1:%d/lab/tree/%s?token=%s&reset" % (self.port, notebook, self.token)

    def log_tail(self, chars=4000):
        try:
            with open(self.log_path, "rb") as handle:
                return handle.read().decode(errors="replace")[-chars:]
        except (OSError, TypeError):
            return ""


@contextlib.contextmanager
def chromium_page(viewport=(1400, 1000)):
    """A Playwright page in headless Debian Chromium with a fresh profile."""
    ensure_playwright()
    executable = ensure_chromium(install=False)
    from playwright.sync_api import sync_playwright
    profile = tempfile.mkdtemp(prefix="neuronlite-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": viewport[0], "height": viewport[1]})
            try:
                page = context.pages[0] if context.pages else context.new_page()
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# ------------------------------------------------------------ notebook driving

def open_and_run_all(page, lab, notebook, timeout_ms=90000):
    """Open ``notebook`` in JupyterLab, wait for its kernel, run all cells."""
    page.goto(lab.url(notebook), timeout=timeout_ms)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_ms)
    # the status bar says "Python 3 (ipykernel) | Idle" once the kernel is connected
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=timeout_ms)
    page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def wait_all_cells_done(page, timeout_ms=90000):
    """Wait until every code cell has an execution count (no '[*]' left)."""
    try:
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""", timeout=timeout_ms)
    except Exception as exc:
        shot = os.path.join(tempfile.gettempdir(), "neuronlite-lab-timeout-%d.png" % os.getpid())
        page.screenshot(path=shot)
        raise RuntimeError("cells did not finish (screenshot %s): %s" % (shot, exc)) from exc


def cell_errors(page):
    """Text of any Python error output in the notebook."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']",
        "nodes => nodes.map(n => n.textContent)")


# ------------------------------------------------------------- plot watching

#: Installed in the page: timestamps (performance.now()) of every keydown and of
#: every change of the watched figure's main line (the last line it draws; the
#: legend's sample line is not one of them).  Re-installing moves the watch.
WATCH_JS = """(selector) => {
  const figure = document.querySelector(selector);
  if (!figure) { throw new Error('no figure matches ' + selector); }
  const mainPath = () => { const p = figure.querySelectorAll('g.curve path.line');
                           return p.length ? p[p.length - 1].getAttribute('d') || '' : ''; };
  if (window.__nlWatch) { window.__nlWatch.observer.disconnect(); }
  else { document.addEventListener('keydown',
           () => window.__nlWatch.keydown.push(performance.now()), true); }
  const watch = {keydown: [], change: [], d: mainPath()};
  watch.observer = new MutationObserver(() => {
    const d = mainPath();
    if (d !== watch.d) { watch.d = d; watch.change.push(performance.now()); }
  });
  watch.observer.observe(figure, {attributes: true, attributeFilter: ['d'], childList: true,
                                  subtree: true});
  window.__nlWatch = watch;
  return watch.d;
}"""


def watch_plot(page, selector):
    """Start recording changes of the figure's main line; returns its current ``d``."""
    return page.evaluate(WATCH_JS, selector)


def main_path(page):
    return page.evaluate("window.__nlWatch.d")


def change_count(page):
    return page.evaluate("window.__nlWatch.change.length")


def wait_for_change(page, count_before, timeout_ms=20000):
    page.wait_for_function("n => window.__nlWatch.change.length > n", arg=count_before,
                           timeout=timeout_ms)


def key_to_change_ms(page, change_index):
    """ms from the last keydown to change number ``change_index`` of the main line."""
    return page.evaluate(
        "i => window.__nlWatch.change[i] - window.__nlWatch.keydown[window.__nlWatch.keydown.length - 1]",
        change_index)


def slider_handle(page, label_text, scope="body"):
    """The noUiSlider handle of the ipywidgets slider whose description contains label_text."""
    slider = page.locator(scope).locator(
        ".widget-slider", has=page.locator("label.widget-label", has_text=label_text))
    return slider.first.locator(".noUi-handle")
