"""Tests for dashboard.core.control: state on a day, pending imprecise claims,
contested places, "since", changes, history and disagreements."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.core import control
from dashboard.core.data import date_label, load_dataset, to_day
from dashboard.map import wording

from dataset_helpers import URL_B, ev, make_dataset, write_csv

# a monitor: a claim attributed to it is independent reporting (not a party's word)
MONITOR = {"name": "SOHR", "aliases": "", "side": "", "kind": "monitor", "description": ""}


def load(tmp_path, events, parties=None, **kw):
    paths = make_dataset(tmp_path, events, **kw)
    if parties is not None:
        write_csv(paths[1].with_name("parties.csv"), parties)
    return load_dataset(*paths)


def row(state: pd.DataFrame, place: str) -> dict:
    hit = state[state["place"] == place]
    assert len(hit) == 1, f"{place} not in state: {list(state['place'])}"
    return hit.iloc[0].to_dict()


def words(state: pd.DataFrame, place: str) -> dict:
    """A place's row with the words a reader sees, made from its fields (dashboard.map.wording)."""
    return row(wording.in_words(state), place)


def places(state: pd.DataFrame) -> set:
    return set(state["place"])


def parties(r: dict) -> set:
    """Who a contested place is fought over by, as the state gives it (data, not the controller's text)."""
    assert r["controller"] == control.CONTEST_JOIN.join(r["sides"]), r  # (the text a reader sees)
    return set(r["sides"])


# ------------------------------------------------------------ day precision


@pytest.fixture
def simple(tmp_path):
    return load(tmp_path, [
        ev(id="gov", date="2024-01-10", actor="Syrian government"),
        ev(id="reb", date="2024-03-01", actor="Rebels", previous_actor="Syrian government", source_url=URL_B,
           source_name="Report B", quote="Rebels took Alpha."),
    ])


def test_state_before_first_claim_is_unreported(simple):
    assert control.state_at(simple, "2024-01-09").empty
    full = control.state_at(simple, "2024-01-09", include_unreported=True)
    assert list(full["place"]) == ["Alpha", "Bravo", "Charlie"]
    assert set(full["status"]) == {"unreported"}
    assert set(full["sides"]) == {()} and set(full["side_actor"]) == {""}
    assert full["claim_day"].isna().all()
    assert set(full["controller"]) == {""}
    assert full["n_claims"].tolist() == [0, 0, 0]


def test_state_before_at_and_after_a_day_precision_change(simple):
    first = row(control.state_at(simple, "2024-01-10"), "Alpha")
    assert (first["controller"], first["status"], first["since_label"]) == ("Syrian government", "controlled", "10 Jan 2024")
    assert first["claim_id"] == "gov"
    assert first["sides"] == () and first["claim_day"] == to_day("2024-01-10")

    before = row(control.state_at(simple, "2024-02-29"), "Alpha")
    assert before["controller"] == "Syrian government"
    assert before["pending_status"] == ""

    at = row(control.state_at(simple, "2024-03-01"), "Alpha")
    assert (at["controller"], at["status"], at["since_label"]) == ("Rebels", "controlled", "1 Mar 2024")
    assert at["previous_controller"] == "Syrian government"
    assert at["claim_id"] == "reb"
    assert at["source_name"] == "Report B"
    assert at["source_url"] == URL_B
    assert at["quote"] == "Rebels took Alpha."
    assert at["date"] == "1 Mar 2024"
    assert at["since_precision"] == "day"
    assert at["claim_day"] == to_day("2024-03-01") and at["report_age_days"] == 0

    after = row(control.state_at(simple, pd.Timestamp("2025-06-01")), "Alpha")
    assert after["controller"] == "Rebels"
    assert after["since_label"] == "1 Mar 2024"


def test_state_columns_and_only_reported_places(simple):
    st = control.state_at(simple, "2024-03-01")
    assert list(st.columns) == control.STATE_COLUMNS
    assert places(st) == {"Alpha"}
    r = row(st, "Alpha")
    assert (r["lat"], r["lon"], r["kind"]) == (36.2, 37.16, "city")


# --------------------------------------------------------- imprecise dates


def test_year_claim_pending_inside_its_year_and_applies_after(tmp_path):
    ds = load(tmp_path, [
        ev(id="gov", date="2012-05-01", place="Bravo", actor="Syrian government"),
        ev(id="sdf", date="2016", date_precision="year", place="Bravo", actor="SDF", previous_actor="Syrian government"),
    ])
    for day in ("2016-01-01", "2016-06-01", "2016-12-30"):
        r = row(control.state_at(ds, day), "Bravo")
        assert r["controller"] == "Syrian government", day
        assert (r["pending_source"], r["pending_actor"], r["pending_status"], r["pending_date"]) == (
            "Report A", "SDF", "controlled", "2016 (year only)"), day
        assert words(control.state_at(ds, day), "Bravo")["pending"] == (
            "Report A reports SDF (controlled) 2016 (year only); not yet certain on this day")
    r = row(control.state_at(ds, "2015-12-31"), "Bravo")
    assert (r["controller"], r["pending_status"]) == ("Syrian government", "")
    for day in ("2016-12-31", "2017-01-01", "2020-01-01"):
        r = row(control.state_at(ds, day), "Bravo")
        assert r["controller"] == "SDF", day
        assert r["since_label"] == "2016 (year only)"
        assert r["since_precision"] == "year"
        assert r["pending_status"] == ""
        assert r["previous_controller"] == "Syrian government"


def test_range_claim_pending_inside_its_window_and_applies_at_its_end(tmp_path):
    ds = load(tmp_path, [
        ev(id="gov", date="2016", date_precision="year", actor="Syrian government"),
        ev(id="reb", date="2024-11-27", date_end="2024-12-02", date_precision="range", actor="Rebels",
           previous_actor="Syrian government"),
    ])
    for day in ("2024-11-27", "2024-11-30", "2024-12-01"):
        r = row(control.state_at(ds, day), "Alpha")
        assert r["controller"] == "Syrian government", day
        assert r["since_label"] == "2016 (year only)"
        assert (r["pending_actor"], r["pending_status"], r["pending_date"]) == (
            "Rebels", "controlled", "between 27 Nov and 2 Dec 2024"), day
        assert "Rebels (controlled) between 27 Nov and 2 Dec 2024" in words(control.state_at(ds, day), "Alpha")["pending"]
    for day in ("2024-12-02", "2024-12-25"):
        r = row(control.state_at(ds, day), "Alpha")
        assert r["controller"] == "Rebels"
        assert r["since_label"] == "between 27 Nov and 2 Dec 2024"
        assert r["pending_status"] == ""
    assert row(control.state_at(ds, "2024-11-26"), "Alpha")["pending_status"] == ""


def test_pending_only_for_places_whose_state_would_change(tmp_path):
    ds = load(tmp_path, [
        ev(id="gov", date="2010-01-01", actor="Syrian government"),
        ev(id="same", date="2024-11", date_precision="month", actor="Syrian government"),
    ])
    r = row(control.state_at(ds, "2024-11-15"), "Alpha")
    assert r["pending_status"] == ""  # a month claim that agrees changes nothing


def test_not_pending_on_the_last_day_of_its_window(tmp_path):
    # on its last day a range claim has taken effect, even when another report
    # taking effect the same day disagrees with it (the place is then contested)
    ds = load(tmp_path, [
        ev(id="gov", date="2024-12-02", actor="Syrian government"),
        ev(id="hts", date="2024-11-27", date_end="2024-12-02", date_precision="range", actor="HTS", source_url=URL_B),
    ])
    r = row(control.state_at(ds, "2024-12-02"), "Alpha")
    assert r["status"] == "contested"
    assert r["pending_status"] == ""
    assert "HTS (controlled) between 27 Nov and 2 Dec 2024" in \
        words(control.state_at(ds, "2024-12-01", include_unreported=True), "Alpha")["pending"]


def test_since_uses_the_most_precise_independent_dating_of_a_change(tmp_path):
    # one report says 2 Dec, another "between 27 Nov and 2 Dec": the vaguer one corroborates, it does not widen
    ds = load(tmp_path, [
        ev(id="old", date="2016", date_precision="year", actor="Syrian government"),
        ev(id="day", date="2024-12-02", actor="Rebels"),
        ev(id="range", date="2024-11-27", date_end="2024-12-02", date_precision="range", actor="Rebels", source_url=URL_B),
    ])
    r = row(control.state_at(ds, "2024-12-03"), "Alpha")
    assert (r["controller"], r["since_label"], r["since_precision"]) == ("Rebels", "2 Dec 2024", "day")
    # the range is dated by the day report (its window snaps to 2 Dec), so the change starts on 2 Dec, not 27 Nov
    assert r["since_day"] == to_day("2024-12-02")
    assert r["n_claims"] == 2  # both reports stand behind the change


def test_month_label(tmp_path):
    ds = load(tmp_path, [ev(id="ru", date="2015-09", date_precision="month", place="Charlie", actor="Russia")])
    # inside the window: shown as changing (pending), never as exact nor as "no report"
    inside = words(control.state_at(ds, "2015-09-29"), "Charlie")
    assert inside["pending"].startswith("Report A reports Russia (controlled) Sep 2015 (month only)")
    assert (inside["basis"], inside["controller"], inside["since_label"]) == ("window", "Russia", "Sep 2015 (month only)")
    # before the window opens there is no report at all
    assert control.state_at(ds, "2015-08-31").empty
    assert row(control.state_at(ds, "2015-08-31", include_unreported=True), "Charlie")["status"] == "unreported"
    r = row(control.state_at(ds, "2015-09-30"), "Charlie")
    assert r["since_label"] == "Sep 2015 (month only)"
    assert r["date"] == "Sep 2015 (month only)"


@pytest.mark.parametrize("start, end, prec, label", [
    ("2024-11-29", "2024-11-29", "day", "29 Nov 2024"),
    ("2015-09-01", "2015-09-30", "month", "Sep 2015 (month only)"),
    ("2016-01-01", "2016-12-31", "year", "2016 (year only)"),
    ("2024-11-27", "2024-12-02", "range", "between 27 Nov and 2 Dec 2024"),
    ("2023-12-30", "2024-01-02", "range", "between 30 Dec 2023 and 2 Jan 2024"),
])
def test_date_label(start, end, prec, label):
    assert date_label(to_day(start), to_day(end), prec) == label


# ---------------------------------------------------------------- contested


def test_contested_when_same_day_claims_name_incompatible_actors(tmp_path):
    # two independent reports (one attributed to a monitor) disagree on the same day
    ds = load(tmp_path, [
        ev(id="old", date="2020-01-01", actor="Syrian government"),
        ev(id="gov", date="2024-11-29", actor="Syrian government", claimed_by="SOHR"),
        ev(id="hts", date="2024-11-29", actor="HTS", source_url=URL_B, source_name="Report B", quote="HTS holds Alpha."),
    ], parties=[MONITOR])
    r = row(control.state_at(ds, "2024-11-29"), "Alpha")
    assert r["status"] == "contested"
    assert parties(r) == {"HTS", "Syrian government"}
    assert r["disagreement"] is True or r["disagreement"] == True  # noqa: E712
    assert r["n_claims"] == 2
    assert r["claim_id"] == "hts"  # the unattributed claim represents the group
    assert r["since_label"] == "29 Nov 2024"
    assert r["previous_controller"] == "Syrian government"
    assert r["recent_change"]
    # the day before, one report only
    r = row(control.state_at(ds, "2024-11-28"), "Alpha")
    assert (r["controller"], r["status"], r["disagreement"]) == ("Syrian government", "controlled", False)


def test_a_partys_same_day_counter_claim_is_a_side_note_not_a_contest(tmp_path):
    # the same disagreement, but the government's claim is the Syrian army's word (a party):
    # the independent report sets the holder and the army's claim is shown beside it
    ds = load(tmp_path, [
        ev(id="old", date="2020-01-01", actor="Syrian government"),
        ev(id="gov", date="2024-11-29", actor="Syrian government", claimed_by="Syrian army"),
        ev(id="hts", date="2024-11-29", actor="HTS", source_url=URL_B, source_name="Report B", quote="HTS holds Alpha."),
    ])
    r = row(control.state_at(ds, "2024-11-29"), "Alpha")
    assert (r["controller"], r["status"], r["disagreement"]) == ("HTS", "controlled", False)
    assert (r["claim_id"], r["n_claims"], r["previous_controller"]) == ("hts", 1, "Syrian government")
    assert (r["side_kind"], r["side_claim_id"]) == ("claim", "gov")
    assert r["side_actor"] == "Syrian government" and r["sides"] == ()
    assert (r["side_kind"], r["side_claimed_by"], r["side_actor"], r["side_status"]) == (
        "claim", "Syrian army", "Syrian government", "controlled")
    assert "Syrian army says Syrian government holds it" in wording.in_words(pd.DataFrame([r]))["side_note"].iloc[0]


def test_contested_when_a_claim_says_contested(tmp_path):
    ds = load(tmp_path, [
        ev(id="gov", date="2020-01-01", actor="Syrian government"),
        ev(id="hts", date="2024-11-29", actor="HTS", status="contested"),
    ])
    r = row(control.state_at(ds, "2024-11-29"), "Alpha")
    assert (r["controller"], r["status"]) == ("HTS", "contested")
    assert r["disagreement"] == False  # noqa: E712  one actor named, no disagreement between reports
    assert r["sides"] == ("HTS", "Syrian government")  # one actor contesting: the other side is who held it
    assert r["previous_controller"] == "Syrian government"


def test_later_single_claim_ends_contest(tmp_path):
    ds = load(tmp_path, [
        ev(id="gov", date="2024-11-29", actor="Syrian government"),
        ev(id="hts", date="2024-11-29", actor="HTS", source_url=URL_B),
        ev(id="win", date="2024-11-30", actor="HTS", previous_actor="Syrian government"),
    ])
    r = row(control.state_at(ds, "2024-11-30"), "Alpha")
    assert (r["controller"], r["status"], r["disagreement"]) == ("HTS", "controlled", False)
    assert r["since_label"] == "30 Nov 2024"


def test_parent_and_child_are_compatible_and_the_specific_name_is_kept(tmp_path):
    ds = load(tmp_path, [
        ev(id="reb", date="2024-11-30", actor="Rebels", source_url=URL_B),
        ev(id="hts", date="2024-11-30", actor="HTS"),
    ])
    r = row(control.state_at(ds, "2024-11-30"), "Alpha")
    assert (r["controller"], r["status"], r["disagreement"]) == ("HTS", "controlled", False)
    assert r["sides"] == ()


def test_specific_name_kept_when_later_claim_names_the_parent(tmp_path):
    ds = load(tmp_path, [
        ev(id="hts", date="2017", date_precision="year", actor="HTS"),
        ev(id="reb", date="2024-12-01", date_end="2024-12-02", date_precision="range", actor="Rebels"),
    ])
    r = row(control.state_at(ds, "2024-12-02"), "Alpha")
    assert r["controller"] == "HTS"
    assert r["since_label"] == "2017 (year only)"
    assert r["claim_id"] == "reb"  # the latest report is still the one cited
    assert r["previous_controller"] == ""
    assert not r["recent_change"]


def test_siblings_are_not_compatible(tmp_path):
    ds = load(tmp_path, [
        ev(id="hts", date="2024-11-30", actor="HTS"),
        ev(id="sna", date="2024-11-30", actor="SNA", source_url=URL_B),
    ])
    r = row(control.state_at(ds, "2024-11-30"), "Alpha")
    assert r["status"] == "contested"
    assert parties(r) == {"HTS", "SNA"}


# -------------------------------------------------------------- since, prev


def test_since_carries_forward_across_consistent_claims(tmp_path):
    ds = load(tmp_path, [
        ev(id="m", date="2015-09", date_precision="month", place="Charlie", actor="Russia"),
        ev(id="r", date="2024-11-27", date_end="2024-12-04", date_precision="range", place="Charlie", actor="Russia"),
        ev(id="d", date="2024-12-05", place="Charlie", actor="Russia", published="2024-12-05"),
    ])
    for day in ("2015-10-01", "2024-12-04", "2024-12-06"):
        r = row(control.state_at(ds, day), "Charlie")
        assert r["since_label"] == "Sep 2015 (month only)", day
        assert r["since_precision"] == "month"
        assert not r["recent_change"]
    assert row(control.state_at(ds, "2024-12-06"), "Charlie")["claim_id"] == "d"
    assert row(control.state_at(ds, "2024-12-06"), "Charlie")["n_claims"] == 1


def test_since_restarts_after_a_change(tmp_path):
    ds = load(tmp_path, [
        ev(id="y", date="2016", date_precision="year", place="Bravo", actor="SDF"),
        ev(id="d", date="2024-12-01", place="Bravo", actor="SNA", previous_actor="SDF"),
        ev(id="d2", date="2024-12-03", place="Bravo", actor="SNA"),
    ])
    r = row(control.state_at(ds, "2024-12-03"), "Bravo")
    assert (r["controller"], r["since_label"], r["previous_controller"]) == ("SNA", "1 Dec 2024", "SDF")
    r = row(control.state_at(ds, "2024-06-01"), "Bravo")
    assert (r["controller"], r["since_label"], r["previous_controller"]) == ("SDF", "2016 (year only)", "")


def test_previous_controller_skips_a_contested_spell(tmp_path):
    ds = load(tmp_path, [
        ev(id="a", date="2016", date_precision="year", actor="Syrian government"),
        ev(id="b", date="2024-11-29", actor="HTS", status="contested"),
        ev(id="c", date="2024-11-30", actor="HTS"),
    ])
    r = row(control.state_at(ds, "2024-11-30"), "Alpha")
    assert (r["controller"], r["previous_controller"]) == ("HTS", "Syrian government")


def test_recent_change_within_seven_days(tmp_path):
    ds = load(tmp_path, [
        ev(id="a", date="2024-01-01", actor="Syrian government"),
        ev(id="b", date="2024-03-01", actor="Rebels"),
    ])
    assert not row(control.state_at(ds, "2024-01-01"), "Alpha")["recent_change"]  # first report, not a change
    assert not row(control.state_at(ds, "2024-02-29"), "Alpha")["recent_change"]
    assert row(control.state_at(ds, "2024-03-01"), "Alpha")["recent_change"]
    assert row(control.state_at(ds, "2024-03-08"), "Alpha")["recent_change"]  # 7 days after
    assert not row(control.state_at(ds, "2024-03-09"), "Alpha")["recent_change"]  # 8 days after
    assert control.state_at(ds, "2024-03-05")["recent_change"].dtype == bool


# ------------------------------------------------------------- actor filter


@pytest.fixture
def mixed(tmp_path):
    return load(tmp_path, [
        ev(id="a", date="2024-11-30", place="Alpha", actor="HTS"),
        ev(id="b1", date="2024-11-30", place="Bravo", actor="SNA"),
        ev(id="b2", date="2024-11-30", place="Bravo", actor="SDF", source_url=URL_B),
        ev(id="c", date="2024-11-30", place="Charlie", actor="Russia"),
    ])


@pytest.mark.parametrize("actors, expected", [
    (None, {"Alpha", "Bravo", "Charlie"}),
    ([], {"Alpha", "Bravo", "Charlie"}),
    (["HTS"], {"Alpha"}),
    (["Rebels"], {"Alpha", "Bravo"}),  # the parent selects its children
    (["SNA"], {"Bravo"}),
    (["SDF"], {"Bravo"}),  # one of the contestants
    (["Russia", "SNA"], {"Bravo", "Charlie"}),
    (["Syrian government"], set()),
])
def test_actor_filter(mixed, actors, expected):
    assert places(control.state_at(mixed, "2024-12-01", actors=actors)) == expected


def test_child_does_not_select_parent(tmp_path):
    ds = load(tmp_path, [ev(id="r", date="2024-11-30", actor="Rebels")])
    assert control.state_at(ds, "2024-12-01", actors=["HTS"]).empty
    assert places(control.state_at(ds, "2024-12-01", actors=["Rebels"])) == {"Alpha"}


# -------------------------------------------------- step_change and history


@pytest.fixture
def steps(tmp_path):
    return load(tmp_path, [
        ev(id="a1", date="2024-01-01", place="Alpha", actor="Syrian government"),
        ev(id="b1", date="2024-01-15", place="Bravo", actor="SDF"),
        ev(id="a2", date="2024-02-01", place="Alpha", actor="Rebels"),
        ev(id="a3", date="2024-02-20", place="Alpha", actor="Rebels", source_url=URL_B),  # no change
        ev(id="b2", date="2024-03-01", place="Bravo", actor="SNA"),
        # takes effect 31 Mar: a change of status (the SDF fights back for Bravo; a claim of the SNA
        # contesting it would be dated by b2, the day report of the same side, see the test below)
        ev(id="b3", date="2024-03", date_precision="month", place="Bravo", actor="SDF", status="contested",
           published="2024-04-01"),
    ])


def test_step_change(steps):
    ts = pd.Timestamp
    assert control.step_change(steps, "2024-02-15", -1) == ts("2024-02-01")
    assert control.step_change(steps, "2024-02-15", +1) == ts("2024-03-01")
    assert control.step_change(steps, "2024-02-01", +1) == ts("2024-03-01")  # strictly after
    assert control.step_change(steps, "2024-03-01", -1) == ts("2024-02-01")  # strictly before
    assert control.step_change(steps, "2024-03-01", +1) == ts("2024-03-31")
    assert control.step_change(steps, "2023-06-01", +1) == ts("2024-02-01")  # first reports are not changes
    assert control.step_change(steps, "2024-02-01", -1) is None
    assert control.step_change(steps, "2024-03-31", +1) is None
    assert control.step_change(steps, "2030-01-01", -1) == ts("2024-03-31")


def test_real_changes_are_changes_only_oldest_first(steps):
    ch = control.real_changes(steps, "2024-01-01", "2024-12-31")
    # a3 restates Rebels at Alpha: not a change; b3 makes Bravo contested: a change
    assert list(ch["claim_id"]) == ["a2", "b2", "b3"]
    assert [str(d) for d in ch["day"]] == ["2024-02-01", "2024-03-01", "2024-03-31"]
    assert list(ch["previous_controller"]) == ["Syrian government", "SDF", "SNA"]
    assert list(ch["status"]) == ["controlled", "controlled", "contested"]
    assert control.count_real_changes(steps, "2024-01-01", "2024-12-31") == 3
    assert list(control.real_changes(steps, "2024-01-01", "2024-12-31", limit=2)["claim_id"]) == ["b2", "b3"]
    assert control.real_changes(steps, "2025-01-01", "2025-12-31").empty
    assert control.count_real_changes(steps, "2025-01-01", "2025-12-31") == 0


def test_a_vaguer_report_of_the_same_side_is_dated_by_the_precise_one_and_is_no_change(tmp_path):
    # the SNA holds Bravo on 1 Mar (a day report); a month report has the SNA fighting for it in March:
    # the window takes the day report's day and the capture ends the contest, so 31 Mar is no change
    ds = load(tmp_path, [
        ev(id="b1", date="2024-01-15", place="Bravo", actor="SDF"),
        ev(id="b2", date="2024-03-01", place="Bravo", actor="SNA"),
        ev(id="b3", date="2024-03", date_precision="month", place="Bravo", actor="SNA", status="contested",
           published="2024-04-01", source_url=URL_B),
    ])
    assert list(control.real_changes(ds, "2024-01-01", "2024-12-31")["claim_id"]) == ["b2"]
    assert control.step_change(ds, "2024-03-01", +1) is None
    r = row(control.state_at(ds, "2024-03-31"), "Bravo")
    assert (r["controller"], r["status"], r["since_label"], r["n_claims"]) == ("SNA", "controlled", "1 Mar 2024", 2)


def test_history_oldest_first(tmp_path):
    ds = load(tmp_path, [
        ev(id="late", date="2024-12-01", actor="Rebels"),
        ev(id="year", date="2016", date_precision="year", actor="Syrian government"),
        ev(id="range", date="2024-11-27", date_end="2024-11-30", date_precision="range", actor="HTS",
           status="contested"),
        ev(id="other", date="2020-01-01", place="Bravo", actor="SDF"),
        ev(id="early", date="2012", date_precision="year", actor="Rebels", status="contested"),
    ])
    h = control.history(ds, "Alpha")
    assert list(h["id"]) == ["early", "year", "range", "late"]
    assert list(h["date_label"]) == ["2012 (year only)", "2016 (year only)", "between 27 Nov and 30 Nov 2024",
                                     "1 Dec 2024"]
    assert list(h.index) == [0, 1, 2, 3]
    assert control.history(ds, "Charlie").empty


# ------------------------------------------------------------ disagreements


def test_disagreements_who_controls_and_when(tmp_path):
    # "gov" is a monitor's report (independent): with a party's word it would be a side note, not a dispute
    ds = load(tmp_path, [
        ev(id="icg", date="2016", date_precision="year", actor="Syrian government", previous_actor="Rebels",
           source_name="ICG"),
        ev(id="rs", date="2017", date_precision="year", actor="Syrian government", previous_actor="Rebels",
           source_name="RS", source_url=URL_B),
        ev(id="gov", date="2024-11-29", actor="Syrian government", claimed_by="SOHR"),
        ev(id="hts", date="2024-11-29", actor="HTS", source_url=URL_B),
        ev(id="bravo", date="2024-11-29", place="Bravo", actor="SDF"),
    ], parties=[MONITOR])
    d = control.disagreements(ds)
    assert list(d.columns) == control.DISAGREEMENT_COLUMNS
    assert sorted(d["kind"]) == ["when", "who controls"]
    who = d[d["kind"] == "who controls"].iloc[0]
    assert who["place"] == "Alpha"
    assert who["when"] == "29 Nov 2024"
    assert sorted(who["claim_ids"]) == ["gov", "hts"]
    assert who["controller"] == "Syrian government vs HTS"
    assert wording.disagreement_summary(who) == "Reports taking effect on the same day name Syrian government vs HTS"
    when = d[d["kind"] == "when"].iloc[0]
    assert when["place"] == "Alpha"
    assert sorted(when["claim_ids"]) == ["icg", "rs"]
    assert "2016 (year only)" in when["when"] and "2017 (year only)" in when["when"]
    assert (sorted(when["sources"]), sorted(when["dates"])) == (["ICG", "RS"], ["2016 (year only)", "2017 (year only)"])
    assert (when["actor"], when["previous_actor"]) == ("Syrian government", "Rebels")
    summary = wording.disagreement_summary(when)
    assert "ICG says 2016 (year only)" in summary and "RS says 2017 (year only)" in summary
    assert summary.endswith("(Syrian government taking it from Rebels)")
    assert control.disagreements(ds, "Bravo").empty
    assert len(control.disagreements(ds, "Alpha")) == 2


def test_no_when_disagreement_for_overlapping_dates_or_same_report(tmp_path):
    ds = load(tmp_path, [
        ev(id="y", date="2016", date_precision="year", actor="Syrian government", previous_actor="Rebels"),
        ev(id="d", date="2016-12-22", actor="Syrian government", previous_actor="Rebels", source_url=URL_B),  # inside 2016
        ev(id="same", date="2017", date_precision="year", actor="Syrian government", previous_actor="Rebels"),  # same report as y
    ])
    d = control.disagreements(ds)
    # only d (22 Dec 2016) vs same (2017) are non-overlapping claims from different reports
    assert len(d) == 1
    assert sorted(d.iloc[0]["claim_ids"]) == ["d", "same"]


def test_disagreements_empty(tmp_path):
    ds = load(tmp_path, [ev(id="a")])
    d = control.disagreements(ds)
    assert d.empty and list(d.columns) == control.DISAGREEMENT_COLUMNS


def test_the_timeline_on_synthetic_data_exercises_every_branch(tmp_path):
    from dashboard.bench import synth
    synth.synthesize(300, 12_000, tmp_path, seed=3)
    ds = load_dataset(tmp_path / "events.csv", tmp_path / "places.csv", tmp_path / "actors.csv")
    seg = control.build_timeline(ds).seg
    # disputes, contested spells, spells with a holder before, and claims naming a parent group
    assert seg["disagreement"].any() and seg["contested"].any() and (seg["previous_controller"] != "").any()
    assert seg["is_change"].sum() < len(seg["eff_day"])  # restated statuses are not changes
    parent = dict(zip(ds.actors["name"], ds.actors["parent"]))
    assert any(parent.get(a) for a in ds.events["actor"].unique())


def test_a_parent_claim_after_its_part_decides_what_follows(tmp_path):
    # HTS holds; a claim naming Rebels keeps HTS; SNA after that is a change
    # from HTS (siblings), not a continuation of "Rebels"
    ds = load(tmp_path, [
        ev(id="hts", date="2024-11-28", actor="HTS"),
        ev(id="reb", date="2024-11-30", actor="Rebels"),
        ev(id="sna", date="2024-12-02", actor="SNA", published="2024-12-02"),
    ])
    r = row(control.state_at(ds, "2024-11-30"), "Alpha")
    assert (r["controller"], r["since_label"]) == ("HTS", "28 Nov 2024")
    r = row(control.state_at(ds, "2024-12-02"), "Alpha")
    assert (r["controller"], r["since_label"], r["previous_controller"]) == ("SNA", "2 Dec 2024", "HTS")
    assert r["recent_change"]


# ------------------------------------------ before the first claim, staleness


def test_previous_holder_shows_before_the_first_change(tmp_path):
    ds = load(tmp_path, [ev(id="take", date="2024-11-27", date_end="2024-12-02", date_precision="range",
                            actor="Rebels", previous_actor="Syrian government", quote="Rebels took Alpha.")])
    before = row(control.state_at(ds, "2024-11-20"), "Alpha")
    assert (before["controller"], before["status"], before["basis"]) == ("Syrian government", "controlled",
                                                                        "previous holder")
    assert before["claim_id"] == "take" and before["quote"] == "Rebels took Alpha."  # attributed to that report
    assert before["since_label"] == "between 27 Nov and 2 Dec 2024"
    assert words(control.state_at(ds, "2024-11-20"), "Alpha")["since"] == "until a change dated between 27 Nov and 2 Dec 2024"
    assert before["pending_status"] == ""
    # inside the window: still the previous holder, the change pending
    inside = words(control.state_at(ds, "2024-11-30"), "Alpha")
    assert (inside["controller"], inside["basis"]) == ("Syrian government", "previous holder")
    assert "Rebels (controlled) between 27 Nov and 2 Dec 2024; not yet certain" in inside["pending"]
    # from the end of the window: the change itself
    after = row(control.state_at(ds, "2024-12-02"), "Alpha")
    assert (after["controller"], after["basis"], after["pending_status"]) == ("Rebels", "", "")
    assert after["previous_controller"] == "Syrian government"


def test_no_previous_holder_no_marker_before_the_window(tmp_path):
    ds = load(tmp_path, [ev(id="take", date="2024-11-27", date_end="2024-12-02", date_precision="range",
                            actor="Rebels", quote="Rebels took Alpha.")])
    assert control.state_at(ds, "2024-11-26").empty
    inside = words(control.state_at(ds, "2024-11-27"), "Alpha")
    assert (inside["controller"], inside["basis"]) == ("Rebels", "window")
    assert inside["pending"].startswith("Report A reports Rebels (controlled) between 27 Nov and 2 Dec 2024")


def test_a_claim_earlier_than_the_change_wins_over_the_previous_holder(tmp_path):
    ds = load(tmp_path, [
        ev(id="old", date="2020", date_precision="year", actor="SDF", quote="The SDF holds Alpha."),
        ev(id="take", date="2024-12-01", actor="Rebels", previous_actor="Syrian government",
           quote="Rebels took Alpha."),
    ])
    r = row(control.state_at(ds, "2024-06-01"), "Alpha")
    assert (r["controller"], r["basis"], r["claim_id"]) == ("SDF", "", "old")


def test_staleness(tmp_path):
    ds = load(tmp_path, [ev(id="gov", date="2024-11-01", actor="Syrian government")])
    fresh = row(control.state_at(ds, "2024-11-20"), "Alpha")
    assert (fresh["report_age_days"], fresh["stale"]) == (19, False)
    assert fresh["claim_day"] == to_day("2024-11-01")
    old = row(control.state_at(ds, "2024-12-05"), "Alpha")
    assert (old["report_age_days"], old["stale"]) == (34, True)
    assert not row(control.state_at(ds, "2024-12-05", stale_days=60), "Alpha")["stale"]  # the threshold is a choice
    assert row(control.state_at(ds, "2024-11-01"), "Alpha")["report_age_days"] == 0
    assert row(control.state_at(ds, "2024-11-02"), "Alpha")["report_age_days"] == 1


def test_contested_carries_both_sides(tmp_path):
    ds = load(tmp_path, [
        ev(id="gov", date="2024-11-01", actor="Syrian government"),
        ev(id="x", date="2024-11-29", actor="HTS", status="contested", quote="HTS entered Alpha."),
    ])
    r = row(control.state_at(ds, "2024-11-30"), "Alpha")
    assert r["status"] == "contested"
    # the actor contesting it, then who held it before (the map draws the fill in the latter's colour)
    assert r["sides"] == ("HTS", "Syrian government")
    assert row(control.state_at(ds, "2024-11-02"), "Alpha")["sides"] == ()


def test_previous_holder_is_not_carried_back_for_years(tmp_path):
    ds = load(tmp_path, [ev(id="take", date="2024-11-29", actor="HTS", previous_actor="Syrian government",
                            quote="HTS took Alpha.")])
    assert row(control.state_at(ds, "2024-10-30"), "Alpha")["basis"] == "previous holder"  # 30 days before
    assert control.state_at(ds, "2024-10-29").empty  # further back nothing is known
    assert control.state_at(ds, "2024-10-01", stale_days=60)["controller"].tolist() == ["Syrian government"]


def test_an_agreeing_side_claim_does_not_hide_a_disagreeing_one(tmp_path):
    ds = load(tmp_path, [
        ev(id="held", date="2024-11-30", actor="HTS", previous_actor="Syrian government"),
        ev(id="pockets", date="2024-12-01", actor="SDF", status="contested", scope="part", quote="SDF pockets."),
        ev(id="most", date="2024-12-01", actor="Rebels", scope="part", quote="Rebels hold most of it."),
    ])
    r = row(control.state_at(ds, "2024-12-02"), "Alpha")
    assert (r["controller"], r["side_kind"], r["side_claim_id"]) == ("HTS", "part", "pockets")
    assert (r["side_kind"], r["side_actor"], r["side_status"]) == ("part", "SDF", "contested")
    assert "SDF is fighting in part of it" in wording.in_words(pd.DataFrame([r]))["side_note"].iloc[0]
