"""Map building: payload shape, escaping (HTML, JS and Jinja), offline assets."""

import dataclasses
import json
import re

import numpy as np
import pandas as pd
import pytest

from dashboard.core import control
from dashboard.map import colours, mapview, wording
from dashboard.core.data import load_dataset
from dashboard.core.dates import to_day
from tests.dataset_helpers import PLACES, ev, make_dataset

HOSTILE = [
    "{{ 7*7 }}",
    "{% if true %}IF{% endif %}",
    "{# comment #}",
    "</script><script>window.__pwned=1</script>",
    "\"'><img src=x onerror=alert(1)>",
    "${alert(1)}`x`",
    "\u2028line\u2029sep",
]


def _hostile_ds(tmp_path):
    name = " ".join(HOSTILE)
    places = PLACES + [{"name": name, "kind": name, "lat": "35", "lon": "37"}]
    paths = make_dataset(tmp_path, [ev(place=name, quote="Q " + name, claimed_by=name, source_name=name)], places)
    return load_dataset(*paths)


def _render_all(ds, state):
    from streamlit_folium import _get_feature_group_string, _get_map_string

    m = mapview.base_map(ds, asset_base="../x/")
    fg = mapview.marker_layer(state, ds.actors, detail=True)
    m.render()
    return _get_map_string(m) + _get_feature_group_string(fg, m), mapview.standalone_html(ds, ds.last_day)


def test_js_json_escapes_script_and_template_syntax():
    out = mapview.js_json(["</script>{{ 7*7 }}{% x %}&\u2028"])
    assert "<" not in out and ">" not in out and "{" not in out and "}" not in out and "&" not in out
    assert "\u2028" not in out
    assert json.loads(out) == ["</script>{{ 7*7 }}{% x %}&\u2028"]  # same value once parsed


def test_hostile_names_are_never_evaluated_or_unescaped(tmp_path):
    pytest.importorskip("streamlit_folium")
    ds = _hostile_ds(tmp_path)
    state = control.state_at(ds, ds.last_day, include_unreported=True)
    for text in _render_all(ds, state):
        # Jinja left the template syntax alone: the expressions are still there, escaped
        assert "\\u007b\\u007b 7*7 \\u007d\\u007d" in text
        assert "\\u007b% if true %\\u007dIF\\u007b% endif %\\u007d" in text
        assert "\\u007b# comment #\\u007d" in text
        # (evaluated, the name "{{ 7*7 }} {% if true %}IF{% endif %}" would read "49 IF"; a bare "49 " can be
        # the end of one of folium's random element ids)
        assert "{{ 7*7" not in text and "{%" not in text and "49 IF" not in text
        # nothing that could close the script element or start markup
        assert "<img src=x" not in text and "</script><script>window" not in text
        assert "\u2028" not in text and "\u2029" not in text


DAY = "2024-12-02"  # mid-offensive: recent, contested, stale, pending, window and previous-holder places at once


@pytest.fixture(scope="module")
def bundled():
    ds = load_dataset()
    return ds, control.state_at(ds, DAY, include_unreported=True)


def _columns(state, detail=True):
    cols, controllers = mapview.marker_columns(state, load_dataset().actors, detail=detail)
    assert len(cols) == 12
    keys = ["lat", "lon", "names", "ctrl", "status", "flags", "since", "details", "sides", "rank", "day", "notes"]
    return dict(zip(keys, cols)), controllers


def test_marker_columns_compact_and_detail_threshold(bundled):
    ds, state = bundled
    c, controllers = _columns(state)
    names, status = c["names"], c["status"]
    assert len(names) == len(state) == len(ds.places) == 117
    assert isinstance(status, str) and len(status) == len(state)  # one letter per place
    assert all(len(col) == len(state) for col in c.values())
    assert set(status) <= set("cxu") and status.count("u") == (state["status"] == "unreported").sum() > 0
    i = names.index("Aleppo")
    assert (c["lat"][i], c["lon"][i]) == (3620124, 3716117)
    # HTS took the city on 30 Nov (the SDF pockets are a report about part of it: no contest)
    assert controllers[c["ctrl"][i]] == ["HTS", dict(zip(ds.actors["name"], ds.actors["colour"]))["HTS"]]
    assert status[i] == "c" and c["flags"][i] & 1  # controlled, changed in the last 7 days
    assert c["since"][i] == "30 Nov 2024"
    url = state.loc[state["place"] == "Aleppo", "source_url"].iloc[0]
    assert c["details"][i][1].startswith(url) and "#:~:text=" in c["details"][i][1]
    u = status.index("u")  # nothing to quote for a place with no report yet
    assert c["details"][u] is None and controllers[c["ctrl"][u]] == ["", colours.UNREPORTED_COLOUR]
    cols, _ = mapview.marker_columns(state, ds.actors, detail=False)
    assert cols[7] is None and len(cols) == 12


def test_marker_columns_contested_place_carries_both_sides(bundled):
    ds, state = bundled
    c, controllers = _columns(state)
    colour = dict(zip(ds.actors["name"], ds.actors["colour"]))
    # on 2 Dec no place is disputed (Aleppo is HTS's; the SDF pockets are about part of it): the
    # mechanics are shown on the days the bundled data has them
    # Hama on 3 Dec: independent reports disagree (the rebels besieging it, the government holding it)
    c3, controllers3 = _columns(control.state_at(ds, "2024-12-03", include_unreported=True))
    i = c3["names"].index("Hama")
    assert controllers3[c3["ctrl"][i]] == ["Syrian government vs Rebels", colours.CONTESTED_COLOUR]
    assert c3["sides"][i] == (colour['Syrian government'], colour['Rebels']) == ("#D55E00", "#56B4E9")
    assert c3["flags"][i] == 1 + 8 + 256  # recent, sources disagree, a report around it (the rebels at its outskirts)
    assert c3["notes"][i] and "around it" in c3["notes"][i]
    assert c3["rank"][i] == 3 + 2 + 1  # city, changed recently, contested
    assert c3["day"][i] == to_day("2024-12-03")  # the claim's day (its age: none)
    # Aleppo on 29 Nov: only HTS named; the fill is who held it before (the government), the ring HTS
    c29, controllers29 = _columns(control.state_at(ds, "2024-11-29", include_unreported=True))
    i = c29["names"].index("Aleppo")
    assert controllers29[c29["ctrl"][i]][0] == "HTS" and c29["status"][i] == "x"
    assert c29["sides"][i] == (colour['Syrian government'], colour['HTS'])
    # every contested place has sides, every other place none, each an actor's colour
    # 2 Dec: Aleppo's contest ended with its capture; the one contest is Qalaat al-Madiq, where the army says it
    # secured the town and the rebels that they retook it, both that day (two takings that contradict each other)
    contested_2dec = [n for n, st in zip(c["names"], c["status"]) if st == "x"]
    assert contested_2dec == ["Qalaat al-Madiq"]
    for cc in (c, c3, c29):
        assert "x" in cc["status"] or cc is c
        for k, st in enumerate(cc["status"]):
            assert bool(cc["sides"][k]) == (st == "x" or bool(cc["flags"][k] & 256)), cc["names"][k]
            # (a place no report says who holds, with a report on part of it or around it: the pale fill first)
            allowed = set(colour.values()) | ({colours.UNREPORTED_COLOUR} if st == "u" else set())
            assert all(x in allowed for x in cc["sides"][k])


def test_marker_columns_stale_place(bundled):
    ds, state = bundled
    c, controllers = _columns(state)
    i = c["names"].index("Raqqa")  # SDF since 2017 (Rolling Stone), no later report by 2 Dec 2024
    assert controllers[c["ctrl"][i]] == ["SDF", dict(zip(ds.actors["name"], ds.actors["colour"]))["SDF"]]
    assert c["status"][i] == "c" and c["since"][i] == "2017 (year only)"
    assert c["flags"][i] == 4  # stale only
    assert c["day"][i] == to_day("2017-12-31") and to_day(DAY) - c["day"][i] == 2528  # the claim's day, its age
    assert c["rank"][i] == 3  # a city, nothing recent
    # the flag follows the age against the threshold, for every place
    for k, claim_day in enumerate(c["day"]):
        stale = bool(c["flags"][k] & 4)
        assert (claim_day is None) == (c["status"][k] == "u"), c["names"][k]
        age = to_day(DAY) - claim_day if claim_day is not None else 0
        assert stale == (age > control.STALE_DAYS and not c["flags"][k] & 16), c["names"][k]
    # a longer threshold and Raqqa is no longer stale
    longer = control.state_at(ds, DAY, include_unreported=True, stale_days=3000)
    c2, _ = _columns(longer)
    assert not c2["flags"][c2["names"].index("Raqqa")] & 4


def test_marker_columns_basis_flags_and_priorities(bundled):
    ds, state = bundled
    c, _ = _columns(state)  # (_: the controllers)
    # Tartus on 2 Dec: only a report of the change in a long window (27 Nov - 8 Dec), which names the
    # government as the holder before it: the government; a range that long is not shown as pending
    i = c["names"].index("Tartus")
    assert c["flags"][i] & 16 and not c["flags"][i] & 2 and not c["flags"][i] & 32
    assert _[c["ctrl"][i]][0] == "Syrian government"
    # Darayya: the government, named as the holder before the change dated 7 Dec
    i = c["names"].index("Darayya")
    assert c["flags"][i] & 16 and not c["flags"][i] & 32 and c["since"][i] == "until a change dated 7 Dec 2024"
    # Quneitra: only a long window report (27 Nov - 7 Dec), naming no earlier holder: no report yet on 2 Dec
    assert c["status"][c["names"].index("Quneitra")] == "u"
    # al-Bab on 29 Nov: a short window (27 Nov - 2 Dec) and nothing earlier: shown as the window, pending
    s29 = control.state_at(ds, "2024-11-29", include_unreported=True)
    c29, _29 = _columns(s29)
    i = c29["names"].index("al-Bab")
    assert c29["flags"][i] & 32 and c29["flags"][i] & 2 and not c29["flags"][i] & 16
    basis = state["basis"].tolist()
    for k, f in enumerate(c["flags"]):
        assert bool(f & 16) == (basis[k] == "previous holder") and bool(f & 32) == (basis[k] == "window")
        assert bool(f & 1) == bool(state["recent_change"].iloc[k]) and bool(f & 8) == bool(state["disagreement"].iloc[k])
    # label priorities: city (or province, capital) 3, town 2, else 1; +2 recent change, +1 contested
    base = {"city": 3, "province": 3, "capital": 3, "town": 2}
    for k, kind in enumerate(state["kind"]):
        expected = base.get(kind, 1) + 2 * (c["flags"][k] & 1) + (c["status"][k] == "x")
        assert c["rank"][k] == expected, (c["names"][k], kind)
    assert c["rank"][c["names"].index("Hmeimim air base")] == 1
    assert c["rank"][c["names"].index("Idlib")] == 3  # a province ranks as a city
    assert c["rank"][c["names"].index("Saraqib")] == 2


def test_legend_one_item_per_actor_colour_and_every_symbol():
    ds = load_dataset()
    items = mapview.legend_items(ds)
    actors = [it for it in items if it[2] == "actor"]
    # one per colour, in the data's order, naming every actor drawn in it (a part in its group's colour shares its row)
    colours = list(dict.fromkeys(ds.actors["colour"].str.lower()))
    assert [it[1][0].lower() for it in actors] == colours
    for it in actors:
        want = [n for n, c in zip(ds.actors["name"], ds.actors["colour"]) if c.lower() == it[1][0].lower()]
        assert it[0] == ", ".join(want)
    assert "SDF, Deir ez-Zor Military Council, Manbij Military Council" in [it[0] for it in actors]
    assert all(it[1][1] == "controlled" and it[1][3:6] == [0, 0, 0] for it in actors)
    keys = [it[2] for it in items if it[2] != "actor"]
    assert keys == ["contested", "pending", "window", "recent", "stale", "claimed", "side", "unreported", "count", "area", "outline"]
    sym = {it[2]: it[1] for it in items if it[2] != "actor"}
    # each symbol is the properties DS.style draws from: [colour, status, sides, recent, pending, stale(, basis)]
    assert sym["contested"][1] == "contested" and len(sym["contested"][2]) == 2
    assert sym["pending"][4] == 1 and sym["recent"][3] == 1 and sym["stale"][5] == 1
    assert sym["window"][4] == 1 and sym["window"][6] == "window"
    assert sym["unreported"][:2] == [mapview.colours.UNREPORTED_COLOUR, "no report yet"]
    for label, symbol, _key in items:
        assert isinstance(label, str) and label and re.fullmatch(r"#[0-9A-Fa-f]{6}", symbol[0])
        assert len(symbol) in (6, 7, 8)
    assert sym["claimed"][6] == "claimed" and sym["side"][7] == 1 and len(sym["side"][2]) == 2
    # the governorate outline is in the legend only when a governorate is on the map
    no_gov = dataclasses.replace(ds, places=ds.places[~ds.places["kind"].isin(["governorate", "province"])])
    assert "outline" not in [it[2] for it in mapview.legend_items(no_gov)]
    # the stale threshold is in its label
    assert "more than 30 days" in dict((it[2], it[0]) for it in items)["stale"]
    assert "more than 12 days" in [it[0] for it in mapview.legend_items(ds, stale_days=12) if it[2] == "stale"][0]


def test_legend_reaches_the_map():
    ds = load_dataset()
    html = mapview.base_map(ds, asset_base="../assets/").get_root().render()
    assert mapview.js_json(mapview.legend_items(ds)) in html
    assert "Who holds each place" in html


def test_text_fragment_url():
    url = "https://example.org/a"
    assert mapview.text_fragment_url(url, "short quote here") == url + "#:~:text=short%20quote%20here"
    long = mapview.text_fragment_url(url, "one two three four five six seven eight nine-ten, end.")
    assert long == url + "#:~:text=one%20two%20three%20four%20five,eight%20nine%2Dten%2C%20end."
    assert mapview.text_fragment_url("https://example.org/a#top", "x").startswith("https://example.org/a#top:~:text=")
    assert mapview.text_fragment_url("javascript:alert(1)", "x") == ""


def test_base_map_uses_only_vendored_assets():
    ds = load_dataset()
    html = mapview.base_map(ds, asset_base="../assets/").get_root().render()
    srcs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert srcs and all(s.startswith("../assets/") for s in srcs), srcs
    for name in mapview.JS_FILES + mapview.CSS_FILES + (mapview.GEOGRAPHY_FILE,):
        assert (mapview.STATIC / name).is_file()
    # the geography is fetched from the same place as the scripts, not inlined
    assert 'dashboardSymbols.geography(parent, "../assets/basemap.geojson", false)' in html  # (tiles on)
    assert "Lake Assad" not in html


def test_base_map_tiles_are_optional():
    ds = load_dataset()
    off = mapview.base_map(ds, asset_base="../a/", tiles="none").get_root().render()
    on = mapview.base_map(ds, asset_base="../a/", tiles="OpenStreetMap").get_root().render()
    assert "tile.openstreetmap.org" not in off and "L.tileLayer" not in off
    assert "tile.openstreetmap.org" in on
    # the geography is always drawn: filled without tiles, outlines over them
    assert 'geography(parent, "../a/basemap.geojson", true)' in off  # no tiles: land and sea filled
    assert 'geography(parent, "../a/basemap.geojson", false)' in on  # outlines over the tiles


def test_base_map_with_a_view_does_not_fit_bounds():
    ds = load_dataset()
    fitted = mapview.base_map(ds, asset_base="../a/").get_root().render()
    assert "fitBounds" in fitted
    html = mapview.base_map(ds, asset_base="../a/", view=(36.2, 37.15, 9.5)).get_root().render()
    assert "fitBounds" not in html
    assert re.search(r"center: \[36\.2, 37\.15\]", html)
    assert re.search(r'"zoom": 9\.5\b', html)


def test_base_map_inline_geography():
    ds = load_dataset()
    html = mapview.base_map(ds, asset_base="../a/", inline_geography=True).get_root().render()
    assert "Lake Assad" in html and "basemap.geojson" not in html
    assert re.search(r'dashboardSymbols\.geography\(parent, \{"type":"FeatureCollection"', html)


def test_standalone_html_needs_no_network():
    ds = load_dataset()
    html = mapview.standalone_html(ds, "2024-12-02")
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', html)
    assert not re.search(r'<(script|link)[^>]+(src|href)=', html)  # every asset inlined
    assert "L.geoJSON" in html and "Leaflet" in html
    assert "<title>Control as of 2024-12-02</title>" in html
    assert "tile.openstreetmap.org" not in html  # no tiles by default


def test_standalone_html_inlines_the_geography_and_the_title():
    ds = load_dataset()
    html = mapview.standalone_html(ds, "2024-11-30")
    geo = json.loads((mapview.STATIC / mapview.GEOGRAPHY_FILE).read_text(encoding="utf-8"))
    rivers = {f["properties"]["name"] for f in geo["features"] if f["properties"]["layer"] == "river"}
    assert "Euphrates" in rivers and "Euphrates" in html and "Lake Assad" in html
    assert re.search(r'dashboardSymbols\.geography\(parent, \{"type":"FeatureCollection"', html)  # the data, not a URL
    assert "basemap.geojson" not in html
    assert "Who controls what in Syria, as of 30 November 2024" in html
    assert "<title>Control as of 2024-11-30</title>" in html
    assert html.count("<title>") == 1
    assert "Natural Earth" in html
    filtered = mapview.standalone_html(ds, "2024-11-30", actors=["SDF", "HTS"])
    assert "showing places held or contested by SDF, HTS" in filtered


def test_clustering_switches_on_with_many_places():
    ds = load_dataset()
    state = control.state_at(ds, "2024-12-02")
    js = list(mapview.marker_layer(state, ds.actors)._children.values())[0].code
    # a date's layer is its data and one call; the drawing code comes once, with the base map
    args = _payload(js)
    assert args[3] is False and args[4] is None and "window.dashboardDrawMarkers(parent, " in js
    # the format, named; a whole layer brings the words for a claim's age (a change does not: the page keeps them)
    assert args[5] == {"version": mapview.MARKER_FORMAT["version"], "flags": mapview.FLAG,
                       "words": mapview.MARKER_FORMAT["words"]}
    assert "function popup" not in js and "markerClusterGroup(" not in js
    js = list(mapview.marker_layer(state, ds.actors, cluster=True)._children.values())[0].code
    assert _payload(js)[3] is True
    # the drawing code is the vendored static/dashboard-map.js, loaded with Leaflet
    code = (mapview.STATIC / "dashboard-map.js").read_text(encoding="utf-8")
    assert "L.markerClusterGroup(" in code and "iconCreateFunction: clusterIcon" in code
    assert "rec.group.addLayers(" in code  # in bulk, once the group is on the map
    assert "dashboard-map.js" in mapview.JS_FILES


# ------------------------------------------------ what a date change sends (marker_update)


def _payload(code: str) -> list:
    """The arguments of the dashboardDrawMarkers call in a layer's code, as JSON."""
    call = code[code.index("window.dashboardDrawMarkers(parent, ") + len("window.dashboardDrawMarkers(parent, "):]
    return json.loads("[" + call.rstrip().rstrip(";").rstrip(")") + "]")


def _update(ds, day, before=None, actors=None, token="t", **kw):
    state = control.state_at(ds, day, actors=actors, include_unreported=not actors)
    fg, rec, kind = mapview.marker_update(state, ds.actors, mapview.place_ids(ds), to_day(day),
                                          token, before=before, detail=True, **kw)
    code = list(fg._children.values())[0].code
    return state, rec, kind, code


def _decode(args, known=frozenset()) -> dict:
    """The page's view of a message: place number -> (name, controller, colour, status, since, sides, age,
    quote); names come for the places not ``known`` only, in order ("" for the others)."""
    cols, controllers = args[0], args[1]
    since, sides = cols["since_labels"], cols["side_labels"]
    names = iter(cols["names"])
    name = [("" if pid in known else next(names)) for pid in cols["ids"]]
    assert next(names, None) is None  # as many names as places the page does not have
    ctrl, detail = cols["controller"], cols["detail"]
    return {pid: (name[i], controllers[ctrl[i]][0], controllers[ctrl[i]][1], cols["status"][i], since[cols["since"][i]],
                  sides[cols["sides"][i]], cols["day"][i], detail[i][0] if detail and detail[i] else None)
            for i, pid in enumerate(cols["ids"])}


def test_first_paint_sends_the_whole_layer_then_only_what_changed(bundled):
    ds, _ = bundled
    ids = mapview.place_ids(ds)
    s0, rec0, kind, code0 = _update(ds, "2024-11-29")
    assert kind == "full"
    args = _payload(code0)
    assert args[4] == {"token": "t", "seq": 1, "follows": -1, "gone": []}  # message 1, the whole layer
    assert len(args[0]["names"]) == len(ds.places) == 117
    page = _decode(args)
    # a date later: only the places whose drawing changed, and they decode to the new state
    s1, rec1, kind, code1 = _update(ds, "2024-11-30", before=rec0)
    assert kind == "delta"
    args = _payload(code1)
    assert args[4] == {"token": "t", "seq": 2, "follows": 1, "gone": []}  # nothing taken off
    assert args[0]["names"] == [] and args[0]["lat"] == []  # the page has every place: no names or coordinates again
    changed = _decode(args, known=set(page))
    a, b = (colours.with_colours(wording.in_words(s), ds.actors).set_index("place") for s in (s0, s1))
    expect = set()
    for place in b.index:
        x, y = a.loc[place], b.loc[place]
        same = all(x[c] == y[c] for c in ("controller", "colour", "status", "since", "pending", "recent_change",
                                             "stale", "disagreement", "side_colours", "basis", "quote", "source_url",
                                             "side_note", "overtaken", "overtaken_note"))
        # the age grows by a day when the claim shown is the same: not a change the page needs sent
        # (nor is a place with no report on either day)
        same = same and (x["claim_day"] == y["claim_day"] or (pd.isna(x["claim_day"]) and pd.isna(y["claim_day"])))
        if not same:
            expect.add(ids[place])
    assert set(changed) == expect and 0 < len(expect) < len(ds.places)
    aleppo = ids["Aleppo"]
    assert aleppo in changed  # Aleppo fell on 30 November
    name, controller, colour, status, since, sides, claim_day, quote = changed[aleppo]
    assert (controller, status) == (b.loc["Aleppo", "controller"], {"controlled": "c", "contested": "x"}[b.loc["Aleppo", "status"]])
    assert colour == b.loc["Aleppo", "colour"] and since == b.loc["Aleppo", "since"] and quote == b.loc["Aleppo", "quote"]
    assert claim_day == b.loc["Aleppo", "claim_day"] == to_day("2024-11-30") - b.loc["Aleppo", "report_age_days"]
    assert name == ""  # the page has its name and place already: not sent again
    assert len(code1) < len(code0) / 2
    # applied onto what the page had, the message gives the new state of every place
    merged = {**page, **{k: (page[k][0],) + v[1:] for k, v in changed.items()}}
    full = _decode(_payload(_update(ds, "2024-11-30", token="other")[3]))
    for pid, row in full.items():
        if pid not in changed:  # unchanged places: the same claim, a day older (the page counts its age from the date)
            assert merged[pid] == row, row[0]
        else:
            assert merged[pid] == row, row[0]


def test_nothing_new_resends_the_last_message_and_a_token_change_the_whole_layer(bundled):
    ds, _ = bundled
    _, rec0, _, code0 = _update(ds, "2024-12-01")
    _, rec1, kind, code1 = _update(ds, "2024-12-01", before=rec0)
    assert kind == "same" and code1 == code0 and rec1 is rec0  # the page does not redo an identical message
    _, rec2, kind, _ = _update(ds, "2024-12-01", before=rec1, token="filter changed")
    assert kind == "full"
    _, rec3, kind, _ = _update(ds, "2024-12-02", before=rec2, token="filter changed", cluster=True)
    assert kind == "full"  # clustering switched on
    _, rec4, kind, _ = _update(ds, "2024-12-03", before=rec3, token="filter changed", cluster=True, full=True)
    assert kind == "full" and rec4["seq"] == rec3["seq"] + 1  # the baseline: every time
    # a record of another data set (other place numbers) under the same token: the whole layer
    smaller = dict(rec0, present=rec0["present"][:10])
    assert _update(ds, "2024-12-02", before=smaller)[2] == "full"


def test_a_page_without_the_layer_gets_it_once(bundled):
    ds, _ = bundled
    _, rec0, _, _ = _update(ds, "2024-12-01")
    _, rec1, kind, _ = _update(ds, "2024-12-02", before=rec0)
    assert kind == "delta"
    asked = mapview.resync_request({"last_active_drawing": None, "dashboard_resync": "t:2"})
    assert asked == "t:2"
    _, rec2, kind, code = _update(ds, "2024-12-03", before=rec1, resync=asked)
    assert kind == "full" and _payload(code)[4]["follows"] == -1
    # the same request, still in the map's value on later runs, is served only once
    _, rec3, kind, _ = _update(ds, "2024-12-04", before=rec2, resync=asked)
    assert kind == "delta"
    _, _, kind, _ = _update(ds, "2024-12-05", before=rec3, resync="t:5")
    assert kind == "full"
    for junk in (None, "x", {}, {"dashboard_resync": 5}, {"dashboard_resync": ""}, {"dashboard_resync": "x" * 500}):
        assert mapview.resync_request(junk) is None


def test_a_filter_takes_places_off_and_puts_new_ones_on_with_their_names(bundled):
    ds, _ = bundled
    ids = mapview.place_ids(ds)
    s0, rec0, kind, _ = _update(ds, "2024-11-28", actors=["Syrian government"])
    assert kind == "full"
    s1, rec1, kind, code = _update(ds, "2024-12-08", actors=["Syrian government"], before=rec0)
    args = _payload(code)
    gone = set(s0["place"]) - set(s1["place"])
    new = set(s1["place"]) - set(s0["place"])
    assert gone  # the government lost places in between
    assert sorted(args[4]["gone"]) == sorted(ids[p] for p in gone)
    # the places the page does not have come with their names and coordinates, in order
    fresh = [pid for pid in args[0]["ids"] if pid not in {ids[p] for p in s0["place"]}]
    names = dict(zip(ids.values(), ids.keys()))
    assert fresh and args[0]["names"] == [names[pid] for pid in fresh] and set(args[0]["names"]) == new
    lat = dict(zip(ds.places["name"], ds.places["lat"]))
    assert args[0]["lat"] == [round(lat[names[pid]] * 1e5) for pid in fresh]


def _by_place(cols: dict, names) -> dict:
    return {n: tuple(v[i] for v in cols.values()) for i, n in enumerate(names)}


def test_row_columns_follow_the_claim_not_its_age(bundled):
    ds, state = bundled
    ids = mapview.place_ids(ds)
    day = to_day(DAY)
    later = control.state_at(ds, "2024-12-03", include_unreported=True)
    rows = _by_place(mapview.row_columns(state, True), state["place"])
    rows2 = _by_place(mapview.row_columns(later, True), later["place"])
    # Raqqa: SDF since 2017, the same report on both days: a day older, nothing to send
    assert rows["Raqqa"] == rows2["Raqqa"]
    # Idlib: HTS since 2017, the same report on both days: nothing to send
    assert rows["Idlib"] == rows2["Idlib"]
    # Aleppo: the same holder and report, but a new report on part of it (3 Dec) beside it: sent
    assert rows["Aleppo"] != rows2["Aleppo"]
    assert rows["Hama"] != rows2["Hama"]  # the government, then disputed with the rebels on 3 Dec
    # another claim shown (another day): sent
    moved = later.copy()
    moved.loc[moved["place"] == "Raqqa", "claim_day"] -= 1
    assert _by_place(mapview.row_columns(moved, True), moved["place"])["Raqqa"] != rows["Raqqa"]
    # with quotes, a new quote alone is a change; without, it is not sent
    other = state.copy()
    other.loc[other["place"] == "Raqqa", "quote"] = "another quote"
    assert _by_place(mapview.row_columns(other, True), other["place"])["Raqqa"] != rows["Raqqa"]
    assert _by_place(mapview.row_columns(other, False), other["place"])["Raqqa"] == \
        _by_place(mapview.row_columns(state, False), state["place"])["Raqqa"]
    # the delta against a record by place number
    _, rec, _ = mapview.marker_update(state, ds.actors, ids, day, "t", detail=True)
    pids = np.array([ids[p] for p in later["place"]])
    changed, gone = mapview.layer_delta(rec["columns"], rec["present"], pids, mapview.row_columns(later, True))
    names = set(later["place"].iloc[changed])
    expect = {p for p in later["place"] if rows[p] != rows2[p]}
    assert names == expect and "Hama" in names and "Raqqa" not in names and "Aleppo" in names
    assert gone.tolist() == []
    changed, gone = mapview.layer_delta(rec["columns"], rec["present"], pids[:0],
                                        mapview.row_columns(later.iloc[:0], True))
    assert len(changed) == 0 and sorted(gone.tolist()) == sorted(ids[p] for p in state["place"])


def test_encode_columns_tables_round_trip(bundled):
    ds, state = bundled
    ids = mapview.place_ids(ds)
    cols, _ = mapview.layer_columns(state, ds.actors, True, ids)
    enc = mapview.encode_columns(cols)
    assert list(enc) == list(mapview.MARKER_FORMAT["columns"])  # every column by its name, in the file's order
    assert len(enc["since_labels"]) == len(set(cols[6])) < len(cols[6])
    assert [enc["since_labels"][k] for k in enc["since"]] == cols[6]
    assert [tuple(enc["side_labels"][k]) for k in enc["sides"]] == cols[8]  # (lists as sent)
    assert enc["status"] == cols[4] and enc["names"] == cols[2]
    part = mapview.encode_columns(cols, [3, 1], known={ids[cols[2][3]]})
    assert part["names"] == [cols[2][1]] and part["lat"] == [cols[0][1]] and part["ids"] == [cols[11][3], cols[11][1]]
    assert part["status"] == cols[4][3] + cols[4][1]
    assert [part["since_labels"][k] for k in part["since"]] == [cols[6][3], cols[6][1]]


def test_hostile_names_in_a_change_stay_escaped(tmp_path):
    ds = _hostile_ds(tmp_path)
    name = " ".join(HOSTILE)
    ids = mapview.place_ids(ds)
    state0 = control.state_at(ds, "2024-11-28", actors=["Rebels"])
    state1 = control.state_at(ds, "2024-11-29")
    assert name not in set(state0["place"]) and name in set(state1["place"])
    _, rec, _ = mapview.marker_update(state0, ds.actors, ids, 1, "t", detail=True)
    fg, _, kind = mapview.marker_update(state1, ds.actors, ids, 2, "t", before=rec, detail=True)
    assert kind == "delta"
    code = list(fg._children.values())[0].code
    assert "\\u003c/script\\u003e" in code and "</script" not in code and "<img" not in code
    assert "{{" not in code and "{%" not in code and "\u2028" not in code
    args = _payload(code)
    assert name in args[0]["names"]  # a new place, named (as data: the page writes it with textContent)


def test_points_map_names_each_point_escaped_over_the_geography():
    import pandas as pd

    from hostile import SCRIPT

    pts = pd.DataFrame({"name": ["Ariha", SCRIPT], "lat": [35.81, 35.9], "lon": [36.61, 36.7]})
    page = mapview.points_map(pts, "../x/").get_root().render()
    assert "basemap.geojson" in page or "dashboardGeography" in page or "DS.geography" in page
    assert page.count('"permanent": true') == 2
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page and SCRIPT not in page


def test_governorate_outlines_are_sent_as_codes_not_shapes():
    from dashboard.map import territory

    ds = load_dataset()
    rows = mapview.area_rows(territory.areas_for(ds))
    outlines = {r[0]: r[1] for r in rows if r[2] == 1}
    # the page draws them from the base geography it already fetched: only the ISO code travels
    assert outlines["Hama Governorate"] == "SY-HM" and outlines["Idlib"] == "SY-ID"
    assert all(re.fullmatch(r"SY-[A-Z]{2}", code) for code in outlines.values())
    geography = json.loads((mapview.STATIC / mapview.GEOGRAPHY_FILE).read_text(encoding="utf-8"))
    codes = {f["properties"].get("iso") for f in geography["features"] if f["properties"]["layer"] == "admin1"}
    assert set(outlines.values()) <= codes
    areas = [r for r in rows if r[2] == 0]
    assert len(areas) > 50 and all(isinstance(r[1], list) and r[1] for r in areas)
