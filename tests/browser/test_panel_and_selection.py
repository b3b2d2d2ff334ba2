"""Selecting a place: a click or tap selects it (panel, address, ring; no popup), clearing the box
takes the ring off; the README's screenshot."""

from __future__ import annotations

import os
import re
import struct

import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import mapview, wording

from browser.helpers import (MAP_IFRAME, SCREENSHOT, WAIT, _JS_LIB, assert_no_traceback, assert_selected,
                             click_marker, main_text, open_app, panel_heading, panel_source_link, query,
                             sized_app, wait_app_idle, wait_ringed, wait_selected)

pytestmark = pytest.mark.browser


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
    assert wording.side_note_text(row)
    note = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').filter(has_text=wording.side_note_text(row))
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


def test_clearing_the_place_box_takes_the_ring_off(page, app_url, ds):
    frame = open_app(page, app_url + "/?date=2024-12-08&place=Hama")
    assert_selected(page, frame, "Hama")
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    box.click()
    page.get_by_role("option", name="— click a marker or type a name —").click()
    wait_app_idle(page)
    expect(frame.locator(".dashboard-selected")).to_have_count(0, timeout=WAIT)
    expect(page).not_to_have_url(re.compile(r"[?&]place="), timeout=WAIT)


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

