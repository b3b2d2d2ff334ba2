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


def _most_specific(names: list[str], lineage: dict) -> list[str]:
    """Drop every actor that is an ancestor of another one named."""
    keep = []
    for a in names:
        if any(b != a and a in lineage.get(b, ()) for b in names):
            continue
        if a not in keep:
            keep.append(a)
    return keep


def compatible(a: str, b: str, lineage: dict) -> bool:
    return a == b or a in lineage.get(b, ()) or b in lineage.get(a, ())


def actor_colours(actors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(actors["name"], actors["colour"]))


# ---------------------------------------------------------------- timeline


@dataclass
class Timeline:
    segments: pd.DataFrame  # one row per (place, effective day), sorted
    keys: np.ndarray  # sorted search keys of segments
    place_codes: dict  # place name -> code
    change_days: np.ndarray  # sorted days on which any place's state changed


def build_timeline(ds: Dataset) -> Timeline:
    """Group claims by (place, day they take effect) and fold them into states."""
    if "timeline" in ds._cache:
        return ds._cache["timeline"]
    ev = ds.events
    lineage = actor_lineage(ds.actors)
    place_codes = {n: i for i, n in enumerate(ds.places["name"])}
    order = np.lexsort((ev["published"].to_numpy(), ev["start_day"].to_numpy(), ev["end_day"].to_numpy(),
                        ev["place"].map(place_codes).to_numpy()))
    place = ev["place"].to_numpy()[order]
    end = ev["end_day"].to_numpy()[order]
    start = ev["start_day"].to_numpy()[order]
    actor = ev["actor"].to_numpy()[order]
    status = ev["status"].to_numpy()[order]
    claimed = ev["claimed_by"].to_numpy()[order]
    prec = ev["date_precision"].to_numpy()[order]

    rows = []
    n = len(order)
    i = 0
    prev_place = None
    prev = None
    while i < n:
        j = i + 1
        while j < n and place[j] == place[i] and end[j] == end[i]:
            j += 1
        if place[i] != prev_place:
            prev, prev_place, last_held = None, place[i], ""
        acts = _most_specific(list(dict.fromkeys(actor[i:j])), lineage)
        contested = len(acts) > 1 or bool((status[i:j] == "contested").any())
        controller = " vs ".join(acts)
        # representative claim: unattributed first, then the most recently published
        cand = [k for k in range(i, j) if not claimed[k]] or list(range(i, j))
        rep = cand[-1]
        first = min(range(i, j), key=lambda k: start[k])
        since_start, since_end, since_prec = start[first], end[first], prec[first]
        continues = False
        if prev is not None and prev["contested"] == contested:
            if contested:
                continues = set(acts) == set(prev["acts"])
            else:
                continues = compatible(acts[0], prev["acts"][0], lineage)
        if continues:
            if not contested and acts[0] in lineage.get(prev["acts"][0], ()):
                acts, controller = prev["acts"], prev["controller"]  # keep the more specific name
            since_start, since_end, since_prec = prev["since_start"], prev["since_end"], prev["since_prec"]
            run_start, run_is_change = prev["run_start"], prev["run_is_change"]
        else:
            run_start, run_is_change = end[i], prev is not None
        seg = dict(place=place[i], eff_day=end[i], acts=acts, controller=controller, contested=contested,
                   disagreement=len(acts) > 1, since_start=since_start, since_end=since_end,
                   since_prec=since_prec, run_start=run_start, run_is_change=run_is_change,
                   previous_controller=prev["previous_controller"] if continues else (
                       "" if not last_held or (not contested and compatible(acts[0], last_held, lineage)) else last_held),
                   n_claims=j - i, rep_row=int(order[rep]), claim_rows=[int(x) for x in order[i:j]])
        if not contested:
            last_held = controller
        rows.append(seg)
        prev = seg
        i = j
    seg_df = pd.DataFrame(rows)
    if seg_df.empty:
        seg_df = pd.DataFrame(columns=["place", "eff_day", "run_start", "run_is_change"])
    codes = seg_df["place"].map(place_codes).to_numpy(dtype="int64")
    keys = codes * _K + (seg_df["eff_day"].to_numpy(dtype="int64") + _OFFSET)
    seg_df["place_code"] = codes
    changed = seg_df["run_start"].to_numpy() == seg_df["eff_day"].to_numpy()
    change_days = np.unique(seg_df["eff_day"].to_numpy()[changed & seg_df["run_is_change"].to_numpy(dtype=bool)])
    tl = Timeline(seg_df, keys, place_codes, change_days.astype("int64"))
    ds._cache["timeline"] = tl
    return tl


def _pending(ds: Dataset, day: int, current: dict, lineage: dict) -> dict[str, str]:
    """Imprecise claims whose window contains ``day`` and that would change
    the place's controller or status: a change that may or may not have
    happened yet on this day, by place."""
    ev = ds.events
    s = ev["start_day"].to_numpy()
    e = ev["end_day"].to_numpy()
    idx = np.flatnonzero((s <= day) & (e > day))
    out: dict[str, str] = {}
    for r in ev.iloc[idx].itertuples(index=False):
        controller, status = current.get(r.place, ("", "unreported"))
        if status == r.status and compatible(r.actor, controller, lineage):
            continue
        out.setdefault(r.place, f"{r.source_name} reports {r.actor} ({r.status}) "
                       f"{date_label(r.start_day, r.end_day, r.date_precision)}; "
                       "not yet certain on this day")
    return out


def state_at(ds: Dataset, date, actors=None, include_unreported: bool = False) -> pd.DataFrame:
    """One row per place with its controller as of ``date`` (STATE_COLUMNS).

    ``actors`` keeps places where one of the named actors (or a group that is
    part of one, e.g. HTS for Rebels) controls or contests the place.
    """
    tl = build_timeline(ds)
    day = to_day(date)
    places = ds.places
    codes = np.arange(len(places), dtype="int64")
    q = codes * _K + (day + _OFFSET)
    idx = np.searchsorted(tl.keys, q, side="right") - 1
    seg = tl.segments
    ok = idx >= 0
    ok[ok] = seg["place_code"].to_numpy()[idx[ok]] == codes[ok]
    if not include_unreported:
        codes, idx, ok = codes[ok], idx[ok], ok[ok]
    out = pd.DataFrame({
        "place": places["name"].to_numpy()[codes],
        "kind": places["kind"].to_numpy()[codes],
        "lat": places["lat"].to_numpy()[codes],
        "lon": places["lon"].to_numpy()[codes],
    })
    s = seg.iloc[np.where(ok, idx, 0)].reset_index(drop=True) if len(seg) else None
    ev = ds.events
    colours = actor_colours(ds.actors)
    if s is None or not ok.any():
        s = pd.DataFrame(index=range(len(out)), columns=seg.columns if len(seg) else [])
    rep = ev.iloc[s["rep_row"].fillna(0).astype(int).to_numpy()].reset_index(drop=True) if len(ev) else None
    okm = pd.Series(ok)
    out["controller"] = s["controller"].where(okm, "")
    out["status"] = np.where(ok, np.where(s["contested"].fillna(False).astype(bool), "contested", "controlled"), "unreported")
    out["since_day"] = s["since_start"].where(okm)
    out["since"] = [date_label(a, b, p) if k else "" for a, b, p, k in
                    zip(s["since_start"], s["since_end"], s["since_prec"], ok)]
    out["since_precision"] = s["since_prec"].where(okm, "")
    out["previous_controller"] = s["previous_controller"].where(okm, "")
    lineage = actor_lineage(ds.actors)
    pend = _pending(ds, day, dict(zip(out["place"], zip(out["controller"], out["status"]))), lineage)
    out["pending"] = out["place"].map(pend).fillna("")
    out["recent_change"] = ok & s["run_is_change"].fillna(False).astype(bool).to_numpy() & \
        (day - s["run_start"].fillna(-10**9).astype("int64").to_numpy() <= RECENT_DAYS)
    out["disagreement"] = ok & s["disagreement"].fillna(False).astype(bool).to_numpy()
    out["n_claims"] = s["n_claims"].where(okm, 0).astype(int)
    for col, src in (("claim_id", "id"), ("source_name", "source_name"), ("source_url", "source_url"),
                     ("published", "published"), ("quote", "quote"), ("quote_type", "quote_type"),
                     ("claimed_by", "claimed_by")):
        out[col] = rep[src].where(okm, "") if rep is not None else ""
    out["date"] = [date_label(*v) if k else "" for *v, k in zip(
        rep["start_day"], rep["end_day"], rep["date_precision"], ok)] if rep is not None else ""
    out["colour"] = np.where(~ok, UNREPORTED_COLOUR, np.where(out["status"] == "contested", CONTESTED_COLOUR,
                                                               out["controller"].map(colours).fillna(CONTESTED_COLOUR)))
    out["recent_change"] = out["recent_change"].astype(bool)
    if actors:
        wanted = set(actors)
        keep = [any(wanted & set(lineage.get(a, (a,))) for a in c.split(" vs ")) for c in out["controller"]]
        out = out[np.asarray(keep, dtype=bool)]
    return out[STATE_COLUMNS].reset_index(drop=True)


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


def changes_between(ds: Dataset, start, end) -> pd.DataFrame:
    """Claims taking effect in [start, end], newest first, with labels."""
    a, b = to_day(start), to_day(end)
    ev = ds.events
    sel = ev[(ev["end_day"] >= a) & (ev["end_day"] <= b)]
    return _with_labels(sel).sort_values(["end_day", "place"], ascending=[False, True])


def _with_labels(ev: pd.DataFrame) -> pd.DataFrame:
    ev = ev.copy()
    ev["date_label"] = [date_label(a, b, p) for a, b, p in zip(ev["start_day"], ev["end_day"], ev["date_precision"])]
    return ev


def history(ds: Dataset, place: str) -> pd.DataFrame:
    """Every claim about a place, oldest first."""
    ev = ds.events[ds.events["place"] == place]
    return _with_labels(ev).sort_values(["end_day", "start_day", "published"]).reset_index(drop=True)


def disagreements(ds: Dataset, place: str | None = None) -> pd.DataFrame:
    """Where sources disagree: on who holds a place on the same day, or on
    when the same change happened (same place, compatible actor, same
    previous holder, non-overlapping dates, different reports)."""
    tl = build_timeline(ds)
    ev = ds.events
    lineage = actor_lineage(ds.actors)
    out = []
    seg = tl.segments
    if place is not None and len(seg):
        seg = seg[seg["place"] == place]
    for _, s in seg[seg.get("disagreement", pd.Series(dtype=bool)).astype(bool)].iterrows() if len(seg) else []:
        ids = ev["id"].to_numpy()[s["claim_rows"]].tolist()
        out.append(dict(place=s["place"], kind="who controls", when=date_label(s["eff_day"], s["eff_day"], "day"),
                        claim_ids=ids, summary=f"Reports taking effect on the same day name {s['controller']}"))
    held = ev[(ev["status"] == "controlled") & (ev["previous_actor"] != "")]
    if place is not None:
        held = held[held["place"] == place]
    for (_, prev_actor), grp in held.groupby(["place", "previous_actor"], sort=False):
        recs = grp.to_dict("records")
        for x in range(len(recs)):
            for y in range(x + 1, len(recs)):
                a, b = recs[x], recs[y]
                if a["source_url"] == b["source_url"] or not compatible(a["actor"], b["actor"], lineage):
                    continue
                if a["end_day"] < b["start_day"] or b["end_day"] < a["start_day"]:
                    la = date_label(a["start_day"], a["end_day"], a["date_precision"])
                    lb = date_label(b["start_day"], b["end_day"], b["date_precision"])
                    out.append(dict(place=a["place"], kind="when", when=f"{la} / {lb}", claim_ids=[a["id"], b["id"]],
                                    summary=f"{a['source_name']} says {la}; {b['source_name']} says {lb} "
                                            f"({a['actor']} taking it from {prev_actor})"))
    return pd.DataFrame(out, columns=["place", "kind", "when", "claim_ids", "summary"])
