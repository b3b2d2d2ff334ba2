"""Whose word a claim is: the report's own, or a party's to the fighting.

The editor keeps ``geodata/parties.csv`` beside the places file: each
claimant or publisher with the actor it speaks for (``side``) and what it is
(``kind``: party, state media, aligned outlet, monitor, wire...). A claim is a
party's word when

* its ``claimed_by`` names a party (a row of parties.csv with a side, or an
  actor of actors.csv: an actor speaking is a party by definition), or
* its ``claimed_by`` names no one the tables know (an unvetted speaker is
  not independent reporting), or
* it is unattributed and its publisher is a party's own outlet (state media
  or an outlet aligned with a party: the publisher's name, before any
  bracket, is a name or alias in parties.csv with a side).

Everything else (the report's own words, a monitor, a wire agency, witnesses)
is independent reporting. Names match whatever their case and surrounding space.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core import schema


def _names(row_name: str, aliases: str) -> list[str]:
    out = [row_name] + [a for a in str(aliases or "").split(schema.LIST_SEPARATOR)]
    return [n.strip().casefold() for n in out if n and n.strip()]


def speaker_index(parties: pd.DataFrame | None, actors: pd.DataFrame) -> dict[str, tuple[str, bool]]:
    """casefolded name or alias -> (side actor or "", is a party's word)."""
    index: dict[str, tuple[str, bool]] = {}
    for name, aliases in zip(actors["name"], actors["aliases"] if "aliases" in actors else [""] * len(actors)):
        for n in _names(name, aliases):
            index.setdefault(n, (name, True))
    if parties is not None and len(parties):
        for name, aliases, side, kind in zip(parties["name"], parties["aliases"], parties["side"], parties["kind"]):
            party = (bool(str(side or "").strip()) and kind in schema.ALIGNED_KINDS) or kind == "interested state"
            for n in _names(name, aliases):
                index[n] = (str(side or "").strip(), party)  # the parties table wins over actor aliases
    return index


def publisher_key(source_name: str) -> str:
    """The outlet a publisher field names: the text before any bracket
    ("TRT World (Anadolu)" -> "trt world")."""
    return str(source_name).split(" (", 1)[0].strip().casefold()


def whose_word(events: pd.DataFrame, parties: pd.DataFrame | None, actors: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per claim: is it a party's word (bool), and the side it speaks for
    ("" when independent or unknown). Worked out once per distinct
    (claimed_by, source_name) pair."""
    index = speaker_index(parties, actors)
    n = len(events)
    if not n:
        return np.zeros(0, bool), np.zeros(0, dtype=object)
    claimed = events["claimed_by"].astype(object).to_numpy() if "claimed_by" in events else np.full(n, "", object)
    source = events["source_name"].astype(object).to_numpy()
    codes, uniques = pd.factorize(pd.Series(claimed, dtype=object).str.cat(pd.Series(source, dtype=object), sep="\x1f"))
    party = np.zeros(len(uniques), bool)
    side = np.full(len(uniques), "", dtype=object)
    for i, key in enumerate(uniques):
        c, s = str(key).split("\x1f", 1)
        c = c.strip().casefold()
        if c:
            hit = index.get(c)
            if hit is None:
                party[i] = True  # an unvetted speaker
            else:
                side[i], party[i] = hit[0] if hit[1] else "", hit[1]
        else:
            hit = index.get(publisher_key(s))
            if hit is not None and hit[1]:
                side[i], party[i] = hit[0], True
    return party[codes], side[codes]


def unknown_speakers(events: pd.DataFrame, parties: pd.DataFrame | None, actors: pd.DataFrame) -> list[str]:
    """``claimed_by`` values that neither table knows (treated as a party's word)."""
    index = speaker_index(parties, actors)
    values = pd.unique(events["claimed_by"].astype(object)) if len(events) else []
    return sorted({str(v) for v in values if str(v).strip() and str(v).strip().casefold() not in index})


def doubtful_attribution(ds) -> tuple[bool, list[str]]:
    """What a reader of the map should know about whose word the claims are
    read as (dashboard.map.wording's ``attribution_warnings`` says it): whether
    claims name a speaker with no parties table at all (every one is then read
    as a party's word), and, with a parties table, the speakers neither table
    knows (read as a party's word)."""
    no_table = ds.parties is None and bool((ds.events["claimed_by"] != "").any())
    unknown = unknown_speakers(ds.events, ds.parties, ds.actors) if ds.parties is not None else []
    return no_table, unknown
