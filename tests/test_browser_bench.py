"""The browser bench's scale figures: growth exponents, the table and the plot
(from figures given here: no browser, no timing assertions)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.bench import browser_bench

REPO = Path(__file__).resolve().parent.parent


def _row(places, claims, mode, ms, page, mapb, heap):
    return {"places": places, "claims": claims, "mode": mode, "date_change_ms_median": ms,
            "bytes_per_move_median": page, "map_bytes_per_move_median": mapb, "heap_mb_after_moves": heap,
            "first_map_s": 3.0, "full_layers_during_moves": 0 if mode == "ours" else 10, "moves": 10,
            "console_errors": []}


RESULT = {"moves": 10, "date": "2024-11-27", "rows": [
    _row(5000, 200000, "ours", 100.0, 250_000, 40_000, 50.0), _row(5000, 200000, "baseline", 200.0, 700_000, 450_000, 55.0),
    _row(20000, 1000000, "ours", 200.0, 400_000, 160_000, 150.0),
    _row(20000, 1000000, "baseline", 800.0, 2_000_000, 1_600_000, 160.0)]}


def test_exponent():
    assert browser_bench.exponent(5000, 100, 20000, 400) == 1.0
    assert browser_bench.exponent(5000, 100, 20000, 200) == 0.5
    assert browser_bench.exponent(5000, 0, 20000, 200) is None
    assert browser_bench.exponent(5000, 1, 5000, 2) is None


def test_report_has_both_modes_and_the_exponents(tmp_path):
    path = tmp_path / "scale.json"
    browser_bench.save(RESULT | {"growth": {"ours": {"date_change_ms_median": 0.5}}}, path)
    text = browser_bench.report(json.loads(path.read_text()))
    lines = text.splitlines()
    assert sum("5,000 / 200,000" in line for line in lines) == 2
    assert any("20,000 / 1,000,000" in line and "baseline" in line and "2,000,000" in line for line in lines)
    assert "growth exponent per place (ours): date_change_ms 0.5" in text


def test_plot_is_an_svg_and_the_same_for_the_same_figures(tmp_path):
    pytest.importorskip("matplotlib")
    a = browser_bench.plot(RESULT, tmp_path / "a.svg").read_text()
    b = browser_bench.plot(RESULT, tmp_path / "b.svg").read_text()
    assert a.lstrip().startswith("<?xml") and "<svg" in a
    assert a == b  # regenerated from the same bench output, the committed file does not change
    assert "only what changed" in a and "whole layer every move" in a


def test_cli_prints_and_plots_saved_figures(tmp_path):
    pytest.importorskip("matplotlib")
    saved = tmp_path / "scale.json"
    browser_bench.save(RESULT, saved)
    out = subprocess.run([sys.executable, "-m", "dashboard", "bench-browser", "--from-json", str(saved), "--plot",
                          str(tmp_path / "p.svg")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "20,000 / 1,000,000" in out.stdout and (tmp_path / "p.svg").exists()
