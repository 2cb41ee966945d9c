"""Shared helpers for the browser tests: a real JupyterLab server and Debian chromium.

Usage in a test module (``tests/`` is on ``sys.path`` while pytest runs)::

    from browser import CHROMIUM_MISSING, LabServer, chromium_page, open_notebook, screenshot

    pytestmark = pytest.mark.browser

    @pytest.fixture(scope="module")
    def lab(tmp_path_factory):
        with LabServer(notebook_dir) as server:
            yield server

    def test_something(lab):
        with chromium_page() as page:
            open_notebook(page, lab, "00_mulai.ipynb")
            run_all_cells(page)
            ...
            screenshot(page, "something.png")

The server is started with :func:`toolkit.lab.lab_command` (the same command
line as ``make lab``) on a free port, with settings and workspaces in a
temporary folder and ``--LabApp.expose_app_in_browser=True``. Never run
``playwright install``: the browser is always ``/usr/bin/chromium``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from toolkit.lab import lab_command, wait_until_ready

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: Reason to skip when the browser is missing (CI installs it), else None.
CHROMIUM_MISSING = (
    None if CHROMIUM.exists() else f"{CHROMIUM} is not installed (apt-get install chromium)"
)
START_TIMEOUT = 90.0


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server for one test module; a context manager.

    Attributes after ``__enter__``: ``url`` (``http://127.0.0.1:PORT/``),
    ``token``, ``proc``, ``env``, ``log`` (the server's output file).
    """

    def __init__(
        self,
        notebook_dir: Path,
        *,
        workshop: Path | None = None,
        extra_args: tuple[str, ...] = (),
        timeout: float = START_TIMEOUT,
    ) -> None:
        self.notebook_dir = Path(notebook_dir)
        self.workshop = workshop
        self.extra_args = extra_args
        self.timeout = timeout
        self.url = ""
        self.token = ""
        self.proc: subprocess.Popen | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> LabServer:
        self._tmp = tempfile.TemporaryDirectory(prefix="kemitraan-lab-")
        tmp = Path(self._tmp.name)
        workshop = self.workshop or tmp / "workshop"
        workshop.mkdir(parents=True, exist_ok=True)
        argv, env, token = lab_command(
            self.notebook_dir, workshop, port=free_port(), settings_dir=tmp / "jupyter"
        )
        argv += ["--LabApp.expose_app_in_browser=True", *self.extra_args]
        self.env, self.token, self.log = env, token, tmp / "server.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(  # noqa: S603 - our own argv
                argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self.url = wait_until_ready(self.proc, token, timeout=self.timeout, env=env)
        except BaseException as exc:
            self.__exit__(None, None, None)
            raise RuntimeError(f"JupyterLab did not start:\n{self.log_tail()}") from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.cleanup()
            self._tmp = None

    def log_tail(self, lines: int = 40) -> str:
        """Return the last `lines` lines of the server's output."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except (AttributeError, OSError):
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def lab_url(self, path: str = "lab", **query: str) -> str:
        """Return ``<url><path>?token=...`` (plus `query`) for this server."""
        params = urllib.parse.urlencode({"token": self.token, **query})
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}{params}"


def copy_notebooks(target: Path, source: Path = REPO / "notebooks") -> list[Path]:
    """Copy the project's ``*.ipynb`` into `target`; return the copies."""
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(nb, target / nb.name)) for nb in sorted(source.glob("*.ipynb"))]


@contextlib.contextmanager
def chromium_page(
    *, width: int = 1280, height: int = 800, locale: str = "id-ID"
) -> Iterator[object]:
    """Yield a Playwright page in headless Debian chromium; close everything afterwards."""
    from playwright.sync_api import sync_playwright

    # No proxy for the local server, whatever the environment says.
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, env=env
        )
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale=locale
            )
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_pages(
    count: int, *, width: int = 1280, height: int = 800, locale: str = "id-ID"
) -> Iterator[list]:
    """Yield `count` pages, each in its own browser context (like separate laptops)."""
    from playwright.sync_api import sync_playwright

    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, env=env
        )
        try:
            pages = []
            for _ in range(count):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale=locale
                )
                page = context.new_page()
                page.set_default_timeout(30_000)
                pages.append(page)
            yield pages
        finally:
            browser.close()


def open_notebook(page, server: LabServer, notebook: str, workspace: str | None = None) -> None:
    """Open `notebook` in its own workspace (``/lab/workspaces/NAME/tree/NB?reset``).

    Waits until the notebook panel is shown and accepts a "select kernel" dialog
    if one appears.
    """
    name = workspace or Path(notebook).stem.replace(".", "-")
    quoted = urllib.parse.quote(notebook)
    page.goto(server.lab_url(f"lab/workspaces/{name}/tree/{quoted}", reset=""))
    page.wait_for_selector(".jp-NotebookPanel", state="visible", timeout=60_000)
    accept_kernel_dialog(page)
    wait_for_kernel_idle(page)


def accept_kernel_dialog(page, timeout: float = 3_000) -> bool:
    """Accept a "select kernel" dialog if one shows within `timeout` ms; return whether it did."""
    try:
        button = page.locator(".jp-Dialog .jp-mod-accept")
        button.wait_for(state="visible", timeout=timeout)
    except Exception:  # noqa: BLE001 - no dialog is the normal case
        return False
    button.click()
    return True


def wait_for_kernel_idle(page, timeout: float = 60.0) -> None:
    """Wait until the current notebook's kernel is connected and idle."""
    script = """() => {
        const w = window.jupyterapp.shell.currentWidget;
        const k = w && w.sessionContext && w.sessionContext.session
            && w.sessionContext.session.kernel;
        return !!k && k.status === 'idle';
    }"""
    page.wait_for_function(script, timeout=timeout * 1000)


def run_all_cells(page) -> None:
    """Run every cell of the current notebook (the command is started, not awaited)."""
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def wait_for_cells_done(page, timeout: float = 120.0) -> None:
    """Wait until no cell of the current notebook is queued or running (``[*]``)."""
    deadline = time.monotonic() + timeout
    page.wait_for_timeout(500)
    while time.monotonic() < deadline:
        busy = page.locator(".jp-InputPrompt:has-text('[*]')").count()
        if busy == 0:
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"cells still running after {timeout:.0f} s")


def outputs(page):
    """Return a locator for the cell outputs (text selectors would also match cell code)."""
    return page.locator(".jp-OutputArea-output")


def screenshot(page, name: str) -> Path:
    """Save a full-window screenshot to ``<repo>/test-artifacts/<name>``; return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path
