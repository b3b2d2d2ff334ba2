"""The bundled data: what it covers, and the state it gives on the offensive's
key days (pinned from the reports; a change to events.csv that moves one of
these is a change a reader would see)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import control
from dashboard.data import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def at(ds, day: str, place: str) -> dict:
    state = control.state_at(ds, day, include_unreported=True)
    hit = state[state["place"] == place]
    assert len(hit) == 1, place
    return hit.iloc[0].to_dict()


def test_coverage(ds):
    ev = ds.events
    assert ev["place"].nunique() >= 40
    assert len(ev) >= 150
    assert ev["source_url"].nunique() >= 30
    assert ds.last_day >= pd.Timestamp("2024-12-12")
    # every place is used, and every manual point says where it comes from
    assert set(ds.places["name"]) == set(ev["place"])
    manual = ds.places[ds.places["coord_source"] == "manual"]
    assert (manual["coord_note"].str.len() > 20).all()
    # all points lie in Syria or on its borders (lat 32.3..37.4, lon 35.6..42.4)
    assert ds.places["lat"].between(32.3, 37.4).all() and ds.places["lon"].between(35.6, 42.4).all()


def test_denials_and_counter_claims_are_their_own_rows(ds):
    ev = ds.events
    denials = ev[ev["event"].str.contains("den", case=False)]
    assert {"Hama", "Homs", "Aleppo", "Damascus"} <= set(denials["place"])
    assert (denials["claimed_by"] != "").all()  # each says who denies
    army_8dec = ev[(ev["date"] == "2024-12-08") & (ev["actor"] == "Syrian government")
                   & ev["event"].str.contains("continuing operations")]
    assert {"Hama", "Homs", "Daraa"} <= set(army_8dec["place"])


def test_30_november(ds):
    aleppo = at(ds, "2024-11-30", "Aleppo")
    assert (aleppo["controller"], aleppo["status"], aleppo["disagreement"]) == (
        "HTS vs Syrian government", "contested", True)  # the army says it repelled them
    saraqib = at(ds, "2024-11-30", "Saraqib")
    assert (saraqib["controller"], saraqib["since"]) == ("HTS", "29 Nov 2024")
    hama = at(ds, "2024-11-30", "Hama")
    assert (hama["controller"], hama["claim_id"]) == ("Syrian government", "r006-hama-denial")
    # previous-holder rule: Crisis Group's handover names the government as the holder before
    deir_hafer = at(ds, "2024-11-30", "Deir Hafer")
    assert (deir_hafer["controller"], deir_hafer["basis"]) == ("Syrian government", "previous holder")
    assert "SDF (controlled) between 27 Nov and 2 Dec 2024" in deir_hafer["pending"]
    # window rule: a change known only to fall between 27 Nov and 2 Dec is pending, not "no report"
    al_bab = at(ds, "2024-11-30", "al-Bab")
    assert (al_bab["controller"], al_bab["basis"], al_bab["status"]) == ("SNA", "window", "controlled")
    assert al_bab["pending"].endswith("not yet certain on this day")


def test_5_december(ds):
    hama = at(ds, "2024-12-05", "Hama")
    assert (hama["controller"], hama["status"], hama["disagreement"]) == (
        "Rebels vs Syrian government", "contested", True)  # captured, says the press; not breached, says state media
    assert at(ds, "2024-12-05", "Aleppo")["controller"] == "Rebels"


def test_8_december(ds):
    damascus = at(ds, "2024-12-08", "Damascus")
    assert (damascus["controller"], damascus["status"]) == ("Rebels", "contested")  # stormed, entered, declared free
    homs = at(ds, "2024-12-08", "Homs")
    assert (homs["controller"], homs["disagreement"]) == ("Rebels vs Syrian government", True)
    assert at(ds, "2024-12-08", "Latakia")["controller"] == "Rebels"


def test_10_december(ds):
    damascus = at(ds, "2024-12-10", "Damascus")
    assert (damascus["controller"], damascus["status"]) == ("Rebels", "controlled")
    assert at(ds, "2024-12-10", "Mount Hermon")["controller"] == "Israel"
    assert at(ds, "2024-12-10", "Tartus naval base")["controller"] == "Russia"
    # the army's own last word on Hama (8 Dec) stands, attributed, in both sides' colours
    hama = at(ds, "2024-12-10", "Hama")
    assert (hama["controller"], hama["status"], hama["claimed_by"]) == ("Syrian government", "contested", "Syrian army")
    assert len(hama["contested_colours"].split(";")) == 2
