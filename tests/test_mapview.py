"""Map building: payload shape, escaping (HTML, JS and Jinja), offline assets."""

import json
import re

import pytest

from dashboard import control, mapview
from dashboard.data import load_dataset
from tests.dataset_helpers import PLACES, ev, make_dataset

HOSTILE = [
    "{{ 7*7 }}",
    "{% if true %}IF{% endif %}",
    "{# comment #}",
    "</script><script>window.__pwned=1</script>",
    "\"'><img src=x onerror=alert(1)>",
    "${alert(1)}`x`",
    "\u2028line\u2029sep",
]


def _hostile_ds(tmp_path):
    name = " ".join(HOSTILE)
    places = PLACES + [{"name": name, "kind": name, "lat": "35", "lon": "37"}]
    paths = make_dataset(tmp_path, [ev(place=name, quote="Q " + name, claimed_by=name, source_name=name)], places)
    return load_dataset(*paths)


def _render_all(ds, state):
    from streamlit_folium import _get_feature_group_string, _get_map_string

    m = mapview.base_map(ds, asset_base="../x/")
    fg = mapview.marker_layer(state, detail=True)
    m.render()
    return _get_map_string(m) + _get_feature_group_string(fg, m), mapview.standalone_html(ds, ds.last_day)


def test_js_json_escapes_script_and_template_syntax():
    out = mapview.js_json(["</script>{{ 7*7 }}{% x %}&\u2028"])
    assert "<" not in out and ">" not in out and "{" not in out and "}" not in out and "&" not in out
    assert "\u2028" not in out
    assert json.loads(out) == ["</script>{{ 7*7 }}{% x %}&\u2028"]  # same value once parsed


def test_hostile_names_are_never_evaluated_or_unescaped(tmp_path):
    pytest.importorskip("streamlit_folium")
    ds = _hostile_ds(tmp_path)
    state = control.state_at(ds, ds.last_day, include_unreported=True)
    for text in _render_all(ds, state):
        # Jinja left the template syntax alone: the expressions are still there, escaped
        assert "\\u007b\\u007b 7*7 \\u007d\\u007d" in text
        assert "\\u007b% if true %\\u007dIF\\u007b% endif %\\u007d" in text
        assert "\\u007b# comment #\\u007d" in text
        assert "{{ 7*7" not in text and "{%" not in text and "49 " not in text
        # nothing that could close the script element or start markup
        assert "<img src=x" not in text and "</script><script>window" not in text
        assert "\u2028" not in text and "\u2029" not in text


def test_marker_columns_compact_and_detail_threshold():
    ds = load_dataset()
    state = control.state_at(ds, "2024-12-02", include_unreported=True)
    cols, controllers = mapview.marker_columns(state, detail=True)
    lat, lon, names, ctrl, status, flags, since, details = cols
    assert len(names) == len(state) == 13 and len(status) == 13
    i = names.index("Aleppo")
    assert (lat[i], lon[i]) == (3620124, 3716117)
    assert controllers[ctrl[i]] == ["Rebels", "#56B4E9"]
    assert status[i] == "c" and flags[i] & 1  # controlled, changed in the last 7 days
    assert since[i] == "between 27 Nov and 2 Dec 2024"
    assert details[i][1].startswith("https://reliefweb.int/") and "#:~:text=" in details[i][1]
    cols, _ = mapview.marker_columns(state, detail=False)
    assert cols[7] is None


def test_text_fragment_url():
    url = "https://example.org/a"
    assert mapview.text_fragment_url(url, "short quote here") == url + "#:~:text=short%20quote%20here"
    long = mapview.text_fragment_url(url, "one two three four five six seven eight nine-ten, end.")
    assert long == url + "#:~:text=one%20two%20three%20four%20five,eight%20nine%2Dten%2C%20end."
    assert mapview.text_fragment_url("https://example.org/a#top", "x").startswith("https://example.org/a#top:~:text=")
    assert mapview.text_fragment_url("javascript:alert(1)", "x") == ""


def test_base_map_uses_only_vendored_assets():
    ds = load_dataset()
    html = mapview.base_map(ds, asset_base="../assets/").get_root().render()
    srcs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert srcs and all(s.startswith("../assets/") for s in srcs), srcs
    for name in mapview.JS_FILES + mapview.CSS_FILES:
        assert (mapview.STATIC / name).is_file()


def test_standalone_html_needs_no_network():
    ds = load_dataset()
    html = mapview.standalone_html(ds, "2024-12-02")
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', html)
    assert "L.geoJSON" in html and "Leaflet" in html
    assert "<title>Control as of 2024-12-02</title>" in html


def test_clustering_switches_on_with_many_places():
    ds = load_dataset()
    state = control.state_at(ds, "2024-12-02")
    js = list(mapview.marker_layer(state)._children.values())[0].code
    assert "markerClusterGroup" not in js and "clusterIcon" not in js  # (nor its script: small data)
    assert js.rstrip().endswith("parent.addLayer(layer);")
    js = list(mapview.marker_layer(state, cluster=True)._children.values())[0].code
    assert "L.markerClusterGroup(" in js and "iconCreateFunction: clusterIcon" in js
