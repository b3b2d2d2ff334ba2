"""The private parts of other libraries this project leans on are still there.

Each of these is a name outside a library's documented API (issue 22). The pins in
requirements.txt keep them stable; this file is what fails, naming the library and what changed,
when an upgrade moves one, instead of the map or the bench breaking in some other way later.

On the Python side each library's internals sit behind one adapter, the only module that touches
them: AppTest's in dashboard/bench/apptest_fragments.py, pandas' in dashboard/core/frames.py,
branca's in dashboard/map/branca_adapter.py; each has ``missing_internals()``, whose sentences
these tests show. The JavaScript side (streamlit-folium's frontend globals, Leaflet's private
fields) is checked by name in the shipped and vendored files.
"""

from __future__ import annotations

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


# ---- the Python side: each library's internals sit behind one adapter, whose missing_internals()
# names the library, its version and what changed; these tests fail with those words. Each adapter is
# also checked against a stand-in for an upgrade that moved its internal, so the check can fail.


def test_apptest_internals_behind_apptest_fragments():
    from dashboard.bench import apptest_fragments

    problems = apptest_fragments.missing_internals()
    assert problems == [], "\n".join(problems)


def test_apptest_adapter_says_when_rerun_data_loses_fragment_id_queue(monkeypatch):
    import streamlit.testing.v1.local_script_runner as runner

    from dashboard.bench import apptest_fragments

    real = runner.RerunData

    def rerun_data_without_fragments(*args, **kwargs):  # (an upgrade that dropped the argument)
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "RerunData", rerun_data_without_fragments)
    problems = apptest_fragments.missing_internals()
    assert problems and all(p.startswith("streamlit ") for p in problems), problems
    assert "RerunData takes no fragment_id_queue" in problems[0]


def test_apptest_adapter_says_when_the_fragment_storage_is_gone(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.bench import apptest_fragments

    at = AppTest.from_string("import streamlit as st\nst.write('x')")
    at.run()
    del at._fragment_storage  # (an upgrade that renamed it)
    with pytest.raises(RuntimeError, match=r"^streamlit [0-9.]+\S*: AppTest has no _fragment_storage"):
        apptest_fragments.fragment_ids(at, "view")


def test_pandas_internals_behind_frames():
    from dashboard.core import frames

    problems = frames.missing_internals()
    assert problems == [], "\n".join(problems)


def test_frames_fall_back_to_the_public_constructor_and_say_so(monkeypatch):
    import numpy as np
    import pandas as pd

    from dashboard.core import frames

    arrays = [np.array([1, 2]), np.array(["a", "b"], dtype=object)]
    fast = frames.frame_from_arrays(arrays, ["n", "s"])
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    problems = frames.missing_internals()
    assert len(problems) == 1 and problems[0].startswith(f"pandas {pd.__version__}: DataFrame._from_arrays is gone")
    slow = frames.frame_from_arrays(arrays, ["n", "s"])  # the same frame, the public way
    pd.testing.assert_frame_equal(slow, fast)
    assert slow["s"].dtype == object


def test_branca_internals_behind_branca_adapter():
    from dashboard.map import branca_adapter

    problems = branca_adapter.missing_internals()
    assert problems == [], "\n".join(problems)


def test_branca_adapter_says_when_scripts_would_be_compiled_as_templates(monkeypatch):
    import branca

    from dashboard.map import branca_adapter

    # an upgrade that wraps what a child adds in a compiled template again
    monkeypatch.setattr(branca_adapter, "RawScript", lambda text: branca.element.Element(text))
    problems = branca_adapter.missing_internals()
    assert problems == [f"branca {branca.__version__}: the script was compiled as a template after all "
                        "(dashboard/map/branca_adapter.py, which mapview's scripts go through)"]


def test_the_maps_scripts_go_through_the_adapter_raw():
    # the call site: mapview's scripts are emitted as text, never compiled as a Jinja template
    import folium

    from dashboard.map import mapview

    m = folium.Map(tiles=None)
    m.add_child(mapview._Script("var s = '{{ 6 * 7 }}';"))
    out = m.get_root().render()
    assert "var s = '{{ 6 * 7 }}';" in out and "'42'" not in out
