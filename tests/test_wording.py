"""Tests for dashboard.map.wording: the sentences a reader sees, made from the fields the core returns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core import control
from dashboard.map import wording

from dataset_helpers import URL_B, ev, make_dataset
from dashboard.core.data import load_dataset


def test_the_notes_from_their_fields():
    assert wording.pending_note("Report A", "SDF", "controlled", "2016 (year only)") == (
        "Report A reports SDF (controlled) 2016 (year only); not yet certain on this day")
    assert wording.overtaken_note("30 Nov 2024", "Syrian government") == (
        "last reported 30 Nov 2024; places around it that Syrian government held changed hands since")
    note = wording.side_note
    assert note("part", "SDF", "contested", "", "ICG", "", "2012", "") == "ICG says SDF is fighting in part of it (2012)"
    assert note("part", "SDF", "controlled", "SOHR", "ICG", "", "2012", "") == "SOHR says SDF holds part of it (2012)"
    assert note("around", "Rebels", "contested", "", "AP", "", "3 Dec 2024", "") == (
        "AP reports Rebels around it (nearby; 3 Dec 2024)")
    assert note("around", "Rebels", "contested", "", "AP", "", "3 Dec 2024", "outskirts") == (
        "AP reports Rebels around it (outskirts; 3 Dec 2024)")
    # a party's claim: its speaker, or its outlet with the side it speaks for
    assert note("claim", "Syrian government", "controlled", "Syrian army", "SANA", "Syrian government", "8 Dec 2024",
                "") == "Syrian army says Syrian government holds it (8 Dec 2024)"
    assert note("claim", "Syrian government", "contested", "", "SANA", "Syrian government", "8 Dec 2024", "") == (
        "SANA (Syrian government-aligned) says Syrian government is fighting there (8 Dec 2024)")
    assert note("claim", "Syrian government", "controlled", "Syrian army", "SANA", "", "8 Dec 2024",
                "army denies withdrawal") == (
        "Syrian army says Syrian government still holds it (denial: army denies withdrawal) (8 Dec 2024)")
    assert "denial" not in note("claim", "X", "controlled", "Y", "Z", "", "1 Dec 2024", "sudden attack")


def test_since_in_words():
    out = wording.since_texts(np.array(["1 Dec 2024", "2016 (year only)", ""], dtype=object),
                              np.array(["", "previous holder", ""], dtype=object))
    assert out.tolist() == ["1 Dec 2024", "until a change dated 2016 (year only)", ""]


def test_in_words_makes_every_note_from_the_state_and_only_where_there_is_one(tmp_path):
    ds = load_dataset(*make_dataset(tmp_path, [
        ev(id="gov", date="2016", date_precision="year", actor="Syrian government"),
        ev(id="take", date="2024-11-27", date_end="2024-12-02", date_precision="range", actor="Rebels",
           previous_actor="Syrian government"),
        ev(id="bravo", date="2024-11-29", place="Bravo", actor="SDF", status="contested", scope="part",
           source_url=URL_B),
    ]))
    state = control.state_at(ds, "2024-11-30", include_unreported=True)
    assert not set(wording.WORD_COLUMNS) & set(state.columns)  # the core gives fields, no words
    worded = wording.in_words(state).set_index("place")
    assert worded.loc["Alpha", "pending"] == (
        "Report A reports Rebels (controlled) between 27 Nov and 2 Dec 2024; not yet certain on this day")
    assert worded.loc["Alpha", "since"] == "2016 (year only)"
    assert worded.loc["Bravo", "side_note"] == "Report A says SDF is fighting in part of it (29 Nov 2024)"
    assert worded.loc["Bravo", "pending"] == worded.loc["Alpha", "side_note"] == ""
    assert (worded["overtaken_note"] == "").all()
    # the fields stay beside the words; a state in words is returned as it is
    assert worded.loc["Alpha", "pending_actor"] == "Rebels"
    again = wording.in_words(worded)
    assert again is worded
    # a row's sentence is the same whether it has its words yet or not
    for place in ("Alpha", "Bravo"):
        core = state.set_index("place").loc[place].to_dict() | {"place": place}
        assert wording.state_sentence(core) == wording.state_sentence(worded.loc[place].to_dict() | {"place": place})
        assert wording.pending_text(core) == worded.loc[place, "pending"]
    assert wording.state_sentence(worded.loc["Bravo"].to_dict() | {"place": "Bravo"}) == (
        "Bravo: no report yet; Report A says SDF is fighting in part of it (29 Nov 2024)")


def test_in_words_of_an_empty_state():
    state = control.state_at(load_dataset(), "1990-01-01")
    worded = wording.in_words(state)
    assert worded.empty and set(wording.WORD_COLUMNS) <= set(worded.columns)


def test_a_disagreement_in_words():
    who = pd.Series({"kind": "who controls", "controller": "Syrian government vs HTS"})
    assert wording.disagreement_summary(who) == "Reports taking effect on the same day name Syrian government vs HTS"
    when = {"kind": "when", "sources": ("ICG", "RS"), "dates": ("2016 (year only)", "2017 (year only)"),
            "actor": "Syrian government", "previous_actor": "Rebels"}
    assert wording.disagreement_summary(when) == (
        "ICG says 2016 (year only); RS says 2017 (year only) (Syrian government taking it from Rebels)")
