"""The marker layer's format is described once (dashboard/static/marker-format.json), and the Python writer
(dashboard/map/mapview.py) and the page's reader (dashboard/static/dashboard-map.js) both follow it."""

from __future__ import annotations

import json
import re

from dashboard.core import control
from dashboard.map import mapview
from dashboard.core.data import load_dataset
from dashboard.core.dates import to_day
from dashboard.map import wording

FORMAT = json.loads((mapview.STATIC / "marker-format.json").read_text(encoding="utf-8"))
JS = (mapview.STATIC / "dashboard-map.js").read_text(encoding="utf-8")


def used(pattern: str) -> set[str]:
    return set(re.findall(pattern, JS))


def test_the_page_reads_exactly_the_named_fields():
    assert used(r"\bcols\.(\w+)") == set(FORMAT["columns"])
    assert used(r"\bF\.(\w+)") == set(FORMAT["flags"])
    assert used(r"\bopts\.(\w+)") == set(FORMAT["opts"])
    assert used(r"\bsync\.(\w+)") == set(FORMAT["sync"])
    assert used(r"\bW\.(\w+)") == set(FORMAT["words"]) - {"about"}
    assert re.search(r"DS\.MARKER_FORMAT_VERSION = (\d+);", JS).group(1) == str(FORMAT["version"])
    # no column, option or sync field read by position any more
    assert not re.search(r"\b(?:cols|opts|sync)\[\d+\]", JS)


def test_the_writer_sends_the_named_fields():
    ds = load_dataset()
    state = control.state_at(ds, "2024-12-08", include_unreported=True)
    fg, rec, kind = mapview.marker_update(state, ds.actors, mapview.place_ids(ds), to_day("2024-12-08"), "t", detail=True)
    code = list(fg._children.values())[0].code
    call = code[code.index("window.dashboardDrawMarkers(parent, ") + len("window.dashboardDrawMarkers(parent, "):]
    cols, controllers, opts, cluster, sync, fmt = json.loads("[" + call.rstrip().rstrip(";").rstrip(")") + "]")
    assert list(cols) == list(FORMAT["columns"]) and list(opts) == list(FORMAT["opts"])
    assert list(sync) == list(FORMAT["sync"])
    assert fmt == {"version": FORMAT["version"], "flags": FORMAT["flags"], "words": FORMAT["words"]}
    assert len(cols["names"]) == len(cols["flags"]) == len(cols["status"]) == len(state)
    # each flag bit as named: a place pending on this day has the pending bit, one with a claim beside it the beside bit
    flags = dict(zip(cols["names"], cols["flags"]))
    by = state.set_index("place")
    for place, f in flags.items():
        assert bool(f & FORMAT["flags"]["pending"]) == (by.loc[place, "pending_status"] != ""), place
        assert bool(f & FORMAT["flags"]["beside"]) == (by.loc[place, "side_kind"] != ""), place
        assert bool(f & FORMAT["flags"]["claimed"]) == (by.loc[place, "basis"] == "claimed"), place


def test_the_age_of_a_claim_is_said_from_one_set_of_words():
    # the page has no sentence of its own for it (it reads W, sent with a whole layer from the file) ...
    words = {k: v for k, v in FORMAT["words"].items() if k != "about"}
    for text in words.values():
        fixed = max(text.replace("{days}", "\0").replace("{n}", "\0").split("\0"), key=len).strip()
        assert len(fixed) < 12 or fixed not in JS, fixed
    assert "last reported" not in JS and "known from a" not in JS
    # ... and Python says it from the same words
    row = {"status": "controlled", "basis": ""}
    assert wording.age_text(row | {"report_age_days": 0}) == words["today"]
    assert wording.age_text(row | {"report_age_days": 1}) == words["earlier"].replace("{days}", words["day"].replace("{n}", "1"))
    assert wording.age_text(row | {"report_age_days": 9}) == "last reported 9 days earlier"
    assert wording.age_text(row | {"basis": "previous holder", "report_age_days": -3}) == \
        "known from a report of a change 3 days later"
    assert wording.age_text(row | {"basis": "window", "report_age_days": -3}) == words["window"]
    assert wording.age_text({"status": "unreported"}) == ""


def test_the_day_drawn_and_the_claims_day_count_from_1970():
    ds = load_dataset()
    day = to_day("2024-12-08")
    state = control.state_at(ds, "2024-12-08", include_unreported=True)
    fg, _, _ = mapview.marker_update(state, ds.actors, mapview.place_ids(ds), day, "t", detail=True)
    code = list(fg._children.values())[0].code
    call = code[code.index("window.dashboardDrawMarkers(parent, ") + len("window.dashboardDrawMarkers(parent, "):]
    cols, _, opts, _, _, _ = json.loads("[" + call.rstrip().rstrip(";").rstrip(")") + "]")
    assert opts["day"] == day == 20065  # 8 Dec 2024
    by = state.set_index("place")
    for name, claim_day in zip(cols["names"], cols["day"]):
        row = by.loc[name]
        if row["status"] == "unreported":
            assert claim_day is None
        else:  # the claim's own day, once: its age is the day drawn minus it, on both sides
            assert claim_day == row["claim_day"] and day - claim_day == row["report_age_days"], name
    # the page shows the day drawn from the same origin (no toordinal anywhere)
    assert "719163" not in JS and "new Date(day * 86400000)" in JS
