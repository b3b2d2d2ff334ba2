"""Shared links: the address bar restores the date, filter, place, zoom and centre; a bad or odd
address warns or falls back, never crashes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import mapview, wording

from browser.helpers import (MAP_IFRAME, WAIT, assert_no_traceback, assert_selected, expected_fills, last_day,
                             main_text, markers, open_app, panel_heading, panel_source_link, place_box,
                             place_panel, query, sized_app, slider, slider_value)

pytestmark = pytest.mark.browser


def test_zoom_and_centre_in_the_url(page, app_url):
    frame = open_app(page, app_url + "/?date=2024-11-30&zoom=9&center=36.2,37.16")
    view = frame.evaluate("() => { var m = window.map, c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }")
    assert view[0] == 9 and abs(view[1] - 36.2) < 0.01 and abs(view[2] - 37.16) < 0.01
    frame.evaluate("() => { window.map.setZoom(10, {animate: false}); }")
    # the map's first moves are its own fit, not the reader's: the address takes the view once the map counts
    # moves as the reader's; until then the test moves again (Leaflet's moveend) rather than waiting a set time
    frame.wait_for_function("() => { if (new URLSearchParams(window.parent.location.search).get('zoom') === '10') {"
                            " return true; } window.map.fire('moveend'); return false; }", polling=200, timeout=WAIT)
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '10'", timeout=WAIT)
    assert query(page)["center"][0].startswith("36.")
    # a date change rewrites the address; the view stays in it
    slider(page).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-12-01'", timeout=WAIT)
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '10'", timeout=WAIT)


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

