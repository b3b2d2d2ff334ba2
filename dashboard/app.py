"""Streamlit app: ``streamlit run dashboard/app.py`` from the repository root.

Only layout lives here; the logic is in dashboard.data / control / mapview /
views / export, which import no streamlit.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

# Started as a script from the repository root (as on Community Cloud) the
# package is not on sys.path yet.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402
import streamlit.components.v1 as components  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard import control, export, mapview, store, views  # noqa: E402
from dashboard.data import DataError, resolve_paths  # noqa: E402

st.set_page_config(page_title="North-west Syria: who controls what, says who", layout="wide")

# Serve the vendored Leaflet files from this server (no CDN): a declared
# component's folder is served with proper content types.
_assets = components.declare_component("map_assets", path=str(mapview.STATIC))
ASSET_BASE = f"../{_assets.name}/"


def _signature() -> tuple:
    sig = []
    for p in resolve_paths():
        try:
            s = p.stat()
            sig.append((str(p), s.st_mtime_ns, s.st_size))
        except OSError:
            sig.append((str(p), None, None))
    return tuple(sig)


@st.cache_resource(show_spinner="Loading and checking the data…", max_entries=4)
def load(signature: tuple):
    paths = [s[0] for s in signature]
    try:
        return store.load(*paths, write_after=3.0), []
    except DataError as err:
        return None, [str(p) for p in err.problems]


ds, problems = load(_signature())
st.title("North-west Syria: who controls what, says who")
if ds is None:
    shown = problems[:100]
    st.error(f"The data files have {len(problems)} problem(s); fix them and reload.  \n"
             + "  \n".join(views.md_escape(p) for p in shown)
             + ("  \n…" if len(problems) > len(shown) else ""))
    st.stop()

LO, HI = views.date_range(ds)
TABLE_ROWS = 1000  # rows sent to the browser; the CSV download has them all
KNOWN_PLACES = frozenset(views.place_names(ds))

# ---- first run of a session: restore the view from the URL
if "_view_loaded" not in st.session_state:
    view = views.parse_view(st.query_params.to_dict() | {"actor": st.query_params.get_all("actor")}, ds)
    st.session_state["_view_loaded"] = True
    st.session_state["_warnings"] = view.warnings
    st.session_state["date"] = view.date
    st.session_state["actors"] = view.actors
    st.session_state["place"] = view.place or ""
    st.session_state["_arrival"] = (view.date, tuple(view.actors), view.place or "")
# what was wrong with the link stays on screen until the reader changes the view
if st.session_state.get("_arrival") != (st.session_state["date"], tuple(st.session_state["actors"]),
                                        st.session_state["place"]):
    st.session_state["_warnings"], st.session_state["_arrival"] = [], None
for w in st.session_state.get("_warnings", []):
    st.warning(views.md_escape(w))


def _step(direction: int) -> None:
    target = control.step_change(ds, st.session_state["date"], direction)
    if target is not None:
        st.session_state["date"] = min(max(target.date(), LO), HI)


def _on_map_click() -> None:
    place = views.clicked_place(st.session_state.get("map"), KNOWN_PLACES)
    if place:
        st.session_state["place"] = place


# ---- controls
st.caption("Every marker is a claim from a named report, with its verbatim quote. "
           "Dates are shown as precisely as the reports give them.")
c_prev, c_slider, c_next = st.columns([1.7, 6.2, 1.7], vertical_alignment="bottom")
c_prev.button("◀ Previous change", on_click=_step, args=(-1,), key="prev_change", width="stretch")
c_slider.slider("Control as of", min_value=LO, max_value=HI, key="date", format="YYYY-MM-DD")
c_next.button("Next change ▶", on_click=_step, args=(1,), key="next_change", width="stretch")

with st.sidebar:
    st.header("Filter")
    st.multiselect("Actors", options=list(ds.actors["name"]), key="actors",
                   help="Show places held or contested by these actors (a group includes its parts: Rebels includes HTS and SNA).")
    tiles = "OpenStreetMap" if st.toggle("Background map tiles (online)", value=True,
                                         help="Markers draw without a network; tiles need one.") else "none"

date: dt.date = st.session_state["date"]
actors: list[str] = st.session_state["actors"]
# Quotes travel with the markers only while there are few places; with many,
# the panel shows them for the selected place (and downloads fetch them).
DETAIL = len(ds.places) <= mapview.DETAIL_THRESHOLD
state = control.state_at(ds, date, actors=actors or None, include_unreported=not actors, quotes=DETAIL)
reported = state[state["status"] != "unreported"]

# ---- map and details
c_map, c_info = st.columns([3, 2])
with c_map:
    st_folium(
        mapview.base_map(ds, asset_base=ASSET_BASE, tiles=tiles),
        feature_group_to_add=mapview.marker_layer(state, detail=DETAIL),
        returned_objects=["last_active_drawing"],
        key="map",
        on_change=_on_map_click,
        height=560,
        use_container_width=True,
    )
with c_info:
    options = ("",) + views.place_names(ds)
    if st.session_state.get("place") not in options:
        st.session_state["place"] = ""
    place = st.selectbox("Place", options, key="place", format_func=lambda p: p or "— click a marker or choose —")
    if place:
        d = views.place_details(ds, state, place)
        s = d["state"]
        if s is None or s["status"] == "unreported":
            st.info(f"No report about {views.md_escape(place)} on or before {date} (with the current filter).")
        else:
            label = s["controller"] if s["status"] == "controlled" else f"contested: {s['controller']}"
            st.subheader(f"{views.md_escape(place)}: {views.md_escape(label)}")
            st.markdown(f"**Since** {views.md_escape(s['since'])}"
                        + (f"  \n**Previously** {views.md_escape(s['previous_controller'])}" if s["previous_controller"] else ""))
            if s["pending"]:
                st.info(views.md_escape(s["pending"]))
        st.markdown("#### Sourced history")
        for c in reversed(d["history"]):
            with st.container(border=True):
                st.markdown(f"**{views.md_escape(c['when'])}** · {views.md_escape(c['actor'])} "
                            f"({views.md_escape(c['status'])}{', ' + views.md_escape(c['event']) if c['event'] else ''})"
                            + (f" · claimed by {views.md_escape(c['claimed_by'])}" if c["claimed_by"] else ""))
                st.markdown("> " + views.md_escape(c["quote"]))
                if c["summary"]:
                    st.caption("ACLED's own summary, not a quote from a report.")
                st.markdown(views.md_link(f"{c['source_name']} ({c['published']})", c["link"]))
                if c["notes"]:
                    st.caption(views.md_escape(c["notes"]))
        if d["disagreements"]:
            st.markdown("#### Sources disagree")
            for dis in d["disagreements"]:
                st.markdown(f"**{views.md_escape(dis['kind'])}** ({views.md_escape(dis['when'])}): {views.md_escape(dis['summary'])}")
                cols = st.columns(max(1, len(dis["claims"])))
                for col, c in zip(cols, dis["claims"]):
                    with col.container(border=True):
                        st.markdown(f"**{views.md_escape(c['source_name'])}** · {views.md_escape(c['when'])} · {views.md_escape(c['actor'])}")
                        st.markdown("> " + views.md_escape(c["quote"]))
                        st.markdown(views.md_link("Open the report", c["link"]))
    else:
        st.caption("Select a marker on the map, or choose a place above, to see who holds it, since when, "
                   "the quote behind it, its whole history and where sources disagree.")

# ---- table (colour is never the only carrier) and nearby changes
st.markdown(f"#### Places as of {date.isoformat()} ({len(reported)} with a report)")
table = reported
if len(table) > TABLE_ROWS:
    table = table.sort_values("since_day", ascending=False).head(TABLE_ROWS)
    st.caption(f"Showing the {TABLE_ROWS:,} most recently changed; download the CSV for all {len(reported):,}.")
st.dataframe(
    table[["place", "controller", "status", "since", "previous_controller", "pending", "source_name", "date"]]
    .rename(columns={"date": "claim date", "source_name": "source", "previous_controller": "previously"}),
    hide_index=True, width="stretch",
)
window = dt.timedelta(days=7)
NEAR_ROWS = 50  # one markdown element; the table and downloads have the rest
near_from, near_to = max(LO, date - window), min(HI, date + window)
near_total = control.count_changes(ds, near_from, near_to)
near = control.changes_between(ds, near_from, near_to, around=date, limit=NEAR_ROWS)
with st.expander(f"Reported changes within 7 days of {date.isoformat()} ({near_total})", expanded=near_total > 0):
    if near_total > NEAR_ROWS:
        st.caption(f"The {NEAR_ROWS} nearest in time of {near_total:,}.")
    st.markdown("\n\n".join(
        views.changes_markdown(r, mapview.text_fragment_url(r["source_url"], r["quote"]))
        for r in near.to_dict("records")))

with st.sidebar:
    st.header("Download this view")
    stem = f"control-{date.isoformat()}"

    def _full_view():
        full = control.state_at(ds, date, actors=actors or None)
        return full[full["status"] != "unreported"]

    st.download_button("CSV", data=lambda: export.to_csv(_full_view()), file_name=f"{stem}.csv", mime="text/csv",
                       on_click="ignore", key="dl_csv")
    st.download_button("GeoJSON", data=lambda: export.to_geojson(_full_view()), file_name=f"{stem}.geojson",
                       mime="application/geo+json", on_click="ignore", key="dl_geojson")
    st.caption(f"Data: {len(ds.events)} claims, {len(ds.places)} places, {LO} to {HI}.")

# ---- keep the URL in step with the view, so it can be shared
params = views.view_params(views.View(date=date, actors=actors, place=st.session_state.get("place") or None))
if st.query_params.to_dict() != {k: (v[-1] if isinstance(v, list) else v) for k, v in params.items()} \
        or st.query_params.get_all("actor") != params.get("actor", []):
    st.query_params.from_dict(params)
