"""Tests for dashboard.ingest.acled and dashboard.ingest.acled_read: ACLED import (territory changes only; CSV and
the API's JSON; dates as ACLED files carry them; actors and places matched to ours), and for
dashboard.exports.acled: export in ACLED's layout. Every fixture is built here, in tmp_path."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest import acled, acled_read
from dashboard.exports import acled as acled_export
from dashboard.core import data, schema

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
    assert acled_export.export_acled(ds, out) == 5
    header, rows = data.read_rows(out)
    assert header == list(acled_export.EXPORT_COLUMNS)
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
    acled_export.export_acled(ds, tmp_path / "x.csv")
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
    out_text = capsys.readouterr().out
    assert "5 control changes from 5 reports" in out_text and "read 6 ACLED rows" in out_text
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


# ------------------------------------------------------------------ dates as ACLED files carry them

@pytest.mark.parametrize("value", ["2020-05-09", "09 May 2020", "9 May 2020", "9-May-20", "09-May-2020",
                                   "43960", "43960.0", "2020-05-09 00:00:00", "2020-05-09T00:00:00Z", " 9-May-20 "])
def test_date_forms(value):
    assert acled_read.parse_acled_date(value).isoformat() == "2020-05-09"


def test_date_forms_more():
    p = acled_read.parse_acled_date
    assert p("30 November 2024").isoformat() == "2024-11-30"
    assert p("1-Dec-24").isoformat() == "2024-12-01"
    assert p("45626").isoformat() == "2024-11-30"  # Excel's day number for 30 November 2024
    assert p("29-Feb-24").isoformat() == "2024-02-29"
    assert p("9 Sept 2020").isoformat() == p("9-Sept-20").isoformat() == p("9 SEPT 2020").isoformat() == "2020-09-09"
    with pytest.raises(acled_read.AcledDateError):
        p("9 Septe 2020")  # neither the abbreviation nor the name


@pytest.mark.parametrize("value,why", [
    ("05/09/2020", "ambiguous"), ("5.9.2020", "ambiguous"), ("someday", "is not a date"), ("", "empty"),
    ("31 Feb 2020", "not a real date"), ("29-Feb-23", "not a real date"), ("123", "is not a date"),
    ("99999", "outside the Excel day numbers"), ("9-Mai-20", "not a real date"), ("20-05-09", "is not a date")])
def test_dates_no_form_reads(value, why):
    with pytest.raises(acled_read.AcledDateError, match=why) as exc:
        acled_read.parse_acled_date(value)
    assert "9-May-20" in str(exc.value)  # says what would have been read


def _write_csv(path, rows, columns=COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        w.writerows(rows)
    return path


def _row(**kw):
    r = dict(zip(COLUMNS, ROWS[0]))
    r.update(kw)
    return [r[c] for c in COLUMNS]


def test_import_reads_every_date_form(tmp_path):
    rows = [_row(event_id_cnty=f"SYR{i}", event_date=d, timestamp="", notes=f"note {i}") for i, d in
            enumerate(["2024-11-30", "30 November 2024", "30-Nov-24", "45626", "45626.0"])]
    s = acled.import_acled(_write_csv(tmp_path / "dates.csv", rows), tmp_path / "o")
    assert s["events"] == 5 and s["problem_count"] == 0
    assert {r["date"] for r in data.read_rows(tmp_path / "o" / "events.csv")[1]} == {"2024-11-30"}


def test_a_bad_timestamp_is_that_rows_problem(tmp_path):
    rows = [_row(event_id_cnty="SYR1", timestamp="99999999999999"),  # line 2: past year 9999
            _row(event_id_cnty="SYR2", timestamp="²"),  # line 3: a digit to str.isdigit, not to int
            _row(event_id_cnty="SYR3")]
    s = acled.import_acled(_write_csv(tmp_path / "ts.csv", rows), tmp_path / "o")
    assert s["events"] >= 1 and s["problem_count"] == 1  # the import goes on past it
    assert s["problems"] == ["ts.csv line 2: timestamp '99999999999999' is not a time"]


# ------------------------------------------------------------------ malformed rows: file, line, value

def test_bad_rows_name_file_line_and_value(tmp_path, capsys):
    rows = [ROWS[1],  # its notes hold a newline: this record takes lines 2-3
            _row(event_id_cnty="SYR2", event_date="someday"),  # line 4
            _row(event_id_cnty="SYR3", latitude="north"),  # line 5
            _row(event_id_cnty="SYR4", event_date="05/09/2024"),  # line 6
            ROWS[0][:5],  # line 7: a short row
            _row(event_id_cnty="SYR5", time_precision="7")]  # line 8
    path = _write_csv(tmp_path / "bad.csv", rows)
    s = acled.import_acled(path, tmp_path / "o")
    assert s["events"] == 1 and s["problem_count"] == 5
    assert s["problems"][0] == ("bad.csv line 4: event_date: 'someday' is not a date; expected YYYY-MM-DD, "
                                "'09 May 2020', '9-May-20' or an Excel day number")
    assert s["problems"][1] == "bad.csv line 5: latitude 'north' is not a number"
    assert s["problems"][2].startswith("bad.csv line 6: event_date: '05/09/2024' is ambiguous")
    assert s["problems"][3] == f"bad.csv line 7: 5 fields where the header has {len(COLUMNS)}"
    assert s["problems"][4] == "bad.csv line 8: time_precision '7' is not 1, 2 or 3"
    assert data.validate_files(tmp_path / "o" / "events.csv", tmp_path / "o" / "places.csv")[1] == []

    assert cli.main(["import-acled", str(path), "--out", str(tmp_path / "c"), "--no-match"]) == 0
    err = capsys.readouterr().err
    assert "5 rows could not be read:" in err and "  bad.csv line 4: event_date: 'someday' is not a date" in err
    assert "Traceback" not in err


def test_strict_stops_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "o"
    acled.import_acled(_write_csv(tmp_path / "good.csv", [ROWS[0]]), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = _write_csv(tmp_path / "bad.csv", [ROWS[0], ROWS[4], _row(event_id_cnty="X", event_date="9-May-2O")])
    with pytest.raises(acled.AcledRowError, match=r"bad\.csv line 4: event_date: '9-May-2O'"):
        acled.import_acled(bad, out, strict=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched, no temp files left
    assert cli.main(["import-acled", str(bad), "--out", str(out), "--strict"]) == 1
    assert "bad.csv line 4" in capsys.readouterr().err


def test_a_failed_events_write_leaves_all_three_files_as_they_were(tmp_path, monkeypatch):
    """places.csv and actors.csv are replaced just before events.csv: when the
    events then cannot be written, the other two are put back."""
    out = tmp_path / "o"
    acled.import_acled(_write_csv(tmp_path / "good.csv", [ROWS[0]]), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    more = _write_csv(tmp_path / "more.csv", [ROWS[0], _row(event_id_cnty="SYR9", location="Nowhere Hill",
                                                          latitude="35.9", longitude="36.9",
                                                          actor1="Somebody New")])
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst).name == "events.csv":
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(acled.files.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        acled.import_acled(more, out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # the new place and actor are not left behind, nor any temp file
    # and into a new folder: nothing is left at all
    with pytest.raises(OSError):
        acled.import_acled(more, tmp_path / "fresh")
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == []


def test_a_failure_after_the_events_are_in_place_keeps_the_whole_import(tmp_path, monkeypatch):
    out = tmp_path / "o"
    acled.import_acled(_write_csv(tmp_path / "good.csv", [ROWS[0]]), out)
    more = _write_csv(tmp_path / "more.csv", [ROWS[0], _row(event_id_cnty="SYR9", location="Nowhere Hill",
                                                          latitude="35.9", longitude="36.9")])

    calls = []

    def failing_sync(folder):  # places.csv, actors.csv, then events.csv: the last one fails
        calls.append(folder)
        if len(calls) == 3:
            raise OSError(5, "Input/output error", str(folder))

    monkeypatch.setattr(acled.files, "_fsync_dir", failing_sync)
    with pytest.raises(OSError, match="Input/output error"):
        acled.import_acled(more, out)
    # events.csv is the new one, so places.csv keeps the new place it names: the three files still agree
    assert "Nowhere Hill" in (out / "places.csv").read_text(encoding="utf-8")
    assert "Nowhere Hill" in (out / "events.csv").read_text(encoding="utf-8")
    assert data.validate_files(out / "events.csv", out / "places.csv")[1] == []


def test_not_an_acled_file(tmp_path, capsys):
    (tmp_path / "x.csv").write_text("name,lat\nA,1\n", encoding="utf-8")
    with pytest.raises(acled.AcledFileError, match=r"x\.csv line 1: no event_date column"):
        acled.import_acled(tmp_path / "x.csv", tmp_path / "o")
    (tmp_path / "e.csv").write_text("", encoding="utf-8")
    with pytest.raises(acled.AcledFileError, match="empty"):
        acled.import_acled(tmp_path / "e.csv", tmp_path / "o")
    assert cli.main(["import-acled", str(tmp_path / "x.csv"), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.startswith("error: x.csv line 1: no event_date column")


# ------------------------------------------------------------------ the API's JSON

def _json_rows(numbers=True):
    out = []
    for r in ROWS:
        d = dict(zip(COLUMNS, r))
        if numbers:  # the API may give numbers as numbers
            d.update(latitude=float(d["latitude"]), longitude=float(d["longitude"]), time_precision=int(d["time_precision"]),
                     timestamp=int(d["timestamp"]) if d["timestamp"] else "")
        out.append(d)
    return out


@pytest.mark.parametrize("shape", ["api", "bare"])
def test_json_reads_like_csv(tmp_path, acled_csv, shape):
    rows = _json_rows()
    doc = {"status": 200, "success": True, "count": len(rows), "data": rows} if shape == "api" else rows
    path = tmp_path / "acled.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    from_json = acled.import_acled(path, tmp_path / "j")
    from_csv = acled.import_acled(acled_csv, tmp_path / "c")
    assert from_json == from_csv
    assert (tmp_path / "j" / "events.csv").read_text(encoding="utf-8") == (tmp_path / "c" / "events.csv").read_text(encoding="utf-8")


def test_json_problems_name_the_record(tmp_path):
    rows = _json_rows(numbers=False)[:2]
    rows[1]["event_date"] = "someday"
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": 200, "data": [rows[0], rows[1], "junk"]}), encoding="utf-8")
    s = acled.import_acled(path, tmp_path / "o")
    assert s["events"] == 1
    assert s["problems"] == ["api.json record 2: event_date: 'someday' is not a date; expected YYYY-MM-DD, "
                             "'09 May 2020', '9-May-20' or an Excel day number",
                             "api.json record 3: a str, not an object of ACLED columns"]


def test_json_api_error_and_broken_json(tmp_path, capsys):
    path = tmp_path / "denied.json"
    path.write_text(json.dumps({"status": 403, "success": False, "error": {"message": "Access denied"}}), encoding="utf-8")
    with pytest.raises(acled.AcledFileError, match="status 403 with no data.*Access denied"):
        acled.import_acled(path, tmp_path / "o")
    assert cli.main(["import-acled", str(path), "--out", str(tmp_path / "o")]) == 1
    assert "status 403" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"status": 200, "data": [' + json.dumps(_json_rows()[0]) + ', {"event_date": ', encoding="utf-8")
    with pytest.raises(acled.AcledFileError, match=r"broken\.json: not valid JSON after record 1"):
        acled.import_acled(broken, tmp_path / "o")
    assert not (tmp_path / "o" / "events.csv").exists()  # nothing half-written


def test_records_are_streamed(tmp_path):
    """The first record comes before the file's end is read (a broken tail fails only later)."""
    path = tmp_path / "s.json"
    path.write_text("[" + json.dumps(_json_rows()[0]) + ", {\"x\": " + " " * 200_000, encoding="utf-8")
    it = acled_read.iter_records(path)
    first = next(it)
    assert first.fields["event_id_cnty"] == "SYR1001" and first.where == "s.json record 1"
    assert first.pos < path.stat().st_size
    with pytest.raises(acled.AcledFileError):
        next(it)
    big = _write_csv(tmp_path / "big.csv", [ROWS[0]] * 20_000)
    it = acled_read.iter_records(big)
    assert next(it).pos < big.stat().st_size / 10


# ------------------------------------------------------------------ actors mapped to ours

def _project_tables():
    return data.read_rows(data.DEFAULT_PLACES)[1], data.read_rows(data.DEFAULT_PLACES.with_name("actors.csv"))[1]


@pytest.mark.parametrize("acled_name,ours", [
    ("Military Forces of Syria (2000-2024)", "Syrian government"),
    ("Police Forces of Syria (2000-2024)", "Syrian government"),
    ("Hayat Tahrir al-Sham", "HTS"),
    ("QSD: Syrian Democratic Forces", "SDF"),
    ("SNA: Syrian National Army", "SNA"),
    ("Military Forces of Turkey (2016-)", "Turkey"),
    ("Military Forces of Russia (2000-)", "Russia"),
    ("Military Forces of Israel (2022-)", "Israel"),
    ("Islamic State (Syria)", "Islamic State"),
    ("Military Forces of Syria (2024-)", None),  # the government after Assad is not the Assad government
    ("Unidentified Armed Group (Syria)", None),
])
def test_actor_names_map_to_ours(acled_name, ours):
    _, actors = _project_tables()
    assert acled.ActorMapper(actors).match(acled_name)[0] == ours


def test_actor_candidates():
    assert acled.actor_candidates("QSD: Syrian Democratic Forces (2015-)") == [
        "QSD: Syrian Democratic Forces (2015-)", "QSD: Syrian Democratic Forces", "Syrian Democratic Forces (2015-)",
        "QSD", "Syrian Democratic Forces"]


def _far(c1, c2):
    a, b = acled._rgb(c1), acled._rgb(c2)
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5 >= acled.MIN_COLOUR_DISTANCE


def test_import_with_project_tables(tmp_path):
    places, actors = _project_tables()
    rows = ROWS + [_row(event_id_cnty="SYR7", actor1="Military Forces of Syria (2024-)", actor2="Unidentified Armed Group (Syria)"),
                   _row(event_id_cnty="SYR8", actor1="Military Forces of Syria (2024-)", actor2="")]
    s = acled.import_acled(_write_csv(tmp_path / "a.csv", rows), tmp_path / "o", places_rows=places, actors_rows=actors)
    ev = {r["id"]: r for r in data.read_rows(tmp_path / "o" / "events.csv")[1]}
    assert (ev["SYR1001"]["actor"], ev["SYR1001"]["previous_actor"]) == ("HTS", "Syrian government")
    assert (ev["SYR1002"]["actor"], ev["SYR1005"]["actor"], ev["SYR1005"]["previous_actor"]) == ("Syrian government", "SNA", "SDF")
    assert "actor1 'Hayat Tahrir al-Sham' is HTS (as written)" in ev["SYR1001"]["notes"]
    assert "actor2 'Military Forces of Syria (2000-2024)' is Syrian government" in ev["SYR1001"]["notes"]
    assert ev["SYR7"]["actor"] == "Military Forces of Syria (2024-)"
    _, out_actors = data.read_rows(tmp_path / "o" / "actors.csv")
    assert out_actors[:len(actors)] == actors  # ours first, unchanged: names, aliases, colours
    new = out_actors[len(actors):]
    assert [a["name"] for a in new] == ["Military Forces of Syria (2024-)", "Unidentified Armed Group (Syria)"]
    used = [a["colour"] for a in actors]
    assert all(_far(n["colour"], u) for n in new for u in used) and _far(new[0]["colour"], new[1]["colour"])
    assert (s["actors"], s["actors_matched"], s["actors_new"]) == (6, 4, 2)
    # the same import again gives the same colours
    acled.import_acled(_write_csv(tmp_path / "a.csv", rows), tmp_path / "o2", places_rows=places, actors_rows=actors)
    assert data.read_rows(tmp_path / "o2" / "actors.csv")[1] == out_actors
    ds, problems = data.validate_files(tmp_path / "o" / "events.csv", tmp_path / "o" / "places.csv")
    assert problems == [] and len(ds.events) == 7


def test_new_colours():
    first = acled.new_colours(3, [])
    assert first == list(acled.OKABE_ITO[:3])
    taken = list(acled.PALETTE)
    many = acled.new_colours(40, taken)
    assert len(set(many)) == 40 and not set(many) & set(taken)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in many)
    assert all(_far(a, b) for i, a in enumerate(many) for b in many[i + 1:] + taken)
    assert acled.new_colours(40, taken) == many  # deterministic
    assert "#E69F00" not in acled.new_colours(2, ["#e69f00"])  # case does not hide a colour in use
    assert "#56B4E9" not in acled.new_colours(2, ["#5AB4E9"])  # nor does a near copy


# ------------------------------------------------------------------ places: name, alias, fuzzy AND distance

SARAQIB = (35.86447, 36.80591)


def _place_rows(tmp_path, *located):
    rows = [_row(event_id_cnty=f"P{i}", location=loc, latitude=str(lat), longitude=str(lon), admin1=adm, notes=f"note {i}")
            for i, (loc, lat, lon, adm) in enumerate(located)]
    places, actors = _project_tables()
    s = acled.import_acled(_write_csv(tmp_path / "p.csv", rows), tmp_path / "o", places_rows=places, actors_rows=actors)
    ev = data.read_rows(tmp_path / "o" / "events.csv")[1]
    new = data.read_rows(tmp_path / "o" / "places.csv")[1][len(places):]
    return s, [e["place"] for e in ev], new, ev


def test_saraqab_is_saraqib(tmp_path):
    s, got, new, ev = _place_rows(tmp_path, ("Saraqab", SARAQIB[0] + 0.01, SARAQIB[1] + 0.01, "Idlib"),  # ~1.4 km
                                  ("Saraqeb", SARAQIB[0], SARAQIB[1], "Idlib"),  # an alias
                                  ("Sarakib", SARAQIB[0] - 0.03, SARAQIB[1], "Idlib"))  # ~3.3 km
    assert got == ["Saraqib", "Saraqib", "Saraqib"] and new == []
    assert "ACLED location 'Saraqab' is Saraqib (fuzzy 86 'Saraqib'), 1.4 km from its point" in ev[0]["notes"]
    assert (s["places"], s["places_matched"], s["places_new"]) == (1, 1, 0)


def test_a_close_name_far_away_is_not_a_match(tmp_path):
    _, got, new, _ = _place_rows(tmp_path, ("Saraqab", SARAQIB[0] + 0.06, SARAQIB[1], "Idlib"),  # ~6.7 km
                                 ("Saraqib", 35.0, 38.0, "Homs"))  # the same name, 140 km away
    assert got == ["Saraqab", "Saraqib (Homs)"]
    assert [(p["name"], p["coord_source"], p["aliases"]) for p in new] == [("Saraqab", "manual", ""), ("Saraqib (Homs)", "manual", "")]
    assert "another place has that name" in new[1]["coord_note"]


def test_a_near_point_with_another_name_is_not_a_match(tmp_path):
    _, got, new, _ = _place_rows(tmp_path, ("Afis", SARAQIB[0] + 0.005, SARAQIB[1] + 0.005, "Idlib"),
                                 ("Afis", SARAQIB[0] + 0.005, SARAQIB[1] + 0.005, "Idlib"),  # the same again: one place
                                 ("Afes", SARAQIB[0] + 0.006, SARAQIB[1] + 0.005, "Idlib"))  # a fuzzy copy of a new place
    assert got == ["Afis", "Afis", "Afes"]
    assert [p["name"] for p in new] == ["Afis", "Afes"]


# ------------------------------------------------------------------ the summary counts right

def test_plural():
    assert [acled.plural(n, "report") for n in (0, 1, 2)] == ["0 reports", "1 report", "2 reports"]
    assert acled.plural(1, "city", "cities") == "1 city" and acled.plural(3, "city", "cities") == "3 cities"


def test_summary_one_of_each(tmp_path, capsys):
    path = _write_csv(tmp_path / "one.csv", [ROWS[0]])
    assert cli.main(["import-acled", str(path), "--out", str(tmp_path / "o"), "--no-match"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("read 1 ACLED row: 1 control change from 1 report (distinct ACLED source values), "
                          "1 place (0 of ours, 1 new), 2 actors (0 of ours, 2 new); skipped 0 rows\n")
    assert cli.main(["validate", "--events", str(tmp_path / "o" / "events.csv"), "--places", str(tmp_path / "o" / "places.csv")]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 claim about 1 place from 1 report, 1 place, 2 actors, ")


def test_summary_counts_reports_by_source(tmp_path, capsys):
    rows = [_row(event_id_cnty="A", source="SOHR", notes="one"), _row(event_id_cnty="B", source="SOHR", notes="two"),
            _row(event_id_cnty="C", source="Enab Baladi", notes="three"), ROWS[3],
            _row(event_id_cnty="D", source="Enab Baladi", notes="three")]  # the same claim as C
    s = acled.import_acled(_write_csv(tmp_path / "r.csv", rows), tmp_path / "o")
    text = acled.summary_text(s)
    assert text.startswith("read 5 ACLED rows: 3 control changes from 2 reports")
    assert text.endswith("skipped 2 rows\n  1 not a territory change\n  1 the same claim as an earlier row (date, place, actors and notes)")
    assert cli.main(["validate", "--events", str(tmp_path / "o" / "events.csv"), "--places", str(tmp_path / "o" / "places.csv")]) == 0
    assert " from 2 reports, " in capsys.readouterr().out  # ACLED rows share one link but not one report


# ------------------------------------------------------------------ progress bar

def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, acled_csv, capsys):
    acled.import_acled(acled_csv, tmp_path / "a", progress=None)  # pytest's stderr is no terminal
    assert capsys.readouterr().err == ""
    acled.import_acled(acled_csv, tmp_path / "b", progress=True)
    err = capsys.readouterr().err
    assert "reading acled.csv" in err and "100%" in err
    assert cli.main(["import-acled", str(acled_csv), "--out", str(tmp_path / "c")]) == 0
    assert capsys.readouterr().err == ""


def test_encodings(tmp_path, acled_csv):
    bom = tmp_path / "bom.csv"  # Excel's "CSV UTF-8" starts with a byte order mark
    bom.write_bytes(b"\xef\xbb\xbf" + acled_csv.read_bytes())
    assert acled.import_acled(bom, tmp_path / "b")["events"] == 5
    latin = tmp_path / "latin.csv"  # saved again by a program in Windows-1252
    rows = [ROWS[0]] * 3 + [_row(event_id_cnty="X", location="Ma\u2019arrat al-Nu\u2019m\u0101n", notes="caf\u00e9")]
    text = "\n".join(",".join(f'"{c}"' for c in r) for r in [COLUMNS, *rows]) + "\n"
    latin.write_bytes(text.encode("cp1252", errors="replace"))
    with pytest.raises(acled.AcledFileError, match=r"latin\.csv line \d+ or a little after: not UTF-8 text .*save the file again as UTF-8"):
        acled.import_acled(latin, tmp_path / "l")
    assert not (tmp_path / "l" / "events.csv").exists()


def test_cli_missing_file_and_unwritable_folder(tmp_path, acled_csv, capsys):
    assert cli.main(["import-acled", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.csv" in err and "Traceback" not in err
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert cli.main(["import-acled", str(acled_csv), "--out", str(blocker / "o")]) == 2
    assert "Traceback" not in capsys.readouterr().err
