"""Validating the tables read from the CSV files: every problem is reported
at once as ``FILE:LINE: message``, and bad data never raises anything but
:class:`DataError`, which carries that list. Vectorised with pandas so that it
stays fast on hundreds of thousands of rows."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.core import schema
from dashboard.core.dates import _on_distinct, _publication_end, period_bounds
from dashboard.core.reading import Problem, one_chunk

MAX_PROBLEMS_SHOWN = 200


class DataError(Exception):
    """Raised with every problem found in a data set."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems[:MAX_PROBLEMS_SHOWN]))


class _Report:
    """Collects problems for one file, vectorised over boolean masks."""

    def __init__(self, path: Path, lines: np.ndarray, problems: list[Problem]):
        self.path, self.lines, self.problems = str(path), lines, problems

    def rows(self, mask, message) -> None:
        """``message`` is a string or a callable taking the row position."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        for row in idx:
            text = message(row) if callable(message) else message
            self.problems.append(Problem(self.path, int(self.lines[row]), text))

    def header(self, message) -> None:
        self.problems.append(Problem(self.path, 1, message))


def _missing_columns(df: pd.DataFrame, required, rep: _Report, what: str) -> bool:
    missing = [column for column in required if column not in df.columns]
    if missing:
        rep.header(f"missing required column(s) for {what}: {', '.join(missing)} (header has: {', '.join(df.columns)})")
    return bool(missing)


def split_list(value: str) -> list[str]:
    """The items of a ;-separated cell (aliases), stripped, empty ones left out."""
    return [item.strip() for item in value.split(schema.LIST_SEPARATOR) if item.strip()]


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

def valid_url(url: str) -> bool:
    """http(s) links with a host and no whitespace or control characters."""
    if not isinstance(url, str) or not url or _URL_BAD_CHARS.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "." in (parts.hostname or "")


def _named_rows(df, rep, required, columns, what: str) -> bool:
    """The checks a table of named rows (actors, places) shares: required columns
    (False when one is missing), optional ones filled in, names stripped, empty
    and duplicate names reported."""
    if _missing_columns(df, required, rep, f"{what}s"):
        return False
    for column in columns:
        if column not in df.columns:
            df[column] = ""
    df["name"] = df["name"].str.strip()
    rep.rows(df["name"] == "", f"empty {what} name")
    _duplicates(rep, df["name"].mask(df["name"] == "", "\x00" + df.index.astype(str)), f"duplicate {what} name")
    return True


def _validate_actors(df, lines, path, problems) -> pd.DataFrame | None:
    rep = _Report(path, lines, problems)
    if not _named_rows(df, rep, schema.ACTOR_REQUIRED, schema.ACTOR_COLUMNS, "actor"):
        return None
    bad_colour = ~df["colour"].str.strip().str.fullmatch(r"#[0-9A-Fa-f]{6}")
    rep.rows(bad_colour, lambda row: f"colour {df['colour'].iat[row]!r} is not a #RRGGBB hex colour")
    names = set(df["name"])
    parent = df["parent"].str.strip()
    rep.rows((parent != "") & ~parent.isin(names), lambda row: f"parent {parent.iat[row]!r} is not an actor in this table")
    # cycles
    pmap = dict(zip(df["name"], parent))
    for row, name in enumerate(df["name"]):
        seen, cur = set(), name
        while cur and cur in pmap and cur not in seen:
            seen.add(cur)
            cur = pmap[cur]
        if cur == name:  # the actor is on the cycle (not merely below one)
            rep.rows(np.arange(len(df)) == row, f"actor {name!r} is its own ancestor (parent cycle)")
    return df


def _validate_parties(df, lines, path, problems, actors: set) -> pd.DataFrame | None:
    """parties.csv: who speaks for whom (see dashboard.core.attribution)."""
    rep = _Report(path, lines, problems)
    if not _named_rows(df, rep, schema.PARTY_REQUIRED, schema.PARTY_COLUMNS, "party"):
        return None
    for column in ("side", "kind", "aliases"):
        df[column] = df[column].str.strip()
    kind, side = df["kind"], df["side"]
    rep.rows(~kind.isin(schema.PARTY_KINDS), lambda row: f"kind {kind.iat[row]!r} must be one of {', '.join(schema.PARTY_KINDS)}")
    rep.rows((side != "") & ~side.isin(actors), lambda row: f"side {side.iat[row]!r} is not an actor in the actors table")
    rep.rows((side == "") & kind.isin(("party", "state media", "aligned outlet")),
             lambda row: f"a {kind.iat[row]} needs a side: the actor it speaks for")
    return df


def _validate_places(df, lines, path, problems) -> pd.DataFrame | None:
    rep = _Report(path, lines, problems)
    if not _named_rows(df, rep, schema.PLACE_REQUIRED, schema.PLACE_COLUMNS, "place"):
        return None
    for col, low, high in (("lat", -90, 90), ("lon", -180, 180)):
        num = pd.to_numeric(df[col].str.strip(), errors="coerce")
        rep.rows(num.isna(), lambda row, col=col: f"{col} {df[col].iat[row]!r} is not a number")
        rep.rows(num.notna() & ((num < low) | (num > high)), lambda row, col=col, low=low, high=high: f"{col} {df[col].iat[row]} is out of range ({low} to {high})")
        df[col] = num
    src = df["coord_source"].str.strip()
    rep.rows((src != "") & ~src.isin(schema.COORD_SOURCES), lambda row: f"coord_source {src.iat[row]!r} must be one of {', '.join(schema.COORD_SOURCES)}")
    rep.rows((src == "manual") & (df["coord_note"].str.strip() == ""), "manual coordinates need a coord_note saying where they come from")
    return df


def _validate_events(df, lines, path, problems, places: set, actors: set, alias_hint: dict) -> pd.DataFrame | None:
    rep = _Report(path, lines, problems)
    if _missing_columns(df, schema.EVENT_REQUIRED, rep, "events"):
        return None
    for column in schema.EVENT_COLUMNS:
        if column not in df.columns:
            df[column] = ""
    for column in schema.EVENT_COLUMNS:
        df[column] = one_chunk(df[column] if column == "quote" else df[column].str.strip())
        pa.default_memory_pool().release_unused()  # the column as read is gone
    for column in schema.EVENT_REQUIRED:  # (all but the quote are stripped already)
        rep.rows((df[column].str.strip() if column == "quote" else df[column]) == "", f"empty {column}" + (" (every claim needs the report's verbatim words)" if column == "quote" else ""))
    prec = df["date_precision"]
    rep.rows((prec != "") & ~prec.isin(schema.DATE_PRECISIONS), lambda row: f"date_precision {prec.iat[row]!r} must be one of {', '.join(schema.DATE_PRECISIONS)}")
    start, end, invalid = period_bounds(df["date"], df["date_end"], prec)
    expected = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY", "range": "YYYY-MM-DD with date_end YYYY-MM-DD"}
    rep.rows(invalid & prec.isin(schema.DATE_PRECISIONS) & (df["date"] != ""),
             lambda row: f"date {df['date'].iat[row]!r}" + (f" / date_end {df['date_end'].iat[row]!r}" if prec.iat[row] == "range" else "")
             + f" is not a valid date for precision {prec.iat[row]!r} (expected {expected[prec.iat[row]]})")
    rep.rows(~invalid & (end < start), lambda row: f"date_end {df['date_end'].iat[row]} is before date {df['date'].iat[row]}")
    rep.rows((prec != "range") & (prec != "") & (df["date_end"] != ""), "date_end is only used with date_precision 'range'")
    pub = df["published"]
    pend, pinvalid = _on_distinct(_publication_end, pub)
    pend, pinvalid = pd.Series(pend, index=df.index), pd.Series(pinvalid, index=df.index)
    rep.rows(pinvalid & (pub != ""), lambda row: f"published {pub.iat[row]!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    rep.rows(~invalid & ~pinvalid & (start > pend), lambda row: f"date {df['date'].iat[row]} is after the report was published ({pub.iat[row]})")
    for col, known, what in (("place", places, "place (add it to the places file first)"), ("actor", actors, "actor"), ("previous_actor", actors, "previous_actor")):
        values = df[col]
        rep.rows((values != "") & ~values.isin(known), lambda row, values=values, what=what: f"unknown {what}: {values.iat[row]!r}" + (f" (did you mean {alias_hint[values.iat[row].casefold()]!r}?)" if values.iat[row].casefold() in alias_hint else ""))
    status = df["status"]
    rep.rows((status != "") & ~status.isin(schema.STATUSES), lambda row: f"status {status.iat[row]!r} must be one of {', '.join(schema.STATUSES)}")
    url = df["source_url"]
    # a vectorised pre-check; the full check runs only on what it does not pass
    maybe_bad = (url != "") & ~url.str.fullmatch(_URL_FAST).fillna(False).astype(bool)
    if maybe_bad.any():
        maybe_bad &= ~url.where(maybe_bad, "").map(valid_url).astype(bool)
    rep.rows(maybe_bad, lambda row: f"source_url {url.iat[row]!r} is not an http(s) link")
    scope = df["scope"]
    rep.rows(~scope.isin(schema.SCOPES), lambda row: f"scope {scope.iat[row]!r} must be empty (the whole place), 'part' or 'around'")
    quote_type = df["quote_type"]
    rep.rows((quote_type != "") & ~quote_type.isin(schema.QUOTE_TYPES), lambda row: f"quote_type {quote_type.iat[row]!r} must be one of {', '.join(schema.QUOTE_TYPES)}")
    df["quote_type"] = quote_type.mask(quote_type == "", "verbatim")
    key_cols = ["date", "date_end", "date_precision", "place", "actor", "status", "previous_actor", "claimed_by", "source_url", "quote"]
    # str.cat rather than agg(join, axis=1): the latter gives a DataFrame, not a Series, when there are no rows
    _duplicates(rep, df, "duplicate row", cols=key_cols + ["scope"])
    ids = df["id"]
    given = ids != ""
    if not given.all():
        sub = df.loc[~given, key_cols]
        row_key = sub[key_cols[0]].str.cat([sub[column] for column in key_cols[1:]], sep="\x1f")
        gen = row_key.map(lambda key: "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10])
        ids = ids.mask(~given, gen)
    _duplicates(rep, ids if given.all() else ids.mask(~given, "\x00" + df.index.astype(str)), "duplicate id")
    df["id"] = ids
    df["published_day"] = np.where(pinvalid.to_numpy(), 0, pend.to_numpy()).astype("int64")  # the last day the publication date allows
    df["start_day"] = start.astype("int64")
    df["end_day"] = end.astype("int64")
    df["line"] = lines
    return df
