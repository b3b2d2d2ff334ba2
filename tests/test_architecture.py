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
# the only modules outside a layer package: the package's marker, `python -m dashboard` and the Streamlit entry
ENTRY_POINTS = {"__init__", "__main__", "app"}


def test_the_import_contracts_hold():
    exe = shutil.which("lint-imports") or pytest.skip("import-linter is not installed (requirements-test.txt)")
    run = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in run.stdout


def test_every_module_lives_in_a_layer_the_contracts_name():
    loose = {p.stem for p in (ROOT / "dashboard").glob("*.py")} - ENTRY_POINTS
    assert not loose, f"modules outside every layer package: {sorted(loose)}"
    packages = {p.parent.name for p in (ROOT / "dashboard").glob("*/__init__.py")}
    layers = next(c for c in CONFIG["contracts"] if c["type"] == "layers")["layers"]
    named = {m.strip().removeprefix("dashboard.") for layer in layers for m in layer.split("|")}
    assert packages <= named, f"layer packages missing from the layers contract: {sorted(packages - named)}"
    acyclic = next(c for c in CONFIG["contracts"] if c["type"] == "acyclic_siblings")
    assert {f"dashboard.{p}" for p in packages} <= set(acyclic["ancestors"])  # no circles inside any layer


def test_the_core_imports_no_streamlit_at_run_time():
    # and, whatever the contracts say, importing the core and the map in a fresh interpreter loads no Streamlit
    code = ("import sys, dashboard.core.data, dashboard.core.control, dashboard.map.mapview, dashboard.ingest.extraction, dashboard.exports.records;"
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr[-2000:]


def test_the_readme_module_map_matches_the_tree():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import module_map
    finally:
        sys.path.remove(str(ROOT / "tools"))
    held = module_map.in_readme((ROOT / "README.md").read_text(encoding="utf-8"))
    assert held is not None, "README.md lost its module-map section"
    assert held == module_map.module_map(), "README's module map is stale: run python tools/module_map.py --write"


def test_every_layer_package_is_installed_with_the_project():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {"dashboard"} | {f"dashboard.{p.parent.name}" for p in (ROOT / "dashboard").glob("*/__init__.py")}
    assert found == listed, f"pyproject.toml [tool.setuptools] packages differ from the tree: {sorted(found ^ listed)}"
