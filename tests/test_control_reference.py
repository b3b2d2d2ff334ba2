"""The control rule against a deliberately simple reference, on random data.

``reference_state`` below is written apart from dashboard/core/control.py: plain
Python over dicts, recomputing a place's state from scratch for each day
asked (no numpy, no grouping shared with the app, no timeline). Hypothesis
draws random data sets with an actor hierarchy (HTS and SNA are parts of
Rebels), date windows, contested spells, attributed claims and disagreeing
sources, and every place's state on many days must agree.

The rule, as the README states it:
* whose word: a claim attributed to a speaker no table knows ("state media"
  here) is a party's word; unattributed claims are independent reporting;
* a window that a more precise independent report of the same change dates
  (a day inside it, same place, same or compatible actor, same status or a
  capture after a contest) takes that day;
* only claims about the whole place set its holder; a party's word sets it
  only where no independent claim about the place took effect in the 30 days
  up to it;
* a claim takes effect on the last day of its date window;
* the claims about a place taking effect on the same day are one group;
  a claim that A holds it (naming no one it took it from) is dropped when
  another in the group has B (not A's side) taking it from A;
  within it, an actor and its parent group are one actor (the more
  specific); two or more actors left make the place contested (a
  disagreement), and so do claims saying contested with no claim of control
  beside them (a capture ends a contest);
* the group in effect on a day is the latest one on or before it; its
  representative claim is its most precisely dated claim (narrowest own
  window; the last of those) not attributed to anyone (else of all), among
  the claims saying contested when the group is contested and any does,
  else among those saying controlled;
* consecutive groups saying the same (the same contest; or control by the
  same actor or one part of the other) are one spell: "since" is the first
  claim of the spell's first group (the most precise first); a parent name
  after a part (Rebels after HTS) keeps the part's name; "previously" is who
  last held the place uncontested before the spell, unless that is the same
  side, and when nothing earlier is known, the holder the spell's first
  claim names; the holder is "claimed" when that group holds only a
  party's claims.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dashboard.core import control  # noqa: E402
from dashboard.core.data import load_dataset  # noqa: E402

from dataset_helpers import ACTORS, PLACES, ev, make_dataset  # noqa: E402

PARENT = {a["name"]: a["parent"] for a in ACTORS}
BASE = dt.date(2024, 11, 20)


def ancestors(actor: str) -> list[str]:
    """The actor and its parent groups, nearest first."""
    out = [actor]
    while PARENT.get(out[-1]):
        out.append(PARENT[out[-1]])
    return out


def same_side(a: str, b: str) -> bool:
    return a in ancestors(b) or b in ancestors(a)


def day(d: dt.date) -> str:
    return d.isoformat()


def is_party(c: dict) -> bool:
    return bool(c["claimed_by"])  # (the only speaker drawn, "state media", is in no table: a party's word)


def effective(claims: list[dict]) -> list[dict]:
    """The claims with the days they take effect (a window dated by a more
    precise independent report takes its day) and whether they set the holder."""
    out = [dict(c, eff_start=c["start"], eff_end=c["end"]) for c in claims]
    for c in out:
        if c["start"] == c["end"] or c.get("scope", ""):
            continue
        fits = [d for d in claims if d["place"] == c["place"] and not d.get("scope", "") and not is_party(d)
                and d["start"] == d["end"] and c["start"] <= d["end"] <= c["end"] and same_side(c["actor"], d["actor"])
                and (d["status"] == c["status"] or c["status"] == "contested")]
        if fits:
            day_ = min(d["end"] for d in fits)
            c["eff_start"] = c["eff_end"] = day_
    for c in out:
        whole = not c.get("scope", "")
        recent_independent = any(d["place"] == c["place"] and not d.get("scope", "") and not is_party(d)
                                 and c["eff_end"] - dt.timedelta(days=30) <= d["eff_end"] <= c["eff_end"] for d in out)
        c["sets"] = whole and (not is_party(c) or not recent_independent)
    return out


def reference_state(claims: list[dict], place: str, on: dt.date) -> dict | None:
    """The state of ``place`` on day ``on``, or None when no claim is in effect.
    ``claims`` are dicts with id, place, actor, status, start, end (dates),
    published, claimed_by, previous_actor, scope, in file order."""
    eff = effective(claims)
    mine = [(i, c) for i, c in enumerate(eff) if c["place"] == place and c["sets"] and c["eff_end"] <= on]
    if not mine:
        return None
    # groups by the day they take effect; inside, by start, the claim's own window, publication, file order
    by_day: dict[dt.date, list[dict]] = {}
    for _, c in sorted(mine, key=lambda ic: (ic[1]["eff_end"], ic[1]["eff_start"], ic[1]["end"] - ic[1]["start"],
                                              ic[1]["published"], ic[0])):
        by_day.setdefault(c["eff_end"], []).append(c)
    spells = []  # each: dict(kind, actors, name, since, prev)
    last_held = None
    for when in sorted(by_day):
        group = by_day[when]
        # a claim that A holds it, on a day another has B taking it from A: what stood before the change
        takers = [(c["actor"], c["previous_actor"]) for c in group if c["status"] == "controlled" and c["previous_actor"]]
        group = [c for c in group if not (c["status"] == "controlled" and not c["previous_actor"] and any(
            same_side(c["actor"], pv) and not same_side(c["actor"], t) for t, pv in takers))]
        named = list(dict.fromkeys(c["actor"] for c in group))
        actors = [a for a in named if not any(b != a and a in ancestors(b) for b in named)]
        any_ct = any(c["status"] == "contested" for c in group)
        any_ctl = any(c["status"] == "controlled" for c in group)
        contested = len(actors) > 1 or (any_ct and not any_ctl)
        pool = [c for c in group if (c["status"] == "contested") == (contested and any_ct)] or group
        own = [c for c in pool if not c["claimed_by"]]
        cands = own or pool  # the most precisely dated (its own window narrowest), the last of those
        rep = min(enumerate(cands), key=lambda ic: (ic[1]["end"] - ic[1]["start"], -ic[0]))[1]
        current = spells[-1] if spells else None
        same = False
        if current is not None and current["contested"] == contested:
            same = (set(actors) == set(current["actors"])) if contested else same_side(actors[0], current["actors"][0])
        if same:
            if not contested and actors[0] in ancestors(current["actors"][0]):
                actors = current["actors"]  # Rebels after HTS: still HTS
            current.update(actors=actors, rep=rep, disagreement=len(actors) > 1, last_day=when,
                           claimed=current["claimed"] and all(is_party(c) for c in group))
        else:
            prev = None
            if last_held is not None and (contested or not same_side(actors[0], last_held)):
                prev = last_held
            spells.append(dict(contested=contested, actors=actors, since=group[0], prev=prev, rep=rep,
                               disagreement=len(actors) > 1, last_day=when,
                               claimed=all(is_party(c) for c in group)))
        if not contested:
            last_held = actors[0]
    s = spells[-1]
    prev = s["prev"] or s["since"]["previous_actor"]
    return {"controller": " vs ".join(s["actors"]), "status": "contested" if s["contested"] else "controlled",
            "since_id": s["since"]["id"], "claim_id": s["rep"]["id"], "previous_controller": prev,
            "disagreement": s["disagreement"], "claimed": s["claimed"]}


# ------------------------------------------------------------ random data

ACTOR_NAMES = [a["name"] for a in ACTORS]
PLACE_NAMES = [p["name"] for p in PLACES]


@st.composite
def claim(draw, i: int):
    start = BASE + dt.timedelta(days=draw(st.integers(0, 20)))
    kind = draw(st.sampled_from(["day", "day", "day", "range", "month"]))
    if kind == "day":
        end = start
    elif kind == "range":
        end = start + dt.timedelta(days=draw(st.integers(1, 6)))
    else:
        start = start.replace(day=1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    published = end + dt.timedelta(days=draw(st.integers(0, 3)))
    return {
        "id": f"c{i}", "place": draw(st.sampled_from(PLACE_NAMES)), "actor": draw(st.sampled_from(ACTOR_NAMES)),
        "status": draw(st.sampled_from(["controlled", "controlled", "controlled", "contested"])),
        "start": start, "end": end, "kind": kind, "published": published,
        "claimed_by": draw(st.sampled_from(["", "", "state media"])),
        "previous_actor": draw(st.sampled_from(["", "", ""] + ACTOR_NAMES)),
        "scope": draw(st.sampled_from(["", "", "", "part", "around"])),
    }


@st.composite
def claims(draw):
    n = draw(st.integers(1, 14))
    return [draw(claim(i)) for i in range(n)]


def to_rows(cs: list[dict]) -> list[dict]:
    rows = []
    for c in cs:
        if c["kind"] == "month":
            date, end = c["start"].strftime("%Y-%m"), ""
        elif c["kind"] == "range":
            date, end = day(c["start"]), day(c["end"])
        else:
            date, end = day(c["start"]), ""
        rows.append(ev(id=c["id"], date=date, date_end=end, date_precision=c["kind"], place=c["place"],
                       actor=c["actor"], status=c["status"], claimed_by=c["claimed_by"],
                       previous_actor=c["previous_actor"] if c["previous_actor"] != c["actor"] else "",
                       published=day(c["published"]), quote=f"Quote {c['id']}.", scope=c.get("scope", "")))
    for r, c in zip(rows, cs):
        c["previous_actor"] = r["previous_actor"]
    return rows


def check_all(cs):
    with tempfile.TemporaryDirectory() as tmp:
        ds = load_dataset(*make_dataset(Path(tmp), to_rows(cs)))
        for offset in range(0, 50, 2):
            on = BASE + dt.timedelta(days=offset)
            state = control.state_at(ds, on, include_unreported=True).set_index("place")
            for place in PLACE_NAMES:
                want = reference_state(cs, place, on)
                got = state.loc[place]
                if want is None:
                    assert got["basis"] != "" or got["status"] == "unreported", (place, on, got.to_dict())
                    continue
                assert got["basis"] in ("", "claimed"), (place, on)
                have = {"controller": got["controller"], "status": got["status"],
                        "since_id": got["since_claim_id"], "claim_id": got["claim_id"],
                        "previous_controller": got["previous_controller"], "disagreement": bool(got["disagreement"]),
                        "claimed": got["basis"] == "claimed"}
                assert have == want, (place, on.isoformat(), have, want)


# In CI the examples are the same on every run (a failure there is never luck); locally they vary.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=bool(os.environ.get("CI")), database=None if os.environ.get("CI") else hypothesis.settings().database)
@given(claims())
def test_the_control_rule_matches_the_reference(cs):
    check_all(cs)


def test_the_reference_itself_on_a_hand_made_case():
    # HTS holds, a claim naming Rebels keeps HTS, then the SNA (a sibling) is a change from HTS
    d = dt.date
    cs = [
        dict(id="hts", place="Alpha", actor="HTS", status="controlled", start=d(2024, 11, 28), end=d(2024, 11, 28),
             published=d(2024, 11, 28), claimed_by="", previous_actor="Syrian government", kind="day"),
        dict(id="reb", place="Alpha", actor="Rebels", status="controlled", start=d(2024, 11, 30), end=d(2024, 11, 30),
             published=d(2024, 11, 30), claimed_by="", previous_actor="", kind="day"),
        dict(id="sna", place="Alpha", actor="SNA", status="controlled", start=d(2024, 12, 2), end=d(2024, 12, 2),
             published=d(2024, 12, 2), claimed_by="", previous_actor="", kind="day"),
    ]
    assert reference_state(cs, "Alpha", d(2024, 11, 27)) is None
    assert reference_state(cs, "Alpha", d(2024, 11, 30))["controller"] == "HTS"
    assert reference_state(cs, "Alpha", d(2024, 11, 30))["since_id"] == "hts"
    assert reference_state(cs, "Alpha", d(2024, 11, 30))["previous_controller"] == "Syrian government"
    late = reference_state(cs, "Alpha", d(2024, 12, 2))
    assert (late["controller"], late["since_id"], late["previous_controller"]) == ("SNA", "sna", "HTS")
    check_all(cs)
