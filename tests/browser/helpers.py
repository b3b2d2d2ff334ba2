"""What the browser tests share: the map frame and its readiness, the JavaScript run in it,
markers and their expected fills, the step buttons, the slider, the place box and panel,
selection and safety checks, exported maps, and the bundled data's files.

The map lives in the ``streamlit_folium.st_folium`` iframe (``MAP_IFRAME``); the markers are
Leaflet layers there (``window.map``) drawn as SVG ``path.dashboard-marker`` elements (modelled on
streamlit-folium's tests/test_frontend.py). Fixtures are in conftest.py here and in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import colours
from dashboard.ui import views

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from conftest import new_context  # noqa: E402


MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


WAIT = 45_000  # ms, for conditions that need a script rerun


SCREENSHOT = REPO / "docs" / "screenshot.png"


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


def wait_app_idle(page, timeout: int = WAIT) -> None:
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.dataset.testScriptState === 'notRunning' && a.dataset.testConnectionState === 'CONNECTED'; }",
        timeout=timeout)


JS_LAYOUT_STABLE = """() => {
  // the map has taken its container's size (Leaflet lays the names out again on each resize), the fonts
  // are in, and the names, leaders and counts stand where they stood at the last poll
  var m = window.map; if (!m || document.fonts.status !== 'loaded') { return false; }
  var c = m.getContainer(), s = m.getSize();
  if (s.x !== c.clientWidth || s.y !== c.clientHeight) { window.__pwLayout = null; return false; }
  var parts = [m.getZoom(), m.getCenter().lat, m.getCenter().lng, s.x, s.y];
  document.querySelectorAll('.dashboard-label, .dashboard-count, path.dashboard-leader, path.dashboard-marker').forEach(
    function (e) { var r = e.getBoundingClientRect(); parts.push(e.style.display, r.left, r.top, r.width, r.height); });
  var now = JSON.stringify(parts), same = now === window.__pwLayout;
  window.__pwLayout = now;
  return same;
}"""


# Spies for checking that something did NOT happen without waiting a set time: the test installs
# Playwright's clock (page.clock.install(), before the page loads), sets a spy, runs the page's timers
# forward with page.clock.run_for(ms) (every timer due in that span fires, at once), then reads the spy.
JS_SPY_SENDS = """() => { window.__pwSends = 0;
  if (!window.__pwSendSpy) { var send = WebSocket.prototype.send; window.__pwSendSpy = true;
    WebSocket.prototype.send = function () { window.__pwSends += 1; return send.apply(this, arguments); }; } }"""
# A component (the map) sends its value to the page with window.parent.postMessage; the spy listens
# (it must not wrap postMessage: Streamlit knows the sender by the message's source window).
JS_SPY_COMPONENT_VALUES = """() => { window.__pwValues = 0; window.__pwFlushed = 0;
  if (!window.__pwPostSpy) { window.__pwPostSpy = true;
    window.addEventListener('message', function (e) { var d = e.data || {};
      if (d.type === 'streamlit:setComponentValue') { window.__pwValues += 1; }
      if (d.pwFlush) { window.__pwFlushed = d.pwFlush; } }, true); } }"""


def component_values_sent(page, frame) -> int:
    """How many values the map has sent the page since JS_SPY_COMPONENT_VALUES, counted once every
    message it posted before now has arrived (messages from one window arrive in order: a marker
    message posted now arrives after them)."""
    n = frame.evaluate("() => { window.__pwFlushN = (window.__pwFlushN || 0) + 1;"
                       " window.parent.postMessage({pwFlush: window.__pwFlushN}, '*'); return window.__pwFlushN; }")
    page.wait_for_function("(n) => window.__pwFlushed === n", arg=n, timeout=WAIT)
    return page.evaluate("() => window.__pwValues")


def wait_laid_out(page, frame, timeout: int = WAIT) -> None:
    """The script has finished and the map's names and spreading have settled: the same layout at
    two polls in a row, once Leaflet has the map's final size (instead of a fixed wait)."""
    wait_app_idle(page, timeout)
    frame.evaluate("() => { window.__pwLayout = null; }")
    frame.wait_for_function(JS_LAYOUT_STABLE, polling=100, timeout=timeout)


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


def last_day(ds) -> str:
    return views.date_range(ds)[1].isoformat()


def bundled_files() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bundled claims and places as plain tables, read apart from load_dataset."""
    read = lambda path: pd.read_csv(path, dtype=str, keep_default_na=False)  # noqa: E731
    return read(REPO / "events.csv"), read(REPO / "geodata" / "places.csv")


def actor_colour(ds, name: str) -> str:
    """An actor's colour, from the bundled actors table."""
    return ds.actors.set_index("name").loc[name, "colour"]


def syria_share(frame) -> float:
    """The share of the map's width that Syria's outline spans."""
    return frame.evaluate("() => {" + _JS_LIB + """
        var m = findMap(), w = m.getSize().x, xs = [];
        m.eachLayer(function (l) { if (l.feature && l.feature.properties && l.feature.properties.name === 'Syria'
                                       && l.feature.properties.layer === 'country') {
            l.getLatLngs().flat(3).forEach(function (ll) { xs.push(m.latLngToContainerPoint(ll).x); }); } });
        return (Math.min(w, Math.max.apply(null, xs)) - Math.max(0, Math.min.apply(null, xs))) / w; }""")


@contextlib.contextmanager
def sized_app(browser, url: str, size):
    """The app at ``url`` in a window of ``size`` (a phone below 500 px: touch), markers drawn and laid out."""
    phone = size[0] < 500
    ctx = new_context(browser, viewport={"width": size[0], "height": size[1]}, has_touch=phone, is_mobile=phone)
    try:
        page = ctx.new_page()
        frame = open_app(page, url)
        frame.wait_for_function("() => document.querySelectorAll('path.dashboard-marker').length > 0", timeout=WAIT)
        wait_laid_out(page, frame)  # the names and spreading laid out
        yield page, frame
    finally:
        ctx.close()


JS_OFFSETS_KM = """() => { var out = {}; var m = window.map;
  var r = window.__dashboardLayer; if (!r) { return out; }
  Object.keys(r.byId).forEach(function (id) { var k = r.byId[id];
    out[k.feature.properties.place] = m.distance(k.getLatLng(), k.dashboardHome) / 1000; });
  return out; }"""


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

