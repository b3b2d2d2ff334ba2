"""streamlit-folium's frontend, which the map reaches only through the adapter at the top of
static/dashboard-map.js (DS.host): on the versions pinned it reports nothing; when an upgrade drops
or renames a global it needs, it says so in one console error naming the library and what changed,
and the markers still draw.

Two stand-ins for such an upgrade: the app with streamlit-folium's frontend bundle rewritten on its
way to the browser (its ``__GLOBAL_DATA__`` renamed), and a small page made here that draws the
app's marker layer with Leaflet and dashboard-map.js but no streamlit-folium at all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.core.dates import to_day
from dashboard.map import mapview

from browser.helpers import JS_LEAFLET_READY, WAIT, expected_fills, markers, move_date, open_app

pytestmark = pytest.mark.browser

PREFIX = "dashboard-map: streamlit-folium's frontend is not what this page was written for"
WRITTEN_FOR = re.search(r"var STREAMLIT_FOLIUM = '([^']+)'",
                        (mapview.STATIC / "dashboard-map.js").read_text(encoding="utf-8")).group(1)


def _console_errors(page) -> list[str]:
    """The console errors of the page and its frames (the map's iframe among them), as they come."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def _adapter_errors(errors: list[str]) -> list[str]:
    return [e for e in errors if e.startswith("dashboard-map:")]


def test_the_adapter_reports_nothing_on_the_pinned_streamlit_folium(page, app_url, ds):
    errors = _console_errors(page)
    frame = open_app(page, app_url + "/?date=2024-11-28")
    assert frame.evaluate("() => window.dashboardSymbols.host.problems()") == []
    assert frame.evaluate("() => window.dashboardSymbols.host.map() === window.map")
    # a date change goes through the adapter too (the layers streamlit-folium keeps are let go)
    move_date(page, frame, "ArrowRight", "2024-11-29", ds)
    assert frame.evaluate("() => window.feature_group.length") == 1
    assert _adapter_errors(errors) == []
    assert errors == [], errors  # and no other console error either
    assert page.page_errors == []


def _rename_in_streamlit_folium_bundle(context, old: str, new: str) -> list[str]:
    """streamlit-folium's frontend bundle served with ``old`` renamed ``new`` (as an upgrade that renamed
    it would be); returns the bundles rewritten."""
    rewritten = []

    def handle(route):
        response = route.fetch()
        body = response.text()
        if old in body:
            rewritten.append(route.request.url)
        route.fulfill(response=response, body=body.replace(old, new))

    context.route(re.compile(r".*/component/streamlit_folium\.st_folium/.*\.js$"), handle)
    return rewritten


def test_a_renamed_global_data_is_said_once_and_the_map_still_draws(page, context, app_url, ds):
    rewritten = _rename_in_streamlit_folium_bundle(context, "__GLOBAL_DATA__", "__STREAMLIT_FOLIUM_STATE__")
    errors = _console_errors(page)
    frame = open_app(page, app_url + "/?date=2024-11-28")
    assert rewritten, "streamlit-folium's frontend bundle was not served through the route"
    assert frame.evaluate("() => typeof window.__GLOBAL_DATA__") == "undefined"
    # one error, naming the library, the global and what it costs
    said = _adapter_errors(errors)
    assert len(said) == 1, errors
    assert said[0].startswith(f"{PREFIX} ({WRITTEN_FOR}; an upgrade changed it?): window.__GLOBAL_DATA__ is missing"), \
        said[0]
    assert "may not be reported" in said[0]
    # the rest of streamlit-folium's frontend is there: no other problem named
    assert "window.map" not in said[0] and "Streamlit" not in said[0].split(":", 2)[2]
    # the map still draws: every place's marker, in the holder's colour
    assert markers(frame) == expected_fills(ds, "2024-11-28")
    # and a date change still updates it (the error is not said again)
    move_date(page, frame, "ArrowRight", "2024-11-29", ds)
    assert markers(frame) == expected_fills(ds, "2024-11-29")
    assert len(_adapter_errors(errors)) == 1
    assert page.page_errors == []


def test_without_streamlit_folium_the_map_says_so_and_draws(context, ds, tmp_path):
    # the app's marker layer (a sync record: "I am in the app") on a page with Leaflet and dashboard-map.js
    # but none of streamlit-folium's globals
    date = "2024-11-28"
    state = control.state_at(ds, date, include_unreported=True)
    m = mapview.base_map(ds, asset_base="", tiles="none", inline_geography=True)
    layer, _record, kind = mapview.marker_update(state, ds.actors, mapview.place_ids(ds), to_day(date), "token")
    assert kind == "full"
    layer.add_to(m)
    path = tmp_path / "no-streamlit-folium.html"
    path.write_text(mapview._inline_assets(m.get_root().render()), encoding="utf-8")
    page = context.new_page()
    errors = _console_errors(page)
    page_errors = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.dashboardDrawCount > 0", timeout=WAIT)
    page.main_frame.wait_for_function(JS_LEAFLET_READY, timeout=WAIT)
    said = _adapter_errors(errors)
    assert len(said) == 1, errors
    for what in ("window.map is missing", "window.__GLOBAL_DATA__ is missing",
                 "window.Streamlit.setComponentValue is missing"):
        assert what in said[0], said[0]
    # the markers still draw, into the feature group the layer came in
    fills = page.evaluate("""() => { var out = {}; window.__dashboardLayer.group.eachLayer(function (l) {
        out[l.feature.properties.place] = l.options.fillColor; }); return out; }""")
    assert fills == expected_fills(ds, date)
    expect(page.locator("path.dashboard-marker")).to_have_count(len(fills))
    assert page_errors == []
    page.close()
