"""The colours a place's state is drawn in, worked out from the state's data (the core knows no colour).

Its holder's colour, grey when contested, light grey with no report; both sides' colours for a contest and
the colour of a claim beside the holder."""

from __future__ import annotations

import numpy as np
import pandas as pd

CONTESTED_COLOUR = "#7F7F7F"
UNREPORTED_COLOUR = "#BBBBBB"


def palette(actors: pd.DataFrame) -> tuple[dict[str, int], list[str]]:
    """(actor name -> its code, the colours by code): the actors' colours, then CONTESTED_COLOUR (code
    ``len(actors)``), then UNREPORTED_COLOUR (``len(actors) + 1``)."""
    names = actors["name"].tolist()
    return {n: i for i, n in enumerate(names)}, list(actors["colour"]) + [CONTESTED_COLOUR, UNREPORTED_COLOUR]


def colour_codes(controller: np.ndarray, status: np.ndarray, actors: pd.DataFrame) -> np.ndarray:
    """Per row (its ``controller`` and ``status``), the code of its fill colour in :func:`palette`: the
    holder's, the contested grey, or the light grey of no report (also for a holder the actors table does
    not name)."""
    code_of, _ = palette(actors)
    n_act = len(code_of)
    if not len(controller):
        return np.zeros(0, np.int64)
    at, uniques = pd.factorize(pd.Series(controller, dtype=object), use_na_sentinel=False)
    per = np.array([code_of.get(c, n_act + 1) for c in uniques.tolist()], dtype=np.int64)
    status = np.asarray(status, dtype=object)
    return np.where(status == "unreported", n_act + 1, np.where(status == "contested", n_act, per[at])).astype(np.int64)


def side_colours(status: np.ndarray, sides: np.ndarray, previous: np.ndarray, side_actor: np.ndarray,
                 fill: np.ndarray, actors: pd.DataFrame) -> np.ndarray:
    """Per row, the colours drawn besides the fill (``fill``: the row's colour), as a tuple: for a contest
    both sides' (the fill who held the place before, when known; the ring who contests it), for a claim
    beside the holder (``side_actor``) the holder's and that actor's; () otherwise."""
    colour_of = dict(zip(actors["name"], actors["colour"]))
    n = len(status)
    out = np.empty(n, dtype=object)
    out.fill(())
    at = np.flatnonzero((np.asarray(status, dtype=object) == "contested") | (np.asarray(side_actor, dtype=object) != ""))
    memo: dict = {}
    for i in at.tolist():
        key = (sides[i], previous[i], side_actor[i], fill[i])
        hit = memo.get(key)
        if hit is None:
            s, prev, beside, own = key
            names = list(s or ())
            if prev in names:  # the fill is who held the place before the contest, the ring who contests it
                names.remove(prev)
                names.insert(0, prev)
            hit = tuple(dict.fromkeys(c for c in (colour_of.get(a, "") for a in names) if c))
            if not hit and beside and colour_of.get(beside):
                hit = (own, colour_of[beside])
            memo[key] = hit
        out[i] = hit
    return out


def with_colours(state: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The state with the colours it is drawn in, for a reader of colours (the baseline map, tests):
    ``colour`` (the fill) and ``side_colours`` (see :func:`side_colours`)."""
    _, colours = palette(actors)
    fill = np.asarray(colours, dtype=object)[colour_codes(state["controller"].to_numpy(), state["status"].to_numpy(), actors)]
    col = {c: state[c].to_numpy() for c in ("status", "sides", "previous_controller", "side_actor")}
    return state.assign(colour=fill, side_colours=side_colours(col["status"], col["sides"], col["previous_controller"],
                                                                col["side_actor"], fill, actors))
