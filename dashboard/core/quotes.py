"""Check that every quote appears verbatim in the text of its own report.

Only differences in whitespace and in typographic quotes, apostrophes and
dashes are forgiven. Reports are found in a folder holding the article texts
and a ``SOURCES.md`` whose table names each text file and its link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_URL = re.compile(r"https?://[^\s|)<>\]]+")
_FILE = re.compile(r"[\w.-]+\.txt")


def normalize_text(text: str) -> str:
    """Fold typographic quotes and dashes, collapse all whitespace."""
    return " ".join(text.translate(_TRANSLATE).split())


def report_files(sources_dir) -> dict[str, Path]:
    """Map each link in SOURCES.md's table to the text file on the same row."""
    sources_dir = Path(sources_dir)
    index = sources_dir / "SOURCES.md"
    out: dict[str, Path] = {}
    if not index.is_file():
        return out
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("|"):
            continue
        files = _FILE.findall(line)
        if not files or not (sources_dir / files[0]).is_file():
            continue
        for url in _URL.findall(line):
            out[url.rstrip(".,;")] = sources_dir / files[0]
    return out


@dataclass
class QuoteCheck:
    checked: int
    skipped: int
    failures: list[str]


def verify_quotes(events, sources_dirs, events_path: str = "events.csv") -> QuoteCheck:
    """``events`` is the validated events DataFrame (with ``line``);
    ``sources_dirs`` one folder or several. Each quote is looked for in its
    own report's text, found through any folder's SOURCES.md; a quote whose
    report has a text in none of them is a failure, never skipped."""
    if isinstance(sources_dirs, (str, Path)):
        sources_dirs = [sources_dirs]
    files: dict[str, Path] = {}
    for folder in sources_dirs:
        for url, path in report_files(folder).items():
            files.setdefault(url, path)
    where_looked = ", ".join(str(d) for d in sources_dirs)
    texts: dict[Path, str] = {}
    failures, checked, skipped = [], 0, 0
    for row in events.itertuples(index=False):
        if row.quote_type != "verbatim":
            skipped += 1
            continue
        path = files.get(row.source_url)
        where = f"{events_path}:{row.line}"
        if path is None:
            failures.append(f"{where}: no report text for {row.source_url} in {where_looked} (SOURCES.md)")
            continue
        if path not in texts:
            texts[path] = normalize_text(path.read_text(encoding="utf-8"))
        checked += 1
        if normalize_text(row.quote) not in texts[path]:
            failures.append(f"{where}: quote of {row.id!r} is not verbatim in {path.name}: {row.quote[:80]!r}")
    return QuoteCheck(checked, skipped, failures)
