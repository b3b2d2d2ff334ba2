"""Who controls which place on a given day, and who says so: assessed
control, with every other claim beside it.

Only some claims set who holds a place (:func:`_claim_roles`): claims about
the whole place (not part of it, not around it) that are independent
reporting, or a party's word where no independent report about the place
took effect in the STALE_DAYS up to it. A window that a more precise
independent report of the same change dates takes that report's day.

A claim takes effect on the last day of its (so dated) window: a claim dated
"2016 (year only)" is certain from 31 Dec 2016, and between 1 Jan and 31 Dec
it is reported as a *pending* change rather than shown as if it were exact.

For each place the claims that set its holder are grouped by the day they
take effect. The latest group is what the latest reports say: if its claims
name actors that are not the same or one part of the other (HTS is part of
Rebels), or say contested with no claim of control beside them, the place is
contested. The other claims are shown beside the holder
(:func:`_side_claims`) when they disagree with it.

The timeline is built once per data set; the state on a day is then a binary
search per place (``numpy.searchsorted``) with no filtering or grouping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pac

from dashboard.core.dates import date_label, day_to_ts, to_day
from dashboard.core.frames import frame_from_arrays

if TYPE_CHECKING:  # (the Dataset is made by dashboard.core.data, which builds its timeline here: no import at run time)
    from dashboard.core.data import Dataset

RECENT_DAYS = 7
STALE_DAYS = 30  # a place whose latest claim is older than this is drawn faded
OVERTAKEN_KM = 30  # a place is overtaken by events when places this near changed hands after its latest claim
OVERTAKEN_LOOKAHEAD = 32  # neighbours' changes looked at after a place's report for one from its holder's side
OVERTAKEN_MAX_PLACES = 2000  # above this many places the neighbourhood test is not made (said in the legend)
PENDING_MAX_RANGE_DAYS = 7  # a range longer than this is not shown as a pending change inside it
SIDE_LOOKBACK = 8  # side claims looked at per place, latest first, for the one shown beside the holder
SNAP_STEPS = 8  # precise claims looked at after a window's start when dating it (see _effective_days)
_K = 1 << 32  # key = place_code * _K + (day + offset)
_OFFSET = 1 << 30
CONTEST_JOIN = " vs "  # a contested controller's actors as one text ("A vs B"): for readers only (see ``sides``)

STATE_COLUMNS = [
    "place", "kind", "lat", "lon", "controller", "status", "since_label", "since_day",
    "since_precision", "previous_controller", "pending_source", "pending_actor", "pending_status", "pending_date",
    "recent_change",
    "disagreement", "n_claims", "claim_id", "source_name", "source_url",
    "published", "quote", "quote_type", "claimed_by", "date", "sides",
    "basis", "claim_day", "report_age_days", "stale", "since_claim_id",
    "side_kind", "side_claim_id", "side_actor", "side_status", "side_claimed_by", "side_source", "side_aligned",
    "side_date", "side_event", "overtaken", "copy_of",
]
# The state holds fields, never a sentence: dashboard/map/wording.py (``in_words``) makes the words a
# reader sees from them (``since``, ``pending``, ``side_note``, ``overtaken_note``).
# ``since_label``: the date label of the claim the state dates from (for "previous holder": of the
# change that ends it).
# ``pending_*``: an imprecise claim whose window holds the day and that would change the state (a
# change that may or may not have happened yet): its publisher, actor, status and date label; "" when none.
# ``basis``: "" when a claim in effect says who holds the place; "previous
# holder" when the place's first report names who held it before its change
# (shown before that change, attributed to that report); "window" when the
# first report places a change in a window that contains the day; "claimed"
# when only a party's word (see dashboard.core.attribution) stands behind the
# holder: no independent report about the place is in effect yet.
# ``side_*``: a claim that does not set the holder and disagrees with it,
# newer than the holder's reports: a party's counter-claim (``side_kind``
# "claim"), or a report about part of the place ("part") or its surroundings
# ("around"); ``side_actor``, ``side_status``, ``side_claimed_by``, ``side_source``,
# ``side_date`` (date label), ``side_event``: what it says and who says it; ``side_aligned``:
# the side its publisher speaks for when the claim is a party's outlet's word.
# ``sides``: who a contested place is fought over by, as a tuple of actor
# names (the controller's actors, then who held it before when only one is
# named); () when it is not contested. ``controller`` joins them with
# CONTEST_JOIN for a reader; code reads ``sides``.
# ``overtaken``: the claims in effect are older than changes of hands at
# places around it (from the holder's side, after the claim shown, ``date``).
# ``claim_day``: the day (days since 1970) of the claim shown (NaN: none);
# ``report_age_days``: days from it to the view's date (negative:
# the claim is later, for "previous holder"); ``stale``: older than the
# threshold (never for "previous holder", shown only up to the threshold before the change).


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


class Tables(NamedTuple):
    """The validated tables a timeline is built from."""

    events: pd.DataFrame
    places: pd.DataFrame
    actors: pd.DataFrame


@dataclass(frozen=True)
class Timeline:
    """Segments: one per (place, day claims take effect), as numpy arrays,
    and the per-claim arrays the state on a day reads. Read-only once built
    (see :func:`complete_timeline`)."""

    seg: dict  # column name -> numpy array, one entry per segment
    keys: np.ndarray  # sorted search keys: place_code * _K + day
    order: np.ndarray  # event rows in segment order; seg lo/hi slice it
    change_days: np.ndarray  # sorted days on which any place's state changed
    start_day: np.ndarray | None = None  # per claim: first and last day of its window
    end_day: np.ndarray | None = None
    previous_holders: np.ndarray | None = None  # per place: see _previous_holders
    reads: "_Reads | None" = None  # what state_at reads, prepared once (see _prepare_reads)
    eligible: np.ndarray | None = None  # per claim: does it set who holds the place (see _claim_roles)
    side_keys: np.ndarray | None = None  # the other claims by (place, day): counter-claims, parts, surroundings
    side_rows: np.ndarray | None = None
    memo: dict | None = None  # derived per query setting (overtaken per distance), filled on first use


@dataclass(frozen=True)
class _Reads:
    """Arrays the state on a day reads, prepared once per data set so that a
    day costs no pass over the claims and no string made per claim:
    the categorical text columns as (codes, values), the claims' actors as
    actor codes, and the claims with a date window, by the day it ends."""

    text: dict  # column -> (codes per claim, values as an object array)
    arrow: dict  # other text columns -> the column's Arrow array (one piece; shared, not copied)
    actor_code: np.ndarray  # per claim: the actor's position in the actors table
    previous_code: np.ndarray  # per claim: previous_actor's position, -1 if none
    compat: np.ndarray  # [a, b]: a and b are the same actor or one is part of the other
    win_rows: np.ndarray  # claims whose window is longer than a day, by the window's end (stable)
    win_start: np.ndarray
    win_end: np.ndarray
    win_place: np.ndarray
    win_contested: np.ndarray
    win_contested_all: np.ndarray  # per claim: says contested
    controller_sides: dict  # each controller the timeline names -> its actors, as a tuple
    place_names: np.ndarray  # the places table's name and kind as object arrays (made once: 20 ms at 20,000 places)
    place_kinds: np.ndarray


def _take(ds: Dataset, col: str, rows: np.ndarray) -> np.ndarray:
    """A few rows of a text column as an object array, without converting the
    whole column (a categorical column: its codes index its values)."""
    reads = ds.timeline.reads if ds.timeline is not None else None
    if reads is not None and col in reads.text:
        codes, values = reads.text[col]
        return values[codes[rows]]
    if reads is not None and col in reads.arrow:
        return reads.arrow[col].take(pa.array(rows, type=pa.int64())).to_numpy(zero_copy_only=False).astype(object, copy=False)
    return ds.events[col].take(rows).to_numpy(dtype=object)


def build_timeline(ds: Dataset) -> Timeline:
    """The data set's timeline (built with it by ``data.build_dataset``)."""
    return ds.timeline


def make_timeline(tables: Tables) -> Timeline:
    """Group claims by (place, day they take effect) and fold them into
    states (see :func:`_segments`), then the arrays read on every day."""
    roles = _claim_roles(tables)
    seg, order = _segments(tables, roles)
    keys = seg["place_code"].astype("int64") * _K + (seg["eff_day"].astype("int64") + _OFFSET)
    seg["is_change"] = _is_change(tables, seg, order)
    change_days = np.unique(seg["eff_day"][seg["is_change"]]).astype("int64")
    return complete_timeline(Timeline(_compact(seg), keys, _narrow(order), change_days), tables, roles)


def _claim_roles(tables: Tables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per claim: the first and last day it is taken to take effect, and
    whether it sets who holds its place (``eligible``).

    * A window (a range, a month, "last week") that a more precise
      independent report of the same change dates (a day inside the window,
      at the same place, the same or a compatible actor, the same status, or a
      capture after an "entered") takes that report's day: vaguer claims of a
      change corroborate it and do not widen it.
    * Only claims about the whole place set its holder (``scope`` empty);
      claims about part of it or its surroundings are shown beside it.
    * A party's word sets the holder only where no independent report about
      the place took effect in the STALE_DAYS up to it: where one did, it is
      shown as the party's claim, never as the holder. (Later independent
      reports replace it as any later report does.)
    """
    ev = tables.events
    n = len(ev)
    start = np.array(ev["start_day"].to_numpy(), dtype="int64")  # (copies: the events' own arrays stay as read)
    end = np.array(ev["end_day"].to_numpy(), dtype="int64")
    if not n:
        return start, end, np.zeros(0, bool)
    whole = (ev["scope"] == "").to_numpy() if "scope" in ev.columns else np.ones(n, bool)
    party = ev["party_word"].to_numpy().astype(bool) if "party_word" in ev.columns else np.zeros(n, bool)
    place = _codes(ev["place"], list(tables.places["name"]))
    names = list(tables.actors["name"])
    actor = _codes(ev["actor"], names)
    contested = (ev["status"] == "contested").to_numpy()
    win = np.flatnonzero(whole & (start < end) & (place >= 0) & (actor >= 0))
    prec = np.flatnonzero(whole & ~party & (start == end) & (place >= 0) & (actor >= 0))
    if len(win) and len(prec):
        lineage = actor_lineage(tables.actors)
        compat = np.array([[compatible(a, b, lineage) for b in names] for a in names], dtype=bool).reshape(len(names), len(names))
        pk = place[prec] * _K + (end[prec] + _OFFSET)
        o = np.argsort(pk, kind="stable")
        prec, pk = prec[o], pk[o]
        pos = np.searchsorted(pk, place[win] * _K + (start[win] + _OFFSET), side="left")
        best = np.full(len(win), -1, "int64")
        for step in range(SNAP_STEPS):  # the earliest fitting precise claim among the next few
            at = pos + step
            inside = at < len(pk)
            if not inside.any():
                break
            cand = prec[np.minimum(at, len(pk) - 1)]
            ok = inside & (best < 0) & (place[cand] == place[win]) & (end[cand] <= end[win])
            ok[ok] = compat[actor[win[ok]], actor[cand[ok]]]
            ok &= (contested[win] == contested[cand]) | contested[win]
            best[ok] = cand[ok]
        hit = best >= 0
        start[win[hit]] = end[best[hit]]
        end[win[hit]] = end[best[hit]]
    # a party's word sets the holder unless an independent report about the
    # place took effect in the STALE_DAYS up to it (then it is the party's claim)
    independent = np.flatnonzero(whole & ~party & (place >= 0))
    eligible = whole & (place >= 0)
    claims = np.flatnonzero(eligible & party)
    if len(claims) and len(independent):
        ik = np.sort(place[independent] * _K + (end[independent] + _OFFSET))
        at = np.searchsorted(ik, place[claims] * _K + (end[claims] + _OFFSET), side="right") - 1
        found = at >= 0
        at = np.maximum(at, 0)
        found &= (ik[at] // _K) == place[claims]
        found &= (end[claims] + _OFFSET) - (ik[at] % _K) <= STALE_DAYS
        eligible[claims[found]] = False
    return start, end, eligible


def _narrow(a: np.ndarray) -> np.ndarray:
    """An int64 array as int32 when its values fit (half the memory)."""
    if a.dtype == np.int64 and (not len(a) or (a.min() >= -(2**31) and a.max() < 2**31)):
        return a.astype(np.int32)
    return a


def _compact(seg: dict) -> dict:
    return {k: _narrow(v) if isinstance(v, np.ndarray) else v for k, v in seg.items()}


def complete_timeline(tl: Timeline, tables: Tables, roles=None) -> Timeline:
    """A timeline with its per-claim arrays (a cached one lacks them), every
    array made read-only: a data set is shared by every session."""
    start, end, eligible = roles if roles is not None else _claim_roles(tables)
    start, end = _narrow(start), _narrow(end)
    side = np.flatnonzero(~eligible)
    side_place = _codes(tables.events["place"].take(side), list(tables.places["name"])) if len(side) else np.zeros(0, "int64")
    keep = side_place >= 0
    side, side_place = side[keep], side_place[keep]
    side_keys = side_place * _K + (end[side].astype("int64") + _OFFSET)
    o = np.argsort(side_keys, kind="stable")
    out = replace(tl, start_day=start, end_day=end, eligible=eligible, side_keys=side_keys[o],
                  side_rows=side[o].astype("int64"), memo={})
    out = replace(out, previous_holders=_previous_holders(tables, out))
    out = replace(out, reads=_prepare_reads(tables, out))
    arrays = [v for v in out.seg.values() if isinstance(v, np.ndarray)]
    arrays += [out.keys, out.order, out.change_days, out.start_day, out.end_day, out.previous_holders,
               out.eligible, out.side_keys, out.side_rows]
    r = out.reads
    arrays += [a for pair in r.text.values() for a in pair] + [r.actor_code, r.previous_code, r.compat, r.win_rows,
                                                               r.win_start, r.win_end, r.win_place, r.win_contested, r.win_contested_all,
                                                               r.place_names, r.place_kinds]
    for arr in arrays:
        try:
            arr.flags.writeable = False
        except ValueError:  # a view of memory numpy does not own (e.g. Arrow's): read-only already
            pass
    return out


def _prepare_reads(tables: Tables, tl: Timeline) -> _Reads:
    ev = tables.events
    names = list(tables.actors["name"])
    text, arrow = {}, {}
    for col in ev.columns:
        if isinstance(ev[col].dtype, pd.CategoricalDtype):
            values = np.asarray(ev[col].cat.categories.to_numpy(dtype=object), dtype=object)
            text[col] = (ev[col].cat.codes.to_numpy(), values)
        elif isinstance(ev[col].dtype, pd.StringDtype) and len(ev):
            arr = pa.array(ev[col])
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
            if arr.null_count == 0:
                arrow[col] = arr
    actor_code = _codes(ev["actor"], names)
    previous_code = _codes(ev["previous_actor"], names)
    lineage = actor_lineage(tables.actors)
    compat = np.array([[compatible(a, b, lineage) for b in names] for a in names], dtype=bool).reshape(len(names), len(names))
    start, end = tl.start_day, tl.end_day
    # a long range ("recently", "last week" read from the offensive's start) dates a change too
    # loosely to mark it pending on every day of it: it takes effect on its last day only
    long_range = ((ev["date_precision"] == "range").to_numpy() & (end - start > PENDING_MAX_RANGE_DAYS))
    win = np.flatnonzero((start < end) & tl.eligible & ~long_range)
    win = win[np.argsort(end[win], kind="stable")]
    place_codes = _codes(ev["place"].take(win), list(tables.places["name"]))
    contested = (ev["status"] == "contested").to_numpy()
    # (the one place a controller's text is read back into its actors: a cached timeline keeps the text only)
    actor_names = set(names)
    controller_sides = {ct: (ct,) if ct in actor_names else tuple(x for x in ct.split(CONTEST_JOIN) if x)
                        for ct in pd.unique(np.asarray(tl.seg["controller"], dtype=object)).tolist() if ct}
    return _Reads(text=text, arrow=arrow, actor_code=actor_code.astype(np.int32), previous_code=previous_code.astype(np.int32),
                  compat=compat, win_rows=win.astype(np.int64), win_start=start[win], win_end=end[win],
                  win_place=place_codes.astype(np.int32), win_contested=contested[win], win_contested_all=contested,
                  controller_sides=controller_sides,
                  place_names=tables.places["name"].to_numpy(dtype=object),
                  place_kinds=tables.places["kind"].to_numpy(dtype=object))


def _is_change(tables: Tables, seg: dict, order: np.ndarray) -> np.ndarray:
    """Per segment: does the place's state change on its day? A new run after
    another (a new controller, a contest beginning or ending), or a place's
    first claims when they name who held it before (so the map changes from
    that holder) or say it is contested. Restated statuses are not changes."""
    n = len(seg["eff_day"])
    if not n:
        return np.zeros(0, bool)
    starts_run = seg["run_start"] == seg["eff_day"]
    first = np.ones(n, bool)
    first[1:] = seg["place_code"][1:] != seg["place_code"][:-1]
    named = (tables.events["previous_actor"] != "").to_numpy()[order].astype(np.int8)
    names_previous = np.maximum.reduceat(named, seg["lo"]).astype(bool)
    return starts_run & (seg["run_is_change"] | (first & (names_previous | seg["contested"])))


def _codes(values: pd.Series, categories: list) -> np.ndarray:
    """Position of each value in ``categories`` (-1 if absent), by hashing in Arrow
    (a categorical column: its categories only)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        per_category = np.append(_codes(pd.Series(values.cat.categories, dtype=object), categories), -1)
        return per_category[values.cat.codes.to_numpy()]  # (code -1, a missing value: the appended -1)
    if not len(values):
        return np.zeros(0, "int64")
    found = pac.index_in(pa.array(values, type=pa.large_string(), from_pandas=True),
                         value_set=pa.array(categories, type=pa.large_string()))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype("int64")


def _segments(ds: Tables, roles) -> tuple[dict, np.ndarray]:
    """The timeline's segment columns and the claim rows in segment order.

    Claims are grouped with numpy by (place, day they take effect); each
    group's actors are reduced to the most specific ones; then one fold in
    order (:func:`_fold`) decides, group by group, whether the place's state
    changes. There is one rule; ``tests/test_control_reference.py`` checks
    it against a deliberately simple implementation written apart from it."""
    ev = ds.events
    names = list(ds.actors["name"])
    n_actors = len(names)
    lineage = actor_lineage(ds.actors)
    # is_ancestor[a, b]: b is a or one of a's ancestors
    is_ancestor = np.array([[b in lineage[a] for b in names] for a in names], dtype=bool).reshape(n_actors, n_actors)
    place_codes = _codes(ev["place"], list(ds.places["name"]))
    start, end, eligible = roles
    # the claim's own window, narrowest first within a day: "since" quotes the most precise report
    own_span = (ev["end_day"].to_numpy(dtype="int64") - ev["start_day"].to_numpy(dtype="int64"))
    # ISO dates sort as text; their rank avoids a Python-object column (sorted categories: the codes)
    if isinstance(ev["published"].dtype, pd.CategoricalDtype):
        published = ev["published"].cat.codes.to_numpy()
    else:
        published = pac.rank(pa.array(ev["published"], type=pa.large_string()), sort_keys="ascending",
                             tiebreaker="dense").to_numpy()
    # within a group (place, end day) rows run by start day, so a group's
    # first row is its earliest claim
    order = np.lexsort((published, own_span, start, end, place_codes))
    order = order[eligible[order]]  # only the claims that set who holds a place (see _claim_roles)
    order = order[~_superseded(ds, order, place_codes, end, is_ancestor)]
    place_sorted, end_sorted = place_codes[order], end[order]
    n = len(order)
    breaks = np.flatnonzero((place_sorted[1:] != place_sorted[:-1]) | (end_sorted[1:] != end_sorted[:-1])) + 1
    lo = np.concatenate([[0], breaks]).astype("int64") if n else np.zeros(0, "int64")
    hi = np.concatenate([breaks, [n]]).astype("int64") if n else np.zeros(0, "int64")
    n_groups = len(lo)
    if not n_groups:
        return _no_segments(), order
    actor_sorted = _codes(ev["actor"], names)[order]
    says_contested = (ev["status"] == "contested").to_numpy()[order]
    attributed = (ev["claimed_by"] != "").to_numpy()[order]
    party = (ev["party_word"].to_numpy().astype(bool) if "party_word" in ev.columns else np.zeros(len(ev), bool))[order]
    place_g, eff = place_sorted[lo], end_sorted[lo]
    amin, amax = np.minimum.reduceat(actor_sorted, lo), np.maximum.reduceat(actor_sorted, lo)
    any_contested = np.maximum.reduceat(says_contested.astype(np.int8), lo).astype(bool)
    any_controlled = np.maximum.reduceat((~says_contested).astype(np.int8), lo).astype(bool)
    party_only = np.minimum.reduceat(party.astype(np.int8), lo).astype(bool)
    # The actors a group names: several claims may name an actor and its
    # parent group, which is one actor (the more specific); else a dispute.
    acts_of: dict[int, tuple] = {}
    n_acts = np.ones(n_groups, "int64")
    for g in np.flatnonzero(amin != amax).tolist():
        uniq = list(dict.fromkeys(actor_sorted[lo[g]:hi[g]].tolist()))
        acts = tuple(a for a in uniq if not any(b != a and is_ancestor[b, a] for b in uniq))
        acts_of[g] = acts
        n_acts[g] = len(acts)
    # Contested: the claims name rival actors, or say contested with no claim
    # of control beside them (a capture reported by the side that was
    # fighting for the place ends the contest).
    contested = (n_acts > 1) | (any_contested & ~any_controlled)
    # the group's representative: its claim not attributed to anyone, else any,
    # among the claims saying contested when the group is contested and any says so
    # (so the quote shown says so), else among those saying controlled
    rows_at = np.arange(n)
    says = np.where((contested & any_contested)[np.repeat(np.arange(n_groups), hi - lo)], says_contested, ~says_contested)
    # ... the most precisely dated of them (its own window narrowest), the last of those
    span = own_span[order]
    big = np.iinfo("int64").max
    key = span * (n + 1) + (n - rows_at)  # smallest: narrowest window, then the latest row

    def best(mask):
        k = np.minimum.reduceat(np.where(mask, key, big), lo)
        return np.where(k == big, -1, n - (k % (n + 1)))

    best_own, best_any = best(says & ~attributed), best(says)
    pick = np.where(best_own >= 0, best_own, np.where(best_any >= 0, best_any, hi - 1))
    rep = order[pick]
    seg = {
        "place_code": place_g, "eff_day": eff,
        "controller": None, "actor_code": amin.copy(),
        "previous_controller": None, "contested": contested,
        "disagreement": n_acts > 1, "since_row": np.zeros(n_groups, "int64"),
        "rep_row": rep.astype("int64"), "run_start": np.zeros(n_groups, "int64"),
        "run_is_change": np.zeros(n_groups, bool),
        "n_claims": (hi - lo).astype("int64"), "lo": lo, "hi": hi, "party_only": party_only,
    }
    prev_code = np.full(n_groups, -1, "int64")
    _fold(seg, prev_code, acts_of, is_ancestor, order, lo)
    names_arr = np.array(names + [""], dtype=object)
    controller = names_arr[seg["actor_code"]]
    for g, acts in acts_of.items():
        if len(acts) > 1:
            controller[g] = CONTEST_JOIN.join(names[a] for a in acts)
    seg["controller"] = controller
    seg["previous_controller"] = names_arr[prev_code]  # -1: ""
    return seg, order


def _superseded(ds: Tables, order: np.ndarray, place_codes: np.ndarray, end: np.ndarray,
                is_ancestor: np.ndarray) -> np.ndarray:
    """Per row of ``order``: a claim that actor A holds the place on a day on
    which another claim has B taking it from A (B not A's side). A change
    from A on a day means A held it earlier that day: the status is what
    stood before the change, not a rival claim (a report written before
    the fall, "the government now controls Damascus", and the fall)."""
    out = np.zeros(len(order), bool)
    if not len(order):
        return out
    ev = ds.events
    names = list(ds.actors["name"])
    p, e = place_codes[order], end[order]
    breaks = np.flatnonzero((p[1:] != p[:-1]) | (e[1:] != e[:-1])) + 1
    lo = np.concatenate([[0], breaks])
    hi = np.concatenate([breaks, [len(order)]])
    actor = _codes(ev["actor"], names)[order]
    prev = _codes(ev["previous_actor"], names)[order]
    held = (ev["status"] == "controlled").to_numpy()[order]
    amin, amax = np.minimum.reduceat(actor, lo), np.maximum.reduceat(actor, lo)
    same = lambda a, b: bool(is_ancestor[a, b] or is_ancestor[b, a])  # noqa: E731
    for g in np.flatnonzero(amin != amax).tolist():
        rows = range(lo[g], hi[g])
        takers = [(actor[i], prev[i]) for i in rows if held[i] and prev[i] >= 0 and actor[i] >= 0]
        if not takers:
            continue
        for i in rows:
            a = actor[i]
            # (a claim that itself reports a taking is never dropped: two takings that contradict each other stay
            # a disagreement)
            if held[i] and a >= 0 and prev[i] < 0 and any(same(a, pv) and not same(a, t) for t, pv in takers):
                out[i] = True
    return out


def _no_segments() -> dict:
    i, b, o = np.zeros(0, "int64"), np.zeros(0, bool), np.zeros(0, object)
    return {"place_code": i, "eff_day": i, "controller": o, "actor_code": i, "previous_controller": o,
            "contested": b, "disagreement": b, "since_row": i, "rep_row": i, "run_start": i,
            "run_is_change": b, "n_claims": i, "lo": i, "hi": i, "is_change": b, "party_only": b}


def _fold(seg: dict, prev_code: np.ndarray, acts_of: dict, is_ancestor: np.ndarray,
          order: np.ndarray, lo: np.ndarray) -> None:
    """The control rule, over every group in (place, day) order, in place.

    A group continues the run before it (same place) if it says the same: the
    same contest (the same actors), or control by the same actor or one part
    of the other. A claim naming the parent group after one of its parts
    (Rebels after HTS) keeps the more specific name. A new run starts when
    the state changes; it records the claim it starts from, its first day,
    whether it follows an earlier state, and who held the place before (the
    last uncontested controller, unless that is the same side)."""
    place_g, contested, code = seg["place_code"].tolist(), seg["contested"].tolist(), seg["actor_code"]
    eff = seg["eff_day"].tolist()
    since_row, run_start, run_is_change = seg["since_row"], seg["run_start"], seg["run_is_change"]
    party_only = seg["party_only"].tolist()
    spell_party = np.zeros(len(place_g), bool)  # every group of the spell so far holds only a party's claims
    p_party = False
    codes = code.tolist()
    starts = order[lo].tolist()
    prev_place, p_acts, p_cont, p_since, p_run, p_chg, p_prev, last_held = -1, (), False, 0, 0, False, -1, -1
    for g in range(len(place_g)):
        if place_g[g] != prev_place:
            prev_place, p_acts, last_held = place_g[g], (), -1
        acts = acts_of.get(g, (codes[g],))
        is_contested = contested[g]
        continues = False
        if p_acts and p_cont == is_contested:
            if is_contested:
                continues = set(acts) == set(p_acts)
            else:
                a, b = acts[0], p_acts[0]
                continues = bool(is_ancestor[a, b] or is_ancestor[b, a])
        if continues:
            if not is_contested and is_ancestor[p_acts[0], acts[0]]:
                acts = p_acts  # a claim naming the parent group keeps the more specific name
            since, run, chg, prev = p_since, p_run, p_chg, p_prev
            p_party = p_party and party_only[g]
        else:
            p_party = party_only[g]
            since, run, chg = starts[g], eff[g], bool(p_acts)
            same_side = not is_contested and last_held >= 0 and bool(is_ancestor[acts[0], last_held] or is_ancestor[last_held, acts[0]])
            prev = -1 if last_held < 0 or same_side else last_held
        code[g] = acts[0]
        spell_party[g] = p_party
        since_row[g], run_start[g], run_is_change[g] = since, run, chg
        prev_code[g] = prev
        if not is_contested:
            last_held = acts[0]
        p_acts, p_cont, p_since, p_run, p_chg, p_prev = acts, is_contested, since, run, chg, prev
    seg["party_only"] = spell_party


def _previous_holders(tables: Tables, tl: Timeline) -> np.ndarray:
    """Per place code, a claim among the place's first (those taking effect
    on the earliest day) that names who held the place before, or -1:
    nothing earlier is known, so the place shows that holder before it."""
    out = np.full(len(tables.places), -1, "int64")
    seg = tl.seg
    first_day = np.full(len(tables.places), np.iinfo("int64").max, "int64")
    if len(seg["place_code"]):
        places_with, first = np.unique(seg["place_code"], return_index=True)
        ok = places_with >= 0
        first_day[places_with[ok]] = seg["eff_day"][first[ok]]
    rows = np.flatnonzero((tables.events["previous_actor"] != "").to_numpy() & tl.eligible)
    if len(rows):
        codes = _codes(tables.events["place"].take(rows), list(tables.places["name"]))
        ends = tl.end_day[rows]
        in_first = (codes >= 0) & (ends == first_day[np.maximum(codes, 0)])
        rows, codes, ends = rows[in_first], codes[in_first], ends[in_first]
        order = np.lexsort((rows, ends, codes))
        codes, rows = codes[order], rows[order]
        first = np.ones(len(codes), bool)
        first[1:] = codes[1:] != codes[:-1]
        keep = first & (codes >= 0)
        out[codes[keep]] = rows[keep]
    return out


_PENDING_FIELDS = {"source": "source_name", "actor": "actor", "status": "status", "date": "date_label"}  # -> claim column
_SIDE_FIELDS = ("actor", "status", "claimed_by", "source", "aligned", "date", "event")
_SIDE_COLUMNS = {"actor": "actor", "status": "status", "claimed_by": "claimed_by", "source": "source_name",
                 "aligned": "word_side", "date": "date_label", "event": "event"}  # side field -> claim column


def _no_pending(n: int) -> dict:
    return {k: np.full(n, "", dtype=object) for k in _PENDING_FIELDS}


def _pending(ds: Dataset, day: int, cur_code: np.ndarray, cur_shown: np.ndarray, cur_contested: np.ndarray,
             controller: np.ndarray) -> tuple[np.ndarray, dict]:
    """Imprecise claims whose window contains ``day`` and that would change
    the place's controller or status: a change that may or may not have
    happened yet on this day. Per place: the claim row (-1: none) and what
    it says (``_PENDING_FIELDS``, "" where none); the claim whose window ends first wins. The current state is given
    per place: the controller's actor code (-1: none, or several), whether a
    claim stands behind it, whether it is contested, and its text."""
    r = ds.timeline.reads
    n = len(cur_code)
    rows_out = np.full(n, -1, "int64")
    fields = _no_pending(n)
    sel = np.flatnonzero((r.win_start <= day) & (r.win_end > day))
    if not len(sel):
        return rows_out, fields
    place = r.win_place[sel].astype("int64")
    inside = place >= 0
    sel, place = sel[inside], place[inside]
    rows = r.win_rows[sel]
    actor = r.actor_code[rows]
    code = cur_code[place]
    # the same status, and the same actor or one part of the other: not a change
    same = cur_shown[place] & (r.win_contested[sel] == cur_contested[place]) & (code >= 0) & (actor >= 0)
    same[same] = r.compat[actor[same], code[same]]
    several = np.flatnonzero(cur_shown[place] & (code < 0) & (r.win_contested[sel] == cur_contested[place]))
    if len(several):  # a controller of several actors ("A vs B"): any one compatible
        lineage = ds.lineage
        names = _take(ds, "actor", rows[several])
        for k, a, ct in zip(several.tolist(), names.tolist(), controller[place[several]].tolist()):
            same[k] = any(compatible(a, x, lineage) for x in r.controller_sides.get(ct, (ct,)))
    keep = ~same
    sel, place, rows = sel[keep], place[keep], rows[keep]
    uniq, first = np.unique(place, return_index=True)  # (in order of the window's end: the first wins)
    rows = rows[first]
    rows_out[uniq] = rows
    if len(rows):
        for field, column in _PENDING_FIELDS.items():
            fields[field][uniq] = _take(ds, column, rows)
    return rows_out, fields


def _side_claims(ds: Dataset, day: int, codes: np.ndarray, ok: np.ndarray, seg_idx: np.ndarray, shown: np.ndarray,
                 cur_code: np.ndarray, contested: np.ndarray, controller: np.ndarray, stale_days: int) -> dict:
    """Per place, the latest claim that does not set its holder (a party's
    counter-claim, a report about part of it or its surroundings) when it
    is in effect on ``day``, no older than ``stale_days``, not answered by a
    later report setting the holder, and says something other than the
    holder: its row (-1: none), kind and what it says (``_SIDE_FIELDS``)."""
    tl, r = ds.timeline, ds.timeline.reads
    n = len(codes)
    out = {"row": np.full(n, -1, "int64"), "kind": np.full(n, "", dtype=object)}
    out |= {k: np.full(n, "", dtype=object) for k in _SIDE_FIELDS}
    if tl.side_keys is None or not len(tl.side_keys):
        return out
    last = np.searchsorted(tl.side_keys, codes * _K + (day + _OFFSET), side="right") - 1
    holder_day = tl.seg["eff_day"][seg_idx].astype("int64") if ok.any() else None
    found = np.full(n, -1, "int64")
    # the latest side claim that qualifies, among the place's last SIDE_LOOKBACK ones on or before the day
    # (an agreeing one on the same day must not hide a disagreeing one)
    for step in range(SIDE_LOOKBACK):
        idx = last - step
        valid = (idx >= 0) & (found < 0)
        if not valid.any():
            break
        idx = np.maximum(idx, 0)
        valid &= (tl.side_keys[idx] // _K) == codes
        rows = tl.side_rows[idx]
        end = tl.end_day[rows].astype("int64")
        valid &= (day - end) <= stale_days
        if holder_day is not None:  # a later report that sets the holder answers it
            valid &= ~ok | (end >= holder_day)
        actor = r.actor_code[rows]
        # the same side as the holder (whatever it says of the fighting) is no counter-claim
        agrees = valid & shown & (cur_code >= 0) & (actor >= 0)
        agrees[agrees] = r.compat[actor[agrees], cur_code[agrees]]
        valid &= ~agrees
        found[valid] = rows[valid]
    valid = found >= 0
    rows = found
    places = np.flatnonzero(valid)
    if not len(places):
        return out
    rows = rows[places]
    scope = _take(ds, "scope", rows)
    out["row"][places] = rows
    out["kind"][places] = np.where(scope == "part", "part", np.where(scope == "around", "around", "claim"))
    for field, column in _SIDE_COLUMNS.items():
        if column in ds.events.columns:
            out[field][places] = _take(ds, column, rows)
    return out


def overtaken_after(ds: Dataset, km: float = OVERTAKEN_KM) -> np.ndarray | None:
    """Per segment: the first day after it takes effect on which a place
    within ``km`` changed hands from the segment's holder's side (INT64 max:
    none; a contested segment: never), or None above
    OVERTAKEN_MAX_PLACES places (the test is not made). Kept per distance."""
    tl = ds.timeline
    key = ("overtaken", float(km))
    if tl.memo is not None and key in tl.memo:
        return tl.memo[key]
    seg = tl.seg
    n_places = len(ds.places)
    none = np.iinfo("int64").max
    if n_places > OVERTAKEN_MAX_PLACES or km <= 0:
        out = None
    else:
        lat = ds.places["lat"].to_numpy(dtype=float)
        lon = ds.places["lon"].to_numpy(dtype=float)
        la, lo_ = np.radians(lat), np.radians(lon)
        out = np.full(len(seg["eff_day"]), none, "int64")
        hands = np.flatnonzero(seg["is_change"] & ~seg["contested"]) if len(seg["eff_day"]) else np.zeros(0, "int64")
        if len(hands):
            ch_place = seg["place_code"][hands].astype("int64")
            ch_day = seg["eff_day"][hands].astype("int64")
            ch_prev = _controller_codes(ds, seg["previous_controller"][hands])  # who lost it (-1: not known)
            if ds.timeline.reads is not None:  # nothing earlier in the data: the holder the change's report names
                named_prev = ds.timeline.reads.previous_code[seg["since_row"][hands]].astype("int64")
                ch_prev = np.where(ch_prev >= 0, ch_prev, named_prev)
            # places in cells at least ``km`` wide: a place's neighbours within km are in its cell or the eight around it
            # (longitude cells as wide in km as latitude cells at the places' highest latitude, where they are narrowest)
            cell = km / 111.0
            cell_lon = km / (111.0 * max(np.cos(np.radians(min(np.abs(lat).max(), 89.0))), 1e-6))
            cy, cx = np.floor(lat / cell).astype("int64"), np.floor(lon / cell_lon).astype("int64")
            ckey = cy * 1_000_003 + cx
            by_cell = pd.Series(np.arange(n_places)).groupby(ckey).apply(lambda s_: s_.to_numpy()).to_dict()
            pairs_p, pairs_c, pairs_w = [], [], []
            for q in np.unique(ch_place).tolist():
                cand = [by_cell.get((cy[q] + dy) * 1_000_003 + cx[q] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
                cand = np.concatenate([c_ for c_ in cand if c_ is not None])
                d = 6371.0 * 2 * np.arcsin(np.sqrt(np.sin((la[cand] - la[q]) / 2) ** 2
                                                   + np.cos(la[cand]) * np.cos(la[q]) * np.sin((lo_[cand] - lo_[q]) / 2) ** 2))
                near = cand[(d <= km) & (cand != q)]
                mine = ch_place == q
                days, lost = ch_day[mine], ch_prev[mine]
                pairs_p.append(np.repeat(near, len(days)))
                pairs_c.append(np.tile(days, len(near)))
                pairs_w.append(np.tile(lost, len(near)))
            p_ = np.concatenate(pairs_p) if pairs_p else np.zeros(0, "int64")
            c_ = np.concatenate(pairs_c) if pairs_c else np.zeros(0, "int64")
            w_ = np.concatenate(pairs_w) if pairs_w else np.zeros(0, "int64")
            keys = p_ * _K + (c_ + _OFFSET)
            o = np.argsort(keys, kind="stable")
            keys, w_ = keys[o], w_[o]
            # only a change of hands *from the place's holder's side* around it makes its report doubtful:
            # the first such change after the place's segment takes effect
            seg_place = seg["place_code"].astype("int64")
            holder = np.where(seg["disagreement"] | seg["contested"], -1, seg["actor_code"]).astype("int64")
            sk = seg_place * _K + (seg["eff_day"].astype("int64") + _OFFSET)
            pos = np.searchsorted(keys, sk, side="right")
            compat = ds.timeline.reads.compat if ds.timeline.reads is not None else None
            found = np.zeros(len(sk), bool)
            for step in range(OVERTAKEN_LOOKAHEAD):
                at = pos + step
                ok_ = (at < len(keys)) & ~found & (holder >= 0)
                if not ok_.any():
                    break
                at = np.minimum(at, len(keys) - 1)
                ok_ &= (keys[at] // _K) == seg_place
                lost = w_[at]
                ok_ &= lost >= 0
                if compat is not None:
                    ok_[ok_] = compat[lost[ok_], holder[ok_]]
                out[ok_] = (keys[at][ok_] % _K) - _OFFSET
                found |= ok_
        out.flags.writeable = False
    if tl.memo is not None:
        tl.memo[key] = out
    return out


def _controller_codes(ds: Dataset, controller: np.ndarray) -> np.ndarray:
    """Actor code of each controller text (-1: several actors, or none)."""
    codes, uniques = pd.factorize(pd.Series(controller, dtype=object), use_na_sentinel=False)
    index = {n: i for i, n in enumerate(ds.actors["name"])}
    per = np.array([index.get(u, -1) for u in uniques], dtype="int64")
    return per[codes] if len(codes) else np.zeros(0, "int64")


@dataclass
class _Shown:
    """Per place, on one day: the claims behind its row and what they say (see :func:`state_at`)."""

    ok: np.ndarray  # a group of claims setting the holder is in effect
    seg_idx: np.ndarray  # that group (0 where none)
    rep: np.ndarray  # the claim shown
    since: np.ndarray  # the claim its state dates from
    controller: np.ndarray
    contested: np.ndarray
    cur_code: np.ndarray  # the holder's actor code (-1: none, or several)
    named: np.ndarray | None = None  # before the first claim: the holder a claim names as previous
    window: np.ndarray | None = None  # ... or the change a claim's window holds, pending
    pending: dict | None = None  # the pending change: what its claim says (see _pending), per place

    @property
    def shown(self) -> np.ndarray:
        """A claim stands behind the row."""
        return self.ok | self.named | self.window


def _in_effect(ds: Dataset, day: int, has: bool) -> _Shown:
    """Per place, the group of claims setting its holder in effect on ``day``: a binary search per place."""
    tl, seg = ds.timeline, ds.timeline.seg
    n = len(ds.places)
    if not has:
        zeros = np.zeros(n, "int64")
        return _Shown(np.zeros(n, bool), zeros, zeros, zeros, np.full(n, "", dtype=object), np.zeros(n, bool),
                      np.full(n, -1, "int64"))
    codes = np.arange(n, dtype="int64")
    idx = np.searchsorted(tl.keys, codes * _K + (day + _OFFSET), side="right") - 1
    ok = idx >= 0
    ok[ok] = seg["place_code"][idx[ok]] == codes[ok]
    seg_idx = np.where(ok, idx, 0)
    return _Shown(ok=ok, seg_idx=seg_idx, rep=seg["rep_row"][seg_idx].astype("int64"),
                  since=seg["since_row"][seg_idx].astype("int64"),
                  controller=np.where(ok, seg["controller"][seg_idx], "").astype(object),
                  contested=ok & seg["contested"][seg_idx],
                  # the actor's code, unless the group names several (a disagreement: "A vs B")
                  cur_code=np.where(ok & ~seg["disagreement"][seg_idx], seg["actor_code"][seg_idx], -1).astype("int64"))


def _before_first(ds: Dataset, day: int, has: bool, at: _Shown, stale_days: int) -> None:
    """Where no group is in effect yet: the previous holder a claim names, or else the change a claim's
    window holds, pending; and where one is, a pending change beside it (``at`` completed in place)."""
    tl, r = ds.timeline, ds.timeline.reads
    n = len(ds.places)
    ok, rep, since, controller, cur_code, contested = at.ok, at.rep, at.since, at.controller, at.cur_code, at.contested
    prev_rows = tl.previous_holders if has else np.full(n, -1, "int64")
    # before any claim is in effect: the previous holder a claim names ...
    # (for at most ``stale_days`` before the change's window opens: further back it is not known)
    named = ~ok & (prev_rows >= 0)
    named[named] = tl.start_day[prev_rows[named]] - day <= stale_days if has else False
    if named.any():
        rep, since = rep.copy(), since.copy()
        rep[named] = since[named] = prev_rows[named]
        controller[named] = _take(ds, "previous_actor", rep[named])
        cur_code[named] = r.previous_code[rep[named]]
    if has:
        pend_row, pending = _pending(ds, day, cur_code, ok | named, contested, controller)
    else:
        pend_row, pending = np.full(n, -1, "int64"), _no_pending(n)
    # ... or else the change a claim's window holds, pending
    window = ~ok & ~named & (pend_row >= 0)
    if window.any():
        rep[window] = since[window] = pend_row[window]
        # a window claim that names who held the place before: that holder, the change pending
        wc = np.flatnonzero(window)
        before = _take(ds, "previous_actor", rep[wc])
        held = wc[before != ""]
        if len(held):
            named, window = named.copy(), window.copy()
            named[held], window[held] = True, False
            controller[held] = before[before != ""]
            cur_code[held] = r.previous_code[rep[held]]
        wc = np.flatnonzero(window)
        controller[wc] = _take(ds, "actor", rep[wc])
        cur_code[wc] = r.actor_code[rep[wc]]  # (so a claim beside it that agrees is no counter-claim)
        contested = contested.copy()
        contested[wc] = _take(ds, "status", rep[wc]) == "contested"
    at.rep, at.since, at.contested, at.named, at.window, at.pending = rep, since, contested, named, window, pending


def _contest_sides(r: _Reads | None, controller: np.ndarray, previous: np.ndarray, contested: np.ndarray) -> np.ndarray:
    """Per place, who a contested place is fought over by, as a tuple of actors: the controller's (see
    ``controller_sides``), and who held it before when only one actor contests it; () elsewhere."""
    sides = np.empty(len(controller), dtype=object)
    sides.fill(())
    ci = np.flatnonzero(contested)
    if len(ci):
        controller_sides = r.controller_sides if r is not None else {}
        memo: dict = {}
        for i, pair in zip(ci.tolist(), zip(controller[ci].tolist(), previous[ci].tolist())):
            hit = memo.get(pair)
            if hit is None:
                ct, prev = pair
                names = controller_sides.get(ct) or ((ct,) if ct else ())
                if len(names) == 1 and prev and prev not in names:
                    names += (prev,)
                hit = memo[pair] = names
            sides[i] = hit
    return sides


def _held_by(ds: Dataset, controller: np.ndarray, actors) -> np.ndarray:
    """Per place: one of ``actors`` (or a group that is part of one) holds or contests it."""
    wanted = set(actors)
    lineage = ds.lineage
    r = ds.timeline.reads
    ccodes, uniques = pd.factorize(pd.Series(controller, dtype=object), use_na_sentinel=False)
    controller_sides = r.controller_sides if r is not None else {}
    match = np.array([any(wanted.intersection(lineage.get(a, (a,))) for a in controller_sides.get(ct, (ct,)))
                      for ct in uniques], dtype=bool)
    return match[ccodes] if len(ccodes) else np.zeros(0, bool)


def state_at(ds: Dataset, date, actors=None, include_unreported: bool = False,
             quotes: bool = True, stale_days: int = STALE_DAYS, overtaken_km: float = OVERTAKEN_KM) -> pd.DataFrame:
    """One row per place with its controller as of ``date`` (STATE_COLUMNS).

    ``actors`` keeps places where one of the named actors (or a group that is
    part of one, e.g. HTS for Rebels) controls or contests the place.
    Places with no claim in effect yet are included on request, with status
    "unreported"; but before a place's first claim takes effect it shows the
    holder a claim names as previous (``basis`` "previous holder",
    attributed to that claim, for up to ``stale_days`` before the change), or, inside a claim's date window, the change
    that claim reports, as pending (``basis`` "window"). ``quotes=False``
    leaves the claim's id, link, date of publication, quote and attribution
    empty (the source name and claim date stay): for a quick overview of
    thousands of places. ``stale_days`` sets when a claim counts as old.

    Vectorised over places: a binary search per place, then arrays indexed
    by segment and by claim; Python loops only over the few places whose
    controller names several actors.
    """
    tl = ds.timeline
    r = tl.reads
    seg = tl.seg
    day = to_day(date)
    places = ds.places
    n = len(places)
    codes = np.arange(n, dtype="int64")
    has = len(seg["eff_day"]) > 0 and len(ds.events) > 0
    blank = np.full(n, "", dtype=object)
    at = _in_effect(ds, day, has)
    _before_first(ds, day, has, at, stale_days)
    ok, seg_idx, rep, since, named, window = at.ok, at.seg_idx, at.rep, at.since, at.named, at.window
    controller, contested, shown = at.controller, at.contested, at.shown
    status = np.where(shown, np.where(contested, "contested", "controlled"), "unreported").astype(object)

    def pick(col, rows):
        out = blank.copy()
        if has and shown.any():
            out[shown] = _take(ds, col, rows[shown])
        return out

    since_label = pick("date_label", since)
    text_cols = ("id", "source_name", "source_url", "published", "quote", "quote_type", "claimed_by", "date_label",
                 "copy_of") if quotes else ("source_name", "date_label", "copy_of")
    texts = {col: pick(col, rep) for col in text_cols}
    previous = np.where(ok, seg["previous_controller"][seg_idx], "").astype(object) if has else blank.copy()
    # nothing earlier in the data: the holder the report of the change names
    gap = np.flatnonzero(ok & (previous == ""))
    if len(gap):
        previous[gap] = _take(ds, "previous_actor", since[gap])
    # how old the claim shown is on this day (negative: a later claim, for "previous holder")
    claim_day = np.where(shown, tl.end_day[rep] if has else 0, 0).astype("int64")
    age = np.where(shown, day - claim_day, 0).astype("int64")
    stale = shown & ~named & (age > stale_days)
    # what a party claims against the holder, or a report says of part of the place or around it
    side = (_side_claims(ds, day, codes, ok, seg_idx, shown, at.cur_code, contested, controller, stale_days)
            if tl.side_keys is not None and len(tl.side_keys) and len(ds.events) else None)
    side_ids = blank.copy()
    if side is not None and (side["row"] >= 0).any():
        with_side = side["row"] >= 0
        side_ids[with_side] = _take(ds, "id", side["row"][with_side])
    # overtaken by events: places around it changed hands after its latest report
    overtaken = np.zeros(n, bool)
    nxt = overtaken_after(ds, overtaken_km) if has else None
    if nxt is not None:
        overtaken = ok & ~contested & (nxt[seg_idx] <= day)
    # a holder only a party's word stands behind (no independent report in effect)
    # (every group of the spell so far holds only a party's claims)
    claimed = ok & seg["party_only"][seg_idx] if has and "party_only" in seg else np.zeros(n, bool)
    if has:
        run_start = seg["run_start"][seg_idx]
        recent = ok & seg["run_is_change"][seg_idx] & ((day - run_start) <= RECENT_DAYS)
        disagreement = ok & seg["disagreement"][seg_idx]
        n_claims = np.where(ok, seg["n_claims"][seg_idx], 0).astype(int)
        since_day = np.where(shown, tl.start_day[since], np.nan)
    else:
        recent = disagreement = np.zeros(n, bool)
        n_claims = np.zeros(n, int)
        since_day = np.full(n, np.nan)
    cols = {
        "place": r.place_names,
        "kind": r.place_kinds,
        "lat": places["lat"].to_numpy(),
        "lon": places["lon"].to_numpy(),
        "controller": controller,
        "status": status,
        "since_label": since_label,
        "since_day": since_day,
        "since_precision": pick("date_precision", since),
        "previous_controller": previous,
        **{f"pending_{k}": v for k, v in at.pending.items()},
        "recent_change": recent,
        "disagreement": disagreement,
        "n_claims": n_claims,
        "claim_id": texts.get("id", blank),
        "source_name": texts.get("source_name", blank),
        "source_url": texts.get("source_url", blank),
        "published": texts.get("published", blank),
        "quote": texts.get("quote", blank),
        "quote_type": texts.get("quote_type", blank),
        "claimed_by": texts.get("claimed_by", blank),
        "date": texts.get("date_label", blank),
        "sides": _contest_sides(r, controller, previous, contested),
        "basis": np.where(named, "previous holder", np.where(window, "window", np.where(claimed, "claimed", "")))
        .astype(object),
        "claim_day": np.where(shown, claim_day, np.nan),
        "report_age_days": age,
        "stale": stale,
        "since_claim_id": pick("id", since),  # the claim "since" comes from
        "side_kind": side["kind"] if side is not None else blank.copy(),
        "side_claim_id": side_ids,
        **{f"side_{k}": side[k] if side is not None else blank.copy() for k in _SIDE_FIELDS},
        "overtaken": overtaken,
        "copy_of": texts.get("copy_of", blank) if "copy_of" in ds.events.columns else blank.copy(),
    }
    keep = np.ones(n, bool) if include_unreported else shown.copy()
    if actors:
        keep &= shown & _held_by(ds, controller, actors)
    if not keep.all():
        cols = {k: v[keep] for k, v in cols.items()}
    return _frame([cols[k] for k in STATE_COLUMNS], STATE_COLUMNS)


def _frame(arrays: list, columns: list) -> pd.DataFrame:
    """A DataFrame of these arrays, object arrays staying object (pandas'
    string inference would copy each), without the per-column Series a dict
    of them needs (at 20,000 places: 4 ms instead of 13): dashboard/core/frames.py,
    which falls back to pandas' public constructor by itself."""
    return frame_from_arrays(arrays, columns)


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


CHANGE_COLUMNS = ["day", "place", "controller", "status", "previous_controller", "date_label", "actor",
                  "claimed_by", "source_name", "source_url", "published", "quote", "quote_type", "claim_id", "copy_of"]


def _change_groups(ds: Dataset, start, end) -> np.ndarray:
    """The timeline's groups that change a place's state in [start, end], by day, then place."""
    seg = ds.timeline.seg
    if not len(seg["eff_day"]):
        return np.zeros(0, "int64")
    groups = np.flatnonzero(seg["is_change"] & (seg["eff_day"] >= to_day(start)) & (seg["eff_day"] <= to_day(end)))
    return groups[np.lexsort((seg["place_code"][groups], seg["eff_day"][groups]))]


def real_changes(ds: Dataset, start, end, limit: int | None = None) -> pd.DataFrame:
    """Changes of state taking effect in [start, end], oldest first: a new
    controller, a contest beginning or ending (see :func:`_is_change`), each
    with the claim that starts it. ``limit`` keeps the latest ``limit``."""
    seg = ds.timeline.seg
    groups = _change_groups(ds, start, end)
    if limit is not None and len(groups) > limit:
        groups = groups[-limit:]
    if not len(groups):
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    rows = seg["since_row"][groups]
    claims = ds.events.take(rows)
    names = ds.places["name"].to_numpy(dtype=object)
    out = pd.DataFrame({
        "day": [day_to_ts(int(d)).date() for d in seg["eff_day"][groups]],
        "place": names[seg["place_code"][groups]],
        "controller": seg["controller"][groups],
        "status": np.where(seg["contested"][groups], "contested", "controlled"),
        "previous_controller": seg["previous_controller"][groups],
    })
    for col, src in (("date_label", "date_label"), ("actor", "actor"), ("claimed_by", "claimed_by"),
                     ("source_name", "source_name"), ("source_url", "source_url"), ("published", "published"),
                     ("quote", "quote"), ("quote_type", "quote_type"), ("claim_id", "id"), ("copy_of", "copy_of")):
        out[col] = claims[src].to_numpy(dtype=object)
    # nothing earlier in the data: the holder the claim itself names
    gap = out["previous_controller"] == ""
    out.loc[gap, "previous_controller"] = claims["previous_actor"].to_numpy(dtype=object)[gap.to_numpy()]
    return out[CHANGE_COLUMNS]


def count_real_changes(ds: Dataset, start, end) -> int:
    """How many changes of state take effect in [start, end] (see :func:`real_changes`)."""
    return len(_change_groups(ds, start, end))


def dense_period(ds: Dataset, share: float = 0.75, before: int = 7, after: int = 2) -> tuple:
    """The shortest stretch of days holding ``share`` of the claims (by the
    day they take effect), widened by ``before`` / ``after`` days and kept
    inside the data's range: where the slider opens. The whole range when
    the claims are spread over most of it."""
    first, last = to_day(ds.first_day), to_day(ds.last_day)
    ends = np.sort(ds.events["end_day"].to_numpy(dtype="int64"))
    n = len(ends)
    if n < 2:
        return ds.first_day.date(), ds.last_day.date()
    k = max(1, int(np.ceil(share * n)))
    spans = ends[k - 1:] - ends[:n - k + 1]
    i = int(np.argmin(spans))
    lo, hi = max(first, int(ends[i]) - before), min(last, int(ends[i + k - 1]) + after)
    if hi - lo >= 0.5 * (last - first):
        lo, hi = first, last
    return day_to_ts(lo).date(), day_to_ts(hi).date()


def history(ds: Dataset, place: str) -> pd.DataFrame:
    """Every claim about a place, oldest first."""
    ev = ds.events[ds.events["place"] == place]
    return ev.sort_values(["end_day", "start_day", "published"]).reset_index(drop=True)


DISAGREEMENT_COLUMNS = ["place", "kind", "when", "claim_ids", "controller", "sources", "dates", "actor",
                        "previous_actor"]


def disagreements(ds: Dataset, place: str | None = None) -> pd.DataFrame:
    """Where sources disagree: on who holds a place on the same day, or on
    when the same change happened (same place, compatible actor, same
    previous holder, non-overlapping dates, different reports).

    ``kind`` "who controls": ``controller`` names the actors the reports
    taking effect on the day ``when`` name; ``kind`` "when": ``sources`` and
    ``dates`` are the two reports' publishers and date labels, ``actor``
    taking the place from ``previous_actor``. (dashboard.map.wording's
    ``disagreement_summary`` says it in words.)"""
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
                        claim_ids=_take(ds, "id", rows).tolist(), controller=seg["controller"][g],
                        sources=(), dates=(), actor="", previous_actor=""))
    ev = ds.events if place is None else ds.events[ds.events["place"] == place]  # one place: filter first
    held = ev[(ev["status"] == "controlled") & (ev["previous_actor"] != "")]
    if "scope" in held.columns:
        held = held[held["scope"] == ""]  # (a report on part of a place does not date the whole place's change)
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
                                    controller="", sources=(a["source_name"], b["source_name"]), dates=(la, lb),
                                    actor=a["actor"], previous_actor=prev_actor))
    return pd.DataFrame(out, columns=DISAGREEMENT_COLUMNS)


