"""The legend and the counts: every symbol drawn is one the legend shows; places too close to spread
are grouped behind a count that opens on a tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.core import control

from browser.helpers import (JS_OFFSETS_KM, MAP_IFRAME, WAIT, open_app, sized_app, wait_selected)

pytestmark = pytest.mark.browser


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
    assert (state["status"] == "contested").any() and (state["pending_status"] != "").any() and state["stale"].any()
    # that day some holders only a party claims, claims beside a holder, and places no longer current
    assert ((state["basis"] == "claimed") & (state["pending_status"] == "") & (state["side_kind"] == "")).any()
    assert ((state["side_kind"] != "") & (state["status"] != "contested")).any()
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

