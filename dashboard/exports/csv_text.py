"""CSV for people to open: the one place the exports turn a table into CSV text, every text cell
made inert for spreadsheets (dashboard/core/spreadsheet.py, OWASP's CSV-injection guidance).

A table is a pandas DataFrame (written by pandas, as the view's CSV always was) or ``(columns,
rows)``, rows as dicts (written as ``files.write_csv_atomic`` writes them: the same bytes).
"""

from __future__ import annotations

import io

import pandas as pd

from dashboard.core import files, spreadsheet


def inert_csv(table) -> str:
    """``table`` as CSV text ("\\n" line ends), no text cell a spreadsheet would run as a formula."""
    if isinstance(table, pd.DataFrame):
        buf = io.StringIO()
        spreadsheet.inert_frame(table).to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue()
    columns, rows = table
    return files.csv_bytes(spreadsheet.inert_rows(rows), columns).decode("utf-8")
