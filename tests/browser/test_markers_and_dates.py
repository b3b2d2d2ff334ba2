"""Markers and their colours across dates: drawn offline from the app's own server, following the date
(slider keys, the change and play buttons) without reloading the map."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.core import control

from browser.helpers import (JS_SPY_SENDS, MAP_IFRAME, WAIT, _JS_LIB, actor_colour, assert_no_traceback,
                             bundled_files, expected_fills, last_day, markers, move_date, open_app, query,
                             slider, slider_value, step_button, wait_app_idle)

pytestmark = pytest.mark.browser


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


def test_tiles_when_asked_for_are_tried_and_the_map_still_draws(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-11-30&tiles=on")
    if not any(urlsplit(u).hostname == "tile.openstreetmap.org" for u in page.context.blocked):
        page.context.wait_for_event("requestfailed", lambda req: urlsplit(req.url).hostname == "tile.openstreetmap.org",
                                    timeout=15_000)
    assert any(urlsplit(u).hostname == "tile.openstreetmap.org" for u in page.context.blocked), page.context.blocked
    assert frame.locator("path.dashboard-marker").count() == len(expected_fills(ds, "2024-11-30"))
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-dashboard-geography-pane path').length > 20",
                            timeout=WAIT)


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


def test_the_date_on_the_map_follows_the_date(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-04")
    expect(frame.locator(".dashboard-date")).to_have_text("4 Dec 2024", timeout=WAIT)
    move_date(page, frame, "ArrowRight", "2024-12-05", ds)
    expect(frame.locator(".dashboard-date")).to_have_text("5 Dec 2024", timeout=WAIT)


def test_play_steps_the_date_day_by_day(page, app_url):
    page.clock.install()  # the page's timers run on as usual, and at once when the test runs them forward
    open_app(page, app_url + "/?date=2024-12-01")
    step_button(page, "play").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-12-03'", timeout=WAIT)
    # while it plays, each step is a timer in the page asking the server for a rerun (the spy sees it)
    page.evaluate(JS_SPY_SENDS)
    page.clock.run_for(1100)
    assert page.evaluate("() => window.__pwSends") >= 1, "play's step timer sent nothing: the check below could not fail"
    step_button(page, "pause").click()
    wait_app_idle(page)
    stopped, address = slider_value(page), page.evaluate("() => location.search")
    # paused: more than two steps' time passes in the page, and the date stays where it stopped (the
    # page may still talk to the server, e.g. the map reporting its view: what counts is that no step lands)
    page.clock.run_for(2500)
    wait_app_idle(page)
    assert slider_value(page) == stopped  # paused
    assert page.evaluate("() => location.search") == address
    assert_no_traceback(page)


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
    # the list redrawn for the new date (its title says so) is open
    moved = page.locator('[data-testid="stExpander"] details').filter(has_text="What changed in the 7 days to 5 Dec 2024")
    expect(moved.first).to_have_js_property("open", True, timeout=WAIT)
    assert page.locator('[data-testid="stExpander"] details').first.evaluate("e => e.open")
    assert_no_traceback(page)

