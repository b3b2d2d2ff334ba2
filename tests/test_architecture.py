"""The directions imports may take (pyproject.toml [tool.importlinter]) hold, and every module is checked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
# the Streamlit layer and the benchmarks (which time the app under AppTest) may import Streamlit
SCREEN = {"app", "map_page", "add_report_page", "page_access", "assets", "apptest_fragments", "bench",
          "browser_bench", "acled_bench", "__main__", "__init__"}


def test_the_import_contracts_hold():
    exe = shutil.which("lint-imports") or pytest.skip("import-linter is not installed (requirements-test.txt)")
    run = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in run.stdout


def test_every_logic_module_is_held_to_the_contracts():
    # a new module outside the screen layer must be named in the no-Streamlit contract, or it goes unchecked
    logic = {p.stem for p in (ROOT / "dashboard").glob("*.py")} - SCREEN
    no_streamlit = next(c for c in CONFIG["contracts"] if "streamlit" in c.get("forbidden_modules", []))
    named = {m.removeprefix("dashboard.") for m in no_streamlit["source_modules"]}
    assert logic <= named, sorted(logic - named)
    assert any(c["type"] == "acyclic_siblings" for c in CONFIG["contracts"])  # no circles anywhere


def test_the_core_imports_no_streamlit_at_run_time():
    # and, whatever the contracts say, importing the core and the map in a fresh interpreter loads no Streamlit
    code = ("import sys, dashboard.data, dashboard.control, dashboard.mapview, dashboard.extraction, dashboard.export;"
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr[-2000:]
