"""Tests for dashboard.core.quotes: what normalize_text forgives, and verify_quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.quotes import normalize_text, report_files, verify_quotes


@pytest.mark.parametrize("typographic, plain", [
    ("The government\u2019s forces", "The government's forces"),
    ("\u2018repelled\u2019", "'repelled'"),
    ("\u201cDeter the Aggression,\u201d", '"Deter the Aggression,"'),
    ("\u201eGerman quotes\u201f", '"German quotes"'),
    ("\u00abguillemets\u00bb", '"guillemets"'),
    ("Aleppo \u2014 Syria\u2019s second city", "Aleppo - Syria's second city"),
    ("2011\u20132024", "2011-2024"),
    ("non\u2011breaking hyphen", "non-breaking hyphen"),
    ("minus \u22125", "minus -5"),
    ("`backtick'", "'backtick'"),
])
def test_normalize_text_forgives_typographic_quotes_and_dashes(typographic, plain):
    assert normalize_text(typographic) == normalize_text(plain)
    assert normalize_text(typographic) == plain


@pytest.mark.parametrize("spaced", [
    "  Rebels   captured\n\nAleppo.\t",
    "Rebels\r\ncaptured Aleppo.",
    "Rebels\u00a0captured\u2009Aleppo.",  # no-break and thin spaces
    "Rebels captured Aleppo.",
])
def test_normalize_text_collapses_whitespace(spaced):
    assert normalize_text(spaced) == "Rebels captured Aleppo."


@pytest.mark.parametrize("changed", [
    "Rebels seized Aleppo.",
    "Rebels captured Aleppo",  # punctuation matters
    "rebels captured Aleppo.",  # case matters
    "Rebels captured  the Aleppo.",
    "Rebelscaptured Aleppo.",  # whitespace cannot be removed, only collapsed
])
def test_normalize_text_does_not_forgive_changed_words(changed):
    assert normalize_text(changed) != normalize_text("Rebels captured Aleppo.")


def test_normalize_text_does_not_fold_dash_into_nothing():
    assert normalize_text("well\u2014known") == "well-known"
    assert normalize_text("well\u2014known") != normalize_text("wellknown")


# ------------------------------------------------------------- verify_quotes


URL = "https://example.org/report-a"
URL_OTHER = "https://example.com/other"


@pytest.fixture
def sources(tmp_path):
    (tmp_path / "a.txt").write_text("Intro.\nHTS has \u201creached\u201d the city\u2019s\ncentre. End.", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text(
        "Some text mentioning https://example.net/not-in-table and b.txt\n\n"
        "| file | link |\n|---|---|\n"
        f"| a.txt | {URL}, also see the table |\n"
        f"| missing.txt | {URL_OTHER} |\n", encoding="utf-8")
    return tmp_path


def _events(*rows):
    base = dict(id="x", quote="", quote_type="verbatim", source_url=URL, line=2)
    return pd.DataFrame([dict(base, **r) for r in rows])


def test_report_files_maps_table_links_to_existing_files(sources):
    files = report_files(sources)
    assert files == {URL: sources / "a.txt"}  # missing.txt does not exist; prose lines are not the table


def test_report_files_without_index(tmp_path):
    assert report_files(tmp_path) == {}


def test_verify_quotes(sources):
    events = _events(
        dict(id="ok", quote='HTS has "reached" the city\'s centre.', line=2),
        dict(id="changed", quote="HTS has reached the city centre.", line=3),
        dict(id="summary", quote="HTS is in Aleppo.", quote_type="summary", line=4),
        dict(id="nofile", quote="Anything.", source_url=URL_OTHER, line=5),
    )
    res = verify_quotes(events, sources, "ev.csv")
    assert res.checked == 2
    assert res.skipped == 1
    assert len(res.failures) == 2
    assert res.failures[0].startswith("ev.csv:3: quote of 'changed' is not verbatim in a.txt")
    assert res.failures[1].startswith(f"ev.csv:5: no report text for {URL_OTHER}")


def test_verify_quotes_all_good(sources):
    res = verify_quotes(_events(dict(quote="Intro. HTS has"), dict(quote="centre. End.")), sources)
    assert (res.checked, res.skipped, res.failures) == (2, 0, [])
