"""What the challenge sets on when and whether ("time", "dates2") share: the rows a case expects and how a
proposal is compared to them. A row is compared on (place, actor, status, denial); ``date``/``end``/``precision``
and ``claimed`` (whether ``claimed_by`` is filled) only where a case gives them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import pandas as pd

from dashboard.core import attribution, data
from dashboard.ingest import extraction

ROOT = Path(__file__).resolve().parents[1]
_, PLACES = data.read_rows(ROOT / "geodata" / "places.csv")
_, ACTORS = data.read_rows(ROOT / "geodata" / "actors.csv")

SPEAKERS = attribution.speaker_index(
    pd.read_csv(ROOT / "geodata" / "parties.csv", dtype=str, keep_default_na=False),
    pd.read_csv(ROOT / "geodata" / "actors.csv", dtype=str, keep_default_na=False))

SG = "Syrian government"


def whose(claimed_by: str) -> str:
    """'' | 'independent' | 'party' | 'party:<actor>', as the map reads a claim's claimed_by (the sets on who acts
    and who says so check it): a speaker neither the parties nor the actors table knows counts as a party's word."""
    c = (claimed_by or "").strip().casefold()
    if not c:
        return ""
    hit = SPEAKERS.get(c)
    if hit is None:
        return "party"
    return (f"party:{hit[0]}" if hit[0] else "party") if hit[1] else "independent"


@dataclass(frozen=True)
class R:
    """An expected row; the optional fields are compared only when given."""

    place: str
    actor: str
    status: str
    denial: bool = False
    date: str | None = None
    end: str | None = None
    precision: str | None = None
    claimed: bool | None = None

    @property
    def key(self):
        return (self.place, self.actor, self.status, self.denial)


def D(place, actor, **kw):
    """A denial row: the party's word that it still holds the place."""
    return R(place, actor, "controlled", True, claimed=kw.pop("claimed", True), **kw)


def propose(text, published):
    rows, _ = extraction.propose_rows(text, url="https://news.example.org/a", publisher="Example", published=published,
                                      places_rows=PLACES, actors_rows=ACTORS, geocode_fn=lambda name: None)
    return rows


def key(row):
    return (row["place"], row["actor"], row["status"], str(row.get("event", "")).startswith("den"))


def fits(row, want: R) -> bool:
    if key(row) != want.key:
        return False
    if want.date is not None and row["date"] != want.date:
        return False
    if want.end is not None and (row["date_end"] or "") != want.end:
        return False
    if want.precision is not None and row["date_precision"] != want.precision:
        return False
    if want.claimed is not None and bool(row["claimed_by"].strip()) != want.claimed:
        return False
    return True


def case(id, text, rows, published="2024-12-08", absent=None, xfail=None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, published, rows, absent, id=id, marks=marks)


def day(d):
    return dict(date=d, end="", precision="day")


def window(a, b):
    return dict(date=a, end=b, precision="range")



def check(text, published, rows, absent):
    """Assert the rows proposed for ``text``: exactly ``rows`` (by place, actor, status, denial) when ``absent`` is
    None, else ``rows`` among them and none of ``absent``; each expected row's optional fields as given."""
    got = propose(text, published)
    keys = {key(r) for r in got}
    shown = sorted((key(r), r["date"], r["date_end"], r["date_precision"], r["claimed_by"]) for r in got)
    if absent is None:
        assert keys == {w.key for w in rows}, shown
    else:
        assert not keys & {w.key for w in absent}, shown
        assert {w.key for w in rows} <= keys, shown
    for want in rows:
        assert any(fits(r, want) for r in got), (want, shown)
