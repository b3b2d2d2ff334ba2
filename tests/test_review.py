"""dashboard.ingest.review: the review's rows, and checking or accepting them (messages naming the table
row)."""

from __future__ import annotations

import csv
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.ingest import review  # noqa: E402
from dashboard.core import schema  # noqa: E402

from hostile import ALL as HOSTILE_STRINGS  # noqa: E402

ARTICLE = "Rebels captured Saraqib on 1 December 2024, the group said."


def _table_row(**kw):
    row = dict(keep=True, place="Saraqib", actor="Rebels", status="controlled", date="2024-12-01", date_end="",
               date_precision="day", previous_actor="", claimed_by="", event="captured", quote=ARTICLE, notes="")
    row.update(kw)
    return row


def test_review_rows_take_the_source_from_the_form_and_drop_unticked():
    rows = review.review_rows([_table_row(), _table_row(keep=False, place="Idlib")],
                               url="https://example.org/r", publisher="Example", published="2024-12-02")
    assert len(rows) == 1
    assert rows[0]["source_url"] == "https://example.org/r" and rows[0]["published"] == "2024-12-02"
    assert rows[0]["quote_type"] == "verbatim" and set(rows[0]) == set(schema.EVENT_COLUMNS)


def test_the_scope_the_assistant_proposed_is_kept_as_the_editor_left_it():
    # the page's table has a scope column ("" the whole place, "part", "around"); the row written carries it
    rows = review.review_rows([_table_row(scope="around"), _table_row(place="Idlib", scope="part"), _table_row(place="Hama")],
                               url="https://example.org/r", publisher="Example", published="2024-12-02")
    assert [(r["place"], r["scope"]) for r in rows] == [("Saraqib", "around"), ("Idlib", "part"), ("Hama", "")]
    assert "scope" in review.TABLE_COLUMNS


def test_an_edited_quote_is_refused():
    rows = review.review_rows([_table_row(quote="Rebels seized Saraqib")], url="https://example.org/r",
                               publisher="Example", published="2024-12-02")
    assert review.quote_problems(rows, ARTICLE) == [
        "table row 1: the quote is not in the article's text word for word; quotes must be copied, never edited"]


@pytest.fixture
def data_copy(tmp_path):
    for rel in ("events.csv", "geodata/places.csv", "geodata/actors.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path / "events.csv", tmp_path / "geodata" / "places.csv"


def _rows(*table):
    return review.review_rows(list(table), url="https://example.org/r", publisher="Example", published="2024-12-02")


def _count(path):
    with open(path, encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def test_accept_rows_appends_and_keeps_the_mode(data_copy):
    events, places = data_copy
    os.chmod(events, 0o640)
    before = _count(events)
    assert review.accept_rows(_rows(_table_row()), [], events_path=events, places_path=places) == []
    assert _count(events) == before + 1
    assert stat.S_IMODE(events.stat().st_mode) == 0o640


def test_a_bad_row_names_the_table_row_and_writes_nothing(data_copy):
    events, places = data_copy
    old = events.read_bytes()
    problems = review.accept_rows(_rows(_table_row(), _table_row(place="Atlantis", quote="Rebels captured")),
                                   [], events_path=events, places_path=places)
    assert problems and all(p.startswith("table row 2:") for p in problems), problems
    assert "Atlantis" in problems[0]
    assert events.read_bytes() == old


def test_check_and_merge_writes_nothing_and_gives_the_files(data_copy):
    events, places = data_copy
    old_ev, old_pl = events.read_bytes(), places.read_bytes()
    new_place = {"name": "Tell Example", "kind": "village", "lat": 35.9, "lon": 36.6, "aliases": "",
                 "coord_source": "manual", "coord_ref": "", "coord_note": "test point"}
    merged = review.check_and_merge(_rows(_table_row(place="Tell Example")), [new_place],
                                     events_path=events, places_path=places)
    assert merged.problems == [] and merged.added == 1 and merged.new_places == 1
    ev, pl = merged.csv_bytes()
    assert ev.startswith(old_ev.split(b"\n", 1)[0]) and b"Tell Example" in ev and b"Tell Example" in pl
    assert events.read_bytes() == old_ev and places.read_bytes() == old_pl


def test_a_new_place_without_coordinates_is_named(data_copy):
    events, places = data_copy
    merged = review.check_and_merge(_rows(_table_row(place="Tell Example")),
                                     [{"name": "Tell Example", "lat": "", "lon": ""}],
                                     events_path=events, places_path=places)
    assert any(p.startswith("new places table row 1:") for p in merged.problems), merged.problems


def test_hostile_text_is_kept_verbatim_and_accepted_as_text(data_copy):
    events, places = data_copy
    quote = "Rebels captured Saraqib " + " ".join(HOSTILE_STRINGS)
    rows = _rows(_table_row(quote=quote, notes=HOSTILE_STRINGS[1]))
    assert rows[0]["quote"] == quote and rows[0]["notes"] == HOSTILE_STRINGS[1]
    assert review.quote_problems(rows, "x " + quote + " y") == []
    assert review.accept_rows(rows, [], events_path=events, places_path=places) == []
    with open(events, encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh))[-1]["quote"] == quote  # written byte for byte, as text
