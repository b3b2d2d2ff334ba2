"""Loading and validating the three CSV files: events, places and actors.

Every problem is reported at once as ``FILE:LINE: message``; bad data never
raises anything but :class:`DataError`, which carries that list. Validation is
vectorised with pandas so that it stays fast on hundreds of thousands of rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import schema
from dashboard.files import atomic_writer, write_csv_atomic, write_text_atomic  # noqa: F401 - re-exported

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVENTS = ROOT / "events.csv"
DEFAULT_PLACES = ROOT / "geodata" / "places.csv"
MAX_PROBLEMS_SHOWN = 200

# Arrow's default allocator (mimalloc) keeps the pages of freed buffers, and
# loading frees many (each stripped column replaces the one read): after
# loading a 57 MB file, 423 MB were resident against 249 MB with the C
# library's allocator (measured at 200,000 claims). The C library's allocator
# gives them back when asked (release_unused below), at no measurable cost in
# speed. Respect a pool chosen by the user.
if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
    pa.set_memory_pool(pa.system_memory_pool())


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DataError(Exception):
    """Raised with every problem found in a data set."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]))


@dataclass(frozen=True, eq=False)
class Dataset:
    """One validated data set, immutable once built (so one can be shared by
    every session of the app): the three tables, where they came from, each
    actor's lineage (itself and its parent groups, nearest first) and the
    timeline of who controls what (``dashboard.control.Timeline``). Built
    only by :func:`build_dataset`."""

    events: pd.DataFrame
    places: pd.DataFrame
    actors: pd.DataFrame
    paths: dict
    lineage: dict
    timeline: object

    @property
    def first_day(self) -> pd.Timestamp:
        return day_to_ts(int(self.events["start_day"].min()))

    @property
    def last_day(self) -> pd.Timestamp:
        return day_to_ts(int(self.events["end_day"].max()))


def build_dataset(events: pd.DataFrame, places: pd.DataFrame, actors: pd.DataFrame, paths: dict | None = None,
                  timeline=None) -> Dataset:
    """The one place a Dataset is made: validated tables in, the lineage and
    the timeline built (or a cached timeline completed), everything frozen."""
    from dashboard import control  # (control reads this module's date helpers)

    lineage = control.actor_lineage(actors)
    tables = control.Tables(events, places, actors)
    timeline = control.make_timeline(tables) if timeline is None else control.complete_timeline(timeline, tables)
    return Dataset(events=events, places=places, actors=actors, paths=dict(paths or {}), lineage=lineage,
                   timeline=timeline)


# --------------------------------------------------------------------- paths


def resolve_paths(events=None, places=None, actors=None) -> tuple[Path, Path, Path]:
    """Explicit paths win, then DASHBOARD_EVENTS / DASHBOARD_PLACES /
    DASHBOARD_ACTORS, then the bundled files. The actors table is looked for
    beside the places file unless given."""
    ev = Path(events or os.environ.get("DASHBOARD_EVENTS") or DEFAULT_EVENTS)
    pl = Path(places or os.environ.get("DASHBOARD_PLACES") or DEFAULT_PLACES)
    ac = Path(actors or os.environ.get("DASHBOARD_ACTORS") or pl.with_name("actors.csv"))
    return ev, pl, ac


# ------------------------------------------------------------------ dates

_DATE_RE = {  # plain strings, so pandas can hand them to Arrow's regex engine
    "day": r"^\d{4}-\d{2}-\d{2}$",
    "month": r"^\d{4}-\d{2}$",
    "year": r"^\d{4}$",
}
_EPOCH = np.datetime64("1970-01-01", "D")


def day_to_ts(day: int) -> pd.Timestamp:
    return pd.Timestamp(_EPOCH + np.timedelta64(int(day), "D"))


def to_day(value) -> int:
    """A date-like value as days since 1970-01-01."""
    return int((np.datetime64(pd.Timestamp(value).date(), "D") - _EPOCH).astype(int))


_NO_DAY = -(2**62)


def _parse_days(values: pd.Series, fmt: str) -> np.ndarray:
    """Days since 1970-01-01 for dates written in ``fmt``; _NO_DAY where a
    value is not a real calendar date (2024-02-30 is refused)."""
    ts = pd.to_datetime(values, format=fmt, errors="coerce")
    days = (ts.to_numpy(dtype="datetime64[D]") - _EPOCH).astype("int64")
    return np.where(ts.isna(), _NO_DAY, days)


def _matches(values: pd.Series, pattern: str) -> np.ndarray:
    """Boolean mask: which values match a regex (Arrow's engine, no Python loop)."""
    import pyarrow.compute as pc

    arr = pa.array(values, type=pa.string())
    return pc.fill_null(pc.match_substring_regex(arr, pattern), False).to_numpy(zero_copy_only=False)


def _on_distinct(fn, *cols: pd.Series) -> tuple[np.ndarray, ...]:
    """``fn(*cols)`` (a tuple of arrays, one value per row) worked out once
    per distinct combination of values and spread back to every row: the
    same few thousand dates recur across hundreds of thousands of claims."""
    if len(cols[0]) < 1024:
        return tuple(np.asarray(o) for o in fn(*cols))
    first, inverse = _distinct(*cols)
    out = fn(*(c.iloc[first].reset_index(drop=True) for c in cols))
    return tuple(np.asarray(o)[inverse] for o in out)


def _distinct(*cols: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """For rows described by ``cols``: the first row of each distinct
    combination of values, and which combination each row has."""
    key = np.zeros(len(cols[0]), "int64")
    for c in cols:
        codes, uniq = pd.factorize(c)
        key, _ = pd.factorize(key * (len(uniq) + 1) + codes)  # stays below the row count: no overflow
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse


def period_bounds(date: pd.Series, date_end: pd.Series, precision: pd.Series):
    """First and last day (days since epoch) of each claim's date window, and
    a mask of rows whose date does not parse. Unparseable rows get _NO_DAY."""
    start, end, invalid = _on_distinct(_period_bounds, date, date_end, precision)
    idx = date.index
    return pd.Series(start, index=idx), pd.Series(end, index=idx), pd.Series(invalid, index=idx)


def _period_bounds(date: pd.Series, date_end: pd.Series, precision: pd.Series):
    start = np.full(len(date), _NO_DAY, dtype="int64")
    end = start.copy()
    prec = precision.to_numpy(dtype=object)
    for p, fmt in (("day", "%Y-%m-%d"), ("month", "%Y-%m"), ("year", "%Y")):
        m = (prec == p) & _matches(date, _DATE_RE[p])
        if not m.any():
            continue
        s = _parse_days(date[m], fmt)
        start[m] = s
        if p == "day":
            end[m] = s
        else:
            first = _EPOCH + s.clip(-10**6, 10**6).astype("timedelta64[D]")
            unit = "datetime64[M]" if p == "month" else "datetime64[Y]"
            last = ((first.astype(unit) + 1).astype("datetime64[D]") - _EPOCH).astype("int64") - 1
            end[m] = np.where(s == _NO_DAY, _NO_DAY, last)
    m = (prec == "range") & _matches(date, _DATE_RE["day"]) & _matches(date_end, _DATE_RE["day"])
    if m.any():
        start[m] = _parse_days(date[m], "%Y-%m-%d")
        end[m] = _parse_days(date_end[m], "%Y-%m-%d")
    return start, end, (start == _NO_DAY) | (end == _NO_DAY)


def _publication_end(pub: pd.Series):
    """Last day of each publication date (YYYY-MM-DD, YYYY-MM or YYYY), and
    which do not parse."""
    prec = pd.Series(np.select([_matches(pub, _DATE_RE[p]) for p in ("day", "month", "year")],
                               ["day", "month", "year"], ""), index=pub.index)
    _, end, invalid = _period_bounds(pub, pub, prec)
    return end, invalid


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(start_day: int, end_day: int, precision: str) -> str:
    """Human label that never shows an imprecise date as exact."""
    s = day_to_ts(start_day)
    e = day_to_ts(end_day)
    if precision == "day":
        return f"{s.day} {_MONTHS[s.month - 1]} {s.year}"
    if precision == "month":
        return f"{_MONTHS[s.month - 1]} {s.year} (month only)"
    if precision == "year":
        return f"{s.year} (year only)"
    left = f"{s.day} {_MONTHS[s.month - 1]}" + ("" if s.year == e.year else f" {s.year}")
    return f"between {left} and {e.day} {_MONTHS[e.month - 1]} {e.year}"


def date_labels(start, end, precision) -> np.ndarray:
    """Vectorised :func:`date_label` for arrays of days and precisions."""
    start = np.asarray(start, dtype="int64")
    end = np.asarray(end, dtype="int64")
    out = np.empty(len(start), dtype=object)

    def parts(days):
        d = (_EPOCH + days.astype("timedelta64[D]"))
        m = d.astype("datetime64[M]")
        return (d.astype("datetime64[Y]").astype(int) + 1970).tolist(), (m.astype(int) % 12).tolist(), \
            ((d - m).astype(int) + 1).tolist()

    sy, sm, sd = parts(start)
    ey, em, ed = parts(end)
    for i, p in enumerate(np.asarray(precision, dtype=object).tolist()):
        if p == "day":
            out[i] = f"{sd[i]} {_MONTHS[sm[i]]} {sy[i]}"
        elif p == "month":
            out[i] = f"{_MONTHS[sm[i]]} {sy[i]} (month only)"
        elif p == "year":
            out[i] = f"{sy[i]} (year only)"
        else:
            left = f"{sd[i]} {_MONTHS[sm[i]]}" + ("" if sy[i] == ey[i] else f" {sy[i]}")
            out[i] = f"between {left} and {ed[i]} {_MONTHS[em[i]]} {ey[i]}"
    return out


# ------------------------------------------------------------------ reading


def _read_table(path: Path, problems: list[Problem]) -> tuple[pd.DataFrame | None, np.ndarray | None]:
    """Read a CSV as text columns with each row's line number, or report why not."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(name, 0, "file not found"))
        return None, None
    except OSError as exc:
        problems.append(Problem(name, 0, f"cannot read file: {exc.strerror or exc}"))
        return None, None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw or raw.isspace():  # (no stripped copy of a large file)
        problems.append(Problem(name, 1, "file is empty; expected a header row and data rows"))
        return None, None
    if b"\x00" in raw:
        problems.append(Problem(name, raw[: raw.index(b"\x00")].count(b"\n") + 1, "file contains a NUL byte; is it really CSV?"))
        return None, None
    df = None
    scan = _scan_lines(raw)
    if not scan["blank_anywhere"] and not scan["quote_starts_line"]:
        # Arrow's reader is about 10x faster, reads the bytes without a decoded
        # copy and checks UTF-8 itself; it refuses quoted line breaks, bad
        # UTF-8 and malformed rows, which the path below then reports by line.
        try:
            df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, engine="pyarrow")
            for col in df.columns[df.isna().any().to_numpy()]:  # rarely any: no whole-frame copy
                df[col] = df[col].fillna("")
        except Exception:  # noqa: BLE001 - any refusal: fall back to the reader that explains
            df = None
    text = None
    if df is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            problems.append(Problem(name, line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"))
            return None, None
        try:
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=True)
        except pd.errors.ParserError as exc:
            line, message = _parser_error(text, str(exc))
            problems.append(Problem(name, line, f"not valid CSV: {message}"))
            return None, None
        except pd.errors.EmptyDataError:
            problems.append(Problem(name, 1, "file is empty; expected a header row and data rows"))
            return None, None
    df.columns = [str(c).strip() for c in df.columns]
    # pandas renames a repeated column ("quote", "quote.1"), so look at the header as written
    header = next((r for r in csv.reader(io.StringIO(raw[:65536].decode("utf-8", "replace"))) if r), [])
    header = [c.strip() for c in header]
    dupe_cols = sorted({c for c in header if header.count(c) > 1})
    if dupe_cols:
        problems.append(Problem(name, 1, f"duplicate column(s) in header: {', '.join(dupe_cols)}"))
        return None, None
    return df, _line_numbers(text, df, raw, scan)  # text is None unless the slow reader ran


def _record_starts(text: str) -> list[int]:
    """Physical line on which each CSV record starts, blank lines included
    (as pandas counts them); as far as the csv module can read."""
    starts = []
    reader = csv.reader(io.StringIO(text))
    prev = 0
    try:
        for _ in reader:
            starts.append(prev + 1)
            prev = reader.line_num
    except csv.Error:
        pass
    return starts


def _parser_error(text: str, msg: str) -> tuple[int, str]:
    """Line and message for a pandas ParserError. pandas counts records, not
    physical lines ("line N" 1-based, "row N" 0-based), so map the record to
    the line it starts on: a quoted field may span several lines."""
    starts = _record_starts(text)
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", msg)
    if m:
        rec = int(m.group(2)) - 1
        line = starts[rec] if rec < len(starts) else rec + 1
        return line, f"expected {m.group(1)} fields, saw {m.group(3)} (an unquoted comma?)"
    m = re.search(r"EOF inside string starting at row (\d+)", msg)
    if m:
        rec = int(m.group(1))
        line = starts[rec] if rec < len(starts) else rec + 1
        return line, 'a quoted field starting on this line is never closed (unbalanced ")'
    m = re.search(r"(line|row) (\d+)", msg)
    if m:
        rec = int(m.group(2)) - (1 if m.group(1) == "line" else 0)
        return (starts[rec] if 0 <= rec < len(starts) else rec + 1), msg.split(". ", 1)[-1]
    return 0, msg.split(". ", 1)[-1]


def _scan_lines(raw: bytes) -> dict:
    """What the readers need to know about a file's line breaks, in one
    vectorised pass (two-byte searches in Python cost 50 ms each on 50 MB):
    line breaks before the trailing ones, whether a blank line comes before
    them, whether there is one anywhere, and whether a line starts with a quote."""
    b = np.frombuffer(raw, dtype=np.uint8)
    end = len(b)
    while end and b[end - 1] in (10, 13):  # ignore trailing line breaks
        end -= 1
    step = 1 << 20  # a megabyte at a time: no file-sized temporary array
    nl = np.concatenate([np.flatnonzero(b[i:i + step] == 10) + i for i in range(0, len(b), step)] or [np.zeros(0, "int64")])
    nxt = nl[nl + 1 < len(b)] + 1
    after = b[nxt]
    nl_in = nl[nl < end]  # each has two more bytes before `end`: b[end - 1] is no line break
    one, two = b[nl_in + 1], b[np.minimum(nl_in + 2, len(b) - 1)]
    blank_in = bool(((one == 10) | ((one == 13) & (two == 10))).any())
    return {"breaks": int(nl_in.size), "blank": blank_in, "blank_anywhere": bool((after == 10).any()),
            "quote_starts_line": bool((after == 34).any())}


def _line_numbers(text: str | None, df: pd.DataFrame, raw: bytes = b"", scan: dict | None = None) -> np.ndarray:
    """Physical line on which each data row starts (header is line 1)."""
    # One physical line per record and no blank lines: line = row + 2.
    if scan is None:
        scan = _scan_lines(raw or (text or "").encode("utf-8"))
    if scan["breaks"] == len(df) and not scan["blank"]:
        return np.arange(2, len(df) + 2)
    if text is None:
        text = raw.decode("utf-8", "replace")
    lines = []
    reader = csv.reader(io.StringIO(text))
    prev = 0
    try:
        for row in reader:
            start = prev + 1
            prev = reader.line_num
            if row and any(cell.strip() for cell in row) or (row and len(row) > 1):
                lines.append(start)
    except csv.Error:  # e.g. a field over csv.field_size_limit(): fall back below
        lines = []
    lines = lines[1:]  # header
    if len(lines) != len(df):  # fall back rather than mislead
        return np.arange(2, len(df) + 2)
    return np.asarray(lines)


# --------------------------------------------------------------- validation


class _Report:
    """Collects problems for one file, vectorised over boolean masks."""

    def __init__(self, path: Path, lines: np.ndarray, problems: list[Problem]):
        self.path, self.lines, self.problems = str(path), lines, problems

    def rows(self, mask, message) -> None:
        """``message`` is a string or a callable taking the row position."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        for i in idx:
            text = message(i) if callable(message) else message
            self.problems.append(Problem(self.path, int(self.lines[i]), text))

    def header(self, message) -> None:
        self.problems.append(Problem(self.path, 1, message))


def _missing_columns(df: pd.DataFrame, required, rep: _Report, what: str) -> bool:
    missing = [c for c in required if c not in df.columns]
    if missing:
        rep.header(f"missing required column(s) for {what}: {', '.join(missing)} (header has: {', '.join(df.columns)})")
    return bool(missing)


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(schema.LIST_SEPARATOR) if v.strip()]


def _duplicates(rep: _Report, keys, what: str, cols: list[str] | None = None) -> None:
    """Report repeats of a key (a Series, or the ``cols`` of a DataFrame,
    compared in place without copying them), naming the line of the first
    occurrence. Index labels must be 0..n-1."""
    if cols is not None and len(cols) > 3 and len(keys) > 10_000:
        # rows equal on all columns are equal on a few telling ones: look at
        # those first (one cheap pass) and compare every column only there
        maybe = keys.duplicated(subset=cols[-3:], keep=False).to_numpy()
        if not maybe.any():
            return
        keys = keys.loc[maybe]
    dup = keys.duplicated(keep="first") if cols is None else keys.duplicated(subset=cols, keep="first")
    if not dup.any():
        return
    sub = keys if cols is None else keys.loc[keys.duplicated(subset=cols, keep=False).to_numpy(), cols]
    dup = dup[sub.index]
    involved = sub[sub.duplicated(keep=False).to_numpy()]
    frame = involved.to_frame() if isinstance(involved, pd.Series) else involved
    first = frame.reset_index().groupby(list(frame.columns), sort=False)["index"].transform("min")
    first_pos = dict(zip(involved.index, first.to_numpy()))
    mask = np.zeros(len(rep.lines), dtype=bool)
    mask[dup.index[dup.to_numpy()].to_numpy()] = True
    rep.rows(mask, lambda i: f"{what} (same as line {rep.lines[first_pos[i]]})")


_URL_FAST = r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?(?:[/?#][\x21-\x7e]*)?"


_URL_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")


def one_chunk(col: pd.Series) -> pd.Series:
    """The same text column with its Arrow data in one piece: the CSV reader
    leaves many chunks, and taking a few rows from a chunked column costs
    30 times more, on every rerun. Done column by column, so at most one
    column is ever held twice."""
    if not isinstance(col.dtype, pd.StringDtype):
        return col
    arr = pa.array(col)
    if not isinstance(arr, pa.ChunkedArray) or arr.num_chunks <= 1:
        return col
    return arr.combine_chunks().to_pandas().set_axis(col.index).rename(col.name)


def valid_url(url: str) -> bool:
    """http(s) links with a host and no whitespace or control characters."""
    if not isinstance(url, str) or not url or _URL_BAD_CHARS.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "." in (parts.hostname or "")


def _validate_actors(df, lines, path, problems) -> pd.DataFrame | None:
    rep = _Report(path, lines, problems)
    if _missing_columns(df, schema.ACTOR_REQUIRED, rep, "actors"):
        return None
    for c in schema.ACTOR_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df["name"] = df["name"].str.strip()
    rep.rows(df["name"] == "", "empty actor name")
    _duplicates(rep, df["name"].mask(df["name"] == "", "\x00" + df.index.astype(str)), "duplicate actor name")
    bad_colour = ~df["colour"].str.strip().str.fullmatch(r"#[0-9A-Fa-f]{6}")
    rep.rows(bad_colour, lambda i: f"colour {df['colour'].iat[i]!r} is not a #RRGGBB hex colour")
    names = set(df["name"])
    parent = df["parent"].str.strip()
    rep.rows((parent != "") & ~parent.isin(names), lambda i: f"parent {parent.iat[i]!r} is not an actor in this table")
    # cycles
    pmap = dict(zip(df["name"], parent))
    for i, n in enumerate(df["name"]):
        seen, cur = set(), n
        while cur and cur in pmap and cur not in seen:
            seen.add(cur)
            cur = pmap[cur]
        if cur == n:  # n is on the cycle (not merely below one)
            rep.rows(np.arange(len(df)) == i, f"actor {n!r} is its own ancestor (parent cycle)")
    return df


def _validate_places(df, lines, path, problems) -> pd.DataFrame | None:
    rep = _Report(path, lines, problems)
    if _missing_columns(df, schema.PLACE_REQUIRED, rep, "places"):
        return None
    for c in schema.PLACE_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df["name"] = df["name"].str.strip()
    rep.rows(df["name"] == "", "empty place name")
    _duplicates(rep, df["name"].mask(df["name"] == "", "\x00" + df.index.astype(str)), "duplicate place name")
    for col, lo, hi in (("lat", -90, 90), ("lon", -180, 180)):
        num = pd.to_numeric(df[col].str.strip(), errors="coerce")
        rep.rows(num.isna(), lambda i, col=col: f"{col} {df[col].iat[i]!r} is not a number")
        rep.rows(num.notna() & ((num < lo) | (num > hi)), lambda i, col=col, lo=lo, hi=hi: f"{col} {df[col].iat[i]} is out of range ({lo} to {hi})")
        df[col] = num
    src = df["coord_source"].str.strip()
    rep.rows((src != "") & ~src.isin(schema.COORD_SOURCES), lambda i: f"coord_source {src.iat[i]!r} must be one of {', '.join(schema.COORD_SOURCES)}")
    rep.rows((src == "manual") & (df["coord_note"].str.strip() == ""), "manual coordinates need a coord_note saying where they come from")
    return df


def _validate_events(df, lines, path, problems, places: set, actors: set, alias_hint: dict) -> pd.DataFrame | None:
    rep = _Report(path, lines, problems)
    if _missing_columns(df, schema.EVENT_REQUIRED, rep, "events"):
        return None
    for c in schema.EVENT_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    for c in schema.EVENT_COLUMNS:
        df[c] = one_chunk(df[c] if c == "quote" else df[c].str.strip())
        pa.default_memory_pool().release_unused()  # the column as read is gone
    for c in schema.EVENT_REQUIRED:  # (all but the quote are stripped already)
        rep.rows((df[c].str.strip() if c == "quote" else df[c]) == "", f"empty {c}" + (" (every claim needs the report's verbatim words)" if c == "quote" else ""))
    prec = df["date_precision"]
    rep.rows((prec != "") & ~prec.isin(schema.DATE_PRECISIONS), lambda i: f"date_precision {prec.iat[i]!r} must be one of {', '.join(schema.DATE_PRECISIONS)}")
    start, end, invalid = period_bounds(df["date"], df["date_end"], prec)
    expected = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY", "range": "YYYY-MM-DD with date_end YYYY-MM-DD"}
    rep.rows(invalid & prec.isin(schema.DATE_PRECISIONS) & (df["date"] != ""),
             lambda i: f"date {df['date'].iat[i]!r}" + (f" / date_end {df['date_end'].iat[i]!r}" if prec.iat[i] == "range" else "")
             + f" is not a valid date for precision {prec.iat[i]!r} (expected {expected[prec.iat[i]]})")
    rep.rows(~invalid & (end < start), lambda i: f"date_end {df['date_end'].iat[i]} is before date {df['date'].iat[i]}")
    rep.rows((prec != "range") & (prec != "") & (df["date_end"] != ""), "date_end is only used with date_precision 'range'")
    pub = df["published"]
    pend, pinvalid = _on_distinct(_publication_end, pub)
    pend, pinvalid = pd.Series(pend, index=df.index), pd.Series(pinvalid, index=df.index)
    rep.rows(pinvalid & (pub != ""), lambda i: f"published {pub.iat[i]!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    rep.rows(~invalid & ~pinvalid & (start > pend), lambda i: f"date {df['date'].iat[i]} is after the report was published ({pub.iat[i]})")
    for col, known, what in (("place", places, "place (add it to the places file first)"), ("actor", actors, "actor"), ("previous_actor", actors, "previous_actor")):
        v = df[col]
        rep.rows((v != "") & ~v.isin(known), lambda i, v=v, what=what: f"unknown {what}: {v.iat[i]!r}" + (f" (did you mean {alias_hint[v.iat[i].casefold()]!r}?)" if v.iat[i].casefold() in alias_hint else ""))
    st = df["status"]
    rep.rows((st != "") & ~st.isin(schema.STATUSES), lambda i: f"status {st.iat[i]!r} must be one of {', '.join(schema.STATUSES)}")
    url = df["source_url"]
    # a vectorised pre-check; the full check runs only on what it does not pass
    maybe_bad = (url != "") & ~url.str.fullmatch(_URL_FAST).fillna(False).astype(bool)
    if maybe_bad.any():
        maybe_bad &= ~url.where(maybe_bad, "").map(valid_url).astype(bool)
    rep.rows(maybe_bad, lambda i: f"source_url {url.iat[i]!r} is not an http(s) link")
    qt = df["quote_type"]
    rep.rows((qt != "") & ~qt.isin(schema.QUOTE_TYPES), lambda i: f"quote_type {qt.iat[i]!r} must be one of {', '.join(schema.QUOTE_TYPES)}")
    df["quote_type"] = qt.mask(qt == "", "verbatim")
    key_cols = ["date", "date_end", "date_precision", "place", "actor", "status", "previous_actor", "claimed_by", "source_url", "quote"]
    # str.cat rather than agg(join, axis=1): the latter gives a DataFrame, not a Series, when there are no rows
    _duplicates(rep, df, "duplicate row", cols=key_cols)
    ids = df["id"]
    given = ids != ""
    if not given.all():
        sub = df.loc[~given, key_cols]
        row_key = sub[key_cols[0]].str.cat([sub[c] for c in key_cols[1:]], sep="\x1f")
        gen = row_key.map(lambda s: "e" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:10])
        ids = ids.mask(~given, gen)
    _duplicates(rep, ids if given.all() else ids.mask(~given, "\x00" + df.index.astype(str)), "duplicate id")
    df["id"] = ids
    df["start_day"] = start.astype("int64")
    df["end_day"] = end.astype("int64")
    df["line"] = lines
    return df


def load_dataset(events=None, places=None, actors=None) -> Dataset:
    """Load and validate all three files; raise DataError listing every problem."""
    ev_path, pl_path, ac_path = resolve_paths(events, places, actors)
    problems: list[Problem] = []
    ac_df, ac_lines = _read_table(ac_path, problems)
    pl_df, pl_lines = _read_table(pl_path, problems)
    ev_df, ev_lines = _read_table(ev_path, problems)
    pa.default_memory_pool().release_unused()  # the reader's buffers
    actors_df = _validate_actors(ac_df, ac_lines, ac_path, problems) if ac_df is not None else None
    places_df = _validate_places(pl_df, pl_lines, pl_path, problems) if pl_df is not None else None
    if ev_df is not None and actors_df is not None and places_df is not None:
        hint = {}
        for tbl in (actors_df, places_df):
            for n, al in zip(tbl["name"], tbl["aliases"]):
                for a in _split_list(al):
                    hint[a.casefold()] = n
        events_df = _validate_events(ev_df, ev_lines, ev_path, problems, set(places_df["name"]), set(actors_df["name"]), hint)
        if events_df is not None and len(events_df) == 0:
            problems.append(Problem(str(ev_path), 1, "no data rows: add at least one claim under the header"))
    if problems:
        raise DataError(problems)
    # labelled once per distinct date window, then spread out in Arrow (no string per row in Python)
    first, inverse = _distinct(*(events_df[c] for c in ("start_day", "end_day", "date_precision")))
    labels = date_labels(*(events_df[c].to_numpy()[first] for c in ("start_day", "end_day", "date_precision")))
    events_df["date_label"] = pa.array(labels, type=pa.string()).take(pa.array(inverse)).to_pandas().set_axis(events_df.index)
    for c in events_df.columns:  # (a no-op for columns already in one piece)
        events_df[c] = one_chunk(events_df[c])
    pa.default_memory_pool().release_unused()  # hand freed parser/validation buffers back
    return build_dataset(events_df.reset_index(drop=True), places_df.reset_index(drop=True),
                         actors_df.reset_index(drop=True), {"events": ev_path, "places": pl_path, "actors": ac_path})


def validate_files(events=None, places=None, actors=None) -> tuple[Dataset | None, list[Problem]]:
    try:
        return load_dataset(events, places, actors), []
    except DataError as err:
        return None, err.problems


# ------------------------------------------------------------------ writing


# atomic_writer, write_csv_atomic and write_text_atomic: see dashboard.files
# (imported above and re-exported here for the tests and older callers).


def read_rows(path) -> tuple[list[str], list[dict]]:
    """Plain csv read of a file (header, rows as dicts of text), for appending."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows

