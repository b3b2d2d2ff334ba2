"""Shaded land and governorate outlines follow the holders, drawn offline under the markers."""

from __future__ import annotations

import pytest

from dashboard.core import control
from dashboard.map import colours

from browser.helpers import (move_date, open_app)

pytestmark = pytest.mark.browser


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

