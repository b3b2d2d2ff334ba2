"""The review of a report's proposed claims: the rows kept, their quotes checked, then checked or
accepted against the whole data set.

Messages name the row of the review table.

Pure functions (no streamlit) behind the "Add a report" page (dashboard/ui/add_report_page.py).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from dashboard.ingest import accepting
from dashboard.core import files, schema
from dashboard.core import spreadsheet
from dashboard.ingest.extraction import REVIEW_COLUMNS


TABLE_COLUMNS = ("keep", "sure", "place", "actor", "status", "scope", "date", "date_end", "date_precision", "previous_actor",
                 "claimed_by", "event", "quote", "doubts", "notes")


def review_rows(table_rows: list[dict], *, url: str, publisher: str, published: str) -> list[dict]:
    """Event rows from the edited table: kept rows only, source columns from the form,
    dates as ISO text, quotes verbatim."""
    out = []
    for r in table_rows:
        if not r.get("keep"):
            continue
        row = {c: "" for c in REVIEW_COLUMNS}
        for c in TABLE_COLUMNS[1:]:
            v = r.get(c)
            row[c] = "" if v is None or (isinstance(v, float) and v != v) else (
                v.isoformat() if hasattr(v, "isoformat") else str(v))
        row.update(source_url=url.strip(), source_name=publisher.strip(), published=str(published),
                   quote_type="verbatim")
        out.append({c: row.get(c, "") for c in schema.EVENT_COLUMNS})
    return out


def quote_problems(rows: list[dict], text: str) -> list[str]:
    """Rows whose quote is not, character for character, in the article."""
    return [f"table row {i}: the quote is not in the article's text word for word; "
            "quotes must be copied, never edited" for i, r in enumerate(rows, 1)
            if not r.get("quote") or r["quote"] not in text]


def _table_message(message: str, review_path: Path, label: str) -> str:
    # "…/review.csv:3: msg" -> "table row 2: msg" (line 1 is the header)
    def sub(m):
        line = int(m.group(1))
        return f"{label} row {line - 1}" if line > 1 else label
    return re.sub(re.escape(str(review_path)) + r":(\d+)", sub, message)


def _review_files(folder, rows, new_places) -> tuple[Path, Path]:
    """The reviewed table and its new places as the review files ``accept`` reads."""
    review, places = Path(folder) / "review.csv", Path(folder) / "review.places.csv"
    # (inert as every review file is, so ``accept``'s restore gives back exactly these cells)
    files.write_csv_atomic(review, spreadsheet.inert_rows(rows), schema.EVENT_COLUMNS)
    files.write_csv_atomic(places, spreadsheet.inert_rows(new_places), schema.PLACE_COLUMNS)
    return review, places


def _table_messages(problems, review: Path, places: Path) -> list[str]:
    return [_table_message(_table_message(p, places, "new places table"), review, "table") for p in problems]


def check_and_merge(rows: list[dict], new_places: list[dict], *, events_path, places_path) -> accepting.Merged:
    """Validate the reviewed rows and new places against the whole data set,
    writing nothing; messages name the table row."""
    with tempfile.TemporaryDirectory(prefix="dashboard-review-") as tmp:
        review, places = _review_files(tmp, rows, new_places)
        merged = accepting.merge_review(review, events_path=events_path, places_path=places_path,
                                        new_places_csv=places, scratch=tmp)
        problems = _table_messages(merged.problems, review, places)
    return accepting.Merged(problems, merged.events_header, merged.events_rows, merged.places_header,
                            merged.places_rows, merged.added, merged.new_places)


def writable(*paths) -> bool:
    """Whether the data files and their folder can be written here."""
    return all(Path(p).exists() and os.access(p, os.W_OK) and os.access(Path(p).parent, os.W_OK) for p in paths)


def accept_rows(rows: list[dict], new_places: list[dict], *, events_path, places_path) -> list[str]:
    """Append the reviewed rows (and new places) to the data files, atomically and
    under the data's lock, if the whole data set then validates."""
    with tempfile.TemporaryDirectory(prefix="dashboard-review-") as tmp:
        review, places = _review_files(tmp, rows, new_places)
        problems = accepting.accept(review, events_path=events_path, places_path=places_path, new_places_csv=places)
        return _table_messages(problems, review, places)
