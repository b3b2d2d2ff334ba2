"""Tests for dashboard.ui.views: URL parameters, safe markdown, map clicks and
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

from dashboard.core import control
from dashboard.map import wording
from dashboard.ui import views  # noqa: E402
from dashboard.core.data import load_dataset  # noqa: E402


def _bundled():
    # explicit paths: the bundled data, whatever DASHBOARD_* say
    return load_dataset(ROOT / "events.csv", ROOT / "geodata" / "places.csv", ROOT / "geodata" / "actors.csv")


# the range of the bundled data, derived from it (tests/test_bundled_data.py::test_bundled_range pins the days)
_SPAN = _bundled()
FIRST, LAST = _SPAN.first_day.date(), _SPAN.last_day.date()
del _SPAN
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def ds():
    return _bundled()


def unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s, flags=re.S)


# ------------------------------------------------------------- parse_view


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


@pytest.mark.parametrize("raw", [(FIRST - DAY).isoformat(), (LAST + DAY).isoformat(), "2010-12-31", "2024-12-21",
                                 "1900-01-01", "2999-01-01"])
def test_parse_view_out_of_range_date(ds, raw):
    v = views.parse_view({"date": raw}, ds)
    assert v.date == LAST
    assert len(v.warnings) == 1
    assert raw in v.warnings[0]
    assert f"{FIRST} to {LAST}" in v.warnings[0]


def test_parse_view_unknown_actor_and_place(ds):
    v = views.parse_view({"actor": ["HTS", "Nobody", "SDF", "hts", "Wagner"], "place": "Atlantis"}, ds)
    assert v.actors == ["HTS", "SDF"]  # known ones kept, in order; "hts" is HTS again (case ignored), dropped
    assert v.place is None
    assert len(v.warnings) == 2
    assert "'Nobody'" in v.warnings[0] and "'Wagner'" in v.warnings[0] and "hts" not in v.warnings[0]
    assert "'Atlantis'" in v.warnings[1]


@pytest.mark.parametrize("raw, name", [
    ("Aleppo", "Aleppo"), ("aleppo", "Aleppo"), ("ALEPPO", "Aleppo"), (" Aleppo ", "Aleppo"),
    ("halab", "Aleppo"), ("Alep", "Aleppo"), ("aleppo city", "Aleppo"),  # aliases
    ("hamah", "Hama"), ("Ḩamāh", "Hama"), ("hama", "Hama"),  # accents ignored
    ("idleb", "Idlib"), ("tadmur", "Palmyra"), ("Al Bab", "al-Bab"), ("al-bab", "al-Bab"),
    ("Hmeimim", "Hmeimim air base"), ("aleppo airport", "Aleppo International Airport"),
    ("tall rif'at", "Tel Rifaat"),
])
def test_parse_view_place_by_alias_or_case(ds, raw, name):
    assert views.find_place(ds, raw) == name
    v = views.parse_view({"place": raw}, ds)
    assert (v.place, v.warnings) == (name, [])


@pytest.mark.parametrize("raw", ["Atlantis", "Alepp", "halab x", "?", "Aleppo Hama"])
def test_parse_view_unknown_place_is_not_guessed(ds, raw):
    assert views.find_place(ds, raw) is None
    v = views.parse_view({"place": raw}, ds)
    assert v.place is None and len(v.warnings) == 1 and "unknown place" in v.warnings[0]


@pytest.mark.parametrize("raw, name", [
    ("hts", "HTS"), ("Hts", "HTS"), ("Hayat Tahrir al-Sham", "HTS"), ("hayat tahrir al sham", "HTS"),
    ("ypg", "SDF"), ("YPG", "SDF"), ("Syrian Democratic Forces", "SDF"), ("sdf", "SDF"),
    ("regime", "Syrian government"), ("syrian government", "Syrian government"),
    ("Türkiye", "Turkey"), ("turkiye", "Turkey"), ("isis", "Islamic State"), ("rebels", "Rebels"),
])
def test_parse_view_actor_by_alias_or_case(ds, raw, name):
    assert views.find_actor(ds, raw) == name
    v = views.parse_view({"actor": raw}, ds)
    assert (v.actors, v.warnings) == ([name], [])


def test_parse_view_aliases_of_one_actor_are_one_filter(ds):
    v = views.parse_view({"actor": ["ypg", "HTS", "SDF", "Syrian Democratic Forces", "hts"], "place": "HALAB"}, ds)
    assert v.actors == ["SDF", "HTS"]  # canonical names, first mention's order, no duplicates
    assert v.place == "Aleppo" and v.warnings == []


def test_find_place_and_actor_blank_or_junk(ds):
    for junk in (None, "", "   ", "-", 5):
        assert views.find_place(ds, junk) is None
        assert views.find_actor(ds, junk) is None
    assert views.find_actor(ds, "Aleppo") is None and views.find_place(ds, "HTS") is None  # separate indexes


# ------------------------------------------------------ zoom, center, tiles


def test_parse_view_zoom_and_center(ds):
    v = views.parse_view({"zoom": "9", "center": "36.2,37.15"}, ds)
    assert (v.zoom, v.center, v.tiles, v.warnings) == (9.0, (36.2, 37.15), False, [])
    v = views.parse_view({"zoom": ["7", "10.5"], "center": " 35.5 , 38 "}, ds)  # last value wins, spaces ok
    assert (v.zoom, v.center, v.warnings) == (10.5, (35.5, 38.0), [])
    for z in ("2", "18"):  # the bounds are included
        assert views.parse_view({"zoom": z, "center": "36,37"}, ds).zoom == float(z)


def test_parse_view_defaults_have_no_zoom_center_or_tiles(ds):
    v = views.parse_view({}, ds)
    assert (v.zoom, v.center, v.tiles) == (None, None, False)
    assert views.View(date=LAST, actors=[], place=None).tiles is False  # offline geography only


@pytest.mark.parametrize("params", [{"zoom": "9"}, {"center": "36.2,37.1"}])
def test_parse_view_zoom_without_center_is_dropped(ds, params):
    v = views.parse_view(params, ds)
    assert (v.zoom, v.center) == (None, None)
    assert v.warnings == []  # a good value, only not enough to place the map


@pytest.mark.parametrize("zoom", ["1", "19", "1.99", "-3", "abc", "nan", "inf", "9x", "1e9"])
def test_parse_view_bad_zoom_warns(ds, zoom):
    v = views.parse_view({"zoom": zoom, "center": "36.2,37.1"}, ds)
    assert (v.zoom, v.center) == (None, None)  # the good center alone cannot place the map
    assert len(v.warnings) == 1
    assert "zoom" in v.warnings[0] and repr(zoom) in v.warnings[0] and "2 to 18" in v.warnings[0]


@pytest.mark.parametrize("center", ["36.2", "36.2,37.1,5", "91,37", "-90.5,37", "36,181", "36,-180.01", "a,b",
                                    "36.2;37.1", ",", "nan,nan", "<b>,1"])
def test_parse_view_bad_center_warns(ds, center):
    v = views.parse_view({"zoom": "9", "center": center}, ds)
    assert (v.zoom, v.center) == (None, None)
    assert len(v.warnings) == 1
    assert "center" in v.warnings[0] and "LAT,LON" in v.warnings[0] and repr(center) in v.warnings[0]


def test_parse_view_long_bad_values_are_cut_short(ds):
    v = views.parse_view({"zoom": "9" * 500, "center": "x" * 500, "tiles": "y" * 500}, ds)
    assert len(v.warnings) == 3 and all(len(w) < 120 for w in v.warnings)


@pytest.mark.parametrize("raw, on", [("on", True), ("ON", True), (" on ", True), ("osm", True), ("1", True),
                                     ("true", True), ("yes", True), ("off", False), ("Off", False), ("none", False),
                                     ("0", False), ("false", False), ("no", False), (["on", "off"], False),
                                     (["off", "on"], True)])
def test_parse_view_tiles(ds, raw, on):
    v = views.parse_view({"tiles": raw}, ds)
    assert v.tiles is on and v.warnings == []


@pytest.mark.parametrize("raw", ["maybe", "http://evil.example/{z}/{x}/{y}.png", "2"])
def test_parse_view_bad_tiles_warns_and_stays_off(ds, raw):
    v = views.parse_view({"tiles": raw}, ds)
    assert v.tiles is False
    assert len(v.warnings) == 1 and "tiles" in v.warnings[0] and "on or off" in v.warnings[0]


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
                                    {"zoom": ""}, {"center": []}, {"tiles": ""}, {"unrelated": "x"}])
def test_parse_view_blank_values_are_default(ds, params):
    v = views.parse_view(params, ds)
    assert (v.date, v.actors, v.place, v.warnings) == (LAST, [], None, [])
    assert (v.zoom, v.center, v.tiles) == (None, None, False)


def test_parse_view_all_bad_at_once(ds):
    v = views.parse_view({"date": "2024-99-99", "actor": ["Nobody"], "place": "Atlantis", "zoom": "99",
                          "center": "x,y", "tiles": "maybe"}, ds)
    assert (v.date, v.actors, v.place, v.zoom, v.center, v.tiles) == (LAST, [], None, None, None, False)
    assert len(v.warnings) == 6


# ------------------------------------------------------------ view_params


def test_view_params_default_has_only_date():
    assert views.view_params(views.View(date=LAST, actors=[], place=None)) == {"date": "2024-12-20"}
    # tiles off is the default: not written
    assert views.view_params(views.View(date=LAST, actors=[], place=None, tiles=False)) == {"date": "2024-12-20"}


def test_view_params_full():
    p = views.view_params(views.View(date=dt.date(2024, 11, 29), actors=["HTS", "SDF"], place="Aleppo"))
    assert p == {"date": "2024-11-29", "actor": ["HTS", "SDF"], "place": "Aleppo"}


def test_view_params_zoom_center_tiles():
    p = views.view_params(views.View(date=dt.date(2024, 11, 30), actors=["HTS"], place=None, zoom=9.5,
                                     center=(36.201234567, 37.16117), tiles=True))
    assert p == {"date": "2024-11-30", "actor": ["HTS"], "zoom": "9.5", "center": "36.2012,37.1612", "tiles": "on"}
    assert views.view_params(views.View(date=LAST, actors=[], place=None, zoom=7.0, center=(35.0, -0.5)))[
        "zoom"] == "7"
    # one without the other is not written
    assert "zoom" not in views.view_params(views.View(date=LAST, actors=[], place=None, zoom=9.0))
    assert "center" not in views.view_params(views.View(date=LAST, actors=[], place=None, center=(36.0, 37.0)))


@pytest.mark.parametrize("view", [
    views.View(date=dt.date(2024, 11, 29), actors=["HTS"], place="Aleppo"),
    views.View(date=dt.date(2016, 6, 1), actors=["SDF", "Rebels"], place=None),
    views.View(date=FIRST, actors=[], place="Hmeimim air base"),
    views.View(date=LAST, actors=[], place=None),
    views.View(date=dt.date(2024, 12, 2), actors=["Syrian government"], place="Tel Rifaat", zoom=10.5,
               center=(36.4723, 37.0947), tiles=True),
    views.View(date=LAST, actors=[], place=None, zoom=2.0, center=(-90.0, 180.0)),
    views.View(date=LAST, actors=[], place=None, zoom=18.0, center=(33.5102, -36.2913), tiles=False),
])
def test_view_params_round_trip(ds, view):
    back = views.parse_view(views.view_params(view), ds)
    assert (back.date, back.actors, back.place, back.warnings) == (view.date, view.actors, view.place, [])
    assert (back.zoom, back.center, back.tiles) == (view.zoom, view.center, view.tiles)


def test_view_params_does_not_share_the_actor_list():
    actors = ["HTS"]
    p = views.view_params(views.View(date=LAST, actors=actors, place=None))
    p["actor"].append("SDF")
    assert actors == ["HTS"]


# ---------------------------------------------- focus_range, labels, names


def test_place_label(ds):
    assert views.place_label(ds, "Aleppo") == "Aleppo (Halab, Alep, Alepo, Aleppo city, حلب)"  # (its Arabic name too: typed, it finds the place)
    assert views.place_label(ds, "Palmyra") == "Palmyra (Tadmur, Tadmor, تدمر)"
    assert views.place_label(ds, "Atlantis") == "Atlantis"  # unknown: the name itself
    for name, aliases in zip(ds.places["name"], ds.places["aliases"].fillna("")):
        label = views.place_label(ds, name)
        assert label.startswith(name)
        for a in filter(None, str(aliases).split(";")):
            assert a in label  # typing any alias in the place box finds the place


def test_place_label_leaves_out_epithets_which_still_find_the_place(ds):
    """Epithets ("Syria's second city") name a place in prose: the assistant reads them and a
    link's ?place= finds the place by one, but the place box lists spellings only, so its labels
    stay short on a phone."""
    aleppo = ds.places.set_index("name").loc["Aleppo"]
    assert "Syria's second city" in aleppo["epithets"].split(";")
    assert "Syria's second city" not in aleppo["aliases"].split(";")
    assert "second city" not in views.place_label(ds, "Aleppo")
    assert views.find_place(ds, "syria's second city") == "Aleppo"
    for name, epithets in zip(ds.places["name"], ds.places["epithets"]):
        for e in filter(None, epithets.split(";")):
            assert e not in views.place_label(ds, name) and views.find_place(ds, e) == name


def test_place_label_without_aliases(tmp_path):
    from tests.dataset_helpers import PLACES, ev, make_dataset

    places = [dict(p, aliases="") for p in PLACES] + [{"name": "Nowhere", "kind": "town", "lat": "35", "lon": "37",
                                                         "aliases": ";"}]
    ds = load_dataset(*make_dataset(tmp_path, [ev()], places))
    assert views.place_label(ds, "Nowhere") == "Nowhere"  # no "Nowhere ()"
    assert views.place_label(ds, PLACES[0]["name"]) == PLACES[0]["name"]


@pytest.mark.parametrize("actors, stem", [
    (["HTS", "SDF"], "control-2024-11-30-hts-sdf"),
    ([], "control-2024-11-30"),
    (None, "control-2024-11-30"),
    (["Syrian government"], "control-2024-11-30-syrian-government"),
    (["Southern Operations Room", "Islamic State"], "control-2024-11-30-southern-operations-room-islamic-state"),
    (["../../etc/passwd"], "control-2024-11-30-etc-passwd"),
    (["Türkiye <b>"], "control-2024-11-30-t-rkiye-b"),
])
def test_download_stem(actors, stem):
    assert views.download_stem(dt.date(2024, 11, 30), actors) == stem


def test_download_stem_is_a_safe_short_file_name():
    stem = views.download_stem(dt.date(2024, 12, 14), ["A" * 300, "b/c\\d:e*f?g\"h<i>j|k", "\n\x00"])
    assert re.fullmatch(r"control-2024-12-14(-[a-z0-9]+)+", stem), stem
    assert len(stem) <= len("control-2024-12-14-") + 80


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


# ---------------------------------------------- change_markdown, claim_heading

HOSTILE_MD = "*[x](javascript:alert(1))*"


def test_change_markdown_bundled_row(ds):
    lo, hi = views.focus_range(ds)
    changes = control.real_changes(ds, lo, hi)
    assert len(changes)
    r = next(x for x in changes.to_dict("records") if x["place"] == "Aleppo")  # the first change in Aleppo
    # HTS reaches the city: contested by HTS, still held by the government before it
    assert (r["day"], r["controller"], r["status"]) == (dt.date(2024, 11, 29), "HTS", "contested")
    out = views.change_markdown(r, "https://example.org/r")
    head, quote = out.split("  \n")
    assert head.startswith("**29 Nov 2024** · Aleppo: contested \\(HTS\\)")
    assert ", before\\: Syrian government" in head
    # a repost is cited as the outlet it reproduces, and where, flagged as a copy
    assert r["copy_of"] == "Antiwar.com"
    assert "[Antiwar\\.com, as reproduced by fromthetrenchesworldreport\\.com \\(a copy\\)](https://example.org/r)" in head
    assert head.endswith("· claimed by unnamed reports")
    assert quote.startswith("> ") and unescape(quote[2:]) == r["quote"]


def test_change_markdown_controlled_without_before_or_claimant():
    r = {"day": dt.date(2024, 12, 5), "place": "Hama", "controller": "Rebels", "status": "controlled",
         "previous_controller": "", "claimed_by": "", "source_name": "Src", "quote": "Q."}
    assert views.change_markdown(r, "") == "**5 Dec 2024** · Hama: Rebels — Src  \n> Q\\."


def test_change_markdown_escapes_hostile_text():
    r = {"day": dt.date(2024, 12, 1), "place": HOSTILE_MD, "controller": HOSTILE_MD, "status": "contested",
         "previous_controller": HOSTILE_MD, "claimed_by": HOSTILE_MD, "source_name": HOSTILE_MD,
         "quote": HOSTILE_MD + "\n# h <script>alert(1)</script> $x$"}
    for link in ("javascript:alert(1)", "https://example.org/a_(b)"):
        out = views.change_markdown(r, link)
        assert "[x](javascript" not in out and "](javascript" not in out
        assert "<script>" not in out and "*[" not in out
        assert out.count("\\*\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\*") == 6
        body = re.sub(r"\\.", "", out)
        # the only markdown left is ours: the bold day, the quote marker, at most one link to an http(s) URL
        links = re.findall(r"\]\(([^)]*)\)", out)
        assert links == ([] if link.startswith("javascript") else ["https://example.org/a_%28b%29"])
        assert body.count("**") == 2 and body.count("*") == 4
        assert "\n# " not in out  # a heading cannot start inside the quote
        assert not re.search(r"[$<`]", body)
        assert body.count(">") == 1 and "  \n> " in body  # only the quote's own marker


def test_claim_heading(ds):
    hist = views.place_details(ds, control.state_at(ds, LAST), "Aleppo")["history"]
    card = next(c for c in hist if c["id"] == "r001-aleppo-moc")
    out = views.claim_heading(card)
    assert out == (f"**{views.md_escape(card['when'])}** · Rebels (contested"
                   + (f", {views.md_escape(card['event'])}" if card["event"] else "")
                   + f") · claimed by {views.md_escape(card['claimed_by'])}")
    assert card["claimed_by"] == "Military Operations Command"
    bare = dict(card, event="", claimed_by="")
    assert views.claim_heading(bare) == f"**{views.md_escape(card['when'])}** · Rebels (contested)"


def test_claim_heading_escapes_hostile_text():
    card = {"when": HOSTILE_MD, "actor": HOSTILE_MD, "status": HOSTILE_MD, "event": HOSTILE_MD, "claimed_by": HOSTILE_MD}
    out = views.claim_heading(card)
    assert "](javascript" not in out
    assert out.count(views.md_escape(HOSTILE_MD)) == 5
    assert re.sub(r"\\.", "", out).count("*") == 4  # only the bold date


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
    state = control.state_at(ds, LAST, include_unreported=True)
    d = views.place_details(ds, state, "Aleppo")
    assert d["state"]["place"] == "Aleppo"
    assert d["state"]["controller"] == "HTS" and d["state"]["status"] == "controlled"
    # Syriac Press: "... the group expanded its control over major cities, including Holeb (Aleppo) ..."
    assert d["state"]["claim_id"] == "r095-aleppo-expanded"

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
    # the government's recapture: 2016 in the Crisis Group text, 2017 in the Rolling Stone text
    w = next(x for x in when if {c["id"] for c in x["claims"]} == {"cg-aleppo-2016", "rs-aleppo-2017"})
    assert len({c["source_name"] for c in w["claims"]}) == 2
    assert len({c["link"].split("#")[0] for c in w["claims"]}) == 2
    assert "2016" in w["when"] and "2017" in w["when"]
    assert all("#:~:text=" in c["link"] for c in w["claims"])
    # and where independent reports name rivals on the same day (Hama, 3 Dec), a "who controls" one
    hama = views.place_details(ds, state, "Hama")
    assert any(x["kind"] == "who controls" for x in hama["disagreements"])


def test_place_details_state_follows_the_date_and_filter(ds):
    state = control.state_at(ds, "2024-11-29", include_unreported=True)
    d = views.place_details(ds, state, "Aleppo")
    assert d["state"]["controller"] == "HTS" and d["state"]["status"] == "contested"
    d = views.place_details(ds, control.state_at(ds, LAST, include_unreported=True), "Aleppo")
    assert (d["state"]["controller"], d["state"]["status"]) == ("HTS", "controlled")
    # on 7 December the rebels contest Deir ez-Zor, which the SDF held ...
    sdf_only = control.state_at(ds, "2024-12-07", actors=["SDF"])
    d = views.place_details(ds, sdf_only, "Deir ez-Zor")
    assert (d["state"]["controller"], d["state"]["status"]) == ("SDF vs Rebels", "contested")
    # ... by the end of the data the rebels hold it alone: not an SDF place
    sdf_only = control.state_at(ds, LAST, actors=["SDF"])
    d = views.place_details(ds, sdf_only, "Deir ez-Zor")
    assert d["state"] is None
    assert views.place_details(ds, sdf_only, "Aleppo")["state"] is None  # nor is Aleppo
    assert "Sheikh Maqsoud" in set(sdf_only["place"])  # the filter does keep SDF places
    # the history does not depend on it
    assert len(d["history"]) == int((ds.events["place"] == "Deir ez-Zor").sum())


def test_place_details_unknown_place(ds):
    state = control.state_at(ds, "2024-12-04", include_unreported=True)
    d = views.place_details(ds, state, "Atlantis")
    assert d == {"state": None, "history": [], "disagreements": []}


def test_source_label_flags_copies_and_rtl_quotes_read_right_to_left():
    assert views.source_label("Reuters (copy at squidbusiness.fr)", "Reuters", "https://www.squidbusiness.fr/x") == \
        "Reuters, as reproduced by squidbusiness.fr (a copy)"
    assert views.source_label("The National (UAE)", "", "https://thenationalnews.com/x") == "The National (UAE)"
    assert views.is_rtl("سيطرت قوات سوريا الديمقراطية على المربع الأمني في الحسكة")
    assert not views.is_rtl("The SDF took the security square in Hasakah (الحسكة).")
    html_ = views.quote_html('قال <script>alert(1)</script> "x"')
    assert html_.startswith('<blockquote dir="rtl" lang="ar"') and "<script>" not in html_ and "&lt;script&gt;" in html_


def test_an_rtl_quote_cannot_end_its_html_block():
    out = views.quote_html("قال\n\n![x](https://evil.example/p.png) $x$")
    assert "\n" not in out and "<br><br>" in out and out.endswith("</blockquote>")


# ------------------------------------------------- the map page's view, on data made here

from urllib.parse import parse_qs, urlencode  # noqa: E402

from dashboard.core import known_then as known_then_module  # noqa: E402
from dataset_helpers import PLACES, URL_B, ev, make_dataset  # noqa: E402

ODD = "Tal <b>&amp; [x](javascript:alert(1)) #1?=&"  # a place name that is markup, a link and a query string


@pytest.fixture
def small(tmp_path):
    """Alpha: the government's (reported 4 Dec), then HTS's (5 Dec, reported 6 Dec);
    Bravo: contested on 1 Dec; the odd name: HTS's on 5 Dec. Charlie: no report."""
    places = PLACES + [dict(PLACES[1], name=ODD, aliases="", lat="35.9", lon="36.6", coord_ref="geonames:9")]
    return load_dataset(*make_dataset(tmp_path, [
        ev(id="a1"),
        ev(id="a2", date="2024-12-05", actor="HTS", previous_actor="Syrian government",
           source_name="Report B", source_url=URL_B, published="2024-12-06", quote="HTS took Alpha."),
        ev(id="b1", place="Bravo", date="2024-12-01", status="contested", actor="Rebels",
           quote="Fighting in Bravo."),
        ev(id="o1", place=ODD, date="2024-12-05", actor="HTS", published="2024-12-05", quote="HTS in the odd place."),
    ], places=places))


def _address(params: dict) -> dict:
    """What a browser's address gives back for ``params``: each key with its values, as a list."""
    return parse_qs(urlencode(params, doseq=True), keep_blank_values=True)


def test_a_shared_link_opens_the_same_place_date_filter_and_map_view(small):
    view = views.View(date=dt.date(2024, 12, 5), actors=["HTS", "SDF"], place=ODD, zoom=9.5,
                      center=(36.2, 37.16), tiles=True, known_then=True)
    again = views.parse_view(_address(views.view_params(view)), small)
    assert again.warnings == []
    assert (again.date, again.actors, again.place, again.zoom, again.center, again.tiles, again.known_then) == (
        dt.date(2024, 12, 5), ["HTS", "SDF"], ODD, 9.5, (36.2, 37.16), True, True)


def test_the_address_is_written_only_when_it_says_something_else():
    params = views.view_params(views.View(date=dt.date(2024, 12, 5), actors=["HTS", "SDF"], place=ODD))
    assert views.query_update(_address(params), params) is None  # already says it: no write (no new history entry)
    for current in ({}, {"date": ["2024-12-04"], "actor": ["HTS", "SDF"], "place": [ODD]},
                    {"date": ["2024-12-05"], "actor": ["SDF", "HTS"], "place": [ODD]},  # the filter's order is kept
                    {"date": ["2024-12-01", "2024-12-05"], "actor": ["HTS", "SDF"], "place": [ODD]},  # one date
                    {"date": ["2024-12-05"], "actor": ["HTS", "SDF"], "place": [ODD], "zoom": ["9"]}):
        assert views.query_update(current, params) == params, current


def test_day_view_as_known_now_and_as_known_then(small):
    now = views.day_view(small, dt.date(2024, 12, 5), [], as_known_then=False, detail=True, stale_days=30)
    assert now.claims is small and now.note == ""
    state = now.state.set_index("place")
    assert state.loc["Alpha", "controller"] == "HTS" and state.loc["Charlie", "status"] == "unreported"
    # as known then, on 5 Dec: only the government's claim (reported 4 Dec); HTS's came out on the 6th
    then = views.day_view(small, dt.date(2024, 12, 5), [], as_known_then=True, detail=True, stale_days=30)
    assert set(then.claims.events["id"]) == {"a1", "b1", "o1"} and then.note == ""
    assert then.state.set_index("place").loc["Alpha", "controller"] == "Syrian government"
    assert views.known_then_info(then.note, then.claims, dt.date(2024, 12, 5)) == (
        "As known then: only the 3 claims from reports published by 5 Dec 2024.")
    # before any report was published: every place without a report, and the page says why
    empty = views.day_view(small, dt.date(2024, 12, 1), [], as_known_then=True, detail=True, stale_days=30)
    assert empty.note == "As known then: no report had been published by this day."
    assert set(empty.state["status"]) == {"unreported"} and len(empty.state) == len(small.places)
    assert views.known_then_info(empty.note, empty.claims, dt.date(2024, 12, 1)) == empty.note
    # a filter leaves out the places without a report
    sdf = views.day_view(small, dt.date(2024, 12, 5), ["SDF"], as_known_then=False, detail=False, stale_days=30)
    assert sdf.state.empty


def test_day_view_as_known_then_is_off_for_a_large_data_set(small, monkeypatch):
    monkeypatch.setattr(known_then_module, "KNOWN_THEN_MAX_CLAIMS", 3)  # (the bundled limit is 200,000)
    day = views.day_view(small, dt.date(2024, 12, 5), [], as_known_then=True, detail=True, stale_days=30)
    assert day.claims is small and day.state.set_index("place").loc["Alpha", "controller"] == "HTS"
    assert day.note.startswith("“As known then” is off above")


def test_places_table_names_its_columns_and_keeps_the_latest_when_cut(small):
    state = views.day_view(small, dt.date(2024, 12, 6), [], as_known_then=False, detail=True, stale_days=30).state
    reported = views.with_report(state)
    assert set(reported["place"]) == {"Alpha", "Bravo", ODD}  # not Charlie
    table, note = views.places_table(reported, limit=10)
    assert note == "" and list(table.columns) == ["place", "controller", "status", "since", "last reported",
                                                  "previously", "pending", "source", "claim date"]
    alpha = table.set_index("place").loc["Alpha"]
    assert (alpha["controller"], alpha["previously"], alpha["source"]) == ("HTS", "Syrian government", "Report B")
    assert alpha["last reported"] == wording.age_text(reported.set_index("place").loc["Alpha"].to_dict())
    cut, note = views.places_table(reported, limit=2)
    assert set(cut["place"]) == {"Alpha", ODD}  # the most recently changed (5 Dec), not Bravo (1 Dec)
    assert note == "Showing the 2 most recently changed; download the CSV for all 3."


def test_week_to_starts_at_the_data():
    assert views.week_to(dt.date(2024, 12, 8), dt.date(2011, 1, 1)) == (dt.date(2024, 12, 2), dt.date(2024, 12, 8))
    assert views.week_to(dt.date(2011, 1, 3), dt.date(2011, 1, 1)) == (dt.date(2011, 1, 1), dt.date(2011, 1, 3))


def test_the_panel_says_since_when_on_whose_word_and_escapes_it(small):
    state = views.day_view(small, dt.date(2024, 12, 6), [], as_known_then=False, detail=True, stale_days=30).state
    d = views.place_details(small, state, "Alpha")
    s = d["state"]
    assert views.reports_behind(d["history"]) == 2
    since = views.since_markdown(s, 30)
    assert since.startswith(f"**Since** {views.md_escape(s['since'])}  \n**Previously** Syrian government  \n")
    assert "drawn faded" not in since
    assert views.since_markdown(dict(s, stale=True), 30).endswith(" (older than 30 days: drawn faded)")
    assert views.since_markdown(dict(s, basis="window"), 30).startswith("**Changing** ")
    assert views.since_markdown(dict(s, basis="previous holder", previous_controller=""), 30).startswith("**Held** ")
    source = views.quote_source_markdown(s)
    assert source.startswith("[Report B \\(2024\\-12\\-06\\)](https://example.com/report-b#:~:text=")
    assert source.endswith(")") and "claimed by" not in source
    assert views.quote_source_markdown(dict(s, claimed_by="HTS")) == source + " · claimed by HTS"
    hostile = dict(s, source_name="<b>x</b>", source_url="javascript:alert(1)", claimed_by="[y](javascript:1)")
    assert views.quote_source_markdown(hostile) == (
        "\\<b\\>x\\</b\\> \\(2024\\-12\\-06\\) · claimed by \\[y\\]\\(javascript\\:1\\)")  # no link, all text
    assert views.side_note_markdown({"side_kind": "part", "side_note": "<i>east</i>"}) == "Part of the place: \\<i\\>east\\</i\\>"
    assert views.side_note_markdown({"side_kind": "claim", "side_note": "x"}) == "A party's claim: x"
    assert views.side_note_markdown({"side_kind": "around", "side_note": "x"}) == "Around the place: x"
    assert views.side_note_markdown({"side_kind": "", "side_note": "x"}) == "Beside it: x"


def test_a_disagreement_and_its_claims_are_escaped():
    dis = {"kind": "who controls", "when": "5 Dec 2024", "summary": "[a](javascript:1) vs <b>"}
    assert views.disagreement_markdown(dis) == (
        "**who controls** (5 Dec 2024): \\[a\\]\\(javascript\\:1\\) vs \\<b\\>")
    claim = {"source": "R*", "when": "5 Dec", "actor": "HTS", "status": "controlled", "claimed_by": ""}
    assert views.disagreeing_claim_markdown(claim) == "**R\\*** · 5 Dec · HTS (controlled)"
    assert views.disagreeing_claim_markdown(dict(claim, claimed_by="SNA")).endswith(" · claimed by SNA")


def test_step_targets_and_why_a_step_goes_nowhere(small):
    # the claims' days: 29 Nov (Alpha), 1 Dec (Bravo), 5 Dec (Alpha changes hands; the odd place)
    first, last = views.date_range(small)
    assert views.step_target(small, "day_fwd", dt.date(2024, 12, 1)) == (dt.date(2024, 12, 2), "")
    assert views.step_target(small, "day_back", dt.date(2024, 12, 1)) == (dt.date(2024, 11, 30), "")
    assert views.step_target(small, "day_back", first) == (None, f"The data starts on {views.day_text(first)}.")
    assert views.step_target(small, "day_fwd", last) == (None, f"The data ends on {views.day_text(last)}.")
    assert views.step_target(small, "change_fwd", dt.date(2024, 12, 1)) == (dt.date(2024, 12, 5), "")
    assert views.step_target(small, "change_fwd", dt.date(2024, 12, 5)) == (
        None, "No change of control after 5 Dec 2024 in the data.")
    assert views.step_target(small, "change_back", dt.date(2024, 11, 29))[1] == (
        "No change of control before 29 Nov 2024 in the data.")
