"""Who controls which place on a given day, and who says so.

A claim takes effect on the last day of its date window: a claim dated
"2016 (year only)" is certain from 31 Dec 2016, and between 1 Jan and 31 Dec
it is reported as a *pending* change rather than shown as if it were exact.

For each place the claims are grouped by the day they take effect. The
latest group is "what the latest reports say": if its claims name actors that
are not the same or one part of the other (HTS is part of Rebels), or any
says contested, the place is contested.

The timeline is built once per data set; the state on a day is then a binary
search per place (``numpy.searchsorted``) with no filtering or grouping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data import Dataset, date_label, to_day

CONTESTED_COLOUR = "#7F7F7F"
UNREPORTED_COLOUR = "#BBBBBB"
RECENT_DAYS = 7
_K = 1 << 32  # key = place_code * _K + (day + offset)
_OFFSET = 1 << 30

STATE_COLUMNS = [
    "place", "kind", "lat", "lon", "controller", "status", "since", "since_day",
    "since_precision", "previous_controller", "pending", "recent_change",
    "disagreement", "n_claims", "claim_id", "source_name", "source_url",
    "published", "quote", "quote_type", "claimed_by", "date", "colour",
]


# ------------------------------------------------------------------ actors


def actor_lineage(actors: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each actor with itself and its ancestors, nearest first."""
    parent = dict(zip(actors["name"], actors["parent"].fillna("")))
    out = {}
    for name in parent:
        chain, cur = [name], parent[name]
        while cur and cur not in chain:
            chain.append(cur)
            cur = parent.get(cur, "")
        out[name] = tuple(chain)
    return out


def compatible(a: str, b: str, lineage: dict) -> bool:
    return a == b or a in lineage.get(b, ()) or b in lineage.get(a, ())


# ---------------------------------------------------------------- timeline


@dataclass
class Timeline:
    """Segments: one per (place, day claims take effect), as numpy arrays."""

    seg: dict  # column name -> numpy array, one entry per segment
    keys: np.ndarray  # sorted search keys: place_code * _K + day
    order: np.ndarray  # event rows in segment order; seg lo/hi slice it
    change_days: np.ndarray  # sorted days on which any place's state changed


class _Columns:
    """Event columns as numpy arrays, converted on first use and kept.
    Text columns that are only ever read a few rows at a time are not
    converted at all (see :func:`_take`)."""

    def __init__(self, ds: Dataset):
        self._ev = ds.events
        self._arrays: dict = {}

    def __getitem__(self, name):
        if name not in self._arrays:
            self._arrays[name] = self._ev[name].to_numpy()
        return self._arrays[name]

    def __len__(self):
        return len(self._ev)


def _columns(ds: Dataset) -> _Columns:
    if "cols" not in ds._cache:
        ds._cache["cols"] = _Columns(ds)
    return ds._cache["cols"]


def _take(ds: Dataset, col: str, rows: np.ndarray) -> np.ndarray:
    """A few rows of a text column, without converting the whole column."""
    return ds.events[col].take(rows).to_numpy(dtype=object)


def build_timeline(ds: Dataset) -> Timeline:
    """Group claims by (place, day they take effect) and fold them into states.

    One pass in plain Python over integer codes; groups of a single claim
    (the common case) take the short path."""
    if "timeline" in ds._cache:
        return ds._cache["timeline"]
    ev = ds.events
    names = list(ds.actors["name"])
    lineage = actor_lineage(ds.actors)
    # anc[a][b]: b is a or one of a's ancestors
    anc = [[b in lineage[a] for b in names] for a in names]
    place_codes = {n: i for i, n in enumerate(ds.places["name"])}
    pc = pd.Categorical(ev["place"], categories=list(place_codes)).codes.astype("int64")
    start = ev["start_day"].to_numpy(dtype="int64")
    end = ev["end_day"].to_numpy(dtype="int64")
    # ISO dates sort as text; category codes (sorted) avoid a Python-object column
    published = pd.Categorical(ev["published"], categories=sorted(ev["published"].unique())).codes
    order = np.lexsort((published, start, end, pc))
    pcs, ends = pc[order], end[order]
    n = len(order)
    brk = np.flatnonzero((pcs[1:] != pcs[:-1]) | (ends[1:] != ends[:-1])) + 1
    lo = np.concatenate([[0], brk]).astype("int64") if n else np.zeros(0, "int64")
    hi = np.concatenate([brk, [n]]).astype("int64") if n else np.zeros(0, "int64")
    P, E, S = pcs.tolist(), ends.tolist(), start[order].tolist()
    AC = pd.Categorical(ev["actor"], categories=names).codes[order].tolist()
    CT = (ev["status"] == "contested").to_numpy()[order].tolist()
    CL = (ev["claimed_by"] != "").to_numpy()[order].tolist()
    R = order.tolist()

    G = len(lo)
    o_ctrl, o_code, o_prev = [None] * G, [0] * G, [""] * G
    o_cont, o_dis = [False] * G, [False] * G
    o_since, o_rep, o_run, o_change = [0] * G, [0] * G, [0] * G, [False] * G
    prev_place, p_acts, p_cont, p_since, p_run, p_chg, p_prev, last_held = -1, (), False, 0, 0, False, -1, -1
    for g, (i, j) in enumerate(zip(lo.tolist(), hi.tolist())):
        if P[i] != prev_place:
            prev_place, p_acts, last_held = P[i], (), -1
        if j - i == 1:
            acts, contested, rep, first = (AC[i],), CT[i], i, i
        else:
            uniq = list(dict.fromkeys(AC[i:j]))
            acts = tuple(a for a in uniq if not any(b != a and anc[b][a] for b in uniq))
            contested = len(acts) > 1 or any(CT[i:j])
            cand = [k for k in range(i, j) if not CL[k]]
            rep = cand[-1] if cand else j - 1
            first = min(range(i, j), key=S.__getitem__)
        continues = False
        if p_acts and p_cont == contested:
            if contested:
                continues = set(acts) == set(p_acts)
            else:
                a, b = acts[0], p_acts[0]
                continues = anc[a][b] or anc[b][a]
        if continues:
            if not contested and anc[p_acts[0]][acts[0]]:
                acts = p_acts  # a claim naming the parent group keeps the more specific name
            since, run, chg, prev = p_since, p_run, p_chg, p_prev
        else:
            since, run, chg = R[first], E[i], bool(p_acts)
            prev = -1 if last_held < 0 or (not contested and (anc[acts[0]][last_held] or anc[last_held][acts[0]])) else last_held
        o_ctrl[g] = names[acts[0]] if len(acts) == 1 else " vs ".join(names[a] for a in acts)
        o_code[g], o_cont[g], o_dis[g] = acts[0], contested, len(acts) > 1
        o_since[g], o_rep[g], o_run[g], o_change[g] = since, R[rep], run, chg
        o_prev[g] = names[prev] if prev >= 0 else ""
        if not contested:
            last_held = acts[0]
        p_acts, p_cont, p_since, p_run, p_chg, p_prev = acts, contested, since, run, chg, prev
    seg = {
        "place_code": pcs[lo] if G else np.zeros(0, "int64"), "eff_day": ends[lo] if G else np.zeros(0, "int64"),
        "controller": np.array(o_ctrl, dtype=object), "actor_code": np.array(o_code, dtype="int64"),
        "previous_controller": np.array(o_prev, dtype=object), "contested": np.array(o_cont, dtype=bool),
        "disagreement": np.array(o_dis, dtype=bool), "since_row": np.array(o_since, dtype="int64"),
        "rep_row": np.array(o_rep, dtype="int64"), "run_start": np.array(o_run, dtype="int64"),
        "run_is_change": np.array(o_change, dtype=bool), "n_claims": (hi - lo).astype("int64"), "lo": lo, "hi": hi,
    }
    keys = seg["place_code"].astype("int64") * _K + (seg["eff_day"].astype("int64") + _OFFSET)
    starts_run = seg["run_start"] == seg["eff_day"]
    change_days = np.unique(seg["eff_day"][starts_run & seg["run_is_change"]]).astype("int64")
    tl = Timeline(seg, keys, order, change_days)
    ds._cache["timeline"] = tl
    return tl


def _pending(ds: Dataset, day: int, current: dict, lineage: dict) -> dict[str, str]:
    """Imprecise claims whose window contains ``day`` and that would change
    the place's controller or status: a change that may or may not have
    happened yet on this day, by place."""
    c = _columns(ds)
    idx = np.flatnonzero((c["start_day"] <= day) & (c["end_day"] > day))
    out: dict[str, str] = {}
    if not len(idx):
        return out
    cols = {k: _take(ds, k, idx) for k in ("place", "actor", "status", "source_name", "date_label")}
    for place, actor, status, source, label in zip(*cols.values()):
        if place in out or place not in current:
            continue
        controller, cur_status = current[place]
        if status == cur_status and any(compatible(actor, x, lineage) for x in controller.split(" vs ")):
            continue
        out[place] = f"{source} reports {actor} ({status}) {label}; not yet certain on this day"
    return out


def state_at(ds: Dataset, date, actors=None, include_unreported: bool = False,
             quotes: bool = True) -> pd.DataFrame:
    """One row per place with its controller as of ``date`` (STATE_COLUMNS).

    ``actors`` keeps places where one of the named actors (or a group that is
    part of one, e.g. HTS for Rebels) controls or contests the place.
    Unreported places (no claim in effect yet) are included on request, with
    status "unreported". ``quotes=False`` leaves the claim's id, link, date of
    publication, quote and attribution empty (the source name and claim date
    stay): for a quick overview of thousands of places.
    """
    tl = build_timeline(ds)
    seg, c = tl.seg, _columns(ds)
    day = to_day(date)
    places = ds.places
    codes = np.arange(len(places), dtype="int64")
    idx = np.searchsorted(tl.keys, codes * _K + (day + _OFFSET), side="right") - 1
    ok = idx >= 0
    ok[ok] = seg["place_code"][idx[ok]] == codes[ok]
    if not include_unreported:
        codes, idx, ok = codes[ok], idx[ok], ok[ok]
    s = np.where(ok, idx, 0)
    has = len(seg["eff_day"]) > 0
    rep = seg["rep_row"][s] if has else np.zeros(len(s), "int64")
    since = seg["since_row"][s] if has else np.zeros(len(s), "int64")

    def pick(values, rows, empty=""):
        if not has or not len(c):
            return np.full(len(rows), empty, dtype=object)
        return np.where(ok, values[rows], empty)

    def pick_texts(cols, rows):
        """Several text columns for the rows in effect, in one take."""
        out = {col: np.full(len(rows), "", dtype=object) for col in cols}
        if has and len(c) and ok.any():
            for col, values in ds.events[list(cols)].take(rows[ok]).items():
                out[col][ok] = values.to_numpy(dtype=object)
        return out

    since_text = pick_texts(("date_label", "date_precision"), since)
    place_names = places["name"].to_numpy(dtype=object)[codes]

    contested = ok & (seg["contested"][s] if has else False)
    status = np.where(ok, np.where(contested, "contested", "controlled"), "unreported")
    controller = pick(seg["controller"], s)
    lineage = actor_lineage(ds.actors)
    current = dict(zip(place_names.tolist(), zip(controller.tolist(), status.tolist())))
    pend = _pending(ds, day, current, lineage) if len(c) else {}
    texts = pick_texts(("id", "source_name", "source_url", "published", "quote", "quote_type", "claimed_by",
                        "date_label") if quotes else ("source_name", "date_label"), rep)
    blank = np.full(len(s), "", dtype=object)
    colours = np.array(list(ds.actors["colour"]) + [CONTESTED_COLOUR], dtype=object)
    code = seg["actor_code"][s] if has else np.zeros(len(s), "int64")
    cols = {
        "place": place_names,
        "kind": places["kind"].to_numpy(dtype=object)[codes],
        "lat": places["lat"].to_numpy()[codes],
        "lon": places["lon"].to_numpy()[codes],
        "controller": controller,
        "status": status.astype(object),
        "since": since_text["date_label"],
        "since_day": np.where(ok, c["start_day"][since] if has else 0, np.nan) if len(c) else np.full(len(s), np.nan),
        "since_precision": since_text["date_precision"],
        "previous_controller": pick(seg["previous_controller"], s),
        "pending": np.array([pend.get(p, "") for p in place_names.tolist()], dtype=object),
        "recent_change": ok & (seg["run_is_change"][s] if has else False)
        & ((day - (seg["run_start"][s] if has else 0)) <= RECENT_DAYS),
        "disagreement": ok & (seg["disagreement"][s] if has else False),
        "n_claims": np.where(ok, seg["n_claims"][s] if has else 0, 0).astype(int),
        "colour": np.where(~ok, UNREPORTED_COLOUR, np.where(contested, CONTESTED_COLOUR, colours[code])).astype(object),
    }
    for col, src in (("claim_id", "id"), ("source_name", "source_name"), ("source_url", "source_url"),
                     ("published", "published"), ("quote", "quote"), ("quote_type", "quote_type"),
                     ("claimed_by", "claimed_by"), ("date", "date_label")):
        cols[col] = texts.get(src, blank)
    if actors:
        wanted = set(actors)
        keep = np.array([bool(k) and any(wanted.intersection(lineage.get(a, (a,))) for a in ct.split(" vs "))
                         for ct, k in zip(controller, ok)], dtype=bool)
        cols = {k: v[keep] for k, v in cols.items()}
    # object columns stay object: skipping pandas' string inference saves a copy per column
    out = pd.DataFrame({k: pd.Series(v, dtype=object) if v.dtype == object else v for k, v in cols.items()})
    return out[STATE_COLUMNS]


def step_change(ds: Dataset, date, direction: int):
    """The nearest day before (direction -1) or after (+1) ``date`` on which a
    place's controller or status changed, or None."""
    days = build_timeline(ds).change_days
    d = to_day(date)
    if direction < 0:
        i = np.searchsorted(days, d, side="left") - 1
        return None if i < 0 else pd.Timestamp(np.datetime64(int(days[i]), "D"))
    i = np.searchsorted(days, d, side="right")
    return None if i >= len(days) else pd.Timestamp(np.datetime64(int(days[i]), "D"))


def changes_between(ds: Dataset, start, end, around=None, limit: int | None = None) -> pd.DataFrame:
    """Claims taking effect in [start, end], newest first. With ``limit``,
    only the ``limit`` claims nearest in time to ``around`` (default: the
    middle of the window) are read; ``count_changes`` gives the total."""
    order, ends = _by_end(ds)
    lo, hi = _window(ends, start, end)
    rows = order[lo:hi]
    if limit is not None and len(rows) > limit:
        centre = to_day(around) if around is not None else (to_day(start) + to_day(end)) // 2
        nearest = np.argsort(np.abs(ends[lo:hi] - centre), kind="stable")[:limit]
        rows = rows[np.sort(nearest)]
    return ds.events.take(rows).sort_values(["end_day", "place"], ascending=[False, True])


def count_changes(ds: Dataset, start, end) -> int:
    """How many claims take effect in [start, end]."""
    lo, hi = _window(_by_end(ds)[1], start, end)
    return int(hi - lo)


def _by_end(ds: Dataset):
    """Claim rows ordered by the day they take effect, and those days."""
    if "by_end" not in ds._cache:
        ends = ds.events["end_day"].to_numpy()
        order = np.argsort(ends, kind="stable")
        ds._cache["by_end"] = (order, ends[order])
    return ds._cache["by_end"]


def _window(ends: np.ndarray, start, end) -> tuple[int, int]:
    return int(np.searchsorted(ends, to_day(start), side="left")), int(np.searchsorted(ends, to_day(end), side="right"))


def history(ds: Dataset, place: str) -> pd.DataFrame:
    """Every claim about a place, oldest first."""
    ev = ds.events[ds.events["place"] == place]
    return ev.sort_values(["end_day", "start_day", "published"]).reset_index(drop=True)


def disagreements(ds: Dataset, place: str | None = None) -> pd.DataFrame:
    """Where sources disagree: on who holds a place on the same day, or on
    when the same change happened (same place, compatible actor, same
    previous holder, non-overlapping dates, different reports)."""
    tl = build_timeline(ds)
    seg = tl.seg
    lineage = actor_lineage(ds.actors)
    out = []
    sel = seg["disagreement"].copy()
    if place is not None:
        code = {n: i for i, n in enumerate(ds.places["name"])}.get(place, -1)
        sel &= seg["place_code"] == code
    names = ds.places["name"].to_numpy()
    for g in np.flatnonzero(sel).tolist():
        rows = tl.order[seg["lo"][g]:seg["hi"][g]]
        out.append(dict(place=names[seg["place_code"][g]], kind="who controls",
                        when=date_label(seg["eff_day"][g], seg["eff_day"][g], "day"),
                        claim_ids=_take(ds, "id", rows).tolist(),
                        summary=f"Reports taking effect on the same day name {seg['controller'][g]}"))
    ev = ds.events if place is None else ds.events[ds.events["place"] == place]  # one place: filter first
    held = ev[(ev["status"] == "controlled") & (ev["previous_actor"] != "")]
    for (_, prev_actor), grp in held.groupby(["place", "previous_actor"], sort=False):
        recs = grp.to_dict("records")
        for x in range(len(recs)):
            for y in range(x + 1, len(recs)):
                a, b = recs[x], recs[y]
                if a["source_url"] == b["source_url"] or not compatible(a["actor"], b["actor"], lineage):
                    continue
                if a["end_day"] < b["start_day"] or b["end_day"] < a["start_day"]:
                    la, lb = a["date_label"], b["date_label"]
                    out.append(dict(place=a["place"], kind="when", when=f"{la} / {lb}", claim_ids=[a["id"], b["id"]],
                                    summary=f"{a['source_name']} says {la}; {b['source_name']} says {lb} "
                                            f"({a['actor']} taking it from {prev_actor})"))
    return pd.DataFrame(out, columns=["place", "kind", "when", "claim_ids", "summary"])
