"""The assessed-control rule on small data sets built here: whose word a
claim is, what sets a place's holder and what is shown beside it, a capture
ending a contest, precise dating, overtaken by events and "as known then"."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from dashboard.core import attribution, control
from dashboard.map import wording
from dashboard.core.data import DataError, load_dataset
from dashboard.core.known_then import NOTHING_KNOWN, known_then

from dataset_helpers import URL_B, ev, make_dataset, write_csv

PARTIES = [
    {"name": "Syrian state media", "aliases": "SANA", "side": "Syrian government", "kind": "state media", "description": ""},
    {"name": "SOHR", "aliases": "Syrian Observatory for Human Rights", "side": "", "kind": "monitor", "description": ""},
    {"name": "Daily Sabah", "aliases": "", "side": "SNA", "kind": "aligned outlet", "description": ""},
]
URL_C = "https://example.net/report-c"


def load(tmp_path, events, parties=PARTIES):
    for e in events:  # published the day of the claim unless the test says otherwise
        if e["published"] == "2024-12-04":
            e["published"] = max(e["date_end"] or e["date"], "2024-12-04") if len(e["date"]) == 10 else e["published"]
    paths = make_dataset(tmp_path, events)
    if parties is not None:
        write_csv(paths[1].with_name("parties.csv"), parties)
    return load_dataset(*paths)


def row(ds, day, place="Alpha") -> dict:
    state = control.state_at(ds, day, include_unreported=True)
    return state[state["place"] == place].iloc[0].to_dict()


def test_whose_word(tmp_path):
    ds = load(tmp_path, [
        ev(id="own", quote="Own words."),
        ev(id="monitor", claimed_by="Syrian Observatory for Human Rights", quote="Monitor."),
        ev(id="state", claimed_by="sana", quote="State media."),  # an alias, any case
        ev(id="actor", claimed_by="Syrian army", quote="An actor's alias speaking."),
        ev(id="unknown", claimed_by="a man in a cafe", quote="Nobody the tables know."),
        ev(id="outlet", source_name="Daily Sabah (Anadolu)", source_url=URL_B, quote="An aligned outlet's own words."),
    ])
    word = dict(zip(ds.events["id"], ds.events["party_word"]))
    assert word == {"own": False, "monitor": False, "state": True, "actor": True, "unknown": True, "outlet": True}
    side = dict(zip(ds.events["id"], ds.events["word_side"].astype(str)))
    assert (side["state"], side["outlet"], side["monitor"]) == ("Syrian government", "SNA", "")
    assert attribution.unknown_speakers(ds.events, ds.parties, ds.actors) == ["a man in a cafe"]


def test_a_bad_parties_file_names_file_line_and_problem(tmp_path):
    bad = PARTIES + [{"name": "X", "aliases": "", "side": "Nobody", "kind": "party", "description": ""},
                     {"name": "Y", "aliases": "", "side": "", "kind": "gossip", "description": ""}]
    with pytest.raises(DataError) as err:
        load(tmp_path, [ev()], parties=bad)
    text = str(err.value)
    assert "parties.csv:5: side 'Nobody' is not an actor" in text
    assert "parties.csv:6: kind 'gossip' must be one of" in text


def test_a_partys_claim_never_overturns_recent_independent_reporting(tmp_path):
    ds = load(tmp_path, [
        ev(id="captured", date="2024-12-05", actor="Rebels", previous_actor="Syrian government", quote="Rebels captured Alpha."),
        ev(id="army", date="2024-12-08", actor="Syrian government", status="contested", claimed_by="Syrian army",
           source_url=URL_B, quote="The army says it is still fighting in Alpha."),
    ])
    r = row(ds, "2024-12-10")
    assert (r["controller"], r["status"], r["basis"]) == ("Rebels", "controlled", "")
    assert (r["side_kind"], r["side_claim_id"]) == ("claim", "army")
    assert wording.state_sentence(r) == (
        "Alpha: held by Rebels; Syrian army says Syrian government is fighting there (8 Dec 2024)")


def test_a_partys_claim_fills_only_where_nothing_independent_is_recent(tmp_path):
    ds = load(tmp_path, [
        ev(id="old", date="2017", date_precision="year", quote="The government retook Alpha in 2017."),
        ev(id="sna", date="2024-12-09", actor="SNA", source_name="Daily Sabah", source_url=URL_B,
           quote="The SNA took Alpha."),
        ev(id="confirmed", date="2024-12-11", actor="SNA", source_url=URL_C, quote="The SNA holds Alpha."),
    ])
    claimed = row(ds, "2024-12-10")
    assert (claimed["controller"], claimed["basis"]) == ("SNA", "claimed")
    assert "as a party to the fighting claims" in wording.state_sentence(claimed)
    assert row(ds, "2024-12-11")["basis"] == ""  # confirmed by an independent report: assessed


def test_part_and_around_claims_never_set_the_whole_place(tmp_path):
    ds = load(tmp_path, [
        ev(id="held", date="2024-11-01", quote="The government holds Alpha."),
        ev(id="part", date="2024-11-29", actor="SDF", scope="part", quote="The SDF hold two districts of Alpha."),
        ev(id="around", date="2024-11-30", actor="Rebels", status="contested", scope="around", source_url=URL_B,
           quote="Rebels reached the outskirts of Alpha."),
    ])
    r = row(ds, "2024-11-30")
    assert (r["controller"], r["status"], r["claim_id"]) == ("Syrian government", "controlled", "held")
    assert (r["side_kind"], r["side_claim_id"]) == ("around", "around")
    assert row(ds, "2024-11-29")["side_kind"] == "part"


def test_a_capture_ends_a_contest_and_precise_dating_wins(tmp_path):
    ds = load(tmp_path, [
        ev(id="held", date="2024-11-01", quote="The government holds Alpha."),
        ev(id="entered", date="2024-12-05", actor="Rebels", status="contested", quote="Rebels entered Alpha."),
        ev(id="captured", date="2024-12-05", actor="Rebels", previous_actor="Syrian government", source_url=URL_B,
           quote="Rebels captured Alpha."),
        ev(id="lastweek", date="2024-12-01", date_end="2024-12-09", date_precision="range", actor="Rebels",
           status="contested", source_url=URL_C, published="2024-12-09", quote="Rebels stormed Alpha last week."),
    ])
    r = row(ds, "2024-12-05")
    assert (r["controller"], r["status"], r["since_label"]) == ("Rebels", "controlled", "5 Dec 2024")
    # the vague window is dated by the capture: not pending before it, and no contest after it
    assert row(ds, "2024-12-03")["pending_status"] == ""
    assert row(ds, "2024-12-09")["status"] == "controlled"


def test_overtaken_by_events(tmp_path):
    ds = load(tmp_path, [
        ev(id="alpha", date="2024-11-30", place="Alpha", quote="The government holds Alpha."),
        ev(id="bravo-held", date="2024-11-01", place="Bravo", quote="The government holds Bravo."),
        ev(id="bravo-taken", date="2024-12-06", place="Bravo", actor="Rebels", previous_actor="Syrian government",
           source_url=URL_B, quote="Rebels took Bravo."),
    ])
    # Bravo is about 30.5 km from Alpha
    at = lambda day, km: control.state_at(ds, day, overtaken_km=km).set_index("place").loc["Alpha"]  # noqa: E731
    assert not at("2024-12-05", 40)["overtaken"]  # Bravo has not changed hands yet
    near = at("2024-12-07", 40)
    assert near["overtaken"] and (near["date"], near["controller"]) == ("30 Nov 2024", "Syrian government")
    near = wording.in_words(control.state_at(ds, "2024-12-07", overtaken_km=40)).set_index("place").loc["Alpha"]
    assert near["overtaken_note"] == (
        "last reported 30 Nov 2024; places around it that Syrian government held changed hands since")
    assert "Syrian government held changed hands since" in wording.state_sentence(near.to_dict() | {"place": "Alpha"})
    assert not at("2024-12-07", 10)["overtaken"]  # too far to count
    assert not at("2024-12-07", 40)["stale"]  # (not stale: a week old; overtaken says why it is faded)


def test_a_change_around_a_place_by_another_side_does_not_overtake_it(tmp_path):
    # Alpha held by the SDF; Bravo, 30 km away, changes from the government to the rebels: nothing said of Alpha's holder
    ds = load(tmp_path, [
        ev(id="alpha", date="2024-11-30", place="Alpha", actor="SDF", quote="The SDF holds Alpha."),
        ev(id="bravo-held", date="2024-11-01", place="Bravo", quote="The government holds Bravo."),
        ev(id="bravo-taken", date="2024-12-06", place="Bravo", actor="Rebels", previous_actor="Syrian government",
           source_url=URL_B, quote="Rebels took Bravo."),
    ])
    assert not control.state_at(ds, "2024-12-07", overtaken_km=40).set_index("place").loc["Alpha", "overtaken"]


def test_as_known_then(tmp_path):
    ds = load(tmp_path, [
        ev(id="held", date="2024-11-01", published="2024-11-01", quote="The government holds Alpha."),
        ev(id="late", date="2024-11-28", actor="Rebels", published="2024-12-04", source_url=URL_B,
           quote="Rebels took Alpha on 28 November."),
    ])
    assert row(ds, "2024-11-29")["controller"] == "Rebels"  # as we now know
    then = known_then(ds, "2024-11-29")
    assert len(then.events) == 1 and row(then, "2024-11-29")["controller"] == "Syrian government"
    assert known_then(ds, "2024-12-04") is ds  # every report published by then
    assert known_then(ds, "2024-10-01") is NOTHING_KNOWN  # nothing published yet


def test_as_known_then_on_the_command_line(tmp_path):
    paths = make_dataset(tmp_path, [
        ev(id="held", date="2024-11-01", published="2024-11-01", quote="The government holds Alpha."),
        ev(id="late", date="2024-11-28", actor="Rebels", published="2024-12-04", source_url=URL_B,
           quote="Rebels took Alpha on 28 November."),
    ])
    args = [sys.executable, "-m", "dashboard", "state", "--date", "2024-11-29", "--events", str(paths[0]),
            "--places", str(paths[1])]
    now = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    then = json.loads(subprocess.run(args + ["--as-known-then"], capture_output=True, text=True, check=True).stdout)
    assert [r["controller"] for r in now] == ["Rebels"] and [r["controller"] for r in then] == ["Syrian government"]
    assert then[0]["summary"] == "Alpha: held by Syrian government"


def test_state_words_for_a_contest_name_both_sides():
    r = {"place": "Homs", "status": "contested", "controller": "Rebels", "previous_controller": "Syrian government",
         "sides": ("Rebels", "Syrian government"), "basis": "", "since": "7 Dec 2024"}
    assert wording.state_sentence(r) == "Homs: contested between Rebels and Syrian government"
    assert wording.one_line_answer(r, 3) == "Contested between Rebels and Syrian government since 7 Dec 2024; 3 reports"
    r = {"place": "Hama", "status": "controlled", "controller": "HTS", "previous_controller": "Syrian government",
         "basis": "", "since": "5 Dec 2024"}
    assert wording.one_line_answer(r, 6) == "Taken by HTS from Syrian government, 5 Dec 2024; 6 reports"


def test_two_takings_that_contradict_each_other_stay_a_disagreement(tmp_path):
    ds = load(tmp_path, [
        ev(id="held", date="2024-11-20", quote="The government holds Alpha."),
        ev(id="took", date="2024-12-01", actor="Rebels", previous_actor="Syrian government", quote="Rebels took Alpha."),
        ev(id="retook", date="2024-12-01", actor="Syrian government", previous_actor="Rebels", source_url=URL_B,
           quote="The army retook Alpha from the rebels."),
    ])
    r = row(ds, "2024-12-02")
    assert (r["status"], bool(r["disagreement"])) == ("contested", True)
    assert set(r["sides"]) == {"Rebels", "Syrian government"}


def test_a_neighbour_due_east_within_the_distance_is_found(tmp_path):
    # Bravo moved 25 km due east of Alpha (36.2 N): longitude cells must be as wide in km as the distance
    paths = make_dataset(tmp_path, [
        ev(id="alpha", date="2024-11-30", place="Alpha", quote="The government holds Alpha."),
        ev(id="bravo", date="2024-12-06", place="Bravo", actor="Rebels", previous_actor="Syrian government",
           source_url=URL_B, published="2024-12-06", quote="Rebels took Bravo."),
    ])
    import csv
    rows = list(csv.DictReader(open(paths[1], encoding="utf-8")))
    for r in rows:
        if r["name"] == "Bravo":
            r["lat"], r["lon"] = "36.2", f"{37.16 + 25 / (111.32 * 0.8069):.5f}"  # cos(36.2 deg) = 0.8069
    write_csv(paths[1], rows)
    write_csv(paths[1].with_name("parties.csv"), PARTIES)
    ds = load_dataset(*paths)
    assert control.state_at(ds, "2024-12-07", overtaken_km=30).set_index("place").loc["Alpha", "overtaken"]


def test_a_word_containing_den_is_not_a_denial(tmp_path):
    ds = load(tmp_path, [
        ev(id="captured", date="2024-12-05", actor="Rebels", previous_actor="Syrian government", quote="Rebels captured Alpha."),
        ev(id="army", date="2024-12-08", actor="Syrian government", claimed_by="Syrian army", event="sudden counterattack",
           source_url=URL_B, quote="The army says it launched a sudden counterattack in Alpha."),
    ])
    note = wording.in_words(pd.DataFrame([row(ds, "2024-12-08")]))["side_note"].iloc[0]
    assert "denial" not in note and note == "Syrian army says Syrian government holds it (8 Dec 2024)"


def test_claims_beside_a_place_show_even_when_no_claim_sets_a_holder_anywhere(tmp_path):
    ds = load(tmp_path, [ev(id="around", date="2024-12-03", actor="Rebels", status="contested", scope="around",
                            quote="Rebels reached the outskirts of Alpha.")])
    r = row(ds, "2024-12-03")
    assert (r["status"], r["side_kind"], r["side_claim_id"]) == ("unreported", "around", "around")


def test_a_report_on_part_of_a_place_does_not_date_its_change(tmp_path):
    ds = load(tmp_path, [
        ev(id="part", date="2024-11-28", actor="Rebels", previous_actor="Syrian government", scope="part",
           quote="Rebels took districts of Alpha from the government."),
        ev(id="whole", date="2024-12-01", actor="Rebels", previous_actor="Syrian government", source_url=URL_B,
           quote="Rebels captured Alpha from the government."),
    ])
    assert control.disagreements(ds, "Alpha").empty


def test_validate_warns_of_unknown_speakers_and_a_missing_parties_table(tmp_path):
    paths = make_dataset(tmp_path, [ev(id="x", claimed_by="a man in a cafe", quote="He says so.")])
    args = [sys.executable, "-m", "dashboard", "validate", "--events", str(paths[0]), "--places", str(paths[1])]
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode == 0 and "no parties.csv beside the places file" in proc.stderr
    write_csv(paths[1].with_name("parties.csv"), PARTIES)
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode == 0 and "'a man in a cafe'" in proc.stderr and "read as a party's word" in proc.stderr
