"""A place's state in words: the same sentence in the panel's heading, the
map's tooltip and every export ("Hama: held by Rebels; Syrian army says
Syrian government is fighting there (8 Dec 2024)")."""

from __future__ import annotations

import json
from pathlib import Path

# the age of a claim in words: templates named in the marker format, which the page's drawing code
# (static/dashboard-map.js) is sent and follows too, so the tooltip and the panel say the same
WORDS = json.loads((Path(__file__).resolve().parents[1] / "static" / "marker-format.json")
                   .read_text(encoding="utf-8"))["words"]


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


def sides(row) -> list[str]:
    """Who a contested place is fought over by (the state's ``sides``: the
    controller's actors, and who held it before when only one is named)."""
    value = row.get("sides")
    return [str(x) for x in value] if isinstance(value, (tuple, list)) else []


def holder_phrase(row) -> str:
    """"held by Rebels", "contested between Rebels and Syrian government"..."""
    status, basis = _text(row.get("status")), _text(row.get("basis"))
    controller = _text(row.get("controller"))
    if status in ("", "unreported"):
        return "no report yet"
    if status == "contested":
        s = sides(row)
        text = f"contested between {' and '.join(s)}" if len(s) > 1 else f"contested ({controller} fighting for it)"
    else:
        text = f"held by {controller}"
    if basis == "window":
        return f"changing: {text}, {_text(row.get('since'))}, not yet certain"
    if basis == "previous holder":
        return f"{text} ({_text(row.get('since'))})"
    if basis == "claimed":
        return f"{text}, as a party to the fighting claims (no independent report yet)"
    return text


def state_sentence(row) -> str:
    """The whole state in one sentence, with any counter-claim and whether it is current."""
    parts = [f"{_text(row.get('place'))}: {holder_phrase(row)}"]
    if _text(row.get("side_note")):
        parts.append(_text(row.get("side_note")))
    if _text(row.get("overtaken_note")):
        parts.append(_text(row.get("overtaken_note")))
    return "; ".join(parts)


def one_line_answer(row, n_reports: int) -> str:
    """The panel's first line: "Taken by HTS on 30 Nov 2024 (from Syrian government); 6 reports"."""
    status, basis = _text(row.get("status")), _text(row.get("basis"))
    since, prev = _text(row.get("since")), _text(row.get("previous_controller"))
    controller = _text(row.get("controller"))
    reports = f"{n_reports} report{'s' if n_reports != 1 else ''}"
    if status in ("", "unreported"):
        return f"No report yet on this day; {reports} in all"
    if basis in ("window", "previous holder"):
        return f"{holder_phrase(row)[0].upper()}{holder_phrase(row)[1:]}; {reports}"
    if status == "contested":
        return f"Contested between {' and '.join(sides(row))} since {since}; {reports}"
    claimed = " (a party's claim, not yet confirmed independently)" if basis == "claimed" else ""
    if prev and prev != controller:
        return f"Taken by {controller} from {prev}, {since}{claimed}; {reports}"
    return f"Held by {controller} since {since}{claimed}; {reports}"


def _days(n: int) -> str:
    return (WORDS["day"] if n == 1 else WORDS["days"]).replace("{n}", str(n))


def age_text(row) -> str:
    """How old the claim behind a place's state is, in words (its ``report_age_days``), from the
    templates the page follows too (marker-format.json's ``words``)."""
    if not row.get("status") or row.get("status") == "unreported":
        return ""
    age = int(row.get("report_age_days", 0) or 0)
    if row.get("basis") == "window":
        return WORDS["window"]
    if row.get("basis") == "previous holder":
        return WORDS["previous"].replace("{days}", _days(-age))
    if age <= 0:
        return WORDS["today"]
    return WORDS["earlier"].replace("{days}", _days(age))
