"""Each place's area (dashboard/map/territory.py): inside Syria, near its place, not overlapping, made once."""

from __future__ import annotations

import pandas as pd
import pytest

shapely = pytest.importorskip("shapely")
from shapely.geometry import Point, shape  # noqa: E402

from dashboard.map import territory  # noqa: E402
from dashboard.core.data import load_dataset  # noqa: E402

import dataset_helpers  # noqa: E402


def _places(rows):
    return pd.DataFrame(rows, columns=["name", "kind", "lat", "lon"])


def km_between(lon1, lat1, lon2, lat2):
    forward, _ = territory._plane(lat1, lon1)
    x, y = forward(lon2, lat2)
    return float((x ** 2 + y ** 2) ** 0.5)


def test_areas_are_inside_syria_near_their_place_and_do_not_overlap():
    places = _places([
        ("Aleppo", "city", 36.2012, 37.1612), ("Bab", "town", 36.3705, 37.5157),
        ("Idlib", "city", 35.9306, 36.6339), ("Hama", "city", 35.1318, 36.7578),
        ("Aleppo Governorate", "governorate", 36.1, 37.6),  # a centroid, not a place held: its outline, no area
        ("Latakia", "city", 35.5317, 35.7918),  # on the coast: its area stops at the sea
    ])
    fc = territory.place_areas(places)
    names = [f["properties"]["n"] for f in fc["features"] if not f["properties"].get("g")]
    assert names == ["Aleppo", "Bab", "Idlib", "Hama", "Latakia"]
    assert [f["properties"]["n"] for f in fc["features"] if f["properties"].get("g")] == ["Aleppo Governorate"]
    areas = {f["properties"]["n"]: shape(f["geometry"]) for f in fc["features"] if not f["properties"].get("g")}
    syria = territory.syria_outline().buffer(0.01)
    for name, area in areas.items():
        assert area.is_valid and not area.is_empty and syria.contains(area), name
        row = places[places["name"] == name].iloc[0]
        assert area.buffer(0.001).contains(Point(row["lon"], row["lat"])), name
        far = max(km_between(row["lon"], row["lat"], x, y) for x, y in area.exterior.coords)
        assert far <= territory.TERRITORY_KM + 1.5, (name, far)  # (+ the simplification)
    listed = list(areas.values())
    for i in range(len(listed)):
        for j in range(i + 1, len(listed)):
            assert listed[i].intersection(listed[j]).area < 1e-4  # shared edges only
    # the area between Aleppo and al-Bab is split where they are equally near
    mid = Point((37.1612 + 37.5157) / 2 - 0.01, (36.2012 + 36.3705) / 2)
    assert areas["Aleppo"].contains(mid) and not areas["Bab"].contains(mid)


def test_no_areas_above_the_limit_and_made_once_per_data_set(monkeypatch, tmp_path):
    many = _places([(f"p{i}", "town", 35 + (i % 50) * 0.01, 37 + (i // 50) * 0.01) for i in range(120)])
    monkeypatch.setattr(territory, "TERRITORY_MAX_PLACES", 100)
    assert territory.place_areas(many) is None
    monkeypatch.undo()
    # a small data set: two places that hold land, a region that does not, and Idlib province (its outline)
    places = [dict(p) for p in dataset_helpers.PLACES[:2]] + [
        dict(dataset_helpers.PLACES[0], name="Alpha region", kind="region", lat="36.3", lon="37.3", aliases=""),
        dict(dataset_helpers.PLACES[0], name="Idlib", kind="province", lat="35.9306", lon="36.6339", aliases="",
             coord_ref="geonames:169389")]
    ds = load_dataset(*dataset_helpers.make_dataset(tmp_path, [dataset_helpers.ev()], places))
    first = territory.areas_for(ds)
    assert territory.areas_for(ds) is first
    held = [f["properties"]["n"] for f in first["features"] if not f["properties"].get("g")]
    assert held == ["Alpha", "Bravo"]  # not the region nor the province: kinds in NOT_HELD hold no land
    assert [f["properties"]["n"] for f in first["features"] if f["properties"].get("g")] == ["Idlib"]
    kinds = dict(zip(ds.places["name"], ds.places["kind"]))
    assert all(kinds[f["properties"]["n"]] not in territory.NOT_HELD for f in first["features"] if not f["properties"].get("g"))


def test_a_governorate_place_is_drawn_as_its_outline_once():
    places = pd.DataFrame([
        ("Hama", "city", 35.1318, 36.7578, ""),
        ("Hama Governorate", "governorate", 35.2248, 37.1584, "SY-HM"),  # by its ISO code
        ("Idlib", "province", 35.9306, 36.6339, "geonames:169389"),  # by its name
        ("Hama province", "province", 35.2, 37.1, ""),  # the same outline again: the first named keeps it
        ("Atlantis Governorate", "governorate", 35.0, 38.0, "SY-XX"),  # no outline: nothing drawn
        ("Hama district", "district", 35.1, 36.8, "SY-HM"),  # not a governorate kind: no outline
    ], columns=["name", "kind", "lat", "lon", "coord_ref"])
    fc = territory.place_areas(places)
    outlines = {f["properties"]["n"]: shape(f["geometry"]) for f in fc["features"] if f["properties"].get("g")}
    assert set(outlines) == {"Hama Governorate", "Idlib"}
    hama = outlines["Hama Governorate"]
    assert hama.contains(Point(36.7578, 35.1318)) and hama.contains(Point(37.1584, 35.2248))  # the city and centroid
    assert not hama.contains(Point(36.6339, 35.9306))  # Idlib city lies outside Hama governorate
    assert outlines["Idlib"].contains(Point(36.6339, 35.9306))
    assert 5000 < hama.area * 111 * 91 < 12000  # km2, roughly: Hama governorate is about 8,900 km2
    # the city and the district still have their own areas, drawn over the governorate's
    assert [f["properties"]["n"] for f in fc["features"] if not f["properties"].get("g")] == ["Hama", "Hama district"]
