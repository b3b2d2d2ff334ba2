"""Territory as an estimate from the reported places: each place's area.

A place's area is the land nearer to it than to any other place (its
Voronoi cell), no further than TERRITORY_KM from it, inside Syria's outline
(Natural Earth, shipped in dashboard/static/basemap.geojson). Modelling
control as areas around points of reported control is an established
approach in conflict research; the map says it is an estimate from the
reported places, not a front line. The shapes depend only on the places
table, so they are made once per data set; the map colours each by its
place's holder on the day (dashboard-map.js). Governorates, provinces and
other areas get no such area: their point is a centroid, not a place held.
A governorate (or province) place that matches one of Syria's governorate
outlines in the shipped geography (by its ISO code in ``coord_ref``, or by
name) is drawn as that outline instead (properties ``g``: 1 and ``iso``; the
page draws it from the geography it already has, so only the code is sent), so a report that
names a governorate as a whole ("fully under", "the entire province") shades
the governorate, with the quote on its marker. Only a claim about the whole
governorate ever gives it a holder (control.py: ``scope`` part or around
never does), so the outline is never filled from a claim about part of it.

Geometry by shapely (GEOS). Off above TERRITORY_MAX_PLACES places, where the
shapes would cost more to send than the markers; the legend says so.
"""

from __future__ import annotations

import functools
import json
import math
import threading
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
from shapely import MultiPoint, Point, box, contains_xy, transform, voronoi_polygons
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

STATIC = Path(__file__).resolve().parents[1] / "static"  # (the map's shipped files; see dashboard/map/mapview.py)

TERRITORY_KM = 25  # no area reaches further than this from its place
TERRITORY_MAX_PLACES = 1500  # above this, no areas are drawn (said in the legend)
SIMPLIFY_KM = 0.8  # outlines simplified to about this (what a map at country zoom can show)
NOT_HELD = frozenset({"governorate", "province", "area", "region"})  # kinds whose point is not a place held
OUTLINED = frozenset({"governorate", "province"})  # kinds drawn as their governorate's outline when one matches
OUTLINE_SIMPLIFY_DEG = 0.008  # about 0.8 km, as SIMPLIFY_KM
GEOGRAPHY_FILE = "basemap.geojson"

_memo: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def syria_outline():
    """Syria's outline (lon/lat) from the shipped Natural Earth geography."""
    data = json.loads((STATIC / GEOGRAPHY_FILE).read_text(encoding="utf-8"))
    parts = [shape(f["geometry"]) for f in data["features"]
             if f["properties"].get("layer") == "country" and f["properties"].get("name") == "Syria"]
    return unary_union(parts)


def _key(name) -> str:
    """A governorate's name reduced for matching: "Al-Hasakah", "Hasakah Governorate" and
    "hasakah province" all give "hasakah"."""
    n = " ".join(str(name).lower().replace("-", " ").split())
    for suffix in (" governorate", " province"):
        n = n.removesuffix(suffix)
    for prefix in ("al ", "as ", "ar ", "ad "):
        n = n.removeprefix(prefix)
    return n


@functools.lru_cache(maxsize=1)
def governorate_outlines() -> dict:
    """Syria's governorate outlines (Natural Earth admin-1, shipped): {ISO code or name key: (ISO code, geometry)}."""
    data = json.loads((STATIC / GEOGRAPHY_FILE).read_text(encoding="utf-8"))
    out = {}
    for f in data["features"]:
        props = f["properties"]
        if props.get("layer") != "admin1":
            continue
        geom = shape(f["geometry"]).simplify(OUTLINE_SIMPLIFY_DEG, preserve_topology=True)
        iso = str(props.get("iso") or "").upper()
        if iso:
            out[iso] = (iso, geom)
        out[_key(props.get("name", ""))] = (iso, geom)
    return out


def outline_for(name, kind, ref=""):
    """(ISO code, outline) of the governorate a place of kind governorate/province stands for, or None."""
    if str(kind).strip().lower() not in OUTLINED:
        return None
    outlines = governorate_outlines()
    ref = str(ref or "").strip().upper()
    return outlines.get(ref) if ref in outlines else outlines.get(_key(name))


def _plane(lat0: float, lon0: float):
    """Equirectangular projection around (lat0, lon0), in km, and its inverse:
    within Syria (about 700 km across) distances are right to about 1%."""
    kx, ky = 111.32 * math.cos(math.radians(lat0)), 110.57

    def forward(x, y):
        return (np.asarray(x) - lon0) * kx, (np.asarray(y) - lat0) * ky

    def back(x, y):
        return np.asarray(x) / kx + lon0, np.asarray(y) / ky + lat0

    return forward, back


def _apply(fn, geom):
    """A geometry with ``fn(x, y) -> (x, y)`` applied to every coordinate."""
    return transform(geom, lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1])))


def place_areas(places, km: float = TERRITORY_KM) -> dict | None:
    """A GeoJSON FeatureCollection: one feature per place that can hold
    land (property ``n``: its name), then one per governorate place with its
    outline (``n`` and ``g``: 1); or None above TERRITORY_MAX_PLACES.
    Places at the same point share one area (the first named keeps it)."""
    if len(places) > TERRITORY_MAX_PLACES:
        return None
    kinds = places["kind"].astype(str).str.strip().str.lower() if "kind" in places else None
    keep = np.ones(len(places), bool) if kinds is None else ~kinds.isin(NOT_HELD).to_numpy()
    outlined = []
    if kinds is not None:
        refs = places["coord_ref"] if "coord_ref" in places else pd.Series([""] * len(places), index=places.index)
        taken = set()
        for name, kind, ref in zip(places["name"], kinds, refs.fillna("")):
            found = outline_for(name, kind, ref) if kind in OUTLINED else None
            if found is not None and id(found[1]) not in taken:  # one place per outline (the first named)
                taken.add(id(found[1]))
                outlined.append((str(name), found[0], found[1]))
    names = places["name"].to_numpy(dtype=object)[keep]
    lat = places["lat"].to_numpy(dtype=float)[keep]
    lon = places["lon"].to_numpy(dtype=float)[keep]
    land = syria_outline()
    inside = contains_xy(land.buffer(0.05), lon, lat)  # (the outline buffered once, every point tested at once)
    names, lat, lon = names[inside], lat[inside], lon[inside]
    features = []
    if len(names):
        forward, back = _plane(float(np.mean(lat)), float(np.mean(lon)))
        x, y = forward(lon, lat)
        _, first = np.unique(np.round(np.c_[x, y], 3), axis=0, return_index=True)
        first = np.sort(first)
        land_km = _apply(forward, land)
        if len(first) == 1:
            cells = [box(*land_km.bounds)]
        else:
            cells = list(voronoi_polygons(MultiPoint(np.c_[x[first], y[first]]), extend_to=land_km.envelope,
                                          ordered=True).geoms)
        for i, cell in zip(first.tolist(), cells):
            area = cell.intersection(Point(x[i], y[i]).buffer(km, 16)).intersection(land_km)
            if area.is_empty:
                continue
            area = _apply(back, area.simplify(SIMPLIFY_KM, preserve_topology=True))
            features.append({"type": "Feature", "properties": {"n": str(names[i])}, "geometry": _rounded(area)})
    for name, iso, outline in outlined:
        features.append({"type": "Feature", "properties": {"n": name, "g": 1, "iso": iso}, "geometry": _rounded(outline)})
    return {"type": "FeatureCollection", "features": features}


def _rounded(geom) -> dict:
    """GeoJSON geometry with coordinates to 4 decimals (about 10 m)."""
    return json.loads(json.dumps(mapping(geom), default=float), parse_float=lambda v: round(float(v), 4))


def areas_for(ds, km: float = TERRITORY_KM) -> dict | None:
    """:func:`place_areas` of a data set's places, made once per data set."""
    with _lock:
        kept = _memo.setdefault(ds, {})
        if km in kept:
            return kept[km]
    out = place_areas(ds.places, km)
    with _lock:
        _memo.setdefault(ds, {})[km] = out
    return out
