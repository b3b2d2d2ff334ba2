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
APP_FIGURES = ["rerun_ms", "page_rerun_ms", "baseline_rerun_ms", "cold_start_s", "cold_start_first_s", "baseline_cold_start_s",
               "peak_mb", "peak_first_mb", "baseline_peak_mb", "page_bytes_per_date_change",
               "baseline_page_bytes_per_date_change"]


def _bundled_counts():
    """(places, claims) of the bundled data, as the bench loads it."""
    from dashboard.core.data import load_dataset

    ds = load_dataset(REPO / "events.csv", REPO / "geodata" / "places.csv")
    return len(ds.places), len(ds.events)


def test_bundled_counts_pinned():
    assert _bundled_counts() == (117, 627)  # every report read: 627 claims; 117 places in the table (114 with claims; Khanasir merged into Khanasser)


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


def test_growth_exponents_between_the_two_largest_sizes():
    from dashboard.bench import bench

    assert bench.parse_sizes("5000x200000, 20000X1000000") == [(5000, 200_000), (20_000, 1_000_000)]
    for bad in ("5000", "ax200", "5000x"):
        try:
            bench.parse_sizes(bad)
        except ValueError as exc:
            assert "PLACESxCLAIMS" in str(exc)
        else:
            raise AssertionError(bad)
    small = {"label": "synthetic", "places": 10, "claims": 100, "state_ms": 2.0, "baseline_state_ms": 5.0, "peak_mb": 100}
    big = {"label": "synthetic", "places": 40, "claims": 1000, "state_ms": 20.0, "baseline_state_ms": 5.0, "peak_mb": 100}
    g = bench.growth([{"label": "bundled data", "claims": 5}, small, big])
    assert abs(g["exponents"]["state_ms"] - 1.0) < 1e-9  # ten times the claims, ten times the time
    assert abs(g["exponents"]["baseline_state_ms"]) < 1e-9 and abs(g["exponents"]["peak_mb"]) < 1e-9
    assert "rerun_ms" not in g["exponents"]  # not measured: no exponent
    assert bench.growth([small]) == {}
    assert "state at a date (ms)" in bench.growth_report(g) and "1.00" in bench.growth_report(g)


def test_bench_sizes_print_growth_exponents():
    text = _bench("--sizes", "10x100,20x300", "--repeat", "1", "--no-app")
    assert "synthetic: 10 places, 100 claims" in text and "synthetic: 20 places, 300 claims" in text
    assert "growth exponents, 10 places / 100 claims -> 20 places / 300 claims" in text
    growth_part = text.split("growth exponents", 1)[1]
    row = next(line for line in growth_part.splitlines() if "state at a date (ms)" in line)
    float(row.split()[-2]), float(row.split()[-1])  # ours and the baseline's exponent, as numbers
