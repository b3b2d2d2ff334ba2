"""View logic for the app that needs no streamlit: URL parameters, safe
markdown, and what to show for a selected place. Kept here so it is tested
without a browser and the app stays a thin layout."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import threading
import weakref
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pandas as pd

from dashboard.core import control
from dashboard.core.data import Dataset, date_label, to_day, valid_url
from dashboard.core.names import AliasIndex
from dashboard.core.known_then import KNOWN_THEN_MAX_CLAIMS, NOTHING_KNOWN, known_then
from dashboard.map import mapview, wording
from dashboard.map.mapview import text_fragment_url

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
    zoom: float | None = None  # None: the map fits every place
    center: tuple[float, float] | None = None
    tiles: bool = False  # online background tiles (the offline geography is always drawn)
    known_then: bool = False  # the map as the reports published by the date described it


# What the views derive from a data set is computed once per data set and kept
# here (a Dataset is immutable and shared: nothing is written into it), for as
# long as the data set itself lives: a data set the app has let go of is freed
# with what was derived from it.
def _per_dataset(fn):
    results: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    @functools.wraps(fn)
    def derived(ds: Dataset):
        with lock:
            if ds in results:
                return results[ds]
        value = fn(ds)
        with lock:
            return results.setdefault(ds, value)
    return derived


@_per_dataset
def date_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    return ds.first_day.date(), ds.last_day.date()


@_per_dataset
def focus_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    """Where the date control opens: the days where the claims are dense,
    reaching on to the data's last day (where the app opens) when that is
    at most FOCUS_REACH_DAYS later, so the opening day is always inside it."""
    lo, hi = control.dense_period(ds, share=0.8, before=7, after=4)
    last = ds.last_day.date()
    if hi < last and (last - hi).days <= FOCUS_REACH_DAYS:
        hi = last
    return lo, hi


FOCUS_REACH_DAYS = 30


@_per_dataset
def place_names(ds: Dataset) -> tuple[str, ...]:
    """All place names, sorted (computed once per data set)."""
    return tuple(sorted(ds.places["name"].tolist()))


def _name_index(frame: pd.DataFrame) -> AliasIndex:
    """Comparison key of every name, alias and epithet -> the name (names win over aliases)."""
    columns = [c for c in ("name", "aliases", "epithets") if c in frame.columns]
    return AliasIndex(frame[columns].fillna("").to_dict("records"), names_first=True)


@_per_dataset
def _place_index(ds: Dataset) -> AliasIndex:
    return _name_index(ds.places)


@_per_dataset
def _actor_index(ds: Dataset) -> AliasIndex:
    return _name_index(ds.actors)


@_per_dataset
def place_labels(ds: Dataset) -> dict[str, str]:
    """{name: how the place box lists it} (see :func:`place_label`): its name and
    spellings, not its epithets ("Syria's second city"), which would make a label
    too long for a phone's place box."""
    return {n: (f"{n} ({', '.join(a for a in str(al).split(';') if a)})" if str(al).strip(" ;") else n)
            for n, al in zip(ds.places["name"], ds.places["aliases"].fillna(""))}


PLACE_BOX_PROMPT = "— click a marker or type a name —"


@_per_dataset
def place_box(ds: Dataset) -> tuple[tuple[str, ...], dict[str, str], frozenset]:
    """The place box's options ("" first: none chosen), their labels, and the
    set of names (to check a chosen or clicked place): one of each per data
    set, shared by every session."""
    names = place_names(ds)
    return ("",) + names, {"": PLACE_BOX_PROMPT, **place_labels(ds)}, frozenset(names)


place_ids = _per_dataset(mapview.place_ids)  # (marker_update's ``ids``, once per data set)


def find_place(ds: Dataset, text) -> str | None:
    """A place by its name or an alias, ignoring case, accents and punctuation (names.normalise)."""
    return _place_index(ds).get(str(text)) if text else None


def find_actor(ds: Dataset, text) -> str | None:
    """An actor by its name or an alias ("hts", "YPG"), as :func:`find_place`."""
    return _actor_index(ds).get(str(text)) if text else None


def place_label(ds: Dataset, name: str) -> str:
    """How the place box lists a place: its name, then its aliases (spellings), so typing one finds it."""
    return place_labels(ds).get(name, name)


def _number(text, lo: float, hi: float) -> float | None:
    try:
        v = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    return v if lo <= v <= hi and v == v else None


def parse_view(params: dict, ds: Dataset) -> View:
    """Turn URL parameters (values are strings or lists of strings) into a
    view; anything bad or unknown falls back to the default with a warning.
    Places and actors are matched ignoring case and by alias."""
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
    actors, bad = [], []
    for a in raw_actors:
        found = find_actor(ds, a)
        (actors.append(found) if found else bad.append(a))
    if bad:
        warnings.append("Ignored unknown actor(s) in the link: " + ", ".join(repr(str(b)[:40]) for b in bad))
    place = None
    raw_place = one("place")
    if raw_place:
        place = find_place(ds, raw_place)
        if place is None:
            warnings.append(f"Ignored unknown place {str(raw_place)[:40]!r} in the link.")
    zoom = None
    if one("zoom"):
        zoom = _number(one("zoom"), 2, 18)
        if zoom is None:
            warnings.append(f"Ignored zoom {str(one('zoom'))[:20]!r} in the link: a number from 2 to 18.")
    center = None
    if one("center"):
        parts = str(one("center")).split(",")
        if len(parts) == 2:
            lat, lon = _number(parts[0], -90, 90), _number(parts[1], -180, 180)
            center = (lat, lon) if lat is not None and lon is not None else None
        if center is None:
            warnings.append(f"Ignored center {str(one('center'))[:40]!r} in the link: LAT,LON in degrees.")
    tiles = False
    if one("tiles"):
        value = str(one("tiles")).strip().lower()
        if value in ("on", "osm", "1", "true", "yes"):
            tiles = True
        elif value not in ("off", "none", "0", "false", "no"):
            warnings.append(f"Ignored tiles {str(one('tiles'))[:20]!r} in the link: on or off.")
    known_then = False
    if one("known"):
        value = str(one("known")).strip().lower()
        if value == "then":
            known_then = True
        elif value != "now":
            warnings.append(f"Ignored known {str(one('known'))[:20]!r} in the link: then or now.")
    if (zoom is None) != (center is None):
        zoom = center = None  # one without the other cannot place the map
    return View(date=date, actors=list(dict.fromkeys(actors)), place=place, warnings=warnings,
                zoom=zoom, center=center, tiles=tiles, known_then=known_then)


def view_params(view: View) -> dict:
    out = {"date": view.date.isoformat()}
    if view.actors:
        out["actor"] = list(view.actors)
    if view.place:
        out["place"] = view.place
    if view.zoom is not None and view.center is not None:
        out["zoom"] = f"{view.zoom:g}"
        out["center"] = f"{view.center[0]:.4f},{view.center[1]:.4f}"
    if view.tiles:
        out["tiles"] = "on"
    if view.known_then:
        out["known"] = "then"
    return out


def clicked_place(map_output, known: set) -> str | None:
    """The place name of the marker the user clicked, if any and known."""
    try:
        name = map_output["last_active_drawing"]["properties"]["place"]
    except (TypeError, KeyError):
        return None
    return name if isinstance(name, str) and name in known else None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def day_text(day, long: bool = False, year: bool = True) -> str:
    """"30 Nov 2024" (the data's own day label), or "Saturday 30 November 2024"
    when ``long``: English and the same on every platform and locale."""
    if long:
        return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
    label = date_label(to_day(day), to_day(day), "day")
    return label if year else label.rsplit(" ", 1)[0]


def change_markdown(r: dict, link: str) -> str:
    """One change of control as escaped markdown: day, place, new state, from whom, source, quote."""
    state = r["controller"] if r["status"] == "controlled" else f"contested ({r['controller']})"
    before = f", before: {r['previous_controller']}" if r.get("previous_controller") else ""
    by = f" · claimed by {r['claimed_by']}" if r.get("claimed_by") else ""
    day = r["day"]
    return (f"**{md_escape(day_text(day))}** · {md_escape(r['place'])}: "
            f"{md_escape(state)}{md_escape(before)} — "
            f"{md_link(source_label(r['source_name'], r.get('copy_of', ''), r.get('source_url', '')), link)}{md_escape(by)}  \n"
            f"> {md_escape(r['quote'])}")


def claim_heading(c: dict) -> str:
    """A claim card's first line: when, who, status and verb, who says so."""
    return (f"**{md_escape(c['when'])}** · {md_escape(c['actor'])} "
            f"({md_escape(c['status'])}{', ' + md_escape(c['event']) if c['event'] else ''})"
            + (f" · claimed by {md_escape(c['claimed_by'])}" if c["claimed_by"] else ""))


def download_stem(date: dt.date, actors) -> str:
    """A download's file name without extension: the date, and the filter when there is one."""
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", str(a).lower()).strip("-") for a in actors or [])
    return f"control-{date.isoformat()}" + (f"-{slug[:80].strip('-')}" if slug else "")


_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")


def is_rtl(text: str) -> bool:
    """Is the text mostly in a right-to-left script (Arabic, Hebrew)?"""
    text = str(text or "")
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if _RTL.match(ch)) * 2 > len(letters)


def quote_html(quote: str) -> str:
    """A right-to-left quote as an escaped blockquote that reads right to left
    (for st.markdown with unsafe_allow_html: every character of it is escaped)."""
    # (line breaks as <br>: a blank line would end the HTML block and let markdown through)
    body = html.escape(str(quote)).replace("\r", "").replace("\n", "<br>")
    return f'<blockquote dir="rtl" lang="ar" style="text-align:right">{body}</blockquote>'


def source_label(source_name: str, copy_of: str = "", url: str = "") -> str:
    """The publisher as a reader should cite it: a copy says whose report it
    reproduces and where ("Reuters, as reproduced by squidbusiness.fr (a copy)")."""
    if not copy_of:
        return str(source_name)
    host = (urlsplit(str(url)).hostname or "").removeprefix("www.")
    where = host or str(source_name)
    return f"{copy_of}, as reproduced by {where} (a copy)"


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
        "source": source_label(row["source_name"], row.get("copy_of", ""), row.get("source_url", "")),
        "copy_of": row.get("copy_of", ""),
        "rtl": is_rtl(row["quote"]),
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
        "disagreements": [{"kind": d["kind"], "when": d["when"], "summary": wording.disagreement_summary(d),
                           "claims": [claim_card(by_id[i]) for i in d["claim_ids"] if i in by_id]}
                          for d in reversed(dis.to_dict("records"))],  # the latest (the offensive's) first
    }


# ---- the address bar: the view as query parameters, written only when it says something else


def query_update(current: dict, params: dict) -> dict | None:
    """The parameters to write into the address so that it says ``params``
    (from :func:`view_params`), or None when it already does. ``current`` maps
    each key in the address to its values (a list, as ``st.query_params.get_all``
    gives them). The map's view (zoom and centre) is also written by the page's
    script once the reader moves the map (see dashboard-map.js, ``syncView``)."""
    wanted = {k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in params.items()}
    have = {k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in current.items()}
    return None if have == wanted else params


# ---- the view of one day: the claims it reads, every place's state, what to say about "as known then"


@dataclass(frozen=True)
class DayView:
    claims: Dataset  # the claims the view reads: as known then, or everything known now
    state: pd.DataFrame  # every place's state on the day (control.state_at), in words (wording.in_words)
    note: str = ""  # why "as known then" shows something else than the reports published by the day


def day_view(ds: Dataset, date: dt.date, actors, *, as_known_then: bool, detail: bool, stale_days: int) -> DayView:
    """The claims and the state the map page shows for a day: as the reports
    published by then described it (``as_known_then``), or as we now know it.
    Before the first report, as known then is every place without a report."""
    claims, note = ds, ""
    if as_known_then:
        claims = known_then(ds, date)
        if claims is None:
            claims, note = ds, (f"“As known then” is off above {KNOWN_THEN_MAX_CLAIMS:,} claims; "
                                "showing what we now know.")
        elif claims is NOTHING_KNOWN:
            day = ds.first_day - dt.timedelta(days=366 * 100)  # a day before every claim
            state = control.state_at(ds, day, actors=actors or None, include_unreported=not actors, quotes=detail,
                                     stale_days=stale_days)
            return DayView(ds, wording.in_words(state), "As known then: no report had been published by this day.")
    state = control.state_at(claims, date, actors=actors or None, include_unreported=not actors, quotes=detail,
                             stale_days=stale_days)
    return DayView(claims, wording.in_words(state), note)


def known_then_info(note: str, claims: Dataset, date: dt.date) -> str:
    """What the page says above the map while "as known then" is on."""
    return note or (f"As known then: only the {len(claims.events):,} claims from reports published by "
                    f"{day_text(date)}.")


def with_report(state: pd.DataFrame) -> pd.DataFrame:
    """The places of a state that have a report (the table, the downloads)."""
    return state[state["status"] != "unreported"]


def week_to(date: dt.date, first: dt.date) -> tuple[dt.date, dt.date]:
    """The 7 days to ``date`` (not before the data's first day): "What changed"."""
    return max(first, date - dt.timedelta(days=6)), date


STEPS = ("change_back", "day_back", "day_fwd", "change_fwd")  # the step buttons that move the date


def step_target(ds: Dataset, action: str, date: dt.date) -> tuple[dt.date | None, str]:
    """Where a step button goes from ``date``: a day back or forward, the
    previous or next change of control; or, when it goes nowhere, why."""
    first, last = date_range(ds)
    if action in ("day_back", "day_fwd"):
        target = date + dt.timedelta(days=-1 if action == "day_back" else 1)
        if first <= target <= last:
            return target, ""
        return None, (f"The data starts on {day_text(first)}." if target < first else f"The data ends on {day_text(last)}.")
    direction = -1 if action == "change_back" else 1
    target = control.step_change(ds, date, direction)
    if target is None:
        return None, (f"No change of control before {day_text(date)} in the data." if direction < 0
                      else f"No change of control after {day_text(date)} in the data.")
    return target.date(), ""


# ---- the places table: colour is never the only carrier

TABLE_COLUMNS = {"place": "place", "controller": "controller", "status": "status", "since": "since",
                 "last_report": "last reported", "previous_controller": "previously", "pending": "pending",
                 "source_name": "source", "date": "claim date"}  # state column -> the table's heading


def places_table(reported: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, str]:
    """The table of the places with a report, at most ``limit`` rows (the most
    recently changed), and what to say when rows were left out."""
    table, note = reported, ""
    if len(table) > limit:
        table = table.sort_values("since_day", ascending=False).head(limit)
        note = f"Showing the {limit:,} most recently changed; download the CSV for all {len(reported):,}."
    table = table.assign(last_report=[wording.age_text(r) for r in
                                      table[["status", "basis", "report_age_days"]].to_dict("records")])
    return table[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS), note


# ---- the place's panel, as escaped markdown

_SIDE_KINDS = {"claim": "A party's claim", "part": "Part of the place", "around": "Around the place"}
_SINCE_LEADS = {"previous holder": "Held", "window": "Changing"}


def side_note_markdown(s: dict) -> str:
    """What is said beside a place's state: a party's claim, a report about part of it or around it."""
    return f"{_SIDE_KINDS.get(s.get('side_kind'), 'Beside it')}: {md_escape(s['side_note'])}"


def since_markdown(s: dict, stale_days: int) -> str:
    """Since when (or held, or changing), who held it before, and how old the latest report is."""
    lead = _SINCE_LEADS.get(s["basis"], "Since")
    return (f"**{lead}** {md_escape(s['since'])}"
            + (f"  \n**Previously** {md_escape(s['previous_controller'])}" if s["previous_controller"] else "")
            + f"  \n{md_escape(wording.age_text(s).capitalize())}"
            + (f" (older than {stale_days} days: drawn faded)" if s["stale"] else ""))


def reports_behind(history: list[dict]) -> int:
    """How many reports a place's claims come from (a link without its quote's fragment)."""
    return len({c["link"].split("#", 1)[0] for c in history})


def quote_source_markdown(s: dict) -> str:
    """Under the quote of a place's state: its report (linked at the quote) and who claims it."""
    label = f"{source_label(s['source_name'], s.get('copy_of', ''), s['source_url'])} ({s['published']})"
    return (md_link(label, text_fragment_url(s["source_url"], s["quote"]))
            + (f" · claimed by {md_escape(s['claimed_by'])}" if s["claimed_by"] else ""))


def disagreement_markdown(d: dict) -> str:
    """A disagreement's heading: its kind, when, and what the reports say."""
    return f"**{md_escape(d['kind'])}** ({md_escape(d['when'])}): {md_escape(d['summary'])}"


def disagreeing_claim_markdown(c: dict) -> str:
    """One claim of a disagreement: its source, when, who and what, who claims it."""
    return (f"**{md_escape(c['source'])}** · {md_escape(c['when'])} · {md_escape(c['actor'])} ({md_escape(c['status'])})"
            + (f" · claimed by {md_escape(c['claimed_by'])}" if c["claimed_by"] else ""))
