"""The "Add a report" page: paste or upload an article, review the claims found in
it, and add them to the data (or download them to commit).

Layout only; the logic is in dashboard.ingest.articles, dashboard.ingest.review,
dashboard.ingest.extraction and dashboard.ingest.accepting, which import no streamlit. Who may
reach the write path is decided by dashboard.ui.access.decide (see its module docstring).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import uuid

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.core import data, schema
from dashboard.ingest import articles, review
from dashboard.ingest.extraction import MAX_SENTENCE_CHARS, least_sure_first, propose_rows
from dashboard.map import mapview
from dashboard.ui import access as policy, views
from dashboard.ui.assets import ASSET_BASE
from dashboard.ui.page_access import access, secrets


def _sign_in(acc: policy.Access) -> None:
    st.info(views.md_escape(acc.reason))
    if acc.needs == "login":
        if st.user.get("is_logged_in"):
            st.button("Sign out", on_click=st.logout)
        else:
            st.button("Sign in", on_click=st.login)
    elif acc.needs == "password":
        with st.form("editor_password"):
            given = st.text_input("Editor password", type="password")
            if st.form_submit_button("Unlock editing"):
                ok, message = _password_guard().check(_asker(), given, policy.read_policy(secrets()).password)
                if ok:
                    st.session_state["_editor_ok"] = True
                    st.rerun()
                st.error(views.md_escape(message))


@st.cache_resource(show_spinner=False)
def _password_guard() -> policy.PasswordGuard:
    return policy.PasswordGuard()  # one for the whole app: wrong guesses from every session count


def _asker() -> str:
    ip = getattr(st.context, "ip_address", None)
    if isinstance(ip, str) and ip:
        return "ip:" + ip
    if "_asker" not in st.session_state:
        st.session_state["_asker"] = "session:" + uuid.uuid4().hex
    return st.session_state["_asker"]


# how long the page reads one text: a real article takes well under a second, a hostile paste could take minutes
# (DASHBOARD_READING_BUDGET_SECONDS sets another whole number of seconds)
_BUDGET = os.environ.get("DASHBOARD_READING_BUDGET_SECONDS", "").strip()
READING_BUDGET_SECONDS = int(_BUDGET) if _BUDGET.isdigit() else 60


def _find_claims(text: str, url: str, publisher: str, published: dt.date, background: bool) -> None:
    events_path, places_path, actors_path = data.resolve_paths()
    _, places_rows = data.read_rows(places_path)
    _, actors_rows = data.read_rows(actors_path)
    progress: dict = {}
    rows, new_places = propose_rows(text, url=url, publisher=publisher, published=published.isoformat(),
                                    places_rows=places_rows, actors_rows=actors_rows, keep_background=background,
                                    budget_seconds=READING_BUDGET_SECONDS, progress=progress)
    rows = least_sure_first(rows)  # the editor looks hardest at these first
    table = pd.DataFrame([{c: r.get(c, "") for c in review.TABLE_COLUMNS[1:]} for r in rows],
                         columns=list(review.TABLE_COLUMNS[1:]))
    table.insert(0, "keep", True)
    st.session_state["_review"] = {
        "text": text, "url": url, "publisher": publisher, "published": published.isoformat(),
        "table": table, "places": pd.DataFrame(new_places, columns=list(schema.PLACE_COLUMNS)),
        "known_places": sorted(r["name"] for r in places_rows),
        "actors": sorted(r["name"] for r in actors_rows),
        "unread": progress["too_long"],
        "stopped": (progress["read"], progress["sentences"]) if progress["stopped"] else None,
    }
    st.session_state.pop("_accepted", None)


def _places_map(places: pd.DataFrame) -> None:
    pts = places.assign(lat=pd.to_numeric(places["lat"], errors="coerce"),
                        lon=pd.to_numeric(places["lon"], errors="coerce")).dropna(subset=["lat", "lon"])
    pts = pts[pts["lat"].between(-90, 90) & pts["lon"].between(-180, 180)]
    if pts.empty:
        return
    m = mapview.points_map(pts, ASSET_BASE)
    st_folium(m, height=260, use_container_width=True, returned_objects=[], key="new_places_map")


def _review(acc: policy.Access) -> None:
    rv = st.session_state["_review"]
    st.subheader(f"Claims found ({len(rv['table'])})")
    if rv.get("stopped"):
        read, total = rv["stopped"]
        st.warning(f"Reading stopped after {READING_BUDGET_SECONDS} seconds, with {read:,} of {total:,} sentences read: "
                   "the claims of the rest are not proposed. Paste the article in parts, or add them by hand below.")
    if rv.get("unread"):
        st.warning(f"{rv['unread']} sentence(s) longer than {MAX_SENTENCE_CHARS:,} characters were not read (no real "
                   "sentence is that long: is the text missing its full stops?). Add their claims by hand below.")
    if rv["table"].empty:
        st.info("No change of control was found in this text. You can add rows by hand below.")
    st.caption("Untick a row to leave it out. Place, actor and date come from the data; a quote must stay word for "
               "word as in the article (shorten it only by cutting, never by rewording). The least sure come first: "
               "*sure* is 100 less each doubt the reading raised (*doubts*); *notes* say which words made each row "
               "(the verb, who acted, the date).")
    new_names = [n for n in rv["places"]["name"] if n]
    actors = [""] + rv["actors"]
    edited = st.data_editor(
        rv["table"], key="review_table", num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "keep": st.column_config.CheckboxColumn("keep", default=True),
            "place": st.column_config.SelectboxColumn("place", options=rv["known_places"] + new_names, required=True),
            "actor": st.column_config.SelectboxColumn("actor", options=rv["actors"], required=True),
            "status": st.column_config.SelectboxColumn("status", options=list(schema.STATUSES), required=True),
            "scope": st.column_config.SelectboxColumn("scope", options=list(schema.SCOPES),
                                                      help="Empty: the whole place; part: some of it; around: its "
                                                           "outskirts or countryside, or a siege"),
            # text, not a date picker: a claim may be dated to a month (2024-12) or a year (2016)
            "date": st.column_config.TextColumn("date", required=True,
                                                help="YYYY-MM-DD; YYYY-MM or YYYY for month or year precision; "
                                                     "the first possible day for a window."),
            "date_end": st.column_config.TextColumn("date_end", help="Last possible day (YYYY-MM-DD) of a window "
                                                                     "(precision 'range')."),
            "date_precision": st.column_config.SelectboxColumn("precision", options=list(schema.DATE_PRECISIONS),
                                                               required=True),
            "previous_actor": st.column_config.SelectboxColumn("previous", options=actors),
            "claimed_by": st.column_config.TextColumn("claimed by"),
            "event": st.column_config.TextColumn("event"),
            "quote": st.column_config.TextColumn("quote", width="large"),
            "notes": st.column_config.TextColumn("notes", width="medium"),
            "sure": st.column_config.NumberColumn("sure", disabled=True, help="How sure the assistant is (0-100): 100 "
                                                  "less each doubt listed under doubts."),
            "doubts": st.column_config.TextColumn("doubts", disabled=True),
        })
    with st.expander("Each quote in its sentence", expanded=len(edited) <= 12):
        for i, r in enumerate(edited.to_dict("records"), 1):
            before, quote, after = articles.sentence_around(rv["text"], str(r.get("quote") or ""))
            mark = "" if r.get("keep") else " (left out)"
            st.markdown(f"**{i}.**{mark} {views.md_escape(before)}**{views.md_escape(quote)}**{views.md_escape(after)}")

    st.subheader(f"New places ({len(rv['places'])})")
    if rv["places"].empty:
        st.caption("Every place named is already in the data.")
        places = rv["places"]
    else:
        st.caption("Proposed from the offline gazetteer. A row without coordinates needs them before it can be "
                   "added: give lat/lon and say where they come from (coord_source manual and a note).")
        places = st.data_editor(
            rv["places"], key="review_places", hide_index=True, width="stretch", num_rows="dynamic",
            column_config={"lat": st.column_config.NumberColumn("lat", min_value=-90, max_value=90, format="%.5f"),
                           "lon": st.column_config.NumberColumn("lon", min_value=-180, max_value=180, format="%.5f"),
                           "coord_source": st.column_config.SelectboxColumn("coord_source",
                                                                            options=list(schema.COORD_SOURCES)),
                           "aliases": st.column_config.TextColumn(
                               "aliases", help="Other spellings and transliterations, separated by ;"),
                           "epithets": st.column_config.TextColumn(
                               "epithets", help="Descriptions that name only this place in news prose (\"Syria's "
                                                "second city\"), separated by ;. Read by the assistant, not listed "
                                                "in the map's place box.")})
        _places_map(places)

    events_path, places_path, _ = data.resolve_paths()
    can_write = review.writable(events_path, places_path)
    label = "Accept and add to the data" if can_write else "Check and prepare the files to commit"
    if not st.button(label, type="primary", key="accept"):
        if not can_write:
            st.caption("The data files cannot be written here (as on Streamlit Community Cloud, whose disk is not "
                       "kept): the checked files are offered as downloads to commit to the repository.")
        return
    if not access().allowed:  # the write path re-checks who is asking
        st.error("Editing is not allowed for this session.")
        return
    rows = review.review_rows(edited.to_dict("records"), url=rv["url"], publisher=rv["publisher"],
                              published=rv["published"])
    place_rows = [{c: ("" if pd.isna(v) else v) for c, v in r.items()} for r in places.to_dict("records")
                  if str(r.get("name") or "").strip()]
    problems = articles.source_problems(rv["url"], rv["publisher"], rv["published"]) + review.quote_problems(rows, rv["text"])
    if not rows:
        problems.append("No row is ticked: nothing to add.")
    if not problems:
        if can_write:
            problems = review.accept_rows(rows, place_rows, events_path=events_path, places_path=places_path)
            if not problems:
                st.session_state["_accepted"] = f"Added {len(rows)} claim(s) to {events_path.name}."
                st.session_state.pop("_review", None)
                st.rerun()
        else:
            merged = review.check_and_merge(rows, place_rows, events_path=events_path, places_path=places_path)
            problems = merged.problems
            if not problems:
                ev, pl = merged.csv_bytes()
                st.success(f"{merged.added} claim(s) and {merged.new_places} new place(s) check out. Download both "
                           "files and commit them in place of events.csv and geodata/places.csv.")
                c1, c2 = st.columns(2)
                c1.download_button("events.csv", ev, file_name="events.csv", mime="text/csv", on_click="ignore")
                c2.download_button("places.csv", pl, file_name="places.csv", mime="text/csv", on_click="ignore")
    if problems:
        st.error(f"{len(problems)} problem(s); nothing was written.")
        st.markdown("\n".join(f"- {views.md_escape(p)}" for p in problems[:50]))


st.title("Add a report")
acc = access()
if not acc.allowed:
    _sign_in(acc)
    st.stop()
if st.session_state.get("_accepted"):
    st.success(st.session_state["_accepted"] + " The map shows it on its next load.")

with st.form("article"):
    st.markdown("**The report**")
    c1, c2, c3 = st.columns([3, 2, 1])
    url = c1.text_input("Link (http or https)", key="src_url")
    publisher = c2.text_input("Publisher", key="src_publisher")
    published = c3.date_input("Published", value=None, key="src_published", format="YYYY-MM-DD",
                              min_value=dt.date(1990, 1, 1), max_value=dt.date.today())
    pasted = st.text_area("Article text (paste it, or upload a file below)", height=220, key="src_text")
    upload = st.file_uploader("…or upload the article as .txt or .html", type=["txt", "html", "htm"],
                              key="src_file", max_upload_size=articles.MAX_UPLOAD_BYTES // (1024 * 1024))
    background = st.checkbox("Also propose background claims (dated wholly more than 90 days before publication, "
                             "e.g. \"seized it in 2016\")", key="src_background")
    go = st.form_submit_button("Find the claims", type="primary")
if go:
    problems = articles.source_problems(url, publisher, published)
    text = pasted
    if upload is not None:
        try:
            text = articles.article_text(upload.name, upload.getvalue())
        except articles.ArticleError as err:
            problems.append(str(err))
    if not (text or "").strip():
        problems.append("Article: paste its text or upload it")
    if problems:
        st.error("\n".join(f"- {views.md_escape(p)}" for p in problems))
    else:
        with st.spinner("Reading the article…"):
            try:
                _find_claims(text, url.strip(), publisher.strip(), published, background)
            except (OSError, UnicodeDecodeError, csv.Error) as exc:  # the data files could not be read
                st.error(f"The data files could not be read: {views.md_escape(exc)}")
            except Exception as exc:  # a bug in reading this text must not cost the reader the page
                logging.getLogger(__name__).exception("reading an article failed")
                st.error("Reading this article failed (the error is in the server's log); "
                         f"nothing was changed. {views.md_escape(type(exc).__name__)}")
if st.session_state.get("_review"):
    _review(acc)
