"""Text cells made inert for spreadsheets (CSV injection, OWASP).

A CSV cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets when the file is opened ("=HYPERLINK(...)" in a place
name or a quote). Every CSV the project writes for people to open (``state --format csv``, the app's
CSV download, ``export --format acled``) passes its text cells through :func:`inert`, which puts a
single quote before such text, as OWASP's CSV-injection guidance recommends; spreadsheets show the
text and do not run it. Numbers are left as numbers. The project's own data files (events.csv,
places.csv, review files) are not touched: they are read back, and their quotes must stay verbatim.
:func:`restore` undoes :func:`inert` for a cell read back from such an export (import-acled).
"""

from __future__ import annotations

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` with a single quote before it when it is text a spreadsheet would run; else unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def restore(value):
    """A cell from an export :func:`inert` wrote, as it was."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text column's cells made inert (numeric columns as they are)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(inert)
    return out


def inert_rows(rows: list[dict]) -> list[dict]:
    """Row dicts with every text value made inert."""
    return [{k: inert(v) for k, v in r.items()} for r in rows]
