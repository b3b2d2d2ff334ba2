"""Our claims in ACLED's column layout (``python -m dashboard export --format acled``).

The other direction, an ACLED export read into our three files, is dashboard/ingest/acled.py;
``import-acled`` takes this file back with its text as it was (the cells made inert for
spreadsheets are restored as it reads them).
"""

from __future__ import annotations

from dashboard.core import data, files
from dashboard.core.control import actor_lineage
from dashboard.exports.csv_text import inert_csv
from dashboard.ingest.acled import TERRITORY

EXPORT_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                  "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
                  "geo_precision", "source", "notes", "fatalities")


def _sub_event(row, ancestors) -> tuple[str, str]:
    if row["event"] in TERRITORY:
        return "Strategic developments", row["event"]
    if row["status"] != "controlled":
        return "Strategic developments", "Other"
    if row["event"] == "handed over":
        return "Strategic developments", "Non-violent transfer of territory"
    gov = any(w in a.lower() for a in ancestors(row["actor"]) for w in ("government", "regime", "military forces of"))
    return "Strategic developments", "Government regains territory" if gov else "Non-state actor overtakes territory"


def acled_table(dataset) -> tuple[tuple[str, ...], list[dict]]:
    """(EXPORT_COLUMNS, one row per claim): dataset.events in ACLED's layout.

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
    return EXPORT_COLUMNS, rows


def export_acled(dataset, out_path) -> int:
    """Write ``acled_table`` to ``out_path``, atomically, no text run as a formula; returns the number of rows."""
    columns, rows = acled_table(dataset)
    files.write_text_atomic(out_path, inert_csv((columns, rows)))
    return len(rows)
