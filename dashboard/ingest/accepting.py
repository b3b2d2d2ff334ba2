"""Append reviewed rows (REVIEW.csv from ``add-source``) to the data safely.

``accept`` appends a reviewed file only if the whole data set still validates,
holding the data files' lock (dashboard.core.files) from the first read to the last
write.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.core import data, files, schema
from dashboard.core import spreadsheet


def _csv_lines(header, rows) -> list[int]:
    """Physical line on which each row starts when written like write_csv_atomic."""
    lines, line = [], 2
    for r in rows:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(["" if r.get(c) is None else r.get(c) for c in header])
        lines.append(line)
        line += buf.getvalue().count("\n")
    return lines


def _review_lines(path) -> list[int]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader, out, prev = csv.reader(fh), [], 1
        next(reader, None)
        prev = reader.line_num
        for row in reader:
            if any(c.strip() for c in row):
                out.append(prev + 1)
            prev = reader.line_num
    return out


def accept(review_csv, *, events_path, places_path, new_places_csv=None) -> list[str]:
    """Append reviewed rows (and new places) if the whole data set then validates.

    Returns problems as FILE:LINE: message (an empty list means written). Nothing is
    changed unless every file validates; each file is replaced atomically, places
    first (extra unused places keep the data valid if the events write fails, and
    the old places file is then put back). ``new_places_csv`` None means
    REVIEW.places.csv beside the review file, when it exists.

    The events and places files stay locked (dashboard.core.files) from the first read
    to the last write, so concurrent accepts queue and each adds all its rows."""
    review_csv, events_path, places_path = Path(review_csv), Path(events_path), Path(places_path)
    with ExitStack() as stack:
        try:
            stack.enter_context(files.locked_all([events_path, places_path]))
        except OSError as exc:  # e.g. a read-only data folder
            return [f"{exc.filename or events_path}:0: cannot lock the data for writing "
                    f"({exc.strerror or exc}); the old files are unchanged"]
        return _accept_locked(review_csv, events_path, places_path, new_places_csv)


def _accept_locked(review_csv: Path, events_path: Path, places_path: Path, new_places_csv) -> list[str]:
    merged = merge_review(review_csv, events_path=events_path, places_path=places_path,
                          new_places_csv=new_places_csv, scratch=None)
    if merged.problems:
        return merged.problems
    old_places = places_path.read_bytes()
    try:
        if merged.new_places:
            files.write_csv_atomic(places_path, merged.places_rows, merged.places_header)
        files.write_csv_atomic(events_path, merged.events_rows, merged.events_header)
    except BaseException as exc:
        if merged.new_places and places_path.read_bytes() != old_places:
            try:
                files.write_bytes_atomic(places_path, old_places)
            except OSError:
                pass  # extra, unused places still validate
        if isinstance(exc, OSError):
            return [f"{exc.filename or events_path}:0: cannot write ({exc.strerror or exc}); the old files are unchanged"]
        raise
    return []


@dataclass(frozen=True)
class Merged:
    """The data files as they would be after adding a review (nothing written).

    ``problems`` (FILE:LINE: message, naming the review's own lines for its rows)
    is empty when the merged files validate."""
    problems: list
    events_header: list = field(default_factory=list)
    events_rows: list = field(default_factory=list)
    places_header: list = field(default_factory=list)
    places_rows: list = field(default_factory=list)
    added: int = 0
    new_places: int = 0

    def csv_bytes(self) -> tuple[bytes, bytes]:
        """events.csv and places.csv as they would be written."""
        return (files.csv_bytes(self.events_rows, self.events_header),
                files.csv_bytes(self.places_rows, self.places_header))


def merge_review(review_csv, *, events_path, places_path, new_places_csv=None, scratch=None) -> Merged:
    """Merge a review file (and its new places) into the data and validate the result.

    Validation runs on copies in ``scratch`` (a folder; beside the data when None,
    so a read-only data folder needs a scratch folder). Writes nothing else."""
    review_csv, events_path, places_path = Path(review_csv), Path(events_path), Path(places_path)
    if new_places_csv is None and (sib := review_csv.with_name(review_csv.stem + ".places.csv")).exists():
        new_places_csv = sib
    _, actors_path = data.resolve_paths(events_path, places_path)[1:]
    try:
        ev_header, ev_rows = data.read_rows(events_path)
        pl_header, pl_rows = data.read_rows(places_path)
        _, review = data.read_rows(review_csv)
        review_l = _review_lines(review_csv)
        _, new_pl = data.read_rows(new_places_csv) if new_places_csv else ([], [])
        new_pl_l = _review_lines(new_places_csv) if new_places_csv else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return Merged([f"{getattr(exc, 'filename', None) or review_csv}:0: cannot read: {exc}"])
    # (add-source writes review files inert for spreadsheets, "'=..."; the cells are taken back as they were)
    review = [{k: spreadsheet.restore(v) for k, v in r.items()} for r in review]
    new_pl = [{k: spreadsheet.restore(v) for k, v in r.items()} for r in new_pl]
    review = [r for r in review if any(isinstance(v, str) and v.strip() for v in r.values())]
    if not review:
        return Merged([f"{review_csv}:1: no rows to add"])
    known = {r.get("name", "").strip() for r in pl_rows}
    keep = [(r, ln) for r, ln in zip(new_pl, new_pl_l) if r.get("name", "").strip() and r["name"].strip() not in known]
    ev_header = ev_header + [c for c in schema.EVENT_COLUMNS if c not in ev_header and any(r.get(c) for r in review)]
    pl_header = pl_header + [c for c in schema.PLACE_COLUMNS if c not in pl_header and any(r.get(c) for r, _ in keep)]
    ev_all, pl_all = ev_rows + review, pl_rows + [r for r, _ in keep]
    where = {}  # (temp path, line) -> (file, line) for messages about the new rows
    for tmp_real, rows, old_n, lines, src in (("ev", ev_all, len(ev_rows), review_l, review_csv),
                                              ("pl", pl_all, len(pl_rows), [ln for _, ln in keep], new_places_csv)):
        hdr = ev_header if tmp_real == "ev" else pl_header
        for i, ln in enumerate(_csv_lines(hdr, rows)[old_n:]):
            where[(tmp_real, ln)] = (src, lines[i] if i < len(lines) else 0)
    tmps = {}
    if scratch is None:
        for path in (events_path, places_path):  # left by an accept killed while validating (we hold the lock)
            files.remove_leftovers(path.parent, f".{path.stem}.accept-", ".csv")
    try:
        for key, path, hdr, rows in (("ev", events_path, ev_header, ev_all), ("pl", places_path, pl_header, pl_all)):
            fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.accept-", suffix=".csv", dir=scratch or path.parent)
            os.close(fd)
            tmps[key] = Path(tmp)
            files.write_csv_atomic(tmp, rows, hdr)
        _, problems = data.validate_files(tmps["ev"], tmps["pl"], actors_path)
    finally:
        for t in tmps.values():
            t.unlink(missing_ok=True)
    if problems:
        out = []
        for p in problems:
            key = next((k for k, t in tmps.items() if str(t) == p.path), None)
            real = {"ev": events_path, "pl": places_path}.get(key, p.path)
            src = where.get((key, p.line))
            msg = re.sub(r"same as line (\d+)", lambda m: "same as {} line {}".format(*where[(key, int(m.group(1)))])
                         if (key, int(m.group(1))) in where else f"same as {real} line {m.group(1)}", p.message)
            out.append(f"{src[0]}:{src[1]}: {msg}" if src else f"{real}:{p.line}: {msg}")
        return Merged(out)
    return Merged([], ev_header, ev_all, pl_header, pl_all, added=len(review), new_places=len(keep))
