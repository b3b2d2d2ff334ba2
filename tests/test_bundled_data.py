"""The bundled data: what it covers, and the state it gives on the offensive's
key days (pinned from the reports; a change to events.csv that moves one of
these is a change a reader would see)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.core import control
from dashboard.exports import coverage
from dashboard.map import wording
from dashboard.ui import views
from dashboard.core.data import load_dataset


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
    assert ev["place"].nunique() >= 110
    assert len(ev) >= 450
    assert ev["source_url"].nunique() >= 110
    assert ds.last_day >= pd.Timestamp("2024-12-20")
    # every place but a governorate no report names is used, and every manual point says where it comes from
    unused = set(ds.places["name"]) - set(ev["place"])
    assert all(name.endswith(" Governorate") for name in unused), unused
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


def same_side(ds, a: str, b: str) -> bool:
    return control.compatible(a, b, ds.lineage)


# The assessed story on the decisive days, each against what independent
# reports in the corpus say (the row ids in the comments are the evidence).

def test_27_november_shows_the_first_day_not_december(ds):
    # before the offensive's changes: Aleppo held by the government; fighting west of it is beside it, not in it
    aleppo = at(ds, "2024-11-27", "Aleppo")
    assert (aleppo["controller"], aleppo["status"], aleppo["side_kind"]) == ("Syrian government", "controlled", "around")
    # Mount Hermon is taken after Assad fell (8 Dec), not pending from 27 Nov (r035-hermon-captured)
    assert at(ds, "2024-11-27", "Mount Hermon")["status"] == "unreported"


def test_30_november_aleppo_taken_hama_held(ds):
    aleppo = at(ds, "2024-11-30", "Aleppo")  # rs-aleppo-saturday, r007-aleppo-held
    assert same_side(ds, aleppo["controller"], "Rebels") and aleppo["status"] == "controlled"
    hama = at(ds, "2024-11-30", "Hama")  # the rebels only reached its outskirts (r077-hama-outskirts)
    assert (hama["controller"], hama["status"], hama["side_kind"]) == ("Syrian government", "controlled", "around")


def test_5_december_hama_taken(ds):
    hama = at(ds, "2024-12-05", "Hama")  # r014-hama-captured, r013-hama-entered; the army redeployed outside
    assert same_side(ds, hama["controller"], "Rebels") and hama["status"] == "controlled"
    assert same_side(ds, at(ds, "2024-12-05", "Aleppo")["controller"], "Rebels")
    assert at(ds, "2024-12-05", "Tel Rifaat")["controller"] == "SNA"  # r009-telrifaat-sna (1 Dec)


def test_8_december_the_fall(ds):
    for place in ("Damascus", "Homs", "Hama", "Daraa"):
        row = at(ds, "2024-12-08", place)
        assert same_side(ds, row["controller"], "Rebels") and row["status"] == "controlled", place
    # the army's own statement that day is shown as its claim, never as the fill
    hama = at(ds, "2024-12-08", "Hama")
    assert (hama["side_kind"], hama["side_claim_id"]) == ("claim", "r029-hama-army")
    assert hama["side_claimed_by"] == "Syrian army"
    assert "Syrian army" in wording.in_words(pd.DataFrame([hama]))["side_note"].iloc[0]
    # "Deraa countryside" is around the city, not the city
    assert at(ds, "2024-12-08", "Daraa")["side_claim_id"] == "r029-daraa-army"


def test_12_december_after_the_fall(ds):
    assert at(ds, "2024-12-12", "Manbij")["controller"] == "SNA"  # taken from the SDF, 9 Dec
    assert same_side(ds, at(ds, "2024-12-12", "Deir ez-Zor")["controller"], "Rebels")  # r037-deirezzor-fallen
    for place in ("Latakia", "Tartus"):
        assert same_side(ds, at(ds, "2024-12-12", place)["controller"], "Rebels"), place
    assert at(ds, "2024-12-12", "Mount Hermon")["controller"] == "Israel"
    assert at(ds, "2024-12-12", "Tartus naval base")["controller"] == "Russia"
    state = control.state_at(ds, "2024-12-14")
    assert (state["status"] == "contested").sum() <= 8  # was 11, most of them from one army statement


def test_no_party_claim_is_the_fill_against_recent_independent_reporting(ds):
    # property over the whole data set: on every day, a holder only a party's word stands behind
    # ("claimed") never has an independent report about the place in the 30 days up to that spell
    tl = ds.timeline
    party = ds.events["party_word"].to_numpy().astype(bool)
    for day in pd.date_range("2024-11-27", "2024-12-20"):
        state = control.state_at(ds, day)
        for row in state[state["basis"] == "claimed"].itertuples():
            since = ds.events.index[ds.events["id"] == row.since_claim_id][0]
            assert party[since], (day, row.place)
    # and no claim about part of a place or around it ever sets its holder
    scoped = ds.events["scope"].to_numpy() != ""
    assert not tl.eligible[scoped].any()


# ---- figures pinned from the bundled files (moved here from the logic tests, which build their own data)


def test_coverage_figures(ds):
    # (was tests/test_coverage.py::test_bundled_data_values; the coverage logic is tested there on small data)
    ev_ = ds.events
    summary = coverage.summary_line(ds)
    assert summary.startswith(f"{len(ev_)} claims about {ev_['place'].nunique()} places from "
                              f"{ev_['source_url'].nunique()} reports by {ev_['source_name'].nunique()} publishers")
    pubs = coverage.reports_by_publisher(ds)
    assert sum(p["claims"] for p in pubs) == len(ev_)
    assert len(pubs) == ev_["source_name"].nunique()
    assert [p["claims"] for p in pubs] == sorted((p["claims"] for p in pubs), reverse=True)
    assert sum(p["reports"] for p in pubs) >= ev_["source_url"].nunique()
    rows = coverage.places_by_day(ds, *coverage.default_period(ds))
    assert len(rows) == 30 and rows[-1]["day"] == ds.last_day.date().isoformat()
    # by the last day every place has a claim in effect except those whose every claim is about part of the place or
    # around it (scope: they set no holder); those held only on a party's word (basis "claimed") count, as the
    # map shows a holder for them: 114 - 11 = 103
    scope_only = ev_.groupby("place", observed=True)["scope"].agg(lambda s: bool((s != "").all()))
    last = control.state_at(ds, ds.last_day, quotes=False)
    assert (ev_["place"].nunique(), int(scope_only.sum()), int((last["basis"] == "claimed").sum())) == (114, 11, 26)
    assert set(last["place"]) == set(scope_only.index[~scope_only])
    assert rows[-1]["in_effect"] == 114 - 11 == 103
    d = coverage.denials_and_disagreements(ds)
    assert d["attributed"] == int((ev_["claimed_by"] != "").sum())
    # a denial is the word deny / denies / denied / denial, not any "den" ("is in the presidential palace")
    assert int(ev_["event"].str.contains("den", case=False).sum()) == 18
    assert d["denials"] == int(ev_["event"].str.contains(r"\bden(?:y|ies|ied|ying|ials?)\b", case=False).sum()) == 17
    assert d["disagreements"] == len(control.disagreements(ds))
    assert sum(n for _, n, _, _ in d["by_place"]) == d["disagreements"]


def test_territory_areas(ds):
    # (was part of tests/test_territory.py::test_no_areas_above_the_limit_and_made_once_per_data_set)
    from dashboard.map import territory

    areas = territory.areas_for(ds)
    assert len(areas["features"]) > 50
    kinds = dict(zip(ds.places["name"], ds.places["kind"]))
    assert all(kinds[f["properties"]["n"]] not in territory.NOT_HELD for f in areas["features"] if not f["properties"].get("g"))


def test_bundled_range(ds):
    # (was in tests/test_views.py)
    FIRST, LAST = views.date_range(ds)
    assert (FIRST, LAST) == (ds.first_day.date(), ds.last_day.date())
    # pinned: r079-hama-war ("2011 (year only)") opens the data, the 20 Dec 2024 reports close it
    assert (FIRST, LAST) == (dt.date(2011, 1, 1), dt.date(2024, 12, 20))
    first = ds.events.loc[ds.events["start_day"].idxmin()]
    assert (first["id"], first["date_label"]) == ("r079-hama-war", "2011 (year only)")


def test_focus_range_bundled(ds):
    # (was in tests/test_views.py)
    LAST = ds.last_day.date()
    lo, hi = views.focus_range(ds)
    # pinned: the offensive, a week before, to the end of the data (the day the app opens on).
    # (the dense stretch + 4 days ends on 14 Dec; it reaches on to the last day, 20 Dec, where the app opens)
    assert (lo, hi) == (dt.date(2024, 11, 22), LAST)
    first, last = views.date_range(ds)
    assert first < lo <= hi <= last
    assert hi == last  # widened past the last claim, then kept inside the data
    # it holds most of the claims (by the day they take effect) though it is a sliver of 14 years
    ends = ds.events["end_day"]
    inside = ((ends >= (lo - dt.date(1970, 1, 1)).days) & (ends <= (hi - dt.date(1970, 1, 1)).days)).mean()
    assert inside >= 0.8
    assert (hi - lo).days < 0.05 * (last - first).days
    assert views.focus_range(ds) is views.focus_range(ds)  # computed once


# ---- the control rule's outcomes on the bundled data (moved from tests/test_control.py, whose logic
# tests build their own data); ``bundled`` is the module's ``ds``


@pytest.fixture(scope="module")
def bundled(ds):
    return ds


def row(state: pd.DataFrame, place: str) -> dict:
    hit = state[state["place"] == place]
    assert len(hit) == 1, f"{place} not in state: {list(state['place'])}"
    return hit.iloc[0].to_dict()


def places(state: pd.DataFrame) -> set:
    return set(state["place"])


def parties(r: dict) -> set:
    """Who a contested place is fought over by, as the state gives it (data, not the controller's text)."""
    assert r["controller"] == control.CONTEST_JOIN.join(r["sides"]), r  # (the text a reader sees)
    return set(r["sides"])


def test_bundled_2016_aleppo_rebels_before_the_pending_government_recapture(bundled):
    # Crisis Group's 2012 report has rebels fighting in part of Aleppo (scope "part"): it never sets the
    # holder. The first reports about the whole city date the government's recapture "2016 (year only)"
    # and name the rebels as the holder before it: inside 2016 the rebels are shown as that previous
    # holder, the recapture pending
    r = row(control.state_at(bundled, "2016-06-01"), "Aleppo")
    assert (r["controller"], r["status"], r["basis"]) == ("Rebels", "controlled", "previous holder")
    assert (r["since_label"], r["pending_actor"], r["pending_date"]) == ("2016 (year only)", "Syrian government",
                                                                        "2016 (year only)")
    r = row(wording.in_words(control.state_at(bundled, "2016-06-01")), "Aleppo")
    assert r["since"] == "until a change dated 2016 (year only)"
    assert "Syrian government" in r["pending"] and "2016 (year only)" in r["pending"]


def test_bundled_2017_aleppo_held_by_the_government_the_2017_dating_only_restates_it(bundled):
    # the rebels holding eastern Aleppo during the 2016 fighting is a claim about part of the city
    # (scope "part"): it does not contest the government's recapture; Rolling Stone's "2017" dating of
    # the same recapture restates the holder, so it is not pending (it would change nothing) and is
    # listed as a "when" disagreement instead (see below)
    r = row(control.state_at(bundled, "2017-06-01"), "Aleppo")
    assert (r["controller"], r["status"], r["since_label"], r["disagreement"]) == (
        "Syrian government", "controlled", "2016 (year only)", False)
    assert (r["previous_controller"], r["pending_status"]) == ("Rebels", "")
    r = row(control.state_at(bundled, "2018-06-01"), "Aleppo")
    assert (r["controller"], r["status"]) == ("Syrian government", "controlled")
    assert r["claim_id"] == "rs-aleppo-2017"  # the 2017 report is in effect by then


def test_bundled_2024_11_29_aleppo_contested(bundled):
    st = control.state_at(bundled, "2024-11-29")
    r = row(st, "Aleppo")
    # independent reports have HTS fighting inside the city; the army's "repelled" is the Syrian army's
    # word (a party), so it does not make the place disputed: HTS contesting it, no disagreement
    assert (r["controller"], r["status"], r["disagreement"]) == ("HTS", "contested", False)
    assert r["previous_controller"] == "Syrian government"
    assert r["sides"] == ("HTS", "Syrian government")
    assert row(st, "Idlib")["controller"] == "HTS"
    assert row(st, "Tel Rifaat")["controller"] == "SDF"


def test_bundled_2024_12_03_hama_disputed_by_independent_reports(bundled):
    # the disagreement mechanics on the bundled data: on 3 Dec independent reports have the rebels
    # besieging Hama and the government never having lost it
    r = row(control.state_at(bundled, "2024-12-03"), "Hama")
    assert (r["status"], r["disagreement"]) == ("contested", True)
    assert parties(r) == {"Syrian government", "Rebels"}
    assert r["previous_controller"] == "Syrian government"
    who = control.disagreements(bundled, "Hama")
    who = who[who["kind"] == "who controls"]
    assert list(who["when"]) == ["3 Dec 2024"]
    assert "r077-hama-never" in who.iloc[0]["claim_ids"] and "r015-hama-siege" in who.iloc[0]["claim_ids"]


def test_bundled_2024_12_02(bundled):
    st = control.state_at(bundled, "2024-12-02")
    tr = row(st, "Tel Rifaat")
    # driven out of the SDF by 1 Dec; the report of the SNA fighting in the villages around it
    # (a window ending 1 Dec) is ended by the captures reported that day: a capture ends a contest
    assert (tr["controller"], tr["status"], tr["previous_controller"]) == ("SNA", "controlled", "SDF")
    assert tr["since_label"] == "1 Dec 2024"
    assert tr["recent_change"]
    al = row(st, "Aleppo")
    # HTS took the city; the YPG/SDF pockets (Crisis Group) are a claim about part of it and the
    # SDF-held districts are places of their own (Sheikh Maqsoud)
    assert (al["controller"], al["status"], al["since_label"]) == ("HTS", "controlled", "30 Nov 2024")
    assert al["previous_controller"] == "Syrian government"
    assert row(st, "Sheikh Maqsoud")["controller"] == "SDF"
    assert row(st, "Idlib")["controller"] == "HTS"
    assert row(st, "Hmeimim air base")["controller"] == "Russia"
    assert row(st, "Hama")["controller"] == "Syrian government"
    # a party's counter-claim newer than the holder's reports is shown beside it
    ks = row(st, "Khan Sheikhoun")
    assert (ks["controller"], ks["side_kind"], ks["side_claim_id"]) == ("Syrian government", "claim",
                                                                       "r073-khansheikhoun-captured")
    assert (ks["side_actor"], ks["side_status"]) == ("Rebels", "controlled")
    assert "Rebels holds it" in wording.in_words(pd.DataFrame([ks]))["side_note"].iloc[0]


def test_bundled_2024_12_02_aleppo_sdf_pockets_are_a_side_note(bundled):
    # a same-day side claim agreeing with the holder (r073-aleppo-most) does not hide the disagreeing one
    al = row(control.state_at(bundled, "2024-12-02"), "Aleppo")
    assert al["side_kind"] == "part" and al["side_claim_id"] in {"s003-aleppo-ypg-pockets",
                                                                 "r049-aleppo-northeast-withdrawing"}


def test_bundled_required_places_all_appear_by_2024_12_02(bundled):
    st = control.state_at(bundled, "2024-12-02")
    assert {"Idlib", "Aleppo", "Hama", "Tel Rifaat", "Hmeimim air base"} <= places(st)
    assert (st["source_url"].str.startswith("http")).all()
    assert (st["quote"].str.len() > 0).all()


def test_bundled_aleppo_when_disagreement_2016_vs_2017(bundled):
    d = control.disagreements(bundled, "Aleppo")
    when = d[d["kind"] == "when"]
    assert ["cg-aleppo-2016", "rs-aleppo-2017"] in [sorted(ids) for ids in when["claim_ids"]]
    # every pair with Rolling Stone's 2017 is the 2016 / 2017 question; the others are the
    # 30 Nov / 1 Dec 2024 question (the reports dating the city's fall to 1 Dec)
    y2017 = when[[("rs-aleppo-2017" in ids) for ids in when["claim_ids"]]]
    assert len(y2017) >= 2
    assert all("2017 (year only)" in w and "2016 (year only)" in w for w in y2017["when"])
    others = when.drop(y2017.index)
    assert len(others) and all("1 Dec 2024" in w for w in others["when"])
    # no two independent reports about the whole city name rival holders on one day any more:
    # the army's denials are a party's word and the SDF pockets are about part of the city
    assert not (d["kind"] == "who controls").any()


def test_state_on_2_december_through_the_command_line():
    # (the bundled figures of tests/test_cli.py's state tests, which now run on a small data set)
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    proc = subprocess.run([sys.executable, "-m", "dashboard", "state", "--date", "2024-12-02", "--format", "geojson"],
                          cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    by_place = {f["properties"]["place"]: f for f in json.loads(proc.stdout)["features"]}
    assert {"Idlib", "Aleppo", "Hama", "Tel Rifaat", "Hmeimim air base"} <= set(by_place)
    tr = by_place["Tel Rifaat"]["properties"]
    # taken from the SDF by 1 Dec; the report of the SNA fighting in the villages around it is ended
    # by the captures reported that day (a capture ends a contest)
    assert (tr["controller"], tr["status"], tr["since"]) == ("SNA", "controlled", "1 Dec 2024")
    assert (tr["lat"], tr["lon"]) == (36.47229, 37.09471)
    # on 2 Dec HTS holds the city; the YPG/SDF pockets (Crisis Group) are a report about part of it,
    # which never sets the holder, and the SDF-held district is a place of its own
    al = by_place["Aleppo"]["properties"]
    assert (al["controller"], al["status"], al["since"]) == ("HTS", "controlled", "30 Nov 2024")
    assert al["lat"] == pytest.approx(36.20124)
    sm = by_place["Sheikh Maqsoud"]["properties"]
    assert (sm["controller"], sm["status"]) == ("SDF", "controlled")
    hm = by_place["Hmeimim air base"]
    assert hm["geometry"]["coordinates"] == [35.945, 35.4117]
    assert hm["properties"]["controller"] == "Russia"


def test_the_bundled_data_names_no_unknown_speaker(ds):
    # (was in tests/test_assessed.py)
    from dashboard.core import attribution

    assert attribution.unknown_speakers(ds.events, ds.parties, ds.actors) == []
    assert isinstance(ds.parties, pd.DataFrame) and len(ds.parties) >= 40


def test_no_spelling_of_the_bundled_places_names_two_places():
    # "Latakia province" was an alias of both the city and the governorate: whichever the index met first won
    from dashboard.core import data
    from dashboard.core.names import normalise

    _, rows = data.read_rows(data.resolve_paths(None, None)[1])
    owners: dict = {}
    for r in rows:
        for n in data.names_of(r):
            owners.setdefault(normalise(n), set()).add(r["name"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
