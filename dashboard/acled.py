"""ACLED in and out.

``import_acled`` turns an ACLED export into the project's three files. Only the
territory sub-events are control changes: "Government regains territory",
"Non-state actor overtakes territory" and "Non-violent transfer of territory";
actor1 takes control (status controlled, event = the sub-event type) and actor2,
when present, is the previous_actor. Everything else is skipped and counted.

Rules:

* time_precision 1 -> day; 2 -> range, ACLED's "within the week": event_date
  +-3 days, the end clamped to the published date; 3 -> month of event_date.
* published: ACLED's ``timestamp`` (when the row was uploaded) as a date when
  present, else the last day of the date window. It is never before the window.
* ACLED ``notes`` are ACLED's own summary, not a report's words: they go into
  ``quote`` with quote_type "summary", and notes says so.
* source_name is ACLED's ``source`` + " via ACLED"; ACLED rows have no link, so
  source_url is https://acleddata.com/ and ``id`` is event_id_cnty.
* places: one per location (a second point with the same name gets
  "name (admin1)"), coord_source "manual" with coord_note "ACLED coordinates,
  geo_precision N (...)": ACLED's coordinates are neither GeoNames nor Nominatim
  answers of ours.
* actors: one per actor1/actor2 name, colours from the Okabe-Ito colour-blind
  safe palette, distinct for the first eight, then cycling.

``export_acled`` writes our claims in ACLED's column layout (see its docstring);
``export --format kml`` writes them as KML instead (dashboard/kml.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from dashboard import data, files, schema
from dashboard.control import actor_lineage

TERRITORY = ("Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory")
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
ACLED_URL = "https://acleddata.com/"
GEO_PRECISION = {"1": "the named place itself", "2": "near the named place or a part of a region",
                 "3": "a larger area such as a district or province"}
EXPORT_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                  "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
                  "geo_precision", "source", "notes", "fatalities")


def parse_acled_date(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


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


def import_acled(csv_path, out_dir) -> dict:
    """Write out_dir/events.csv, places.csv, actors.csv; return counts."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _, rows = data.read_rows(csv_path)
    skipped: Counter = Counter()
    events, places, place_key, actors, ids = [], {}, {}, {}, set()
    for r in rows:
        g = {k: (v or "").strip() for k, v in r.items() if k}
        if g.get("sub_event_type") not in TERRITORY:
            skipped["not a territory change"] += 1
            continue
        day = parse_acled_date(g.get("event_date", ""))
        try:
            lat, lon = float(g.get("latitude", "")), float(g.get("longitude", ""))
        except ValueError:
            lat = lon = None
        stamp = g.get("timestamp", "")
        published = datetime.fromtimestamp(int(stamp), timezone.utc).date() if stamp.isdigit() else None
        win = _window(day, g.get("time_precision", ""), published) if day else None
        eid = g.get("event_id_cnty", "")
        if not (day and win and g.get("actor1") and g.get("location") and lat is not None
                and -90 <= lat <= 90 and -180 <= lon <= 180) or (eid and eid in ids):
            skipped["missing or bad date, actor1, location or coordinates, or repeated event_id_cnty"] += 1
            continue
        ids.add(eid)
        first = date.fromisoformat(win[0] if win[2] != "month" else f"{win[0]}-01")
        last = date.fromisoformat(win[1] or win[0]) if win[2] != "month" else (
            (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
        if published is None or published < first:
            published, pub_note = last, "published: ACLED upload date unknown, set to the last day of the window"
        else:
            pub_note = "published: the ACLED upload date (timestamp)"
        name = g["location"]
        key = (name, round(lat, 4), round(lon, 4))
        if key not in place_key:
            if name in places:
                name = f"{name} ({g.get('admin1') or g.get('admin2') or f'{lat:.4f}, {lon:.4f}'})"
            gp = g.get("geo_precision", "")
            places[name] = {"name": name, "kind": "", "lat": lat, "lon": lon, "aliases": "", "coord_source": "manual",
                            "coord_ref": f"acled:{eid}" if eid else "",
                            "coord_note": f"ACLED coordinates, geo_precision {gp or '?'} ({GEO_PRECISION.get(gp, 'unknown')})"
                            + (f"; {g['admin1']}" if g.get("admin1") else "")}
            place_key[key] = name
        for a in (g["actor1"], g.get("actor2", "")):
            if a and a not in actors:
                actors[a] = {"name": a, "parent": "", "aliases": "", "colour": OKABE_ITO[len(actors) % len(OKABE_ITO)],
                             "description": "Imported from ACLED."}
        summary = g.get("notes") or f"{g['sub_event_type']}: {g['actor1']} at {g['location']}"
        events.append({
            "id": eid, "date": win[0], "date_end": win[1], "date_precision": win[2], "place": place_key[key],
            "actor": g["actor1"], "status": "controlled", "event": g["sub_event_type"],
            "previous_actor": g.get("actor2", "") if g.get("actor2") != g["actor1"] else "", "claimed_by": "",
            "source_name": f"{g['source']} via ACLED" if g.get("source") else "ACLED", "source_url": ACLED_URL,
            "published": published.isoformat(), "quote": summary, "quote_type": "summary",
            "notes": f"ACLED event {eid or '(no id)'}; quote is ACLED's own summary (notes field), not a report's words"
                     + ("" if g.get("notes") else "; ACLED notes were empty, summary generated from the row")
                     + f"; {win[3]}; {pub_note}"})
    out = {"events": out_dir / "events.csv", "places": out_dir / "places.csv", "actors": out_dir / "actors.csv"}
    with files.locked_all(out.values()):  # the three files as one set: an accept waits for all three
        files.write_csv_atomic(out["events"], events, schema.EVENT_COLUMNS)
        files.write_csv_atomic(out["places"], places.values(), schema.PLACE_COLUMNS)
        files.write_csv_atomic(out["actors"], actors.values(), schema.ACTOR_COLUMNS)
    return {"read": len(rows), "events": len(events), "places": len(places), "actors": len(actors),
            "skipped": sum(skipped.values()), "skipped_reasons": dict(skipped)}


def _sub_event(row, ancestors) -> tuple[str, str]:
    if row["event"] in TERRITORY:
        return "Strategic developments", row["event"]
    if row["status"] != "controlled":
        return "Strategic developments", "Other"
    if row["event"] == "handed over":
        return "Strategic developments", "Non-violent transfer of territory"
    gov = any(w in a.lower() for a in ancestors(row["actor"]) for w in ("government", "regime", "military forces of"))
    return "Strategic developments", "Government regains territory" if gov else "Non-state actor overtakes territory"


def export_acled(dataset, out_path) -> int:
    """Write dataset.events in ACLED's layout; returns the number of rows.

    event_id_cnty = id; event_date = the day (ranges: their middle day; months and
    years: their first day); time_precision 1 for a day, 2 for a range of at most
    7 days, else 3; event_type "Strategic developments"; sub_event_type = our event
    when it is an ACLED territory type, else from status/event (handed over ->
    transfer, government actors -> regains, others -> overtakes; contested ->
    "Other"); actor2 = previous_actor; location = place; geo_precision 3 for
    provinces, 2 for districts, else 1; source = source_name; notes = quote."""
    ev, pl = dataset.events, dataset.places.set_index("name")
    lineage = actor_lineage(dataset.actors)

    def ancestors(a):
        return lineage.get(a, (a,))

    rows = []
    for r in ev.to_dict("records"):
        start, end = int(r["start_day"]), int(r["end_day"])
        span = end - start + 1
        prec = 1 if r["date_precision"] == "day" else 2 if r["date_precision"] == "range" and span <= 7 else 3
        day = data.day_to_ts(start + (span - 1) // 2 if prec == 2 else start).date()
        place = pl.loc[r["place"]] if r["place"] in pl.index else None
        kind = str(place["kind"]).lower() if place is not None else ""
        etype, sub = _sub_event(r, ancestors)
        rows.append({
            "event_id_cnty": r["id"], "event_date": day.isoformat(), "year": day.year, "time_precision": prec,
            "disorder_type": "Strategic developments", "event_type": etype, "sub_event_type": sub,
            "actor1": r["actor"], "actor2": r.get("previous_actor", ""), "country": "Syria", "admin1": "",
            "location": r["place"], "latitude": "" if place is None else place["lat"],
            "longitude": "" if place is None else place["lon"],
            "geo_precision": 3 if kind == "province" else 2 if kind == "district" else 1,
            "source": r["source_name"], "notes": r["quote"], "fatalities": ""})
    files.write_csv_atomic(out_path, rows, EXPORT_COLUMNS)
    return len(rows)
