"""The date model: days since 1970-01-01, parsing a claim's date window
(day, month, year or range) from its text, and the labels that never show an
imprecise date as exact."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

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
    stamps = pd.to_datetime(values, format=fmt, errors="coerce")
    days = (stamps.to_numpy(dtype="datetime64[D]") - _EPOCH).astype("int64")
    return np.where(stamps.isna(), _NO_DAY, days)


def _matches(values: pd.Series, pattern: str) -> np.ndarray:
    """Boolean mask: which values match a regex (Arrow's engine, no Python loop)."""
    import pyarrow.compute as compute

    arr = pa.array(values, type=pa.string())
    return compute.fill_null(compute.match_substring_regex(arr, pattern), False).to_numpy(zero_copy_only=False)


def _on_distinct(func, *cols: pd.Series) -> tuple[np.ndarray, ...]:
    """``func(*cols)`` (a tuple of arrays, one value per row) worked out once
    per distinct combination of values and spread back to every row: the
    same few thousand dates recur across hundreds of thousands of claims."""
    if len(cols[0]) < 1024:
        return tuple(np.asarray(values) for values in func(*cols))
    first, inverse = _distinct(*cols)
    out = func(*(col.iloc[first].reset_index(drop=True) for col in cols))
    return tuple(np.asarray(values)[inverse] for values in out)


def _distinct(*cols: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """For rows described by ``cols``: the first row of each distinct
    combination of values, and which combination each row has."""
    key = np.zeros(len(cols[0]), "int64")
    for col in cols:
        codes, uniq = pd.factorize(col)
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
    for kind, fmt in (("day", "%Y-%m-%d"), ("month", "%Y-%m"), ("year", "%Y")):
        mask = (prec == kind) & _matches(date, _DATE_RE[kind])
        if not mask.any():
            continue
        starts = _parse_days(date[mask], fmt)
        start[mask] = starts
        if kind == "day":
            end[mask] = starts
        else:
            first = _EPOCH + starts.clip(-10**6, 10**6).astype("timedelta64[D]")
            unit = "datetime64[M]" if kind == "month" else "datetime64[Y]"
            last = ((first.astype(unit) + 1).astype("datetime64[D]") - _EPOCH).astype("int64") - 1
            end[mask] = np.where(starts == _NO_DAY, _NO_DAY, last)
    mask = (prec == "range") & _matches(date, _DATE_RE["day"]) & _matches(date_end, _DATE_RE["day"])
    if mask.any():
        start[mask] = _parse_days(date[mask], "%Y-%m-%d")
        end[mask] = _parse_days(date_end[mask], "%Y-%m-%d")
    return start, end, (start == _NO_DAY) | (end == _NO_DAY)


def _publication_end(pub: pd.Series):
    """Last day of each publication date (YYYY-MM-DD, YYYY-MM or YYYY), and
    which do not parse."""
    prec = pd.Series(np.select([_matches(pub, _DATE_RE[kind]) for kind in ("day", "month", "year")],
                               ["day", "month", "year"], ""), index=pub.index)
    _, end, invalid = _period_bounds(pub, pub, prec)
    return end, invalid


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(start_day: int, end_day: int, precision: str) -> str:
    """Human label that never shows an imprecise date as exact."""
    start = day_to_ts(start_day)
    end = day_to_ts(end_day)
    if precision == "day":
        return f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    if precision == "month":
        return f"{_MONTHS[start.month - 1]} {start.year} (month only)"
    if precision == "year":
        return f"{start.year} (year only)"
    left = f"{start.day} {_MONTHS[start.month - 1]}" + ("" if start.year == end.year else f" {start.year}")
    return f"between {left} and {end.day} {_MONTHS[end.month - 1]} {end.year}"


def date_labels(start, end, precision) -> np.ndarray:
    """Vectorised :func:`date_label` for arrays of days and precisions."""
    start = np.asarray(start, dtype="int64")
    end = np.asarray(end, dtype="int64")
    out = np.empty(len(start), dtype=object)

    def parts(days):
        dates = (_EPOCH + days.astype("timedelta64[D]"))
        months = dates.astype("datetime64[M]")
        return (dates.astype("datetime64[Y]").astype(int) + 1970).tolist(), (months.astype(int) % 12).tolist(), \
            ((dates - months).astype(int) + 1).tolist()

    start_years, start_months, start_month_days = parts(start)
    end_years, end_months, end_month_days = parts(end)
    for row, kind in enumerate(np.asarray(precision, dtype=object).tolist()):
        if kind == "day":
            out[row] = f"{start_month_days[row]} {_MONTHS[start_months[row]]} {start_years[row]}"
        elif kind == "month":
            out[row] = f"{_MONTHS[start_months[row]]} {start_years[row]} (month only)"
        elif kind == "year":
            out[row] = f"{start_years[row]} (year only)"
        else:
            left = f"{start_month_days[row]} {_MONTHS[start_months[row]]}" \
                + ("" if start_years[row] == end_years[row] else f" {start_years[row]}")
            out[row] = f"between {left} and {end_month_days[row]} {_MONTHS[end_months[row]]} {end_years[row]}"
    return out
