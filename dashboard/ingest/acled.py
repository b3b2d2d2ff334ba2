"""ACLED in: an ACLED export read into the project's three files (the export is dashboard/exports/acled.py).

``import_acled`` turns an ACLED export, as it really comes, into the project's
three files. The file is read one record at a time (``dashboard/ingest/acled_read.py``:
the CSV export or the API's JSON, dates in ISO, "09 May 2020", "9-May-20" or as
Excel day numbers), so a 500,000-row export needs no more memory than a small
one; events.csv is written as it goes, through one atomic writer
(``dashboard/core/files.py``), and appears only when the whole file has been read.

Only the territory sub-events are control changes: "Government regains
territory", "Non-state actor overtakes territory" and "Non-violent transfer of
territory"; actor1 takes control (status controlled, event = the sub-event
type) and actor2, when present, is the previous_actor. Everything else is
skipped and counted. A row that cannot be read (a date no form reads, a
latitude that is not a number, a short row, no actor1 or location) is skipped
with a message naming file, line and value (``strict=True``: the first one
stops the import and nothing is written).

Rules:

* time_precision 1 -> day; 2 -> range, ACLED's "within the week": event_date
  +-3 days, the end clamped to the published date; 3 -> month of event_date.
* published: ACLED's ``timestamp`` (when the row was uploaded) as a date when
  present, else the last day of the date window. It is never before the window.
* ACLED ``notes`` are ACLED's own summary, not a report's words: they go into
  ``quote`` with quote_type "summary", and notes says so.
* source_name is ACLED's ``source`` + " via ACLED"; ACLED rows have no link, so
  source_url is https://acleddata.com/ and ``id`` is event_id_cnty.
* actors: ACLED's name is matched to the given actors table (``actors_rows``:
  name and aliases, compared by ``dashboard.core.names.normalise``), first as it is,
  then without a trailing bracket ("Military Forces of Turkey (2016-)" ->
  "Military Forces of Turkey", "Islamic State (Syria)" -> "Islamic State"),
  then each side of ACLED's "ABBR: Name" form ("QSD: Syrian Democratic
  Forces"). The bracket carries meaning for Syria's own forces: "(2000-2024)"
  is the Assad government, "(2024-)" the one after it, so the actors table
  lists "Military Forces of Syria (2000-2024)" as a Syrian government alias and
  the later one stays its own actor. An unknown actor is added under ACLED's
  name with a new colour: the given actors keep theirs, and a new colour is
  never one already used nor too close to one (``new_colours``).
* places: ACLED's location and point are matched to the given places
  (``places_rows``) by name or alias within 10 km, or by a fuzzy spelling
  within 5 km ("Saraqab" -> Saraqib; ``geocode.NearbyMatcher``). Otherwise a
  new place at ACLED's point (coord_source "manual", coord_note "ACLED
  coordinates, geo_precision N (...)": neither GeoNames nor Nominatim answers of
  ours); a name already taken elsewhere becomes "name (admin1)".
* the output actors.csv and places.csv are the given rows, unchanged and in
  their order, followed by the new ones; each event's notes say how its place
  and actors were matched.

``export_acled``, our claims in ACLED's column layout, is in dashboard/exports/acled.py.
"""

from __future__ import annotations

import colorsys
import csv
import re
import sys
from collections import Counter, OrderedDict
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from dashboard.ingest import acled_read
from dashboard.core import files, schema
from dashboard.ingest.acled_read import AcledDateError, AcledFileError, parse_acled_date  # noqa: F401 (re-exported)
from dashboard.core.names import AliasIndex, normalise
from dashboard.ingest.geocode import NearbyMatcher, NEAR_NAME_KM, haversine_km

TERRITORY = ("Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory")
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
# New actors' colours, tried in this order: Okabe-Ito, then Paul Tol's bright, muted and dark sets
# (colour-blind safe). A candidate is skipped when it is within MIN_COLOUR_DISTANCE of a colour in use.
PALETTE = OKABE_ITO + ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#CC6677", "#332288",
                       "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499", "#222255",
                       "#225555", "#225522", "#666633", "#663333", "#555555")
MIN_COLOUR_DISTANCE = 48.0  # Euclidean distance in 0-255 RGB
ACLED_URL = "https://acleddata.com/"
GEO_PRECISION = {"1": "the named place itself", "2": "near the named place or a part of a region",
                 "3": "a larger area such as a district or province"}
MAX_PROBLEMS_KEPT = 50
MEMO_SIZE = 20_000  # (location, point) answers kept: memory stays bounded however many points a file has
_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")


class AcledRowError(ValueError):
    """strict import: the first row that cannot be read (message names file and line)."""


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 report", "2 reports", "0 reports"; ``many`` for irregular plurals."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _window(day: date, precision: str, published: date | None):
    """(date, date_end, date_precision, note) for ACLED's time_precision."""
    if precision in ("", "1"):
        return day.isoformat(), "", "day", "ACLED time_precision 1: the day"
    if precision == "2":
        start, end = day - timedelta(days=3), day + timedelta(days=3)
        if published and published < end:
            end = max(published, start)
        return start.isoformat(), end.isoformat(), "range", f"ACLED time_precision 2 (within the week): {day} +-3 days, ending no later than publication"
    if precision == "3":
        return day.strftime("%Y-%m"), "", "month", "ACLED time_precision 3: the month"
    return None


# ------------------------------------------------------------------ actors

def actor_candidates(acled_name: str) -> list[str]:
    """The spellings tried against our actors, in order (see the module docstring)."""
    name = acled_name.strip()
    out = [name]
    bare = _BRACKET.sub("", name).strip()
    out.append(bare)
    for n in (name, bare):
        if ":" in n:
            short, _, long = n.partition(":")
            out += [long.strip(), short.strip()]
    return [c for c in dict.fromkeys(out) if c]


class ActorMapper:
    """ACLED actor names -> our actor names (name and aliases of ``actors_rows``)."""

    def __init__(self, actors_rows):
        self.index = AliasIndex(actors_rows)  # the first actor listed wins a shared alias
        self._memo: dict[str, tuple[str | None, str]] = {}

    def match(self, acled_name: str) -> tuple[str | None, str]:
        """(our name or None, how) for ``acled_name``."""
        if acled_name not in self._memo:
            found = (None, "")
            for i, cand in enumerate(actor_candidates(acled_name)):
                ours = self.index.get(cand)
                if ours:
                    found = (ours.strip(), "as written" if i == 0 else f"as {cand!r}")
                    break
            self._memo[acled_name] = found
        return self._memo[acled_name]


def _rgb(colour: str) -> tuple[int, int, int] | None:
    c = colour.strip().lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    try:
        return (int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)) if len(c) == 6 else None
    except ValueError:
        return None


def _far_enough(rgb, used, limit: float = MIN_COLOUR_DISTANCE) -> bool:
    return all(sum((a - b) ** 2 for a, b in zip(rgb, u)) ** 0.5 >= limit for u in used)


def new_colours(n: int, used_colours) -> list[str]:
    """``n`` colours for new actors: from PALETTE, then generated ones (hue,
    lightness and saturation stepped by a low-discrepancy sequence), each at
    least MIN_COLOUR_DISTANCE from every colour in ``used_colours`` and from each
    other (the distance shrinks only when thousands of actors leave no room).
    The same inputs give the same colours; used colours are never changed."""
    used = [c for c in map(_rgb, used_colours) if c]
    out: list[str] = []
    candidates = iter(PALETTE)
    k, limit = 0, MIN_COLOUR_DISTANCE
    while len(out) < n:
        c = next(candidates, None)
        if c is None:
            k += 1
            h = (k * 0.6180339887) % 1.0
            light = 0.22 + 0.56 * ((k * 0.7548776662) % 1.0)
            sat = 0.35 + 0.6 * ((k * 0.5698402910) % 1.0)
            r, g, b = colorsys.hls_to_rgb(h, light, sat)
            c = f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"
            if k % 5000 == 0:  # no room left at this distance: accept closer colours, never equal ones
                limit = max(1.0, limit * 0.8)
        rgb = _rgb(c)
        if _far_enough(rgb, used, limit):
            out.append(c)
            used.append(rgb)
    return out


# ------------------------------------------------------------------ places

class _PlaceMapper:
    def __init__(self, places_rows):
        self.given = list(places_rows)
        self.matcher = NearbyMatcher(self.given)
        self.taken = {(r.get("name") or "").strip() for r in self.given}
        self.new: dict[str, dict] = {}
        self._by_key: dict[str, list[dict]] = {}  # normalized name -> new places
        self._memo: OrderedDict[tuple, tuple[str, str]] = OrderedDict()  # the last MEMO_SIZE points looked up
        self.matched: Counter = Counter()

    def place(self, g: dict, lat: float, lon: float, eid: str) -> tuple[str, str]:
        """(our place name, how it was found) for the row's location and point."""
        loc = g["location"]
        key = (loc, round(lat, 4), round(lon, 4))
        if key in self._memo:
            self._memo.move_to_end(key)
            name, how = self._memo[key]
            if name in self.matched:
                self.matched[name] += 1
            return name, how
        m = self.matcher.match(loc, lat, lon)
        if m is not None:
            name = m.row["name"]
            how = f"place: ACLED location {loc!r} is {name} ({m.how} {m.matched!r}), {m.km:.1f} km from its point"
            self.matched[name] += 1
        else:
            nkey = normalise(loc)
            near = [p for p in self._by_key.get(nkey, []) if haversine_km(lat, lon, p["lat"], p["lon"]) <= NEAR_NAME_KM]
            if near:
                name = near[0]["name"]
            else:
                name = loc
                if name in self.taken:
                    name = f"{loc} ({g.get('admin1') or g.get('admin2') or f'{lat:.4f}, {lon:.4f}'})"
                if name in self.taken:
                    name = f"{loc} ({lat:.4f}, {lon:.4f})"
                gp = g.get("geo_precision", "")
                row = {"name": name, "kind": "", "lat": lat, "lon": lon, "aliases": "",
                       "coord_source": "manual", "coord_ref": f"acled:{eid}" if eid else "",
                       "coord_note": f"ACLED coordinates, geo_precision {gp or '?'} ({GEO_PRECISION.get(gp, 'unknown')})"
                       + (f"; {g['admin1']}" if g.get("admin1") else "")
                       + ("" if name == loc else f"; ACLED location {loc!r}, another place has that name")}
                self.new[name] = row
                self.taken.add(name)
                self._by_key.setdefault(nkey, []).append(row)
            how = f"place: new, ACLED location {loc!r} at ACLED's point"
        self._memo[key] = (name, how)
        if len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        return name, how


# ------------------------------------------------------------------ import

def _num(v: str, what: str, low: float, high: float) -> float:
    try:
        f = float(v)
    except ValueError:
        raise ValueError(f"{what} {v!r} is not a number") from None
    if not low <= f <= high:
        raise ValueError(f"{what} {v!r} is out of range ({low:g} to {high:g})")
    return f


def _progress_bar(path: Path, progress):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=path.stat().st_size, unit="B", unit_scale=True, unit_divisor=1024,
                desc=f"reading {path.name}", file=sys.stderr, leave=True, mininterval=0.5)


def _identity(path: Path):
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def _all_or_none(last: Path, *paths: Path):
    """Put ``paths`` back as they were (or remove them, if they were not there)
    when the block fails before ``last`` is replaced: an import replaces
    places.csv and actors.csv just before events.csv, and a failure in between
    must not leave the three files from two different imports. Once ``last``
    is in place (a failure after it, e.g. syncing the folder), the import
    stands as a whole. Call it holding the files' locks."""
    before = {}
    for p in paths:
        try:
            before[p] = p.read_bytes()
        except FileNotFoundError:
            before[p] = None
    last_before = _identity(last)
    try:
        yield
    except BaseException:
        if _identity(last) == last_before:  # (an atomic replace gives it a new inode)
            for p, content in before.items():
                try:
                    if content is None:
                        p.unlink(missing_ok=True)
                    elif p.read_bytes() != content:
                        files.write_bytes_atomic(p, content)
                except OSError:
                    pass  # (nothing more to do here: the error that stopped the import goes on up)
        raise


class _Tally:
    """What an import counts: rows read, control changes written, rows skipped (and why), and the rows that
    could not be read (the first MAX_PROBLEMS_KEPT messages kept; ``strict``: the first one stops it)."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.read = self.events = self.problem_count = 0
        self.skipped: Counter = Counter()
        self.problems: list[str] = []
        self.sources: set[str] = set()
        self._claims: set[int] = set()  # hashes of (window, place, actors, quote): 500,000 of them take ~30 MB

    def problem(self, where: str, text: str) -> None:
        msg = f"{where}: {text}"
        if self.strict:
            raise AcledRowError(msg)
        self.problem_count += 1
        self.skipped["could not be read (see problems)"] += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(msg)

    def repeated_claim(self, row: dict) -> bool:
        """Whether ``row`` is the same claim as a row before (validate would call it a duplicate row)."""
        claim = hash((row["date"], row["date_end"], row["place"], row["actor"], row["previous_actor"], row["quote"]))
        if claim in self._claims:
            self.skipped["the same claim as an earlier row (date, place, actors and notes)"] += 1
            return True
        self._claims.add(claim)
        return False


class _Change:
    """A territory row of ACLED, read: its fields, date window, point and publication date."""

    __slots__ = ("fields", "eid", "window", "lat", "lon", "published", "pub_note")

    def __init__(self, fields, eid, window, lat, lon, published, pub_note):
        self.fields, self.eid, self.window, self.lat, self.lon = fields, eid, window, lat, lon
        self.published, self.pub_note = published, pub_note


def _published(stamp: str) -> date | None:
    """ACLED's timestamp (when the row was entered, seconds since 1970) as a date (ValueError, OverflowError,
    OSError when it is not a time)."""
    return datetime.fromtimestamp(int(stamp), timezone.utc).date() if stamp.isascii() and stamp.isdigit() else None


def _read_change(rec, tally: _Tally, ids: set) -> _Change | None:
    """The territory change a record holds, or None when it is skipped (counted) or cannot be read (a problem)."""
    g = rec.fields
    if "__problem__" in g:
        return tally.problem(rec.where, g["__problem__"])
    if g.get("sub_event_type") not in TERRITORY:
        tally.skipped["not a territory change"] += 1
        return None
    try:
        day = parse_acled_date(g.get("event_date", ""))
    except AcledDateError as exc:
        return tally.problem(rec.where, f"event_date: {exc}")
    try:
        lat = _num(g.get("latitude", ""), "latitude", -90, 90)
        lon = _num(g.get("longitude", ""), "longitude", -180, 180)
    except ValueError as exc:
        return tally.problem(rec.where, str(exc))
    if not g.get("actor1") or not g.get("location"):
        return tally.problem(rec.where, "empty " + " and ".join(c for c in ("actor1", "location") if not g.get(c)))
    stamp = g.get("timestamp", "")
    try:
        published = _published(stamp)
    except (ValueError, OverflowError, OSError):
        return tally.problem(rec.where, f"timestamp {stamp!r} is not a time")
    win = _window(day, g.get("time_precision", ""), published)
    if win is None:
        return tally.problem(rec.where, f"time_precision {g.get('time_precision')!r} is not 1, 2 or 3")
    eid = g.get("event_id_cnty", "")
    if eid and eid in ids:
        tally.skipped["repeated event_id_cnty"] += 1
        return None
    ids.add(eid)
    first = date.fromisoformat(win[0] if win[2] != "month" else f"{win[0]}-01")
    last = date.fromisoformat(win[1] or win[0]) if win[2] != "month" else (
        (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
    if published is None or published < first:
        published, pub_note = last, "published: ACLED upload date unknown, set to the last day of the window"
    else:
        pub_note = "published: the ACLED upload date (timestamp)"
    return _Change(g, eid, win, lat, lon, published, pub_note)


def _changes(path: Path, tally: _Tally, bar):
    """The territory changes of an ACLED file, one at a time (a repeated event id is skipped)."""
    ids: set[str] = set()
    for k, rec in enumerate(acled_read.iter_records(path)):
        tally.read += 1
        if bar is not None and k % 2048 == 0:
            bar.update(rec.pos - bar.n)
        change = _read_change(rec, tally, ids)
        if change is not None:
            yield change


class _Actors:
    """ACLED's actor names as ours (``ActorMapper``); an unknown one becomes a new actor under its ACLED name."""

    def __init__(self, actors_rows):
        self.given = [dict(r) for r in actors_rows]
        self.mapper = ActorMapper(self.given)
        self.new: dict[str, dict] = {}
        self.use: Counter = Counter()

    def ours(self, acled_name: str) -> tuple[str, str]:
        """(our name, the note saying how it was found)."""
        name, how = self.mapper.match(acled_name)
        if name is None:
            if acled_name not in self.new:
                self.new[acled_name] = {"name": acled_name, "parent": "", "aliases": "", "colour": "",
                                        "description": "Imported from ACLED: ACLED's actor name, matched to no actor of ours."}
            name, how = acled_name, "new"
        self.use[name] += 1
        return name, (f"{acled_name!r} is {name} ({how})" if name != acled_name or how != "new" else f"{acled_name!r} is new")

    def rows(self) -> list[dict]:
        """The given actors, unchanged, then the new ones, each with a colour of its own (``new_colours``)."""
        colours = new_colours(len(self.new), [a.get("colour", "") for a in self.given])
        for row, colour in zip(self.new.values(), colours):
            row["colour"] = colour
        return [*self.given, *self.new.values()]


def _event_row(c: _Change, places: _PlaceMapper, actors: _Actors) -> dict:
    """Our event row for an ACLED territory change: its place and actors ours, its notes saying how."""
    g, eid, win = c.fields, c.eid, c.window
    place, place_note = places.place(g, c.lat, c.lon, eid)
    actor, a_note = actors.ours(g["actor1"])
    previous, p_note = actors.ours(g["actor2"]) if g.get("actor2") else ("", "")
    if previous == actor:
        previous = ""
    summary = g.get("notes") or f"{g['sub_event_type']}: {g['actor1']} at {g['location']} (ACLED event {eid or 'without id'})"
    return {
        "id": eid, "date": win[0], "date_end": win[1], "date_precision": win[2], "place": place,
        "actor": actor, "status": "controlled", "event": g["sub_event_type"],
        "previous_actor": previous, "claimed_by": "",
        "source_name": f"{g['source']} via ACLED" if g.get("source") else "ACLED", "source_url": ACLED_URL,
        "published": c.published.isoformat(), "quote": summary, "quote_type": "summary",
        "notes": f"ACLED event {eid or '(no id)'}; quote is ACLED's own summary (notes field), not a report's words"
                 + ("" if g.get("notes") else "; ACLED notes were empty, summary generated from the row")
                 + f"; {win[3]}; {c.pub_note}; {place_note}; actor1 {a_note}"
                 + (f"; actor2 {p_note}" if p_note else "")}


@contextmanager
def _outputs(out: dict):
    """A writer of events.csv as it goes; places.csv and actors.csv are written by the block just before it
    ends. All three appear together or not at all (``_all_or_none``), under the files' locks."""
    with files.locked_all(out.values()), _all_or_none(out["events"], out["places"], out["actors"]), \
            files.atomic_writer(out["events"]) as fh:
        w = csv.DictWriter(fh, fieldnames=list(schema.EVENT_COLUMNS), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        yield w


def _summary(tally: _Tally, places: _PlaceMapper, actors: _Actors) -> dict:
    known_actors = {a["name"] for a in actors.given}
    return {"read": tally.read, "events": tally.events, "places": len(places.new) + len(places.matched),
            "places_matched": len(places.matched), "places_new": len(places.new),
            "actors": len(actors.use), "actors_matched": len(set(actors.use) & known_actors),
            "actors_new": len(actors.new), "reports": len(tally.sources),
            "skipped": sum(tally.skipped.values()), "skipped_reasons": dict(tally.skipped),
            "problems": tally.problems, "problem_count": tally.problem_count}


def import_acled(path, out_dir, *, places_rows=(), actors_rows=(), progress: bool | None = False,
                 strict: bool = False) -> dict:
    """Write out_dir/events.csv, places.csv, actors.csv from an ACLED CSV or JSON
    file; return the counts (see the module docstring). ``places_rows`` /
    ``actors_rows``: the tables to match against (dicts of PLACE_COLUMNS /
    ACTOR_COLUMNS), copied into the output first. ``progress``: a tqdm bar on
    stderr (None: only when stderr is a terminal). Raises AcledFileError for a
    file that is no ACLED export, AcledRowError (strict) for a bad row.

    The steps: reading the territory changes (:func:`_changes`), our place and actors for each
    (:func:`_event_row`), the three files written all or none (:func:`_outputs`), the counts (:func:`_summary`)."""
    path, out_dir = Path(path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    actors, places, tally = _Actors(actors_rows), _PlaceMapper(places_rows), _Tally(strict)
    out = {"events": out_dir / "events.csv", "places": out_dir / "places.csv", "actors": out_dir / "actors.csv"}
    bar = _progress_bar(path, progress)
    try:
        with _outputs(out) as events:
            for change in _changes(path, tally, bar):
                row = _event_row(change, places, actors)
                if tally.repeated_claim(row):
                    continue
                tally.sources.add(row["source_name"])
                events.writerow(row)
                tally.events += 1
            if bar is not None:
                bar.update(path.stat().st_size - bar.n)
            # places and actors first: should the events then fail, _all_or_none puts them back
            files.write_csv_atomic(out["places"], [*places.given, *places.new.values()], schema.PLACE_COLUMNS)
            files.write_csv_atomic(out["actors"], actors.rows(), schema.ACTOR_COLUMNS)
    finally:
        if bar is not None:
            bar.close()
    return _summary(tally, places, actors)


def summary_text(s: dict) -> str:
    """The import summary for a person, counted right ("1 control change")."""
    text = (f"read {plural(s['read'], 'ACLED row')}: {plural(s['events'], 'control change')} from "
            f"{plural(s['reports'], 'report')} (distinct ACLED source values), "
            f"{plural(s['places'], 'place')} ({s['places_matched']} of ours, {s['places_new']} new), "
            f"{plural(s['actors'], 'actor')} ({s['actors_matched']} of ours, {s['actors_new']} new); "
            f"skipped {plural(s['skipped'], 'row')}")
    return text + "".join(f"\n  {n} {why}" for why, n in s["skipped_reasons"].items())
