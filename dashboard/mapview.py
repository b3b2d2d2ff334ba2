"""Folium maps of the control state, safe against hostile strings and
drawable with no network.

* The **base map** (tiles, legend, bounds) depends only on the data set and
  the tile choice, so streamlit-folium keeps it mounted while the date changes.
* The **markers** are one feature group holding one GeoJSON layer, built by a
  few lines of JavaScript from a compact JSON array; with many places they are
  clustered.
* Every string from data reaches the page as JSON (with ``<``, ``>``, ``&``
  and line separators escaped, so it cannot close a ``<script>``) and is put
  into the DOM with ``textContent``; links are set only when they are http(s).
  No popup or tooltip is ever an HTML string built from data.
* Leaflet and markercluster are vendored in ``dashboard/static`` and either
  served from the app or inlined into a standalone HTML file.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path
from urllib.parse import quote as urlquote

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard import control
from dashboard.data import Dataset, valid_url

STATIC = Path(__file__).resolve().parent / "static"
JS_FILES = ("leaflet.js", "leaflet.markercluster.js")
CSS_FILES = ("leaflet.css", "MarkerCluster.css")  # (clusters draw their own icons: no default styles)
CLUSTER_THRESHOLD = 400  # cluster markers when more places than this are drawn
DETAIL_THRESHOLD = 1000  # put quotes and links in popups up to this many places
TILES = {
    "none": None,
    "OpenStreetMap": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                      '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
}
STATUS_CODE = {"controlled": "c", "contested": "x", "unreported": "u"}


# ---------------------------------------------------------------- escaping


_JS_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
    # folium/branca compile each element's rendered script as a Jinja template
    # (MacroElement.render wraps it in Element(...)): "{{ ... }}" in data would
    # be evaluated on the server. Braces in strings are written as escapes.
    "{": "\\u007b", "}": "\\u007d",
})


def js_json(value) -> str:
    """JSON for JS source and <script> elements, with ``< > & { }`` and line
    separators escaped. ``value`` is built from lists and scalars only (no
    dicts), so every brace in the output is inside a string: escaping them
    cannot change the structure."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JS_ESCAPES)


def text_fragment_url(url: str, quote: str) -> str:
    """Link to the report that opens at the quote where browsers support
    text fragments (``#:~:text=start,end``); plain link otherwise."""
    if not valid_url(url):
        return ""
    words = re.sub(r"\s+", " ", quote or "").strip().split(" ")
    if not words or not words[0]:
        return url
    enc = lambda s: urlquote(s, safe="")  # noqa: E731 - encodes , - & too
    if len(words) <= 8:
        frag = enc(" ".join(words))
    else:
        frag = f"{enc(' '.join(words[:5]))},{enc(' '.join(words[-3:]))}"
    frag = frag.replace("-", "%2D")
    return f"{url}{':~:text=' if '#' in url else '#:~:text='}{frag}"


# --------------------------------------------------------------- elements


class BaseMap(folium.Map):
    """A folium Map whose JS/CSS come from our vendored copies, not a CDN."""

    default_js: list = []
    default_css: list = []

    def __init__(self, asset_base: str, **kwargs):
        super().__init__(**kwargs)
        self.default_js = [(n, f"{asset_base}{n}") for n in JS_FILES]
        self.default_css = [(n, f"{asset_base}{n}") for n in CSS_FILES]


class _Script(MacroElement):
    """A JS snippet run with ``parent`` bound to the parent layer or map."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (parent) {
{{ this.code }}
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, code: str):
        super().__init__()
        self._name = "DashboardScript"
        self.code = code

    def render(self, **kwargs):
        # MacroElement.render would wrap the output in Element(...), which
        # compiles it as a Jinja template: slow for large data and a template
        # injection risk. Add it as plain text instead.
        self.get_root().script.add_child(_RawScript(self._template.module.script(self, kwargs)),
                                         name=self.get_name())


class _RawScript(Element):
    """Already-rendered JavaScript, emitted as is (never compiled by Jinja)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs):
        return self._text


_LEGEND_JS = """
var items = %s;
var legend = L.control({position: 'topright'});  // (zoom top left, scale bottom left)
legend.onAdd = function () {
  // open at first; a click on its title folds it away when it hides markers
  var box = L.DomUtil.create('details', 'dashboard-legend');
  box.open = true;
  box.style.cssText = 'background:rgba(255,255,255,.92);padding:6px 8px;font:12px sans-serif;border-radius:4px;'
    + 'max-width:220px;max-height:45vh;overflow:auto;overflow-wrap:anywhere';  // long names wrap, many scroll
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  var title = document.createElement('summary');
  title.style.cssText = 'font-weight:bold;cursor:pointer';
  title.textContent = 'Controller';
  box.appendChild(title);
  items.forEach(function (it) {
    var row = document.createElement('div');
    var dot = document.createElement('span');
    dot.style.cssText = 'display:inline-block;width:11px;height:11px;border-radius:50%%;margin-right:5px;vertical-align:middle;border:1px solid #222';
    dot.style.background = /^#[0-9a-fA-F]{6}$/.test(it[1]) ? it[1] : '#888888';
    if (it[2]) { dot.style.border = '2px dashed #222'; }
    row.appendChild(dot);
    row.appendChild(document.createTextNode(it[0]));
    box.appendChild(row);
  });
  // an open popup is what the reader is looking at: fold the legend out of
  // its way while it is open, and restore it after
  var before = null;
  parent.on('popupopen', function () { if (before === null) { before = box.open; } box.open = false; });
  parent.on('popupclose', function () { if (before !== null) { box.open = before; before = null; } });
  return box;
};
legend.addTo(parent);
"""

# Markers: one GeoJSON layer built from compact columns (cheaper to encode
# and to send than one object per place):
# [lat*1e5, lon*1e5, names, controller indices, status codes ("c"/"x"/"u", one
# letter per place), flags (1 recent, 2 pending), since labels, details or null]
# with controllers = [[name, colour], ...] and each detail
# [quote, url, source name, published, claimed by, is summary] or null.
_MARKERS_JS = """
// streamlit-folium takes the previous date's layer off the map but keeps it
// in window.feature_group for good; let those go, or every date change
// would keep a whole layer of markers alive in the browser
// (randyzwitch/streamlit-folium#247).
if (window.feature_group && window.map instanceof L.Map) {
  window.feature_group = window.feature_group.filter(function (g) { return window.map.hasLayer(g); });
}
var cols = %(cols)s;
var controllers = %(controllers)s;
var statusText = {c: 'controlled', x: 'contested', u: 'no report yet'};
var features = cols[2].map(function (name, i) {
  var c = controllers[cols[3][i]] || ['', '#888888'], d = cols[7] ? cols[7][i] : null;
  return {type: 'Feature', geometry: {type: 'Point', coordinates: [cols[1][i] / 1e5, cols[0][i] / 1e5]},
          properties: {place: name, colour: c[1], status: statusText[cols[4].charAt(i)] || '', controller: c[0],
                       recent: !!(cols[5][i] & 1), pending: !!(cols[5][i] & 2), since: cols[6][i],
                       detail: d ? {quote: d[0], url: d[1], source_name: d[2], published: d[3],
                                    claimed_by: d[4], summary: !!d[5]} : null}};
});
function el(tag, text, css) {
  var e = document.createElement(tag);
  if (text) { e.textContent = text; }
  if (css) { e.style.cssText = css; }
  return e;
}
function label(p) {
  return p.place + ' \u2014 ' + (p.controller ? p.controller + ' (' + p.status + ')' : p.status)
    + (p.since ? ', since ' + p.since : '') + (p.pending ? ' \u2014 change pending' : '');
}
function popup(layer) {
  var p = layer.feature.properties, d = p.detail, box = el('div', null, 'max-width:320px;font:13px sans-serif');
  box.className = 'dashboard-popup';
  box.appendChild(el('b', p.place));
  box.appendChild(el('div', (p.controller || p.status) + (p.controller ? ' \u2014 ' + p.status : '')));
  if (p.since) { box.appendChild(el('div', 'since ' + p.since)); }
  if (d) {
    var q = el('blockquote', d.quote, 'margin:6px 0;padding-left:8px;border-left:3px solid #888');
    q.className = 'dashboard-quote';
    box.appendChild(q);
    if (d.summary) { box.appendChild(el('div', "ACLED's summary, not a quote from the report", 'font-style:italic')); }
    if (d.claimed_by) { box.appendChild(el('div', 'claimed by ' + d.claimed_by)); }
    var src = el('div', d.source_name + (d.published ? ' (' + d.published + ')' : ''));
    box.appendChild(src);
    if (/^https?:\\/\\//i.test(d.url)) {
      var a = el('a', 'Open the report at the quote');
      a.href = d.url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      a.className = 'dashboard-source-link';
      box.appendChild(a);
    }
  }
  return box;
}
var layer = L.geoJSON(features, {
  pointToLayer: function (f, latlng) {
    var p = f.properties, u = p.status === 'no report yet';
    return L.circleMarker(latlng, {
      radius: u ? 4 : (p.recent ? 10 : 7),
      color: p.recent ? '#000000' : (u ? '#888888' : '#222222'),
      weight: p.recent ? 3 : (p.status === 'contested' ? 2.5 : 1),
      dashArray: (p.status === 'contested' || p.pending) ? '4 3' : null,
      fillColor: p.colour, fillOpacity: u ? 0.15 : 0.85, className: 'dashboard-marker'
    });
  },
  onEachFeature: function (f, l) {
    l.bindTooltip(function () { return el('span', label(f.properties)); });
    l.bindPopup(popup, {maxWidth: 340, autoPanPaddingTopLeft: L.point(5, 44)});  // clear of the folded legend
  }
});
%(add)s"""

# Above CLUSTER_THRESHOLD places, the layer goes into a cluster group.
_CLUSTER_JS = """
// A cluster shows who holds its places: a ring split by share, in the same
// colours as the markers, the count inside, and the breakdown as text (its
// tooltip and accessible name), so colour is never the only carrier.
function clusterIcon(c) {
  var kids = c.getAllChildMarkers(), byKey = {}, keys = [];
  kids.forEach(function (m) {
    var p = m.feature.properties, own = p.status === 'controlled', k = (own ? 'a:' : 's:') + (own ? p.controller : p.status);
    if (!byKey[k]) { byKey[k] = {name: own ? p.controller : p.status, colour: p.colour, n: 0}; keys.push(k); }
    byKey[k].n += 1;
  });
  var parts = keys.map(function (k) { return byKey[k]; }).sort(function (a, b) { return b.n - a.n; });
  var total = kids.length, at = 0, stops = [];
  parts.forEach(function (e) {
    var colour = /^#[0-9A-Fa-f]{6}$/.test(e.colour) ? e.colour : '#888888', to = at + 100 * e.n / total;
    stops.push(colour + ' ' + at.toFixed(3) + '% ' + to.toFixed(3) + '%');
    at = to;
  });
  var size = Math.round(30 + 7 * Math.log10(total));
  var text = total.toLocaleString('en') + ' places: ' + parts.map(function (e) {
    return e.name + ' ' + e.n.toLocaleString('en'); }).join(', ');
  var ring = el('div', null, 'width:' + size + 'px;height:' + size + 'px;border-radius:50%;box-sizing:border-box;'
    + 'border:1px solid #222;display:flex;align-items:center;justify-content:center;'
    + 'background:conic-gradient(' + stops.join(',') + ')');
  ring.className = 'dashboard-cluster';
  ring.setAttribute('title', text);
  ring.setAttribute('role', 'img');
  ring.setAttribute('aria-label', text);
  var inner = Math.round(size * 0.62);
  ring.appendChild(el('span', total.toLocaleString('en'), 'background:#fff;border-radius:50%;width:' + inner + 'px;height:'
    + inner + 'px;display:flex;align-items:center;justify-content:center;font:bold 11px sans-serif;color:#111'));
  return L.divIcon({html: ring, className: 'dashboard-cluster-icon', iconSize: L.point(size, size)});
}
if (L.markerClusterGroup) {
  var group = L.markerClusterGroup({disableClusteringAtZoom: 10, chunkedLoading: true, showCoverageOnHover: false,
                                    iconCreateFunction: clusterIcon});
  group.addLayer(layer);
  parent.addLayer(group);
} else {
  parent.addLayer(layer);
}
"""


# ---------------------------------------------------------------- builders


def legend_items(ds: Dataset) -> list[list]:
    """[label, colour, dashed] for each actor and marker style."""
    items = [[n, c, False] for n, c in zip(ds.actors["name"], ds.actors["colour"])]
    items.append(["contested / sources disagree", control.CONTESTED_COLOUR, True])
    items.append(["no report yet on this date", control.UNREPORTED_COLOUR, False])
    items.append(["thick ring: changed in the last 7 days", "#FFFFFF", False])
    return items


def base_map(ds: Dataset, asset_base: str = "", tiles: str = "OpenStreetMap") -> folium.Map:
    """The part of the map that does not change with the date."""
    tile = TILES.get(tiles)
    lat, lon = ds.places["lat"], ds.places["lon"]
    center, zoom = [35.5, 37.5], 7
    if len(ds.places):
        center = [round(float(lat.min() + lat.max()) / 2, 4), round(float(lon.min() + lon.max()) / 2, 4)]
        span = max(float(lat.max() - lat.min()), float(lon.max() - lon.min()), 0.05)
        zoom = int(max(3, min(11, round(9.2 - math.log2(span)))))
    # SVG markers (inspectable, clickable DOM nodes) for small data; canvas for many.
    # maxZoom in the map's own options (folium's max_zoom only reaches a tile
    # layer): markercluster refuses a map without one, so without tiles a
    # clustered layer would draw nothing
    m = BaseMap(asset_base, location=center, zoom_start=zoom, tiles=None, minZoom=2, maxZoom=18, zoomSnap=0.5,
                prefer_canvas=len(ds.places) > CLUSTER_THRESHOLD, control_scale=True)
    if tile:
        folium.TileLayer(tile[0], attr=tile[1], name=tiles, max_zoom=18).add_to(m)
    if len(ds.places):
        # every place in view, whatever the width of the page (the zoom above
        # is only a first guess); not closer than a town for a single place.
        # Not animated (folium's fit_bounds is): Leaflet drops a zoom asked
        # for while one is under way.
        bounds = [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]
        m.add_child(_Script("parent.fitBounds(%s, {padding: [24, 24], maxZoom: 11, animate: false});" % js_json(bounds)))
    m.add_child(_Script(_LEGEND_JS % js_json(legend_items(ds))))
    return m


def marker_columns(state: pd.DataFrame, detail: bool | None = None) -> tuple[list, list[list]]:
    """Compact columns for the marker layer and the controller table (see _MARKERS_JS)."""
    if detail is None:
        detail = len(state) <= DETAIL_THRESHOLD
    ctrl_colour = list(zip(state["controller"].tolist(), state["colour"].tolist()))
    pairs = list(dict.fromkeys(ctrl_colour))
    index = {p: i for i, p in enumerate(pairs)}
    status = "".join(STATUS_CODE.get(x, "u") for x in state["status"].tolist())
    flags = (state["recent_change"].to_numpy(dtype=bool).astype(int)
             + 2 * (state["pending"].to_numpy(dtype=object) != "").astype(int)).tolist()
    details = None
    if detail:
        details = [None if st == "u" else [q, text_fragment_url(url, q), name, pub, by, 1 if qt == "summary" else 0]
                   for st, q, url, name, pub, by, qt in zip(status, *(state[c].tolist() for c in (
                       "quote", "source_url", "source_name", "published", "claimed_by", "quote_type")))]
    cols = [
        np.round(state["lat"].to_numpy(dtype=float) * 1e5).astype(np.int64).tolist(),
        np.round(state["lon"].to_numpy(dtype=float) * 1e5).astype(np.int64).tolist(),
        state["place"].tolist(),
        [index[p] for p in ctrl_colour],
        status,
        flags,
        state["since"].tolist(),
        details,
    ]
    return cols, [list(p) for p in pairs]


def marker_layer(state: pd.DataFrame, detail: bool | None = None, cluster: bool | None = None) -> folium.FeatureGroup:
    """One feature group with one GeoJSON layer for all places in ``state``."""
    if cluster is None:
        cluster = len(state) > CLUSTER_THRESHOLD
    cols, controllers = marker_columns(state, detail)
    fg = folium.FeatureGroup(name="Places", control=False)
    fg.add_child(_Script(_MARKERS_JS % {"cols": js_json(cols), "controllers": js_json(controllers),
                                        "add": _CLUSTER_JS if cluster else "parent.addLayer(layer);\n"}))
    return fg


def _plain(text) -> str:
    """Text for folium's HTML popups/tooltips: HTML-escaped, braces as entities."""
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


def baseline_map(state: pd.DataFrame) -> folium.Map:
    """The straightforward way, one folium object per marker (for benchmarks only)."""
    m = folium.Map(location=[35.5, 37.5], zoom_start=7, tiles=None)
    for r in state.itertuples(index=False):
        folium.CircleMarker([r.lat, r.lon], radius=7, color="#222", weight=1, fill=True, fill_color=r.colour,
                            tooltip=folium.Tooltip(_plain(f"{r.place}: {r.controller}")),
                            popup=folium.Popup(_plain(r.quote))).add_to(m)
    return m


def _inline_assets(html: str) -> str:
    """Replace our asset links with the files' contents."""
    for name in JS_FILES:
        code = (STATIC / name).read_text(encoding="utf-8").replace("</script", "<\\/script")
        html = re.sub(r'<script src="%s"></script>' % re.escape(name), lambda _m, c=code: f"<script>{c}</script>", html)
    for name in CSS_FILES:
        css = (STATIC / name).read_text(encoding="utf-8").replace("</style", "<\\/style")
        html = re.sub(r'<link rel="stylesheet" href="%s"/>' % re.escape(name), lambda _m, c=css: f"<style>{c}</style>", html)
    return html


def standalone_html(ds: Dataset, date, actors=None, tiles: str = "none") -> str:
    """The map on ``date`` as one HTML file that needs no network."""
    state = control.state_at(ds, date, actors=actors, include_unreported=not actors)
    m = base_map(ds, asset_base="", tiles=tiles)
    marker_layer(state, detail=True).add_to(m)
    html = m.get_root().render()
    html = _inline_assets(html)
    title = f"Control as of {pd.Timestamp(date).date()}"
    return html.replace("<head>", f"<head><title>{title}</title>", 1)
