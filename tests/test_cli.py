"""Tests for ``python -m dashboard`` (validate, state, verify-quotes), run as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.core.data import load_dataset

from dataset_helpers import ACTORS, PLACES, URL_A, URL_B, ev, make_dataset

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
REPORTS = REPO.parent / "shared" / "reports"
REQUIRED_KEYS = {"place", "lat", "lon", "controller", "status", "since", "source_name", "source_url", "quote"}


def _env(env: dict | None) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    base.update(env or {})
    return base


def _check(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


def run(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI from the repo root with no DASHBOARD_* variables unless given."""
    proc = subprocess.run([sys.executable, "-m", "dashboard", *map(str, args)], cwd=REPO, env=_env(env),
                          capture_output=True, text=True, timeout=60)
    return _check(proc)


def run_all(*argvs) -> list[subprocess.CompletedProcess]:
    """Several independent CLI runs at once (each start imports pandas; keeps the suite fast)."""
    procs = [subprocess.Popen([sys.executable, "-m", "dashboard", *map(str, a)], cwd=REPO, env=_env(None),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for a in argvs]
    out = []
    for a, pr in zip(argvs, procs):
        stdout, stderr = pr.communicate(timeout=60)
        out.append(_check(subprocess.CompletedProcess(a, pr.returncode, stdout, stderr)))
    return out


def data_args(paths) -> list[str]:
    ev_path, pl_path, ac_path = paths
    return ["--events", str(ev_path), "--places", str(pl_path), "--actors", str(ac_path)]


# ---------------------------------------------------------------- validate


def test_validate_bundled_data_one_line_summary():
    proc = run("validate")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"ok: \d+ claims about \d+ places from \d+ reports, \d+ places, \d+ actors, "
                        r"\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}", lines[0]), lines[0]
    assert proc.stderr == ""


def test_validate_small_dataset_summary_values(tmp_path):
    paths = make_dataset(tmp_path, [
        ev(id="a", date="2016", date_precision="year"),
        ev(id="b", date="2024-11-30", place="Bravo", actor="SDF", source_url=URL_B),
    ])
    proc = run("validate", *data_args(paths))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (f"ok: 2 claims about 2 places from 2 reports, {len(PLACES)} places, "
                                   f"{len(ACTORS)} actors, 2016-01-01 to 2024-11-30")


def test_validate_lists_every_problem_and_exits_1(tmp_path):
    places = PLACES + [dict(PLACES[1], name="Delta", lat="ninety")]
    paths = make_dataset(tmp_path, [
        ev(id="ok"),
        ev(id="d", date="2024-02-30"),
        ev(id="a", actor="YPG", date="2024-11-30"),
        ev(id="u", source_url="javascript:alert(1)", date="2024-12-01"),
    ], places=places)
    proc = run("validate", *data_args(paths))
    assert proc.returncode == 1
    ev_path, pl_path, _ = paths
    err = proc.stderr
    assert f"{ev_path}:3: date '2024-02-30'" in err
    assert f"{ev_path}:4: unknown actor: 'YPG' (did you mean 'SDF'?)" in err
    assert f"{ev_path}:5: source_url 'javascript:alert(1)' is not an http(s) link" in err
    assert f"{pl_path}:5: lat 'ninety' is not a number" in err
    assert "4 problem(s) found" in err
    assert len([ln for ln in err.splitlines() if re.match(r".+:\d+: ", ln)]) == 4
    assert "ok:" not in proc.stdout


def test_validate_honours_environment_variables(tmp_path):
    ev_path, pl_path, _ = make_dataset(tmp_path, [ev(id="only")])
    proc = run("validate", env={"DASHBOARD_EVENTS": str(ev_path), "DASHBOARD_PLACES": str(pl_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok: 1 claim about 1 place from 1 report")


def test_validate_missing_file(tmp_path):
    proc = run("validate", "--events", tmp_path / "nope.csv")
    assert proc.returncode == 1
    assert f"{tmp_path / 'nope.csv'}:0: file not found" in proc.stderr


def test_validate_malformed_csv_message_not_traceback(tmp_path):
    paths = make_dataset(tmp_path, [ev(id="a")])
    paths[0].write_text(paths[0].read_text() + 'x,"unclosed\n', encoding="utf-8")
    proc = run("validate", *data_args(paths))
    assert proc.returncode == 1
    assert f"{paths[0]}:3: not valid CSV" in proc.stderr


# ------------------------------------------------------------------- state


@pytest.fixture(scope="module")
def bundled_state(tmp_path_factory):
    """``state --date 2024-12-02`` in each format (and the default), run together, on a small data set:
    Alpha the government's, Bravo taken by HTS from the SDF on 1 Dec, Charlie Russia's (the bundled
    data's own figures are pinned in tests/test_bundled_data.py)."""
    paths = make_dataset(tmp_path_factory.mktemp("state"), [
        ev(id="a1"),
        ev(id="b1", date="2024-11-20", place="Bravo", actor="SDF", quote="The SDF holds Bravo."),
        ev(id="b2", date="2024-12-01", place="Bravo", actor="HTS", event="captured", previous_actor="SDF",
           source_url=URL_B, source_name="Report B", quote="HTS captured Bravo from the SDF."),
        ev(id="c1", date="2024-11-01", place="Charlie", actor="Russia", quote="Russia holds Charlie."),
    ])
    fmts = ["json", "csv", "geojson", None]
    argvs = [["state", "--date", "2024-12-02", *data_args(paths)] + (["--format", f] if f else []) for f in fmts]
    return dict(zip(fmts, run_all(*argvs)))


def test_state_json_has_required_keys(bundled_state):
    proc = bundled_state["json"]
    assert proc.returncode == 0, proc.stderr
    recs = json.loads(proc.stdout)
    assert isinstance(recs, list) and recs
    for rec in recs:
        assert REQUIRED_KEYS <= set(rec)
        assert isinstance(rec["lat"], float) and isinstance(rec["lon"], float)
        assert rec["source_url"].startswith("http")
        assert rec["quote"]
    by_place = {r["place"]: r for r in recs}
    assert set(by_place) == {"Alpha", "Bravo", "Charlie"}
    br = by_place["Bravo"]  # taken from the SDF on 1 Dec
    assert (br["controller"], br["status"], br["since"]) == ("HTS", "controlled", "1 Dec 2024")
    assert (br["lat"], br["lon"]) == (36.47, 37.09)


def test_state_csv_has_required_keys(bundled_state):
    proc = bundled_state["csv"]
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows
    assert REQUIRED_KEYS <= set(rows[0])
    by_place = {r["place"]: r for r in rows}
    assert (by_place["Bravo"]["controller"], by_place["Bravo"]["status"]) == ("HTS", "controlled")
    assert by_place["Bravo"]["since"] == "1 Dec 2024"
    assert (by_place["Alpha"]["controller"], by_place["Alpha"]["status"]) == ("Syrian government", "controlled")
    assert float(by_place["Alpha"]["lat"]) == pytest.approx(36.2)


def test_state_geojson_feature_collection(bundled_state):
    proc = bundled_state["geojson"]
    assert proc.returncode == 0, proc.stderr
    gj = json.loads(proc.stdout)
    assert gj["type"] == "FeatureCollection"
    assert gj["features"]
    for f in gj["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        props = f["properties"]
        assert REQUIRED_KEYS <= set(props)
        assert (props["lon"], props["lat"]) == (lon, lat)  # GeoJSON order is lon, lat
    ch = next(f for f in gj["features"] if f["properties"]["place"] == "Charlie")
    assert ch["geometry"]["coordinates"] == [35.94, 35.41]
    assert ch["properties"]["controller"] == "Russia"


def test_state_default_format_is_json(bundled_state):
    proc = bundled_state[None]
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(bundled_state["json"].stdout)


def test_state_actor_filter():
    proc = run("state", "--date", "2024-12-02", "--actor", "SDF")
    assert proc.returncode == 0, proc.stderr
    recs = json.loads(proc.stdout)
    from dashboard.core import control
    from dashboard.core.data import DEFAULT_EVENTS, DEFAULT_PLACES

    bundled = load_dataset(DEFAULT_EVENTS, DEFAULT_PLACES, DEFAULT_PLACES.with_name("actors.csv"))
    # the CLI selects what the library selects
    assert {r["place"] for r in recs} == set(control.state_at(bundled, "2024-12-02", actors=["SDF"])["place"])
    assert {"Raqqa", "Manbij", "Sheikh Maqsoud", "Sheikh Najjar", "Deir Hafer", "Maskana"} <= {r["place"] for r in recs}
    # no place is contested by the SDF that day: Aleppo is HTS's (the SDF pockets are about part of it)
    assert {r["controller"] for r in recs} == {"SDF"}
    assert "Aleppo" not in {r["place"] for r in recs}

    proc = run("state", "--date", "2024-12-02", "--actor", "Rebels", "--actor", "Russia")
    recs = json.loads(proc.stdout)
    names = {r["place"] for r in recs}
    assert {"Idlib", "Aleppo", "Tel Rifaat", "Hmeimim air base", "Saraqib"} <= names  # HTS and SNA are Rebels
    assert not names & {"Hama", "Raqqa", "Deir Hafer"}


def test_state_on_small_dataset(tmp_path):
    paths = make_dataset(tmp_path, [
        ev(id="y", date="2016", date_precision="year", place="Bravo", actor="SDF"),
        ev(id="d", date="2024-12-01", place="Bravo", actor="SNA", previous_actor="SDF"),
    ])
    recs = json.loads(run("state", "--date", "2016-06-01", *data_args(paths)).stdout)
    # inside 2016 the year-only claim is a change in progress, not a certain one
    assert [(r["place"], r["controller"], r["pending"] != "") for r in recs] == [("Bravo", "SDF", True)]
    recs = json.loads(run("state", "--date", "2024-12-01", *data_args(paths)).stdout)
    assert [(r["place"], r["controller"], r["since"]) for r in recs] == [("Bravo", "SNA", "1 Dec 2024")]


def test_state_unknown_actor_exits_nonzero_with_message():
    proc = run("state", "--date", "2024-12-02", "--actor", "YPG")
    assert proc.returncode != 0
    assert "unknown actor" in proc.stderr and "YPG" in proc.stderr
    assert proc.stdout == ""


BAD_DATES = ["2024-13-45", "2024-02-30", "yesterday", "02/12/2024", ""]


def test_state_bad_date_gives_message():
    for bad, proc in zip(BAD_DATES, run_all(*[["state", "--date", b] for b in BAD_DATES])):
        assert proc.returncode != 0, bad
        assert "not a date" in proc.stderr, (bad, proc.stderr)
        assert repr(bad) in proc.stderr, (bad, proc.stderr)
        assert proc.stdout == "", bad


def test_state_without_date_is_a_usage_error():
    proc = run("state")
    assert proc.returncode == 2
    assert "--date" in proc.stderr


def test_state_bad_data_exits_1(tmp_path):
    paths = make_dataset(tmp_path, [ev(status="held")])
    proc = run("state", "--date", "2024-12-02", *data_args(paths))
    assert proc.returncode == 1
    assert f"{paths[0]}:2: status 'held'" in proc.stderr


# ----------------------------------------------------------- verify-quotes


@pytest.mark.skipif(not (SEEDS.is_dir() and REPORTS.is_dir()),
                    reason=f"report texts not found at {SEEDS} and {REPORTS} (../shared beside the checkout)")
def test_verify_quotes_passes_on_seeds_and_reports():
    proc = run("verify-quotes", "--sources", SEEDS, "--sources", REPORTS)
    assert proc.returncode == 0, proc.stderr
    m = re.fullmatch(r"(\d+) quote\(s\) checked, 0 failure\(s\), (\d+) summary row\(s\) skipped", proc.stdout.strip())
    assert m, proc.stdout
    assert int(m.group(1)) == len(load_dataset().events)  # every bundled quote, none skipped
    assert proc.stderr == ""
    # with one folder only, the other folder's quotes are listed, never skipped in silence
    proc = run("verify-quotes", "--sources", SEEDS)
    assert proc.returncode == 1 and "no report text for https://" in proc.stderr


def test_verify_quotes_across_two_folders(tmp_path):
    first = _sources(tmp_path)
    second = tmp_path / "more"
    second.mkdir()
    (second / "002_b.txt").write_text("The SNA took Charlie.", encoding="utf-8")
    (second / "SOURCES.md").write_text(f"| file | link |\n|---|---|\n| 002_b.txt | {URL_B} |\n", encoding="utf-8")
    paths = make_dataset(tmp_path / "data", [
        ev(id="a", place="Bravo", actor="Rebels", quote="Rebels entered Bravo."),
        ev(id="b", place="Charlie", actor="SNA", source_url=URL_B, quote="The SNA took Charlie."),
        ev(id="c", place="Charlie", actor="SNA", date="2024-12-02", source_url="https://example.org/nowhere",
           quote="Nowhere."),
    ])
    proc = run("verify-quotes", "--sources", first, "--sources", second, *data_args(paths))
    assert proc.returncode == 1
    assert proc.stdout.strip() == "2 quote(s) checked, 1 failure(s), 0 summary row(s) skipped"
    assert f"{paths[0]}:4: no report text for https://example.org/nowhere in {first}, {second}" in proc.stderr


REPORT_TEXT = """Report A\n\nFighting continued on Friday.  The government\u2019s forces \u2014 the army \u2014 said they
\u201crepelled\u201d the attack on Alpha.\n\nRebels entered Bravo.\n"""


def _sources(tmp_path) -> Path:
    src = tmp_path / "sources"
    src.mkdir()
    (src / "001_report_a.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (src / "SOURCES.md").write_text(
        "# Sources\n\n| file | publisher | link |\n|---|---|---|\n"
        f"| 001_report_a.txt | Report A | {URL_A} (repost) |\n", encoding="utf-8")
    return src


def test_verify_quotes_lists_altered_quote(tmp_path):
    src = _sources(tmp_path)
    paths = make_dataset(tmp_path / "data", [
        ev(id="ok", quote="The government's forces - the army - said they \"repelled\" the attack on Alpha."),
        ev(id="altered", date="2024-11-30", place="Bravo", actor="Rebels", quote="Rebels captured Bravo."),
        ev(id="fine", date="2024-12-01", place="Bravo", actor="Rebels", quote="Rebels   entered\nBravo."),
        ev(id="summary", date="2024-12-02", quote="Paraphrased.", quote_type="summary"),
    ])
    proc = run("verify-quotes", "--sources", src, *data_args(paths))
    assert proc.returncode == 1
    assert f"{paths[0]}:3: quote of 'altered' is not verbatim in 001_report_a.txt" in proc.stderr
    assert f"{paths[0]}:2:" not in proc.stderr and f"{paths[0]}:4:" not in proc.stderr
    assert proc.stdout.strip() == "3 quote(s) checked, 1 failure(s), 1 summary row(s) skipped"


def test_verify_quotes_passes_on_tiny_sources(tmp_path):
    src = _sources(tmp_path)
    paths = make_dataset(tmp_path / "data", [ev(id="fine", place="Bravo", actor="Rebels", quote="Rebels entered Bravo.")])
    proc = run("verify-quotes", "--sources", src, *data_args(paths))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1 quote(s) checked, 0 failure(s), 0 summary row(s) skipped"


def test_verify_quotes_report_without_text(tmp_path):
    src = _sources(tmp_path)
    paths = make_dataset(tmp_path / "data", [ev(id="b", source_url=URL_B, quote="Rebels entered Bravo.")])
    proc = run("verify-quotes", "--sources", src, *data_args(paths))
    assert proc.returncode == 1
    assert f"{paths[0]}:2: no report text for {URL_B}" in proc.stderr


def test_verify_quotes_sources_not_a_folder(tmp_path):
    proc = run("verify-quotes", "--sources", tmp_path / "missing")
    assert proc.returncode == 2
    assert "is not a folder" in proc.stderr
