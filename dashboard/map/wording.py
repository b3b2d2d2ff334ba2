"""A place's state in words: the same sentence in the panel's heading, the
map's tooltip and every export ("Hama: held by Rebels; Syrian army says
Syrian government is fighting there (8 Dec 2024)").

The core (dashboard.core.control) returns fields; every sentence a reader sees
is made here from them: :func:`in_words` adds a state's ``since``, ``pending``,
``side_note`` and ``overtaken_note``, :func:`disagreement_summary` says what a
disagreement is about.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core import attribution

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
        return f"changing: {text}, {since_text(row)}, not yet certain"
    if basis == "previous holder":
        return f"{text} ({since_text(row)})"
    if basis == "claimed":
        return f"{text}, as a party to the fighting claims (no independent report yet)"
    return text


def state_sentence(row) -> str:
    """The whole state in one sentence, with any counter-claim and whether it is current."""
    parts = [f"{_text(row.get('place'))}: {holder_phrase(row)}"]
    for note in (side_note_text(row), overtaken_text(row)):
        if note:
            parts.append(note)
    return "; ".join(parts)


def one_line_answer(row, n_reports: int) -> str:
    """The panel's first line: "Taken by HTS on 30 Nov 2024 (from Syrian government); 6 reports"."""
    status, basis = _text(row.get("status")), _text(row.get("basis"))
    since, prev = since_text(row), _text(row.get("previous_controller"))
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


# ---- a state's notes: made from the fields control.state_at returns, only for the rows that have one

WORD_COLUMNS = ("since", "pending", "side_note", "overtaken_note")  # what in_words adds to a state
_DENIAL = re.compile(r"\bden(?:y|ies|ied|ying|ials?)\b", re.IGNORECASE)  # "denied", never "sudden"


def _column(state: pd.DataFrame, name: str) -> np.ndarray:
    return state[name].to_numpy(dtype=object) if name in state.columns else np.full(len(state), "", dtype=object)


def since_texts(since_label: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """"since" in words: the date label of the claim the state dates from; for a holder named
    before a change, "until a change dated <the change's label>"."""
    out = np.asarray(since_label, dtype=object).copy()
    named = np.flatnonzero(np.asarray(basis, dtype=object) == "previous holder")
    if len(named):
        out[named] = ["until a change dated " + str(x) for x in out[named].tolist()]
    return out


def pending_note(source, actor, status, date) -> str:
    """"Report A reports Rebels (controlled) Sep 2015 (month only); not yet certain on this day"."""
    return f"{source} reports {actor} ({status}) {date}; not yet certain on this day"


def side_note(kind, actor, status, claimed_by, source, aligned, date, event) -> str:
    """What a claim beside the holder says: a party's counter-claim ("Syrian army says Syrian
    government holds it (8 Dec 2024)"), a report about part of the place or around it."""
    who = claimed_by or source
    if kind == "part":
        verb = "is fighting in part of it" if status == "contested" else "holds part of it"
        return f"{who} says {actor} {verb} ({date})"
    if kind == "around":
        return f"{who} reports {actor} around it ({event or 'nearby'}; {date})"
    speaker = claimed_by or (f"{source} ({aligned}-aligned)" if aligned else source)
    verb = "is fighting there" if status == "contested" else "holds it"
    if _DENIAL.search(str(event)):
        verb = f"still holds it (denial: {event})"
    return f"{speaker} says {actor} {verb} ({date})"


def overtaken_note(date, controller) -> str:
    """Why a place's state is not current: "last reported 2 Dec 2024; places around it that ... held changed hands since"."""
    return f"last reported {date}; places around it that {controller} held changed hands since"


def _notes(state: pd.DataFrame, has: np.ndarray, make, columns: tuple) -> np.ndarray:
    out = np.full(len(state), "", dtype=object)
    rows = np.flatnonzero(has)
    if len(rows):
        values = [_column(state, c)[rows].tolist() for c in columns]
        out[rows] = [make(*args) for args in zip(*values)]
    return out


def since_text(row) -> str:
    """A state row's ``since`` in words (made from its fields when the row has no words yet)."""
    if "since" in row:
        return _text(row.get("since"))
    return str(since_texts(np.array([_text(row.get("since_label"))], dtype=object),
                           np.array([_text(row.get("basis"))], dtype=object))[0])


def side_note_text(row) -> str:
    """A state row's ``side_note`` (made from its ``side_*`` fields when the row has no words yet)."""
    if "side_note" in row:
        return _text(row.get("side_note"))
    if not _text(row.get("side_kind")):
        return ""
    return side_note(*(_text(row.get(f"side_{k}")) for k in ("kind", "actor", "status", "claimed_by", "source",
                                                             "aligned", "date", "event")))


def overtaken_text(row) -> str:
    """A state row's ``overtaken_note`` (made from its fields when the row has no words yet)."""
    if "overtaken_note" in row:
        return _text(row.get("overtaken_note"))
    return overtaken_note(_text(row.get("date")), _text(row.get("controller"))) if row.get("overtaken") else ""


def pending_text(row) -> str:
    """A state row's ``pending`` (made from its ``pending_*`` fields when the row has no words yet)."""
    if "pending" in row:
        return _text(row.get("pending"))
    if not _text(row.get("pending_status")):
        return ""
    return pending_note(*(_text(row.get(f"pending_{k}")) for k in ("source", "actor", "status", "date")))


def in_words(state: pd.DataFrame) -> pd.DataFrame:
    """A state (control.state_at) with its words (WORD_COLUMNS), made from its fields; one that has
    them already is returned as it is. Vectorised: a sentence is made only for a row that has one."""
    if all(c in state.columns for c in WORD_COLUMNS):
        return state
    words = {
        "since": since_texts(_column(state, "since_label"), _column(state, "basis")),
        "pending": _notes(state, _column(state, "pending_status") != "", pending_note,
                          ("pending_source", "pending_actor", "pending_status", "pending_date")),
        "side_note": _notes(state, _column(state, "side_kind") != "", side_note,
                            ("side_kind", "side_actor", "side_status", "side_claimed_by", "side_source",
                             "side_aligned", "side_date", "side_event")),
        "overtaken_note": _notes(state, state["overtaken"].to_numpy(dtype=bool) if "overtaken" in state.columns
                                 else np.zeros(len(state), bool), overtaken_note, ("date", "controller")),
    }
    return state.assign(**{k: pd.Series(v, index=state.index, dtype=object) for k, v in words.items()})


def disagreement_summary(d) -> str:
    """What a disagreement (a row of control.disagreements) is about, in words."""
    if d.get("kind") == "who controls":
        return f"Reports taking effect on the same day name {_text(d.get('controller'))}"
    (source_a, source_b), (date_a, date_b) = d["sources"], d["dates"]
    return (f"{source_a} says {date_a}; {source_b} says {date_b} "
            f"({_text(d.get('actor'))} taking it from {_text(d.get('previous_actor'))})")


def attribution_warnings(ds) -> list[str]:
    """Whose word the claims are read as, when the tables do not say (see
    dashboard.core.attribution's ``doubtful_attribution``), in words."""
    no_table, unknown = attribution.doubtful_attribution(ds)
    out = []
    if no_table:
        out.append("no parties.csv beside the places file: every claimed_by is read as a party's word "
                   "(monitors and wire agencies too); see the README's 'geodata/parties.csv'")
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:10]) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        out.append(f"{len(unknown)} claimed_by value(s) are in neither parties.csv nor actors.csv and are read as a "
                   f"party's word: {shown}")
    return out
