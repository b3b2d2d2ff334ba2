"""Hostile strings (tests/hostile.py) in the app, a shared link, the changes sent between dates, the
exported map and the cluster icons stay text; bad data names its file and line."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import mapview, wording
from dashboard.ui import views

import hostile
from browser.helpers import (JS_LAYER, JS_LEAFLET_READY, JS_SAFETY, MAP_IFRAME, REPO, WAIT, _JS_LIB,
                             _open_file, assert_no_traceback, assert_safe, assert_selected, click_marker,
                             click_marker_in_export, expected_fills, main_text, markers, move_date,
                             new_context, open_app, panel_heading, panel_source_link, place_box, query,
                             slider_value, tooltip_text, wait_app_idle)

pytestmark = pytest.mark.browser


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

