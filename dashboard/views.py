"""View logic for the app that needs no streamlit: URL parameters, safe
markdown, and what to show for a selected place. Kept here so it is tested
without a browser and the app stays a thin layout."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard import control
from dashboard.data import Dataset, valid_url
from dashboard.mapview import text_fragment_url

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def md_escape(text) -> str:
    """Plain text for st.markdown: every markdown/LaTeX/HTML character escaped,
    newlines kept as line breaks."""
    s = "" if text is None else str(text)
    return _MD_SPECIAL.sub(r"\\\1", s).replace("\n", "  \n")


def md_link(label: str, url: str) -> str:
    """A markdown link, or the escaped label alone when the URL is not http(s)."""
    if not valid_url(url):
        return md_escape(label)
    # valid_url has refused whitespace; these would end or break the markdown link
    safe = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md_escape(label)}]({safe})"


@dataclass
class View:
    date: dt.date
    actors: list[str]
    place: str | None
    warnings: list[str] = field(default_factory=list)


def date_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    if "date_range" not in ds._cache:
        ds._cache["date_range"] = (ds.first_day.date(), ds.last_day.date())
    return ds._cache["date_range"]


def place_names(ds: Dataset) -> tuple[str, ...]:
    """All place names, sorted (computed once per data set)."""
    if "place_names" not in ds._cache:
        ds._cache["place_names"] = tuple(sorted(ds.places["name"].tolist()))
    return ds._cache["place_names"]


def parse_view(params: dict, ds: Dataset) -> View:
    """Turn URL parameters (values are strings or lists of strings) into a
    view; anything bad or unknown falls back to the default with a warning."""
    lo, hi = date_range(ds)
    warnings = []

    def one(key):
        v = params.get(key)
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else None
        return v

    date = hi
    raw = one("date")
    if raw:
        try:
            d = dt.date.fromisoformat(str(raw))
        except ValueError:
            warnings.append(f"Ignored date {str(raw)[:40]!r} in the link: not a date (YYYY-MM-DD). Showing {hi}.")
        else:
            if lo <= d <= hi:
                date = d
            else:
                warnings.append(f"Ignored date {d} in the link: the data covers {lo} to {hi}. Showing {hi}.")
    raw_actors = params.get("actor") or []
    if isinstance(raw_actors, str):
        raw_actors = [raw_actors]
    known = list(ds.actors["name"])
    actors = [a for a in raw_actors if a in known]
    bad = [a for a in raw_actors if a not in known]
    if bad:
        warnings.append("Ignored unknown actor(s) in the link: " + ", ".join(repr(b[:40]) for b in bad))
    place = one("place")
    if place and place not in set(ds.places["name"]):
        warnings.append(f"Ignored unknown place {str(place)[:40]!r} in the link.")
        place = None
    return View(date=date, actors=list(dict.fromkeys(actors)), place=place or None, warnings=warnings)


def view_params(view: View) -> dict:
    out = {"date": view.date.isoformat()}
    if view.actors:
        out["actor"] = list(view.actors)
    if view.place:
        out["place"] = view.place
    return out


def clicked_place(map_output, known: set) -> str | None:
    """The place name of the marker the user clicked, if any and known."""
    try:
        name = map_output["last_active_drawing"]["properties"]["place"]
    except (TypeError, KeyError):
        return None
    return name if isinstance(name, str) and name in known else None


def changes_markdown(r: dict, link: str) -> str:
    """One reported change as escaped markdown: date, place, actor, source, quote."""
    return (f"**{md_escape(r['date_label'])}** · {md_escape(r['place'])}: {md_escape(r['actor'])} "
            f"({md_escape(r['status'])}) — {md_link(r['source_name'], link)}  \n> {md_escape(r['quote'])}")


def claim_card(row) -> dict:
    """What to show for one claim: plain strings, plus a safe link."""
    return {
        "id": row["id"],
        "when": row["date_label"],
        "actor": row["actor"],
        "status": row["status"],
        "event": row.get("event", ""),
        "claimed_by": row.get("claimed_by", ""),
        "source_name": row["source_name"],
        "published": row["published"],
        "quote": row["quote"],
        "summary": row.get("quote_type", "verbatim") == "summary",
        "link": text_fragment_url(row["source_url"], row["quote"]),
        "notes": row.get("notes", ""),
    }


def place_details(ds: Dataset, state: pd.DataFrame, place: str) -> dict:
    """Current state, whole sourced history and disagreements for a place."""
    cur = state[state["place"] == place]
    hist = control.history(ds, place)
    dis = control.disagreements(ds, place)
    by_id = {r["id"]: r for r in hist.to_dict("records")}
    return {
        "state": cur.iloc[0].to_dict() if len(cur) else None,
        "history": [claim_card(r) for r in hist.to_dict("records")],
        "disagreements": [{"kind": d["kind"], "when": d["when"], "summary": d["summary"],
                           "claims": [claim_card(by_id[i]) for i in d["claim_ids"] if i in by_id]}
                          for d in dis.to_dict("records")],
    }
