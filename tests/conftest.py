"""Shared fixtures.

Browser tests (modelled on streamlit-folium's tests/test_frontend.py and
Streamlit's e2e_playwright):

* ``streamlit_server`` (session): a factory that starts
  ``python -m streamlit run dashboard/app.py`` on a free port with the given
  environment, waits for ``/_stcore/health`` and returns the base URL. Every
  server it started is stopped (with its process group) at the end.
* ``app_url`` (session): the app on the bundled data.
* ``browser`` (session): Debian's Chromium (/usr/bin/chromium) through
  Playwright; tests using it are skipped with the reason when Chromium or
  Playwright is missing. Playwright never downloads a browser here.
* ``context`` / ``page``: a fresh 1400x1000 context whose requests to anything
  but localhost / file: / data: are aborted, so every test proves the map
  works without a CDN or tiles. ``page.dialogs`` lists any dialog opened.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HEALTH_TIMEOUT = 60.0
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Variables that would make a started app read other data or other code.
_DATA_VARS = ("DASHBOARD_EVENTS", "DASHBOARD_PLACES", "DASHBOARD_ACTORS")


# ------------------------------------------------------------------ browser availability


def browser_unavailable_reason() -> str | None:
    """Why browser tests cannot run here, or None if they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} not found (install Debian's chromium: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"playwright is not installed ({exc}); pip install -r requirements-test.txt"
    return None


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable_reason()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"browser test skipped: {reason}")
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(skip)


# ------------------------------------------------------------------ streamlit servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float = 5.0) -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"User-Agent": "pytest"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - localhost only
        return resp.status, resp.read().decode("utf-8", "replace")


@dataclass
class StreamlitServer:
    """One ``streamlit run`` process in its own process group."""

    proc: subprocess.Popen
    port: int
    log_path: Path
    cwd: Path
    env: dict = field(repr=False, default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self, tail: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.proc.returncode} before it was healthy:\n{self.log()}")
            try:
                status, body = http_get(f"{self.url}/_stcore/health", timeout=2)
                if status == 200 and body.strip() == "ok":
                    return
                last = f"{status} {body[:100]!r}"
            except (urllib.error.URLError, ConnectionError, OSError) as exc:
                last = repr(exc)
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit not healthy after {timeout:.0f}s (last: {last}):\n{self.log()}")

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=15)


def start_streamlit(log_dir: Path, env: dict | None = None, *, python: str = sys.executable,
                    cwd: Path = REPO, clean_env: bool = False, timeout: float = HEALTH_TIMEOUT) -> StreamlitServer:
    """Start the app and wait until it answers /_stcore/health.

    ``env`` is added to this process's environment (minus any DASHBOARD_*
    data variables), or, with ``clean_env``, to a minimal one (PATH, HOME,
    LANG) so nothing of this interpreter leaks in (no PYTHONPATH)."""
    if clean_env:
        base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if k in os.environ}
    else:
        base = {k: v for k, v in os.environ.items() if k not in _DATA_VARS}
    full_env = base | {"PYTHONUNBUFFERED": "1", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"} | dict(env or {})
    port = free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"streamlit-{port}.log"
    cmd = [python, "-m", "streamlit", "run", "dashboard/app.py",
           "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false",
           # other people edit the sources while tests run: never rerun on a file change
           "--server.fileWatcherType", "none"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=str(cwd), env=full_env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    server = StreamlitServer(proc=proc, port=port, log_path=log_path, cwd=Path(cwd), env=full_env)
    server.wait_healthy(timeout)
    return server


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory):
    """Factory: ``streamlit_server(env=None, **kw) -> StreamlitServer`` (see
    start_streamlit). Servers with the same env and options are shared within
    the session; all are stopped at the end."""
    servers: dict = {}
    log_dir = tmp_path_factory.mktemp("streamlit-logs")

    def start(env: dict | None = None, **kw) -> StreamlitServer:
        key = (tuple(sorted((env or {}).items())), tuple(sorted((k, str(v)) for k, v in kw.items())))
        srv = servers.get(key)
        if srv is None or srv.proc.poll() is not None:
            srv = servers[key] = start_streamlit(log_dir, env, **kw)
        return srv

    yield start
    for srv in servers.values():
        srv.stop()


@pytest.fixture(scope="session")
def app_server(streamlit_server) -> StreamlitServer:
    """The app on the bundled data (events.csv, geodata/)."""
    return streamlit_server()


@pytest.fixture(scope="session")
def app_url(app_server) -> str:
    return app_server.url


# ------------------------------------------------------------------ playwright


@pytest.fixture(scope="session")
def _playwright_browser():
    """Chromium via Playwright, or None when either is missing."""
    if browser_unavailable_reason() is not None:
        yield None
        return
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
                                     timeout=60_000)
    except Exception:
        pw.stop()
        raise
    try:
        yield browser
    finally:
        browser.close()
        pw.stop()


@pytest.fixture(scope="session")
def browser(_playwright_browser):
    if _playwright_browser is None:
        pytest.skip(f"browser test skipped: {browser_unavailable_reason()}")
    return _playwright_browser


def block_external(route) -> None:
    """Let localhost, file:, data: and blob: through; abort everything else."""
    url = route.request.url
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "file", "about") or (parts.hostname or "") in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort("blockedbyclient")


def new_context(browser, **kw):
    """A context that can reach only localhost/file:, with bounded timeouts."""
    kw.setdefault("viewport", {"width": 1400, "height": 1000})
    ctx = browser.new_context(**kw)
    ctx.set_default_timeout(30_000)
    ctx.set_default_navigation_timeout(60_000)
    ctx.route("**/*", block_external)
    ctx.blocked = []
    ctx.on("requestfailed", lambda req: ctx.blocked.append(req.url)
           if (urlsplit(req.url).hostname or "") not in LOCAL_HOSTS else None)
    return ctx


@pytest.fixture
def context(browser):
    ctx = new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.dialogs = []

    def on_dialog(dialog):
        pg.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.page_errors = []
    pg.on("pageerror", lambda err: pg.page_errors.append(str(err)))
    yield pg
    pg.close()


@pytest.fixture(autouse=True, scope="session")
def _dataset_cache_dir(tmp_path_factory):
    """Keep the disk cache of validated data (dashboard/core/store.py) out of the
    user's home for the whole run, subprocesses and servers included."""
    old = os.environ.get("DASHBOARD_CACHE_DIR")
    os.environ["DASHBOARD_CACHE_DIR"] = str(tmp_path_factory.mktemp("dataset-cache"))
    yield
    if old is None:
        os.environ.pop("DASHBOARD_CACHE_DIR", None)
    else:
        os.environ["DASHBOARD_CACHE_DIR"] = old
