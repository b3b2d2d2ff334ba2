"""The benchmark command runs and prints well-formed figures (no timing assertions)."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
FIGURES = ["load_validate_s", "state_ms", "baseline_state_ms", "map_build_ms", "baseline_map_build_ms",
           "bytes_per_date_change", "baseline_bytes_per_date_change"]
APP_FIGURES = ["rerun_ms", "baseline_rerun_ms", "cold_start_s", "cold_start_first_s", "baseline_cold_start_s",
               "peak_mb", "peak_first_mb", "baseline_peak_mb", "page_bytes_per_date_change",
               "baseline_page_bytes_per_date_change"]


def _bundled_counts():
    """(places, claims) of the bundled data, as the bench loads it."""
    from dashboard.data import load_dataset

    ds = load_dataset(REPO / "events.csv", REPO / "geodata" / "places.csv")
    return len(ds.places), len(ds.events)


def test_bundled_counts_pinned():
    assert _bundled_counts() == (48, 197)  # the whole offensive: 197 claims about 48 places


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
    places, claims = _bundled_counts()
    assert bundled["label"] == "bundled data" and (bundled["places"], bundled["claims"]) == (places, claims)
    assert synthetic["label"] == "synthetic" and (synthetic["places"], synthetic["claims"]) == (30, 400)
    for r in (bundled, synthetic):
        for key in FIGURES + APP_FIGURES:
            assert isinstance(r[key], (int, float)) and r[key] > 0, (r["label"], key, r.get(key))
        assert not any(k.endswith("_error") for k in r), r


def test_bench_table_without_app():
    text = _bench("--places", "20", "--events", "200", "--repeat", "1", "--no-app")
    places, claims = _bundled_counts()
    assert f"bundled data: {places:,} places, {claims:,} claims" in text
    assert "synthetic: 20 places, 200 claims" in text
    lines = text.splitlines()
    rows = [line for line in lines if "map build (ms)" in line]
    assert len(rows) == 2  # one per data set
    for row in rows:
        ours, baseline, ratio = row.split()[-3:]
        assert float(ours.replace(",", "")) > 0 and float(baseline.replace(",", "")) > 0 and ratio.endswith("x")
    # --no-app skips the AppTest figures: their rows are there, without values, and no error is reported
    reruns = [line for line in lines if "app rerun after slider move (ms)" in line]
    assert len(reruns) == 2 and all(r.split()[-3:] == ["-", "-", "-"] for r in reruns)
    assert "_error" not in text
