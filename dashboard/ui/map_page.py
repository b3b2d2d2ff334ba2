"""The map page (the app's default page; ``streamlit run dashboard/app.py``).

Only layout lives here; the logic is in dashboard.core.data / control / mapview /
views / export, which import no streamlit.

What depends on the date (the map, the date controls, the place's panel, the
table, the downloads and the URL) is one fragment, ``view``: moving the date,
stepping, a tick of play or choosing a place reruns only that fragment, not the
loading, the navigation, the sidebar's filters or the place box (its own
fragment, ``place``, rerun with the view when a marker is clicked). A filter
change, play and pause rerun the whole page.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path

# Started as a script from the repository root (as on Community Cloud) the
# package is not on sys.path yet.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402
from streamlit.errors import StreamlitInvalidLayoutContextError  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard.core import attribution, control, store
from dashboard.exports import records as export
from dashboard.map import mapview, wording
from dashboard.ui import views# noqa: E402
from dashboard.core.known_then import KNOWN_THEN_MAX_CLAIMS, NOTHING_KNOWN, known_then  # noqa: E402
from dashboard.ui.assets import ASSET_BASE  # noqa: E402
from dashboard.core.data import DataError, parties_path, resolve_paths  # noqa: E402
from dashboard.core.dates import to_day  # noqa: E402

st.set_page_config(page_title="Syria, late 2024: who controls what, says who", layout="wide")


def _signature() -> tuple:
    sig = []
    paths = resolve_paths()
    for p in (*paths, parties_path(paths[1])):  # (parties.csv decides whose word each claim is)
        try:
            s = p.stat()
            sig.append((str(p), s.st_mtime_ns, s.st_size))
        except OSError:
            sig.append((str(p), None, None))
    return tuple(sig)


@st.cache_resource(show_spinner=False, max_entries=1)  # one data set in memory: the files as they are now
def load(signature: tuple, _progress=None):
    paths = [s[0] for s in signature]
    try:
        ds = store.load(*paths, progress=_progress)
    except DataError as err:
        return None, [str(p) for p in err.problems]
    # Streamlit collects garbage after every run (runner.postScriptGC), and a full
    # collection walks every object there is: the modules and the data set, 25-60 ms
    # on this machine, holding up the messages of the run. What is loaded now stays:
    # leave it out of those collections. Frozen objects are never collected, so a
    # reload first thaws what the last one froze: whatever nothing holds any more is
    # freed, and the rest frozen again (the data set being replaced is still held by
    # the run replacing it, and goes at the next reload: at most two stay).
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return ds, []


# A progress bar while the data is read and checked (nothing when it is in memory); drawn in the
# script's own context, so that the cache does not record it for replay.
_loading, _script_context = st.empty(), contextvars.copy_context()
SIGNATURE = _signature()  # the data files as this run read them
ds, problems = load(SIGNATURE, _progress=lambda f, m: _script_context.run(
    _loading.progress, min(max(float(f), 0.0), 1.0), text=m))
_loading.empty()
TITLE = "Syria, late 2024: who controls what, says who"
if ds is None:
    st.title(TITLE)
    shown = problems[:100]
    st.error(f"The data files have {len(problems)} problem(s); fix them and reload.  \n"
             + "  \n".join(views.md_escape(p) for p in shown)
             + ("  \n…" if len(problems) > len(shown) else ""))
    st.stop()

LO, HI = views.date_range(ds)
FOCUS = views.focus_range(ds)
TABLE_ROWS = 1000  # rows sent to the browser; the CSV download has them all
KEEP = "session"  # the view's widgets keep their values while the reader is on another page
PERIODS = {"focus": f"{views.day_text(FOCUS[0], year=False)} – {views.day_text(FOCUS[1])}", "all": f"All reports ({LO.year}–{HI.year})"}
if FOCUS == (LO, HI):
    PERIODS = {"all": f"{views.day_text(LO)} – {views.day_text(HI)}"}

# ---- first run of a session: restore the view from the URL
if "_view_loaded" not in st.session_state:
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
    if action in ("day_back", "day_fwd"):
        target = date + dt.timedelta(days=-1 if action == "day_back" else 1)
        if LO <= target <= HI:
            _set_date(target)
        else:
            st.session_state["_step_msg"] = f"The data starts on {views.day_text(LO)}." if target < LO \
                else f"The data ends on {views.day_text(HI)}."
    elif action in ("change_back", "change_fwd"):
        direction = -1 if action == "change_back" else 1
        target = control.step_change(ds, date, direction)
        if target is None:
            st.session_state["_step_msg"] = (f"No change of control before {views.day_text(date)} in the data."
                                             if direction < 0 else f"No change of control after {views.day_text(date)} in the data.")
        else:
            _set_date(target.date())
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


# ---- the sidebar: the filters rerun the whole page
with st.sidebar:
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
    downloads = st.container()  # filled by the view (its file names carry the date)
    st.caption(f"Data: {len(ds.events)} claims, {len(ds.places)} places, {LO} to {HI}. "
               "Geography: Natural Earth (public domain).")
    for note in attribution.warnings(ds):  # whose word the claims are read as, when the tables do not say
        st.caption(views.md_escape(note))


# ---- the title; what depends on the date is the fragment below
with st.container(key="title"):
    st.markdown(f"### {views.md_escape(TITLE)}")
with st.container(key="subtitle"):  # (left out on a phone, where the map and its day steps come first)
    st.caption("Every marker is a claim from a named report, with its verbatim quote. "
               "Dates are shown as precisely as the reports give them.")
# On a phone: less space above the title, a smaller title and no subtitle, so the map and the day steps under it fit the
# first screen. On a laptop: narrower margins than Streamlit's wide layout, so the map gets the width
# (static CSS, no data in it).
st.html("<style>@media (max-width: 640px) {"
        " [data-testid='stMainBlockContainer'] { padding-top: 3.75rem; }"
        " .st-key-subtitle { display: none; }"
        " .st-key-title h3 { font-size: 1.15rem; line-height: 1.3; padding: 0 0 0.25rem 0; } }"
        "@media (min-width: 641px) {"
        " [data-testid='stMainBlockContainer'] { padding: 3rem 1.5rem 2rem 1.5rem; } }</style>")

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


def _quote(quote: str) -> None:
    """A quote as a block quote; one in Arabic (or Hebrew) reads right to left."""
    if views.is_rtl(quote):
        st.markdown(views.quote_html(quote), unsafe_allow_html=True)  # (every character escaped)
    else:
        st.markdown("> " + views.md_escape(quote))


def _draw_view() -> None:
    if _signature() != SIGNATURE:  # a data file changed since the page was drawn: the whole page reads it
        st.rerun()
    if st.session_state.get("playing"):
        _tick()
    # what was wrong with the link stays on screen until the reader changes the view
    if st.session_state.get("_arrival") != (st.session_state["date"], tuple(st.session_state["actors"]),
                                            st.session_state["place"]):
        st.session_state["_warnings"], st.session_state["_arrival"] = [], None
        st.session_state["_open_place"] = ""
    date: dt.date = st.session_state["date"]
    actors: list[str] = st.session_state["actors"]
    stale_days = int(st.session_state.get("stale_days") or control.STALE_DAYS)
    # Quotes travel with the markers only while there are few places; with many,
    # the panel shows them for the selected place (and downloads fetch them).
    DETAIL = len(ds.places) <= mapview.DETAIL_THRESHOLD
    # "as known then": the claims of the reports published by the day; else everything known now
    then = bool(st.session_state.get("known_then"))
    vds = known_then(ds, date) if then else ds
    nothing_yet = vds is NOTHING_KNOWN
    st.session_state["_known_then_note"] = ""
    if then and vds is None:
        st.session_state["_known_then_note"] = (f"“As known then” is off above {KNOWN_THEN_MAX_CLAIMS:,} "
                                                "claims; showing what we now know.")
    if vds is None or nothing_yet:
        vds = ds
    if nothing_yet:  # no report published yet: every place without a report, not what we know now
        st.session_state["_known_then_note"] = "As known then: no report had been published by this day."
        state = control.state_at(ds, ds.first_day - dt.timedelta(days=366 * 100), actors=actors or None,
                                 include_unreported=not actors, quotes=DETAIL, stale_days=stale_days)
    else:
        state = control.state_at(vds, date, actors=actors or None, include_unreported=not actors, quotes=DETAIL,
                                 stale_days=stale_days)
    reported = state[state["status"] != "unreported"]
    with warnings_box:
        st.empty()  # (written on every run: the view may clear the warnings later)
        for w in st.session_state.get("_warnings", []):
            st.warning(views.md_escape(w))
        if then:
            st.info(st.session_state["_known_then_note"] or
                    f"As known then: only the {len(vds.events):,} claims from reports published by "
                    f"{views.day_text(date)}.")

    # ---- the map, the date controls under it; the place's panel beside it (under its box)
    with c_map:
        # The markers stay on the page from one date to the next: the whole layer
        # at first, when the filter or the map changes, or when the page asks for
        # it (mounted anew); otherwise only the places whose drawing changed.
        # DASHBOARD_FULL_LAYER=1 sends the whole layer every time (the baseline
        # that `python -m dashboard bench-browser --baseline` compares with).
        _tiles = "OpenStreetMap" if st.session_state["tiles"] else "none"
        _layer, _sync, _ = mapview.marker_update(
            state, ds.actors, views.place_ids(ds), to_day(date),
            mapview.layer_token(id(ds), len(ds.places), tuple(actors), DETAIL, _tiles, st.session_state["_map_view"], stale_days,
                                then),
            before=st.session_state.get("_map_sync"), detail=DETAIL, stale_days=stale_days,
            # (the place in the panel, ringed on the map: no popup in the app, see dashboard-map.js)
            open_place=st.session_state.get("place") or st.session_state["_open_place"] or None,
            resync=mapview.resync_request(st.session_state.get("map")),
            full=os.environ.get("DASHBOARD_FULL_LAYER") == "1")
        st_folium(
            mapview.base_map(ds, asset_base=ASSET_BASE, tiles=_tiles, view=st.session_state["_map_view"],
                             stale_days=stale_days),
            feature_group_to_add=_layer,
            returned_objects=["last_active_drawing"],
            key="map",
            on_change=_on_map_click,
            height=520,
            use_container_width=True,
        )
        st.session_state["_map_sync"] = _sync  # (once sent: an interrupted run sends nothing)
        # the day steps right under the map (on a phone: on the first screen)
        STEPS = {"change_back": ":material/first_page: change", "day_back": ":material/chevron_left: day",
                 "play": ":material/pause: pause" if st.session_state.get("playing") else ":material/play_arrow: play",
                 "day_fwd": "day :material/chevron_right:", "change_fwd": "change :material/last_page:"}
        st.segmented_control("Step", options=list(STEPS), format_func=STEPS.get, key="step",
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
        week = dt.timedelta(days=6)
        n_recent = control.count_real_changes(vds, max(LO, date - week), date)
        # the list is built only while it is open (a closed one costs the page nothing)
        changes = _kept_expander(f"What changed in the 7 days to {views.day_text(date)} ({n_recent})",
                                 "changes_open", False)
        if changes.open:
            recent = control.real_changes(vds, max(LO, date - week), date, limit=50)
            with changes:
                if recent.empty:
                    st.caption("No change of control in these days; restated statuses are not listed.")
                if n_recent > len(recent):
                    st.caption(f"The latest {len(recent)} of {n_recent}.")
                st.markdown("\n\n".join(
                    views.change_markdown(r, mapview.text_fragment_url(r["source_url"], r["quote"]))
                    for r in reversed(recent.to_dict("records"))))  # newest first

    with c_info:
        place = st.session_state.get("place") or ""
        if place:
            d = views.place_details(vds, state, place)
            s = d["state"]
            tab_now, tab_history, tab_disagree = st.tabs(
                ["Now", f"History ({len(d['history'])})", f"Disagreements ({len(d['disagreements'])})"])
            with tab_now:
                if s is None or s["status"] == "unreported":
                    st.info(f"No report about {views.md_escape(place)} on or before {date} (with the current filter).")
                    if s is not None and s.get("side_note"):  # a report about part of it or around it
                        st.info(f"Beside it: {views.md_escape(s['side_note'])}", icon=":material/record_voice_over:")
                else:
                    st.subheader(f"{views.md_escape(place)}: {views.md_escape(wording.holder_phrase(s))}")
                    n_reports = len({c["link"].split("#", 1)[0] for c in d["history"]})
                    st.markdown(f"**{views.md_escape(wording.one_line_answer(s, n_reports))}**")
                    if s.get("side_note"):
                        kind = {"claim": "A party's claim", "part": "Part of the place",
                                "around": "Around the place"}.get(s.get("side_kind"), "Beside it")
                        st.info(f"{kind}: {views.md_escape(s['side_note'])}", icon=":material/record_voice_over:")
                    if s.get("overtaken"):
                        st.caption(f"Not current: {views.md_escape(s['overtaken_note'])} (drawn faded).")
                    lead = {"previous holder": "Held", "window": "Changing"}.get(s["basis"], "Since")
                    st.markdown(f"**{lead}** {views.md_escape(s['since'])}"
                                + (f"  \n**Previously** {views.md_escape(s['previous_controller'])}" if s["previous_controller"] else "")
                                + f"  \n{views.md_escape(wording.age_text(s).capitalize())}"
                                + (f" (older than {stale_days} days: drawn faded)" if s["stale"] else ""))
                    if s["basis"] == "previous holder":
                        st.caption("No earlier report: the report below names who held the place before it changed.")
                    if s["pending"]:
                        st.info(views.md_escape(s["pending"]))
                    if s["quote"]:
                        with st.container(border=True):
                            _quote(s["quote"])
                            if s["quote_type"] == "summary":
                                st.caption("ACLED's own summary, not a quote from a report.")
                            st.markdown(views.md_link(f"{views.source_label(s['source_name'], s.get('copy_of', ''), s['source_url'])} ({s['published']})",
                                                      mapview.text_fragment_url(s["source_url"], s["quote"]))
                                        + (f" · claimed by {views.md_escape(s['claimed_by'])}" if s["claimed_by"] else ""))
            with tab_history:
                for c in reversed(d["history"]):
                    with st.container(border=True):
                        st.markdown(views.claim_heading(c))
                        _quote(c["quote"])
                        if c["summary"]:
                            st.caption("ACLED's own summary, not a quote from a report.")
                        st.markdown(views.md_link(f"{c['source']} ({c['published']})", c["link"]))
                        if c["notes"]:
                            st.caption(views.md_escape(c["notes"]))
            with tab_disagree:
                if not d["disagreements"]:
                    st.caption("The reports about this place do not disagree.")
                for dis in d["disagreements"]:
                    st.markdown(f"**{views.md_escape(dis['kind'])}** ({views.md_escape(dis['when'])}): {views.md_escape(dis['summary'])}")
                    for c in dis["claims"]:  # stacked, so they stay readable on any width
                        with st.container(border=True):
                            st.markdown(f"**{views.md_escape(c['source'])}** · {views.md_escape(c['when'])} · "
                                        f"{views.md_escape(c['actor'])} ({views.md_escape(c['status'])})"
                                        + (f" · claimed by {views.md_escape(c['claimed_by'])}" if c["claimed_by"] else ""))
                            _quote(c["quote"])
                            st.markdown(views.md_link("Open the report", c["link"]))
        else:
            st.caption("Select a marker on the map, or choose a place above, to see who holds it, since when, "
                       "the quote behind it, its whole history and where sources disagree.")

    # ---- table (colour is never the only carrier). Open at first for a small data set; with many
    # places it is built only while open (a closed one sends the browser nothing on a date change).
    places_box = _kept_expander(f"Places as of {views.day_text(date)} ({len(reported):,} with a report)", "table_open",
                                len(ds.places) <= mapview.DETAIL_THRESHOLD)
    if places_box.open:
        with places_box:
            table = reported
            if len(table) > TABLE_ROWS:
                table = table.sort_values("since_day", ascending=False).head(TABLE_ROWS)
                st.caption(f"Showing the {TABLE_ROWS:,} most recently changed; download the CSV for all {len(reported):,}.")
            table = table.assign(last_report=[wording.age_text(r) for r in
                                              table[["status", "basis", "report_age_days"]].to_dict("records")])
            st.dataframe(
                table[["place", "controller", "status", "since", "last_report", "previous_controller", "pending",
                       "source_name", "date"]]
                .rename(columns={"date": "claim date", "source_name": "source", "previous_controller": "previously",
                                 "last_report": "last reported"}),
                hide_index=True, width="stretch",
            )

    # ---- the downloads, in the sidebar: this view, all of its places, with their quotes
    with downloads:
        stem = views.download_stem(date, actors)

        def _full_view():
            full = control.state_at(vds, date, actors=actors or None, stale_days=stale_days)
            return full[full["status"] != "unreported"]

        st.download_button("CSV", data=lambda: export.to_csv(_full_view()), file_name=f"{stem}.csv", mime="text/csv",
                           on_click="ignore", key="dl_csv")
        st.download_button("GeoJSON", data=lambda: export.to_geojson(_full_view()), file_name=f"{stem}.geojson",
                           mime="application/geo+json", on_click="ignore", key="dl_geojson")

    # ---- keep the URL in step with the view, so it can be shared
    view_now = views.View(date=date, actors=actors, place=st.session_state.get("place") or None,
                          tiles=st.session_state["tiles"], known_then=bool(st.session_state.get("known_then")))
    if st.session_state["_map_view"] is not None:
        view_now.center, view_now.zoom = st.session_state["_map_view"][:2], st.session_state["_map_view"][2]
    params = views.view_params(view_now)
    if st.query_params.to_dict() != {k: (v[-1] if isinstance(v, list) else v) for k, v in params.items()} \
            or st.query_params.get_all("actor") != params.get("actor", []):
        st.query_params.from_dict(params)



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
