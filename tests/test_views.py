"""Tests for dashboard.views: URL parameters, safe markdown, map clicks and
the details shown for a place. Pure functions, no streamlit."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import control, views  # noqa: E402
from dashboard.data import load_dataset  # noqa: E402

FIRST = dt.date(2011, 1, 1)  # cg-hama-war: "2011 (year only)"
LAST = dt.date(2024, 12, 4)


@pytest.fixture(scope="module")
def ds():
    # explicit paths: the bundled data, whatever DASHBOARD_* say
    return load_dataset(ROOT / "events.csv", ROOT / "geodata" / "places.csv", ROOT / "geodata" / "actors.csv")


def unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s, flags=re.S)


# ------------------------------------------------------------- parse_view


def test_bundled_range(ds):
    assert views.date_range(ds) == (FIRST, LAST)


def test_parse_view_empty_is_default(ds):
    v = views.parse_view({}, ds)
    assert (v.date, v.actors, v.place, v.warnings) == (LAST, [], None, [])


def test_parse_view_good(ds):
    v = views.parse_view({"date": "2024-11-29", "actor": ["HTS", "SDF"], "place": "Aleppo"}, ds)
    assert v.date == dt.date(2024, 11, 29)
    assert v.actors == ["HTS", "SDF"]
    assert v.place == "Aleppo"
    assert v.warnings == []


@pytest.mark.parametrize("day", [FIRST, LAST, dt.date(2016, 6, 1)])
def test_parse_view_range_is_inclusive(ds, day):
    v = views.parse_view({"date": day.isoformat()}, ds)
    assert v.date == day and v.warnings == []


@pytest.mark.parametrize("raw", ["2024-99-99", "2024-02-30", "yesterday", "29/11/2024", "x" * 500])
def test_parse_view_bad_date(ds, raw):
    v = views.parse_view({"date": raw}, ds)
    assert v.date == LAST
    assert len(v.warnings) == 1
    w = v.warnings[0]
    assert "not a date" in w and LAST.isoformat() in w
    assert len(w) < 200  # junk is cut short
    assert raw[:40] in w


@pytest.mark.parametrize("raw", ["2010-12-31", "2024-12-05", "1900-01-01", "2999-01-01"])
def test_parse_view_out_of_range_date(ds, raw):
    v = views.parse_view({"date": raw}, ds)
    assert v.date == LAST
    assert len(v.warnings) == 1
    assert raw in v.warnings[0]
    assert f"{FIRST} to {LAST}" in v.warnings[0]


def test_parse_view_unknown_actor_and_place(ds):
    v = views.parse_view({"actor": ["HTS", "Nobody", "SDF", "hts"], "place": "Atlantis"}, ds)
    assert v.actors == ["HTS", "SDF"]  # known ones kept, in order; names are case-sensitive
    assert v.place is None
    assert len(v.warnings) == 2
    assert "'Nobody'" in v.warnings[0] and "'hts'" in v.warnings[0]
    assert "'Atlantis'" in v.warnings[1]


def test_parse_view_repeated_params(ds):
    v = views.parse_view({"date": ["2024-11-29", "2024-11-30"], "actor": ["HTS", "HTS", "SDF", "HTS"],
                          "place": ["Atlantis", "Hama"]}, ds)
    assert v.date == dt.date(2024, 11, 30)  # the last value wins, as st.query_params does
    assert v.actors == ["HTS", "SDF"]  # duplicates dropped
    assert v.place == "Hama"
    assert v.warnings == []


@pytest.mark.parametrize("params, expected", [
    ({"actor": "HTS"}, ["HTS"]),  # a string is one actor, not a list of letters
    ({"actor": ["HTS"]}, ["HTS"]),
    ({"actor": ("SDF", "Russia")}, ["SDF", "Russia"]),
    ({"actor": []}, []),
    ({"actor": ""}, []),
])
def test_parse_view_actor_string_or_list(ds, params, expected):
    v = views.parse_view(params, ds)
    assert v.actors == expected and v.warnings == []


@pytest.mark.parametrize("params", [{"date": ["2024-11-29"], "place": ["Aleppo"]},
                                    {"date": "2024-11-29", "place": "Aleppo"},
                                    {"date": ("2024-11-29",), "place": ("Aleppo",)}])
def test_parse_view_list_or_string_values(ds, params):
    v = views.parse_view(params, ds)
    assert (v.date, v.place, v.warnings) == (dt.date(2024, 11, 29), "Aleppo", [])


@pytest.mark.parametrize("params", [{"date": ""}, {"date": []}, {"date": None}, {"place": ""}, {"place": []},
                                    {"unrelated": "x"}])
def test_parse_view_blank_values_are_default(ds, params):
    v = views.parse_view(params, ds)
    assert (v.date, v.actors, v.place, v.warnings) == (LAST, [], None, [])


def test_parse_view_all_bad_at_once(ds):
    v = views.parse_view({"date": "2024-99-99", "actor": ["Nobody"], "place": "Atlantis"}, ds)
    assert (v.date, v.actors, v.place) == (LAST, [], None)
    assert len(v.warnings) == 3


# ------------------------------------------------------------ view_params


def test_view_params_default_has_only_date():
    assert views.view_params(views.View(date=LAST, actors=[], place=None)) == {"date": "2024-12-04"}


def test_view_params_full():
    p = views.view_params(views.View(date=dt.date(2024, 11, 29), actors=["HTS", "SDF"], place="Aleppo"))
    assert p == {"date": "2024-11-29", "actor": ["HTS", "SDF"], "place": "Aleppo"}


@pytest.mark.parametrize("view", [
    views.View(date=dt.date(2024, 11, 29), actors=["HTS"], place="Aleppo"),
    views.View(date=dt.date(2016, 6, 1), actors=["SDF", "Rebels"], place=None),
    views.View(date=FIRST, actors=[], place="Hmeimim air base"),
    views.View(date=LAST, actors=[], place=None),
])
def test_view_params_round_trip(ds, view):
    back = views.parse_view(views.view_params(view), ds)
    assert (back.date, back.actors, back.place, back.warnings) == (view.date, view.actors, view.place, [])


def test_view_params_does_not_share_the_actor_list():
    actors = ["HTS"]
    p = views.view_params(views.View(date=LAST, actors=actors, place=None))
    p["actor"].append("SDF")
    assert actors == ["HTS"]


# ------------------------------------------------------------- md_escape


@pytest.mark.parametrize("ch", list("\\`*_{}[]()#+-.!|<>~$:=^&"))
def test_md_escape_escapes_each_special_character(ch):
    assert views.md_escape(f"a{ch}b") == f"a\\{ch}b"


def test_md_escape_keeps_text():
    text = "Evil <b>bold</b> [x](javascript:alert(1)) $x$ *em* _u_ # h `c` ~~s~~ :red[r] 1. a | b \\ end"
    out = views.md_escape(text)
    assert unescape(out) == text
    assert "[x](javascript:" not in out
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\<b\\>" in out and "\\$x\\$" in out
    # every special character in the output is escaped
    assert not re.search(r"[`*_{}\[\]()#+\-.!|<>~$:=^&]", re.sub(r"\\.", "", out))


def test_md_escape_plain_text_unchanged_and_none():
    assert views.md_escape("Aleppo, Syria’s second city") == "Aleppo, Syria’s second city"
    assert views.md_escape(None) == ""
    assert views.md_escape(12) == "12"


def test_md_escape_newlines_are_line_breaks():
    assert views.md_escape("one\ntwo") == "one  \ntwo"


# --------------------------------------------------------------- md_link


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/file",
    "file:///etc/passwd",
    "//example.org/x",
    "example.org/x",
    "https://",
    "http://localhost/x",
    "",
    None,
])
def test_md_link_rejects_non_http(url):
    out = views.md_link("Report (1) [x]", url)
    assert out == views.md_escape("Report (1) [x]")
    assert "](" not in out


def test_md_link_http_link():
    out = views.md_link("Crisis Group", "https://reliefweb.int/report/x")
    assert out == "[Crisis Group](https://reliefweb.int/report/x)"


def test_md_link_encodes_parentheses_and_brackets():
    out = views.md_link("A [b] (c)", "https://example.org/a_(b)/<c>?q=1")
    assert out == "[A \\[b\\] \\(c\\)](https://example.org/a_%28b%29/%3Cc%3E?q=1)"
    dest = out[out.index("](") + 2:-1]
    assert not set("()<> ") & set(dest)


def test_md_link_spaces_never_reach_a_link():
    # valid_url refuses whitespace; text-fragment links encode spaces as %20
    out = views.md_link("x", "https://example.org/a b")
    assert "](" not in out
    frag = views.md_link("x", "https://example.org/a#:~:text=two%20words")
    assert frag == "[x](https://example.org/a#:~:text=two%20words)"


def test_md_link_hostile_label_is_escaped():
    out = views.md_link("[y](javascript:alert(1))", "https://example.org/")
    assert out.startswith("[\\[y\\]\\(javascript\\:alert\\(1\\)\\)](")
    assert out.endswith("](https://example.org/)")


# ---------------------------------------------------------- clicked_place

KNOWN = {"Aleppo", "Idlib"}


@pytest.mark.parametrize("value", [
    None, "Aleppo", 5, [], ["Aleppo"], {},
    {"last_active_drawing": None},
    {"last_active_drawing": "Aleppo"},
    {"last_active_drawing": ["Aleppo"]},
    {"last_active_drawing": {}},
    {"last_active_drawing": {"properties": None}},
    {"last_active_drawing": {"properties": "Aleppo"}},
    {"last_active_drawing": {"properties": []}},
    {"last_active_drawing": {"properties": {}}},
    {"last_active_drawing": {"properties": {"name": "Aleppo"}}},
    {"last_active_drawing": {"properties": {"place": None}}},
    {"last_active_drawing": {"properties": {"place": 1}}},
    {"last_active_drawing": {"properties": {"place": ["Aleppo"]}}},
    {"last_active_drawing": {"properties": {"place": {"x": 1}}}},
    {"last_active_drawing": {"properties": {"place": "Atlantis"}}},
    {"last_active_drawing": {"properties": {"place": "aleppo"}}},
    {"last_clicked": {"lat": 36.2, "lng": 37.1}},
])
def test_clicked_place_junk_is_none(value):
    assert views.clicked_place(value, KNOWN) is None


def test_clicked_place_known():
    value = {"last_active_drawing": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.16, 36.2]},
                                     "properties": {"place": "Aleppo", "status": "controlled"}},
             "last_clicked": {"lat": 36.2, "lng": 37.16}}
    assert views.clicked_place(value, KNOWN) == "Aleppo"
    assert views.clicked_place({"last_active_drawing": {"properties": {"place": "Aleppo"}}}, KNOWN) == "Aleppo"


# ---------------------------------------------------------- place_details


def test_place_details_aleppo(ds):
    state = control.state_at(ds, "2024-12-04", include_unreported=True)
    d = views.place_details(ds, state, "Aleppo")
    assert d["state"]["place"] == "Aleppo"
    assert d["state"]["controller"] == "Rebels" and d["state"]["status"] == "controlled"

    hist = d["history"]
    n_events = int((ds.events["place"] == "Aleppo").sum())
    assert len(hist) == n_events
    ids = [c["id"] for c in hist]
    assert hist[0]["id"] == "cg-aleppo-2012"  # oldest first
    assert ids.index("cg-aleppo-2016") < ids.index("rs-aleppo-2017") < ids.index("cg-aleppo-captured")
    assert hist[ids.index("cg-aleppo-2016")]["when"] == "2016 (year only)"
    assert hist[ids.index("rs-aleppo-2017")]["when"] == "2017 (year only)"
    end = dict(zip(ds.events["id"], ds.events["end_day"]))
    assert [end[i] for i in ids] == sorted(end[i] for i in ids)
    for c in hist:
        assert c["quote"] and c["source_name"]
        assert c["link"].startswith("http") and "#:~:text=" in c["link"]
        assert " " not in c["link"]
        assert c["summary"] is False

    when = [x for x in d["disagreements"] if x["kind"] == "when"]
    assert when, d["disagreements"]
    w = when[0]
    assert {c["id"] for c in w["claims"]} == {"cg-aleppo-2016", "rs-aleppo-2017"}
    assert len({c["source_name"] for c in w["claims"]}) == 2
    assert len({c["link"].split("#")[0] for c in w["claims"]}) == 2
    assert "2016" in w["when"] and "2017" in w["when"]
    assert all("#:~:text=" in c["link"] for c in w["claims"])
    # and on 29 November the reports disagree about who holds it
    assert any(x["kind"] == "who controls" for x in d["disagreements"])


def test_place_details_state_follows_the_date_and_filter(ds):
    state = control.state_at(ds, "2024-11-29", include_unreported=True)
    d = views.place_details(ds, state, "Aleppo")
    assert d["state"]["controller"] == "HTS vs Syrian government" and d["state"]["status"] == "contested"
    sdf_only = control.state_at(ds, "2024-12-04", actors=["SDF"])
    d = views.place_details(ds, sdf_only, "Aleppo")
    assert d["state"] is None
    assert d["history"]  # the history does not depend on the filter


def test_place_details_unknown_place(ds):
    state = control.state_at(ds, "2024-12-04", include_unreported=True)
    d = views.place_details(ds, state, "Atlantis")
    assert d == {"state": None, "history": [], "disagreements": []}
