"""The Streamlit app driven headless with streamlit.testing (AppTest runs the
script in this process): default view, slider, actor filter, URL parameters,
change stepping, bad data and hostile strings."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.bench import apptest_fragments
from dashboard.core import control
from dashboard.map import wording  # noqa: E402
from dashboard.ui import views  # noqa: E402
from dashboard.core.data import load_dataset  # noqa: E402
from dashboard.core.known_then import known_then  # noqa: E402

APP = str(ROOT / "dashboard" / "app.py")
_BUNDLED = load_dataset(ROOT / "events.csv", ROOT / "geodata" / "places.csv", ROOT / "geodata" / "actors.csv")
FIRST = _BUNDLED.first_day.date()  # 2011-01-01
LAST = _BUNDLED.last_day.date()  # 2024-12-20
FOCUS = (dt.date(2024, 11, 22), LAST)  # where the claims are dense: the date control opens there
ALL_PLACES = set(_BUNDLED.places["name"])
# the places the table lists on the last day: every place with a claim about the whole place (claims
# about part of a place or around it never set a holder; some places, e.g. governorates, have none)
SHOWN_PLACES = set(control.state_at(_BUNDLED, LAST)["place"])
SDF_PLACES = set(control.state_at(_BUNDLED, LAST, actors=["SDF"])["place"])
ENV = ("DASHBOARD_EVENTS", "DASHBOARD_PLACES", "DASHBOARD_ACTORS")
TITLE = "Syria, late 2024: who controls what, says who"


@pytest.fixture(autouse=True)
def clean(monkeypatch, tmp_path):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    # the app may keep validated data sets in a disk cache: keep it out of $HOME
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "dataset-cache"))
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def ds():
    return load_dataset(ROOT / "events.csv", ROOT / "geodata" / "places.csv", ROOT / "geodata" / "actors.csv")


def app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in query.items():
        at.query_params[k] = v
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest) -> dict[str, str]:
    """The places table as {place: controller}."""
    df = at.dataframe[0].value
    return dict(zip(df["place"], df["controller"]))


def unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s, flags=re.S)


def texts(at: AppTest) -> list[str]:
    """The markdown source of every text element on the page."""
    out = []
    for elements in (at.title, at.header, at.subheader, at.markdown, at.caption, at.info, at.warning,
                     at.error, at.success):
        out += [e.value for e in elements]
    return out


def page_text(at: AppTest) -> str:
    return "\n".join(unescape(t) for t in texts(at))


# ------------------------------------------------------------------ default


def slider_bounds(at) -> list:
    # a date slider's proto bounds are microseconds since the epoch
    return [dt.datetime.fromtimestamp(us / 1e6, dt.timezone.utc).date()
            for us in (at.slider(key="date").min, at.slider(key="date").max)]


def step(at: AppTest, action: str) -> AppTest:
    at.segmented_control(key="step").set_value(action)
    return run(at)


def test_default_view():
    at = run(app())
    assert at.slider(key="date").value == LAST
    # the control opens on the offensive, where the claims are dense; all reports are one choice away
    assert slider_bounds(at) == list(FOCUS)
    assert at.segmented_control(key="period").value == "focus"
    assert at.multiselect(key="actors").value == []
    assert at.selectbox(key="place").value == ""
    assert not at.warning and not at.error
    t = table(at)
    assert set(t) == SHOWN_PLACES and len(SHOWN_PLACES) == 103 and len(ALL_PLACES) == 117
    assert SHOWN_PLACES == set(_BUNDLED.events.loc[_BUNDLED.events["scope"].fillna("") == "", "place"])
    assert t["Aleppo"] == "HTS"
    assert t["Idlib"] == "HTS"
    assert t["Tel Rifaat"] == "SNA"
    assert t["Hmeimim air base"] == "Russia"
    assert t["Mount Hermon"] == "Israel"
    assert [e.label for e in at.expander if e.label.startswith("Places as of")] == [
        f"Places as of {views.day_text(LAST)} ({len(SHOWN_PLACES)} with a report)"]
    assert at.query_params == {"date": LAST.isoformat()}
    assert at.toggle(key="tiles").value is False  # the offline geography; online tiles are a choice


def test_whole_record_is_one_choice_away():
    at = run(app())
    at.segmented_control(key="period").set_value("all")
    run(at)
    assert slider_bounds(at) == [FIRST, LAST]
    at.slider(key="date").set_value(dt.date(2016, 6, 1))
    run(at)
    at.segmented_control(key="period").set_value("focus")
    run(at)  # a date outside the period is brought inside it
    assert at.slider(key="date").value == FOCUS[0]


def test_slider_moves_the_date(ds):
    at = run(app())
    at.slider(key="date").set_value(dt.date(2024, 11, 29))
    run(at)
    df = at.dataframe[0].value
    row = df[df["place"] == "Aleppo"].iloc[0]
    assert row["controller"] == "HTS"  # HTS contests it (the government held it before)
    assert row["status"] == "contested"
    assert row["last reported"] == "last reported on this day"
    assert at.query_params["date"] == "2024-11-29"

    at = run(app(date="2016-06-01"))
    assert at.segmented_control(key="period").value == "all"  # a date from the link outside the offensive
    t = table(at)
    expected = set(control.state_at(ds, "2016-06-01")["place"])
    assert set(t) == expected
    assert {k: t[k] for k in ("Aleppo", "Hama", "Hmeimim air base", "Tel Rifaat")} == {
        "Aleppo": "Rebels", "Hama": "Syrian government", "Hmeimim air base": "Russia", "Tel Rifaat": "SDF"}
    assert "Saraqib" not in t  # a 2024 report's previous holder is not carried back to 2016
    df = at.dataframe[0].value
    # the 2016 (year only) recapture is pending, not shown as if it had happened
    assert "not yet certain" in df[df["place"] == "Aleppo"].iloc[0]["pending"]


# ------------------------------------------------------------------ filter


def test_actor_filter_sdf():
    at = run(app())
    at.multiselect(key="actors").set_value(["SDF"])
    run(at)
    t = table(at)
    assert set(t) == SDF_PLACES
    assert {"Raqqa", "Sheikh Maqsoud", "Kobani", "Hasakah", "Tabqa"} <= SDF_PLACES
    assert "Aleppo" not in SDF_PLACES and "Deir ez-Zor" not in SDF_PLACES
    # held by the SDF, or contested with them (the SNA push on the Tishreen Dam and the Qaraqozak bridge)
    assert set(t.values()) == {"SDF", "SNA vs SDF"}
    assert {p for p, c in t.items() if c != "SDF"} == {"Tishreen Dam", "Qaraqozak bridge"}


def test_actor_filter_group_includes_its_parts():
    at = run(app())
    at.multiselect(key="actors").set_value(["Rebels"])
    run(at)
    t = table(at)
    assert t["Idlib"] == "HTS"  # HTS is part of Rebels
    assert t["Tel Rifaat"] == "SNA"
    assert t["Aleppo"] == "HTS"
    assert t["Damascus"] == "HTS" and t["Palmyra"] == "Rebels"
    assert not {"Raqqa", "Sheikh Maqsoud"} & set(t)
    assert "Hmeimim air base" not in t


def test_actor_filter_then_clear_shows_everything_again():
    at = run(app())
    at.multiselect(key="actors").set_value(["Russia"])
    run(at)
    assert set(table(at)) == {"Hmeimim air base", "Tartus naval base"}
    at.multiselect(key="actors").set_value([])
    run(at)
    assert set(table(at)) == SHOWN_PLACES


def test_stale_threshold_is_configurable():
    at = run(app(date="2024-11-30"))
    df = at.dataframe[0].value
    raqqa = df[df["place"] == "Raqqa"].iloc[0]
    assert raqqa["last reported"].startswith("last reported ") and raqqa["last reported"].endswith("days earlier")
    at.selectbox(key="place").set_value("Raqqa")
    run(at)  # (a place choice reruns only the view)
    assert "older than 30 days: drawn faded" in page_text(at)
    run(at)  # the whole page, with the sidebar
    at.number_input(key="stale_days").set_value(3000)
    run(at)
    assert "drawn faded" not in page_text(at)


# ---------------------------------------------------------------- URL state


def test_url_restores_the_view(ds):
    at = run(app(date="2024-11-29", actor=["HTS"], place="Aleppo"))
    assert not at.warning
    assert at.slider(key="date").value == dt.date(2024, 11, 29)
    assert at.multiselect(key="actors").value == ["HTS"]
    assert at.selectbox(key="place").value == "Aleppo"
    assert table(at)["Aleppo"] == "HTS"
    assert "Tel Rifaat" not in table(at)  # SDF on that day
    # the place panel: state, and the verbatim quotes (escaped for markdown)
    assert any(unescape(s.value) == "Aleppo: contested between HTS and Syrian government" for s in at.subheader)
    assert [t.label for t in at.tabs][0] == "Now"
    assert at.tabs[1].label.startswith("History (") and at.tabs[2].label.startswith("Disagreements (")
    quote = ds.events.set_index("id").loc["aw-aleppo-reached", "quote"]
    md = [m.value for m in at.markdown]
    assert "> " + views.md_escape(quote) in md
    assert "it is now being reported HTS has reached the city of Aleppo itself" in page_text(at)
    assert any("#:~:text=" in m for m in md)
    # a disagreement card: when the government retook it (2016 or 2017)
    assert any(unescape(m).startswith("**when** (2016 (year only) / 2017 (year only))") for m in md)
    assert at.query_params == {"date": "2024-11-29", "actor": "HTS", "place": "Aleppo"}
    # and a "who controls" card where independent reports name rivals on the same day
    hama = run(app(date="2024-12-03", place="Hama"))
    assert any(unescape(m.value).startswith("**who controls** (3 Dec 2024)") for m in hama.markdown)


def test_url_matches_aliases_and_case():
    at = run(app(date="2024-11-30", place="halab", actor=["hts", "ypg"]))
    assert not at.warning
    assert at.selectbox(key="place").value == "Aleppo"
    assert at.multiselect(key="actors").value == ["HTS", "SDF"]
    assert at.query_params == {"date": "2024-11-30", "actor": ["HTS", "SDF"], "place": "Aleppo"}


def test_url_keeps_zoom_centre_and_tiles():
    at = run(app(date="2024-11-30", zoom="9", center="36.2,37.16", tiles="on"))
    assert not at.warning
    assert at.toggle(key="tiles").value is True
    assert at.query_params == {"date": "2024-11-30", "zoom": "9", "center": "36.2000,37.1600", "tiles": "on"}
    at.toggle(key="tiles").set_value(False)
    run(at)
    assert "tiles" not in at.query_params and at.query_params["zoom"] == "9"


def test_place_box_lists_aliases():
    at = run(app())
    box = at.selectbox(key="place")
    assert "Aleppo (Halab, Alep, Alepo, Aleppo city, حلب)" in box.options  # spellings, not epithets
    assert any(o.startswith("Tel Rifaat (") and "Tall Rif'at" in o for o in box.options)


def test_url_with_several_actors():
    at = run(app(actor=["HTS", "SDF"]))
    assert at.multiselect(key="actors").value == ["HTS", "SDF"]
    assert set(table(at)) >= SDF_PLACES | {"Idlib"}
    assert at.query_params == {"date": LAST.isoformat(), "actor": ["HTS", "SDF"]}


@pytest.mark.parametrize("query, words", [
    ({"date": "2024-99-99"}, "not a date"),
    ({"date": "2010-06-01"}, f"the data covers {FIRST} to {LAST}"),
    ({"date": "2025-01-01"}, f"the data covers {FIRST} to {LAST}"),
    ({"actor": "Nobody"}, "unknown actor"),
    ({"actor": ["HTS", "Nobody"]}, "unknown actor"),
    ({"place": "Atlantis"}, "unknown place 'Atlantis'"),
    ({"zoom": "99", "center": "36,37"}, "Ignored zoom '99'"),
    ({"zoom": "8", "center": "north"}, "Ignored center 'north'"),
])
def test_url_bad_values_warn_and_fall_back(query, words):
    at = run(app(**query))
    assert len(at.warning) == 1
    assert words in unescape(at.warning[0].value)
    assert at.slider(key="date").value == LAST
    assert at.multiselect(key="actors").value == (["HTS"] if query.get("actor") == ["HTS", "Nobody"] else [])
    assert at.selectbox(key="place").value == ""
    if "actor" not in query:
        assert len(at.dataframe[0].value) == len(SHOWN_PLACES)
    # the link is rewritten to the view actually shown
    assert at.query_params["date"] == LAST.isoformat()
    assert "place" not in at.query_params and "zoom" not in at.query_params


def test_url_all_bad_at_once():
    at = run(app(date="2024-99-99", actor=["Nobody"], place="Atlantis"))
    assert len(at.warning) == 3
    assert at.slider(key="date").value == LAST
    assert at.multiselect(key="actors").value == []
    assert at.selectbox(key="place").value == ""
    assert set(table(at)) == SHOWN_PLACES
    assert at.query_params == {"date": LAST.isoformat()}


def test_url_hostile_values_are_escaped_in_warnings():
    evil = "<b>x</b>[y](javascript:alert(1))"
    at = run(app(place=evil, actor=evil))
    assert len(at.warning) == 2
    for w in at.warning:
        assert "[y](javascript:" not in w.value and "<b>" not in w.value
        assert "\\[y\\]\\(javascript\\:" in w.value


def test_view_is_written_back_to_the_url():
    at = run(app())
    at.slider(key="date").set_value(dt.date(2024, 11, 30))
    at.multiselect(key="actors").set_value(["HTS", "SDF"])
    at.selectbox(key="place").set_value("Hama")
    run(at)
    assert at.query_params == {"date": "2024-11-30", "actor": ["HTS", "SDF"], "place": "Hama"}

    run(at)  # the whole page (a place choice reruns only the view)
    at.multiselect(key="actors").set_value(["Rebels"])
    at.selectbox(key="place").set_value("")
    run(at)
    assert at.query_params == {"date": "2024-11-30", "actor": "Rebels"}

    # and the written link restores the same view in a new session
    again = run(app(**at.query_params))
    assert not again.warning
    assert again.slider(key="date").value == dt.date(2024, 11, 30)
    assert again.multiselect(key="actors").value == ["Rebels"]
    assert again.selectbox(key="place").value == ""


def test_a_link_the_app_wrote_opens_the_same_place_date_filter_and_map_view():
    at = run(app(date="2024-11-29", place="halab", actor="hts", zoom="9", center="36.2,37.16"))
    step(at, "day_fwd")  # the address follows the view (the map's view: the link's, until the reader moves it)
    written = {"date": "2024-11-30", "actor": "HTS", "place": "Aleppo", "zoom": "9", "center": "36.2000,37.1600"}
    assert at.query_params == written
    again = run(app(**at.query_params))  # the shared link, in a new session
    assert not again.warning
    assert again.slider(key="date").value == dt.date(2024, 11, 30)
    assert again.selectbox(key="place").value == "Aleppo" and again.multiselect(key="actors").value == ["HTS"]
    assert again.session_state["_map_view"] == (36.2, 37.16, 9.0)
    assert any(unescape(s.value).startswith("Aleppo: ") for s in again.subheader)  # its panel is open
    assert again.query_params == written


def test_place_panel_without_a_report():
    at = run(app(date="2016-06-01"))
    at.selectbox(key="place").set_value("Saraqib")
    run(at)
    assert any("No report about Saraqib on or before 2016-06-01" in unescape(i.value) for i in at.info)
    assert "Saraqib" in page_text(at) and at.tabs[1].label != "History (0)"  # the history is still there
    assert at.query_params == {"date": "2016-06-01", "place": "Saraqib"}

    run(at)  # the whole page (a place choice reruns only the view)
    at.multiselect(key="actors").set_value(["Russia"])
    at.slider(key="date").set_value(LAST)
    run(at)
    assert any(f"No report about Saraqib on or before {LAST} (with the current filter)" in unescape(i.value)
               for i in at.info)
    at.multiselect(key="actors").set_value([])
    run(at)
    assert any(unescape(s.value) == "Saraqib: held by HTS" for s in at.subheader)


def test_window_and_previous_holder_in_the_panel():
    # Deir Hafer on 30 Nov: Crisis Group's handover (27 Nov - 2 Dec) names the government as the holder before
    at = run(app(date="2024-11-30", place="Deir Hafer"))
    assert any(unescape(s.value) == "Deir Hafer: held by Syrian government (until a change dated between 27 Nov and "
               "2 Dec 2024)" for s in at.subheader)
    assert "names who held the place before it changed" in page_text(at)
    assert any("reports SDF (controlled) between 27 Nov and 2 Dec 2024; not yet certain" in unescape(i.value)
               for i in at.info)
    # al-Bab on 30 Nov: a change known only to fall between 27 Nov and 2 Dec, shown as changing, not "no report"
    at = run(app(date="2024-11-30", place="al-Bab"))
    assert not any("No report about" in unescape(i.value) for i in at.info)
    assert any(unescape(s.value) == "al-Bab: changing: held by SNA, between 27 Nov and 2 Dec 2024, not yet certain"
               for s in at.subheader)


# ------------------------------------------------------------ change steps


def _expected_step(ds, day, direction):
    target = control.step_change(ds, day, direction)
    return day if target is None else target.date()


def test_next_and_previous_change(ds):
    start = dt.date(2024, 11, 28)  # the first change of the offensive
    at = run(app(date=start.isoformat()))
    nxt = _expected_step(ds, start, 1)
    assert nxt == dt.date(2024, 11, 29)
    step(at, "change_fwd")
    assert at.slider(key="date").value == nxt
    assert at.query_params["date"] == nxt.isoformat()
    assert at.segmented_control(key="step").value is None  # a button group: no choice stays selected

    step(at, "change_back")
    assert at.slider(key="date").value == start

    prev = _expected_step(ds, start, -1)
    assert prev == dt.date(2018, 12, 31)  # Daraa retaken, Afrin taken (year only): no change is skipped
    step(at, "change_back")
    assert at.slider(key="date").value == prev
    assert at.segmented_control(key="period").value == "all"  # the control widened to reach it


def test_day_steps(ds):
    at = run(app(date="2024-11-30"))
    step(at, "day_fwd")
    assert at.slider(key="date").value == dt.date(2024, 12, 1)
    step(at, "day_back")
    step(at, "day_back")
    assert at.slider(key="date").value == dt.date(2024, 11, 29)
    at = run(app())
    step(at, "day_fwd")
    assert at.slider(key="date").value == LAST
    assert any(f"The data ends on {LAST:%-d %b %Y}" in unescape(i.value) for i in at.info)


def test_steps_visit_every_change_day(ds):
    days = [_expected_step(ds, FIRST, 1)]
    while (d := _expected_step(ds, days[-1], 1)) != days[-1]:
        days.append(d)
    assert dt.date(2017, 12, 31) in days  # (the old steps jumped from 2016 to 2024)
    at = run(app(date=FIRST.isoformat()))
    seen = []
    for _ in days:
        step(at, "change_fwd")
        seen.append(at.slider(key="date").value)
    assert seen == days
    assert seen[-1] == dt.date(2024, 12, 18)


def test_steps_stay_at_the_ends_and_say_so(ds):
    at = run(app())
    assert control.step_change(ds, LAST, 1) is None
    step(at, "change_fwd")
    assert at.slider(key="date").value == LAST
    assert any(f"No change of control after {LAST:%-d %b %Y}" in unescape(i.value) for i in at.info)

    at = run(app(date=FIRST.isoformat()))
    assert control.step_change(ds, FIRST, -1) is None
    step(at, "change_back")
    assert at.slider(key="date").value == FIRST
    assert any("No change of control before" in unescape(i.value) for i in at.info)


def test_step_from_between_changes(ds):
    at = run(app(date="2020-01-01"))
    step(at, "change_back")
    assert at.slider(key="date").value == dt.date(2018, 12, 31)
    at.slider(key="date").set_value(dt.date(2020, 1, 1))
    run(at)
    step(at, "change_fwd")
    assert at.slider(key="date").value == dt.date(2024, 11, 28)


# ------------------------------------------------------------------ the view fragment
# A browser reruns only the fragment a widget is in; AppTest's run() reruns the
# whole page, so these drive the fragment the way the server does.


def view_rerun(at: AppTest) -> AppTest:
    apptest_fragments.rerun(at, "view")
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_date_change_reruns_only_the_view():
    at = run(app(date="2024-11-28"))
    assert TITLE in page_text(at) and at.multiselect(key="actors")
    at.slider(key="date").set_value(dt.date(2024, 11, 29))
    view_rerun(at)
    # the page around the view was not drawn again: no title, no filters, no data caption
    assert TITLE not in page_text(at) and not at.multiselect and not at.toggle and not at.number_input
    assert not at.selectbox  # nor the place box, its own fragment
    assert not any(c.value.startswith("Data:") for c in at.caption)
    # the view follows the date: the control, the table, the downloads, the link
    assert at.slider(key="date").label == "Control as of Friday 29 November 2024"
    assert table(at)["Aleppo"] == "HTS"
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "GeoJSON"]
    assert at.query_params["date"] == "2024-11-29"
    run(at)  # a whole run draws the page again, at the date the view moved to
    assert TITLE in page_text(at) and at.slider(key="date").value == dt.date(2024, 11, 29)


def test_the_view_keeps_the_filter_set_outside_it():
    at = run(app(date="2024-12-05"))
    at.multiselect(key="actors").set_value(["SDF"])
    run(at)
    at.slider(key="date").set_value(dt.date(2024, 12, 12))
    view_rerun(at)
    t = table(at)
    assert t and set(t.values()) == {"SDF"}
    assert at.query_params["actor"] == "SDF" and at.query_params["date"] == "2024-12-12"


def test_a_view_without_its_containers_redraws_the_whole_page():
    """A whole run cut short by a newer request before it reaches the view
    leaves Streamlit without the view's places in the page; the next view
    rerun then draws the whole page instead of failing."""
    at = run(app(date="2024-12-05"))
    apptest_fragments.forget_page_outside_fragments(at)  # what the cut-short run did at its start
    at.slider(key="date").set_value(dt.date(2024, 12, 6))
    view_rerun(at)
    assert TITLE in page_text(at) and at.slider(key="date").value == dt.date(2024, 12, 6)


def test_a_place_choice_reruns_only_the_view():
    at = run(app(date="2024-12-05"))
    at.selectbox(key="place").set_value("Hama")
    apptest_fragments.rerun(at, "place")  # the box's fragment; its callback hands the rerun to the view
    assert not at.exception
    assert TITLE not in page_text(at) and not at.selectbox  # the box is not sent again
    assert any(unescape(s.value).startswith("Hama: ") for s in at.subheader)
    assert at.query_params["place"] == "Hama" and at.slider(key="date").value == dt.date(2024, 12, 5)


def test_another_page_and_back_keeps_the_view():
    at = run(app(date="2024-11-30"))
    at.slider(key="date").set_value(dt.date(2024, 12, 3))
    run(at)
    at.multiselect(key="actors").set_value(["HTS"])
    run(at)
    at.switch_page("ui/add_report_page.py")
    run(at)
    assert at.text_area  # the other page
    at.switch_page("ui/map_page.py")
    run(at)  # (no exception: the date and the filter are still there)
    assert at.slider(key="date").value == dt.date(2024, 12, 3) and at.multiselect(key="actors").value == ["HTS"]
    t = table(at)
    assert t and all("HTS" in controller for controller in t.values())


def test_the_lists_stay_open_or_closed_as_the_date_moves():
    at = run(app(date="2024-12-01"))
    assert [e.proto.expanded for e in at.expander] == [False, True]  # changes closed, table open
    at.session_state["changes_open"] = True  # the reader opens the list of changes ...
    at.session_state["table_open"] = False  # ... and closes the table
    run(at)
    for day in (2, 3):  # the labels change with the date
        at.slider(key="date").set_value(dt.date(2024, 12, day))
        view_rerun(at)
        assert [e.proto.expanded for e in at.expander] == [True, False]
        assert at.expander[0].label.startswith(f"What changed in the 7 days to {day} Dec 2024")
        assert not at.dataframe  # (the closed table is not built)
        assert any("Aleppo" in unescape(m.value) for m in at.expander[0].markdown)


def test_play_starts_and_stops_with_the_whole_page():
    """The view's timer is set when the page is drawn: play and pause redraw
    the whole page; each tick in between is the view alone."""
    at = run(app(date="2024-12-01"))
    at.segmented_control(key="step").set_value("play")
    view_rerun(at)
    assert at.session_state["playing"] is True and TITLE in page_text(at)  # the whole page
    at.session_state["_last_tick"] = 0.0  # a second has passed
    view_rerun(at)  # a tick
    assert at.slider(key="date").value == dt.date(2024, 12, 2) and TITLE not in page_text(at)
    view_rerun(at)  # too soon for the next tick: the same day
    assert at.slider(key="date").value == dt.date(2024, 12, 2)
    at.segmented_control(key="step").set_value("play")  # pause
    view_rerun(at)
    assert at.session_state["playing"] is False and TITLE in page_text(at)


def test_play_stops_at_the_end_and_redraws_the_page():
    at = run(app(date=LAST.isoformat()))
    at.session_state["playing"] = True
    at.session_state["_last_tick"] = float("inf")  # no tick yet
    run(at)  # the page with the timer set
    assert at.session_state["playing"] is True and "pause" in at.segmented_control(key="step").options[2]
    at.session_state["_last_tick"] = 0.0
    view_rerun(at)
    assert at.session_state["playing"] is False and at.slider(key="date").value == LAST
    assert TITLE in page_text(at) and "play" in at.segmented_control(key="step").options[2]


def test_play_steps_day_by_day():
    at = run(app(date="2024-12-12"))
    step(at, "play")
    assert at.session_state["playing"] is True
    assert "pause" in at.segmented_control(key="step").options[2]
    step(at, "play")
    assert at.session_state["playing"] is False


def test_what_changed_lists_real_changes_newest_first():
    at = app(date="2024-12-08")
    run(at)
    exp = [e for e in at.expander if e.label.startswith("What changed in the 7 days to 8 Dec 2024")]
    assert exp and not exp[0].markdown  # closed: built only when opened
    at.session_state["changes_open"] = True  # the reader opens it
    run(at)
    exp = [e for e in at.expander if e.label.startswith("What changed in the 7 days to 8 Dec 2024")]
    assert exp, [e.label for e in at.expander]
    text = "\n".join(m.value for m in exp[0].markdown)
    days = re.findall(r"\*\*(\d+ \w+ 2024)\*\*", unescape(text))
    # newest first
    assert days and days == sorted(days, key=lambda d: dt.datetime.strptime(d, "%d %b %Y"), reverse=True)
    assert days[0] == "8 Dec 2024" and days[-1] == "2 Dec 2024"
    assert "Damascus" in unescape(text) and "#:~:text=" in text


# ---------------------------------------------------------------- bad data


def _bundled_rows() -> tuple[list[str], list[dict]]:
    with open(ROOT / "events.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(path: Path, columns, rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _assert_stopped_with(at: AppTest, *expected: str):
    assert len(at.error) == 1
    text = unescape(at.error[0].value)
    for e in expected:
        assert e in text, text
    assert not at.slider and not at.dataframe and not at.button
    assert "who controls what" in at.title[0].value


def test_bad_events_file_shows_file_and_line(tmp_path, monkeypatch):
    columns, rows = _bundled_rows()
    bad_date = dict(rows[3], date="2024-13-45")
    bad_place = dict(rows[4], place="Atlantis")
    ev = _write(tmp_path / "events.csv", columns, [rows[0], bad_date, bad_place])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    monkeypatch.setenv("DASHBOARD_PLACES", str(ROOT / "geodata" / "places.csv"))
    at = run(app())
    _assert_stopped_with(at, "2 problem(s)",
                         f"{ev}:3: date '2024-13-45' is not a valid date",
                         f"{ev}:4: unknown place (add it to the places file first): 'Atlantis'")


def test_bad_data_with_copied_places_and_actors(tmp_path, monkeypatch):
    columns, rows = _bundled_rows()
    geo = tmp_path / "geodata"
    geo.mkdir()
    for name in ("places.csv", "actors.csv"):
        (geo / name).write_bytes((ROOT / "geodata" / name).read_bytes())
    ev = _write(tmp_path / "events.csv", columns, [dict(rows[0], actor="Nobody")])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    monkeypatch.setenv("DASHBOARD_PLACES", str(geo / "places.csv"))
    at = run(app())
    _assert_stopped_with(at, f"{ev}:2: unknown actor: 'Nobody'")


def test_alias_hint_in_error(tmp_path, monkeypatch):
    columns, rows = _bundled_rows()
    ev = _write(tmp_path / "events.csv", columns, [dict(rows[0], actor="Hayat Tahrir al-Sham")])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app())
    _assert_stopped_with(at, f"{ev}:2: unknown actor: 'Hayat Tahrir al-Sham' (did you mean 'HTS'?)")


@pytest.mark.parametrize("content, expected", [
    (b"", ":1: file is empty"),
    (b"\n\n", ":1: file is empty"),
    ("header,only\n".encode(), ":1: missing required column(s)"),
    (b"id,date\n" + "caf\u00e9".encode("latin-1") + b",2024\n", ":2: not UTF-8 text (byte 0xe9"),
])
def test_unreadable_events_file(tmp_path, monkeypatch, content, expected):
    ev = tmp_path / "events.csv"
    ev.write_bytes(content)
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app())
    _assert_stopped_with(at, f"{ev}{expected}")


def test_header_only_events_file(tmp_path, monkeypatch):
    columns, _ = _bundled_rows()
    ev = _write(tmp_path / "events.csv", columns, [])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app())
    _assert_stopped_with(at, f"{ev}:1: no data rows")


def test_missing_events_file(tmp_path, monkeypatch):
    ev = tmp_path / "nowhere.csv"
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app())
    _assert_stopped_with(at, f"{ev}:0: file not found")


def test_fixed_file_is_picked_up(tmp_path, monkeypatch):
    """The cache is keyed on the files' signature: fixing the file and
    reloading shows the map without clearing anything by hand."""
    columns, rows = _bundled_rows()
    ev = _write(tmp_path / "events.csv", columns, [dict(rows[0], place="Atlantis")])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app())
    assert at.error
    _write(ev, columns, rows[:2])
    at = run(app())
    assert not at.error
    assert set(table(at)) == {"Idlib"}


def test_a_changed_file_is_read_on_the_next_date_change(tmp_path, monkeypatch):
    """A date change reruns only the view, which still notices that a data
    file changed and has the whole page read it again."""
    columns, rows = _bundled_rows()
    ev = _write(tmp_path / "events.csv", columns, rows[:2])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app(date="2024-12-10"))
    assert set(table(at)) == {"Idlib"}
    _write(ev, columns, rows[:2] + [dict(rows[0], id="new-1", place="Aleppo")])
    os.utime(ev, ns=(time.time_ns(), time.time_ns() + 10**9))  # (a later mtime even on a coarse clock)
    at.slider(key="date").set_value(dt.date(2024, 12, 11))
    view_rerun(at)
    assert TITLE in page_text(at)  # the whole page ran
    assert set(table(at)) == {"Idlib", "Aleppo"}


def test_a_changed_parties_table_is_read_on_the_next_date_change(tmp_path, monkeypatch):
    """parties.csv decides whose word a claim is: editing it is noticed like the other files."""
    import shutil

    places = tmp_path / "places.csv"
    shutil.copy(ROOT / "geodata" / "places.csv", places)
    shutil.copy(ROOT / "geodata" / "actors.csv", tmp_path / "actors.csv")
    parties = tmp_path / "parties.csv"
    shutil.copy(ROOT / "geodata" / "parties.csv", parties)
    monkeypatch.setenv("DASHBOARD_PLACES", str(places))
    at = run(app(date="2024-12-10", place="Hama"))
    assert "Syrian army says" in page_text(at)  # the army's 8 Dec line, a party's word, beside the holder
    # the editor now files the army as a monitor (not a party): its line is read as independent reporting
    before = parties.read_text(encoding="utf-8")
    text = before.replace(",Syrian government,party,The Assad government's armed forces",
                          ",,monitor,The Assad government's armed forces")
    assert text != before
    parties.write_text(text, encoding="utf-8")
    os.utime(parties, ns=(time.time_ns(), time.time_ns() + 10**9))
    at.slider(key="date").set_value(dt.date(2024, 12, 11))
    view_rerun(at)
    assert TITLE in page_text(at)  # the whole page ran
    assert "Syrian army says" not in page_text(at)


def test_a_data_set_replaced_by_a_newer_one_is_freed(tmp_path, monkeypatch):
    """The app leaves what it loaded out of Streamlit's collections after each
    run (gc.freeze); data sets it no longer holds must still be freed."""
    import gc
    import weakref

    from dashboard.core import store

    loaded = []
    real_load = store.load

    def load(*args, **kwargs):  # every data set the app loads, held weakly
        ds = real_load(*args, **kwargs)
        loaded.append(weakref.ref(ds))
        return ds

    monkeypatch.setattr(store, "load", load)
    columns, rows = _bundled_rows()
    ev = _write(tmp_path / "events.csv", columns, rows)
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    run(app(date="2024-12-10"))
    at = run(app(date="2024-12-10"))  # a second session on the same data
    for k in range(3):
        os.utime(ev, ns=(time.time_ns(), time.time_ns() + (k + 1) * 10**9))
        run(at)
    assert len(loaded) == 4  # the first load, then one per change of the file
    gc.collect()
    # all but the last two are gone: the one just replaced is still held by the run that
    # replaced it when the load freezes, and goes at the next reload (so memory stays bounded)
    assert [r() is None for r in loaded] == [True, True, False, False]


def test_many_problems_are_capped(tmp_path, monkeypatch):
    columns, rows = _bundled_rows()
    ev = _write(tmp_path / "events.csv", columns, [dict(rows[0], id=f"x{i}", place=f"Nowhere {i}")
                                                   for i in range(150)])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    at = run(app())
    text = unescape(at.error[0].value)
    assert "150 problem(s)" in text
    assert f"{ev}:101:" in text and f"{ev}:102:" not in text
    assert text.rstrip().endswith("…")


# ---------------------------------------------------------- hostile strings

EVIL_PLACE = "Evil <b>bold</b> [x](javascript:alert(1)) $x$"
EVIL_ACTOR = "Act*or* <i>i</i> :red[red] _u_"
EVIL_SOURCE = "Src **b** [s](javascript:alert(4)) #h"
EVIL_QUOTE = ("He said [click](javascript:alert(2)) <img src=x onerror=alert(3)> $$\\int$$ :red[red]\n"
              "# not a heading\n> not a quote\n1. not a list | a | b")
EVIL_URL = "https://example.org/report_(1)?q=<a>&r=1"


def _hostile_dataset(tmp_path) -> tuple[Path, Path]:
    geo = tmp_path / "geodata"
    _write(geo / "actors.csv", ["name", "parent", "aliases", "colour", "description"], [
        {"name": "Syrian government", "parent": "", "aliases": "", "colour": "#D55E00", "description": ""},
        {"name": EVIL_ACTOR, "parent": "", "aliases": "", "colour": "#009E73", "description": "<script>x</script>"},
    ])
    places = _write(geo / "places.csv", ["name", "kind", "lat", "lon", "aliases", "coord_source", "coord_ref",
                                         "coord_note"], [
        {"name": EVIL_PLACE, "kind": "<b>city</b>", "lat": "36.2", "lon": "37.16", "aliases": "",
         "coord_source": "manual", "coord_ref": "", "coord_note": "[n](javascript:alert(5))"},
        {"name": "Plain", "kind": "town", "lat": "36.4", "lon": "37.0", "aliases": "",
         "coord_source": "geonames", "coord_ref": "", "coord_note": ""},
    ])
    columns, _ = _bundled_rows()
    base = {"id": "", "date_end": "", "date_precision": "day", "event": "took", "previous_actor": "",
            "claimed_by": "", "source_name": EVIL_SOURCE, "source_url": EVIL_URL, "published": "2024-12-04",
            "quote": EVIL_QUOTE, "quote_type": "verbatim", "notes": "<u>note</u> [n](javascript:alert(6))"}
    rows = [
        dict(base, id="e1", date="2024-11-01", place=EVIL_PLACE, actor="Syrian government", status="controlled"),
        dict(base, id="e2", date="2024-11-30", place=EVIL_PLACE, actor=EVIL_ACTOR, status="controlled",
             claimed_by="[c](javascript:alert(7))"),
        dict(base, id="e3", date="2024-11-30", place=EVIL_PLACE, actor="Syrian government", status="controlled",
             source_name="Other *source*", source_url="https://example.com/other", quote="Still held."),
        dict(base, id="e4", date="2024-12-01", place="Plain", actor=EVIL_ACTOR, status="contested"),
        dict(base, id="e5", date="2024-11", date_precision="month", place=EVIL_PLACE, actor=EVIL_ACTOR,
             status="controlled", source_url="https://example.net/third",
             source_name="Third"),
    ]
    ev = _write(tmp_path / "events.csv", columns, rows)
    return ev, places


def _unescaped_parts(s: str) -> str:
    """The markdown with every backslash-escaped character removed: what is
    left is what markdown would interpret."""
    return re.sub(r"\\.", "", s, flags=re.S)


def test_hostile_strings_are_escaped(tmp_path, monkeypatch):
    ev, places = _hostile_dataset(tmp_path)
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    monkeypatch.setenv("DASHBOARD_PLACES", str(places))
    at = run(app(place=EVIL_PLACE, date="2024-12-01"))
    assert not at.error
    # no warning (no bad link); e2's side note (an unknown speaker is a party) is shown, escaped
    assert not at.warning
    notes = [unescape(i.value) for i in at.info if unescape(i.value).startswith("A party's claim: ")]
    assert len(notes) == 1
    assert at.selectbox(key="place").value == EVIL_PLACE
    assert set(table(at)) == {EVIL_PLACE, "Plain"}

    all_text = texts(at)
    joined = "\n".join(all_text)
    # the hostile strings are there, escaped
    assert views.md_escape(EVIL_PLACE) in joined
    assert "Evil \\<b\\>bold\\</b\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\$x\\$" in joined
    assert views.md_escape(EVIL_ACTOR) in joined
    assert "\\[click\\]\\(javascript\\:alert\\(2\\)\\)" in joined
    assert "\\[s\\]\\(javascript\\:alert\\(4\\)\\)" in joined
    assert "\\[c\\]\\(javascript\\:alert\\(7\\)\\)" in joined
    assert "report_%281%29?q=%3Ca%3E" in joined  # the link itself is encoded
    assert EVIL_PLACE in page_text(at) and EVIL_QUOTE.split("\n")[0] in page_text(at)
    # the place panel rendered: state, history, disagreement
    # (e5, dated Nov 2024, and e3 disagree on 30 Nov, so it is contested; e2 is a party's word beside it)
    assert any(unescape(s.value) == f"{EVIL_PLACE}: contested between {EVIL_ACTOR} and Syrian government"
               for s in at.subheader)
    assert any("who controls" in unescape(m.value) for m in at.markdown)  # the disagreement card

    for t in all_text:
        assert "[x](javascript:" not in t and "](javascript:" not in t
        live = _unescaped_parts(t)
        assert "javascript:" not in live, t
        for bad in ("<", ">\n", "$", ":red[", "*b*", "_u_"):
            assert bad not in live, (bad, t)
        # any link left is an http(s) one
        for m in re.finditer(r"\]\(", live):
            assert live[m.end():].startswith("http"), t


def test_hostile_strings_in_error_messages(tmp_path, monkeypatch):
    ev, places = _hostile_dataset(tmp_path)
    columns, _ = _bundled_rows()
    _write(ev, columns, [{"date": "2024-11-01", "date_precision": "day", "place": "[p](javascript:alert(1)) <b>",
                          "actor": "$x$", "status": "controlled", "source_name": "s",
                          "source_url": "javascript:alert(2)", "published": "2024-12-04", "quote": "q"}])
    monkeypatch.setenv("DASHBOARD_EVENTS", str(ev))
    monkeypatch.setenv("DASHBOARD_PLACES", str(places))
    at = run(app())
    _assert_stopped_with(at, "unknown place", "unknown actor", "source_url")
    live = _unescaped_parts(at.error[0].value)
    assert "javascript:" not in live and "<" not in live and "$" not in live
    assert "](" not in live


def test_url_warnings_stay_until_the_view_changes():
    at = run(app(date="2030-01-01", place="Atlantis"))
    assert len(at.warning) == 2
    run(at)  # a rerun that changes nothing (as a map component's first message does)
    assert len(at.warning) == 2
    at.slider(key="date").set_value(dt.date(2024, 11, 30))
    run(at)
    assert not at.warning
    at.slider(key="date").set_value(LAST)  # back to the view the link gave: the warnings are history
    run(at)
    assert not at.warning
    assert at.slider(key="date").value == LAST


def test_with_many_places_the_table_waits_until_opened(tmp_path, monkeypatch):
    from dashboard.bench import synth

    synth.synthesize(1200, 3000, tmp_path, seed=3)
    monkeypatch.setenv("DASHBOARD_EVENTS", str(tmp_path / "events.csv"))
    monkeypatch.setenv("DASHBOARD_PLACES", str(tmp_path / "places.csv"))
    at = run(app())
    assert [e.label for e in at.expander if e.label.startswith("Places as of")]
    assert not at.dataframe  # closed: nothing built, nothing sent on a date change
    at.session_state["table_open"] = True  # what opening it sends
    at = run(at)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 1000


def test_as_known_then_shows_only_what_was_published_by_the_day():
    at = run(app(date="2024-11-29"))
    now = table(at)
    at.toggle(key="known_then").set_value(True)
    run(at)
    then = table(at)
    ds = load_dataset()
    expect = control.state_at(known_then(ds, dt.date(2024, 11, 29)), dt.date(2024, 11, 29))
    assert set(then) == set(expect["place"]) and len(then) < len(now)
    assert any("As known then" in i.value for i in at.info)
    at.toggle(key="known_then").set_value(False)
    run(at)
    assert table(at) == now


def test_an_arabic_quote_reads_right_to_left_beside_english_names():
    at = run(app(date="2024-12-08", place="Hasakah security square"))
    rtl = [m.value for m in at.markdown if 'dir="rtl"' in m.value]
    assert rtl and all("<script" not in v for v in rtl)
    assert any("Hasakah security square" in s.value for s in at.subheader)  # the English name beside it


def test_as_known_then_travels_in_the_link():
    at = run(app(date="2024-11-29", known="then"))
    assert at.toggle(key="known_then").value is True and not at.warning
    assert at.query_params["known"] == "then"
    at.toggle(key="known_then").set_value(False)
    run(at)
    assert "known" not in at.query_params
    bad = run(app(date="2024-11-29", known="maybe"))
    assert any("Ignored known" in w.value for w in bad.warning) and bad.toggle(key="known_then").value is False


def test_a_place_with_only_a_report_around_it_says_so_in_its_panel():
    ds = load_dataset()
    state = wording.in_words(control.state_at(ds, "2024-12-03", include_unreported=True)).set_index("place")
    place = next(p for p, r in state.iterrows() if r["status"] == "unreported" and r["side_note"])
    at = run(app(date="2024-12-03", place=place))
    assert any("Beside it: " in unescape(i.value) and unescape(i.value).endswith(state.loc[place, "side_note"])
               for i in at.info)
