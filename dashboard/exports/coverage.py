"""What a data set covers, as Markdown: ``python -m dashboard coverage``.

Five parts, each a pure function of the data set (deterministic: no paths,
no clock):

* :func:`summary_line`: claims, places, reports (distinct links), publishers,
  first and last claim dates.
* :func:`places_by_day`: for each day of a period (default: the 30 days up
  to the last claim), the places with a claim in effect (one whose date
  window has ended, as on the map), how many of them were first reported
  that day, how many changed controller or status from the day before, and
  how many are contested.
* :func:`reports_by_publisher`: per publisher (``source_name``), its reports
  (distinct ``source_url``) and claims, most claims first.
* :func:`claims_by_word`: claims that are the reports' own (or a monitor's,
  a wire's) and claims that are a party's word, by the side it speaks for.
* :func:`denials_and_disagreements`: claims attributed to a party
  (``claimed_by``), denial claims (``event`` with a word deny / denies /
  denied / denial, any case: "denies withdrawal"), and the places where
  sources disagree (:func:`dashboard.core.control.disagreements`) with how many
  disagreements each.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from dashboard.core import control
from dashboard.core.data import Dataset

DEFAULT_DAYS = 30
DENIAL = re.compile(r"\bden(?:y|ies|ied|ying|ials?)\b", re.IGNORECASE)


def _cell(value) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _table(header: list[str], rows: list[list], right: set[int] = frozenset()) -> list[str]:
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out


def report_count(events) -> int:
    """Reports are (publisher, link) pairs: ACLED's rows share one link, not one report."""
    return len(events[["source_name", "source_url"]].drop_duplicates())


def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(ds: Dataset) -> str:
    ev = ds.events
    return (f"{_n(len(ev), 'claim')} about {_n(ev['place'].nunique(), 'place')} from {_n(report_count(ev), 'report')} "
            f"by {_n(ev['source_name'].nunique(), 'publisher')}; claims from {ds.first_day.date().isoformat()} "
            f"to {ds.last_day.date().isoformat()}.")


def default_period(ds: Dataset, days: int = DEFAULT_DAYS) -> tuple[date, date]:
    """The ``days`` days up to the last claim (the last day any claim takes effect)."""
    last = ds.last_day.date()
    return last - timedelta(days=days - 1), last


def places_by_day(ds: Dataset, start: date, end: date) -> list[dict]:
    """One dict per day from ``start`` to ``end`` (inclusive): day, in_effect,
    first_reported, changed, contested (see the module docstring)."""
    rows = []
    day = start - timedelta(days=1)
    before = _in_effect(ds, day)
    while day < end:
        day += timedelta(days=1)
        now = _in_effect(ds, day)
        rows.append({"day": day.isoformat(), "in_effect": len(now),
                     "first_reported": sum(1 for p in now if p not in before),
                     "changed": sum(1 for p, s in now.items() if p in before and before[p] != s),
                     "contested": sum(1 for s in now.values() if s[1] == "contested")})
        before = now
    return rows


def _in_effect(ds: Dataset, day: date) -> dict[str, tuple[str, str]]:
    """Place -> (controller, status) for places with a claim in effect on ``day``."""
    st = control.state_at(ds, pd.Timestamp(day), quotes=False)
    st = st[(st["status"] != "unreported") & st["basis"].isin(["", "claimed"])]
    return dict(zip(st["place"], zip(st["controller"], st["status"])))


def reports_by_publisher(ds: Dataset) -> list[dict]:
    """publisher, reports, claims; most claims first, then by name."""
    ev = ds.events
    g = ev.groupby("source_name", sort=False).agg(reports=("source_url", "nunique"), claims=("source_url", "size"))
    out = [{"publisher": str(name), "reports": int(r.reports), "claims": int(r.claims)} for name, r in g.iterrows()]
    return sorted(out, key=lambda r: (-r["claims"], r["publisher"]))


def claims_by_word(ds: Dataset) -> list[dict]:
    """Whose word the claims are: the reports' own (or a monitor's, a wire's,
    witnesses'), or a party's, by the side it speaks for (see
    dashboard.core.attribution); most claims first, then by name."""
    ev = ds.events
    party = ev["party_word"].to_numpy().astype(bool) if "party_word" in ev.columns else (ev["claimed_by"] != "").to_numpy()
    side = ev["word_side"].astype(str).to_numpy() if "word_side" in ev.columns else [""] * len(ev)
    counts: dict[str, int] = {}
    for p, sd in zip(party.tolist(), list(side)):
        key = ("a party's word: " + (sd or "side not known")) if p else "independent reporting (the report's own, a monitor, a wire, witnesses)"
        counts[key] = counts.get(key, 0) + 1
    return sorted(({"word": k, "claims": v} for k, v in counts.items()), key=lambda r: (-r["claims"], r["word"]))


def denials_and_disagreements(ds: Dataset) -> dict:
    """attributed: claims with claimed_by; denials: claims whose event is a
    denial; disagreements: total; by_place: [(place, n, n_who, n_when)],
    most first, then by name."""
    ev = ds.events
    dis = control.disagreements(ds)
    by_place = []
    for place, grp in dis.groupby("place", sort=True):
        by_place.append((str(place), len(grp), int((grp["kind"] == "who controls").sum()),
                         int((grp["kind"] == "when").sum())))
    by_place.sort(key=lambda t: (-t[1], t[0]))
    return {"attributed": int((ev["claimed_by"] != "").sum()),
            "denials": int(ev["event"].map(lambda e: bool(DENIAL.search(str(e)))).sum()),
            "disagreements": len(dis), "by_place": by_place}


def coverage_markdown(ds: Dataset, start: date | None = None, end: date | None = None) -> str:
    """The whole report (ends with a newline)."""
    d_start, d_end = default_period(ds)
    start, end = start or d_start, end or d_end
    lines = [summary_line(ds), "",
             f"**Places by day**, {start.isoformat()} to {end.isoformat()} (a claim is in effect from the last "
             "day of its date window; *changed*: another controller or status than the day before):", ""]
    lines += _table(["day", "places with a claim in effect", "first reported", "changed", "contested"],
                    [[r["day"], r["in_effect"], r["first_reported"], r["changed"], r["contested"]]
                     for r in places_by_day(ds, start, end)], right={1, 2, 3, 4})
    lines += ["", "**Reports by publisher** (reports: distinct links):", ""]
    lines += _table(["publisher", "reports", "claims"],
                    [[r["publisher"], r["reports"], r["claims"]] for r in reports_by_publisher(ds)], right={1, 2})
    lines += ["", "**Claims by whose word they are** (`geodata/parties.csv`):", ""]
    lines += _table(["whose word", "claims"], [[r["word"], r["claims"]] for r in claims_by_word(ds)], right={1})
    d = denials_and_disagreements(ds)
    lines += ["", "**Denials and disagreements:** "
              f"{d['attributed']} claims attributed to a speaker (`claimed_by`), {d['denials']} denials; "
              f"{d['disagreements']} disagreements about {len(d['by_place'])} places"
              + (":" if d["by_place"] else "."), ""]
    lines += [f"* {_cell(p)}: {n} ({who} on who controls, {when} on when)" for p, n, who, when in d["by_place"]]
    return "\n".join(lines).rstrip("\n") + "\n"


def resolve_period(ds: Dataset, start: date | None = None, end: date | None = None) -> tuple[date, date]:
    """The places-by-day period: ``start``/``end`` when given, else the default period
    (``DEFAULT_DAYS`` days up to ``end`` when only ``end`` is given)."""
    d_start, d_end = default_period(ds)
    return start or (end - timedelta(days=DEFAULT_DAYS - 1) if end else d_start), end or d_end
