"""The map page (the app's default page; ``streamlit run dashboard/app.py``).

Only layout lives here: each part of the view is drawn by one function, and
``_draw_view`` lays them out; the place's panel is dashboard.ui.place_panel, the
loading dashboard.ui.page_setup. The logic is in dashboard.ui.views (what to show
and to write into the address), dashboard.core.control, dashboard.map.mapview and
dashboard.exports, which import no streamlit.

What depends on the date (the map, the date controls, the place's panel, the
table, the downloads and the URL) is one fragment, ``view``: moving the date,
stepping, a tick of play or choosing a place reruns only that fragment, not the
loading, the navigation, the sidebar's filters or the place box (its own
fragment, ``place``, rerun with the view when a marker is clicked). A filter
change, play and pause rerun the whole page.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError
from streamlit_folium import st_folium

from dashboard.core import control
from dashboard.core.dates import to_day
from dashboard.exports import records as export
from dashboard.map import mapview, wording
from dashboard.ui import page_setup, place_panel, views
from dashboard.ui.assets import ASSET_BASE

ds, SIGNATURE = page_setup.dataset_or_stop()  # (SIGNATURE: the data files as this run read them)
LO, HI = views.date_range(ds)
FOCUS = views.focus_range(ds)
TABLE_ROWS = 1000  # rows sent to the browser; the CSV download has them all
KEEP = "session"  # the view's widgets keep their values while the reader is on another page
PERIODS = {"focus": f"{views.day_text(FOCUS[0], year=False)} – {views.day_text(FOCUS[1])}", "all": f"All reports ({LO.year}–{HI.year})"}
if FOCUS == (LO, HI):
    PERIODS = {"all": f"{views.day_text(LO)} – {views.day_text(HI)}"}

# Quotes travel with the markers only while there are few places; with many,
# the panel shows them for the selected place (and downloads fetch them).
DETAIL = len(ds.places) <= mapview.DETAIL_THRESHOLD


def _restore_view_from_url() -> None:
    """The first run of a session: the view the URL names (what was wrong with it, to show)."""
    view = views.parse_view(st.query_params.to_dict() | {"actor": st.query_params.get_all("actor")}, ds)
    st.session_state["_view_loaded"] = True
    st.session_state["_warnings"] = view.warnings
    st.session_state["date"] = view.date
    st.session_state["period"] = "focus" if "focus" in PERIODS and FOCUS[0] <= view.date <= FOCUS[1] else "all"
    st.session_state["actors"] = view.actors
    st.session_state["place"] = view.place or ""
    st.session_state["tiles"] = view.tiles
    st.session_state["known_then"] = view.known_then
    st.session_state["stale_days"] = control.STALE_DAYS
    # the map's first view stays the same for the session (a new one would redraw the map)
    st.session_state["_map_view"] = (view.center + (view.zoom,)) if view.zoom is not None else None
    st.session_state["_open_place"] = view.place or ""
    st.session_state["_arrival"] = (view.date, tuple(view.actors), view.place or "")


if "_view_loaded" not in st.session_state:
    _restore_view_from_url()


def _bounds() -> tuple:
    return FOCUS if st.session_state.get("period") == "focus" else (LO, HI)


def _set_date(day) -> None:
    lo, hi = _bounds()
    if not lo <= day <= hi:  # a step out of the opening period widens the control to all reports
        st.session_state["period"] = "all"
    st.session_state["date"] = min(max(day, LO), HI)


def _step_action() -> None:
    """The step buttons: a day back or forward, the previous or next change, play."""
    action = st.session_state.get("step")
    st.session_state["step"] = None  # a button group, not a choice that stays
    st.session_state["_step_msg"] = ""
    date = st.session_state["date"]
    st.session_state["_step_msg_date"] = date
    if action in views.STEPS:
        target, st.session_state["_step_msg"] = views.step_target(ds, action, date)
        if target is not None:
            _set_date(target)
    elif action == "play":
        playing = not st.session_state.get("playing", False)
        st.session_state["playing"] = playing
        if playing and date >= _bounds()[1]:
            st.session_state["date"] = _bounds()[0]  # play from the start of the period
        st.session_state["_last_tick"] = time.monotonic()
        st.rerun()  # the whole page: the view's timer starts or stops with it


def _on_period() -> None:
    lo, hi = _bounds()
    st.session_state["date"] = min(max(st.session_state["date"], lo), hi)


def _on_map_click() -> None:
    place = views.clicked_place(st.session_state.get("map"), views.place_box(ds)[2])
    if place:
        st.session_state["place"] = place
        st.rerun(["view", "place"])  # the place box shows the marker's place


def _on_place() -> None:
    st.rerun("view")  # the panel follows the box (which already shows the choice)


def _sidebar():
    """The filters (they rerun the whole page) and the notes on the data; returns the
    box the view fills with its downloads (their file names carry the date)."""
    st.header("Filter")
    st.multiselect("Actors", options=list(ds.actors["name"]), key="actors", persist_state=KEEP, select_all=False,
                   help="Show places held or contested by these actors (a group includes its parts: Rebels includes HTS and SNA).")
    st.toggle("Background map tiles (online)", key="tiles", persist_state=KEEP,
              help="Borders, coast, rivers and governorates draw without a network; tiles need one.")
    st.toggle("As known then", key="known_then", persist_state=KEEP,
              help="Show each day as the reports published by that day described it, instead of as we now know it.")
    st.number_input("Fade places whose latest report is older than (days)", min_value=1, max_value=3650,
                    key="stale_days", step=1, persist_state=KEEP)
    st.header("Download this view")
    downloads = st.container()
    st.caption(f"Data: {len(ds.events)} claims, {len(ds.places)} places, {LO} to {HI}. "
               "Geography: Natural Earth (public domain).")
    for note in wording.attribution_warnings(ds):  # whose word the claims are read as, when the tables do not say
        st.caption(views.md_escape(note))
    return downloads


# On a phone: less space above the title, a smaller title and no subtitle, so the map and the day steps under it fit the
# first screen. On a laptop: narrower margins than Streamlit's wide layout, so the map gets the width
# (static CSS, no data in it).
_CSS = ("<style>@media (max-width: 640px) {"
        " [data-testid='stMainBlockContainer'] { padding-top: 3.75rem; }"
        " .st-key-subtitle { display: none; }"
        " .st-key-title h3 { font-size: 1.15rem; line-height: 1.3; padding: 0 0 0.25rem 0; } }"
        "@media (min-width: 641px) {"
        " [data-testid='stMainBlockContainer'] { padding: 3rem 1.5rem 2rem 1.5rem; } }</style>")


def _title() -> None:
    """The title and what every marker is; the page's own CSS."""
    with st.container(key="title"):
        st.markdown(f"### {views.md_escape(page_setup.TITLE)}")
    with st.container(key="subtitle"):  # (left out on a phone, where the map and its day steps come first)
        st.caption("Every marker is a claim from a named report, with its verbatim quote. "
                   "Dates are shown as precisely as the reports give them.")
    st.html(_CSS)


with st.sidebar:
    downloads = _sidebar()
_title()  # what depends on the date is the fragment below

# ---- the layout: the map (first on a phone) beside the place; what was wrong with a link above them
warnings_box = st.container()
c_map, c_info = st.columns([2, 1])  # the map the larger share (the panel keeps about 340 px)


@st.fragment(key="place")
def _place_box() -> None:
    """The place box, on its own: sent again on every date change, its 5,000
    names kept the browser re-rendering it (a move took about 200 ms, 120 without)."""
    options, labels, names = views.place_box(ds)
    if st.session_state.get("place") not in names:
        st.session_state["place"] = ""
    st.selectbox("Place", options, key="place", format_func=labels.get, on_change=_on_place, persist_state=KEEP,
                 help="Type a name or another spelling (Halab, Tall Rif'at, Sweida…).")


with c_info:
    _place_box()


def _tick() -> None:
    """Play: a day further once a second, until the end of the period (then the
    whole page, which stops the view's timer)."""
    now = time.monotonic()
    if now - st.session_state.get("_last_tick", 0.0) < 0.9:
        return
    st.session_state["_last_tick"] = now
    day, end = st.session_state["date"], _bounds()[1]
    if day >= end:
        st.session_state["playing"] = False
        st.rerun()
    st.session_state["date"] = day + dt.timedelta(days=1)


def _kept_expander(label: str, key: str, default: bool):
    """An expander that stays open or closed as the reader left it while its
    label (which carries the date) changes: Streamlit takes a new label for a
    new expander, which would start at ``default`` again."""
    box = st.expander(label, key=key, expanded=st.session_state.get("_was_" + key, default), on_change="rerun")
    st.session_state["_was_" + key] = box.open
    return box


# ---- the view's parts, each drawn by one function; _draw_view lays them out


def _follow_files_and_play() -> None:
    """A data file changed since the page was drawn: the whole page reads it. Playing: a tick."""
    if page_setup.data_signature() != SIGNATURE:
        st.rerun()
    if st.session_state.get("playing"):
        _tick()


def _forget_the_link_once_moved() -> None:
    """What was wrong with the link stays on screen until the reader changes the view."""
    if st.session_state.get("_arrival") != (st.session_state["date"], tuple(st.session_state["actors"]),
                                            st.session_state["place"]):
        st.session_state["_warnings"], st.session_state["_arrival"] = [], None
        st.session_state["_open_place"] = ""


def _warnings(known_then_info: str) -> None:
    """Above the map: what was wrong with the link, and what "as known then" shows."""
    st.empty()  # (written on every run: the view may clear the warnings later)
    for w in st.session_state.get("_warnings", []):
        st.warning(views.md_escape(w))
    if known_then_info:
        st.info(known_then_info)


def _map(state, date: dt.date, actors: list[str], stale_days: int, then: bool) -> None:
    """The map. The markers stay on the page from one date to the next: the whole
    layer at first, when the filter or the map changes, or when the page asks for it
    (mounted anew); otherwise only the places whose drawing changed.
    DASHBOARD_FULL_LAYER=1 sends the whole layer every time (the baseline that
    `python -m dashboard bench-browser --baseline` compares with)."""
    tiles = "OpenStreetMap" if st.session_state["tiles"] else "none"
    layer, sync, _ = mapview.marker_update(
        state, ds.actors, views.place_ids(ds), to_day(date),
        mapview.layer_token(id(ds), len(ds.places), tuple(actors), DETAIL, tiles, st.session_state["_map_view"], stale_days,
                            then),
        before=st.session_state.get("_map_sync"), detail=DETAIL, stale_days=stale_days,
        # (the place in the panel, ringed on the map: no popup in the app, see dashboard-map.js)
        open_place=st.session_state.get("place") or st.session_state["_open_place"] or None,
        resync=mapview.resync_request(st.session_state.get("map")),
        full=os.environ.get("DASHBOARD_FULL_LAYER") == "1")
    st_folium(
        mapview.base_map(ds, asset_base=ASSET_BASE, tiles=tiles, view=st.session_state["_map_view"],
                         stale_days=stale_days),
        feature_group_to_add=layer,
        returned_objects=["last_active_drawing"],
        key="map",
        on_change=_on_map_click,
        height=520,
        use_container_width=True,
    )
    st.session_state["_map_sync"] = sync  # (once sent: an interrupted run sends nothing)


def _date_controls(date: dt.date) -> None:
    """The day steps right under the map (on a phone: on the first screen), the period and the date."""
    steps = {"change_back": ":material/first_page: change", "day_back": ":material/chevron_left: day",
             "play": ":material/pause: pause" if st.session_state.get("playing") else ":material/play_arrow: play",
             "day_fwd": "day :material/chevron_right:", "change_fwd": "change :material/last_page:"}
    st.segmented_control("Step", options=list(steps), format_func=steps.get, key="step",
                         on_change=_step_action, label_visibility="collapsed", wrap=True,
                         help="The previous or next change of control; a day back or forward; play day by day.")
    if len(PERIODS) > 1:
        st.segmented_control("Period", options=list(PERIODS), format_func=PERIODS.get, key="period", persist_state=KEEP,
                             on_change=_on_period, label_visibility="collapsed", required=True, wrap=True,
                             help="The days where the reports are dense, or every report in the data.")
    lo, hi = _bounds()
    st.slider(f"Control as of {views.day_text(date, long=True)}", min_value=lo, max_value=hi, key="date", format="YYYY-MM-DD",
              persist_state=KEEP)
    if st.session_state.get("_step_msg") and st.session_state.get("_step_msg_date") == date:
        st.info(views.md_escape(st.session_state["_step_msg"]))  # (until the date is moved)


def _recent_changes(claims, date: dt.date) -> None:
    """What changed in the 7 days to the date: the list is built only while it is
    open (a closed one costs the page nothing)."""
    start, end = views.week_to(date, LO)
    n_recent = control.count_real_changes(claims, start, end)
    changes = _kept_expander(f"What changed in the 7 days to {views.day_text(date)} ({n_recent})", "changes_open", False)
    if not changes.open:
        return
    recent = control.real_changes(claims, start, end, limit=50)
    with changes:
        if recent.empty:
            st.caption("No change of control in these days; restated statuses are not listed.")
        if n_recent > len(recent):
            st.caption(f"The latest {len(recent)} of {n_recent}.")
        st.markdown("\n\n".join(
            views.change_markdown(r, mapview.text_fragment_url(r["source_url"], r["quote"]))
            for r in reversed(recent.to_dict("records"))))  # newest first


def _places_table(reported, date: dt.date) -> None:
    """The places with a report (colour is never the only carrier). Open at first for a
    small data set; with many places it is built only while open (a closed one sends
    the browser nothing on a date change)."""
    box = _kept_expander(f"Places as of {views.day_text(date)} ({len(reported):,} with a report)", "table_open",
                         DETAIL)
    if not box.open:
        return
    with box:
        table, note = views.places_table(reported, TABLE_ROWS)
        if note:
            st.caption(note)
        st.dataframe(table, hide_index=True, width="stretch")


def _downloads(claims, date: dt.date, actors: list[str], stale_days: int) -> None:
    """This view, all of its places, with their quotes (made when the reader asks)."""
    stem = views.download_stem(date, actors)

    def full_view():
        return views.with_report(control.state_at(claims, date, actors=actors or None, stale_days=stale_days))

    st.download_button("CSV", data=lambda: export.to_csv(full_view()), file_name=f"{stem}.csv", mime="text/csv",
                       on_click="ignore", key="dl_csv")
    st.download_button("GeoJSON", data=lambda: export.to_geojson(full_view()), file_name=f"{stem}.geojson",
                       mime="application/geo+json", on_click="ignore", key="dl_geojson")


def _keep_the_address_in_step(date: dt.date, actors: list[str]) -> None:
    """The URL says the view, so that it can be shared. This is the address bar's
    one writer on the server; the map's script writes only the map's view (zoom
    and centre) once the reader moves the map, which the server never hears of
    (a rerun on every pan would cost the page): see ``syncView`` in dashboard-map.js."""
    view = views.View(date=date, actors=actors, place=st.session_state.get("place") or None,
                      tiles=st.session_state["tiles"], known_then=bool(st.session_state.get("known_then")))
    if st.session_state["_map_view"] is not None:  # the link's view, until the reader moves the map
        view.center, view.zoom = st.session_state["_map_view"][:2], st.session_state["_map_view"][2]
    params = views.query_update({k: st.query_params.get_all(k) for k in st.query_params}, views.view_params(view))
    if params is not None:
        st.query_params.from_dict(params)


def _draw_view() -> None:
    _follow_files_and_play()
    _forget_the_link_once_moved()
    date: dt.date = st.session_state["date"]
    actors: list[str] = st.session_state["actors"]
    stale_days = int(st.session_state.get("stale_days") or control.STALE_DAYS)
    then = bool(st.session_state.get("known_then"))  # the claims of the reports published by the day
    day = views.day_view(ds, date, actors, as_known_then=then, detail=DETAIL, stale_days=stale_days)
    with warnings_box:
        _warnings(views.known_then_info(day.note, day.claims, date) if then else "")
    with c_map:  # the map, the date controls under it; the place's panel beside it (under its box)
        _map(day.state, date, actors, stale_days, then)
        _date_controls(date)
        _recent_changes(day.claims, date)
    with c_info:
        place_panel.draw(day.claims, day.state, st.session_state.get("place") or "", date, stale_days)
    _places_table(views.with_report(day.state), date)
    with downloads:
        _downloads(day.claims, date, actors, stale_days)
    _keep_the_address_in_step(date, actors)


@st.fragment(key="view", run_every=1.0 if st.session_state.get("playing") else None)
def _view() -> None:
    try:
        _draw_view()
    except StreamlitInvalidLayoutContextError:
        # The page's containers are from a whole run that a newer request cut short
        # before it reached the view (Streamlit then has no place for the view's
        # writes into them): draw the whole page again.
        st.rerun()


_view()
