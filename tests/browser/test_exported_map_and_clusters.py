"""The exported standalone map (a popup with the quote and its link) and many places clustered, in an
export and in the app, with the slider still working."""

from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.core import control
from dashboard.map import mapview

from browser.helpers import (JS_LEAFLET_READY, MAP_IFRAME, REPO, WAIT, _open_file, click_marker_in_export,
                             export_map, new_context, slider, slider_value, wait_app_idle, wait_selected)

pytestmark = pytest.mark.browser


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
        frame.evaluate("""() => { var m = window.map, t = null;
          window.__dashboardLayer.group.getLayers().forEach(function (l) {
            if (!t && l.feature.properties.status === 'controlled') { t = l; } });
          m.setView(t.getLatLng(), 13, {animate: false}); }""")
        # the clusters re-made for the new zoom: some marker in view is out of its cluster, on the map itself
        # (which one depends on its neighbours: a place with another within the cluster radius stays grouped)
        shown_js = """() => window.__dashboardLayer.group.getLayers().filter(function (l) {
          return l.feature.properties.status === 'controlled' && window.map.hasLayer(l)
            && window.map.getBounds().pad(-0.1).contains(l.getLatLng()); })"""
        frame.wait_for_function(f"() => ({shown_js})().length > 0", timeout=WAIT)
        target = frame.evaluate(f"""() => {{ var t = ({shown_js})()[0];
          var pt = window.map.latLngToContainerPoint(t.getLatLng());
          return {{place: t.feature.properties.place, x: pt.x, y: pt.y}}; }}""")
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

