"""The app in a real browser: Debian's Chromium driven by Playwright against
``streamlit run dashboard/app.py`` (see conftest.py), with every request
that is not to localhost aborted, so no CDN and no tiles are reachable.

Modelled on streamlit-folium's tests/test_frontend.py: the map lives in the
``streamlit_folium.st_folium`` iframe; the markers are Leaflet layers there
(``window.map``) drawn as SVG ``path.dashboard-marker`` elements.
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import colours, mapview, wording
from dashboard.ui import views
from dashboard.core.data import load_dataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402
from conftest import REPO, new_context  # noqa: E402

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT = 45_000  # ms, for conditions that need a script rerun
SCREENSHOT = REPO / "docs" / "screenshot.png"

# JS run inside the map frame. findMap works in the app (window.map, set by
# streamlit-folium) and in an exported file (folium's "map_<id>" variable).
_JS_LIB = """
var findMap = function () {
  if (window.map instanceof L.Map) { return window.map; }
  for (var k of Object.keys(window)) { if (/^map_/.test(k) && window[k] instanceof L.Map) { return window[k]; } }
  return null;
};
var featureLayers = function () {
  var m = findMap(), out = [];
  if (m) { m.eachLayer(function (l) {  // markers, not the base geography's features
    if (l.feature && l.feature.properties && l.feature.properties.place !== undefined) { out.push(l); } }); }
  return out;
};
"""
JS_MARKERS = "() => {" + _JS_LIB + """
  var out = {};
  featureLayers().forEach(function (l) { out[l.feature.properties.place] = l.options.fillColor; });
  return out;
}"""
JS_FOCUS = "([name, zoom]) => {" + _JS_LIB + """
  var m = findMap(), t = featureLayers().filter(function (l) { return l.feature.properties.place === name; })[0];
  if (!t) { return false; }
  m.closePopup();
  m.setView(t.getLatLng(), zoom === null ? m.getZoom() : zoom, {animate: false});
  t.bringToFront();
  document.querySelectorAll('[data-pw-target]').forEach(function (e) { e.removeAttribute('data-pw-target'); });
  t.getElement().setAttribute('data-pw-target', '1');
  return true;
}"""
JS_LEAFLET_READY = "() => {" + _JS_LIB + " return typeof L === 'object' && !!findMap() && featureLayers().length > 0; }"
JS_SAFETY = """() => ({
  pwned: typeof window.__pwned,
  handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length,
  jsLinks: [...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|#|\\/|\\.|$)/i.test(a.getAttribute('href').trim())).map(a => a.getAttribute('href')),
  injected: document.querySelectorAll('img[src="x"], svg[onload]').length
    + [...document.scripts].filter(s => /^\\s*(window\\.__pwned=1|alert\\(1\\))\\s*$/.test(s.textContent)).length,
})"""


# ------------------------------------------------------------------ helpers


@pytest.fixture(scope="module")
def ds():
    return load_dataset()  # the bundled data, as the app server loads it


def wait_app_idle(page, timeout: int = WAIT) -> None:
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.dataset.testScriptState === 'notRunning' && a.dataset.testConnectionState === 'CONNECTED'; }",
        timeout=timeout)


def map_frame(page):
    """The map iframe's Frame, once Leaflet and the markers are there."""
    page.locator(MAP_IFRAME).wait_for(state="attached", timeout=WAIT)
    # polled from the page (the frame has its origin): a Frame taken before the iframe's own
    # document has loaded can miss it, and wait its whole timeout on a map drawn long before
    page.wait_for_function("(sel) => { var f = document.querySelector(sel), w = f && f.contentWindow;"
                           " try { return !!(w && w.L && w.dashboardDrawCount > 0); } catch (e) { return false; } }",
                           arg=MAP_IFRAME, timeout=WAIT)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function(JS_LEAFLET_READY, timeout=WAIT)
    return frame


def open_app(page, url: str):
    page.goto(url)
    frame = map_frame(page)
    wait_app_idle(page)
    return frame


def markers(frame) -> dict:
    """place -> fill colour, from the Leaflet layers; checked against the SVG."""
    by_layer = frame.evaluate(JS_MARKERS)
    fills = frame.locator("path.dashboard-marker").evaluate_all("els => els.map(e => e.getAttribute('fill'))")
    assert sorted(fills) == sorted(by_layer.values()), "SVG markers and Leaflet layers disagree"
    return by_layer


def expected_fills(ds, date, actors=None) -> dict:
    """place -> the fill drawn: the controller's colour; for a contested place, one side's."""
    state = colours.with_colours(control.state_at(ds, date, actors=actors or None, include_unreported=not actors),
                                 ds.actors)
    return {p: (sides[0] if status == "contested" and sides else colour)
            for p, colour, status, sides in zip(state["place"], state["colour"], state["status"],
                                                state["side_colours"])}


def step_button(page, text: str):
    """One of the step buttons under the map (change, day, play): the button group with "play"
    (play or pause) in it."""
    steps = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').filter(has_text=re.compile("play|pause"))
    return steps.locator("button").filter(has_text=text)


def slider(page):
    return page.locator('[data-testid="stSlider"] input[type="range"]')


def slider_value(page) -> str:
    return slider(page).get_attribute("aria-valuetext")


def place_box(page):
    return page.locator('[data-testid="stSelectbox"] input[role="combobox"]')


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


JS_SELECTED = "() => {" + _JS_LIB + """
  return featureLayers().filter(function (l) { var e = l.getElement && l.getElement();
    return e && e.classList.contains('dashboard-selected'); }).map(function (l) { return l.feature.properties.place; });
}"""


def wait_ringed(frame, place: str) -> None:
    """The map rings exactly this place's marker as the selected one (and no other)."""
    frame.wait_for_function("(name) => {" + _JS_LIB + """
        var ringed = featureLayers().filter(function (l) { var e = l.getElement && l.getElement();
          return e && e.classList.contains('dashboard-selected'); });
        return ringed.length === 1 && ringed[0].feature.properties.place === name; }""", arg=place, timeout=WAIT)
    assert frame.evaluate(JS_SELECTED) == [place]
    # one SVG path with the class, and it is a marker's
    expect(frame.locator(".dashboard-selected")).to_have_count(1)
    expect(frame.locator("path.dashboard-marker.dashboard-selected")).to_have_count(1)


def place_panel(page):
    """The "Now" tab of the place panel beside the map."""
    return page.locator('[data-testid="stMain"] [role="tabpanel"]').first


def panel_heading(page, place: str):
    """The panel's heading for a place with a report: "{place}: {holder phrase}"."""
    return place_panel(page).locator("h3").filter(has_text=place).first


def panel_source_link(page):
    """The link to the report under the quote in the panel's "Now" tab."""
    return place_panel(page).locator('a[href^="http"]').first


def assert_selected(page, frame, place: str) -> None:
    """The place is the one selected: the box and the URL name it, the panel
    shows it, its marker (and only its) is ringed, and no popup covers the map."""
    wait_selected(page, place)
    panel = place_panel(page)
    expect(panel).to_contain_text(place, timeout=WAIT)
    text = panel.inner_text()
    assert f"{place}:" in text or f"No report about {place}" in text, text
    wait_ringed(frame, place)
    expect(frame.locator(".leaflet-popup")).to_have_count(0)


def click_marker(page, frame, place: str, zoom: int | None = 10):
    """Centre the map on a place's marker, raise it above its neighbours and
    click it like a user would; checks that the click selected that place (see
    assert_selected: panel, URL, ring, no popup) and returns the panel's "Now" tab."""
    assert frame.evaluate(JS_FOCUS, [place, zoom]), f"no marker for {place!r}"
    target = frame.locator("path.dashboard-marker[data-pw-target]")
    page.mouse.move(1, 1)  # off the map, so hovering the target is a real mouseover
    target.hover()
    frame.locator(".leaflet-tooltip").filter(has_text=place).wait_for(timeout=WAIT)
    target.click()
    assert_selected(page, frame, place)
    expect(target).to_have_class(re.compile(r"(^|\s)dashboard-selected(\s|$)"))  # the marker clicked is the one ringed
    return place_panel(page)


def click_marker_in_export(page, place: str, zoom: int | None = 10):
    """On a standalone exported map (no panel beside it: a popup is all a reader
    has), click a place's marker like a user would; returns the popup locator."""
    frame = page.main_frame
    assert frame.evaluate(JS_FOCUS, [place, zoom]), f"no marker for {place!r}"
    frame.wait_for_function("() => !document.querySelector('.leaflet-popup')", timeout=WAIT)
    target = frame.locator("path.dashboard-marker[data-pw-target]")
    page.mouse.move(1, 1)
    target.hover()
    frame.locator(".leaflet-tooltip").filter(has_text=place).wait_for(timeout=WAIT)
    target.click()
    popup = frame.locator(".leaflet-popup .dashboard-popup")
    popup.wait_for(timeout=WAIT)
    assert popup.locator("b").first.text_content() == place
    expect(frame.locator(".leaflet-popup")).to_have_count(1)
    return popup


def export_map(tmp_path, date: str, data=None) -> Path:
    """``python -m dashboard export-map`` for a day, into tmp_path; ``data``: a hostile data set."""
    out = tmp_path / "map.html"
    args = [sys.executable, "-m", "dashboard", "export-map", "--date", date, "--out", str(out)]
    if data is not None:
        args += ["--events", str(data.events), "--places", str(data.places), "--actors", str(data.actors)]
    res = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return out


def wait_selected(page, place: str) -> None:
    # the box shows the name, then its other spellings: "Aleppo (Halab, Alep, ...)"
    page.wait_for_function("(name) => { const i = document.querySelector('[data-testid=\"stSelectbox\"] input[role=\"combobox\"]');"
                           " return i && (i.value === name || i.value.startsWith(name + ' (')); }", arg=place, timeout=WAIT)
    page.wait_for_function("(name) => new URLSearchParams(location.search).get('place') === name", arg=place, timeout=WAIT)
    wait_app_idle(page)


def assert_no_traceback(page) -> None:
    text = page.locator("body").inner_text()
    assert "Traceback" not in text
    assert page.locator('[data-testid="stException"]').count() == 0


def assert_safe(page, frame) -> None:
    for where, target in (("page", page), ("map frame", frame)):
        res = target.evaluate(JS_SAFETY)
        assert res["pwned"] == "undefined", f"window.__pwned was set in the {where}"
        assert res["handlers"] == 0, f"inline event handler attributes in the {where}"
        assert res["jsLinks"] == [], f"non-http links in the {where}: {res['jsLinks']}"
        assert res["injected"] == 0, f"injected elements in the {where}"
    assert page.dialogs == [], f"a dialog was opened: {page.dialogs}"


# ------------------------------------------------------------------ bundled data


def last_day(ds) -> str:
    return views.date_range(ds)[1].isoformat()


def bundled_files() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bundled claims and places as plain tables, read apart from load_dataset."""
    read = lambda path: pd.read_csv(path, dtype=str, keep_default_na=False)  # noqa: E731
    return read(REPO / "events.csv"), read(REPO / "geodata" / "places.csv")


def actor_colour(ds, name: str) -> str:
    """An actor's colour, from the bundled actors table."""
    return ds.actors.set_index("name").loc[name, "colour"]


def test_markers_drawn_offline_on_bundled_data(page, app_url, ds):
    frame = open_app(page, app_url + "/")
    hi = last_day(ds)
    events, places = bundled_files()
    # the app opens on the last day a claim in the bundled file reaches (20 Dec 2024 since the data grew)
    assert hi == max(events["date"].max(), events["date_end"].max())
    assert slider_value(page) == hi
    assert query(page)["date"] == [hi]
    # Leaflet came from the app's own server, not a CDN
    assert frame.evaluate("() => typeof L === 'object' && typeof L.map === 'function' && L.version")
    srcs = frame.locator("script[src]").evaluate_all("els => els.map(e => e.src)")
    assert any(s.endswith("/leaflet.js") and urlsplit(s).hostname == "127.0.0.1" for s in srcs), srcs
    assert all(urlsplit(s).hostname == "127.0.0.1" for s in srcs), srcs
    n = len(ds.places)
    fills = markers(frame)
    assert frame.locator("path.dashboard-marker").count() == n == len(places)  # every place in the file (117)
    # the first view shows every place, none cut off at the edges
    inside = frame.evaluate("() => {" + _JS_LIB + " var b = findMap().getBounds();"
                            " return featureLayers().filter(function (l) { return b.contains(l.getLatLng()); }).length; }")
    assert inside == n
    assert fills == expected_fills(ds, hi)
    # on a laptop the legend starts open, over the south-east; it names every actor drawn that day;
    # a click on its title folds it away, another opens it again
    legend = frame.locator(".dashboard-legend").inner_text()
    state = control.state_at(ds, hi)
    drawn = {a for s, c in zip(state["sides"], state["controller"]) for a in (s or (c,))}
    for name in drawn:
        assert name in legend
    frame.locator(".dashboard-legend summary").click()
    assert frame.locator(".dashboard-legend").inner_text().strip() == "Who holds each place"
    frame.locator(".dashboard-legend summary").click()
    assert "Who holds each place" in frame.locator(".dashboard-legend").inner_text()
    assert len(frame.locator(".dashboard-legend").inner_text().strip()) > len("Who holds each place")
    assert frame.locator(".leaflet-popup").count() == 0  # the clicks stayed in the legend
    assert_no_traceback(page)
    assert page.page_errors == []


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)], ids=["laptop", "phone"])
def test_names_and_geography_without_a_network(browser, app_url, ds, size):
    ctx = new_context(browser, viewport={"width": size[0], "height": size[1]}, has_touch=size[0] < 500)
    try:
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        frame = open_app(page, app_url + "/?date=2024-11-30")
        # the base geography drew, from the app's own server, with every other request blocked
        frame.wait_for_function("() => document.querySelectorAll('.leaflet-dashboard-geography-pane path').length > 20",
                                timeout=WAIT)
        assert not [u for u in ctx.blocked if "basemap" in u]
        # names without hovering: visible labels, none overlapping another
        frame.wait_for_function("() => document.querySelectorAll('.dashboard-label').length > 0", timeout=WAIT)
        labels = frame.evaluate("""() => Array.from(document.querySelectorAll('.dashboard-label'))
            .filter(function (e) { return e.style.display !== 'none'; })
            .map(function (e) { var r = e.getBoundingClientRect();
                 return {text: e.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })""")
        names = {l["text"] for l in labels}
        assert {"Aleppo", "Hama", "Damascus", "Homs"} <= names, names
        assert len(names) >= (20 if size[0] > 1000 else 10)
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                overlap = a["x0"] < b["x1"] - 1 and b["x0"] < a["x1"] - 1 and a["y0"] < b["y1"] - 1 and b["y0"] < a["y1"] - 1
                assert not overlap, (a, b)
        assert frame.locator(".leaflet-tooltip").count() == 0  # nothing hovered
        assert errors == []
    finally:
        ctx.close()


def test_tiles_when_asked_for_are_tried_and_the_map_still_draws(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-11-30&tiles=on")
    for _ in range(150):
        if any(urlsplit(u).hostname == "tile.openstreetmap.org" for u in page.context.blocked):
            break
        page.wait_for_timeout(100)
    assert any(urlsplit(u).hostname == "tile.openstreetmap.org" for u in page.context.blocked), page.context.blocked
    assert frame.locator("path.dashboard-marker").count() == len(expected_fills(ds, "2024-11-30"))
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-dashboard-geography-pane path').length > 20",
                            timeout=WAIT)


def test_tap_on_aleppo_on_a_phone(browser, app_url, ds):
    ctx = new_context(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = ctx.new_page()
        frame = open_app(page, app_url + "/?date=2024-11-30")
        # at a phone's zoom Aleppo's neighbours (the airport, Sheikh Najjar, Sheikh Maqsoud) are too near to
        # spread within 15 km: they stay on their places, Aleppo (a city) on top, so a tap there selects it
        frame.wait_for_function("() => document.querySelectorAll('path.dashboard-marker').length > 0", timeout=WAIT)
        wait_app_idle(page)
        for attempt in range(3):  # the page may still be settling (fonts, a late rerun) and move the map
            pt = frame.evaluate("() => {" + _JS_LIB + """
                var m = findMap(), t = featureLayers().filter(function (l) { return l.feature.properties.place === 'Aleppo'; })[0];
                var p = m.latLngToContainerPoint(t.getLatLng()); return {x: p.x, y: p.y}; }""")
            box = page.locator(MAP_IFRAME).bounding_box()
            page.touchscreen.tap(box["x"] + pt["x"], box["y"] + pt["y"])
            try:  # the tap selected a place (which one is checked below)
                page.wait_for_function("() => !!new URLSearchParams(location.search).get('place')", timeout=10_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        # exactly the place under the finger: Aleppo in the box, the URL and the panel, its marker ringed, no popup
        assert query(page)["place"] == ["Aleppo"]
        assert_selected(page, frame, "Aleppo")
        row = control.state_at(ds, "2024-11-30", include_unreported=True).set_index("place").loc["Aleppo"]
        expect(panel_heading(page, "Aleppo")).to_have_text(f"Aleppo: {wording.holder_phrase(row)}", timeout=WAIT)
        assert frame.locator(".leaflet-popup").count() == 0
        # every date control fits the phone's width (the buttons wrap rather than scroll off)
        boxes = [b for b in page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"] button').evaluate_all(
            "els => els.map(e => { var r = e.getBoundingClientRect(); return [e.innerText, r.left, r.right, r.width]; })")
            if b[3] > 0]
        assert len(boxes) >= 7, boxes  # two periods, five steps
        for text, left, right, _ in boxes:
            assert left >= 0 and right <= 390, (text, left, right)
        # and the map comes before them on the page
        assert page.locator(MAP_IFRAME).bounding_box()["y"] < page.locator('[data-testid="stSlider"]').bounding_box()["y"]
    finally:
        ctx.close()


def syria_share(frame) -> float:
    """The share of the map's width that Syria's outline spans."""
    return frame.evaluate("() => {" + _JS_LIB + """
        var m = findMap(), w = m.getSize().x, xs = [];
        m.eachLayer(function (l) { if (l.feature && l.feature.properties && l.feature.properties.name === 'Syria'
                                       && l.feature.properties.layer === 'country') {
            l.getLatLngs().flat(3).forEach(function (ll) { xs.push(m.latLngToContainerPoint(ll).x); }); } });
        return (Math.min(w, Math.max.apply(null, xs)) - Math.max(0, Math.min.apply(null, xs))) / w; }""")


def test_on_a_phone_the_country_fills_the_map_and_the_date_is_on_it(browser, app_url, ds):
    ctx = new_context(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = ctx.new_page()
        frame = open_app(page, app_url + "/?date=2024-12-08")
        frame.wait_for_function("() => document.querySelectorAll('.leaflet-dashboard-geography-pane path').length > 20",
                                timeout=WAIT)
        # Syria's outline spans at least 85% of the map's width (it was about 60% with the laptop's margins)
        share = syria_share(frame)
        assert share >= 0.85, share
        # the date, in large type, on the map itself; it follows the date
        badge = frame.locator(".dashboard-date")
        expect(badge).to_have_text("8 Dec 2024", timeout=WAIT)
        assert float(badge.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 18
        assert page.locator(MAP_IFRAME).bounding_box()["height"] >= 0.6 * 844
        # the day steps are on the first screen, under the map, and a tap steps the day
        step = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').filter(has_text="play")
        box = step.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, box
        step.locator("button", has_text="day").last.tap()
        expect(page).to_have_url(re.compile(r"[?&]date=2024-12-09"), timeout=WAIT)
        expect(badge).to_have_text("9 Dec 2024", timeout=WAIT)
    finally:
        ctx.close()


@contextlib.contextmanager
def sized_app(browser, url: str, size):
    """The app at ``url`` in a window of ``size`` (a phone below 500 px: touch), markers drawn and laid out."""
    phone = size[0] < 500
    ctx = new_context(browser, viewport={"width": size[0], "height": size[1]}, has_touch=phone, is_mobile=phone)
    try:
        page = ctx.new_page()
        frame = open_app(page, url)
        frame.wait_for_function("() => document.querySelectorAll('path.dashboard-marker').length > 0", timeout=WAIT)
        wait_app_idle(page)
        page.wait_for_timeout(500)  # the names and spreading laid out
        yield page, frame
    finally:
        ctx.close()


JS_OFFSETS_KM = """() => { var out = {}; var m = window.map;
  var r = window.__dashboardLayer; if (!r) { return out; }
  Object.keys(r.byId).forEach(function (id) { var k = r.byId[id];
    out[k.feature.properties.place] = m.distance(k.getLatLng(), k._dashboardHome) / 1000; });
  return out; }"""


@pytest.mark.parametrize("size", [(390, 844), (1400, 900)], ids=["phone", "laptop"])
def test_no_marker_is_drawn_far_from_its_place(browser, app_url, ds, size):
    with sized_app(browser, app_url + "/?date=2024-12-08", size) as (page, frame):
        offsets = frame.evaluate(JS_OFFSETS_KM)
        assert len(offsets) == len(ds.places)
        far = {p: round(km, 1) for p, km in offsets.items() if km > 15}
        assert far == {}, far  # (Quneitra was drawn about 125 km off on a phone)
        # zoomed in, close places are spread apart, each still within 15 km of its place
        frame.evaluate("() => window.map.setView([36.2, 37.16], 11, {animate: false})")
        frame.wait_for_function("() => document.querySelectorAll('path.dashboard-leader').length > 0", timeout=WAIT)
        offsets = frame.evaluate(JS_OFFSETS_KM)
        assert max(offsets.values()) <= 15 and any(km > 0.1 for km in offsets.values())


@pytest.mark.parametrize("size", [(390, 844), (1400, 900)], ids=["phone", "laptop"])
def test_each_name_sits_beside_its_own_marker(browser, app_url, ds, size):
    with sized_app(browser, app_url + "/?date=2024-12-08", size) as (page, frame):
        pairs = frame.evaluate("""() => { var r = window.__dashboardLayer, m = window.map, out = [];
          var box = m.getContainer().getBoundingClientRect();
          var labels = {};
          document.querySelectorAll('.dashboard-label').forEach(function (e) {
            if (e.style.display !== 'none') { labels[e.textContent] = e.getBoundingClientRect(); } });
          Object.keys(r.byId).forEach(function (id) { var k = r.byId[id], n = k.feature.properties.place;
            if (!labels[n]) { return; }
            var p = m.latLngToContainerPoint(k.getLatLng()), b = labels[n];
            var dx = Math.max(b.left - box.left - p.x, 0, p.x - (b.right - box.left));
            var dy = Math.max(b.top - box.top - p.y, 0, p.y - (b.bottom - box.top));
            out.push([n, Math.sqrt(dx * dx + dy * dy)]); });
          return out; }""")
        assert len(pairs) >= (20 if size[0] > 1000 else 10)
        # the nearest edge of each name is within a marker's width of that marker's drawn point
        far = [(n, round(d)) for n, d in pairs if d > 14]
        assert far == [], far


def test_places_too_close_are_grouped_behind_a_count_that_opens_on_tap(browser, app_url, ds):
    # on a phone, at the opening zoom, 15 km is a few pixels: the places of Damascus cannot be spread that
    # little, so they stay on their places under one count; a tap on it lists them, a tap on a name selects it
    with sized_app(browser, app_url + "/?date=2024-12-08", (390, 844)) as (page, frame):
        counts = frame.locator(".dashboard-count:not(.dashboard-swatch)")  # (the legend's swatch is one too)
        expect(counts.first).to_be_visible(timeout=WAIT)
        damascus = frame.locator('.dashboard-count[aria-label*=": Damascus,"]')
        labels = counts.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
        mine = [lab for lab in labels if ": Damascus," in lab]
        assert len(mine) == 1, labels
        n = int(mine[0].split(" ")[0])
        assert n >= 5
        # the count is the number of places drawn there, and says so
        assert damascus.count() == 1 and damascus.inner_text() == str(n)
        # every place in a group is within 15 km of where it is drawn (nothing moved far to make room)
        offsets = frame.evaluate(JS_OFFSETS_KM)
        assert max(offsets.values()) <= 15
        damascus.tap()
        items = frame.locator(".dashboard-group-list button")
        expect(items).to_have_count(n, timeout=WAIT)
        names = items.evaluate_all("els => els.map(e => e.getAttribute('data-place'))")
        assert names[0] == "Damascus" and "Darayya" in names  # the most important first
        # the list sits inside the map
        lb, mb = frame.locator(".dashboard-group-list").bounding_box(), page.locator(MAP_IFRAME).bounding_box()
        assert lb["x"] >= mb["x"] and lb["x"] + lb["width"] <= mb["x"] + mb["width"] + 1
        frame.locator('.dashboard-group-list button[data-place="Darayya"]').tap()
        wait_selected(page, "Darayya")
        expect(frame.locator(".dashboard-group-list")).to_have_count(0)
        # a tap elsewhere on the map closes an open list, and the next tap reaches the map
        counts.first.tap()
        expect(frame.locator(".dashboard-group-list")).to_have_count(1, timeout=WAIT)
        mb = page.locator(MAP_IFRAME).bounding_box()
        page.touchscreen.tap(mb["x"] + 0.35 * mb["width"], mb["y"] + 0.1 * mb["height"])  # over Turkey: no marker
        expect(frame.locator(".dashboard-group-list")).to_have_count(0, timeout=WAIT)


def test_the_date_on_the_map_follows_the_date(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-04")
    expect(frame.locator(".dashboard-date")).to_have_text("4 Dec 2024", timeout=WAIT)
    move_date(page, frame, "ArrowRight", "2024-12-05", ds)
    expect(frame.locator(".dashboard-date")).to_have_text("5 Dec 2024", timeout=WAIT)


def test_legend_symbols_are_the_markers_symbols(page, app_url, ds):
    # 29 Nov 2024: the day with every kind of symbol drawn at once. (30 Nov no longer has a contested
    # place: the capture of Aleppo that day ends its contest, and the Nasib crossing's contest, dated only
    # to a window of 27 Nov-6 Dec, is not shown inside a window longer than 7 days.)
    day = "2024-11-29"
    frame = open_app(page, app_url + f"/?date={day}")
    # (the shaded-land item is a square, the land's own colour: checked in test_shaded_land_follows_the_holders_offline)
    area = frame.evaluate("""() => { var r = document.querySelector('.dashboard-legend-item[data-symbol=area]');
        return r && r.querySelector('rect') ? r.textContent : null; }""")
    assert area and "not a front line" in area
    outline = frame.evaluate("""() => { var r = document.querySelector('.dashboard-legend-item[data-symbol=outline] rect');
        return r && [r.getAttribute('stroke-dasharray'), r.parentNode.parentNode.textContent]; }""")
    assert outline and outline[0] and "governorate" in outline[1]  # a dashed square, as the outlines are drawn
    count = frame.evaluate("""() => { var r = document.querySelector('.dashboard-legend-item[data-symbol=count] .dashboard-count');
        return r && [getComputedStyle(r).backgroundColor, r.parentNode.textContent]; }""")
    assert count and "tap the number" in count[1]  # drawn as the counts on the map are
    assert count[0] == frame.evaluate("() => { var c = document.querySelector('.dashboard-count:not(.dashboard-swatch)');"
                                      " return c && getComputedStyle(c).backgroundColor; }")
    legend = frame.evaluate("""() => Array.from(document.querySelectorAll('.dashboard-legend-item:not([data-symbol=area]):not([data-symbol=outline]):not([data-symbol=count])')).map(function (r) {
        var c = r.querySelector('circle');
        return {key: r.getAttribute('data-symbol'), text: r.textContent, r: c.getAttribute('r'),
                sw: c.getAttribute('stroke-width'), dash: c.getAttribute('stroke-dasharray') || '',
                fo: c.getAttribute('fill-opacity')}; })""")
    keys = {x["key"] for x in legend}
    assert {"actor", "contested", "pending", "window", "recent", "stale", "claimed", "side", "unreported"} <= keys
    drawn = frame.evaluate("""() => Array.from(document.querySelectorAll('path.dashboard-marker')).map(function (p) {
        return {sw: p.getAttribute('stroke-width'), dash: p.getAttribute('stroke-dasharray') || '',
                fo: p.getAttribute('fill-opacity')}; })""")
    # each way a marker is drawn (ring width, dashes, fill strength) is one a legend swatch shows
    for attr in ("sw", "dash", "fo"):
        assert {d[attr] for d in drawn} <= {x[attr] for x in legend}, attr
    state = control.state_at(ds, day, include_unreported=True)
    assert (state["status"] == "contested").any() and (state["pending"] != "").any() and state["stale"].any()
    # that day some holders only a party claims, claims beside a holder, and places no longer current
    assert ((state["basis"] == "claimed") & (state["pending"] == "") & (state["side_note"] == "")).any()
    assert ((state["side_note"] != "") & (state["status"] != "contested")).any()
    # (no place is overtaken on 29 Nov: places around it changed hands from its holder's side only from 1 Dec)
    assert control.state_at(ds, "2024-12-05")["overtaken"].any()
    by_key = {x["key"]: x for x in legend}
    assert by_key["contested"]["sw"] == "4" and any(d["sw"] == "4" for d in drawn)
    assert by_key["stale"]["fo"] == "0.3" and any(d["fo"] == "0.3" for d in drawn)
    assert by_key["pending"]["dash"] == "4 3" and any(d["dash"] == "4 3" for d in drawn)
    assert by_key["unreported"]["fo"] == "0.15" and any(d["fo"] == "0.15" for d in drawn)
    assert by_key["claimed"]["dash"] == "1 3" and any(d["dash"] == "1 3" for d in drawn)
    assert by_key["side"]["dash"] == "6 3 1 3" and any(d["dash"] == "6 3 1 3" for d in drawn)
    assert "not current" in by_key["stale"]["text"]  # faded also when places around it changed hands since


def test_zoom_and_centre_in_the_url(page, app_url):
    frame = open_app(page, app_url + "/?date=2024-11-30&zoom=9&center=36.2,37.16")
    view = frame.evaluate("() => { var m = window.map, c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }")
    assert view[0] == 9 and abs(view[1] - 36.2) < 0.01 and abs(view[2] - 37.16) < 0.01
    page.wait_for_timeout(1600)  # the first view is the link's, not the reader's move
    frame.evaluate("() => { window.map.setZoom(10, {animate: false}); }")
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '10'", timeout=WAIT)
    assert query(page)["center"][0].startswith("36.")
    # a date change rewrites the address; the view stays in it
    slider(page).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-12-01'", timeout=WAIT)
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '10'", timeout=WAIT)


def test_colours_follow_the_date(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-11-28")
    assert slider_value(page) == "2024-11-28"
    early = markers(frame)
    assert early == expected_fills(ds, "2024-11-28")
    assert early["Aleppo"] == actor_colour(ds, "Syrian government")

    frame = open_app(page, app_url + "/?date=2024-12-05")
    late = markers(frame)
    assert late == expected_fills(ds, "2024-12-05")
    # held by HTS (the assessed rule: independent reporting names HTS, where the old data had "Rebels")
    assert late["Aleppo"] == actor_colour(ds, "HTS") != early["Aleppo"]


def test_slider_keyboard_changes_markers_without_reloading_the_map(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-04")
    before = markers(frame)
    frame.evaluate("() => { window.__marker = 42; }")
    slider(page).focus()
    for _ in range(6):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-11-28'", timeout=WAIT)
    assert slider_value(page) == "2024-11-28"
    expected = expected_fills(ds, "2024-11-28")
    frame.wait_for_function("(want) => {" + _JS_LIB + """
        var got = {}; featureLayers().forEach(function (l) { got[l.feature.properties.place] = l.options.fillColor; });
        return JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want).sort()); }""",
                            arg=expected, timeout=WAIT)
    wait_app_idle(page)
    same = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert same == frame, "the map iframe was replaced"
    assert same.evaluate("() => window.__marker") == 42, "the map page was reloaded"
    after = markers(same)
    assert after == expected != before
    assert after["Aleppo"] == actor_colour(ds, "Syrian government")


def test_an_opened_list_stays_open_as_the_date_moves(page, app_url):
    open_app(page, app_url + "/?date=2024-12-04")
    changes = page.locator('[data-testid="stExpander"] summary').filter(has_text="What changed in the 7 days")
    changes.click()
    page.get_by_text("Aleppo").first.wait_for(timeout=WAIT)
    details = page.locator('[data-testid="stExpander"] details').first
    page.wait_for_function("(e) => e.open", arg=details.element_handle(), timeout=WAIT)
    wait_app_idle(page)
    slider(page).focus()
    page.keyboard.press("ArrowRight")
    page.get_by_text("What changed in the 7 days to 5 Dec 2024").wait_for(timeout=WAIT)
    wait_app_idle(page)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stExpander"] details').first.evaluate("e => e.open")
    assert_no_traceback(page)


def test_previous_change_button_keeps_the_map(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-06")
    before = markers(frame)
    frame.evaluate("() => { window.__marker = 42; }")
    target = control.step_change(ds, "2024-12-06", -1).date().isoformat()
    step_button(page, "change").first.click()
    page.wait_for_function("(d) => new URLSearchParams(location.search).get('date') === d", arg=target, timeout=WAIT)
    wait_app_idle(page)
    assert slider_value(page) == target
    frame.wait_for_function("(want) => {" + _JS_LIB + """
        var got = {}; featureLayers().forEach(function (l) { got[l.feature.properties.place] = l.options.fillColor; });
        return JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want).sort()); }""",
                            arg=expected_fills(ds, target), timeout=WAIT)
    assert frame.evaluate("() => window.__marker") == 42
    after = markers(frame)
    assert after == expected_fills(ds, target)
    assert after != before


def test_click_marker_selects_the_place_without_a_popup(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-05")
    state = control.state_at(ds, "2024-12-05", include_unreported=True).set_index("place")
    row = state.loc["Aleppo"]
    assert row["controller"] in frame.locator(".dashboard-legend").inner_text()  # open on a laptop
    expect(frame.locator(".dashboard-selected")).to_have_count(0)  # nothing selected yet
    # the click selects the place: the side panel shows it, the URL records it, its marker is ringed; no popup
    panel = click_marker(page, frame, "Aleppo")
    assert "place=Aleppo" in page.url
    expect(panel_heading(page, "Aleppo")).to_have_text(f"Aleppo: {wording.holder_phrase(row)}")  # "Aleppo: held by HTS"
    text = main_text(page)
    assert f"Aleppo: {wording.holder_phrase(row)}" in text
    # then the one-line answer ("Taken by HTS from ..., 30 Nov 2024; N reports"; the count is the app's)
    assert wording.one_line_answer(row, 0).rsplit("; ", 1)[0] + "; " in text
    # the quote, verbatim, and the link to the report that opens at it, in a new tab
    assert row["quote"] in text
    assert panel.locator("blockquote").first.inner_text().strip() == row["quote"]
    link = panel_source_link(page)
    href = link.get_attribute("href")
    assert href.startswith(("https://", "http://"))
    assert "#:~:text=" in href
    assert href == mapview.text_fragment_url(row["source_url"], row["quote"])
    assert link.get_attribute("target") == "_blank"
    # a claim beside the holder (on 5 Dec: a report that SNA holds part of Aleppo) is an info box
    assert row["side_note"]
    note = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').filter(has_text=row["side_note"])
    expect(note).to_have_count(1, timeout=WAIT)
    assert_no_traceback(page)
    # nothing covers the map: the legend stays open, no popup; the marker stays ringed
    assert row["controller"] in frame.locator(".dashboard-legend").inner_text()
    assert frame.locator(".leaflet-popup").count() == 0
    wait_ringed(frame, "Aleppo")
    # a click on another marker moves the selection (and the ring) to it
    other = "Hama"
    assert state.loc[other, "status"] != "unreported"
    click_marker(page, frame, other)
    expect(panel_heading(page, other)).to_have_text(f"{other}: {wording.holder_phrase(state.loc[other])}", timeout=WAIT)
    assert query(page)["place"] == [other]
    assert frame.locator(".leaflet-popup").count() == 0


def test_exported_map_popup_has_the_quote_and_the_source_link(browser, ds, tmp_path):
    # the standalone map has no panel beside it: a click opens a popup with the quote and the link
    out = export_map(tmp_path, "2024-12-05")
    row = control.state_at(ds, "2024-12-05", include_unreported=True).set_index("place").loc["Aleppo"]
    ctx = new_context(browser)
    try:
        page, errors = _open_file(ctx, out)
        page.wait_for_function(JS_LEAFLET_READY, timeout=WAIT)
        assert row["controller"] in page.locator(".dashboard-legend").inner_text()  # open on a laptop
        popup = click_marker_in_export(page, "Aleppo")
        assert popup.locator(".dashboard-quote").text_content() == row["quote"]
        link = popup.locator("a.dashboard-source-link")
        href = link.get_attribute("href")
        assert href.startswith(("https://", "http://"))
        assert "#:~:text=" in href
        assert href == mapview.text_fragment_url(row["source_url"], row["quote"])
        assert link.get_attribute("target") == "_blank"
        # the legend folds out of the popup's way while it is open, and opens again after
        assert page.locator(".dashboard-legend").inner_text().strip() == "Who holds each place"
        expect(page.locator(".dashboard-selected")).to_have_count(0)  # a popup, not the app's ring
        page.locator(".leaflet-popup-close-button").click()
        page.locator(".leaflet-popup").wait_for(state="detached", timeout=WAIT)
        assert row["controller"] in page.locator(".dashboard-legend").inner_text()
        assert errors == []
        assert ctx.blocked == []
    finally:
        ctx.close()


def test_a_shared_link_on_a_phone_opens_on_the_map_with_the_place_ringed_and_its_panel_below(browser, app_url, ds):
    with sized_app(browser, app_url + "/?date=2024-12-08&place=Damascus", (390, 844)) as (page, frame):
        # the first screen: the map, its date and the place ringed on it; no popup over the country
        box = page.locator(MAP_IFRAME).bounding_box()
        assert box["y"] < 844 * 0.35 and box["y"] + box["height"] <= 844, box
        expect(frame.locator(".dashboard-date")).to_have_text("8 Dec 2024", timeout=WAIT)
        assert_selected(page, frame, "Damascus")
        ring = frame.locator("path.dashboard-marker.dashboard-selected").bounding_box()
        assert box["y"] <= ring["y"] and ring["y"] + ring["height"] <= box["y"] + box["height"], ring  # on the map
        assert frame.locator(".leaflet-popup").count() == 0
        # the place's panel follows under the map, with its one-line answer and quote
        row = control.state_at(ds, "2024-12-08", include_unreported=True).set_index("place").loc["Damascus"]
        heading = panel_heading(page, "Damascus")
        expect(heading).to_have_text(f"Damascus: {wording.holder_phrase(row)}", timeout=WAIT)
        assert heading.bounding_box()["y"] > box["y"] + box["height"]
        assert row["quote"] in main_text(page)
        assert_no_traceback(page)


def test_shared_url_restores_the_view_and_selects_the_place(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-11-29&actor=hts&place=halab")
    assert slider_value(page) == "2024-11-29"
    chips = page.locator('[data-testid="stMultiSelect"] [data-tag]')
    assert chips.count() == 1
    assert chips.first.get_attribute("aria-label") == "HTS"
    assert chips.first.is_visible()
    assert place_box(page).input_value().startswith("Aleppo")
    page.wait_for_function("() => new URLSearchParams(location.search).get('place') === 'Aleppo'", timeout=WAIT)
    q = query(page)
    assert q == {"date": ["2024-11-29"], "actor": ["HTS"], "place": ["Aleppo"]}
    expected = expected_fills(ds, "2024-11-29", ["HTS"])
    assert "Aleppo" in expected
    assert markers(frame) == expected
    # a link naming a place shows it in the panel and rings its marker, on top of its neighbours; no popup
    state = control.state_at(ds, "2024-11-29", actors=["HTS"]).set_index("place")
    assert state.loc["Aleppo", "status"] == "contested"  # HTS entered Aleppo on 29 Nov
    heading = panel_heading(page, "Aleppo")
    expect(heading).to_have_text(f"Aleppo: {wording.holder_phrase(state.loc['Aleppo'])}", timeout=WAIT)
    expect(heading).to_be_in_viewport()  # on the first screen
    assert_selected(page, frame, "Aleppo")
    ringed = frame.locator("path.dashboard-marker.dashboard-selected")
    assert ringed.is_visible()
    box, area = ringed.bounding_box(), page.locator(MAP_IFRAME).bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= area["width"], (box, area)  # inside the map's view
    assert 0 <= box["y"] and box["y"] + box["height"] <= area["height"], (box, area)
    assert area["y"] + box["y"] + box["height"] <= 1000  # and on the first screen
    # raised above its neighbours: the point at its centre is its own
    assert ringed.evaluate("e => { var r = e.getBoundingClientRect();"
                           " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e; }")
    text = main_text(page)
    assert f"Aleppo: {wording.holder_phrase(state.loc['Aleppo'])}" in text
    assert state.loc["Aleppo", "quote"] in text
    assert place_panel(page).locator("blockquote").first.inner_text().strip() == state.loc["Aleppo", "quote"]
    assert panel_source_link(page).get_attribute("href") == mapview.text_fragment_url(
        state.loc["Aleppo", "source_url"], state.loc["Aleppo", "quote"])
    assert frame.locator(".leaflet-popup").count() == 0
    assert page.locator('[data-testid="stAlert"]').filter(has_text="Ignored").count() == 0
    assert_no_traceback(page)


def test_bad_url_warns_and_shows_default_view(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=not-a-date&actor=Nobody&place=Nowhere")
    alerts = page.locator('[data-testid="stAlert"]')
    assert alerts.count() >= 2
    texts = " ".join(alerts.all_inner_texts())
    assert alerts.first.is_visible()
    assert "not-a-date" in texts and "not a date" in texts
    assert "Nobody" in texts
    assert "Nowhere" in texts
    hi = last_day(ds)
    assert slider_value(page) == hi
    assert page.locator('[data-testid="stMultiSelect"] [data-tag]').count() == 0
    assert place_box(page).input_value() != "Nowhere"
    assert markers(frame) == expected_fills(ds, hi)
    page.wait_for_function("(d) => new URLSearchParams(location.search).get('date') === d", arg=hi, timeout=WAIT)
    assert "actor" not in query(page)
    assert_no_traceback(page)


@pytest.mark.parametrize("qs", ["date=2024-02-30", "date=9999-12-31", "date=%00%FF", "place=%3Cscript%3E",
                                "actor=&actor=HTS&actor=HTS", "date=2024-11-29&date=2024-11-30",
                                "date=" + "9" * 5000, "zoom=1e308&center=nan,inf", "center=%3Cb%3E,1&zoom=5"],
                         ids=["feb30", "far-future", "bytes", "script-place", "repeated-actors", "two-dates", "long",
                              "huge-zoom", "markup-centre"])
def test_odd_urls_do_not_crash(page, app_url, ds, qs):
    open_app(page, app_url + "/?" + qs)
    assert_no_traceback(page)
    assert slider_value(page) in (last_day(ds), "2024-11-30")  # the default day, or the last of two dates
    assert page.dialogs == []


def test_screenshot_with_a_selected_marker(page, app_url, tmp_path):
    # 30 November 2024, the day Aleppo fell: a link naming Aleppo shows it in the panel and rings its marker
    # on the app's own view (no popup over the map)
    frame = open_app(page, app_url + "/?date=2024-11-30&place=Aleppo")
    wait_selected(page, "Aleppo")
    page.mouse.move(1395, 995)  # away from the map and the sidebar: no hover tooltip
    expect(panel_heading(page, "Aleppo")).to_be_visible(timeout=WAIT)
    assert_selected(page, frame, "Aleppo")
    frame.wait_for_function("() => { var e = document.querySelector('path.dashboard-selected');"
                            " return e && getComputedStyle(e).stroke === 'rgb(0, 0, 0)'; }", timeout=WAIT)  # drawn ringed
    expect(frame.locator(".leaflet-tooltip")).to_have_count(0)
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-dashboard-geography-pane path').length > 20",
                            timeout=WAIT)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator('[data-testid="stMain"]').evaluate("e => e.scrollTo && e.scrollTo(0, 0)")
    png = page.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1400, 1000)
    if os.environ.get("UPDATE_SCREENSHOT") == "1" or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        tmp = SCREENSHOT.with_suffix(".png.tmp")
        tmp.write_bytes(png)
        os.replace(tmp, SCREENSHOT)


# ------------------------------------------------------------------ hostile and bad data


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    return hostile.write_hostile_dataset(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_ds(hostile_data):
    return load_dataset(hostile_data.events, hostile_data.places, hostile_data.actors)


def test_hostile_data_in_the_app_shows_as_text(page, streamlit_server, hostile_data, hostile_ds):
    server = streamlit_server(hostile_data.env())
    frame = open_app(page, server.url + "/")
    hi = views.date_range(hostile_ds)[1]
    assert slider_value(page) == hi.isoformat()
    assert markers(frame) == expected_fills(hostile_ds, hi)
    assert set(markers(frame)) == set(hostile.PLACE_NAMES)
    legend = frame.locator(".dashboard-legend").text_content()
    for name in hostile_data.actor_names:
        assert name in legend
    state = control.state_at(hostile_ds, hi, include_unreported=True).set_index("place")
    for place in hostile.PLACE_NAMES:
        panel = click_marker(page, frame, place)  # selected: panel, URL, this marker ringed, no popup
        assert query(page)["place"] == [place]
        text = panel.text_content()
        assert place in text
        if state.loc[place, "status"] != "unreported":
            expect(panel_heading(page, place)).to_have_text(f"{place}: {wording.holder_phrase(state.loc[place])}")
            assert panel.locator("blockquote").first.inner_text().strip() == state.loc[place, "quote"].strip()
            assert "<script>window.__pwned=1</script>" in text
            href = panel_source_link(page).get_attribute("href")
            assert href.startswith("https://example.")
        else:
            assert f"No report about {place}" in text
        body = main_text(page)
        assert f"{place}:" in body or f"No report about {place}" in body
        assert_safe(page, frame)
    body = main_text(page)
    for literal in hostile.LITERALS:
        assert literal in body, f"{literal!r} not shown literally"
    assert_no_traceback(page)
    assert_safe(page, frame)
    assert page.page_errors == []


def test_hostile_place_and_actor_in_a_shared_url(page, streamlit_server, hostile_data, hostile_ds):
    server = streamlit_server(hostile_data.env())
    place, actor = hostile.P_MD, hostile.GOV
    url = f"{server.url}/?date=2024-12-03&actor={quote(actor, safe='')}&place={quote(place, safe='')}"
    frame = open_app(page, url)
    assert place_box(page).input_value() == place
    chip = page.locator('[data-testid="stMultiSelect"] [data-tag]')
    assert chip.count() == 1 and chip.first.get_attribute("aria-label") == actor
    assert chip.first.inner_text().strip() == actor
    body = main_text(page)
    assert "Disagreements (1)" in body  # the tab with the disagreeing claims
    row = control.state_at(hostile_ds, "2024-12-03", actors=[actor]).set_index("place").loc[place]
    assert row["status"] == "contested"
    assert f"{place}: {wording.holder_phrase(row)}" in body
    assert markers(frame) == expected_fills(hostile_ds, "2024-12-03", [actor])
    # the link's place is in the panel and ringed on the map, with no popup
    expect(panel_heading(page, place)).to_have_text(f"{place}: {wording.holder_phrase(row)}", timeout=WAIT)
    assert_selected(page, frame, place)
    assert_safe(page, frame)
    # and a click on its marker keeps it selected, still with no popup
    panel = click_marker(page, frame, place)
    assert query(page)["place"] == [place]
    assert panel.locator("blockquote").first.inner_text().strip() == row["quote"].strip()
    assert panel_source_link(page).get_attribute("href").startswith("https://example.")
    assert_safe(page, frame)
    assert_no_traceback(page)


def _open_file(ctx, path):
    """A page showing a local HTML file; dialogs are dismissed and recorded in
    ``page.dialogs``; page errors and console errors and warnings go to the
    list returned with it."""
    page = ctx.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(path.as_uri())
    return page, errors


def test_hostile_data_in_the_exported_map(browser, hostile_data, hostile_ds, tmp_path):
    out = tmp_path / "map.html"
    res = subprocess.run([sys.executable, "-m", "dashboard", "export-map", "--date", hostile_data.date,
                          "--out", str(out), "--events", str(hostile_data.events), "--places", str(hostile_data.places),
                          "--actors", str(hostile_data.actors)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>window.__pwned=1</script>" not in html
    ctx = new_context(browser)
    try:
        page, errors = _open_file(ctx, out)
        page.wait_for_function(JS_LEAFLET_READY, timeout=WAIT)
        assert markers(page) == expected_fills(hostile_ds, hostile_data.date)
        state = control.state_at(hostile_ds, hostile_data.date, include_unreported=True).set_index("place")
        for place in hostile.PLACE_NAMES:
            popup = click_marker_in_export(page, place)
            text = popup.text_content()
            assert place in text
            if state.loc[place, "status"] != "unreported":
                assert "<script>window.__pwned=1</script>" in text
                assert popup.locator(".dashboard-quote").text_content() == state.loc[place, "quote"]
                link = popup.locator("a.dashboard-source-link")
                assert link.get_attribute("href").startswith("https://example.")
                assert link.get_attribute("target") == "_blank"
        res = page.evaluate(JS_SAFETY)
        assert res == {"pwned": "undefined", "handlers": 0, "jsLinks": [], "injected": 0}
        assert page.dialogs == []
        assert errors == []
        assert ctx.blocked == []  # nothing but the file itself was requested
    finally:
        ctx.close()


def test_hostile_names_in_cluster_icons_stay_text(browser, hostile_data, hostile_ds, tmp_path):
    # clusters name the controllers of their places (tooltip, accessible name)
    state = control.state_at(hostile_ds, hostile_data.date, include_unreported=True)
    m = mapview.base_map(hostile_ds, asset_base="", tiles="none")
    mapview.marker_layer(state, hostile_ds.actors, detail=True, cluster=True).add_to(m)
    out = tmp_path / "clustered.html"
    out.write_text(mapview._inline_assets(m.get_root().render()), encoding="utf-8")
    ctx = new_context(browser)
    try:
        page, errors = _open_file(ctx, out)
        page.wait_for_function("() => typeof L === 'object'", timeout=WAIT)
        # zoom out to one cluster of all (at once: the first view is not animated)
        assert page.evaluate("() => {" + _JS_LIB + " var m = findMap(); m.setZoom(3, {animate: false}); return m.getZoom(); }") == 3
        page.wait_for_selector(".dashboard-cluster", timeout=WAIT)
        title = page.locator(".dashboard-cluster").first.get_attribute("title")
        assert title.startswith(f"{len(state)} places: ")
        reported = state[state["status"] == "controlled"]
        for name in set(reported["controller"]):
            assert name in title  # literally, markup and all
        res = page.evaluate(JS_SAFETY)
        assert res == {"pwned": "undefined", "handlers": 0, "jsLinks": [], "injected": 0}
        assert page.dialogs == [] and errors == []
    finally:
        ctx.close()


def test_exported_map_of_many_places_without_tiles_draws_its_clusters(browser, tmp_path):
    # markercluster needs the map to have a maximum zoom, which tiles would
    # otherwise give: the export has none
    from dashboard.bench.synth import synthesize

    synthesize(450, 3_000, tmp_path, seed=2)
    out = tmp_path / "map.html"
    res = subprocess.run([sys.executable, "-m", "dashboard", "export-map", "--date", "2024-06-01", "--out", str(out),
                          "--events", str(tmp_path / "events.csv"), "--places", str(tmp_path / "places.csv")],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    ctx = new_context(browser)
    try:
        page, errors = _open_file(ctx, out)
        page.wait_for_selector(".dashboard-cluster", timeout=WAIT)
        _check_cluster_icons(page, tmp_path / "actors.csv")
        assert errors == []
    finally:
        ctx.close()


def test_bad_data_shows_file_and_line(page, streamlit_server, tmp_path_factory):
    bad = hostile.write_bad_dataset(tmp_path_factory.mktemp("bad"))
    server = streamlit_server(bad["env"])
    page.goto(server.url + "/")
    err = page.locator('[data-testid="stAlert"]').filter(has_text="problem")
    err.wait_for(timeout=WAIT)
    wait_app_idle(page)
    text = err.inner_text()
    for prefix, msg in zip(bad["expected"], bad["messages"]):
        line = next((ln for ln in text.splitlines() if ln.startswith(prefix)), None)
        assert line is not None, f"{prefix} not in {text!r}"
        assert msg in line
    assert "2 problem(s)" in text
    assert page.locator(MAP_IFRAME).count() == 0
    assert_no_traceback(page)


# ------------------------------------------------------------------ reruns and scale


def _count_sent_frames(page) -> list:
    """Data frames the page sends over Streamlit's websocket (reruns, widget values)."""
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def test_pan_and_zoom_do_not_rerun_the_script(page, app_url):
    sent = _count_sent_frames(page)
    frame = open_app(page, app_url + "/")
    page.wait_for_timeout(1500)  # let the map report its initial view
    before = len(sent)
    frame.evaluate("() => { window.map.setZoom(window.map.getZoom() + 2, {animate: false}); }")
    frame.evaluate("() => { window.map.panBy([120, 80], {animate: false}); }")
    page.mouse.move(700, 500)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(2500)  # longer than streamlit-folium's 250 ms debounce
    assert len(sent) == before, "panning or zooming sent a message to the server (a rerun)"
    # the same channel does carry a slider move, so the check above can fail
    slider(page).focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(1500)
    assert len(sent) > before, "a slider move should reach the server"


def _check_cluster_icons(frame, actors_csv):
    """Each cluster says who holds its places: in words (count per
    controller, adding up to its total) and as a ring in the markers' own
    colours; never markercluster's default icons, coloured by size, which
    would read as controllers."""
    actors = pd.read_csv(actors_csv, dtype=str, keep_default_na=False)
    colours = dict(zip(actors["name"], actors["colour"]))
    colours.update({"contested": mapview.colours.CONTESTED_COLOUR, "no report yet": mapview.colours.UNREPORTED_COLOUR})

    def rgb(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return f"rgb({r}, {g}, {b})"

    assert frame.locator(".marker-cluster-small, .marker-cluster-medium, .marker-cluster-large").count() == 0
    icons = frame.evaluate("() => Array.from(document.querySelectorAll('.dashboard-cluster')).map(function (d) {"
                           " return {title: d.getAttribute('title'), label: d.getAttribute('aria-label'),"
                           " ring: d.style.backgroundImage || d.style.background, count: d.textContent}; })")
    assert icons
    for icon in icons:
        total, _, parts = icon["title"].partition(" places: ")
        n = int(total.replace(",", ""))
        assert icon["label"] == icon["title"] and int(icon["count"].replace(",", "")) == n
        pairs = [part.rsplit(" ", 1) for part in parts.split(", ")]
        assert sum(int(k.replace(",", "")) for _, k in pairs) == n, icon
        assert "conic-gradient" in icon["ring"]
        for name, _ in pairs:
            assert name in colours, (name, icon)
            assert rgb(colours[name]) in icon["ring"] or colours[name].lower() in icon["ring"].lower(), (name, icon)


def test_many_places_are_clustered_and_the_slider_still_works(browser, streamlit_server, tmp_path_factory):
    from dashboard.bench.synth import synthesize

    out = tmp_path_factory.mktemp("synth-big")
    synthesize(2000, 30_000, out, seed=3)
    server = streamlit_server({"DASHBOARD_EVENTS": str(out / "events.csv"),
                               "DASHBOARD_PLACES": str(out / "places.csv")})
    ctx = new_context(browser)
    try:
        pg = ctx.new_page()
        t0 = time.perf_counter()
        pg.goto(server.url + "/")
        pg.locator(MAP_IFRAME).wait_for(state="attached", timeout=WAIT)
        frame = pg.locator(MAP_IFRAME).element_handle().content_frame()
        frame.wait_for_function("() => document.querySelectorAll('.dashboard-cluster').length > 0", timeout=WAIT)
        wait_app_idle(pg)
        first_paint = time.perf_counter() - t0
        # the markers' group stays on the map from one date to the next (window.__dashboardLayer)
        count_js = ("() => { var r = window.__dashboardLayer; return r && window.map.hasLayer(r.group)"
                    " ? r.group.getLayers().length : -1; }")
        n = frame.evaluate(count_js)
        assert n == 2000, n  # every place is in the (clustered) layer
        clusters = frame.locator(".dashboard-cluster").count()
        assert 0 < clusters < 2000  # legible at low zoom: aggregated, not 2,000 dots
        _check_cluster_icons(frame, out / "actors.csv")
        frame.evaluate("() => { window.__marker = 7; }")
        value = slider_value(pg)
        slider(pg).focus()
        for _ in range(30):
            pg.keyboard.press("ArrowLeft")
        pg.wait_for_function("(v) => document.querySelector('[data-testid=\"stSlider\"] input[type=\"range\"]')"
                             ".getAttribute('aria-valuetext') !== v", arg=value, timeout=WAIT)
        wait_app_idle(pg)
        assert frame.evaluate("() => window.__marker") == 7  # same map, not reloaded
        assert frame.evaluate(count_js) == 2000  # the new date's markers replaced the old, none left over
        # and the old layers are gone, not kept alive off the map (streamlit-folium would keep them all)
        assert frame.evaluate("() => window.feature_group.length") == 1
        frame.wait_for_function("() => document.querySelectorAll('.dashboard-cluster').length > 0", timeout=WAIT)
        _check_cluster_icons(frame, out / "actors.csv")
        # zoomed in, a single marker (drawn on a canvas, inside a cluster group) still selects its place
        target = frame.evaluate("""() => { var m = window.map, t = null;
          window.__dashboardLayer.group.getLayers().forEach(function (l) {
            if (!t && l.feature.properties.status === 'controlled') { t = l; } });
          m.setView(t.getLatLng(), 13, {animate: false});
          var pt = m.latLngToContainerPoint(t.getLatLng());
          return {place: t.feature.properties.place, x: pt.x, y: pt.y}; }""")
        pg.wait_for_timeout(500)
        box = pg.locator(MAP_IFRAME).bounding_box()
        pg.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        wait_selected(pg, target["place"])
        # the page answers promptly (no long task blocking the main thread)
        t = time.perf_counter()
        assert frame.evaluate("() => 1 + 1") == 2
        assert time.perf_counter() - t < 5
        print(f"2,000 places: first map in {first_paint:.1f} s, {clusters} clusters")
    finally:
        ctx.close()


def test_play_steps_the_date_day_by_day(page, app_url):
    open_app(page, app_url + "/?date=2024-12-01")
    step_button(page, "play").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-12-03'", timeout=WAIT)
    step_button(page, "pause").click()
    wait_app_idle(page)
    stopped = slider_value(page)
    page.wait_for_timeout(2500)
    assert slider_value(page) == stopped  # paused
    assert_no_traceback(page)


def test_tooltips_stay_inside_the_map(page, app_url):
    frame = open_app(page, app_url + "/?date=2024-11-30")
    wait_app_idle(page)
    page.wait_for_timeout(500)  # the names and spreading laid out
    # the easternmost and westernmost markers: their tooltips open towards the middle
    for pick in ("max", "min"):
        assert frame.evaluate("(pick) => {" + _JS_LIB + """
            var m = findMap(), ls = featureLayers(), best = null, bx = null;
            ls.forEach(function (l) {
              // (only a marker that nothing covers, e.g. the folded legend, can be hovered)
              if (!l.getElement()) { return; }
              var r = l.getElement().getBoundingClientRect(), cx = r.left + r.width / 2, cy = r.top + r.height / 2;
              if (document.elementFromPoint(cx, cy) !== l.getElement()) { return; }
              var x = m.latLngToContainerPoint(l.getLatLng()).x;
              if (bx === null || (pick === 'max' ? x > bx : x < bx)) { bx = x; best = l; } });
            if (!best) { return false; }
            document.querySelectorAll('[data-pw-target]').forEach(function (e) { e.removeAttribute('data-pw-target'); });
            best.getElement().setAttribute('data-pw-target', '1');
            ls.forEach(function (l) { l.closeTooltip(); });
            return true; }""", pick)
        page.mouse.move(1, 1)
        frame.locator("path.dashboard-marker[data-pw-target]").hover()
        frame.wait_for_function("() => document.querySelectorAll('.leaflet-tooltip').length === 1", timeout=WAIT)
        tip = frame.locator(".leaflet-tooltip")
        box = tip.bounding_box()
        area = frame.locator(".leaflet-container").bounding_box()
        assert box["x"] >= area["x"] - 1 and box["x"] + box["width"] <= area["x"] + area["width"] + 1, (pick, box, area)


# ------------------------------------------------ the markers stay on the page between dates

JS_LAYER = """() => { var r = window.__dashboardLayer;
  return r ? {token: r.token, seq: r.seq, n: r.group.getLayers().length, onMap: window.map.hasLayer(r.group),
              full: window.dashboardFullCount || 0, resync: window.dashboardResyncCount || 0} : null; }"""
JS_SAME_FILLS = "(want) => {" + _JS_LIB + """
    var got = {}; featureLayers().forEach(function (l) { got[l.feature.properties.place] = l.options.fillColor; });
    return JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want).sort()); }"""


def type_actor(page, text: str) -> None:
    """Type into the sidebar's actor filter and press Enter, as a reader would."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_app_idle(page)


def move_date(page, frame, key: str, to: str, ds, actors=None) -> None:
    """A key press on the slider, until the address and the markers show ``to``."""
    slider(page).focus()
    page.keyboard.press(key)
    page.wait_for_function("(d) => new URLSearchParams(location.search).get('date') === d", arg=to, timeout=WAIT)
    wait_app_idle(page)
    frame.wait_for_function(JS_SAME_FILLS, arg=expected_fills(ds, to, actors), timeout=WAIT)


def tooltip_text(page, frame, place: str) -> str:
    assert frame.evaluate(JS_FOCUS, [place, 10]), place
    page.mouse.move(1, 1)
    frame.locator("path.dashboard-marker[data-pw-target]").hover()
    tip = frame.locator(".leaflet-tooltip").filter(has_text=place)
    tip.wait_for(timeout=WAIT)
    return tip.inner_text()


def test_a_date_change_updates_the_markers_in_place(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-11-28")
    before = control.state_at(ds, "2024-11-28", include_unreported=True).set_index("place")
    after = control.state_at(ds, "2024-11-29", include_unreported=True).set_index("place")
    assert before.loc["Aleppo", "controller"] != after.loc["Aleppo", "controller"]  # HTS reached Aleppo
    first = frame.evaluate(JS_LAYER)
    assert first["full"] == 1 and first["n"] == len(ds.places) and first["onMap"]
    assert before.loc["Aleppo", "controller"] in tooltip_text(page, frame, "Aleppo")
    # a place selected across the change: the panel shows the new date's claim, the same marker stays ringed
    frame.evaluate("() => { var m = null; window.__dashboardLayer.group.eachLayer(function (l) {"
                   " if (l.feature.properties.place === 'Aleppo') { m = l; } }); window.__aleppo = m; }")
    panel = click_marker(page, frame, "Aleppo")
    expect(panel_heading(page, "Aleppo")).to_have_text(f"Aleppo: {wording.holder_phrase(before.loc['Aleppo'])}")
    assert panel.locator("blockquote").first.inner_text().strip() == before.loc["Aleppo", "quote"]
    move_date(page, frame, "ArrowRight", "2024-11-29", ds)
    now = frame.evaluate(JS_LAYER)
    assert now["full"] == 1 and now["seq"] > first["seq"] and now["token"] == first["token"], now  # a change, applied
    assert frame.evaluate("() => { var m = null; window.__dashboardLayer.group.eachLayer(function (l) {"
                          " if (l.feature.properties.place === 'Aleppo') { m = l; } }); return m === window.__aleppo; }")
    assert query(page)["place"] == ["Aleppo"]
    # the panel follows the date: "contested between HTS and ...", the new quote and its link
    expect(panel_heading(page, "Aleppo")).to_have_text(f"Aleppo: {wording.holder_phrase(after.loc['Aleppo'])}",
                                                       timeout=WAIT)
    expect(panel.locator("blockquote").first).to_have_text(after.loc["Aleppo", "quote"], timeout=WAIT)
    assert after.loc["Aleppo", "quote"] in main_text(page)
    assert panel_source_link(page).get_attribute("href") == mapview.text_fragment_url(
        after.loc["Aleppo", "source_url"], after.loc["Aleppo", "quote"])
    wait_ringed(frame, "Aleppo")
    assert frame.evaluate("() => window.__aleppo.getElement().classList.contains('dashboard-selected')")
    assert frame.locator(".leaflet-popup").count() == 0
    assert markers(frame) == expected_fills(ds, "2024-11-29")
    # the tooltip shows the new controller, and a click after the change selects the place again, no popup
    tip = tooltip_text(page, frame, "Aleppo")
    assert tip.startswith(f"Aleppo \u2014 {after.loc['Aleppo', 'controller']} (contested)"), tip
    panel = click_marker(page, frame, "Aleppo")
    assert after.loc["Aleppo", "status"] == "contested"
    assert f"Aleppo: {wording.holder_phrase(after.loc['Aleppo'])}" in main_text(page)
    assert panel.locator("blockquote").first.inner_text().strip() == after.loc["Aleppo", "quote"]
    # ages follow the date for places whose claim did not change (Raqqa: SDF since 2017)
    move_date(page, frame, "ArrowRight", "2024-11-30", ds)
    raqqa = control.state_at(ds, "2024-11-30", include_unreported=True).set_index("place").loc["Raqqa"]
    # (the page says it from the words Python says it from: dashboard/map/wording.py, marker-format.json)
    assert f"last reported {raqqa['report_age_days']} days earlier" == wording.age_text(raqqa)
    assert wording.age_text(raqqa) in tooltip_text(page, frame, "Raqqa")
    assert frame.evaluate(JS_LAYER)["full"] == 1
    assert page.page_errors == []


def test_a_filter_change_replaces_the_whole_layer(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-05")
    first = frame.evaluate(JS_LAYER)
    assert first["n"] == len(ds.places)
    type_actor(page, "HTS")
    want = expected_fills(ds, "2024-12-05", ["HTS"])
    frame.wait_for_function(JS_SAME_FILLS, arg=want, timeout=WAIT)
    now = frame.evaluate(JS_LAYER)
    assert now["full"] == 2 and now["token"] != first["token"] and now["n"] == len(want) < len(ds.places), now
    assert markers(frame) == want
    # and the filtered layer then changes by parts again
    target = "2024-12-04"
    move_date(page, frame, "ArrowLeft", target, ds, ["HTS"])
    assert frame.evaluate(JS_LAYER)["full"] == 2
    assert markers(frame) == expected_fills(ds, target, ["HTS"])


def test_a_reloaded_or_emptied_page_draws_every_marker(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-02")
    move_date(page, frame, "ArrowRight", "2024-12-03", ds)
    page.reload()
    frame = map_frame(page)
    wait_app_idle(page)
    assert markers(frame) == expected_fills(ds, "2024-12-03")
    assert frame.evaluate(JS_LAYER)["n"] == len(ds.places)
    # a page that lost its layer (as when a page switch mounts the map anew) asks for the whole layer
    frame.evaluate("() => { window.map.removeLayer(window.__dashboardLayer.group); window.__dashboardLayer = null; }")
    assert frame.evaluate(JS_MARKERS) == {}
    move_date(page, frame, "ArrowRight", "2024-12-04", ds)
    now = frame.evaluate(JS_LAYER)
    assert now["resync"] == 1 and now["n"] == len(ds.places), now
    assert markers(frame) == expected_fills(ds, "2024-12-04")
    move_date(page, frame, "ArrowRight", "2024-12-05", ds)  # and changes apply again after it
    assert frame.evaluate(JS_LAYER)["resync"] == 1
    assert page.page_errors == []


def test_hostile_names_in_changes_stay_text(page, streamlit_server, hostile_data, hostile_ds):
    server = streamlit_server(hostile_data.env())
    actor = hostile.REB
    # a filter on the rebels: no place on 29 November, then a place of theirs comes with its name in a change
    frame = None
    page.goto(f"{server.url}/?date=2024-11-29&actor={quote(actor, safe='')}")
    page.locator(MAP_IFRAME).wait_for(state="attached", timeout=WAIT)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    frame.wait_for_function("() => !!window.__dashboardLayer", timeout=WAIT)
    wait_app_idle(page)
    assert frame.evaluate(JS_LAYER)["n"] == len(expected_fills(hostile_ds, "2024-11-29", [actor]))
    move_date(page, frame, "ArrowRight", "2024-11-30", hostile_ds, [actor])
    assert frame.evaluate(JS_LAYER)["full"] == 1
    added = set(expected_fills(hostile_ds, "2024-11-30", [actor])) - set(expected_fills(hostile_ds, "2024-11-29", [actor]))
    assert hostile.P_SCRIPT in added
    assert hostile.P_SCRIPT in tooltip_text(page, frame, hostile.P_SCRIPT)
    row = control.state_at(hostile_ds, "2024-11-30", actors=[actor]).set_index("place").loc[hostile.P_SCRIPT]
    click_marker(page, frame, hostile.P_SCRIPT)  # selected: its name, literally, in the panel and the URL
    assert query(page)["place"] == [hostile.P_SCRIPT]
    expect(panel_heading(page, hostile.P_SCRIPT)).to_have_text(f"{hostile.P_SCRIPT}: {wording.holder_phrase(row)}")
    assert_safe(page, frame)
    # without the filter, changes of hostile places from day to day
    frame = open_app(page, f"{server.url}/?date=2024-11-30")
    for day in ("2024-12-01", "2024-12-02", "2024-12-03"):
        move_date(page, frame, "ArrowRight", day, hostile_ds)
    assert frame.evaluate(JS_LAYER)["full"] == 1
    state = control.state_at(hostile_ds, "2024-12-03", include_unreported=True).set_index("place")
    for place in (hostile.P_IMG, hostile.P_TEMPLATE, hostile.P_MD):
        assert place in tooltip_text(page, frame, place)
        panel = click_marker(page, frame, place)
        assert query(page)["place"] == [place]
        if state.loc[place, "status"] != "unreported":
            expect(panel_heading(page, place)).to_have_text(f"{place}: {wording.holder_phrase(state.loc[place])}")
            assert panel.locator("blockquote").first.inner_text().strip() == state.loc[place, "quote"].strip()
        else:
            assert f"No report about {place}" in panel.text_content()
        assert_safe(page, frame)
    assert_no_traceback(page)
    assert page.page_errors == []


def test_typing_an_actor_and_enter_selects_that_actor_only(page, app_url, ds):
    # "SNA" also matches the Syrian Free Army and the Southern Operations Room (letter by letter): Enter takes
    # the first match, never "select all matches"
    open_app(page, app_url + "/?date=2024-12-05")
    type_actor(page, "SNA")
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag]')
    expect(chips).to_have_count(1, timeout=WAIT)
    expect(chips).to_have_text(["SNA"], timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]actor=SNA(&|$)"), timeout=WAIT)


JS_AREAS = """() => { var a = window.__dashboardAreas || {}, out = {};
  Object.keys(a).forEach(function (n) { var o = a[n].options;
    out[n] = [o.fill ? String(o.fillColor).toLowerCase() : '', o.fill ? o.fillOpacity : 0]; });
  return out; }"""


def test_shaded_land_follows_the_holders_offline(page, app_url, ds):
    from dashboard.map import territory

    frame = open_app(page, app_url + "/?date=2024-12-04")
    want = {f["properties"]["n"] for f in territory.areas_for(ds)["features"] if not f["properties"].get("g")}
    outlined = {f["properties"]["n"] for f in territory.areas_for(ds)["features"] if f["properties"].get("g")}
    areas = frame.evaluate(JS_AREAS)
    assert set(areas) == want and len(want) > 50  # drawn from the page's own script, no network
    # in the pane under the markers, never in the way of a tap
    assert frame.evaluate("() => { var p = window.map.getPane('dashboard-territory');"
                          " return p && getComputedStyle(p).pointerEvents === 'none' && p.querySelectorAll('path').length; }") == len(want)

    def check(day):
        state = colours.with_colours(control.state_at(ds, day, include_unreported=True), ds.actors).set_index("place")
        got = frame.evaluate(JS_AREAS)
        for name in want:
            row = state.loc[name]
            colour, opacity = got[name]
            if row["status"] == "unreported":
                assert opacity == 0, (day, name)
                continue
            if row["status"] == "controlled" and row["basis"] == "" and not row["stale"] and not row["overtaken"]:
                assert (colour, opacity) == (str(row["colour"]).lower(), 0.4), (day, name, got[name])
            else:
                assert 0 < opacity < 0.4, (day, name, got[name])

        # a governorate named as a whole: its outline in its holder's colour, empty while no report names it
        got = frame.evaluate(JS_AREAS.replace("__dashboardAreas", "__dashboardOutlines"))
        assert set(got) == outlined and {"Daraa Governorate", "Idlib", "Hama Governorate"} <= outlined
        for name in outlined:
            row = state.loc[name]
            colour, opacity = got[name]
            if row["status"] == "unreported":
                assert opacity == 0, (day, name)
            else:  # (a contested one is filled as its marker is, in the colour of who held it)
                assert 0 < opacity <= 0.2 and (row["status"] == "contested" or colour == str(row["colour"]).lower()), \
                    (day, name, got[name])

    check("2024-12-04")
    # a day later Hama is the rebels': its land follows the marker, sent as a change like the markers
    move_date(page, frame, "ArrowRight", "2024-12-05", ds)
    check("2024-12-05")
    hama = colours.with_colours(control.state_at(ds, "2024-12-05"), ds.actors).set_index("place").loc["Hama"]
    assert frame.evaluate(JS_AREAS)["Hama"][0] == str(hama["colour"]).lower()
    # by 8 Dec reports name Daraa governorate as the rebels' as a whole: its outline takes their colour
    move_date(page, frame, "ArrowRight", "2024-12-06", ds)
    move_date(page, frame, "ArrowRight", "2024-12-07", ds)
    move_date(page, frame, "ArrowRight", "2024-12-08", ds)
    check("2024-12-08")
    daraa = colours.with_colours(control.state_at(ds, "2024-12-08"), ds.actors).set_index("place").loc["Daraa Governorate"]
    assert daraa["controller"] == "Rebels"
    assert frame.evaluate(JS_AREAS.replace("__dashboardAreas", "__dashboardOutlines"))["Daraa Governorate"][0] == \
        str(daraa["colour"]).lower()
    assert page.page_errors == []


def test_clearing_the_place_box_takes_the_ring_off(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-08&place=Hama")
    assert_selected(page, frame, "Hama")
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    box.click()
    page.get_by_role("option", name="— click a marker or type a name —").click()
    wait_app_idle(page)
    expect(frame.locator(".dashboard-selected")).to_have_count(0, timeout=WAIT)
    expect(page).not_to_have_url(re.compile(r"[?&]place="), timeout=WAIT)


@pytest.mark.parametrize("size", [(390, 844), (1400, 900)], ids=["phone", "laptop"])
def test_a_tap_at_the_opening_zoom_selects_the_place_under_it(browser, app_url, ds, size):
    # on 8 Dec, at the zoom the map opens at: a tap on each of the main cities selects that city
    phone = size[0] < 500
    with sized_app(browser, app_url + "/?date=2024-12-08", size) as (page, frame):
        for place in ("Aleppo", "Hama", "Homs", "Damascus", "Idlib"):
            pt = frame.evaluate("(name) => {" + _JS_LIB + """
                var m = findMap(), t = featureLayers().filter(function (l) { return l.feature.properties.place === name; })[0];
                var p = m.latLngToContainerPoint(t.getLatLng()); return {x: p.x, y: p.y}; }""", place)
            box = page.locator(MAP_IFRAME).bounding_box()
            if phone:
                page.touchscreen.tap(box["x"] + pt["x"], box["y"] + pt["y"])
            else:
                page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])
            wait_selected(page, place)
            expect(frame.locator(".leaflet-popup")).to_have_count(0)


def test_on_a_laptop_the_map_takes_most_of_the_width_and_its_steps_fit_the_first_screen(browser, app_url, ds):
    with sized_app(browser, app_url + "/?date=2024-12-08", (1400, 900)) as (page, frame):
        box = page.locator(MAP_IFRAME).bounding_box()
        main = page.locator('[data-testid="stMain"]').bounding_box()
        assert box["width"] >= 0.6 * main["width"] and box["width"] >= 650, (box, main)  # (was 545 px of 1,100)
        step = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').filter(has_text="play")
        sb = step.bounding_box()
        assert sb is not None and sb["y"] + sb["height"] <= 900, sb
        # and Syria fills most of the map's width there too
        share = syria_share(frame)
        assert share >= 0.6, share
