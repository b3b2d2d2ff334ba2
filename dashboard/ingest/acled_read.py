"""Reading ACLED files as they really come, one row at a time.

``iter_records(path)`` yields ``Record(where, fields, pos)`` for every event of
an ACLED file without holding the file in memory:

* **CSV** (the Data Export Tool, or a file saved again by Excel): read with the
  csv module, one record at a time (quoted newlines in ``notes`` allowed).
  ``where`` is "FILE line N", N the physical line the record starts on.
* **JSON** from ACLED's API, either ``{"status": 200, "data": [...]}`` or a bare
  list of objects: streamed with ijson (``data.item`` / ``item``). ``where`` is
  "FILE record N" (JSON has no useful line numbers). An API answer without
  data (``{"status": 403, "error": ...}``) is an AcledFileError saying so.

A file is JSON when its first non-blank byte is ``[`` or ``{``; otherwise CSV.
``pos`` is the byte offset read so far, for a progress bar.

``parse_acled_date(value)`` reads the date forms ACLED files carry, and only
forms whose day/month order is unambiguous:

* ISO ``2020-05-09`` (a time after it, ``2020-05-09 00:00:00`` or ``T...``, is ignored);
* ``09 May 2020`` / ``9 May 2020`` / ``9 September 2020`` (the export tool);
* ``9-May-20`` / ``09-May-2020`` (what Excel writes when it saves the CSV again);
* an Excel day number, ``43960`` or ``43960.0`` (1899-12-30 + N days, the
  Excel 1900 system), only between 1990 and 2100 so that no other number
  passes for a date.

Each form is tried with ``datetime.strptime`` and its one explicit format:
nothing is guessed. ``05/09/2020`` is refused with a message that says why
(day and month could be either way round). A value that parses no way raises
AcledDateError; ``acled.import_acled`` turns it into "FILE line N: ..." .
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from dashboard.core import spreadsheet

EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 date system, after its 1900-02-29 bug
EXCEL_MIN, EXCEL_MAX = (date(1990, 1, 1) - EXCEL_EPOCH).days, (date(2100, 1, 1) - EXCEL_EPOCH).days
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T].*)?")
_NAMED = re.compile(r"(\d{1,2})([ -])([A-Za-z]{3,9})\2(\d{2}|\d{4})")
_SERIAL = re.compile(r"\d{4,6}(?:\.0+)?")
_NUMERIC = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}")
DATE_FORMS = "YYYY-MM-DD, '09 May 2020', '9-May-20' or an Excel day number"


class AcledDateError(ValueError):
    """A date no ACLED form reads; the message says what was expected."""


class AcledFileError(ValueError):
    """A file that is not an ACLED export at all (message names the file)."""


def parse_acled_date(value) -> date:
    """The day ``value`` stands for (see the module docstring); AcledDateError otherwise."""
    s = str(value if value is not None else "").strip()
    try:
        if _ISO.fullmatch(s):
            return datetime.strptime(s[:10], "%Y-%m-%d").date()
        m = _NAMED.fullmatch(s)
        if m:
            day, sep, name, yr = m.groups()
            if name.lower() == "sept":  # (spreadsheets write September so; strptime knows only "Sep")
                name = name[:3]
            month = "%b" if len(name) == 3 else "%B"
            year = "%y" if len(yr) == 2 else "%Y"
            return datetime.strptime(f"{day}{sep}{name}{sep}{yr}", f"%d{sep}{month}{sep}{year}").date()
        if _SERIAL.fullmatch(s):
            n = int(Decimal(s))
            if EXCEL_MIN <= n < EXCEL_MAX:
                return EXCEL_EPOCH + timedelta(days=n)
            raise AcledDateError(f"{s!r} is outside the Excel day numbers of 1990-2099 ({EXCEL_MIN}-{EXCEL_MAX - 1}); expected {DATE_FORMS}")
    except ValueError as exc:  # strptime: e.g. 31 February, or a month name it does not know
        if isinstance(exc, AcledDateError):
            raise
        raise AcledDateError(f"{s!r} is not a real date ({exc}); expected {DATE_FORMS}") from None
    if _NUMERIC.fullmatch(s):
        raise AcledDateError(f"{s!r} is ambiguous (day and month could be either way round); expected {DATE_FORMS}")
    raise AcledDateError((f"{s!r} is not a date" if s else "the date is empty") + f"; expected {DATE_FORMS}")


@dataclass(frozen=True)
class Record:
    where: str  # "acled.csv line 7" / "acled.json record 3"
    fields: dict  # column -> text (stripped), never None
    pos: int  # bytes of the file read so far


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, Decimal):  # ijson's numbers: 36.2012 -> "36.2012"
        return format(v, "f")
    return str(v).strip()


def _first_byte(path: Path) -> bytes:
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(4096)
            if not chunk:
                return b""
            stripped = chunk.lstrip(b" \t\r\n\xef\xbb\xbf")  # blanks and a UTF-8 BOM
            if stripped:
                return stripped[:1]


def file_kind(path) -> str:
    """ "json" or "csv" (see the module docstring)."""
    return "json" if _first_byte(Path(path)) in (b"[", b"{") else "csv"


def iter_records(path) -> Iterator[Record]:
    """Every record of an ACLED CSV or JSON file (see the module docstring)."""
    path = Path(path)
    return _iter_json(path) if file_kind(path) == "json" else _iter_csv(path)


def _iter_csv(path: Path) -> Iterator[Record]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        try:
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise AcledFileError(f"{path.name}: the file is empty") from None
            if "event_date" not in header:
                raise AcledFileError(f"{path.name} line 1: no event_date column; this is not an ACLED export "
                                     f"(columns: {', '.join(header[:8])}{', ...' if len(header) > 8 else ''})")
            start = reader.line_num + 1
            for rec in reader:
                where, start = f"{path.name} line {start}", reader.line_num + 1
                if not rec or all(not c.strip() for c in rec):
                    continue
                # (a cell our own export made inert for spreadsheets, "'=...", is read back as it was)
                fields = {h: spreadsheet.restore(c.strip()) for h, c in zip(header, rec) if h}
                if len(rec) != len(header):
                    fields["__problem__"] = f"{len(rec)} fields where the header has {len(header)}"
                yield Record(where, fields, fh.buffer.tell())
        except UnicodeDecodeError as exc:
            raise AcledFileError(f"{path.name} line {start} or a little after: not UTF-8 text ({exc.reason}, byte "
                                 f"{exc.object[exc.start:exc.start + 1]!r}); ACLED's exports are UTF-8, so save the "
                                 f"file again as UTF-8") from None


def _iter_json(path: Path) -> Iterator[Record]:
    import ijson

    with open(path, "rb") as fh:
        prefix = "item" if _first_byte(path) == b"[" else "data.item"
        n = 0
        try:
            for obj in ijson.items(fh, prefix):
                n += 1
                where = f"{path.name} record {n}"
                if not isinstance(obj, dict):
                    yield Record(where, {"__problem__": f"a {type(obj).__name__}, not an object of ACLED columns"}, fh.tell())
                    continue
                yield Record(where, {str(k).strip(): _text(v) for k, v in obj.items()}, fh.tell())
        except ijson.JSONError as exc:
            raise AcledFileError(f"{path.name}: not valid JSON after record {n}: {exc}") from None
        if n == 0 and prefix == "data.item":
            fh.seek(0)
            top = {}
            try:
                for k, v in ijson.kvitems(fh, ""):
                    if k in ("status", "success", "error", "message", "messages"):
                        top[k] = v
            except ijson.JSONError:
                pass
            status = _text(top.get("status"))
            if status and status != "200" or "error" in top:
                raise AcledFileError(f"{path.name}: ACLED's API answered status {status or '?'} with no data: "
                                     f"{_text(top.get('error') or top.get('message') or top.get('messages'))[:300]}")
