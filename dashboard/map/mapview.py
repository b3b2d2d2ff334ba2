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

import hashlib
import html
from html import escape as html_escape
import json
import math
import re
from pathlib import Path
from urllib.parse import quote as urlquote

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from dashboard.core import control
from dashboard.map import branca_adapter, colours, territory, wording
from dashboard.core.data import Dataset, valid_url
from dashboard.core.dates import to_day

STATIC = Path(__file__).resolve().parents[1] / "static"
JS_FILES = ("leaflet.js", "leaflet.markercluster.js", "dashboard-map.js")  # the last: our own drawing code
CSS_FILES = ("leaflet.css", "MarkerCluster.css")  # (clusters draw their own icons: no default styles)
CLUSTER_THRESHOLD = 400  # cluster markers when more places than this are drawn
# The marker layer's format, named once for both sides (static/marker-format.json; the page reads the same file's
# names): columns, flag bits, options and the sync record, and the version the page checks.
MARKER_FORMAT = json.loads((STATIC / "marker-format.json").read_text(encoding="utf-8"))
COLUMNS = tuple(MARKER_FORMAT["columns"])
FLAG = MARKER_FORMAT["flags"]
DETAIL_THRESHOLD = 1000  # put quotes and links in popups up to this many places
TILES = {
    "none": None,
    "OpenStreetMap": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                      '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
}
STATUS_CODE = {"controlled": "c", "contested": "x", "unreported": "u"}
GEOGRAPHY_FILE = "basemap.geojson"  # Natural Earth, see static/BASEMAP.md


# ---------------------------------------------------------------- escaping


_JS_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
    # folium/branca compile each element's rendered script as a Jinja template
    # (MacroElement.render wraps it in Element(...)): "{{ ... }}" in data would
    # be evaluated on the server. Braces in strings are written as escapes.
    "{": "\\u007b", "}": "\\u007d",
})


_JS_ESCAPES_NO_BRACES = {k: v for k, v in _JS_ESCAPES.items() if k not in (ord("{"), ord("}"))}


def js_json(value) -> str:
    """JSON for JS source and <script> elements, with ``< > & { }`` and line
    separators escaped. ``value`` is built from lists and scalars only (no
    dicts), so every brace in the output is inside a string: escaping them
    cannot change the structure."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JS_ESCAPES)


def js_object(value) -> str:
    """JSON for JS source like :func:`js_json`, where ``value`` may be a dict of such values (the marker
    layer's named columns, options and format): the object's own braces are written as braces, every brace
    inside a string escaped, so data still cannot open a template expression."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{js_json(str(k))}:{js_object(v)}" for k, v in value.items()) + "}"
    return js_json(value)


def js_json_any(value) -> str:
    """JSON for JS source that may hold objects (the base geography): ``< > &``
    and line separators escaped as in :func:`js_json`; braces are left as
    they are, so this must never be used inside a template that Jinja
    compiles (our scripts are emitted raw, see dashboard/map/branca_adapter.py)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JS_ESCAPES_NO_BRACES)


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
        branca_adapter.render_script_raw(self, kwargs)


# The drawing code is in static/dashboard-map.js, loaded with Leaflet. The
# marker symbols are defined once there (DS.style): the markers and the legend
# both draw from it, so every symbol on the map is in the legend and looks the
# same. The scripts below only call it with this map's data.
_LEGEND_JS = "window.dashboardSymbols.legend(parent, %s, %s);"

# The base geography (Natural Earth, see static/BASEMAP.md), under the
# markers in its own pane: land, borders and governorates drawn filled when
# there are no tiles, as outlines over tiles. Fetched from the app's own
# server, or inlined in a standalone file.
_GEOGRAPHY_JS = "window.dashboardSymbols.geography(parent, %(source)s, %(filled)s);"

# Each place's area (dashboard/map/territory.py), drawn once; the markers' script shades them by date.
_TERRITORY_JS = "window.dashboardSymbols.territory(parent, %s);"

# In the app, the map's zoom and centre go into the page's address once the
# reader moves the map, so a shared link opens the same view; the app's own
# updates of the address (a new date) drop them, so they are put back.
_SYNC_VIEW_JS = "window.dashboardSymbols.syncView(parent);"

# A title with the date, for exported maps (which have no page around them).
_TITLE_JS = "window.dashboardSymbols.title(parent, %s);"

# Markers: built by the page from compact named columns (cheaper to encode and to send than one object per
# place), as static/marker-format.json describes them: the columns, the controllers table [[name, colour],
# ...], the options and, in the app, the sync record. In the app the page keeps its markers from one date
# to the next: after the whole layer, a date change sends only the places whose drawing changed (see
# marker_update), applied in place to the markers the page has.
# (In the app, what the page needs from streamlit-folium's frontend, e.g. letting go of the layers it keeps
# in window.feature_group, goes through the adapter at the top of dashboard-map.js, DS.host.)
_MARKERS_JS = """
window.dashboardDrawMarkers(parent, %(cols)s, %(controllers)s, %(opts)s, %(cluster)s, %(sync)s, %(format)s);
"""

# Above CLUSTER_THRESHOLD places, dashboardDrawMarkers puts the layer into a cluster group.


# ---------------------------------------------------------------- builders


LABEL_MAX = CLUSTER_THRESHOLD  # names and spreading up to this many places (clusters above)
_RANK = {"city": 3, "province": 3, "capital": 3, "town": 2}


def legend_items(ds: Dataset, stale_days: int = control.STALE_DAYS) -> list[list]:
    """[label, symbol, key] for each actor and marker style, where symbol is
    [colour, status, sides, recent, pending, stale, basis]: the same properties the
    markers are drawn from (DS.style), so each swatch is the map's symbol."""
    actor_colours = list(ds.actors["colour"])
    # one row per colour: a part drawn in its group's colour shares the group's row ("SDF, Deir ez-Zor
    # Military Council, ...")
    by_colour: dict = {}
    for n, c in zip(ds.actors["name"], actor_colours):
        by_colour.setdefault(str(c).lower(), [c, []])[1].append(str(n))
    items = [[", ".join(names), [c, "controlled", None, 0, 0, 0], "actor"] for c, names in by_colour.values()]
    pair = ([actor_colours[0], actor_colours[1]] if len(actor_colours) > 1
            else [actor_colours[0] if actor_colours else "#888888", colours.CONTESTED_COLOUR])
    neutral = "#FFFFFF"
    items += [
        ["contested: filled in the colour of who held it, ringed (solid) in the colour of who contests it; "
         "grey when the sides are not known",
         [pair[0], "contested", pair, 0, 0, 0], "contested"],
        ["change pending (dashed ring): a report dates a change to a window containing this day",
         [neutral, "controlled", None, 0, 1, 0], "pending"],
        ["changing within a window, no earlier report (pale, dashed)", [pair[0], "controlled", None, 0, 1, 0, "window"],
         "window"],
        ["changed in the last 7 days (thick ring, larger)", [neutral, "controlled", None, 1, 0, 0], "recent"],
        [f"faded: latest report more than {stale_days} days old, or not current: places within "
         f"{control.OVERTAKEN_KM} km that its holder held changed hands after it"
         + (f" (not computed above {control.OVERTAKEN_MAX_PLACES:,} places)" if len(ds.places) > control.OVERTAKEN_MAX_PLACES else ""),
         [pair[0], "controlled", None, 0, 0, 1], "stale"],
        ["claimed (dotted ring, paler fill): only a party to the fighting says so; no independent report yet",
         [pair[0], "controlled", None, 0, 0, 0, "claimed"], "claimed"],
        ["a party's counter-claim, or a report on part of it or around it (dash-dot ring in that actor's colour)",
         [pair[0], "controlled", pair, 0, 0, 0, "", 1], "side"],
        ["no report yet on this date", [colours.UNREPORTED_COLOUR, "no report yet", None, 0, 0, 0], "unreported"],
    ]
    if len(ds.places) <= LABEL_MAX:  # (names and counts are laid out up to this many places; clusters above)
        items.append(["places too close to tell apart at this zoom: how many, beside the top one; tap the number "
                      "for the list, or zoom in", ["#1B1B1B", "count", None, 0, 0, 0], "count"])
    if len(ds.places) <= territory.TERRITORY_MAX_PLACES:
        items.append([f"shaded land: nearer this place than to any other, within {territory.TERRITORY_KM} km, in the "
                      "holder's colour (paler when the report is weaker, old or not current): an estimate from the "
                      "reported places, not a front line", [pair[0], "area", None, 0, 0, 0], "area"])
        areas = territory.areas_for(ds)
        if any(f["properties"].get("g") for f in areas["features"]):
            items.append(["a governorate a report names as a whole (\"fully under\", \"the entire province\"): its "
                          "outline, dashed and lightly shaded in the holder's colour; the quote is on its marker at the "
                          "centre", [pair[0], "outline", None, 0, 0, 0], "outline"])
    else:
        items.append([f"no shaded land above {territory.TERRITORY_MAX_PLACES:,} places",
                      [colours.UNREPORTED_COLOUR, "area", None, 0, 0, 0], "area"])
    return items


def area_rows(areas: dict) -> list:
    """The areas as rows: [name, [polygon, ...], 0] for a place's area and [name, ISO code, 1] for a
    governorate drawn as its outline (the page takes the outline from the base geography it fetches,
    so it is not sent twice). Lists only: :func:`js_json` escapes every brace in the names, so a name
    cannot reach the page's template engine; the page makes GeoJSON of them."""
    rows = []
    for f in areas["features"]:
        if f["properties"].get("g"):
            rows.append([f["properties"]["n"], str(f["properties"].get("iso", "")), 1])
            continue
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else list(g["coordinates"]) if g["type"] == "MultiPolygon" else []
        if polys:
            rows.append([f["properties"]["n"], polys, 0])
    return rows


def _geography_source(asset_base: str | None):
    """The base geography's URL on the app's server, or (standalone) the data itself."""
    if asset_base is not None:
        return f"{asset_base}{GEOGRAPHY_FILE}"
    return json.loads((STATIC / GEOGRAPHY_FILE).read_text(encoding="utf-8"))


def base_map(ds: Dataset, asset_base: str = "", tiles: str = "OpenStreetMap", view=None,
             stale_days: int = control.STALE_DAYS, inline_geography: bool = False) -> folium.Map:
    """The part of the map that does not change with the date. ``view`` is
    ``(lat, lon, zoom)`` from a shared link; without it the map fits every place."""
    m = _geography_map(ds.places["lat"], ds.places["lon"], asset_base, tiles, view, inline_geography)
    areas = territory.areas_for(ds)
    if areas is not None:  # each place's area, shaded by the markers' script on each date
        m.add_child(_Script(_TERRITORY_JS % js_json(area_rows(areas))))
    m.add_child(_Script(_LEGEND_JS % (js_json(legend_items(ds, stale_days)), js_json("Who holds each place"))))
    m.add_child(_Script(_SYNC_VIEW_JS))
    m.add_child(_Script("window.dashboardSymbols.dateBadge(parent);"))  # the date, large, on the map
    return m


def _geography_map(lat: pd.Series, lon: pd.Series, asset_base: str, tiles: str, view, inline_geography: bool,
                   max_zoom: int = 11):
    """A map over the offline geography (and tiles if asked) that fits the points ``lat``/``lon``."""
    tile = TILES.get(tiles)
    center, zoom = [35.5, 37.5], 7
    if len(lat):
        center = [round(float(lat.min() + lat.max()) / 2, 4), round(float(lon.min() + lon.max()) / 2, 4)]
        span = max(float(lat.max() - lat.min()), float(lon.max() - lon.min()), 0.05)
        zoom = int(max(3, min(11, round(9.2 - math.log2(span)))))
    if view is not None:
        center, zoom = [float(view[0]), float(view[1])], float(view[2])
    # SVG markers (inspectable, clickable DOM nodes) for small data; canvas for many.
    # maxZoom in the map's own options (folium's max_zoom only reaches a tile
    # layer): markercluster refuses a map without one, so without tiles a
    # clustered layer would draw nothing
    m = BaseMap(asset_base, location=center, zoom_start=zoom, tiles=None, minZoom=2, maxZoom=18, zoomSnap=0.5,
                prefer_canvas=len(lat) > CLUSTER_THRESHOLD, control_scale=True)
    if tile:
        folium.TileLayer(tile[0], attr=tile[1], name=tiles, max_zoom=18).add_to(m)
    source = _geography_source(None if inline_geography else asset_base)
    m.add_child(_Script(_GEOGRAPHY_JS % {"source": js_json_any(source), "filled": "false" if tile else "true"}))
    if len(lat) and view is None:
        # every place in view, whatever the width of the page (the zoom above
        # is only a first guess); not closer than a town for a single place.
        # Not animated (folium's fit_bounds is): Leaflet drops a zoom asked
        # for while one is under way.
        bounds = [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]
        # (on a phone-wide map the wide margins for the zoom buttons and legend would shrink the country
        # to about 60% of the width: there the places take nearly all of it)
        # (a quarter zoom step there, so the country is not left a half step too small)
        m.add_child(_Script("var narrow = parent.getSize().x < 500; if (narrow) { parent.options.zoomSnap = 0.25; }"
                            "parent.fitBounds(%s, {paddingTopLeft: narrow ? [14, 44] : [70, 30], "
                            "paddingBottomRight: narrow ? [14, 14] : [90, 30], maxZoom: %d, "
                            "animate: false});" % (js_json(bounds), max_zoom)))
    return m


def points_map(points: pd.DataFrame, asset_base: str = "") -> folium.Map:
    """Proposed places (``name``, ``lat``, ``lon``) over the offline geography, each
    named on the map; names are escaped (a tooltip's text is HTML to Leaflet)."""
    m = _geography_map(points["lat"], points["lon"], asset_base, "none", None, False, max_zoom=8)  # with its region
    for name, la, lo in zip(points["name"], points["lat"], points["lon"]):
        folium.CircleMarker([float(la), float(lo)], radius=7, color="#1F2937", weight=2, fill=True,
                            fill_color="#F0E442", fill_opacity=0.9,
                            tooltip=folium.Tooltip(html.escape(str(name)), permanent=True, direction="right")).add_to(m)
    return m


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value's index into the distinct values, in order of first use."""
    return pd.factorize(values, use_na_sentinel=False)


def marker_columns(state: pd.DataFrame, actors: pd.DataFrame, detail: bool | None = None,
                   rows: np.ndarray | None = None) -> tuple[list, list[list]]:
    """Compact columns for the marker layer and the controller table (see
    _MARKERS_JS), for the rows at positions ``rows`` (all by default), in
    the colours of ``actors`` (the data set's actors table).
    Computed column by column over arrays: at 20,000 places a Python step
    per place and column would cost more than the rest of a date change."""
    if detail is None:
        detail = len(state) <= DETAIL_THRESHOLD
    state = wording.in_words(state)  # (the since and the notes drawn: words made from the state's fields)

    def col(name, default=None) -> np.ndarray:
        values = state[name].to_numpy() if name in state else default
        return values if rows is None else values[rows]

    zeros = np.zeros(len(state), dtype=bool)
    controller = col("controller").astype(object)
    ctrl_codes, ctrls = _codes(controller)
    _, palette = colours.palette(actors)
    colour_code = colours.colour_codes(controller, col("status"), actors)
    pair_codes, pairs = _codes(ctrl_codes.astype(np.int64) * len(palette) + colour_code)
    controllers = [[ctrls[p // len(palette)], palette[p % len(palette)]] for p in pairs.tolist()]
    status_codes, statuses = _codes(col("status").astype(object))
    letters = np.array([STATUS_CODE.get(x, "u") for x in statuses.tolist()] or ["u"], dtype="<U1")[status_codes]
    status = "".join(letters.tolist())
    basis = col("basis", np.full(len(state), "", dtype=object))
    recent = col("recent_change", zeros).astype(bool).astype(np.int64)
    blanks = np.full(len(state), "", dtype=object)
    side_note = col("side_note", blanks).astype(object)
    overtaken = col("overtaken", zeros).astype(bool)
    flags = (FLAG["recent"] * recent + FLAG["pending"] * (col("pending") != "").astype(np.int64)
             + FLAG["stale"] * col("stale", zeros).astype(bool) + FLAG["disputed"] * col("disagreement", zeros).astype(bool)
             + FLAG["previous"] * (basis == "previous holder") + FLAG["window"] * (basis == "window")
             + FLAG["overtaken"] * overtaken + FLAG["claimed"] * (basis == "claimed")
             + FLAG["beside"] * (side_note != "")).astype(np.int64).tolist()
    details = None
    if detail:
        details = [None if st == "u" else [q, text_fragment_url(url, q), name, pub, by, 1 if qt == "summary" else 0]
                   for st, q, url, name, pub, by, qt in zip(status, *(col(c).tolist() for c in (
                       "quote", "source_url", "source_name", "published", "claimed_by", "quote_type")))]
    kind_codes, kinds = _codes(col("kind").astype(object))
    kind_rank = np.array([_RANK.get(str(k).lower(), 1) for k in kinds.tolist()] or [1], dtype=np.int64)
    rank = (kind_rank[kind_codes] + 2 * recent + (letters == "x")).tolist()
    empty = np.empty(len(state), dtype=object)
    empty.fill(())
    fill = np.asarray(palette, dtype=object)[colour_code]
    sides = colours.side_colours(col("status"), col("sides", empty), col("previous_controller", blanks),
                                 col("side_actor", blanks), fill, actors).tolist()
    # the claim's day (the page counts its age from the day drawn), null where no claim is shown
    claim_day = col("claim_day", np.full(len(state), np.nan)).astype(float)
    days = np.where(np.isnan(claim_day), 0, claim_day).astype(np.int64).tolist()
    for k in np.flatnonzero(np.isnan(claim_day)).tolist():
        days[k] = None
    # what the tooltip adds in words: the claim beside the holder, and why the place is not current
    notes = np.where(side_note != "", side_note, "").astype(object)
    over_note = col("overtaken_note", blanks).astype(object)
    both = (notes != "") & (over_note != "")
    notes = np.where(both, notes + "; " + over_note, np.where(notes != "", notes, over_note)).astype(object).tolist()
    cols = [
        np.round(col("lat").astype(float) * 1e5).astype(np.int64).tolist(),
        np.round(col("lon").astype(float) * 1e5).astype(np.int64).tolist(),
        col("place").tolist(),
        pair_codes.tolist(),
        status,
        flags,
        col("since").tolist(),
        details,
        sides,
        rank,
        days,
        notes,  # (layer_columns puts the place numbers before it, at 11)
    ]
    return cols, controllers


def named(kind: str, values: list) -> dict:
    """``values`` in the order of marker-format.json's ``kind`` ("opts" or "sync"), by name."""
    names = list(MARKER_FORMAT[kind])
    assert len(values) == len(names), (kind, values)
    return dict(zip(names, values))


# What the page needs of the format: its version and flag bits with every message, the words (the age of
# a claim, the same templates as dashboard/map/wording.py) with a whole layer, which the page keeps.
_FORMAT_FOR_PAGE = {"version": MARKER_FORMAT["version"], "flags": FLAG}
_FORMAT_FOR_A_WHOLE_LAYER = _FORMAT_FOR_PAGE | {"words": MARKER_FORMAT["words"]}


def _layer_code(cols: dict, controllers, opts: dict, cluster: bool, sync: dict | None = None) -> str:
    whole = sync is None or sync["follows"] < 0
    return _MARKERS_JS % {"cols": js_object(cols), "controllers": js_json(controllers), "opts": js_object(opts),
                          "cluster": "true" if cluster else "false", "sync": js_object(sync) if sync else "null",
                          "format": js_object(_FORMAT_FOR_A_WHOLE_LAYER if whole else _FORMAT_FOR_PAGE)}


def _feature_group(code: str) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="Places", control=False)
    fg.add_child(_Script(code))
    return fg


def layer_columns(state: pd.DataFrame, actors: pd.DataFrame, detail: bool | None, ids=None,
                  rows: np.ndarray | None = None, pids: np.ndarray | None = None) -> tuple[list, list[list]]:
    """:func:`marker_columns`, and with ``ids`` (place name -> number) or
    ``pids`` (each row's place number) a last column numbering the places."""
    cols, controllers = marker_columns(state, actors, detail, rows)
    notes = cols.pop()
    if pids is not None:
        cols.append((pids if rows is None else pids[rows]).tolist())
    else:
        cols.append([ids[n] for n in cols[2]] if ids is not None else None)
    cols.append(notes)
    return cols, controllers


# What a marker is drawn from, besides its name and place (fixed for a data
# set): the columns marker_columns reads (its colours follow from the
# controller, the status, the sides and who held a contested place before,
# in a data set's fixed actors), and the day of the claim shown.
_ROW_COLUMNS = ("controller", "status", "recent_change", "pending", "stale", "disagreement", "basis",
                "since", "sides", "kind", "side_note", "side_actor", "overtaken", "overtaken_note")
_DETAIL_COLUMNS = ("quote", "source_url", "source_name", "published", "claimed_by", "quote_type")


def row_columns(state: pd.DataFrame, detail: bool) -> dict[str, np.ndarray]:
    """Everything each row's marker is drawn from that can change from one
    date to the next, column by column: two dates give the same values for
    a place exactly when the page needs nothing new for it. The claim's day
    stands for its age (which grows every day; the page counts the age from
    the date)."""
    state = wording.in_words(state)
    out = {c: state[c].to_numpy() for c in _ROW_COLUMNS + (_DETAIL_COLUMNS if detail else ()) if c in state}
    claim_day = state["claim_day"].to_numpy(dtype=float) if "claim_day" in state else np.full(len(state), np.nan)
    out["claim_day"] = np.where(np.isnan(claim_day), np.iinfo(np.int64).min, claim_day).astype(np.int64)  # (NaN != NaN)
    if "previous_controller" in state:  # (the order of a contest's colours)
        out["held_before"] = np.where(state["status"].to_numpy() == "contested",
                                      state["previous_controller"].to_numpy(), "").astype(object)
    return out


def layer_delta(before: dict[str, np.ndarray], before_present: np.ndarray, pids: np.ndarray,
                now: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(positions in this state of the places new or changed since the page's
    record, place numbers the page has that are no longer in the state).
    ``before`` holds the record's columns by place number, ``now`` this
    state's by row, ``pids`` the rows' place numbers."""
    diff = ~before_present[pids]
    for col, values in now.items():
        old = before.get(col)
        if old is None:
            diff[:] = True
            break
        diff |= np.asarray(old[pids] != values, dtype=bool)
    present = np.zeros(len(before_present), dtype=bool)
    present[pids] = True
    return np.flatnonzero(diff), np.flatnonzero(before_present & ~present)


def _table(values: list) -> tuple[list[int], list]:
    """Each value as an index into the list of distinct values (in order of first use); a tuple is one
    value (sent as a list)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    return codes.tolist(), [list(u) if isinstance(u, tuple) else u for u in uniques.tolist()]


def encode_columns(cols: list, positions: list[int] | None = None, known=frozenset()) -> dict:
    """The columns as sent, by their names in marker-format.json: only the places at ``positions`` (all by
    default); the since labels and the contested sides as indices into
    tables of their distinct values (cols[12] and cols[13]: few distinct
    labels, many places; the tooltip's notes likewise, cols[14] into cols[15];
    labels, many places); and with ``known`` (numbers of the places the page
    already has), names and coordinates only for the places it does not have,
    in their order (a place's name and coordinates do not change)."""
    if positions is None:
        out = list(cols)  # (the columns themselves: nothing below changes them)
    else:
        out = []
        for c in cols:
            if c is None:
                out.append(None)
            elif isinstance(c, str):
                out.append("".join(c[i] for i in positions))
            else:
                out.append([c[i] for i in positions])
    if known and out[11] is not None:  # names and coordinates of the new places only, in their order
        new = [pid not in known for pid in out[11]]
        out[0], out[1], out[2] = ([v for n, v in zip(new, c) if n] for c in out[:3])
    out[6], since = _table(out[6])
    out[8], sides = _table(out[8])
    notes_at, notes = _table(out[12]) if len(out) > 12 and out[12] is not None else (None, None)
    return dict(zip(COLUMNS, out[:12] + [since, sides, notes_at, notes]))


def layer_token(*parts) -> str:
    """A short name for what a full layer depends on (data set, filter, map):
    the page applies a change only onto the full layer of the same token."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def place_ids(ds: Dataset) -> dict[str, int]:
    """Place name -> its number in the data set (stable while the data set is)."""
    return {n: i for i, n in enumerate(ds.places["name"].tolist())}


def marker_update(state: pd.DataFrame, actors: pd.DataFrame, ids: dict[str, int], day: int, token: str,
                  before: dict | None = None,
                  detail: bool | None = None, cluster: bool | None = None, open_place: str | None = None,
                  stale_days: int = control.STALE_DAYS, resync: str | None = None,
                  full: bool = False) -> tuple[folium.FeatureGroup, dict, str]:
    """The marker layer to send, given what the page was sent before.

    ``actors`` is the data set's actors table (their colours), ``day`` the
    day drawn (days since 1970, dashboard.core.dates.to_day).
    ``before`` is the record this returned last time (None at first). The
    page gets the whole layer at first, when ``token`` (the data set, filter
    and base map) changes, when clustering switches, when the page asks for
    it (``resync``: the page has no layer for this token, e.g. it was mounted
    anew) or when ``full``; otherwise only the places whose drawing differs
    from what it was sent last, and the places that left the view. Every
    message is numbered: the page applies a change only onto the message it
    follows, or else asks again (``resync``). Returns the feature group, the
    new record and "full", "delta" or "same" (nothing new: the last message
    again, which the page does not redo)."""
    if cluster is None:
        cluster = len(state) > CLUSTER_THRESHOLD
    if detail is None:
        detail = len(state) <= DETAIL_THRESHOLD
    state = wording.in_words(state)  # (once for both row_columns and layer_columns)
    opts = named("opts", [int(stale_days), open_place or "", (not cluster) and len(state) <= LABEL_MAX, int(day), 0])
    pids = np.fromiter((ids[n] for n in state["place"].tolist()), dtype=np.int64, count=len(state))
    now = row_columns(state, detail)
    asked = bool(resync) and before is not None and resync != before.get("served")
    seq = (before["seq"] + 1) if before else 1
    n = len(ids)
    if (full or asked or before is None or before["token"] != token or before["cluster"] != cluster
            or len(before["present"]) != n):  # (another data set under the same token: a whole layer too)
        kind, sync = "full", named("sync", [token, seq, -1, []])
        cols, controllers = layer_columns(state, actors, detail, pids=pids)
        send = encode_columns(cols)
    else:
        kind = "delta"
        changed, gone = layer_delta(before["columns"], before["present"], pids, now)
        if not len(changed) and not len(gone) and opts == before["opts"]:
            return _feature_group(before["code"]), before, "same"
        # the columns of the changed places only; no names or coordinates for those the page has
        cols, controllers = layer_columns(state, actors, detail, rows=changed, pids=pids)
        known = set(pids[changed][before["present"][pids[changed]]].tolist())
        send = encode_columns(cols, known=known)
        sync = named("sync", [token, seq, before["seq"], gone.tolist()])
    columns = {}
    for col, values in now.items():  # by place number
        columns[col] = np.zeros(n, dtype=values.dtype) if values.dtype != object else np.full(n, None, dtype=object)
        columns[col][pids] = values
    present = np.zeros(n, dtype=bool)
    present[pids] = True
    code = _layer_code(send, controllers, opts, cluster, sync)
    record = {"token": token, "seq": seq, "columns": columns, "present": present, "opts": opts, "cluster": cluster,
              "code": code, "served": resync if asked else (before or {}).get("served")}
    return _feature_group(code), record, kind


def resync_request(map_value) -> str | None:
    """What the page asks for when it has no layer for the message it got
    (see askForAll in static/dashboard-map.js): the message's name, or None."""
    value = map_value.get("dashboard_resync") if isinstance(map_value, dict) else None
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def marker_layer(state: pd.DataFrame, actors: pd.DataFrame, detail: bool | None = None, cluster: bool | None = None,
                 open_place: str | None = None, stale_days: int = control.STALE_DAYS,
                 day: int = 0) -> folium.FeatureGroup:
    """One feature group with all places in ``state`` (for an exported map), the state on ``day`` (days
    since 1970: the claims' ages are counted from it);
    names drawn and overlapping markers spread apart up to LABEL_MAX places;
    ``open_place``'s popup opens once drawn."""
    if cluster is None:
        cluster = len(state) > CLUSTER_THRESHOLD
    cols, controllers = layer_columns(state, actors, detail)
    opts = named("opts", [int(stale_days), open_place or "", (not cluster) and len(state) <= LABEL_MAX, int(day), 1])
    return _feature_group(_layer_code(encode_columns(cols), controllers, opts, cluster))


def _plain(text) -> str:
    """Text for folium's HTML popups/tooltips: HTML-escaped, braces as entities."""
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


def baseline_map(state: pd.DataFrame, actors: pd.DataFrame) -> folium.Map:
    """The straightforward way, one folium object per marker (for benchmarks only)."""
    m = folium.Map(location=[35.5, 37.5], zoom_start=7, tiles=None)
    for r in colours.with_colours(state, actors).itertuples(index=False):
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


def standalone_html(ds: Dataset, date, actors=None, tiles: str = "none",
                    stale_days: int = control.STALE_DAYS) -> str:
    """The map on ``date`` as one HTML file that needs no network: the base
    geography inlined, a title with the date and filter, and the legend."""
    state = control.state_at(ds, date, actors=actors, include_unreported=not actors, stale_days=stale_days)
    m = base_map(ds, asset_base="", tiles=tiles, stale_days=stale_days, inline_geography=True)
    day = pd.Timestamp(date).date()
    filt = f"; showing places held or contested by {', '.join(actors)}" if actors else ""
    m.add_child(_Script(_TITLE_JS % js_json([
        f"Who controls what in Syria, as of {day.day} {day:%B %Y}",
        f"Each marker is a sourced claim (popups give the report, its link and the quote){filt}. "
        f"Geography: Natural Earth."])))
    marker_layer(state, ds.actors, detail=True, stale_days=stale_days, day=to_day(date)).add_to(m)
    html = m.get_root().render()
    html = _inline_assets(html)
    title = f"Control as of {day}"
    return html.replace("<head>", f"<head><title>{html_escape(title)}</title>", 1)
