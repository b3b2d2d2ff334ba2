"""Synthetic data sets: valid, exact counts, realistic shape, deterministic."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import cli
from dashboard.core import data, schema
from dashboard.bench import synth

N_PLACES, N_EVENTS = 50, 2000


def _read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def _load(out):
    ds, problems = data.validate_files(out / "events.csv", out / "places.csv")
    assert problems == [], "\n".join(str(p) for p in problems[:20])
    return ds


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = synth.synthesize(N_PLACES, N_EVENTS, out, seed=1)
    return out, summary, _load(out)


def test_validates_with_exact_counts(small):
    out, summary, ds = small
    assert len(ds.events) == N_EVENTS and summary["events"] == N_EVENTS
    assert len(ds.places) == N_PLACES and summary["places"] == N_PLACES
    assert 6 <= len(ds.actors) <= 8
    assert ds.paths["actors"] == out / "actors.csv"
    assert list(_read(out / "events.csv").columns) == list(schema.EVENT_COLUMNS)
    assert list(_read(out / "places.csv").columns) == list(schema.PLACE_COLUMNS)
    assert list(_read(out / "actors.csv").columns) == list(schema.ACTOR_COLUMNS)


def test_places_shape(small):
    _, _, ds = small
    p = ds.places
    assert p["name"].is_unique
    assert p["name"].str.startswith("Synth-").all()
    assert p["lat"].between(32.3, 37.3).all() and p["lon"].between(35.7, 42.4).all()
    assert p["kind"].nunique() >= 3


def test_actors_palette_and_hierarchy(small):
    _, _, ds = small
    a = ds.actors
    okabe_ito = {"#D55E00", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#0072B2", "#F0E442", "#000000"}
    assert set(a["colour"]) <= okabe_ito
    assert a["colour"].is_unique
    assert (a["parent"] != "").any()
    assert set(a.loc[a["parent"] != "", "parent"]) <= set(a["name"])


def test_events_shape(small):
    _, _, ds = small
    e = ds.events
    assert e["id"].is_unique and e["id"].str.startswith("syn-").all()
    assert set(e["date_precision"]) == set(schema.DATE_PRECISIONS)
    assert (e["date_precision"] == "day").mean() > 0.5
    assert set(e["status"]) == set(schema.STATUSES)
    assert e["source_url"].str.startswith("https://").all()
    assert e["source_url"].is_unique
    assert e["quote"].str.startswith("SYNTHETIC: ").all()
    assert (e["date_end"] != "").eq(e["date_precision"] == "range").all()
    # claims between 2011 and 2024, never published before the window ends
    assert data.day_to_ts(int(e["start_day"].min())).year >= 2011
    assert data.day_to_ts(int(e["end_day"].max())).year <= 2024
    pub = pd.to_datetime(e["published"], format="%Y-%m-%d")
    end = pd.to_datetime(e["end_day"].astype("int64"), unit="D")
    assert (pub >= end).all()
    # many claims per place, every place used
    assert e["place"].nunique() == N_PLACES
    assert e.groupby("place").size().max() >= 20
    # changes of hands name who held the place before
    changes = e[e["event"].isin(["captured", "recaptured", "handed over"])]
    assert len(changes) > 0
    assert (changes["previous_actor"] != "").all()
    assert (changes["previous_actor"] != changes["actor"]).all()


def test_disagreements_present(small):
    _, summary, ds = small
    day = ds.events[ds.events["date_precision"] == "day"]
    per_day = day.groupby(["place", "date"]).agg(actors=("actor", "nunique"), urls=("source_url", "nunique"))
    disagree = per_day[per_day["actors"] > 1]
    assert len(disagree) >= 1
    assert (disagree["urls"] > 1).all()
    assert summary["disagreements"] >= 1


def test_no_duplicate_rows(small):
    out, _, _ = small
    e = _read(out / "events.csv")
    assert not e.drop(columns="id").duplicated().any()


def test_histories_have_runs(small):
    """Consecutive claims about a place mostly agree: runs, not noise."""
    _, _, ds = small
    e = ds.events[ds.events["status"] == "controlled"].sort_values(["place", "start_day"], kind="stable")
    same_place = e["place"].eq(e["place"].shift())
    same_actor = e["actor"].eq(e["actor"].shift())
    assert (same_actor[same_place]).mean() > 0.6


def test_deterministic_for_seed(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.synthesize(20, 500, a, seed=7)
    synth.synthesize(20, 500, b, seed=7)
    synth.synthesize(20, 500, c, seed=8)
    for name in ("events.csv", "places.csv", "actors.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert (a / "events.csv").read_bytes() != (c / "events.csv").read_bytes()


def test_no_hostile_strings_by_default(small):
    out, _, _ = small
    text = "".join((out / n).read_text(encoding="utf-8") for n in ("events.csv", "places.csv", "actors.csv"))
    for s in ("<script", "onerror", "${", "`"):
        assert s not in text


def test_hostile_strings_present_and_valid(tmp_path):
    synth.synthesize(30, 800, tmp_path, seed=3, hostile=True)
    ds = _load(tmp_path)
    places = set(ds.places["name"])
    quotes = set(ds.events["quote"])
    for s in synth.HOSTILE_STRINGS:
        assert any(s in q for q in quotes), s
        assert any(s in p for p in places), s
    assert ds.actors["name"].str.contains("<script>", regex=False).any()
    # a hostile place is referred to by claims, so it reaches the map and tables
    hostile_places = {p for p in places if "<" in p or "$" in p or "`" in p}
    assert set(ds.events["place"]) & hostile_places


def test_tiny_sizes(tmp_path):
    synth.synthesize(1, 1, tmp_path / "one", seed=0)
    ds = _load(tmp_path / "one")
    assert len(ds.events) == 1 and len(ds.places) == 1
    synth.synthesize(10, 3, tmp_path / "fewer", seed=0)
    ds = _load(tmp_path / "fewer")
    assert len(ds.events) == 3 and len(ds.places) == 10
    with pytest.raises(ValueError):
        synth.synthesize(0, 10, tmp_path / "none")


def test_cli(tmp_path, capsys):
    out = tmp_path / "cli"
    code = cli.main(["synth", "--places", "12", "--events", "300", "--out", str(out), "--seed", "2"])
    assert code == 0
    line = capsys.readouterr().out.strip()
    assert "\n" not in line and "300 events" in line and "12 places" in line and " s" in line
    ds = _load(out)
    assert len(ds.events) == 300
    code = cli.main(["validate", "--events", str(out / "events.csv"), "--places", str(out / "places.csv")])
    assert code == 0
