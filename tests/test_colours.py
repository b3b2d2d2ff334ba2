"""The colours a place is drawn in (dashboard/map/colours.py), from the state's data: the core gives who
holds a place, the sides of a contest and the actor of a claim beside the holder, never a colour."""

from __future__ import annotations

import pandas as pd

from dashboard.core import control
from dashboard.core.data import load_dataset
from dashboard.map import colours

from dataset_helpers import URL_B, ev, make_dataset

GOV, REBELS, HTS = "#D55E00", "#56B4E9", "#009E73"


def painted(tmp_path, events, day, **kw) -> dict:
    ds = load_dataset(*make_dataset(tmp_path, events))
    state = colours.with_colours(control.state_at(ds, day, include_unreported=True, **kw), ds.actors)
    return state.set_index("place").to_dict("index")


def test_the_core_knows_no_colour(tmp_path):
    ds = load_dataset(*make_dataset(tmp_path, [ev(id="gov", date="2024-01-10")]))
    state = control.state_at(ds, "2024-01-10", include_unreported=True)
    assert not [c for c in state.columns if "colour" in c]
    assert not [name for name in vars(control) if "COLOUR" in name]


def test_holder_contested_and_unreported_colours(tmp_path):
    rows = painted(tmp_path, [ev(id="gov", date="2024-01-10"),
                              ev(id="hts", date="2024-03-01", actor="HTS", previous_actor="Syrian government")],
                   "2024-03-01")
    assert rows["Alpha"]["colour"] == HTS and rows["Alpha"]["side_colours"] == ()
    assert rows["Bravo"]["colour"] == colours.UNREPORTED_COLOUR and rows["Bravo"]["side_colours"] == ()


def test_a_contest_fills_in_who_held_it_and_rings_in_who_contests_it(tmp_path):
    rows = painted(tmp_path, [ev(id="gov", date="2024-11-01"),
                              ev(id="x", date="2024-11-29", actor="HTS", status="contested")], "2024-11-30")
    r = rows["Alpha"]
    assert (r["status"], r["sides"]) == ("contested", ("HTS", "Syrian government"))  # the core's data
    assert r["colour"] == colours.CONTESTED_COLOUR and r["side_colours"] == (GOV, HTS)  # the map's order


def test_a_disagreement_keeps_the_holder_before_first(tmp_path):
    rows = painted(tmp_path, [ev(id="old", date="2020-01-01"),
                              ev(id="reb", date="2024-11-29", actor="Rebels", source_url=URL_B),
                              ev(id="gov", date="2024-11-29")], "2024-11-29")
    r = rows["Alpha"]
    assert set(r["sides"]) == {"Rebels", "Syrian government"} and r["disagreement"]
    assert r["side_colours"] == (GOV, REBELS)


def test_a_claim_beside_the_holder_rings_in_its_actors_colour(tmp_path):
    rows = painted(tmp_path, [ev(id="old", date="2020-01-01"),
                              ev(id="gov", date="2024-11-29", claimed_by="Syrian army"),
                              ev(id="hts", date="2024-11-29", actor="HTS", source_url=URL_B)], "2024-11-29")
    r = rows["Alpha"]
    assert (r["controller"], r["side_actor"]) == ("HTS", "Syrian government")
    assert r["colour"] == HTS and r["side_colours"] == (HTS, GOV)


def test_colour_codes_index_the_palette():
    actors = pd.DataFrame({"name": ["A", "B"], "colour": ["#111111", "#222222"]})
    code_of, palette = colours.palette(actors)
    assert palette == ["#111111", "#222222", colours.CONTESTED_COLOUR, colours.UNREPORTED_COLOUR]
    got = colours.colour_codes(pd.Series(["B", "A vs B", "", "Nobody"]).to_numpy(dtype=object),
                               pd.Series(["controlled", "contested", "unreported", "controlled"]).to_numpy(dtype=object),
                               actors)
    assert got.tolist() == [1, 2, 3, 3]
