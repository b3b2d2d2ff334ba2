"""The benchmark command runs and prints well-formed figures (no timing assertions)."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIGURES = ["load_validate_s", "state_ms", "baseline_state_ms", "map_build_ms", "baseline_map_build_ms",
           "bytes_per_date_change", "baseline_bytes_per_date_change"]
APP_FIGURES = ["rerun_ms", "baseline_rerun_ms", "cold_start_s", "cold_start_first_s", "baseline_cold_start_s",
               "peak_mb", "peak_first_mb", "baseline_peak_mb", "page_bytes_per_date_change",
               "baseline_page_bytes_per_date_change"]


def _bench(*args):
    out = subprocess.run([sys.executable, "-m", "dashboard", "bench", *args], cwd=REPO, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    return out.stdout


def test_bench_json_figures_are_well_formed():
    res = json.loads(_bench("--places", "30", "--events", "400", "--repeat", "2", "--json"))
    assert res["repeat"] == 2 and "cores" in res["machine"]
    bundled, synthetic = res["results"]
    assert bundled["label"] == "bundled data" and bundled["claims"] >= 34
    assert synthetic["label"] == "synthetic" and (synthetic["places"], synthetic["claims"]) == (30, 400)
    for r in (bundled, synthetic):
        for key in FIGURES + APP_FIGURES:
            assert isinstance(r[key], (int, float)) and r[key] > 0, (r["label"], key, r.get(key))
        assert not any(k.endswith("_error") for k in r), r


def test_bench_table_without_app():
    text = _bench("--places", "20", "--events", "200", "--repeat", "1", "--no-app")
    assert "bundled data: 13 places, 34 claims" in text
    assert "synthetic: 20 places, 200 claims" in text
    row = next(line for line in text.splitlines() if "map build (ms)" in line)
    ours, baseline, ratio = row.split()[-3:]
    assert float(ours.replace(",", "")) > 0 and float(baseline.replace(",", "")) > 0 and ratio.endswith("x")
