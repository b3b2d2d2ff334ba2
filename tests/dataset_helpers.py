"""Small data sets written into tmp_path for the data, control and CLI tests.

``write_csv`` takes a list of dicts; ``make_dataset`` writes events.csv,
geodata/places.csv and geodata/actors.csv (actors beside places, as the
loader expects) and returns their paths.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.core import schema

ACTORS = [
    {"name": "Syrian government", "parent": "", "aliases": "Syrian army;regime", "colour": "#D55E00", "description": ""},
    {"name": "Rebels", "parent": "", "aliases": "insurgents", "colour": "#56B4E9", "description": ""},
    {"name": "HTS", "parent": "Rebels", "aliases": "Hayat Tahrir al-Sham", "colour": "#009E73", "description": ""},
    {"name": "SNA", "parent": "Rebels", "aliases": "Syrian National Army", "colour": "#E69F00", "description": ""},
    {"name": "SDF", "parent": "", "aliases": "YPG;Syrian Democratic Forces", "colour": "#CC79A7", "description": ""},
    {"name": "Russia", "parent": "", "aliases": "", "colour": "#0072B2", "description": ""},
]

PLACES = [
    {"name": "Alpha", "kind": "city", "lat": "36.2", "lon": "37.16", "aliases": "Alfa", "coord_source": "geonames", "coord_ref": "geonames:1", "coord_note": ""},
    {"name": "Bravo", "kind": "town", "lat": "36.47", "lon": "37.09", "aliases": "", "coord_source": "geonames", "coord_ref": "geonames:2", "coord_note": ""},
    {"name": "Charlie", "kind": "air base", "lat": "35.41", "lon": "35.94", "aliases": "", "coord_source": "manual", "coord_ref": "", "coord_note": "runway midpoint"},
]

URL_A = "https://example.org/report-a"
URL_B = "https://example.com/report-b"


def ev(**kw) -> dict:
    """One events row: a day-precision claim that Alpha is held by the government."""
    row = {
        "id": "",
        "date": "2024-11-29",
        "date_end": "",
        "date_precision": "day",
        "place": "Alpha",
        "actor": "Syrian government",
        "status": "controlled",
        "event": "",
        "previous_actor": "",
        "claimed_by": "",
        "source_name": "Report A",
        "source_url": URL_A,
        "published": "2024-12-04",
        "quote": "The government holds Alpha.",
        "quote_type": "verbatim",
        "notes": "",
        "scope": "",
        "copy_of": "",
    }
    unknown = set(kw) - set(row)
    assert not unknown, f"unknown events column(s) {unknown}"
    row.update(kw)
    return row


def write_csv(path, rows: list[dict], columns=None) -> Path:
    """Write dicts as CSV (columns: given, else the keys in first-seen order)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})
    return path


def make_dataset(tmp_path, events: list[dict], places: list[dict] | None = None,
                 actors: list[dict] | None = None) -> tuple[Path, Path, Path]:
    """Write the three files and return (events, places, actors) paths."""
    tmp_path = Path(tmp_path)
    ev_path = write_csv(tmp_path / "events.csv", events, None if events else schema.EVENT_COLUMNS)
    pl_path = write_csv(tmp_path / "geodata" / "places.csv", PLACES if places is None else places)
    ac_path = write_csv(tmp_path / "geodata" / "actors.csv", ACTORS if actors is None else actors)
    return ev_path, pl_path, ac_path
