"""The marker layer's format is described once (dashboard/static/marker-format.json), and the Python writer
(dashboard/map/mapview.py) and the page's reader (dashboard/static/dashboard-map.js) both follow it."""

from __future__ import annotations

import json
import re

from dashboard.core import control
from dashboard.map import mapview
from dashboard.core.data import load_dataset

FORMAT = json.loads((mapview.STATIC / "marker-format.json").read_text(encoding="utf-8"))
JS = (mapview.STATIC / "dashboard-map.js").read_text(encoding="utf-8")


def used(pattern: str) -> set[str]:
    return set(re.findall(pattern, JS))


def test_the_page_reads_exactly_the_named_fields():
    assert used(r"\bcols\.(\w+)") == set(FORMAT["columns"])
    assert used(r"\bF\.(\w+)") == set(FORMAT["flags"])
    assert used(r"\bopts\.(\w+)") == set(FORMAT["opts"])
    assert used(r"\bsync\.(\w+)") == set(FORMAT["sync"])
    assert re.search(r"DS\.MARKER_FORMAT_VERSION = (\d+);", JS).group(1) == str(FORMAT["version"])
    # no column, option or sync field read by position any more
    assert not re.search(r"\b(?:cols|opts|sync)\[\d+\]", JS)


def test_the_writer_sends_the_named_fields():
    ds = load_dataset()
    state = control.state_at(ds, "2024-12-08", include_unreported=True)
    fg, rec, kind = mapview.marker_update(state, ds.actors, mapview.place_ids(ds), 20000, "t", detail=True)
    code = list(fg._children.values())[0].code
    call = code[code.index("window.dashboardDrawMarkers(parent, ") + len("window.dashboardDrawMarkers(parent, "):]
    cols, controllers, opts, cluster, sync, fmt = json.loads("[" + call.rstrip().rstrip(";").rstrip(")") + "]")
    assert list(cols) == list(FORMAT["columns"]) and list(opts) == list(FORMAT["opts"])
    assert list(sync) == list(FORMAT["sync"]) and fmt == {"version": FORMAT["version"], "flags": FORMAT["flags"]}
    assert len(cols["names"]) == len(cols["flags"]) == len(cols["status"]) == len(state)
    # each flag bit as named: a place pending on this day has the pending bit, one with a claim beside it the beside bit
    flags = dict(zip(cols["names"], cols["flags"]))
    by = state.set_index("place")
    for place, f in flags.items():
        assert bool(f & FORMAT["flags"]["pending"]) == (by.loc[place, "pending"] != ""), place
        assert bool(f & FORMAT["flags"]["beside"]) == (by.loc[place, "side_note"] != ""), place
        assert bool(f & FORMAT["flags"]["claimed"]) == (by.loc[place, "basis"] == "claimed"), place
