"""Tests for dashboard.core.data: loading, validation (FILE:LINE: message), paths, atomic writes."""

from __future__ import annotations


import pandas as pd
import pytest

from dashboard.core import data, schema
from dashboard.core.data import DataError, Problem, load_dataset, resolve_paths, validate_files

from dataset_helpers import ACTORS, PLACES, ev, make_dataset, write_csv


# ------------------------------------------------------------------ helpers


def problems_of(tmp_path, events, places=None, actors=None):
    paths = make_dataset(tmp_path, events, places, actors)
    ds, problems = validate_files(*paths)
    return ds, problems, paths


def at(problems, path, line, *needles) -> Problem:
    """The one problem reported at path:line whose message holds every needle."""
    hits = [p for p in problems if p.path == str(path) and p.line == line and all(n in p.message for n in needles)]
    assert hits, f"no problem at {path}:{line} with {needles!r}; got:\n" + "\n".join(map(str, problems))
    return hits[0]


def only(problems, path, line, *needles) -> Problem:
    assert len(problems) == 1, "expected exactly one problem, got:\n" + "\n".join(map(str, problems))
    return at(problems, path, line, *needles)


GOOD = ev(id="good", date="2024-11-28", quote="A first, valid claim.")


# ------------------------------------------------------------ a valid set


def test_valid_minimal_dataset_loads(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [
        ev(id="a1", date="2024-11-29"),
        ev(id="a2", date="2016", date_precision="year", place="Bravo", actor="SDF", published="2024-12-02"),
        ev(id="a3", date="2015-09", date_precision="month", place="Charlie", actor="Russia", quote_type=""),
        ev(id="a4", date="2024-11-27", date_end="2024-12-02", date_precision="range", actor="Rebels",
           previous_actor="Syrian government", published="2024-12-02"),
    ])
    ds = load_dataset(ev_path, pl_path, ac_path)
    ev_df = ds.events
    assert list(ev_df["id"]) == ["a1", "a2", "a3", "a4"]
    assert list(ev_df["line"]) == [2, 3, 4, 5]
    # first and last day of each claim's window, as days since 1970-01-01
    assert [data.day_to_ts(d).date().isoformat() for d in ev_df["start_day"]] == \
        ["2024-11-29", "2016-01-01", "2015-09-01", "2024-11-27"]
    assert [data.day_to_ts(d).date().isoformat() for d in ev_df["end_day"]] == \
        ["2024-11-29", "2016-12-31", "2015-09-30", "2024-12-02"]
    assert ev_df.loc[2, "quote_type"] == "verbatim"  # empty means verbatim
    assert ds.first_day == pd.Timestamp("2015-09-01")
    assert ds.last_day == pd.Timestamp("2024-12-02")
    assert list(ds.places["name"]) == ["Alpha", "Bravo", "Charlie"]
    assert ds.places["lat"].tolist() == [36.2, 36.47, 35.41]
    assert ds.paths == {"events": ev_path, "places": pl_path, "actors": ac_path}
    assert set(ds.actors["name"]) == {a["name"] for a in ACTORS}


def test_leap_day_and_optional_columns_absent(tmp_path):
    # only the required columns: optional ones are added empty
    rows = [{k: v for k, v in ev(date="2024-02-29", published="2024-03-01").items() if k in schema.EVENT_REQUIRED}]
    ev_path = write_csv(tmp_path / "events.csv", rows)
    _, pl_path, ac_path = make_dataset(tmp_path / "geo", [ev()])
    ds = load_dataset(ev_path, pl_path, ac_path)
    assert ds.events.loc[0, "start_day"] == data.to_day("2024-02-29")
    assert ds.events.loc[0, "previous_actor"] == ""
    assert ds.events.loc[0, "id"].startswith("e")


def test_problem_str_is_file_line_message():
    assert str(Problem("events.csv", 7, "empty quote")) == "events.csv:7: empty quote"
    err = DataError([Problem("a.csv", 2, "x"), Problem("b.csv", 3, "y")])
    assert str(err) == "a.csv:2: x\nb.csv:3: y"
    assert len(err.problems) == 2


# ---------------------------------------------------------- missing columns


def test_missing_required_event_columns_line_1(tmp_path):
    rows = [{k: v for k, v in ev().items() if k not in ("quote", "published")}]
    _, problems, (ev_path, _, _) = problems_of(tmp_path, rows)
    p = only(problems, ev_path, 1, "missing required column")
    assert "quote" in p.message and "published" in p.message
    assert "place" not in p.message.split("(header has")[0]


def test_missing_required_place_column(tmp_path):
    places = [{k: v for k, v in pl.items() if k != "lon"} for pl in PLACES]
    _, problems, (_, pl_path, _) = problems_of(tmp_path, [ev()], places=places)
    only(problems, pl_path, 1, "missing required column", "lon")


def test_missing_required_actor_column(tmp_path):
    actors = [{k: v for k, v in a.items() if k != "colour"} for a in ACTORS]
    _, problems, (_, _, ac_path) = problems_of(tmp_path, [ev()], actors=actors)
    only(problems, ac_path, 1, "missing required column", "colour")


# ------------------------------------------------------------------- dates


@pytest.mark.parametrize("date, date_end, precision", [
    ("2024-13-01", "", "day"),
    ("2024-02-30", "", "day"),
    ("2023-02-29", "", "day"),  # not a leap year
    ("yesterday", "", "day"),
    ("29/11/2024", "", "day"),
    ("2024-11", "", "day"),  # month given for a day
    ("2024-11-29", "", "month"),  # day given for a month
    ("2024-13", "", "month"),
    ("2024-11", "", "year"),
    ("24", "", "year"),
    ("2024-11-27", "", "range"),  # range without date_end
    ("2024-11-27", "2024-12", "range"),
    ("2024-11", "2024-12-02", "range"),
])
def test_bad_dates_rejected_with_line(tmp_path, date, date_end, precision):
    _, problems, (ev_path, _, _) = problems_of(
        tmp_path, [GOOD, ev(date=date, date_end=date_end, date_precision=precision)])
    p = only(problems, ev_path, 3, "is not a valid date", f"precision {precision!r}")
    assert repr(date) in p.message


def test_date_end_before_date(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(
        tmp_path, [GOOD, ev(date="2024-12-02", date_end="2024-11-27", date_precision="range")])
    only(problems, ev_path, 3, "date_end 2024-11-27 is before date 2024-12-02")


def test_date_end_without_range(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(date_end="2024-12-01")])
    only(problems, ev_path, 3, "date_end is only used with date_precision 'range'")


@pytest.mark.parametrize("date, precision, published", [
    ("2024-12-05", "day", "2024-12-04"),
    ("2024-12", "month", "2024-11-30"),  # the window starts after publication
    ("2025", "year", "2024"),
])
def test_date_after_published(tmp_path, date, precision, published):
    _, problems, (ev_path, _, _) = problems_of(
        tmp_path, [GOOD, ev(date=date, date_precision=precision, published=published)])
    only(problems, ev_path, 3, "after the report was published", published)


@pytest.mark.parametrize("date, precision, published", [
    ("2024-12-04", "day", "2024-12-04"),  # same day is fine
    ("2024-12", "month", "2024-12-02"),  # window starts before publication
    ("2024-12-10", "day", "2024-12"),  # published month precision: any day of it
    ("2024-11-27", "range", "2024"),
])
def test_date_not_after_published_accepted(tmp_path, date, precision, published):
    date_end = "2024-12-02" if precision == "range" else ""
    _, problems, _ = problems_of(
        tmp_path, [GOOD, ev(date=date, date_end=date_end, date_precision=precision, published=published)])
    assert problems == []


def test_published_not_a_date(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(published="last week")])
    only(problems, ev_path, 3, "published 'last week' is not a date")


# --------------------------------------------------- places, actors, quote


def test_unknown_place(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(place="Zulu")])
    p = only(problems, ev_path, 3, "unknown place", "'Zulu'")
    assert "did you mean" not in p.message


def test_unknown_place_alias_hint(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(place="Alfa")])
    only(problems, ev_path, 3, "unknown place", "did you mean 'Alpha'?")


def test_unknown_actor(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(actor="Wagner")])
    p = only(problems, ev_path, 3, "unknown actor: 'Wagner'")
    assert "did you mean" not in p.message


@pytest.mark.parametrize("alias, name", [("YPG", "SDF"), ("ypg", "SDF"), ("Hayat Tahrir al-Sham", "HTS"),
                                         ("regime", "Syrian government")])
def test_unknown_actor_alias_did_you_mean(tmp_path, alias, name):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(actor=alias)])
    only(problems, ev_path, 3, f"unknown actor: {alias!r}", f"did you mean {name!r}?")


def test_unknown_previous_actor(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(
        tmp_path, [GOOD, ev(actor="SNA", previous_actor="YPG"), ev(actor="SNA", previous_actor="Nobody", date="2024-11-30")])
    assert len(problems) == 2
    at(problems, ev_path, 3, "unknown previous_actor: 'YPG'", "did you mean 'SDF'?")
    at(problems, ev_path, 4, "unknown previous_actor: 'Nobody'")


@pytest.mark.parametrize("quote", ["", "   "])
def test_empty_quote(tmp_path, quote):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(quote=quote)])
    only(problems, ev_path, 3, "empty quote")


@pytest.mark.parametrize("col", ["place", "actor", "status", "source_name", "published", "date"])
def test_empty_required_value(tmp_path, col):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(**{col: ""})])
    at(problems, ev_path, 3, f"empty {col}")
    assert {p.line for p in problems} == {3}


# ------------------------------------------------------------------- links


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "ftp://example.org/report.txt",
    "www.example.com",
    "http://",
    "https://example.org/a report",
    "https:///path-only",
    "mailto:editor@example.org",
    "file:///etc/passwd",
])
def test_bad_links_rejected(tmp_path, url):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(source_url=url)])
    only(problems, ev_path, 3, "is not an http(s) link", repr(url))


def test_empty_link_rejected(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(source_url="")])
    only(problems, ev_path, 3, "empty source_url")


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/x?y=1#z", True),
    ("http://sub.example.co.uk/path", True),
    ("HTTPS://EXAMPLE.ORG/", True),
    ("http://localhost/x", False),
    ("http://exa\tmple.org", False),
    ("http://example.org/\x07", False),
    ("", False),
    (None, False),
])
def test_valid_url(url, ok):
    assert data.valid_url(url) is ok


# ------------------------------------------------------------- enumerations


@pytest.mark.parametrize("field, value, needle", [
    ("status", "held", "status 'held' must be one of controlled, contested"),
    ("date_precision", "week", "date_precision 'week' must be one of day, month, year, range"),
    ("quote_type", "paraphrase", "quote_type 'paraphrase' must be one of verbatim, summary"),
])
def test_bad_enumerations(tmp_path, field, value, needle):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, ev(**{field: value})])
    only(problems, ev_path, 3, needle)


# --------------------------------------------------------------- places file


@pytest.mark.parametrize("col, value, needle", [
    ("lat", "north", "lat 'north' is not a number"),
    ("lat", "", "lat '' is not a number"),
    ("lon", "37,16", "lon '37,16' is not a number"),
    ("lat", "91", "lat 91 is out of range (-90 to 90)"),
    ("lat", "-90.5", "is out of range (-90 to 90)"),
    ("lon", "181", "lon 181 is out of range (-180 to 180)"),
    ("lon", "-180.01", "is out of range (-180 to 180)"),
])
def test_bad_coordinates(tmp_path, col, value, needle):
    places = PLACES + [dict(PLACES[1], name="Delta", **{col: value})]
    _, problems, (_, pl_path, _) = problems_of(tmp_path, [GOOD], places=places)
    only(problems, pl_path, 5, needle)


def test_coordinates_at_limits_accepted(tmp_path):
    places = PLACES + [dict(PLACES[1], name="Delta", lat="-90", lon="180")]
    _, problems, _ = problems_of(tmp_path, [GOOD], places=places)
    assert problems == []


def test_manual_coordinates_need_coord_note(tmp_path):
    places = [PLACES[0], dict(PLACES[2], coord_note=""), PLACES[1]]
    _, problems, (_, pl_path, _) = problems_of(tmp_path, [GOOD], places=places)
    only(problems, pl_path, 3, "manual coordinates need a coord_note")


def test_bad_coord_source(tmp_path):
    places = [PLACES[0], dict(PLACES[1], coord_source="google")]
    _, problems, (_, pl_path, _) = problems_of(tmp_path, [GOOD], places=places)
    only(problems, pl_path, 3, "coord_source 'google' must be one of geonames, nominatim, manual")


def test_duplicate_place_names(tmp_path):
    places = PLACES + [dict(PLACES[0], lat="1", lon="2")]
    _, problems, (_, pl_path, _) = problems_of(tmp_path, [GOOD], places=places)
    only(problems, pl_path, 5, "duplicate place name (same as line 2)")


# --------------------------------------------------------------- actors file


@pytest.mark.parametrize("colour", ["red", "#12345", "#GGGGGG", "#1234567", "", "0072B2"])
def test_bad_actor_colour(tmp_path, colour):
    actors = ACTORS + [dict(name="Turkey", parent="", aliases="", colour=colour, description="")]
    _, problems, (_, _, ac_path) = problems_of(tmp_path, [GOOD], actors=actors)
    only(problems, ac_path, len(ACTORS) + 2, f"colour {colour!r} is not a #RRGGBB hex colour")


def test_unknown_parent(tmp_path):
    actors = ACTORS + [dict(name="Jaish al-Izza", parent="FSA", aliases="", colour="#123456", description="")]
    _, problems, (_, _, ac_path) = problems_of(tmp_path, [GOOD], actors=actors)
    only(problems, ac_path, len(ACTORS) + 2, "parent 'FSA' is not an actor in this table")


def test_parent_cycle(tmp_path):
    n = len(ACTORS)
    actors = ACTORS + [
        dict(name="A", parent="B", aliases="", colour="#111111", description=""),  # line n+2
        dict(name="B", parent="A", aliases="", colour="#222222", description=""),  # line n+3
        dict(name="C", parent="A", aliases="", colour="#333333", description=""),  # below the cycle, not on it
        dict(name="D", parent="D", aliases="", colour="#444444", description=""),  # its own parent
    ]
    _, problems, (_, _, ac_path) = problems_of(tmp_path, [GOOD], actors=actors)
    assert sorted(p.line for p in problems) == [n + 2, n + 3, n + 5]
    at(problems, ac_path, n + 2, "'A' is its own ancestor (parent cycle)")
    at(problems, ac_path, n + 3, "'B' is its own ancestor")
    at(problems, ac_path, n + 5, "'D' is its own ancestor")


def test_duplicate_actor_names(tmp_path):
    actors = ACTORS + [dict(ACTORS[0], colour="#000000")]
    _, problems, (_, _, ac_path) = problems_of(tmp_path, [GOOD], actors=actors)
    only(problems, ac_path, len(ACTORS) + 2, "duplicate actor name (same as line 2)")


# --------------------------------------------------------------- duplicates


def test_duplicate_rows_name_first_line(tmp_path):
    dup = ev(date="2024-11-30", quote="Same words.")
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [GOOD, dup, ev(place="Bravo"), dict(dup)])
    only(problems, ev_path, 5, "duplicate row (same as line 3)")


def test_duplicate_rows_differing_only_in_notes_are_duplicates(tmp_path):
    a = ev(date="2024-11-30", notes="first")
    b = dict(a, notes="second", source_name="Another name for report A")
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [a, b])
    only(problems, ev_path, 3, "duplicate row (same as line 2)")


def test_duplicate_ids_name_first_line(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [
        ev(id="x1", date="2024-11-27"), ev(id="x2", date="2024-11-28"), ev(id="x1", date="2024-11-29")])
    only(problems, ev_path, 4, "duplicate id (same as line 2)")


def test_ids_generated_and_stable_when_empty(tmp_path):
    rows = [ev(date="2024-11-27"), ev(date="2024-11-28", place="Bravo"), ev(id="given", date="2024-11-29")]
    ds1 = load_dataset(*make_dataset(tmp_path / "one", rows))
    ds2 = load_dataset(*make_dataset(tmp_path / "two", rows))
    ds3 = load_dataset(*make_dataset(tmp_path / "three", list(reversed(rows))))
    ids1 = list(ds1.events["id"])
    assert ids1[2] == "given"
    assert all(i.startswith("e") and len(i) == 11 for i in ids1[:2])
    int(ids1[0][1:], 16)  # hex digits
    assert ids1[0] != ids1[1]
    assert list(ds2.events["id"]) == ids1  # same content, same ids
    assert list(ds3.events["id"]) == list(reversed(ids1))  # ids follow the content, not the position
    # a change to the claim changes the generated id
    ds4 = load_dataset(*make_dataset(tmp_path / "four", [ev(date="2024-11-27", quote="Other words.")] + rows[1:]))
    assert ds4.events["id"].iat[0] != ids1[0]
    assert ds4.events["id"].iat[1] == ids1[1]


# --------------------------------------------------------- broken files


def test_empty_events_file(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    ev_path.write_bytes(b"")
    _, problems = validate_files(ev_path, pl_path, ac_path)
    only(problems, ev_path, 1, "file is empty")


def test_blank_places_file(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    pl_path.write_text("\n  \n")
    _, problems = validate_files(ev_path, pl_path, ac_path)
    only(problems, pl_path, 1, "file is empty")


def test_header_only_events_file(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [])
    only(problems, ev_path, 1, "no data rows")


def test_missing_file(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    _, problems = validate_files(tmp_path / "nope.csv", pl_path, ac_path)
    only(problems, tmp_path / "nope.csv", 0, "file not found")


def _raw_events(tmp_path, lines: list[bytes]):
    """Events file from raw byte lines (header first); valid places/actors."""
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    ev_path.write_bytes(b"\n".join(lines) + b"\n")
    return ev_path, pl_path, ac_path


def _line(**kw) -> bytes:
    row = ev(**kw)
    text = ",".join('"' + row[c].replace('"', '""') + '"' for c in schema.EVENT_COLUMNS)
    return text.encode("utf-8")


HEADER = ",".join(schema.EVENT_COLUMNS).encode()


def test_non_utf8_file_reports_line(tmp_path):
    bad = _line(date="2024-11-30", quote="Alépo").replace("Alépo".encode("utf-8"), "Alépo".encode("latin-1"))
    paths = _raw_events(tmp_path, [HEADER, _line(date="2024-11-28"), _line(date="2024-11-29"), bad])
    _, problems = validate_files(*paths)
    p = only(problems, paths[0], 4, "not UTF-8")
    assert "0xe9" in p.message


def test_nul_byte_reports_line(tmp_path):
    paths = _raw_events(tmp_path, [HEADER, _line(date="2024-11-28"), _line(date="2024-11-29").replace(b"A", b"\x00A", 1)])
    _, problems = validate_files(*paths)
    only(problems, paths[0], 3, "NUL byte")


def test_unbalanced_quote_reports_line(tmp_path):
    bad = _line(date="2024-11-30")[:-1]  # drop the closing quote of the last field
    paths = _raw_events(tmp_path, [HEADER, _line(date="2024-11-28"), _line(date="2024-11-29"), bad])
    _, problems = validate_files(*paths)
    only(problems, paths[0], 4, "not valid CSV", "never closed")


def test_too_many_fields_reports_line(tmp_path):
    paths = _raw_events(tmp_path, [HEADER, _line(date="2024-11-28"), _line(date="2024-11-29") + b",extra", _line(date="2024-11-30")])
    _, problems = validate_files(*paths)
    p = only(problems, paths[0], 3, "not valid CSV")
    assert f"expected {len(schema.EVENT_COLUMNS)} fields, saw {len(schema.EVENT_COLUMNS) + 1}" in p.message


def test_too_many_fields_after_multiline_field_reports_physical_line(tmp_path):
    paths = _raw_events(tmp_path, [HEADER, _line(date="2024-11-28", quote="one\ntwo\nthree"),
                                   _line(date="2024-11-29"), _line(date="2024-11-30") + b",extra"])
    _, problems = validate_files(*paths)
    only(problems, paths[0], 6, "not valid CSV")  # header 1, lines 2-4, 5, then 6


def test_duplicate_header_columns(tmp_path):
    paths = _raw_events(tmp_path, [HEADER + b",quote", _line() + b',"again"'])
    _, problems = validate_files(*paths)
    p = only(problems, paths[0], 1, "duplicate column")
    assert "quote" in p.message


# ----------------------------------------------------- all problems at once


def test_all_problems_reported_at_once(tmp_path):
    _, problems, (ev_path, _, _) = problems_of(tmp_path, [
        ev(date="2024-13-01"),
        ev(date="2024-11-28", actor="YPG"),
        ev(date="2024-11-29", source_url="javascript:alert(1)"),
        ev(date="2024-11-30"),  # fine
    ])
    assert len(problems) == 3
    assert [p.line for p in problems] == [2, 3, 4] or sorted(p.line for p in problems) == [2, 3, 4]
    at(problems, ev_path, 2, "not a valid date")
    at(problems, ev_path, 3, "unknown actor")
    at(problems, ev_path, 4, "http(s) link")


def test_problems_in_several_files_reported_together(tmp_path):
    places = PLACES + [dict(PLACES[1], name="Delta", lat="x")]
    actors = ACTORS + [dict(name="Turkey", parent="", aliases="", colour="yellow", description="")]
    _, problems, (ev_path, pl_path, ac_path) = problems_of(
        tmp_path, [GOOD, ev(status="held")], places=places, actors=actors)
    assert len(problems) == 3
    at(problems, ev_path, 3, "status 'held'")
    at(problems, pl_path, 5, "lat 'x'")
    at(problems, ac_path, len(ACTORS) + 2, "colour 'yellow'")


def test_load_dataset_raises_dataerror_with_every_problem(tmp_path):
    paths = make_dataset(tmp_path, [ev(status="held"), ev(date="2024-11-30", quote="")])
    with pytest.raises(DataError) as info:
        load_dataset(*paths)
    assert [p.line for p in info.value.problems] == [3, 2] or sorted(p.line for p in info.value.problems) == [2, 3]
    assert f"{paths[0]}:2: status 'held'" in str(info.value)
    assert f"{paths[0]}:3: empty quote" in str(info.value)


def test_line_numbers_with_multiline_quoted_fields(tmp_path):
    rows = [
        ev(date="2024-11-27", quote="first line\nsecond line\nthird line"),  # lines 2-4
        ev(date="2024-11-28", status="held"),  # line 5
        ev(date="2024-11-29", notes="a note\nover two lines", actor="Nobody"),  # lines 6-7
        ev(date="2024-11-30", published="never"),  # line 8
    ]
    _, problems, (ev_path, _, _) = problems_of(tmp_path, rows)
    assert sorted(p.line for p in problems) == [5, 6, 8]
    at(problems, ev_path, 5, "status 'held'")
    at(problems, ev_path, 6, "unknown actor: 'Nobody'")
    at(problems, ev_path, 8, "published 'never'")


def test_line_numbers_of_loaded_rows_with_multiline_fields_and_blank_lines(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    ev_path.write_bytes(HEADER + b"\n" + _line(date="2024-11-27", quote="a\nb") + b"\n\n"
                        + _line(date="2024-11-28") + b"\n" + _line(date="2024-11-29") + b"\n")
    ds = load_dataset(ev_path, pl_path, ac_path)
    assert list(ds.events["line"]) == [2, 5, 6]
    assert ds.events["quote"].iat[0] == "a\nb"


def _scan_reference(raw: bytes) -> dict:
    """What _scan_lines computes, with plain byte searches."""
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":
        end -= 1
    return {"breaks": raw.count(b"\n", 0, end),
            "blank": raw.find(b"\n\n", 0, end) >= 0 or raw.find(b"\n\r\n", 0, end) >= 0,
            "blank_anywhere": b"\n\n" in raw, "quote_starts_line": b'\n"' in raw}


def test_line_scan_agrees_with_byte_searches_on_every_short_input():
    import itertools
    for n in range(7):  # every string of up to 6 of the bytes that matter
        for chars in itertools.product(b'a\n\r"', repeat=n):
            raw = bytes(chars)
            assert data._scan_lines(raw) == _scan_reference(raw), raw


def test_blank_line_in_crlf_file_keeps_line_numbers(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    ev_path.write_bytes(b"\r\n".join([HEADER, _line(date="2024-11-28"), b"", _line(date="2024-11-29", status="held")]) + b"\r\n")
    _, problems = validate_files(ev_path, pl_path, ac_path)
    only(problems, ev_path, 4, "status 'held'")


def test_crlf_line_endings(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    ev_path.write_bytes(b"\r\n".join([HEADER, _line(date="2024-11-28"), _line(date="2024-11-29", status="held")]) + b"\r\n")
    _, problems = validate_files(ev_path, pl_path, ac_path)
    only(problems, ev_path, 3, "status 'held'")


def test_utf8_bom_accepted(tmp_path):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [GOOD])
    ev_path.write_bytes(b"\xef\xbb\xbf" + ev_path.read_bytes())
    ds = load_dataset(ev_path, pl_path, ac_path)
    assert list(ds.events["id"]) == ["good"]


# ------------------------------------------------------------------- paths


def test_resolve_paths_defaults(monkeypatch):
    for var in ("DASHBOARD_EVENTS", "DASHBOARD_PLACES", "DASHBOARD_ACTORS"):
        monkeypatch.delenv(var, raising=False)
    ev_path, pl_path, ac_path = resolve_paths()
    assert ev_path == data.ROOT / "events.csv"
    assert pl_path == data.ROOT / "geodata" / "places.csv"
    assert ac_path == data.ROOT / "geodata" / "actors.csv"


def test_resolve_paths_honours_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_EVENTS", str(tmp_path / "e.csv"))
    monkeypatch.setenv("DASHBOARD_PLACES", str(tmp_path / "geo" / "p.csv"))
    monkeypatch.delenv("DASHBOARD_ACTORS", raising=False)
    ev_path, pl_path, ac_path = resolve_paths()
    assert ev_path == tmp_path / "e.csv"
    assert pl_path == tmp_path / "geo" / "p.csv"
    assert ac_path == tmp_path / "geo" / "actors.csv"  # beside the places file
    monkeypatch.setenv("DASHBOARD_ACTORS", str(tmp_path / "a.csv"))
    assert resolve_paths()[2] == tmp_path / "a.csv"
    # explicit arguments win over the environment
    assert resolve_paths(tmp_path / "x.csv", tmp_path / "y" / "places.csv") == (
        tmp_path / "x.csv", tmp_path / "y" / "places.csv", tmp_path / "a.csv")
    monkeypatch.delenv("DASHBOARD_ACTORS")
    assert resolve_paths(places=tmp_path / "y" / "places.csv")[2] == tmp_path / "y" / "actors.csv"


def test_load_dataset_from_environment(monkeypatch, tmp_path):
    ev_path, pl_path, _ = make_dataset(tmp_path, [GOOD, ev(id="second", date="2024-11-30")])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev_path))
    monkeypatch.setenv("DASHBOARD_PLACES", str(pl_path))
    monkeypatch.delenv("DASHBOARD_ACTORS", raising=False)
    ds = load_dataset()
    assert list(ds.events["id"]) == ["good", "second"]
    assert ds.paths["actors"] == pl_path.with_name("actors.csv")


# ------------------------------------------------------------------ writing


def test_write_csv_atomic_round_trip(tmp_path):
    path = tmp_path / "out.csv"
    data.write_csv_atomic(path, [{"a": "1", "b": None, "c": "ignored"}, {"a": 'say "hi"\nthere', "b": 2}], ["a", "b"])
    header, rows = data.read_rows(path)
    assert header == ["a", "b"]
    assert rows == [{"a": "1", "b": ""}, {"a": 'say "hi"\nthere', "b": "2"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_write_csv_atomic_keeps_old_file_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_text("old,content\n1,2\n", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(data.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        data.write_csv_atomic(path, [{"a": "new"}], ["a"])
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old,content\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]  # no temp file left


def test_write_csv_atomic_keeps_old_file_when_a_row_fails(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("old\n", encoding="utf-8")

    class Bad:
        def __str__(self):
            raise RuntimeError("cannot format")

    with pytest.raises(RuntimeError):
        data.write_csv_atomic(path, [{"a": "fine"}, {"a": Bad()}], ["a"])
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_write_text_atomic(tmp_path, monkeypatch):
    path = tmp_path / "map.html"
    data.write_text_atomic(path, "<p>één</p>")
    assert path.read_text(encoding="utf-8") == "<p>één</p>"
    monkeypatch.setattr(data.os, "replace", lambda s, d: (_ for _ in ()).throw(OSError("nope")))
    with pytest.raises(OSError):
        data.write_text_atomic(path, "new")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "<p>één</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


# ------------------------------------------------------------- bundled data


def test_bundled_data_is_valid(monkeypatch):
    for var in ("DASHBOARD_EVENTS", "DASHBOARD_PLACES", "DASHBOARD_ACTORS"):
        monkeypatch.delenv(var, raising=False)
    ds, problems = validate_files()
    assert problems == []
    assert len(ds.events) >= 30
    assert ds.events["id"].is_unique
    assert set(ds.events["place"]) <= set(ds.places["name"])


def test_period_bounds_on_many_rows_match_row_by_row():
    # above a thousand rows the bounds are worked out once per distinct date
    import random
    rng = random.Random(5)
    values = [("2024-11-30", "", "day"), ("2024-02-30", "", "day"), ("2024-11", "", "month"), ("2016", "", "year"),
              ("2024-11-27", "2024-12-02", "range"), ("2024-12-02", "2024-11-27", "range"), ("2024-13", "", "month"),
              ("30/11/2024", "", "day"), ("2024", "", "day"), ("", "", ""), ("2024-11-30", "", "hour")]
    rows = [rng.choice(values) for _ in range(3000)]
    cols = [pd.Series([r[i] for r in rows], index=range(10, 3010)) for i in range(3)]
    start, end, invalid = data.period_bounds(*cols)
    assert list(start.index) == list(range(10, 3010))
    for i in range(0, 3000, 7):
        s, e, bad = data.period_bounds(*(pd.Series([c.iat[i]]) for c in cols))
        assert (start.iat[i], end.iat[i], invalid.iat[i]) == (s.iat[0], e.iat[0], bad.iat[0]), rows[i]
    # a reversed range parses (it is refused elsewhere, as "date_end is before date")
    assert invalid.sum() == sum(r[2] not in ("day", "month", "year", "range") or r[0] in ("2024-02-30", "2024-13", "30/11/2024")
                                or (r[0] == "2024" and r[2] == "day") for r in rows)


def test_loaded_text_columns_are_each_one_arrow_chunk(tmp_path):
    # the CSV reader leaves a chunk per block (about 1 MB); a chunked column
    # makes every later row lookup many times slower, so loading joins them
    import pyarrow as pa
    from dashboard.bench import synth
    synth.synthesize(200, 8_000, tmp_path, seed=1)
    assert (tmp_path / "events.csv").stat().st_size > 2_000_000  # several blocks
    ds = load_dataset(tmp_path / "events.csv", tmp_path / "places.csv", tmp_path / "actors.csv")
    for c in ds.events.columns:
        arr = pa.array(ds.events[c])
        assert not isinstance(arr, pa.ChunkedArray) or arr.num_chunks == 1, c
    assert isinstance(ds.events["quote"].dtype, pd.StringDtype)
    assert ds.events["quote"].str.len().sum() > 0


def test_one_chunk_keeps_values_index_and_name():
    import pyarrow as pa
    col = pa.chunked_array([pa.array(["a", " b"]), pa.array(["c"])]).to_pandas().set_axis([5, 6, 7]).rename("x")
    out = data.one_chunk(col)
    assert list(out) == ["a", " b", "c"] and list(out.index) == [5, 6, 7] and out.name == "x"
    assert not isinstance(pa.array(out), pa.ChunkedArray) or pa.array(out).num_chunks == 1


def test_a_dataset_is_immutable_and_shared_safely(tmp_path):
    """One Dataset serves every session: its fields cannot be rebound, its
    timeline's arrays cannot be written, and no module keeps state in it."""
    import dataclasses

    import numpy as np

    from dashboard.core import control
    from dashboard.ui import views

    ds = load_dataset(*make_dataset(tmp_path, [ev(id="a"), ev(id="b", date="2024-12-01", place="Bravo", actor="HTS")]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.events = ds.events
    assert not hasattr(ds, "_cache") and not hasattr(ds, "__dict__") or "_cache" not in vars(ds)
    tl = ds.timeline
    assert control.build_timeline(ds) is tl
    for name, arr in list(tl.seg.items()) + [("keys", tl.keys), ("start_day", tl.start_day)]:
        if isinstance(arr, np.ndarray):
            assert not arr.flags.writeable, name
    before = {f.name: id(getattr(ds, f.name)) for f in dataclasses.fields(ds)}
    control.state_at(ds, "2024-12-01")
    assert views.find_place(ds, "alfa") == "Alpha" and views.place_label(ds, "Alpha") == "Alpha (Alfa)"
    views.focus_range(ds)
    assert {f.name: id(getattr(ds, f.name)) for f in dataclasses.fields(ds)} == before
    assert ds.lineage["HTS"] == ("HTS", "Rebels")
