"""Tests for dashboard.ingest: proposing rows from an article, accepting a review, rediscovery."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest import accepting, evaluation, extraction
from dashboard.core import data, schema
from dashboard.ingest.geocode import GeocodeResult

ACTORS = [
    {"name": "Syrian government", "parent": "", "aliases": "Syrian army;government forces;regime", "colour": "#D55E00", "description": ""},
    {"name": "Rebels", "parent": "", "aliases": "rebel forces;insurgents", "colour": "#56B4E9", "description": ""},
    {"name": "HTS", "parent": "Rebels", "aliases": "Hayat Tahrir al-Sham", "colour": "#009E73", "description": ""},
    {"name": "SNA", "parent": "Rebels", "aliases": "Syrian National Army;Ankara-backed rebels", "colour": "#E69F00", "description": ""},
    {"name": "SDF", "parent": "", "aliases": "Syrian Democratic Forces;YPG", "colour": "#CC79A7", "description": ""},
]
PLACES = [
    {"name": "Aleppo", "kind": "city", "lat": "36.20124", "lon": "37.16117", "aliases": "Halab", "coord_source": "geonames", "coord_ref": "geonames:170063", "coord_note": ""},
    {"name": "Hama", "kind": "city", "lat": "35.13179", "lon": "36.75783", "aliases": "Hamah", "coord_source": "geonames", "coord_ref": "geonames:170017", "coord_note": ""},
    {"name": "Saraqib", "kind": "town", "lat": "35.86447", "lon": "36.80591", "aliases": "Saraqeb", "coord_source": "geonames", "coord_ref": "geonames:164816", "coord_note": ""},
    {"name": "Tel Rifaat", "kind": "town", "lat": "36.47229", "lon": "37.09471", "aliases": "Tall Rif'at", "coord_source": "geonames", "coord_ref": "geonames:163476", "coord_note": ""},
]
PUB = "2024-11-30"  # a Saturday
URL = "https://news.example.org/syria/offensive"
ARTICLE = (
    "Rebels captured Saraqib on Friday, according to the Syrian Observatory for Human Rights.\n"
    "HTS fighters entered Aleppo on Thursday. Government forces repelled an attack on Hama yesterday.\n"
    "Hayat Tahrir al-Sham said it had seized Kafr Halab last week.\n"
    "The Syrian army said the reports were false and that its forces still hold Kafr Halab.\n"
    "In 2016 the Syrian army recaptured Aleppo from rebel forces.\n"
    "Media outlets reported that Ankara-backed rebels had driven the YPG out of Tel Rifaat.\n"
    "Turkey’s U.S. allies met in Geneva, and nobody captured anything there.\n"
)
KAFR_HALAB = GeocodeResult("Kafr Ḩalab", "Kafr Halab", 36.08, 36.79, "geonames", "geonames:999", "GeoNames exact match (fake)")


def fake_geocode(name):
    return KAFR_HALAB if name == "Kafr Halab" else None


def propose(text=ARTICLE, published=PUB, geocode_fn=fake_geocode):
    return extraction.propose_rows(text, url=URL, publisher="Example News", published=published,
                               places_rows=PLACES, actors_rows=ACTORS, geocode_fn=geocode_fn)


def find(rows, **kw):
    return [r for r in rows if all(r[k] == v for k, v in kw.items())]


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("phrase, pub, expected", [
    ("on Friday", "2024-11-30", ("2024-11-29", "", "day")),
    ("Thursday", "2024-11-30", ("2024-11-28", "", "day")),
    ("on Saturday", "2024-11-30", ("2024-11-30", "", "day")),  # the publication day itself
    ("last Wednesday", "2024-12-04", ("2024-11-27", "", "day")),  # strictly before a Wednesday
    ("yesterday", "2024-11-29", ("2024-11-28", "", "day")),
    ("last week", "2024-11-30", ("2024-11-18", "2024-11-24", "range")),
    ("earlier this year", "2024-12-04", ("2024-01-01", "2024-12-03", "range")),
    ("on 1 December", "2024-12-02", ("2024-12-01", "", "day")),
    ("on December 1, 2024", "2024-12-04", ("2024-12-01", "", "day")),
    ("in late November", "2024-12-02", ("2024-11-21", "2024-11-30", "range")),  # the last third, not the month
    ("By September 2015", "2024-12-04", ("2015-09", "", "month")),
    ("in 2016", "2024-12-02", ("2016", "", "year")),
])
def test_find_dates_resolves_against_publication(phrase, pub, expected):
    found = extraction.find_dates(f"Rebels captured the town {phrase}.", date.fromisoformat(pub))
    assert found, phrase
    info = found[0][2]
    assert (info["date"], info["date_end"], info["date_precision"]) == expected
    assert info["note"]


def test_dates_after_publication_are_dropped():
    assert extraction.find_dates("The army plans to retake it in 2031.", date(2024, 11, 30)) == []


def test_relative_dates_in_proposed_rows():
    rows, _ = propose()
    assert [(r["date"], r["date_precision"]) for r in find(rows, place="Saraqib", actor="Rebels")] == [("2024-11-29", "day")]
    assert find(rows, place="Aleppo", actor="HTS")[0]["date"] == "2024-11-28"
    hama = find(rows, place="Hama")[0]
    assert (hama["date"], hama["actor"], hama["status"], hama["event"]) == ("2024-11-29", "Syrian government", "contested", "repelled")
    seized = find(rows, place="Kafr Ḩalab", actor="HTS")[0]
    assert (seized["date"], seized["date_end"], seized["date_precision"]) == ("2024-11-18", "2024-11-24", "range")
    assert "last week" in seized["notes"]


def test_no_date_gets_a_window_to_publication_and_says_so():
    rows, _ = propose()
    tr = find(rows, place="Tel Rifaat")[0]
    # from the last date the article gave ("last week" = from 18 November) to publication, not a day
    assert (tr["date"], tr["date_end"], tr["date_precision"]) == ("2024-11-18", PUB, "range")
    assert "no date in the sentence" in tr["notes"]


# ------------------------------------------------------------------ rows

def test_quotes_are_verbatim_sentences():
    rows, _ = propose()
    assert rows
    for r in rows:
        assert r["quote"] in ARTICLE
        assert r["quote"] == r["quote"].strip()
        assert r["quote_type"] == "verbatim"
        assert (r["source_url"], r["source_name"], r["published"]) == (URL, "Example News", PUB)
        assert list(r) == list(extraction.REVIEW_COLUMNS)
    assert {r["quote"] for r in find(rows, place="Aleppo", actor="HTS")} == {"HTS fighters entered Aleppo on Thursday."}


def test_quote_keeps_odd_characters_exactly():
    text = "  Officials  said   the “rebels” had\u00a0captured Saraqib — on Friday.\r\nNothing else."
    rows, _ = propose(text)
    assert rows and rows[0]["quote"] in text
    assert rows[0]["quote"].startswith("Officials  said   the “rebels” had\u00a0captured")


def test_sentence_split_skips_abbreviations():
    text = "Lt. Col. Ghani said the U.S. envoy left. HTS captured Saraqib."
    spans = [text[s:e] for s, e, _ in extraction.sentences(text)]
    assert spans == ["Lt. Col. Ghani said the U.S. envoy left.", "HTS captured Saraqib."]


def test_actor_status_previous_and_claimed_by():
    rows, _ = propose()
    sar = find(rows, place="Saraqib")[0]
    assert (sar["status"], sar["event"], sar["claimed_by"]) == ("controlled", "captured", "Syrian Observatory for Human Rights")
    ale = find(rows, place="Aleppo", actor="HTS")[0]
    assert (ale["status"], ale["event"]) == ("contested", "entered")
    assert not find(rows, place="Aleppo", actor="Syrian government")  # "In 2016 ...": background, left out
    rows_all, _ = extraction.propose_rows(ARTICLE, url=URL, publisher="Example News", published=PUB, places_rows=PLACES,
                                      actors_rows=ACTORS, geocode_fn=fake_geocode, keep_background=True)
    old = find(rows_all, place="Aleppo", actor="Syrian government")[0]
    assert (old["date"], old["date_precision"], old["event"], old["previous_actor"]) == ("2016", "year", "recaptured", "Rebels")
    tr = find(rows, place="Tel Rifaat")[0]
    assert (tr["actor"], tr["previous_actor"], tr["event"], tr["claimed_by"]) == ("SNA", "SDF", "drove out", "Media outlets")
    assert "HTS" in find(rows, place="Kafr Ḩalab", actor="HTS")[0]["notes"]
    assert not find(rows, quote="Turkey’s U.S. allies met in Geneva, and nobody captured anything there.")


@pytest.mark.parametrize("text, expected", [
    ("If the rebels capture Hama, the war changes.", []),
    ("Analysts said the rebels could seize Hama within days.", []),
    ("Saraqib fell to HTS on Thursday.", [("Saraqib", "HTS", "controlled", "fell", "")]),
    ("Government forces handed over Saraqib and Hama to the YPG.",
     [("Saraqib", "SDF", "controlled", "handed over", "Syrian government"), ("Hama", "SDF", "controlled", "handed over", "Syrian government")]),
    ("HTS captured dozens of villages on the way from Saraqib to Aleppo.", []),
    ("Hama, which the Syrian army holds, was quiet.", [("Hama", "Syrian government", "controlled", "holds", "")]),
])
def test_place_and_actor_rules(text, expected):
    rows, _ = propose(text)
    assert [(r["place"], r["actor"], r["status"], r["event"], r["previous_actor"]) for r in rows] == expected


def test_denial_is_its_own_row():
    rows, _ = propose()
    kh = find(rows, place="Kafr Ḩalab")
    claim = find(kh, actor="HTS")
    denial = find(kh, event="denied")
    assert len(claim) == 1 and len(denial) == 1
    d = denial[0]
    assert (d["actor"], d["status"], d["claimed_by"]) == ("Syrian government", "controlled", "Syrian army")
    assert d["quote"] == "The Syrian army said the reports were false and that its forces still hold Kafr Halab."
    assert claim[0]["claimed_by"] == "Hayat Tahrir al-Sham"
    assert "denial" in d["notes"]


def test_denial_without_place_uses_previous_sentence():
    text = "Rebels said they had captured Saraqib. The Syrian army denied it."
    rows, _ = propose(text)
    d = find(rows, event="denied")
    assert len(d) == 1 and d[0]["place"] == "Saraqib" and d[0]["actor"] == "Syrian government"
    assert find(rows, actor="Rebels", place="Saraqib")


def test_new_places_from_geocoder():
    rows, new = propose()
    assert [p["name"] for p in new] == ["Kafr Ḩalab"]
    p = new[0]
    assert list(p) == list(schema.PLACE_COLUMNS)
    assert (p["coord_source"], p["coord_ref"], p["aliases"]) == ("geonames", "geonames:999", "Kafr Halab")
    r = find(rows, place="Kafr Ḩalab")[0]
    assert (float(r["lat"]), float(r["lon"])) == (36.08, 36.79)
    assert (float(find(rows, place="Saraqib")[0]["lat"])) == 35.86447


def test_unknown_places_without_geocoder_hit_need_coordinates():
    # nothing places "Kafr Halab": it is proposed, with a row that says it needs a point
    rows, new = propose(geocode_fn=lambda name: None)
    assert [(n["name"], n["lat"], n["lon"]) for n in new] == [("Kafr Halab", "", "")]
    assert new[0]["coord_note"].startswith("needs coordinates")
    assert find(rows, place="Kafr Halab") and not find(rows, place="Kafr Ḩalab")


def test_default_geocoder_is_offline(monkeypatch):
    monkeypatch.delenv("DASHBOARD_GEOCODE_ONLINE", raising=False)
    rows, new = extraction.propose_rows("Rebels captured Khan Shaykhun on Friday.", url=URL, publisher="X", published=PUB,
                                    places_rows=PLACES, actors_rows=ACTORS)
    assert [r["place"] for r in rows] == [new[0]["name"]]
    assert new[0]["coord_source"] == "geonames"


# ------------------------------------------------------------------ accept

@pytest.fixture
def datadir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    data.write_csv_atomic(d / "actors.csv", ACTORS, schema.ACTOR_COLUMNS)
    data.write_csv_atomic(d / "places.csv", PLACES, schema.PLACE_COLUMNS)
    first = {"id": "seed-1", "date": "2024-11-29", "date_precision": "day", "place": "Aleppo", "actor": "HTS",
             "status": "contested", "source_name": "Seed", "source_url": "https://seed.example.org/a", "published": "2024-11-29",
             "quote": "HTS has reached Aleppo, with \"quotes\",\nand a second line.", "quote_type": "verbatim"}
    data.write_csv_atomic(d / "events.csv", [first], schema.EVENT_COLUMNS)
    return d


def snapshot(d):
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def write_review(tmp_path, rows, new_places=()):
    review = tmp_path / "review.csv"
    data.write_csv_atomic(review, rows, extraction.REVIEW_COLUMNS)
    data.write_csv_atomic(tmp_path / "review.places.csv", list(new_places), schema.PLACE_COLUMNS)
    return review


def test_accept_appends_valid_rows_and_new_places(tmp_path, datadir):
    rows, new = propose()
    review = write_review(tmp_path, rows, new)
    before_header, before_rows = data.read_rows(datadir / "events.csv")
    problems = accepting.accept(review, events_path=datadir / "events.csv", places_path=datadir / "places.csv")
    assert problems == []
    header, after = data.read_rows(datadir / "events.csv")
    assert header == before_header
    assert after[:1] == before_rows and len(after) == 1 + len(rows)
    assert [r["quote"] for r in after[1:]] == [r["quote"] for r in rows]
    _, places = data.read_rows(datadir / "places.csv")
    assert [p["name"] for p in places] == [p["name"] for p in PLACES] + ["Kafr Ḩalab"]
    ds, problems = data.validate_files(datadir / "events.csv", datadir / "places.csv")
    assert problems == [] and len(ds.events) == 1 + len(rows)
    assert not [p for p in datadir.iterdir() if p.name.startswith(".")]  # no temp files left


def test_accept_refuses_invalid_rows_and_changes_nothing(tmp_path, datadir):
    rows, _ = propose()
    bad = dict(rows[0], place="Atlantis", date="2024-13-01")
    review = write_review(tmp_path, [rows[0], bad])  # and no new places: Kafr Ḩalab rows would also fail
    before = snapshot(datadir)
    problems = accepting.accept(review, events_path=datadir / "events.csv", places_path=datadir / "places.csv")
    assert problems
    assert any(p.startswith(f"{review}:3: ") and "Atlantis" in p for p in problems), problems
    assert any(p.startswith(f"{review}:3: ") and "2024-13-01" in p for p in problems), problems
    assert snapshot(datadir) == before


def test_accept_refuses_rows_naming_places_not_in_review_places(tmp_path, datadir):
    rows, _ = propose()
    review = write_review(tmp_path, rows)  # new places file left empty
    before = snapshot(datadir)
    problems = accepting.accept(review, events_path=datadir / "events.csv", places_path=datadir / "places.csv")
    assert problems and all("Kafr Ḩalab" in p for p in problems)
    assert snapshot(datadir) == before


def test_accept_is_atomic_when_replace_fails(tmp_path, datadir, monkeypatch):
    rows, new = propose()
    review = write_review(tmp_path, rows, new)
    before = snapshot(datadir)
    real_replace = os.replace

    def boom(src, dst, *a, **kw):
        if Path(dst).name in ("events.csv", "places.csv"):
            raise OSError("disk full")
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", boom)
    problems = accepting.accept(review, events_path=datadir / "events.csv", places_path=datadir / "places.csv")
    assert len(problems) == 1 and "disk full" in problems[0] and "unchanged" in problems[0]
    assert snapshot(datadir) == before


def test_accept_puts_places_back_when_events_write_fails(tmp_path, datadir, monkeypatch):
    rows, new = propose()
    review = write_review(tmp_path, rows, new)
    before = snapshot(datadir)
    real_replace = os.replace

    def boom(src, dst, *a, **kw):
        if Path(dst).name == "events.csv":
            raise OSError("interrupted")
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", boom)
    assert accepting.accept(review, events_path=datadir / "events.csv", places_path=datadir / "places.csv")
    assert snapshot(datadir) == before


def test_write_csv_atomic_keeps_old_file_when_replace_raises(tmp_path, monkeypatch):
    target = tmp_path / "events.csv"
    target.write_bytes(b"old,content\n1,2\n")
    monkeypatch.setattr(os, "replace", lambda *a, **k: (_ for _ in ()).throw(OSError("interrupted")))
    with pytest.raises(OSError):
        data.write_csv_atomic(target, [{"a": "1"}], ["a"])
    assert target.read_bytes() == b"old,content\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


# ------------------------------------------------------------------ CLI

def run(argv):
    args = cli.build_parser().parse_args(argv)
    return args.func(args)


def test_cli_add_source_says_what_it_did_not_read(tmp_path, datadir, capsys, monkeypatch):
    monkeypatch.delenv("DASHBOARD_GEOCODE_ONLINE", raising=False)
    art = tmp_path / "article.txt"
    art.write_text("HTS captured Saraqib on Friday. Rebels took " + "Hama, " * 500 + "Homs", encoding="utf-8")
    assert run(["add-source", str(art), "--url", URL, "--publisher", "P", "--published", PUB,
                "--out", str(tmp_path / "rev.csv"), "--places", str(datadir / "places.csv")]) == 0
    assert "note: 1 sentence(s) longer than 2,000 characters were not read" in capsys.readouterr().err
    assert [r["place"] for r in data.read_rows(tmp_path / "rev.csv")[1]] == ["Saraqib"]


def test_cli_add_source_then_accept(tmp_path, datadir, capsys, monkeypatch):
    monkeypatch.delenv("DASHBOARD_GEOCODE_ONLINE", raising=False)
    art = tmp_path / "article.txt"
    art.write_text("HTS captured Saraqib on Friday. The rebels also captured Khan Shaykhun.", encoding="utf-8")
    out = tmp_path / "rev.csv"
    assert run(["add-source", str(art), "--url", URL, "--publisher", "P", "--published", PUB,
                "--out", str(out), "--places", str(datadir / "places.csv")]) == 0
    printed = capsys.readouterr()
    assert "proposed row" in printed.out and "not read" not in printed.err
    header, rows = data.read_rows(out)
    assert header == list(extraction.REVIEW_COLUMNS) and len(rows) == 2
    _, new = data.read_rows(tmp_path / "rev.places.csv")
    assert len(new) == 1
    assert run(["accept", str(out), "--events", str(datadir / "events.csv"), "--places", str(datadir / "places.csv")]) == 0
    assert len(data.read_rows(datadir / "events.csv")[1]) == 3
    # accepting the same rows again would duplicate them: refused, exit 1, problems as FILE:LINE
    assert run(["accept", str(out), "--events", str(datadir / "events.csv"), "--places", str(datadir / "places.csv")]) == 1
    assert f"{out}:2: duplicate row" in capsys.readouterr().err


def test_cli_add_source_background_only_when_asked(tmp_path, datadir, monkeypatch):
    monkeypatch.delenv("DASHBOARD_GEOCODE_ONLINE", raising=False)
    art = tmp_path / "article.txt"
    art.write_text("HTS captured Saraqib on Friday. In 2016 the Syrian army recaptured Aleppo from rebel forces.", encoding="utf-8")
    common = ["--url", URL, "--publisher", "P", "--published", PUB, "--places", str(datadir / "places.csv")]
    assert run(["add-source", str(art), *common, "--out", str(tmp_path / "a.csv")]) == 0
    plain = data.read_rows(tmp_path / "a.csv")[1]
    assert [r["place"] for r in plain] == ["Saraqib"]  # the 2016 recapture is background
    assert run(["add-source", str(art), *common, "--out", str(tmp_path / "b.csv"), "--background"]) == 0
    assert any(r["date"] == "2016" for r in data.read_rows(tmp_path / "b.csv")[1])


def test_cli_add_source_rejects_bad_date(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text("x", encoding="utf-8")
    assert run(["add-source", str(art), "--url", URL, "--publisher", "P", "--published", "30/11/2024", "--out", str(tmp_path / "r.csv")]) == 2


# ------------------------------------------------------------------ rediscovery

SOURCES_MD = """# sources

| file | publisher | headline | published | link to use |
|---|---|---|---|---|
| a.txt | Example News (not verified) | A | about 2024-11-30 (exact date not verified) | https://news.example.org/a (repost) |
| b.txt | Other Paper | B | early Dec 2024 (a copy is dated 2024-12-04; written after Sat 30 Nov) | https://other.example.org/b |
"""


def test_read_sources_table(tmp_path):
    (tmp_path / "SOURCES.md").write_text(SOURCES_MD, encoding="utf-8")
    rows = evaluation.read_sources_table(tmp_path / "SOURCES.md")
    assert rows == [
        {"file": "a.txt", "publisher": "Example News", "url": "https://news.example.org/a", "published": "2024-11-30"},
        {"file": "b.txt", "publisher": "Other Paper", "url": "https://other.example.org/b", "published": "2024-12-04"},
    ]


def test_rediscovery_synthetic(tmp_path, datadir):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "SOURCES.md").write_text(SOURCES_MD, encoding="utf-8")
    (seeds / "a.txt").write_text("HTS captured Saraqib on Friday. Rebels entered Hama on Thursday.", encoding="utf-8")
    (seeds / "b.txt").write_text("Ankara-backed rebels drove the YPG out of Tel Rifaat last Wednesday.", encoding="utf-8")
    base = {"status": "controlled", "published": "2024-11-30", "quote": "q", "source_name": "S", "date_end": ""}
    rows = [
        dict(base, date="2024-11-28", date_precision="day", place="Saraqib", actor="Rebels", source_url="https://news.example.org/a"),  # parent, a day off
        dict(base, date="2024-11-20", date_precision="day", place="Hama", actor="Rebels", source_url="https://news.example.org/a"),  # wrong date
        dict(base, date="2024-11-27", date_precision="day", place="Tel Rifaat", actor="SNA", source_url="https://other.example.org/b", published="2024-12-04"),
        dict(base, date="2024-11-27", date_precision="day", place="Aleppo", actor="SDF", source_url="https://other.example.org/b", published="2024-12-04"),  # not in text
        dict(base, date="2024-11-29", date_precision="day", place="Saraqib", actor="HTS", source_url="https://elsewhere.example.org/"),  # other source
    ]
    data.write_csv_atomic(datadir / "events.csv", rows, schema.EVENT_COLUMNS)
    res = evaluation.rediscovery(seeds, datadir / "events.csv", datadir / "places.csv")
    assert (res["rows"], res["rediscovered"], res["proposals"], res["not_in_data"]) == (4, 2, 3, 1)
    assert res["share"] == 0.5
    assert [(a["file"], a["rows"], a["rediscovered"]) for a in res["articles"]] == [("a.txt", 2, 1), ("b.txt", 2, 1)]


SHARED_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.mark.skipif(not (SHARED_SEEDS / "SOURCES.md").exists(), reason="../shared/seeds (the five seed reports) is not beside the repo")
def test_rediscovery_on_seed_reports(capsys):
    res = evaluation.rediscovery(SHARED_SEEDS, data.DEFAULT_EVENTS)
    assert len(res["articles"]) == 5
    if res["rows"] == 0:
        pytest.skip("events.csv has no rows from the seed reports yet")
    assert res["share"] >= 0.7, res  # 34 of 45 (76%) when measured
    assert run(["add-source-eval", "--sources", str(SHARED_SEEDS)]) == 0
    assert "rediscovered" in capsys.readouterr().out


def test_lines_joined_into_a_paragraph_are_capped():
    # a hard-wrapped paste whose lines all run on ("... of the" / lower case) was one paragraph of the whole text:
    # pysbd's time grows with its square (0.4 MB took 135 s); joining stops near 4,000 characters
    from dashboard.ingest.sentences import split
    text = "rebels took control of the\n" * 2_000
    found = split(text)
    assert len(found) > 1 and max(s.end - s.start for s in found) <= 4_000
    assert split("Rebels took control of the\ncity of Hama on Friday.")[0].end == 50


def test_a_line_longer_than_pysbd_reads_at_once_is_read_in_pieces_cut_after_a_sentence():
    # one pasted line of 200 KB (no line breaks) took 10.7 s to split, growing with its square; in pieces of at most
    # 10,000 characters cut after ". " it is linear (0.9 s), and every sentence is still found, verbatim
    from dashboard.ingest import sentences
    unit = 'On Dec. 8, "rebels" (HTS) took Hama, said Gen. A. Smith. The army withdrew to Homs. '
    text = unit * 400  # 34,000 characters on one line
    pieces = list(sentences._pieces(text))
    assert len(pieces) == 4 and pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(pieces, pieces[1:]))  # no gap, no overlap
    assert max(e - s for s, e in pieces) <= sentences._MAX_SEGMENTED
    assert all(text[e - 2:e] == ". " for _, e in pieces[:-1])  # cut after a sentence's end
    found = sentences.split(text)
    assert [text[s.start:s.end] for s in found] == [t for _ in range(400) for t in (
        'On Dec. 8, "rebels" (HTS) took Hama, said Gen. A. Smith.', "The army withdrew to Homs.")]
    # a piece with no sentence end in its second half is cut after its last space, never inside a word
    words = "rebels took hama and " * 1_000
    assert all(words[e - 1] == " " for _, e in list(sentences._pieces(words))[:-1])
