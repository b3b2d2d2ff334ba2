"""A Streamlit Community Cloud install, simulated: the tracked files only
(what a clone gets), a fresh virtual environment that cannot see this
interpreter's packages, ``pip install -r requirements.txt`` and nothing else
(no editable install, no PYTHONPATH), then ``streamlit run dashboard/app.py``
from the copy's root. Needs a package index (skipped with the reason when
pip cannot reach one) and takes a minute or two.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import REPO, http_get, new_context, start_streamlit  # noqa: E402

pytestmark = pytest.mark.slow

PIP_TIMEOUT = 900  # s; a cold install downloads pyarrow, pandas, numpy...
# Variables that would let the copy see this checkout or this interpreter.
_LEAKY = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV", "CONDA_PREFIX",
          "DASHBOARD_EVENTS", "DASHBOARD_PLACES", "DASHBOARD_ACTORS")


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in _LEAKY}
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_NO_INPUT"] = "1"
    return env | extra


def tracked_files() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: cannot list the tracked files")
    res = subprocess.run(["git", "ls-files", "-z", "--cached"], cwd=REPO, capture_output=True, timeout=60)
    if res.returncode != 0:
        pytest.skip(f"not a git checkout: {res.stderr.decode(errors='replace').strip()}")
    return [f for f in res.stdout.decode("utf-8").split("\0") if f]


def run(cmd, cwd, timeout, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=str(cwd), env=env or clean_env(), capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def tail(res: subprocess.CompletedProcess, n: int = 3000) -> str:
    return (res.stdout + "\n" + res.stderr)[-n:]


def test_fresh_install_runs_the_app(tmp_path, _playwright_browser):
    # 1. the files a clone gets
    app = tmp_path / "app"
    files = tracked_files()
    for rel in files:
        src = REPO / rel
        if src.is_file():  # tracked but deleted in the working tree: not there
            dst = app / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    for needed in ("requirements.txt", "dashboard/app.py", "events.csv", "geodata/places.csv",
                   "geodata/actors.csv", "dashboard/static/leaflet.js"):
        if not (app / needed).is_file():
            untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=REPO,
                                       capture_output=True, text=True).stdout.split()
            pytest.fail(f"{needed} is not tracked by git, so a Cloud clone would not have it "
                        f"(untracked: {', '.join(untracked[:20])})")

    # 2. a fresh venv that cannot see this interpreter's packages
    venv = tmp_path / "venv"
    res = run([sys.executable, "-m", "venv", venv], tmp_path, 300)
    assert res.returncode == 0, tail(res)
    py = venv / "bin" / "python"
    res = run([py, "-c", "import json, sys; print(json.dumps(sys.path))"], app, 60)
    assert res.returncode == 0, tail(res)
    venv_path = json.loads(res.stdout)
    ours = {p for p in site.getsitepackages() + [site.getusersitepackages(), sysconfig.get_path("purelib"),
                                                 sysconfig.get_path("platlib")] if p}
    leaked = [p for p in venv_path if p in ours and not p.startswith(str(venv))]
    assert leaked == [], f"the venv sees this interpreter's packages: {leaked}"
    res = run([py, "-c", "import streamlit"], app, 60)
    assert res.returncode != 0, "streamlit importable in a fresh venv: it is not isolated"

    # 3. can pip reach an index at all?
    res = run([py, "-m", "pip", "index", "versions", "streamlit"], app, 180)
    if res.returncode != 0 or "streamlit" not in res.stdout:
        pytest.skip(f"pip cannot reach a package index: {tail(res, 600)}")

    # 4. what Community Cloud does: pip install -r requirements.txt, nothing more
    res = run([py, "-m", "pip", "install", "--no-input", "-r", "requirements.txt"], app, PIP_TIMEOUT)
    assert res.returncode == 0, f"pip install -r requirements.txt failed:\n{tail(res)}"
    res = run([py, "-c", "import streamlit, streamlit_folium, folium; print(streamlit.__file__)"], app, 120)
    assert res.returncode == 0, tail(res)
    assert res.stdout.strip().startswith(str(venv)), res.stdout
    res = run([py, "-c", "import dashboard"], tmp_path, 60)
    assert res.returncode != 0, "the dashboard package is importable without the copy: installed somewhere?"

    # 5. the script runs to the end without an exception (no browser needed)
    res = run([py, "-c", "from streamlit.testing.v1 import AppTest\n"
                         "at = AppTest.from_file('dashboard/app.py', default_timeout=120).run()\n"
                         "assert not at.exception, [e.message for e in at.exception]\n"
                         "assert not at.error, [e.value for e in at.error]\n"
                         "print('ok', at.slider[0].value)"], app, 300)
    assert res.returncode == 0, f"the app script failed in the fresh install:\n{tail(res)}"
    assert res.stdout.startswith("ok 2024-12-20"), res.stdout  # the last day of the bundled data

    # 6. streamlit run from the copy's root, with a minimal environment
    server = start_streamlit(tmp_path / "logs", python=str(py), cwd=app, clean_env=True,
                             env={"PYTHONNOUSERSITE": "1"}, timeout=120)
    try:
        assert server.env.get("PYTHONPATH") is None
        status, body = http_get(server.url + "/_stcore/health")
        assert (status, body.strip()) == (200, "ok")
        status, body = http_get(server.url + "/")
        assert status == 200 and 'id="root"' in body
        if _playwright_browser is not None:
            ctx = new_context(_playwright_browser)
            try:
                page = ctx.new_page()
                page.goto(server.url + "/")
                iframe = page.locator('iframe[title="streamlit_folium.st_folium"]')
                iframe.wait_for(state="attached", timeout=90_000)
                frame = iframe.element_handle().content_frame()
                frame.wait_for_function("() => document.querySelectorAll('path.dashboard-marker').length > 0",
                                        timeout=90_000)
                n_places = sum(1 for _ in open(app / "geodata" / "places.csv", encoding="utf-8")) - 1
                assert frame.locator("path.dashboard-marker").count() == n_places > 100  # every bundled place
                # the base geography and the map's own script came with the files a clone gets
                frame.wait_for_function(
                    "() => document.querySelectorAll('.leaflet-dashboard-geography-pane path').length > 20",
                    timeout=90_000)
                srcs = frame.locator("script[src]").evaluate_all("els => els.map(e => e.src)")
                assert all(urlsplit(s).hostname == "127.0.0.1" for s in srcs), srcs
                leaflet = [s for s in srcs if s.endswith("/leaflet.js")]
                assert leaflet, srcs
                assert any(s.endswith("/dashboard-map.js") for s in srcs), srcs
                status, body = http_get(leaflet[0])  # the vendored copy, served by the app
                assert status == 200 and "Leaflet" in body[:2000]
                assert "Traceback" not in page.locator("body").inner_text()
            finally:
                ctx.close()
        assert "Traceback" not in server.log(100_000), server.log()
    finally:
        server.stop()
