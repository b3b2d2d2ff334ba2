"""The private parts of other libraries this project leans on are still there.

Each of these is a name outside a library's documented API (issue 22). The pins in
requirements.txt keep them stable; this file is what fails, naming the library and what changed,
when an upgrade moves one, instead of the map or the bench breaking in some other way later.

On the Python side each library's internals sit behind one adapter, the only module that touches
them: AppTest's in dashboard/bench/apptest_fragments.py, pandas' in dashboard/core/frames.py,
branca's in dashboard/map/branca_adapter.py; each has ``missing_internals()``, whose sentences
these tests show.

On the JavaScript side, Leaflet is used through its public API only (no private field is read:
checked below), and what remains private is streamlit-folium's frontend, which has no public API
for it: ``window.map``, ``window.feature_group``, ``window.__GLOBAL_DATA__`` (its
``previous_data``) and ``window.Streamlit`` (the component channel). They sit behind one adapter,
``DS.host`` at the top of dashboard/static/dashboard-map.js, the only code that names them; its
self-check says in one console error what an upgrade changed, and the map still draws
(tests/browser/test_adapters.py). Here: the names are still in the installed frontend, and no
other code reaches them.
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


MAP_JS = STATIC / "dashboard-map.js"
# streamlit-folium's frontend globals, as dashboard-map.js names them (only inside DS.host)
HOST_GLOBALS = ("window.map", "window.feature_group", "window.__GLOBAL_DATA__", "previous_data",
                "window.Streamlit", "setComponentValue")


def _code(js: str) -> str:
    """JavaScript without its comments (which may name what the code does not read)."""
    return re.sub(r"(^|\s)//[^\n]*", r"\1", re.sub(r"/\*.*?\*/", "", js, flags=re.S), flags=re.M)


def _host_adapter(js: str) -> tuple[str, str]:
    """(the DS.host adapter's code, the rest of dashboard-map.js's), without comments."""
    js = _code(js)
    start = js.index("var STREAMLIT_FOLIUM = ")
    end = js.index("  })();\n", js.index("DS.host = (function () {")) + len("  })();\n")
    return js[start:end], js[:start] + js[end:]


@pytest.mark.parametrize("name, why", [
    ("__GLOBAL_DATA__", "DS.host.send resets the last value sent so the next click is sent (askForAll)"),
    ("previous_data", "DS.host.send resets the last value sent so the next click is sent (askForAll)"),
    ("last_active_drawing", "the app reads the clicked place from this return value (views.py, map_page.py)"),
    ("window.Streamlit=", "DS.host.send asks for a whole layer through the component channel (askForAll)"),
    ("window.map = map_div", "DS.host.map: the markers stay on streamlit-folium's map between dates"),
    ("feature_group", "DS.host.forgetRemovedGroups drops layers streamlit-folium keeps in window.feature_group"),
])
def test_streamlit_folium_frontend_globals(name, why):
    assert name in _frontend_js(), (
        f"streamlit-folium's frontend no longer has {name!r}: {why}. Check its new release before upgrading.")


def test_streamlit_folium_globals_only_in_the_host_adapter():
    adapter, rest = _host_adapter(MAP_JS.read_text(encoding="utf-8"))
    for name in HOST_GLOBALS:
        assert name in adapter, f"DS.host no longer reads {name}: update HOST_GLOBALS"
        assert name not in rest, f"dashboard-map.js reads streamlit-folium's {name} outside DS.host"
    from dashboard.map import mapview

    scripts = {k: v for k, v in vars(mapview).items() if k.endswith("_JS") and isinstance(v, str)}
    assert "_MARKERS_JS" in scripts
    for key, script in scripts.items():
        for name in HOST_GLOBALS:
            assert name not in _code(script), f"mapview.{key} reads streamlit-folium's {name}: go through DS.host"


def test_the_host_adapter_was_written_for_the_pinned_streamlit_folium():
    from importlib.metadata import version

    written_for = re.search(r"var STREAMLIT_FOLIUM = '([^']+)'", MAP_JS.read_text(encoding="utf-8")).group(1)
    pinned = re.search(r"^streamlit-folium==(\S+)$", (STATIC.parents[1] / "requirements.txt").read_text(),
                       re.M).group(1)
    installed = version("streamlit-folium")
    assert written_for == pinned == installed, (
        f"streamlit-folium {installed} is installed, {pinned} pinned, and DS.host in "
        f"dashboard-map.js was written for {written_for}: check its globals (test_streamlit_folium_frontend_"
        f"globals, tests/browser/test_adapters.py) and then say the new version in STREAMLIT_FOLIUM")


def test_no_leaflet_private_field_in_the_maps_code():
    # Leaflet's _map, _popup, _source, _tooltip, ...: the map's own code uses the public API only
    # (getTooltip/getPopup and isOpen, hasLayer, the add events and L.Map.addInitHook for a layer's map)
    js = _code(MAP_JS.read_text(encoding="utf-8"))
    private = sorted(set(re.findall(r"\.(_[A-Za-z]\w*)", js)))
    assert private == [], f"dashboard-map.js reads Leaflet's private fields {private}: use its public API"


@pytest.mark.parametrize("api", ["getTooltip:function", "getPopup:function", "isOpen:function", "hasLayer:function",
                                 "addInitHook=function", 'version="1.9.4"'])
def test_the_public_leaflet_api_the_map_uses_is_in_the_vendored_copy(api):
    text = (STATIC / "leaflet.js").read_text(encoding="utf-8")
    assert api in text, f"the vendored Leaflet has no {api!r}: dashboard-map.js uses it"


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
    frames._fast.cache_clear()  # (what pandas offers is asked once per process)
    try:
        problems = frames.missing_internals()
        assert len(problems) == 1 and problems[0].startswith(f"pandas {pd.__version__}: DataFrame._from_arrays is gone")
        assert frames._fast() is None
        slow = frames.frame_from_arrays(arrays, ["n", "s"])  # the same frame, the public way
        pd.testing.assert_frame_equal(slow, fast)
        assert slow["s"].dtype == object
    finally:
        monkeypatch.undo()
        frames._fast.cache_clear()


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
