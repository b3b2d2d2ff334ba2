"""Tests for dashboard.exports.records: since_start / since_end (ISO) beside the prose since, and the new columns."""

from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd
import pytest

from dashboard.core import control
from dashboard.exports import records as export
from dashboard.core.data import load_dataset, to_day

from dataset_helpers import URL_B, ev, make_dataset


@pytest.fixture
def ds(tmp_path):
    return load_dataset(*make_dataset(tmp_path, [
        # Alpha: a range capture, then a later day report of the same holder: since stays the range
        ev(id="a1", date="2024-11-27", date_end="2024-12-02", date_precision="range", actor="HTS",
           quote="HTS took Alpha between 27 Nov and 2 Dec."),
        ev(id="a2", date="2024-12-05", actor="HTS", source_url=URL_B, source_name="Report B", published="2024-12-06",
           quote="HTS holds Alpha."),
        # Bravo: a year; Charlie: a month
        ev(id="b1", date="2016", date_precision="year", place="Bravo", actor="SDF", quote="SDF took Bravo in 2016."),
        ev(id="c1", date="2015-09", date_precision="month", place="Charlie", actor="Russia",
           quote="Russia deployed in September 2015."),
    ]))


def _csv_rows(state) -> dict:
    return {r["place"]: r for r in csv.DictReader(io.StringIO(export.to_csv(state)))}


def test_since_window_per_precision():
    d = to_day("2016-01-01")
    assert export.since_window(d, "year") == ("2016-01-01", "2016-12-31")
    assert export.since_window(to_day("2024-02-01"), "month") == ("2024-02-01", "2024-02-29")
    assert export.since_window(to_day("2024-11-30"), "day") == ("2024-11-30", "2024-11-30")
    assert export.since_window(to_day("2024-11-27"), "range", "between 27 Nov and 2 Dec 2024") == ("2024-11-27", "2024-12-02")
    assert export.since_window(to_day("2023-12-30"), "range", "between 30 Dec 2023 and 2 Jan 2024") == ("2023-12-30", "2024-01-02")
    # previous-holder rows carry the label of the change they come from
    assert export.since_window(to_day("2024-12-06"), "range", "until a change dated between 6 Dec and 7 Dec 2024") == (
        "2024-12-06", "2024-12-07")
    assert export.since_window(math.nan, "", "") == ("", "")
    assert export.since_window(float("nan"), "day", "") == ("", "")


def test_csv_since_start_end_values(ds):
    rows = _csv_rows(control.state_at(ds, pd.Timestamp("2024-12-10")))
    # Alpha's claim shown is a2 (5 Dec), but "since" is the start of the run: a1's range
    assert rows["Alpha"]["claim_id"] == "a2"
    assert rows["Alpha"]["since"] == "between 27 Nov and 2 Dec 2024"
    assert (rows["Alpha"]["since_start"], rows["Alpha"]["since_end"]) == ("2024-11-27", "2024-12-02")
    assert (rows["Bravo"]["since_start"], rows["Bravo"]["since_end"]) == ("2016-01-01", "2016-12-31")
    assert (rows["Charlie"]["since_start"], rows["Charlie"]["since_end"]) == ("2015-09-01", "2015-09-30")


def test_csv_new_columns_and_order(ds):
    text = export.to_csv(control.state_at(ds, pd.Timestamp("2024-12-10")))
    header = text.splitlines()[0].split(",")
    assert header == export.RECORD_KEYS
    assert header[:15] == ["place", "lat", "lon", "controller", "status", "since", "source_name", "source_url",
                           "quote", "quote_type", "claimed_by", "claim_id", "date", "pending", "disagreement"]
    assert header[15:] == ["since_start", "since_end", "stale", "report_age_days", "basis",
                           "summary", "side_note", "side_kind", "side_claim_id", "overtaken", "overtaken_note", "copy_of"]
    rows = _csv_rows(control.state_at(ds, pd.Timestamp("2024-12-10")))
    assert (rows["Alpha"]["stale"], rows["Alpha"]["report_age_days"], rows["Alpha"]["basis"]) == ("False", "5", "")
    # 2016's claim takes effect on 31 Dec 2016: 2901 days before 10 Dec 2024
    assert (rows["Bravo"]["stale"], rows["Bravo"]["report_age_days"]) == ("True", "2901")


def test_unreported_and_window_rows(ds):
    # 29 Nov: Alpha's range is open (window), Bravo and Charlie held
    st = control.state_at(ds, pd.Timestamp("2024-11-29"), include_unreported=True)
    rows = _csv_rows(st)
    assert rows["Alpha"]["basis"] == "window"
    assert (rows["Alpha"]["since_start"], rows["Alpha"]["since_end"]) == ("2024-11-27", "2024-12-02")
    # before any claim: no window at all
    rows = _csv_rows(control.state_at(ds, pd.Timestamp("2010-01-01"), include_unreported=True))
    assert {p: (r["status"], r["since_start"], r["since_end"]) for p, r in rows.items()} == {
        "Alpha": ("unreported", "", ""), "Bravo": ("unreported", "", ""), "Charlie": ("unreported", "", "")}


def test_json_and_geojson_carry_the_new_keys(ds):
    st = control.state_at(ds, pd.Timestamp("2024-12-10"))
    recs = json.loads(export.to_json(st))
    assert list(recs[0]) == export.RECORD_KEYS
    alpha = next(r for r in recs if r["place"] == "Alpha")
    assert (alpha["since_start"], alpha["since_end"], alpha["stale"], alpha["report_age_days"], alpha["basis"]) == (
        "2024-11-27", "2024-12-02", False, 5, "")
    gj = json.loads(export.to_geojson(st))
    props = {f["properties"]["place"]: f["properties"] for f in gj["features"]}
    assert (props["Bravo"]["since_start"], props["Bravo"]["since_end"], props["Bravo"]["stale"]) == (
        "2016-01-01", "2016-12-31", True)


def test_empty_state_csv_is_header_only(ds):
    st = control.state_at(ds, pd.Timestamp("2010-01-01"))
    assert len(st) == 0
    assert export.to_csv(st).splitlines() == [",".join(export.RECORD_KEYS)]


def test_bundled_since_window_matches_the_claim_windows():
    """On the bundled data, every row's since_start/since_end is the window of a claim about that place."""
    ds = load_dataset()
    ev_ = ds.events
    windows = set(zip(ev_["place"], ev_["start_day"], ev_["end_day"]))
    rows = _csv_rows(control.state_at(ds, pd.Timestamp("2024-12-08")))
    assert rows
    for place, r in rows.items():
        assert (place, to_day(r["since_start"]), to_day(r["since_end"])) in windows, (place, r["since"])


# ------------------------------------------------------------ the registry


def test_registry_names_suffixes_and_mime_types():
    from dashboard.exports import registry

    got = {n: (f.kind, f.suffix, f.mime, f.is_csv) for n, f in registry.FORMATS.items()}
    assert got == {
        "csv": ("view", ".csv", "text/csv", True),
        "json": ("view", ".json", "application/json", False),
        "geojson": ("view", ".geojson", "application/geo+json", False),
        "acled": ("claims", ".csv", "text/csv", True),
        "kml": ("claims", ".kml", "application/vnd.google-earth.kml+xml", False),
        "html": ("map", ".html", "text/html", False),
    }
    with pytest.raises(ValueError, match="twice"):
        registry.register(registry.FORMATS["csv"])


def test_registry_writers_are_the_exporters(ds, tmp_path):
    from dashboard.exports import acled, kml, registry

    st = control.state_at(ds, pd.Timestamp("2024-12-08"))
    for name, writer in (("csv", export.to_csv), ("json", export.to_json), ("geojson", export.to_geojson)):
        assert registry.FORMATS[name].render(st) == writer(st), name
    assert registry.FORMATS["kml"].render(ds) == kml.to_kml(ds)
    acled.export_acled(ds, tmp_path / "a.csv")
    assert registry.FORMATS["acled"].write(tmp_path / "b.csv", ds) == (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert (tmp_path / "b.csv").read_text(encoding="utf-8").startswith(",".join(acled.EXPORT_COLUMNS) + "\n")
    html = registry.FORMATS["html"].render(ds, pd.Timestamp("2024-12-08"), actors=["HTS"])
    assert html.startswith("<!DOCTYPE html>") and "<title>Control as of 2024-12-08</title>" in html


def test_the_cli_takes_its_formats_from_the_registry():
    from dashboard import cli
    from dashboard.exports import registry

    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    choices = {name: next(a.choices for a in p._actions if a.dest == "format")
               for name, p in sub.choices.items() if name in ("state", "export")}
    assert sorted(choices["state"]) == sorted(registry.of_kind("view"))
    assert list(choices["export"]) == list(registry.of_kind("claims"))
