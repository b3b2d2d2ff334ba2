"""Synthetic data sets for load and UI testing.

``synthesize(n_places, n_events, out_dir, seed=0)`` writes ``events.csv``,
``places.csv`` and ``actors.csv`` into ``out_dir``; the three files pass
``python -m dashboard validate --events DIR/events.csv --places DIR/places.csv``.
Everything is vectorised with numpy and written with pandas, so 5,000 places
and 200,000 claims take a few seconds.

The data look like the real thing without pretending to be it: every name
starts with "Synth", every quote with "SYNTHETIC:", every link points at an
``example.org`` host. Each place gets a plausible control history between 2011
and 2024 (runs of one controller, changes of hands with ``previous_actor``,
contested spells before a change, a burst of activity in the late-2024
offensive), mixed date precision (mostly day, some month, year and range),
publication on or after the end of each claim's date window, and some days on
which two sources disagree (same place and date, different actors, different
links).

``hostile=True`` also puts a handful of script-injection strings into place
names, one actor name, source names and quotes, for testing that the UI and
exports escape them. This module imports no streamlit.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core import files, schema

LAST_DAY = np.datetime64("2024-12-31", "D")
OFFENSIVE = (np.datetime64("2024-11-27", "D"), np.datetime64("2024-12-08", "D"))

HOSTILE_STRINGS = (
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`backtick` `${alert(1)}`",
    "</script>",
)

# Okabe-Ito, colour-blind safe; the same palette as geodata/actors.csv.
# (name, parent, aliases, colour, description)
ACTORS = (
    ("Synth Government", "", "Synth regime;Synth army", "#D55E00", "SYNTHETIC: the government side."),
    ("Synth Rebels", "", "Synth opposition", "#56B4E9", "SYNTHETIC: armed opposition where no faction is named."),
    ("Synth Front", "Synth Rebels", "Synth Islamist front", "#009E73", "SYNTHETIC: a rebel faction (child of Synth Rebels)."),
    ("Synth National Army", "Synth Rebels", "Synth NA", "#E69F00", "SYNTHETIC: a second rebel faction (child of Synth Rebels)."),
    ("Synth Democratic Forces", "", "Synth DF", "#CC79A7", "SYNTHETIC: a Kurdish-led alliance in the north and east."),
    ("Synth State", "", "Synth jihadists", "#0072B2", "SYNTHETIC: a jihadist group holding territory in the east."),
    ("Synth Militia", "Synth Government", "Synth auxiliaries", "#F0E442", "SYNTHETIC: a pro-government militia (child of Synth Government)."),
)
# Who tends to take what: west of this longitude rebels and government
# dominate, east of it the alliance and the jihadists.
EAST_LON = 38.6
ACTOR_WEIGHTS = np.array([
    [0.34, 0.20, 0.16, 0.12, 0.06, 0.04, 0.08],  # west
    [0.22, 0.06, 0.04, 0.06, 0.30, 0.26, 0.06],  # east
])

HUBS = np.array([  # (lat, lon, spread in degrees): Aleppo, Idlib, Hama, Homs, Raqqa, Deir ez-Zor
    (36.20, 37.16, 0.25),
    (35.93, 36.63, 0.20),
    (35.13, 36.76, 0.20),
    (34.73, 36.71, 0.20),
    (35.95, 39.01, 0.25),
    (35.34, 40.14, 0.25),
])
BBOX = (32.3, 37.3, 35.7, 42.4)  # lat min, lat max, lon min, lon max

PREFIXES = np.array(["Tall", "Kafr", "Ain", "Jisr", "Deir", "Khan", "Maarat", "Bab", "Sheikh", "Umm", "Tell", "Khirbet", "Jabal", "Qalaat"])
ROOTS = np.array(["al-Hawa", "Nabl", "Zaytun", "Rumman", "Sabil", "Hamra", "Sukkar", "Barid", "Qamar", "Shams", "Nahr", "Tin", "Karm", "Wadi", "Safa"])
KINDS = np.array(["village", "town", "city", "neighbourhood", "district", "air base", "hill", "checkpoint"])
KIND_WEIGHTS = np.array([0.45, 0.25, 0.06, 0.08, 0.06, 0.03, 0.04, 0.03])

SOURCES = np.array(["Synthetic Wire", "Synth Observatory", "Example Daily", "Synth Monitor", "Fictional Agency", "Synth Herald"])
SOURCE_HOSTS = np.array(["wire.example.org", "observatory.example.org", "daily.example.org", "monitor.example.org", "agency.example.net", "herald.example.com"])

VERBS = {"status": "holds", "captured": "captured", "recaptured": "recaptured", "handed over": "took over", "entered": "entered"}


def _choice(rng, n, weights):
    return rng.choice(len(weights), size=n, p=np.asarray(weights) / np.sum(weights))


def _days_to_str(days: np.ndarray, unit: str) -> np.ndarray:
    """Days since epoch as 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' strings."""
    return np.datetime_as_string(days.astype("datetime64[D]").astype(f"datetime64[{unit}]"), unit=unit).astype(object)


def _cat(*parts) -> np.ndarray:
    """Element-wise string concatenation of arrays and scalars (object dtype)."""
    out = None
    for p in parts:
        p = p if isinstance(p, str) else np.asarray(p, dtype=object)
        out = p if out is None else out + p
    return np.asarray(out, dtype=object)


# ------------------------------------------------------------------- places


def _make_places(rng, n: int, hostile: bool) -> pd.DataFrame:
    lat_lo, lat_hi, lon_lo, lon_hi = BBOX
    clustered = rng.random(n) < 0.6
    hub = rng.integers(0, len(HUBS), n)
    lat = np.where(clustered, HUBS[hub, 0] + rng.normal(0, 1, n) * HUBS[hub, 2], rng.uniform(lat_lo, lat_hi, n))
    lon = np.where(clustered, HUBS[hub, 1] + rng.normal(0, 1, n) * HUBS[hub, 2], rng.uniform(lon_lo, lon_hi, n))
    lat = np.clip(lat, lat_lo, lat_hi).round(5)
    lon = np.clip(lon, lon_lo, lon_hi).round(5)
    num = np.char.zfill(np.arange(n).astype(str), 5).astype(object)
    names = _cat("Synth-", num, " ", PREFIXES[rng.integers(0, len(PREFIXES), n)], " ", ROOTS[rng.integers(0, len(ROOTS), n)])
    if hostile and n:
        k = min(len(HOSTILE_STRINGS), n)
        pos = np.linspace(0, n - 1, k).astype(int)
        names[pos] = _cat("Synth-", num[pos], " ", np.array(HOSTILE_STRINGS[:k], dtype=object))
    kind = KINDS[_choice(rng, n, KIND_WEIGHTS)]
    src = np.array(["manual", "geonames", "nominatim"])[_choice(rng, n, [0.6, 0.3, 0.1])]
    ref = np.where(src == "geonames", _cat("geonames:synth-", num), np.where(src == "nominatim", _cat("osm:synth-", num), ""))
    note = np.where(src == "manual", "SYNTHETIC: random point, not a real place", "")
    aliases = np.where(rng.random(n) < 0.3, _cat("S-", num, ";Synth ", num), "")
    return pd.DataFrame({
        "name": names, "kind": kind, "lat": lat, "lon": lon, "aliases": aliases,
        "coord_source": src, "coord_ref": ref, "coord_note": note,
    }, columns=list(schema.PLACE_COLUMNS))


def _make_actors(hostile: bool) -> pd.DataFrame:
    df = pd.DataFrame(list(ACTORS), columns=list(schema.ACTOR_COLUMNS))
    if hostile:  # the militia (a child, parent of none) gets a hostile name
        df.at[len(df) - 1, "name"] = "Synth Militia <script>alert(1)</script>"
    return df


# ------------------------------------------------------------------- events


def _sample_days(rng, n: int) -> np.ndarray:
    """Claim days: busier in the war's active years, a burst in the offensive."""
    years = np.arange(2011, 2025)
    w = np.array([2, 6, 8, 7, 8, 9, 6, 6, 6, 7, 3, 3, 3, 6], dtype=float)
    y = years[_choice(rng, n, w)]
    start = (y - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    length = np.where((y % 4 == 0), 366, 365)
    days = start + (rng.random(n) * length).astype(int).astype("timedelta64[D]")
    burst = rng.random(n) < 0.08
    span = int((OFFENSIVE[1] - OFFENSIVE[0]).astype(int)) + 1
    days = np.where(burst, OFFENSIVE[0] + rng.integers(0, span, n).astype("timedelta64[D]"), days)
    return (days - np.datetime64("1970-01-01", "D")).astype("int64")


def _no_equal_neighbours(rng, actor, place_of_seg, k):
    """Re-draw segment actors equal to the previous segment's in the same place."""
    for _ in range(50):
        same = np.zeros(len(actor), dtype=bool)
        same[1:] = (actor[1:] == actor[:-1]) & (place_of_seg[1:] == place_of_seg[:-1])
        if not same.any():
            break
        actor[same] = (actor[same] + rng.integers(1, k, same.sum())) % k
    return actor


def _make_events(rng, n: int, places: pd.DataFrame, actors: pd.DataFrame, hostile: bool):
    n_places = len(places)
    k = len(actors)
    actor_names = actors["name"].to_numpy(dtype=object)
    place_names = places["name"].to_numpy(dtype=object)
    east = (places["lon"].to_numpy() > EAST_LON).astype(int)

    # claims per place: skewed (some places are in the news far more), and
    # every place gets at least one when there are enough claims
    w = rng.lognormal(0, 1, n_places)
    base = np.ones(n_places, dtype=int) if n >= n_places else np.zeros(n_places, dtype=int)
    counts = base + rng.multinomial(n - base.sum(), w / w.sum())
    place = np.repeat(np.arange(n_places), counts)
    day = _sample_days(rng, n)
    order = np.lexsort((day, place))
    place, day = place[order], day[order]

    # control history: changes of hands, likelier in busy periods
    first_of_place = np.ones(n, dtype=bool)
    first_of_place[1:] = place[1:] != place[:-1]
    year = day // 365.25 + 1970
    in_offensive = (day >= (OFFENSIVE[0] - np.datetime64("1970-01-01", "D")).astype(int) - 30)
    p_change = np.where(in_offensive, 0.35, np.where((year >= 2012) & (year <= 2016), 0.12, 0.05))
    change = (rng.random(n) < p_change) & ~first_of_place
    new_seg = first_of_place | change
    seg = np.cumsum(new_seg) - 1
    seg_start = np.flatnonzero(new_seg)
    n_seg = len(seg_start)
    seg_place = place[seg_start]
    cum = np.cumsum(ACTOR_WEIGHTS, axis=1)
    cum = cum / cum[:, -1:]
    seg_actor = (rng.random(n_seg)[:, None] > cum[east[seg_place]]).sum(axis=1)
    seg_actor = np.minimum(seg_actor, k - 1)
    seg_actor = _no_equal_neighbours(rng, seg_actor, seg_place, k)
    actor = seg_actor[seg]

    # event verbs and previous_actor at each change of hands
    prev_actor = np.full(n, -1)
    seg_prev = np.full(n_seg, -1)
    same_place_prev = np.zeros(n_seg, dtype=bool)
    same_place_prev[1:] = seg_place[1:] == seg_place[:-1]
    seg_prev[1:] = np.where(same_place_prev[1:], seg_actor[:-1], -1)
    held_before = pd.DataFrame({"p": seg_place, "a": seg_actor}).duplicated().to_numpy()
    event = np.full(n, "", dtype=object)
    is_change = change
    chg_seg = seg[is_change]
    event[is_change] = np.where(held_before[chg_seg], "recaptured",
                                np.where(rng.random(is_change.sum()) < 0.15, "handed over", "captured"))
    prev_actor[is_change] = seg_prev[chg_seg]
    status_ev = ~is_change & (rng.random(n) < 0.35)
    event[status_ev] = "status"

    # contested spells: the last claims before a change, often by the attacker
    status = np.full(n, "controlled", dtype=object)
    seg_end = np.r_[seg_start[1:], n] - 1
    from_end = seg_end[seg] - np.arange(n)
    next_seg_same_place = np.r_[same_place_prev[1:], False]
    before_change = next_seg_same_place[seg] & (from_end < 3) & (rng.random(n) < 0.6)
    contested = before_change | (rng.random(n) < 0.02)
    status[contested] = "contested"
    attacker = before_change & (rng.random(n) < 0.5)
    nxt = np.minimum(seg + 1, n_seg - 1)
    actor = np.where(attacker, seg_actor[nxt], actor)
    event[contested] = np.where(attacker[contested], "entered", "status")
    prev_actor[contested] = -1

    # date precision: mostly day
    prec = np.array(schema.DATE_PRECISIONS, dtype=object)[_choice(rng, n, [0.80, 0.09, 0.05, 0.06])]

    # two sources disagreeing: same place and day, different actors
    cand = np.flatnonzero(~first_of_place)
    pick = cand[rng.random(len(cand)) < 0.025]
    if len(pick) == 0 and len(cand):
        pick = cand[:1]
    pick = pick[~np.isin(pick - 1, pick)]
    day[pick] = day[pick - 1]
    prec[pick] = "day"
    prec[pick - 1] = "day"
    actor[pick] = (actor[pick - 1] + rng.integers(1, k, len(pick))) % k
    event[pick] = "status"
    prev_actor[pick] = -1
    disagree = np.zeros(n, dtype=bool)
    disagree[pick] = True

    # ranges of 1-20 days, kept inside 2011-2024
    r = prec == "range"
    length = np.zeros(n, dtype="int64")
    length[r] = rng.integers(1, 21, r.sum())
    last = int((LAST_DAY - np.datetime64("1970-01-01", "D")).astype(int))
    over = r & (day + length > last)
    day[over] -= length[over]

    # date windows and strings
    d = day.astype("datetime64[D]")
    start = day.copy()
    end = day.copy()
    date = _days_to_str(day, "D")
    date_end = np.full(n, "", dtype=object)
    m = prec == "month"
    date[m] = _days_to_str(day[m], "M")
    mo = d[m].astype("datetime64[M]")
    start[m] = (mo.astype("datetime64[D]") - np.datetime64("1970-01-01", "D")).astype(int)
    end[m] = ((mo + 1).astype("datetime64[D]") - np.datetime64("1970-01-01", "D")).astype(int) - 1
    y = prec == "year"
    date[y] = _days_to_str(day[y], "Y")
    yr = d[y].astype("datetime64[Y]")
    start[y] = (yr.astype("datetime64[D]") - np.datetime64("1970-01-01", "D")).astype(int)
    end[y] = ((yr + 1).astype("datetime64[D]") - np.datetime64("1970-01-01", "D")).astype(int) - 1
    end[r] = day[r] + length[r]
    date_end[r] = _days_to_str(end[r], "D")

    # published on or after the end of the window: usually within days
    delay = np.minimum(rng.geometric(0.35, n) - 1, 400)
    published = _days_to_str(end + delay, "D")

    # sources: every claim its own link, so rows never duplicate
    src = rng.integers(0, len(SOURCES), n)
    source_name = SOURCES[src].astype(object)
    actor_s = actor_names[actor]
    place_s = place_names[place]
    prev_s = np.where(prev_actor >= 0, actor_names[np.maximum(prev_actor, 0)], "").astype(object)
    claimed_by = np.where(rng.random(n) < 0.25, actor_s, "").astype(object)
    verb = pd.Series(event).map(VERBS).fillna("holds").to_numpy(dtype=object)
    verb = np.where(status == "contested", np.where(event == "entered", "is fighting for", "is contested in"), verb)
    from_s = np.where(prev_actor >= 0, _cat(" from ", prev_s), "")
    quote = _cat("SYNTHETIC: ", actor_s, " ", verb, " ", place_s, from_s, ", ", source_name, " reported.")
    quote_type = np.where(rng.random(n) < 0.15, "summary", "verbatim").astype(object)
    notes = np.full(n, "", dtype=object)
    notes[m] = "SYNTHETIC: the report gives only the month"
    notes[y] = "SYNTHETIC: the report gives only the year"
    notes[r] = "SYNTHETIC: the report gives a span of days"
    notes[disagree] = "SYNTHETIC: disagrees with another report of the same day"

    if hostile and n:
        hs = np.array(HOSTILE_STRINGS, dtype=object)
        hq = np.linspace(0, n - 1, min(n, 4 * len(hs))).astype(int)
        quote[hq] = _cat(quote[hq], " ", hs[np.arange(len(hq)) % len(hs)])
        hn = hq[: len(hs)]
        source_name[hn] = _cat("Synth Herald ", hs[: len(hn)])

    # chronological order, ids in that order; object columns (pandas would
    # otherwise convert every column to Arrow strings, slower for to_csv)
    o = np.lexsort((place, start))
    ids = _cat("syn-", np.char.zfill(np.arange(1, n + 1).astype(str), 7).astype(object))
    url = _cat("https://", SOURCE_HOSTS[src[o]].astype(object), "/synthetic/", date[o], "/", ids)
    cols = {
        "id": ids, "date": date[o], "date_end": date_end[o], "date_precision": prec[o],
        "place": place_s[o], "actor": actor_s[o], "status": status[o], "event": event[o],
        "previous_actor": prev_s[o], "claimed_by": claimed_by[o], "source_name": source_name[o],
        "source_url": url, "published": published[o], "quote": quote[o],
        "quote_type": quote_type[o], "notes": notes[o],
        "scope": np.full(len(ids), "", dtype=object), "copy_of": np.full(len(ids), "", dtype=object),
    }
    df = pd.DataFrame({c: cols[c] for c in schema.EVENT_COLUMNS}, dtype=object)
    stats = {"disagreements": int(len(pick)), "contested": int(contested.sum()), "changes": int(is_change.sum())}
    return df, stats


# -------------------------------------------------------------------- main


def synthesize(n_places: int, n_events: int, out_dir, seed: int = 0, hostile: bool = False) -> dict:
    """Write events.csv, places.csv and actors.csv into ``out_dir`` (created if
    needed) and return a summary: counts, paths and the seconds taken."""
    t0 = time.perf_counter()
    n_places, n_events = int(n_places), int(n_events)
    if n_places < 1 or n_events < 1:
        raise ValueError("need at least one place and one event")
    rng = np.random.default_rng(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    actors = _make_actors(hostile)
    places = _make_places(rng, n_places, hostile)
    events, stats = _make_events(rng, n_events, places, actors, hostile)
    paths = {"events": out / "events.csv", "places": out / "places.csv", "actors": out / "actors.csv"}
    with files.locked_all(paths.values()):  # atomic, mode-keeping writes (dashboard.core.files)
        for key, frame, fmt in (("actors", actors, None), ("places", places, "%.5f"), ("events", events, None)):
            with files.atomic_writer(paths[key]) as fh:
                frame.to_csv(fh, index=False, lineterminator="\n", float_format=fmt)
    return {
        "places": len(places), "events": len(events), "actors": len(actors),
        "seed": seed, "hostile": hostile, "paths": paths,
        "seconds": time.perf_counter() - t0, **stats,
    }
