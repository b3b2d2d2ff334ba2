"""How much memory and time ``import-acled`` takes on a big synthetic export.

``python -m dashboard bench-acled --rows 500000`` writes a synthetic ACLED CSV
of that many rows (ACLED's export columns; half of them territory changes, the
rest battles; dates in the export's "09 May 2020" form with some "9-May-20"
and ISO; ACLED actor names, some of them ours, some new; locations near the
project's places plus a few thousand made-up villages; unique notes) to a
temporary folder, then runs ``python -m dashboard import-acled`` on it in a
child process and prints its wall time and peak resident memory (the child's
``ru_maxrss``). For contrast it also measures ``pandas.read_csv`` of the same
file whole, in its own child, which is what the old reader did in effect.
Nothing big is kept unless ``--keep DIR`` is given. Figures, not a test.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dashboard.core import data

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
ACTORS = ("Military Forces of Syria (2000-2024)", "Hayat Tahrir al-Sham", "SNA: Syrian National Army",
          "QSD: Syrian Democratic Forces", "Military Forces of Turkey (2016-)", "Military Forces of Russia (2000-)",
          "Islamic State (Syria)", "Unidentified Armed Group (Syria)", "Military Forces of Syria (2024-)",
          "Southern Operations Room", "Druze Militia (Syria)", "Ahrar al-Sham")
SOURCES = ("SOHR", "Enab Baladi", "SANA", "Anadolu Agency", "Syria Direct", "North Press Agency", "Step News Agency")
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory")


def write_synthetic_acled(path, rows: int, seed: int = 0) -> int:
    """Write ``rows`` synthetic ACLED rows to ``path`` (streamed); returns its size in bytes."""
    rnd = random.Random(seed)
    places = [(p["name"], float(p["lat"]), float(p["lon"])) for p in data.read_rows(data.DEFAULT_PLACES)[1]
              if p.get("lat") and p.get("lon")]
    villages = [(f"Village {i} {rnd.choice('ABCDEFGH')}", rnd.uniform(32.5, 37.0), rnd.uniform(35.8, 42.0))
                for i in range(3000)]
    start = date(2011, 3, 15)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(rows):
            day = start + timedelta(days=rnd.randrange(5000))
            form = rnd.random()
            when = (day.strftime("%d %B %Y") if form < 0.8 else
                    f"{day.day}-{day.strftime('%b-%y')}" if form < 0.95 else day.isoformat())
            if rnd.random() < 0.4:
                name, lat, lon = rnd.choice(places)
                lat, lon = lat + rnd.uniform(-0.01, 0.01), lon + rnd.uniform(-0.01, 0.01)
            else:
                name, lat, lon = rnd.choice(villages)
            territory = rnd.random() < 0.5
            a1, a2 = rnd.choice(ACTORS), rnd.choice(ACTORS + ("",))
            w.writerow([f"SYR{i + 1}", when, day.year, rnd.choice("1112223"), "Political violence",
                        "Strategic developments" if territory else "Battles",
                        rnd.choice(TERRITORY) if territory else "Armed clash",
                        a1, "", "1", a2, "", "2", "12", "", "760", "Middle East", "Syria", "Aleppo", "", "",
                        name, f"{lat:.4f}", f"{lon:.4f}", rnd.choice("112"), rnd.choice(SOURCES), "National",
                        f"On {day.strftime('%d %B %Y')}, {a1} took control of {name} (row {i + 1}).", "0", "",
                        str(int(time.mktime(day.timetuple())) + 86400 * rnd.randrange(1, 20))])
    return os.path.getsize(path)


def _child(argv: list[str]) -> tuple[float, float, int, str, float]:
    """(wall seconds, peak MiB, exit code, stderr tail, CPU seconds) of one child process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
            "s = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(s, u.ru_maxrss / 1024, p.returncode, u.ru_utime + u.ru_stime, repr(p.stderr[-300:]))")
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True).stdout.split(" ", 4)
    return float(out[0]), float(out[1]), int(out[2]), out[4].strip(), float(out[3])


def run(rows: int, keep: str | None = None, seed: int = 0) -> dict:
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="acled-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / f"acled_{rows}.csv"
    t0 = time.perf_counter()
    size = write_synthetic_acled(src, rows, seed)
    made = time.perf_counter() - t0
    secs, mib, rc, err, cpu = _child([sys.executable, "-m", "dashboard", "import-acled", str(src), "--out", str(folder / "out")])
    p_secs, p_mib, _, _, p_cpu = _child([sys.executable, "-c", f"import pandas; pandas.read_csv({str(src)!r}, dtype=str)"])
    _, base_mib, _, _, _ = _child([sys.executable, "-c", "import dashboard.ingest.acled"])
    events = sum(1 for _ in open(folder / "out" / "events.csv", encoding="utf-8")) - 1 if rc == 0 else 0
    res = {"rows": rows, "file_mib": size / 2**20, "generate_s": made, "import_s": secs, "import_cpu_s": cpu, "import_peak_mib": mib,
           "import_exit": rc, "events": events, "rows_per_s": rows / secs if secs else 0,
           "pandas_whole_file_s": p_secs, "pandas_whole_file_cpu_s": p_cpu, "pandas_whole_file_peak_mib": p_mib,
           "python_and_imports_peak_mib": base_mib, "folder": str(folder) if keep else "", "stderr": err}
    if not keep:
        for p in sorted(folder.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        folder.rmdir()
    return res


def report(r: dict) -> str:
    return "\n".join([
        f"synthetic ACLED CSV: {r['rows']:,} rows, {r['file_mib']:.0f} MiB (written in {r['generate_s']:.1f} s)",
        f"import-acled: {r['import_s']:.1f} s wall, {r['import_cpu_s']:.1f} s CPU ({r['rows_per_s']:,.0f} rows/s wall), "
        f"peak memory {r['import_peak_mib']:.0f} MiB, "
        f"exit {r['import_exit']}, {r['events']:,} control changes written",
        f"  (python with the dashboard's imports alone: {r['python_and_imports_peak_mib']:.0f} MiB)",
        f"for contrast, pandas.read_csv of the whole file (no import at all): {r['pandas_whole_file_s']:.1f} s wall, "
        f"{r['pandas_whole_file_cpu_s']:.1f} s CPU, peak {r['pandas_whole_file_peak_mib']:.0f} MiB",
    ] + ([f"kept in {r['folder']}"] if r["folder"] else []) + ([f"stderr: {r['stderr']}"] if r["import_exit"] else []))
