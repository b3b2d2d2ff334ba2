"""The panel of the place chosen on the map page: who holds it now and on whose word, its whole history, and where the reports disagree.

Drawing only; what it says is made by dashboard.ui.views (escaped markdown), which needs no streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.core.data import Dataset
from dashboard.map import wording
from dashboard.ui import views

PROMPT = ("Select a marker on the map, or choose a place above, to see who holds it, since when, "
          "the quote behind it, its whole history and where sources disagree.")
SUMMARY_NOTE = "ACLED's own summary, not a quote from a report."


def draw(claims: Dataset, state: pd.DataFrame, place: str, date: dt.date, stale_days: int) -> None:
    """The panel for ``place`` (the prompt when none is chosen): three tabs."""
    if not place:
        st.caption(PROMPT)
        return
    d = views.place_details(claims, state, place)
    tab_now, tab_history, tab_disagree = st.tabs(
        ["Now", f"History ({len(d['history'])})", f"Disagreements ({len(d['disagreements'])})"])
    with tab_now:
        _now(place, d["state"], views.reports_behind(d["history"]), date, stale_days)
    with tab_history:
        _history(d["history"])
    with tab_disagree:
        _disagreements(d["disagreements"])


def quote(text: str) -> None:
    """A quote as a block quote; one in Arabic (or Hebrew) reads right to left."""
    if views.is_rtl(text):
        st.markdown(views.quote_html(text), unsafe_allow_html=True)  # (every character escaped)
    else:
        st.markdown("> " + views.md_escape(text))


def _now(place: str, s: dict | None, n_reports: int, date: dt.date, stale_days: int) -> None:
    """Who holds the place on the day, since when, and the quote that says so."""
    if s is None or s["status"] == "unreported":
        st.info(f"No report about {views.md_escape(place)} on or before {date} (with the current filter).")
        if s is not None and s.get("side_note"):  # a report about part of it or around it
            st.info(f"Beside it: {views.md_escape(s['side_note'])}", icon=":material/record_voice_over:")
        return
    st.subheader(f"{views.md_escape(place)}: {views.md_escape(wording.holder_phrase(s))}")
    st.markdown(f"**{views.md_escape(wording.one_line_answer(s, n_reports))}**")
    if s.get("side_note"):
        st.info(views.side_note_markdown(s), icon=":material/record_voice_over:")
    if s.get("overtaken"):
        st.caption(f"Not current: {views.md_escape(s['overtaken_note'])} (drawn faded).")
    st.markdown(views.since_markdown(s, stale_days))
    if s["basis"] == "previous holder":
        st.caption("No earlier report: the report below names who held the place before it changed.")
    if s["pending"]:
        st.info(views.md_escape(s["pending"]))
    if s["quote"]:
        with st.container(border=True):
            quote(s["quote"])
            if s["quote_type"] == "summary":
                st.caption(SUMMARY_NOTE)
            st.markdown(views.quote_source_markdown(s))


def _history(history: list[dict]) -> None:
    """Every claim about the place, newest first."""
    for c in reversed(history):
        with st.container(border=True):
            st.markdown(views.claim_heading(c))
            quote(c["quote"])
            if c["summary"]:
                st.caption(SUMMARY_NOTE)
            st.markdown(views.md_link(f"{c['source']} ({c['published']})", c["link"]))
            if c["notes"]:
                st.caption(views.md_escape(c["notes"]))


def _disagreements(disagreements: list[dict]) -> None:
    """Where the reports about the place disagree, each with its claims."""
    if not disagreements:
        st.caption("The reports about this place do not disagree.")
    for dis in disagreements:
        st.markdown(views.disagreement_markdown(dis))
        for c in dis["claims"]:  # stacked, so they stay readable on any width
            with st.container(border=True):
                st.markdown(views.disagreeing_claim_markdown(c))
                quote(c["quote"])
                st.markdown(views.md_link("Open the report", c["link"]))
