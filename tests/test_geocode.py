"""Tests for dashboard.ingest.geocode: offline gazetteer, project places, cache, Nominatim (faked)."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import geopy.extra.rate_limiter as rl
import pytest

from dashboard.ingest import geocode as g
from dashboard.core.schema import PLACE_COLUMNS

EXAMPLES = [  # query, geonameid, lat, lon
    ("Tel Rifaat", 163476, 36.47229, 37.09471),
    ("Tell Rifat", 163476, 36.47229, 37.09471),
    ("Tal Refaat", 163476, 36.47229, 37.09471),
    ("Maarat al-Numan", 167611, 35.6483, 36.67693),
    ("Ma'arrat al-Nu'man", 167611, 35.6483, 36.67693),
    ("Deir Hafer", 170785, 36.15694, 37.70778),
    ("Dayr Hafir", 170785, 36.15694, 37.70778),
    ("Maskana", 167080, 35.96577, 38.04165),
    ("Hama", 170017, 35.13179, 36.75783),
    ("Idlib", 169389, 35.93062, 36.63393),
    ("Idleb", 169389, 35.93062, 36.63393),
    ("Aleppo", 170063, 36.20124, 37.16117),
    ("Saraqib", 164816, 35.86447, 36.80591),
    ("Afrin", 174186, 36.51194, 36.86954),
    ("Raqqa", 172955, 35.95283, 39.00788),
    ("Jisr al-Shugour", 169023, 35.81418, 36.31983),  # only the fuzzy tier finds this one
]


class FakeGeocoder:
    def __init__(self, answers=None):
        self.answers = answers or {}
        self.calls = []

    def geocode(self, query, **kw):
        self.calls.append((query, kw))
        hit = self.answers.get(query)
        if hit is None:
            return None
        lat, lon, osm_id = hit
        return SimpleNamespace(latitude=lat, longitude=lon, address=f"{query}, Aleppo, Syria",
                               raw={"osm_type": "node", "osm_id": osm_id})


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """No env leaks in, no real Nominatim, no real sleeping."""
    monkeypatch.delenv(g.ONLINE_ENV, raising=False)
    monkeypatch.delenv(g.USER_AGENT_ENV, raising=False)
    monkeypatch.setattr(g, "_nominatim", lambda ua: pytest.fail("real Nominatim must not be built"))
    monkeypatch.setattr(rl, "sleep", lambda seconds: None)
    g._LIMITERS.clear()
    yield
    g._LIMITERS.clear()


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "geodata" / "geocode_cache.csv"


UA = "syria-control-map-tests/0.1 (tests@example.org)"


@pytest.mark.parametrize("query,gid,lat,lon", EXAMPLES)
def test_gazetteer_examples(query, gid, lat, lon, cache):
    r = g.geocode(query, cache_path=cache)
    assert r is not None and r.coord_ref == f"geonames:{gid}"
    assert r.coord_source == "geonames" and r.query == query
    assert abs(r.lat - lat) < 0.01 and abs(r.lon - lon) < 0.01


def test_gazetteer_is_syria_and_cached():
    places = g.gazetteer()
    assert 250 < len(places) < 400
    assert g.gazetteer() is places
    assert {p.geonameid for p in places} >= {163476, 167611, 170785}


def test_exact_match_beats_loose_and_population():
    r = g.lookup_gazetteer("Hama")
    assert r.coord_ref == "geonames:170017" and "exact" in r.note


@pytest.mark.parametrize("query", ["Atlantis", "Springfield", "Sheikh Najjar industrial city", "", "  "])
def test_unknown_names_offline(query, cache):
    assert g.geocode(query, cache_path=cache) is None
    assert not cache.exists()


PLACES = [
    {"name": "Kuweires air base", "kind": "air base", "lat": "36.1872", "lon": "37.5839",
     "aliases": "Kweiris;Al-Kuwayris airbase", "coord_source": "manual", "coord_ref": "", "coord_note": "runway"},
    {"name": "Tel Rifaat", "kind": "town", "lat": "36.47", "lon": "37.10", "aliases": "Tall Rifaat",
     "coord_source": "geonames", "coord_ref": "163476", "coord_note": ""},
    {"name": "Nowhere", "kind": "village", "lat": "", "lon": "", "aliases": "Saraqeb"},
]


def test_match_known():
    assert g.match_known("kweiris", PLACES) == "Kuweires air base"
    assert g.match_known("Kuwayris Airbase", PLACES) == "Kuweires air base"  # article dropped
    assert g.match_known("Tall Rif‘at", PLACES) == "Tel Rifaat"
    assert g.match_known("Aleppo", PLACES) is None
    assert g.match_known("", PLACES) is None


def test_project_places_come_first(cache):
    r = g.geocode("Tell Rifat", places_rows=PLACES, cache_path=cache)
    assert (r.name, r.coord_source, r.lat, r.lon) == ("Tel Rifaat", "project", 36.47, 37.10)
    r = g.geocode("Kweiris", places_rows=PLACES, cache_path=cache)
    assert r.coord_source == "project" and r.name == "Kuweires air base"
    with pytest.raises(ValueError):
        g.place_row_from_result(r)
    # a project place without coordinates falls through to the gazetteer
    r = g.geocode("Saraqeb", places_rows=PLACES, cache_path=cache)
    assert r.coord_source == "geonames" and r.coord_ref == "geonames:164816"


def test_place_row_from_result():
    row = g.place_row_from_result(g.geocode("Tel Rifaat"), kind="town")
    assert tuple(row) == PLACE_COLUMNS
    assert row["name"] == "Tall Rif‘at" and row["kind"] == "town"
    assert row["aliases"] == "Tel Rifaat" and row["coord_source"] == "geonames"
    assert row["coord_ref"] == "geonames:163476" and abs(row["lat"] - 36.47229) < 1e-6
    nom = g.GeocodeResult("Sheikh Najjar", "Sheikh Najjar", 36.18, 37.58, "nominatim", "osm:way/5", "Nominatim: x")
    assert g.place_row_from_result(nom)["coord_source"] == "nominatim"
    assert g.place_row_from_result(nom)["aliases"] == ""


def test_geocoder_not_used_offline(cache):
    fake = FakeGeocoder({"Sheikh Najjar": (36.18, 37.58, 11)})
    assert g.geocode("Sheikh Najjar", cache_path=cache, geocoder=fake, user_agent=UA) is None
    assert fake.calls == [] and not cache.exists()


def test_online_needs_user_agent(cache, monkeypatch):
    fake = FakeGeocoder({"Sheikh Najjar": (36.18, 37.58, 11)})
    for bad in (None, "", "geopy", "geopy/2.5.0", "  "):
        with pytest.raises(g.UserAgentError, match="user agent"):
            g.geocode("Sheikh Najjar", cache_path=cache, online=True, geocoder=fake, user_agent=bad)
    assert fake.calls == []
    monkeypatch.setenv(g.USER_AGENT_ENV, "geopy")
    with pytest.raises(g.UserAgentError):
        g.geocode("Sheikh Najjar", cache_path=cache, online=True, geocoder=fake)
    # gazetteer hits never need a user agent, even online
    assert g.geocode("Aleppo", cache_path=cache, online=True, geocoder=fake).coord_source == "geonames"
    assert fake.calls == []


def test_online_result_and_miss_cached(cache, monkeypatch):
    fake = FakeGeocoder({"Sheikh Najjar": (36.1872, 37.5839, 123)})
    r = g.geocode("Sheikh Najjar", cache_path=cache, online=True, geocoder=fake, user_agent=UA)
    assert (r.coord_source, r.coord_ref, r.lat, r.lon) == ("nominatim", "osm:node/123", 36.1872, 37.5839)
    assert r.name == "Sheikh Najjar"
    query, kw = fake.calls[0]
    assert query == "Sheikh Najjar" and kw["country_codes"] == "sy"
    assert g.geocode("Nowhereville", cache_path=cache, online=True, geocoder=fake, user_agent=UA) is None
    assert len(fake.calls) == 2

    with open(cache, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == g.CACHE_COLUMNS and len(rows) == 2
    assert rows[0]["normalized"] == "sheikhnajjar" and rows[0]["ref"] == "osm:node/123"
    assert rows[1]["query"] == "Nowhereville" and rows[1]["lat"] == rows[1]["lon"] == ""
    assert len(rows[0]["fetched"]) == 10

    # second calls: from the cache, online or not; the geocoder is not asked again
    assert g.geocode("SHEIKH NAJJAR", cache_path=cache, online=True, geocoder=fake, user_agent=UA).lat == 36.1872
    assert g.geocode("Sheikh Najjar", cache_path=cache).coord_ref == "osm:node/123"
    assert g.geocode("nowhereville", cache_path=cache, online=True, geocoder=fake, user_agent=UA) is None
    assert len(fake.calls) == 2


def test_online_enabled_by_env(cache, monkeypatch):
    fake = FakeGeocoder({"Sheikh Najjar": (36.18, 37.58, 7)})
    monkeypatch.setenv(g.ONLINE_ENV, "1")
    monkeypatch.setenv(g.USER_AGENT_ENV, UA)
    assert g.geocode("Sheikh Najjar", cache_path=cache, geocoder=fake).coord_ref == "osm:node/7"
    assert len(fake.calls) == 1


def test_rate_limiter_wraps_geocoder(cache, monkeypatch):
    clock = iter([100.0, 100.2, 101.2, 101.3, 102.3])  # fake time: 0.2 s after the first call
    sleeps = []
    monkeypatch.setattr(rl.RateLimiter, "_clock", lambda self: next(clock))
    monkeypatch.setattr(rl, "sleep", sleeps.append)
    fake = FakeGeocoder({"Sheikh Najjar": (36.18, 37.58, 1), "Nayrab": (36.18, 37.2, 2)})
    limiter = g.rate_limited(fake)
    assert isinstance(limiter, rl.RateLimiter) and limiter.min_delay_seconds == 1.0
    assert g.rate_limited(fake) is limiter  # one limiter per geocoder for the process
    g.geocode("Sheikh Najjar", cache_path=cache, online=True, geocoder=fake, user_agent=UA)
    g.geocode("Nayrab", cache_path=cache, online=True, geocoder=fake, user_agent=UA)
    assert len(fake.calls) == 2
    assert sleeps == [pytest.approx(0.8)]


def test_geocoder_errors_are_not_cached(cache):
    class Broken:
        def geocode(self, query, **kw):
            raise RuntimeError("network down")

    with pytest.raises(RuntimeError):
        g.geocode("Sheikh Najjar", cache_path=cache, online=True, geocoder=Broken(), user_agent=UA)
    assert not cache.exists()


def _cache_text(cache):
    return cache.read_text(encoding="utf-8")


def test_cache_write_is_atomic(cache, monkeypatch):
    fake = FakeGeocoder({"Sheikh Najjar": (36.18, 37.58, 1), "Nayrab": (36.2, 37.2, 2)})
    g.geocode("Sheikh Najjar", cache_path=cache, online=True, geocoder=fake, user_agent=UA)
    before = _cache_text(cache)

    def fail_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(g.os, "replace", fail_replace)
    with pytest.raises(OSError, match="disk full"):
        g.geocode("Nayrab", cache_path=cache, online=True, geocoder=fake, user_agent=UA)
    assert _cache_text(cache) == before
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]  # temp file removed


def test_cache_write_fails_midway(cache, monkeypatch):
    g.write_cache([{"query": "A", "normalized": "a", "lat": "1", "lon": "2", "source": "nominatim"}], cache)
    before = _cache_text(cache)
    real = csv.DictWriter.writerow
    calls = []

    def flaky(self, row):
        calls.append(row)
        if len(calls) > 1:
            raise OSError("interrupted")
        return real(self, row)

    monkeypatch.setattr(csv.DictWriter, "writerow", flaky)
    rows = g.read_cache(cache) + [{"query": "B", "normalized": "b", "lat": "", "lon": ""}]
    with pytest.raises(OSError, match="interrupted"):
        g.write_cache(rows, cache)
    assert _cache_text(cache) == before
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]


def test_cached_result_used_offline(cache):
    g.write_cache([{"query": "Nayrab", "normalized": "nayrab", "lat": "36.185", "lon": "37.22",
                    "source": "nominatim", "ref": "osm:way/42", "display_name": "An Nayrab, Aleppo, Syria",
                    "fetched": "2024-12-01"}], cache)
    r = g.geocode("Nayrab", cache_path=cache)
    assert (r.name, r.coord_source, r.coord_ref, r.lat) == ("An Nayrab", "nominatim", "osm:way/42", 36.185)


# ------------------------------------------------------------------ places gazetteers miss: air bases

TRUTH = {  # approximate runway points, from the issue
    "Hmeimim": (35.401, 35.949), "Kuweires": (36.187, 37.583), "Mezzeh air base": (33.478, 36.223),
    "T4": (34.522, 37.630),
}


@pytest.mark.parametrize("query,truth", [
    ("Hmeimim", "Hmeimim"), ("Khmeimim air base", "Hmeimim"), ("Hmeimim Air Base", "Hmeimim"),
    ("Kuweires", "Kuweires"), ("Kweiris military airport", "Kuweires"), ("Kuweires airbase", "Kuweires"),
    ("Mezzeh air base", "Mezzeh air base"), ("Mezzeh military airport", "Mezzeh air base"), ("Mezzeh", "Mezzeh air base"),
    ("T4", "T4"), ("T-4 airbase", "T4"), ("Tiyas Military Airbase", "T4"), ("Tiyas", "T4"),
])
def test_air_bases_resolve_offline(query, truth, cache):
    r = g.geocode(query, cache_path=cache)  # offline: no Nominatim
    assert r is not None and r.coord_source == "sites"
    assert g.haversine_km(r.lat, r.lon, *TRUTH[truth]) < 3.0
    assert not cache.exists()


def test_sites_file_and_provenance():
    sites = g.sites()
    assert 15 <= len(sites) <= 40
    by_ref = {s.ref: s for s in sites}
    assert by_ref["airportsdata:OS66"].name == "Kuweires air base" and "Rasin El Aboud" in by_ref["airportsdata:OS66"].names
    assert by_ref["manual:T4"].source == "manual" and "issue 11" in by_ref["manual:T4"].note
    assert all(s.note and s.source in ("airportsdata", "ourairports", "manual") for s in sites)
    assert all(32.0 < s.lat < 37.5 and 35.5 < s.lon < 42.5 for s in sites)  # Syria


def test_towns_first_unless_the_name_says_site():
    assert g.lookup_offline("Dumayr").coord_source == "geonames"  # the town
    assert g.lookup_offline("Dumayr air base").coord_ref == "airportsdata:OS61"
    assert g.lookup_offline("Aleppo").coord_ref == "geonames:170063"
    assert g.lookup_offline("Aleppo airport").coord_ref == "airportsdata:OSAP"
    assert g.lookup_offline("Palmyra").coord_source == "geonames"
    assert g.names_a_site("Kuweires airbase") and g.names_a_site("Aleppo International Airport")
    assert not g.names_a_site("Kuweires") and not g.names_a_site("Military Operations Command")
    assert g.lookup_sites("air base") is None and g.lookup_sites("") is None
    assert g.lookup_gazetteer("Hmeimim") is None  # GeoNames towns still have no air base


def test_project_places_come_before_sites(cache):
    r = g.geocode("Kweiris", places_rows=PLACES, cache_path=cache)
    assert (r.coord_source, r.name, r.lat) == ("project", "Kuweires air base", 36.1872)


def test_site_becomes_a_manual_place_row(tmp_path):
    row = g.place_row_from_result(g.geocode("Kuweires"))
    assert (row["name"], row["kind"], row["coord_source"], row["coord_ref"]) == ("Kuweires air base", "air base", "manual", "airportsdata:OS66")
    assert row["aliases"] == "Kuweires" and "airportsdata (OS66" in row["coord_note"]
    from dashboard.core import data, schema
    from dashboard.core.files import write_csv_atomic

    write_csv_atomic(tmp_path / "places.csv", [row], schema.PLACE_COLUMNS)
    events = [{"id": "x", "date": "2024-12-01", "date_precision": "day", "place": row["name"], "actor": "HTS",
               "status": "controlled", "source_name": "P", "source_url": "https://example.org/a",
               "published": "2024-12-02", "quote": "HTS took Kuweires."}]
    write_csv_atomic(tmp_path / "events.csv", events, schema.EVENT_COLUMNS)
    write_csv_atomic(tmp_path / "actors.csv", [{"name": "HTS", "colour": "#009E73"}], schema.ACTOR_COLUMNS)
    assert data.validate_files(tmp_path / "events.csv", tmp_path / "places.csv")[1] == []


def test_locate_says_needs_coordinates(cache, monkeypatch):
    r, text = g.locate("Sheikh Najjar", cache_path=cache)
    assert r is None and text.startswith("needs coordinates: 'Sheikh Najjar' is not among the project's places")
    assert "Nominatim was not asked" in text and g.ONLINE_ENV in text
    fake = FakeGeocoder({})
    r, text = g.locate("Sheikh Najjar", cache_path=cache, online=True, geocoder=fake, user_agent=UA)
    assert r is None and "Nominatim did not find it either" in text and len(fake.calls) == 1
    r, text = g.locate("T4", cache_path=cache)
    assert r.coord_ref == "manual:T4" and text.startswith("T4 air base: 34.52250, 37.63000 from sites manual:T4")


# ------------------------------------------------------------------ a name with a point: NearbyMatcher

NEAR_PLACES = [
    {"name": "Saraqib", "lat": "35.86447", "lon": "36.80591", "aliases": "Saraqeb;Sarakeb"},
    {"name": "Tel Rifaat", "lat": "36.47229", "lon": "37.09471", "aliases": "Tall Rif'at"},
    {"name": "Nowhere", "lat": "", "lon": "", "aliases": ""},
]


def test_haversine():
    assert g.haversine_km(35.0, 36.0, 35.0, 36.0) == 0
    assert abs(g.haversine_km(35.0, 36.0, 36.0, 36.0) - 111.19) < 0.05  # one degree of latitude
    assert abs(g.haversine_km(36.20124, 37.16117, 33.5102, 36.29128) - 309) < 3  # Aleppo - Damascus


@pytest.mark.parametrize("name,lat,lon,want,how", [
    ("Saraqab", 35.87, 36.81, "Saraqib", "fuzzy 86"),  # fuzzy, 0.8 km
    ("Saraqib", 35.90, 36.80591, "Saraqib", "name"),  # the name, 4 km
    ("Sarakeb", 35.86447, 36.80591, "Saraqib", "alias"),
    ("Saraqib", 35.93, 36.80591, "Saraqib", "name"),  # the name, 7.3 km: within 10
    ("Saraqab", 35.93, 36.80591, None, ""),  # a fuzzy spelling 7.3 km away: no
    ("Saraqib", 36.00, 36.80591, None, ""),  # the name 15 km away: no
    ("Afis", 35.866, 36.806, None, ""),  # a near point with another name: no
    ("Tell Rifat", 36.47, 37.09, "Tel Rifaat", "name"),  # loose key equal to the name
    ("Nowhere", 0.0, 0.0, None, ""),  # rows without a point never match
])
def test_nearby_matcher(name, lat, lon, want, how):
    m = g.NearbyMatcher(NEAR_PLACES).match(name, lat, lon)
    if want is None:
        assert m is None
    else:
        assert m.row["name"] == want and m.how == how and m.km <= 10


def test_needs_coordinates_row(cache, tmp_path):
    r, text = g.locate("Sheikh Najjar", cache_path=cache)
    row = g.needs_coordinates_row("Sheikh Najjar", text, kind="industrial area")
    assert tuple(row) == PLACE_COLUMNS
    assert (row["name"], row["lat"], row["lon"], row["coord_source"]) == ("Sheikh Najjar", "", "", "manual")
    assert row["coord_note"].startswith("needs coordinates: ")
    from dashboard.core import data, schema
    from dashboard.core.files import write_csv_atomic

    write_csv_atomic(tmp_path / "places.csv", [row], schema.PLACE_COLUMNS)
    problems = data.validate_files(tmp_path / "none.csv", tmp_path / "places.csv")[1]
    assert any("lat '' is not a number" in str(p) for p in problems)  # it cannot slip in without a point
