"""Reading the CSV files into tables of text, with the file line on which
each row starts, or the reason they cannot be read (``FILE:LINE: message``)."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


def use_system_allocator() -> None:
    """Use the C library's allocator for Arrow, unless the user chose a pool
    (ARROW_DEFAULT_MEMORY_POOL). Called once at the start of loading."""
    # Arrow's default allocator (mimalloc) keeps the pages of freed buffers, and
    # loading frees many (each stripped column replaces the one read): after
    # loading a 57 MB file, 423 MB were resident against 249 MB with the C
    # library's allocator (measured at 200,000 claims). The C library's allocator
    # gives them back when asked (release_unused, while loading), at no measurable cost in
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
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
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
        # Arrow's reader is about 10x faster, checks UTF-8 itself and reads the
        # file from disk, so the bytes read above are let go first (at a million
        # claims they are 280 MB); it refuses quoted line breaks, bad UTF-8 and
        # malformed rows, which the path below then reports by line.
        head = raw[:65536]
        names = next(csv.reader(io.StringIO(head.decode("utf-8", "replace"))), [])
        del raw
        df = _read_arrow(path, names, bom)
        if df is None or not (scan["breaks"] == len(df) and not scan["blank"]):  # (needed again)
            raw = _bytes(path)
        else:
            raw = head
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
    df.columns = [str(column).strip() for column in df.columns]
    # pandas renames a repeated column ("quote", "quote.1"), so look at the header as written
    header = next((row for row in csv.reader(io.StringIO(raw[:65536].decode("utf-8", "replace"))) if row), [])
    header = [column.strip() for column in header]
    dupe_cols = sorted({column for column in header if header.count(column) > 1})
    if dupe_cols:
        problems.append(Problem(name, 1, f"duplicate column(s) in header: {', '.join(dupe_cols)}"))
        return None, None
    return df, _line_numbers(text, df, raw, scan)  # text is None unless the slow reader ran


def _bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def _read_arrow(path: Path, names: list[str], bom: bool) -> pd.DataFrame | None:
    """The file as text columns with Arrow's reader, or None if it refuses it
    (or reads a column as anything but text)."""
    try:
        with open(path, "rb") as fh:
            if bom:
                fh.read(3)
            table = pacsv.read_csv(fh, convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False))
    except Exception:  # noqa: BLE001 - any refusal: the reader that explains
        return None
    if not all(pa.types.is_string(f.type) or pa.types.is_large_string(f.type) for f in table.schema):
        return None
    df = table.to_pandas(self_destruct=True, split_blocks=True)
    del table
    pa.default_memory_pool().release_unused()
    for col in df.columns[df.isna().any().to_numpy()]:  # rarely any: no whole-frame copy
        df[col] = df[col].fillna("")
    return df


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
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", msg)
    if match:
        rec = int(match.group(2)) - 1
        line = starts[rec] if rec < len(starts) else rec + 1
        return line, f"expected {match.group(1)} fields, saw {match.group(3)} (an unquoted comma?)"
    match = re.search(r"EOF inside string starting at row (\d+)", msg)
    if match:
        rec = int(match.group(1))
        line = starts[rec] if rec < len(starts) else rec + 1
        return line, 'a quoted field starting on this line is never closed (unbalanced ")'
    match = re.search(r"(line|row) (\d+)", msg)
    if match:
        rec = int(match.group(2)) - (1 if match.group(1) == "line" else 0)
        return (starts[rec] if 0 <= rec < len(starts) else rec + 1), msg.split(". ", 1)[-1]
    return 0, msg.split(". ", 1)[-1]


def _scan_lines(raw: bytes) -> dict:
    """What the readers need to know about a file's line breaks, in one
    vectorised pass (two-byte searches in Python cost 50 ms each on 50 MB):
    line breaks before the trailing ones, whether a blank line comes before
    them, whether there is one anywhere, and whether a line starts with a quote."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    end = len(buf)
    while end and buf[end - 1] in (10, 13):  # ignore trailing line breaks
        end -= 1
    step = 1 << 20  # a megabyte at a time: no file-sized temporary array
    newlines = np.concatenate([np.flatnonzero(buf[offset:offset + step] == 10) + offset
                               for offset in range(0, len(buf), step)] or [np.zeros(0, "int64")])
    nxt = newlines[newlines + 1 < len(buf)] + 1
    after = buf[nxt]
    inner_newlines = newlines[newlines < end]  # each has two more bytes before `end`: buf[end - 1] is no line break
    one, two = buf[inner_newlines + 1], buf[np.minimum(inner_newlines + 2, len(buf) - 1)]
    blank_in = bool(((one == 10) | ((one == 13) & (two == 10))).any())
    return {"breaks": int(inner_newlines.size), "blank": blank_in, "blank_anywhere": bool((after == 10).any()),
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


def read_rows(path) -> tuple[list[str], list[dict]]:
    """Plain csv read of a file (header, rows as dicts of text), for appending."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows
