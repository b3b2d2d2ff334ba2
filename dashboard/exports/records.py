"""The current view as JSON records, CSV or GeoJSON (used by the CLI and the app).

Besides the prose ``since`` ("2016 (year only)", "between 27 Nov and 2 Dec
2024"), each record has ``since_start`` and ``since_end``: the first and last
day (ISO ``YYYY-MM-DD``) of the date window of the claim that "since" comes
from. A day claim gives the same day twice; a month its first and last day; a
year 1 Jan and 31 Dec; a range its two ends. Both are empty for a place with
no claim behind it.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd

from dashboard.map import wording
from dashboard.core.data import day_to_ts
from dashboard.exports.csv_text import inert_csv

RECORD_KEYS = ["place", "lat", "lon", "controller", "status", "since", "source_name", "source_url", "quote",
               "quote_type", "claimed_by", "claim_id", "date", "pending", "disagreement",
               "since_start", "since_end", "stale", "report_age_days", "basis",
               "summary", "side_note", "side_kind", "side_claim_id", "overtaken", "overtaken_note", "copy_of"]

_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                       "Nov", "Dec"), start=1)}
# the end of a range as dashboard.core.data.date_label writes it: "... and 2 Dec 2024"
_RANGE_END = re.compile(r" and (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$")


def since_window(since_day, precision: str, since_label: str = "") -> tuple[str, str]:
    """(since_start, since_end) as ISO dates for a state row: its ``since_day``
    (days since epoch; NaN when no claim stands behind the row), its
    ``since_precision`` and, for a range, its ``since`` label, whose end date
    ``date_label`` always writes in full. ("", "") when unknown."""
    if since_day is None or (isinstance(since_day, float) and math.isnan(since_day)) or not precision:
        return "", ""
    start = day_to_ts(int(since_day))
    if precision == "day":
        end = start
    elif precision == "month":
        end = start + pd.offsets.MonthEnd(0)
    elif precision == "year":
        end = pd.Timestamp(year=start.year, month=12, day=31)
    elif precision == "range":
        m = _RANGE_END.search(str(since_label or ""))
        if not m or m.group(2) not in _MONTHS:
            return start.date().isoformat(), ""
        end = pd.Timestamp(year=int(m.group(3)), month=_MONTHS[m.group(2)], day=int(m.group(1)))
    else:
        return start.date().isoformat(), ""
    return start.date().isoformat(), end.date().isoformat()


def _with_since_window(state: pd.DataFrame) -> pd.DataFrame:
    """The state's record columns (its words made by dashboard.map.wording), since_start and since_end added."""
    state = wording.in_words(state)
    out = state.copy()
    memo: dict = {}  # the same few windows recur across thousands of places
    pairs = []
    for key in zip(state["since_day"].tolist(), state["since_precision"].tolist(), state["since"].tolist()):
        if key not in memo:
            memo[key] = since_window(*key)
        pairs.append(memo[key])
    out["since_start"] = pd.Series([a for a, _ in pairs], index=state.index, dtype=object)
    out["since_end"] = pd.Series([b for _, b in pairs], index=state.index, dtype=object)
    for col in ("side_note", "side_kind", "side_claim_id", "overtaken_note", "copy_of"):
        if col not in out.columns:
            out[col] = ""
    if "overtaken" not in out.columns:
        out["overtaken"] = False
    out["summary"] = pd.Series([wording.state_sentence(r) for r in out.to_dict("records")], index=state.index, dtype=object)
    return out[RECORD_KEYS]


def records(state: pd.DataFrame) -> list[dict]:
    out = []
    for row in _with_since_window(state).itertuples(index=False):
        rec = dict(zip(RECORD_KEYS, row))
        rec["lat"], rec["lon"] = float(rec["lat"]), float(rec["lon"])
        rec["disagreement"] = bool(rec["disagreement"])
        rec["stale"] = bool(rec["stale"])
        rec["overtaken"] = bool(rec["overtaken"])
        rec["report_age_days"] = int(rec["report_age_days"]) if not pd.isna(rec["report_age_days"]) else None
        out.append(rec)
    return out


def to_json(state: pd.DataFrame) -> str:
    return json.dumps(records(state), ensure_ascii=False, indent=1)


def csv_table(state: pd.DataFrame) -> pd.DataFrame:
    """The view's CSV as a table, one row per place (``to_csv`` writes it)."""
    table = _with_since_window(state)
    for col in ("disagreement", "stale", "overtaken"):  # numpy and Python booleans print alike
        table[col] = table[col].astype(bool)
    table["report_age_days"] = np.asarray(table["report_age_days"], dtype="int64") if len(table) else table["report_age_days"]
    return table


def to_csv(state: pd.DataFrame) -> str:
    return inert_csv(csv_table(state))  # (no text run as a formula)


def to_geojson(state: pd.DataFrame) -> str:
    feats = []
    for rec in records(state):
        feats.append({"type": "Feature",
                      "geometry": {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]},
                      "properties": {k: v for k, v in rec.items() if k not in ("lat", "lon")} | {"lat": rec["lat"], "lon": rec["lon"]}})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)
