"""The private parts of other libraries this project leans on are still there.

Each of these is a name outside a library's documented API (issue: architecture). The pins in
requirements.txt keep them stable; this file is what fails, naming the library and what changed,
when an upgrade moves one, instead of the map or the bench breaking in some other way later.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "dashboard" / "static"


def _frontend_js() -> str:
    import streamlit_folium

    build = Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static" / "js"
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in build.glob("main*.js"))


@pytest.mark.parametrize("name, why", [
    ("__GLOBAL_DATA__", "dashboard-map.js asks for a whole layer through streamlit-folium's global state (askForAll)"),
    ("previous_data", "dashboard-map.js resets the last value sent so the next click is sent (askForAll)"),
    ("last_active_drawing", "the app reads the clicked place from this return value (views.py, map_page.py)"),
    ("feature_group", "mapview's layer script drops layers streamlit-folium keeps in window.feature_group"),
])
def test_streamlit_folium_frontend_globals(name, why):
    assert name in _frontend_js(), (
        f"streamlit-folium's frontend no longer has {name!r}: {why}. Check its new release before upgrading.")


@pytest.mark.parametrize("field", ["_map", "_popup", "_source", "_tooltip"])
def test_leaflet_private_fields_in_the_vendored_copy(field):
    # dashboard-map.js reads a layer's _map (is it on a map yet) and refreshes an open popup and tooltips
    text = (STATIC / "leaflet.js").read_text(encoding="utf-8")
    assert re.search(rf"\.{field}\b", text), f"the vendored Leaflet has no .{field}: dashboard-map.js uses it"


def test_apptest_internals_used_for_fragment_reruns():
    import streamlit.testing.v1.local_script_runner as runner
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('x')")
    assert hasattr(at, "_fragment_storage"), "AppTest has no _fragment_storage (dashboard/bench/apptest_fragments.py)"
    assert hasattr(runner, "RerunData"), "streamlit.testing's runner has no RerunData (dashboard/bench/apptest_fragments.py)"
    assert "fragment_id_queue" in inspect.signature(runner.RerunData).parameters, (
        "RerunData takes no fragment_id_queue: dashboard/bench/apptest_fragments.py cannot rerun one fragment")
    at.run()
    assert hasattr(at, "_tree"), "AppTest has no _tree (dashboard/bench/bench.py counts the page's elements from it)"


def test_pandas_from_arrays():
    import numpy as np
    import pandas as pd

    # control._frame builds the state with it (4 ms instead of 13 at 20,000 places) and falls back to the public
    # constructor without it: this says when the fast path is gone
    assert hasattr(pd.DataFrame, "_from_arrays"), "pandas.DataFrame._from_arrays is gone: control._frame is slower"
    arrays = [np.array([1, 2]), np.array(["a", "b"], dtype=object)]
    df = pd.DataFrame._from_arrays(arrays, columns=["n", "s"], index=pd.RangeIndex(2), verify_integrity=False)
    assert df["n"].tolist() == [1, 2] and df["s"].tolist() == ["a", "b"] and df["s"].dtype == object


def test_branca_macro_element_render():
    from branca.element import MacroElement

    assert "render" in vars(MacroElement), "branca's MacroElement.render moved (mapview._Script overrides it)"
