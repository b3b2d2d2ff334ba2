"""Text cells made inert for spreadsheets (CSV injection, OWASP).

A CSV cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets when the file is opened ("=HYPERLINK(...)" in a place
name or a quote). Every CSV the project writes for people to open (``state --format csv``, the app's
CSV download, ``export --format acled``, the review files of add-source and of the *Add a report*
page) passes its text cells through :func:`inert`, which puts a single quote before such text, as
OWASP's CSV-injection guidance recommends; spreadsheets show the text and do not run it. Text that
already begins with a single quote gets one more, so :func:`restore` is the exact inverse: ``accept``
and ``import-acled`` read such cells back as they were. Numbers are left as numbers. The project's
data files (events.csv, places.csv) are not touched: their quotes stay verbatim.
"""

from __future__ import annotations

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` with a single quote before it when it is text a spreadsheet would run; else unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS + ("'",)):
        return "'" + value
    return value


def restore(value):
    """A cell from an export :func:`inert` wrote, as it was."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(TRIGGERS + ("'",)):
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
