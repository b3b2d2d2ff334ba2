"""The markers stay on the page between dates: a date change is sent as a change to the layer, a filter
change replaces it, a reloaded or emptied page draws it whole; panning sends nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import mapview, wording

from browser.helpers import (JS_LAYER, JS_MARKERS, JS_SAME_FILLS, JS_SPY_COMPONENT_VALUES, WAIT, click_marker,
                             component_values_sent, expected_fills, main_text, map_frame, markers, move_date,
                             open_app, panel_heading, panel_source_link, query, slider, tooltip_text,
                             type_actor, wait_app_idle, wait_ringed)

pytestmark = pytest.mark.browser


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
    # faded: the tooltip says why in the panel's words (views.since_markdown)
    assert raqqa["stale"] and f"(older than {control.STALE_DAYS} days: drawn faded)" in tooltip_text(page, frame, "Raqqa")
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


def test_typing_an_actor_and_enter_selects_that_actor_only(page, app_url, ds):
    # "SNA" also matches the Syrian Free Army and the Southern Operations Room (letter by letter): Enter takes
    # the first match, never "select all matches"
    open_app(page, app_url + "/?date=2024-12-05")
    type_actor(page, "SNA")
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag]')
    expect(chips).to_have_count(1, timeout=WAIT)
    expect(chips).to_have_text(["SNA"], timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]actor=SNA(&|$)"), timeout=WAIT)


def _count_sent_frames(page) -> list:
    """Data frames the page sends over Streamlit's websocket (reruns, widget values)."""
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def test_pan_and_zoom_do_not_rerun_the_script(page, app_url):
    page.clock.install()  # the page's timers run on as usual, and at once when the test runs them forward
    sent = _count_sent_frames(page)
    frame = open_app(page, app_url + "/")
    page.clock.run_for(1500)  # let the map report its initial view
    wait_app_idle(page)
    page.evaluate(JS_SPY_COMPONENT_VALUES)
    before = len(sent)
    frame.evaluate("() => { window.map.setZoom(window.map.getZoom() + 2, {animate: false}); }")
    frame.evaluate("() => { window.map.panBy([120, 80], {animate: false}); }")
    page.mouse.move(700, 500)
    page.mouse.wheel(0, -300)
    page.clock.run_for(2500)  # past streamlit-folium's 250 ms debounce: what it would send, it has sent
    assert component_values_sent(page, frame) == 0, "panning or zooming gave the map a new value (a rerun)"
    wait_app_idle(page)
    assert len(sent) == before, "panning or zooming sent a message to the server (a rerun)"
    # the same channel does carry a slider move, so the check above can fail
    day = query(page)["date"][0]
    slider(page).focus()
    page.keyboard.press("ArrowLeft")
    # the rerun it asked for has written the new day into the address: its message went out before
    page.wait_for_function("(d) => new URLSearchParams(location.search).get('date') !== d", arg=day, timeout=WAIT)
    assert len(sent) > before, "a slider move should reach the server"
    # and the spy does see the map's value when it changes: a click on a marker (so the first check can fail)
    click_marker(page, frame, "Aleppo")
    assert component_values_sent(page, frame) >= 1

