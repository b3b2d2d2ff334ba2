"""Tests for dashboard.acled: ACLED import (territory changes only) and export in ACLED's layout."""

from __future__ import annotations

import csv
import re

import pytest

from dashboard import acled, cli, data, schema

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "actor2", "admin1", "location", "latitude", "longitude", "geo_precision",
           "source", "notes", "fatalities", "country", "timestamp"]
GOV = "Military Forces of Syria (2000-2024)"
HTS = "Hayat Tahrir al-Sham"
ROWS = [
    # a day, with an upload timestamp (2024-12-01 00:00 UTC) and hostile text in notes
    ["SYR1001", "2024-11-30", "2024", "1", "Strategic developments", "Strategic developments", "Non-state actor overtakes territory",
     HTS, "", GOV, "Aleppo", "Aleppo", "36.2012", "37.1612", "1", "SOHR; Enab Baladi",
     'On 30 November 2024, HTS took over Aleppo city. <script>alert("x")</script> =HYPERLINK("http://evil")', "0", "Syria", "1733011200"],
    # the week, written date, no timestamp, quotes and a newline in the notes
    ["SYR1002", "29 November 2024", "2024", "2", "Strategic developments", "Strategic developments", "Government regains territory",
     GOV, "", "", "Hama", "Hama", "35.1318", "36.7578", "2", "SANA", 'Regime forces "retook" positions\nnorth of Hama.', "0", "Syria", ""],
    # the month, empty notes, a non-violent transfer
    ["SYR1003", "2024-11-15", "2024", "3", "Strategic developments", "Strategic developments", "Non-violent transfer of territory",
     "Syrian Democratic Forces", "", GOV, "Aleppo", "Deir Hafer", "36.1569", "37.7078", "1", "Local media", "", "0", "Syria", ""],
    # not a territory change: skipped
    ["SYR1004", "2024-11-30", "2024", "1", "Political violence", "Battles", "Armed clash",
     HTS, "", GOV, "Idlib", "Saraqib", "35.8645", "36.8059", "1", "SOHR", "<b>clash</b>", "12", "Syria", "1733011200"],
    # the week, uploaded one day later: the window's end is clamped to the upload day
    ["SYR1005", "2024-11-30", "2024", "2", "Strategic developments", "Strategic developments", "Non-state actor overtakes territory",
     "Syrian National Army", "", "Syrian Democratic Forces", "Aleppo", "Tall Rifat", "36.4723", "37.0947", "1", "Anadolu", "SNA took Tall Rifat.", "0", "Syria", "1733011200"],
    # same location name, other coordinates (another governorate)
    ["SYR1006", "2024-11-30", "2024", "1", "Strategic developments", "Strategic developments", "Non-state actor overtakes territory",
     HTS, "", GOV, "Hama", "Aleppo", "35.0000", "36.0000", "2", "SOHR", "A village also called Aleppo.", "0", "Syria", ""],
]


@pytest.fixture
def acled_csv(tmp_path):
    path = tmp_path / "acled.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerows(ROWS)
    return path


@pytest.fixture
def imported(tmp_path, acled_csv):
    out = tmp_path / "out"
    summary = acled.import_acled(acled_csv, out)
    events = {r["id"]: r for r in data.read_rows(out / "events.csv")[1]}
    return out, summary, events


def test_only_territory_changes_are_imported(imported):
    _, summary, events = imported
    assert set(events) == {"SYR1001", "SYR1002", "SYR1003", "SYR1005", "SYR1006"}
    assert summary["events"] == 5 and summary["skipped"] == 1
    assert summary["skipped_reasons"] == {"not a territory change": 1}


def test_precision_codes(imported):
    _, _, ev = imported
    day, week, month, clamped = ev["SYR1001"], ev["SYR1002"], ev["SYR1003"], ev["SYR1005"]
    assert (day["date"], day["date_end"], day["date_precision"]) == ("2024-11-30", "", "day")
    assert (week["date"], week["date_end"], week["date_precision"]) == ("2024-11-26", "2024-12-02", "range")
    assert (month["date"], month["date_end"], month["date_precision"]) == ("2024-11", "", "month")
    assert (clamped["date"], clamped["date_end"], clamped["published"]) == ("2024-11-27", "2024-12-01", "2024-12-01")
    assert day["published"] == "2024-12-01"  # the upload timestamp
    assert week["published"] == "2024-12-02" and month["published"] == "2024-11-30"  # no timestamp: end of window
    assert "time_precision 2" in week["notes"] and "upload date unknown" in week["notes"]


def test_actors_status_and_event(imported):
    _, _, ev = imported
    r = ev["SYR1001"]
    assert (r["actor"], r["previous_actor"], r["status"], r["event"]) == (HTS, GOV, "controlled", "Non-state actor overtakes territory")
    assert (ev["SYR1002"]["actor"], ev["SYR1002"]["previous_actor"]) == (GOV, "")
    assert ev["SYR1003"]["event"] == "Non-violent transfer of territory"


def test_notes_become_summary_quotes(imported):
    _, _, ev = imported
    r = ev["SYR1001"]
    assert r["quote_type"] == "summary"
    assert r["quote"] == 'On 30 November 2024, HTS took over Aleppo city. <script>alert("x")</script> =HYPERLINK("http://evil")'
    assert "ACLED's own summary" in r["notes"] and "not a report's words" in r["notes"]
    assert ev["SYR1002"]["quote"] == 'Regime forces "retook" positions\nnorth of Hama.'
    assert ev["SYR1003"]["quote"] and "generated" in ev["SYR1003"]["notes"]
    assert r["source_name"] == "SOHR; Enab Baladi via ACLED"
    assert r["source_url"] == acled.ACLED_URL and "#" not in r["source_url"]
    assert all(e["quote_type"] == "summary" for e in ev.values())


def test_places_and_actors_files(imported):
    out, summary, _ = imported
    _, places = data.read_rows(out / "places.csv")
    names = [p["name"] for p in places]
    assert names == ["Aleppo", "Hama", "Deir Hafer", "Tall Rifat", "Aleppo (Hama)"]
    a = places[0]
    assert (float(a["lat"]), float(a["lon"]), a["coord_source"]) == (36.2012, 37.1612, "manual")
    assert "geo_precision 1" in a["coord_note"] and a["coord_ref"] == "acled:SYR1001"
    header, actors = data.read_rows(out / "actors.csv")
    assert header == list(schema.ACTOR_COLUMNS)
    assert [x["name"] for x in actors] == [HTS, GOV, "Syrian Democratic Forces", "Syrian National Army"]
    colours = [x["colour"] for x in actors]
    assert len(set(colours)) == len(colours) and set(colours) <= set(acled.OKABE_ITO)
    assert summary["places"] == 5 and summary["actors"] == 4


def test_colours_cycle_after_eight():
    assert acled.OKABE_ITO[9 % 8] == acled.OKABE_ITO[1]
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in acled.OKABE_ITO)


def test_import_validates(imported, capsys):
    out, _, _ = imported
    ds, problems = data.validate_files(out / "events.csv", out / "places.csv")
    assert problems == []
    assert len(ds.events) == 5
    assert cli.main(["validate", "--events", str(out / "events.csv"), "--places", str(out / "places.csv")]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_bad_rows_are_skipped(tmp_path):
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerow(ROWS[0])
        w.writerow(["SYR2", "someday", *ROWS[0][2:]])
        w.writerow(["SYR3", *ROWS[0][1:12], "north", *ROWS[0][13:]])
        w.writerow(ROWS[0])  # repeated event id
    s = acled.import_acled(path, tmp_path / "o")
    assert (s["events"], s["skipped"]) == (1, 3)
    assert data.validate_files(tmp_path / "o" / "events.csv", tmp_path / "o" / "places.csv")[1] == []


# ------------------------------------------------------------------ export


def _dataset(tmp_path):
    d = tmp_path / "ours"
    d.mkdir()
    actors = [{"name": "Syrian government", "colour": "#D55E00"}, {"name": "Rebels", "colour": "#56B4E9"},
              {"name": "HTS", "parent": "Rebels", "colour": "#009E73"}, {"name": "SDF", "colour": "#CC79A7"}]
    places = [{"name": "Aleppo", "kind": "city", "lat": 36.20124, "lon": 37.16117, "coord_source": "geonames"},
              {"name": "Idlib", "kind": "province", "lat": 35.93062, "lon": 36.63393, "coord_source": "geonames"},
              {"name": "Maskana", "kind": "town", "lat": 35.96577, "lon": 38.04165, "coord_source": "manual", "coord_note": "n"}]
    base = {"source_name": "Paper", "source_url": "https://paper.example.org/a", "published": "2024-12-04", "status": "controlled"}
    events = [
        dict(base, id="a", date="2024-11-30", date_precision="day", place="Aleppo", actor="HTS", previous_actor="Syrian government",
             event="gained control", quote="HTS <i>gained</i> control of Aleppo."),
        dict(base, id="b", date="2024-11-27", date_end="2024-12-02", date_precision="range", place="Maskana", actor="SDF",
             event="handed over", previous_actor="Syrian government", quote="handed over Maskana"),
        dict(base, id="c", date="2016", date_precision="year", place="Aleppo", actor="Syrian government", event="recaptured", quote="recaptured Aleppo"),
        dict(base, id="d", date="2024-11-01", date_end="2024-11-20", date_precision="range", place="Idlib", actor="HTS", event="holds", quote="holds Idlib"),
        dict(base, id="e", date="2024-11", date_precision="month", place="Aleppo", actor="HTS", status="contested", event="entered", quote="entered Aleppo"),
    ]
    data.write_csv_atomic(d / "actors.csv", actors, schema.ACTOR_COLUMNS)
    data.write_csv_atomic(d / "places.csv", places, schema.PLACE_COLUMNS)
    data.write_csv_atomic(d / "events.csv", events, schema.EVENT_COLUMNS)
    return d


def test_export_layout_and_precision(tmp_path):
    d = _dataset(tmp_path)
    ds = data.load_dataset(d / "events.csv", d / "places.csv")
    out = tmp_path / "acled_out.csv"
    assert acled.export_acled(ds, out) == 5
    header, rows = data.read_rows(out)
    assert header == list(acled.EXPORT_COLUMNS)
    by = {r["event_id_cnty"]: r for r in rows}
    assert (by["a"]["event_date"], by["a"]["time_precision"], by["a"]["sub_event_type"]) == ("2024-11-30", "1", "Non-state actor overtakes territory")
    assert (by["a"]["actor1"], by["a"]["actor2"], by["a"]["notes"]) == ("HTS", "Syrian government", "HTS <i>gained</i> control of Aleppo.")
    assert (by["b"]["time_precision"], by["b"]["event_date"], by["b"]["sub_event_type"]) == ("2", "2024-11-29", "Non-violent transfer of territory")
    assert (by["c"]["time_precision"], by["c"]["sub_event_type"]) == ("3", "Government regains territory")
    assert by["d"]["time_precision"] == "3" and by["d"]["geo_precision"] == "3"  # 20-day window; province
    assert by["e"]["sub_event_type"] == "Other"  # contested is not a territory change in ACLED's terms
    assert all(r["event_type"] == "Strategic developments" and r["country"] == "Syria" for r in rows)
    assert (by["a"]["location"], float(by["a"]["latitude"]), by["a"]["geo_precision"], by["a"]["source"]) == ("Aleppo", 36.20124, "1", "Paper")


def test_round_trip_export_import_validate(tmp_path):
    d = _dataset(tmp_path)
    ds = data.load_dataset(d / "events.csv", d / "places.csv")
    acled.export_acled(ds, tmp_path / "x.csv")
    s = acled.import_acled(tmp_path / "x.csv", tmp_path / "back")
    assert s["events"] == 4 and s["skipped"] == 1  # the contested row ("Other") is not a territory change
    ds2, problems = data.validate_files(tmp_path / "back" / "events.csv", tmp_path / "back" / "places.csv")
    assert problems == []
    back = ds2.events.set_index("id")
    assert back.loc["a", "date"] == "2024-11-30" and back.loc["a", "previous_actor"] == "Syrian government"
    assert back.loc["b", "date_precision"] == "range"


def run(argv):
    args = cli.build_parser().parse_args(argv)
    return args.func(args)


def test_cli_import_and_export(tmp_path, acled_csv, capsys):
    out = tmp_path / "cli_out"
    assert run(["import-acled", str(acled_csv), "--out", str(out)]) == 0
    assert "5 control change(s)" in capsys.readouterr().out
    assert run(["export", "--format", "acled", "--events", str(out / "events.csv"), "--places", str(out / "places.csv"),
                "--out", str(tmp_path / "e.csv")]) == 0
    assert len(data.read_rows(tmp_path / "e.csv")[1]) == 5


def test_cli_import_without_territory_rows_fails(tmp_path, capsys):
    path = tmp_path / "none.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([COLUMNS, ROWS[3]])
    assert run(["import-acled", str(path), "--out", str(tmp_path / "o")]) == 1


def test_registered_in_cli():
    names = set(cli.build_parser()._subparsers._group_actions[0].choices)
    assert {"import-acled", "add-source", "accept", "add-source-eval"} <= names
    assert "export" in names or "export-acled" in names
