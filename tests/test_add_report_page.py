"""The "Add a report" page, driven headless with streamlit.testing: who reaches
it, pasting an article, accepting into writable data, downloads when the data
cannot be written, and hostile text shown as text."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from hostile import IMG, SCRIPT  # noqa: E402

APP = str(ROOT / "dashboard" / "app.py")
PAGE = "ui/add_report_page.py"
ARTICLE = ("Syrian rebels captured the town of Saraqib on December 1, 2024, the Military Operations Command said.\n\n"
           "Residents said the streets were quiet.")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    for rel in ("events.csv", "geodata/places.csv", "geodata/actors.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    monkeypatch.setenv("DASHBOARD_EVENTS", str(tmp_path / "events.csv"))
    monkeypatch.setenv("DASHBOARD_PLACES", str(tmp_path / "geodata" / "places.csv"))
    monkeypatch.setenv("DASHBOARD_ACTORS", str(tmp_path / "geodata" / "actors.csv"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DASHBOARD_EDITING", raising=False)
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _page(secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _submit(at: AppTest, text: str = ARTICLE, url: str = "https://example.org/saraqib") -> AppTest:
    at.text_input(key="src_url").input(url)
    at.text_input(key="src_publisher").input("Example News")
    at.date_input(key="src_published").set_value(dt.date(2024, 12, 2))
    at.text_area(key="src_text").input(text)
    next(b for b in at.button if b.label == "Find the claims").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_local_run_offers_the_page_and_finds_the_claim(data_dir):
    at = _submit(_page())
    assert at.title[0].value == "Add a report"
    table = at.dataframe[0].value if at.dataframe else None
    assert table is not None and "Saraqib" in set(table["place"]), table
    assert all(q in ARTICLE for q in table["quote"])


def test_accept_appends_to_writable_data(data_dir):
    events = data_dir / "events.csv"
    before = _rows(events)
    at = _submit(_page())
    at.button(key="accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = _rows(events)
    assert len(after) > len(before)
    added = after[len(before):]
    assert {r["source_url"] for r in added} == {"https://example.org/saraqib"}
    assert all(r["quote"] in ARTICLE for r in added)
    assert any("Added" in s.value for s in at.success)


def test_read_only_data_offers_downloads_and_writes_nothing(data_dir, monkeypatch):
    from dashboard.ingest import review

    monkeypatch.setattr(review, "writable", lambda *paths: False)  # as on Community Cloud
    events = data_dir / "events.csv"
    old = events.read_bytes()
    at = _submit(_page())
    at.button(key="accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert events.read_bytes() == old
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["events.csv", "places.csv"], labels


def test_a_bad_link_is_refused_before_reading(data_dir):
    at = _submit(_page(), url="javascript:alert(1)")
    assert at.error and "Link" in at.error[0].value
    assert not at.dataframe


def test_hostile_article_is_shown_as_text(data_dir):
    text = f"Rebels captured Saraqib on December 1, 2024 {SCRIPT} {IMG}, the group said."
    at = _submit(_page(), text=text)
    shown = " ".join(m.value for m in at.markdown)
    assert "\\<script\\>" in shown and "\\<img" in shown  # escaped: read as the characters they are
    assert not re.search(r"(?<!\\)<", shown)  # no markup left unescaped


def test_a_text_without_full_stops_says_what_was_not_read(data_dir):
    at = _submit(_page(), text=ARTICLE + " Rebels captured " + "rebel-held Hama, " * 200 + "Homs")
    warnings = [w.value for w in at.warning]
    assert any("1 sentence(s) longer than 2,000 characters were not read" in w for w in warnings), warnings
    assert "Saraqib" in set(at.dataframe[0].value["place"])  # the rest is read
    assert not [w for w in _submit(_page()).warning if "not read" in w.value]


def test_a_reading_stopped_by_its_budget_says_so(data_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_READING_BUDGET_SECONDS", "0")
    at = _submit(_page())
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Reading stopped after 0 seconds, with 0 of ") for w in warnings), warnings


def test_editing_off_hides_the_page(data_dir):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["editing"] = {"mode": "off"}
    at.run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def test_editors_mode_needs_the_password(data_dir):
    at = _page({"editing": {"mode": "editors", "password": "s3cret"}})
    assert not at.dataframe
    assert not [b for b in at.button if b.label == "Find the claims"]
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert at.error and "not the editor password" in at.error[0].value
    at.text_input[0].input("s3cret")
    at.button[0].click().run()
    assert [b for b in at.button if b.label == "Find the claims"]


def test_wrong_editor_passwords_lock_the_form_for_a_while(data_dir):
    at = _page({"editing": {"mode": "editors", "password": "s3cret"}})
    for _ in range(5):  # PasswordGuard's default: 5 a minute
        at.text_input[0].input("wrong")
        at.button[0].click().run()
        assert "not the editor password" in at.error[0].value
    at.text_input[0].input("s3cret")
    at.button[0].click().run()
    assert "Too many wrong editor passwords" in at.error[0].value and "60 s" in at.error[0].value
    assert not [b for b in at.button if b.label == "Find the claims"]


def test_a_year_precise_claim_keeps_its_year(data_dir):
    at = _page()
    at.checkbox(key="src_background").check()
    _submit(at, text="In 2016 the Syrian army recaptured Aleppo from rebel forces, state media said.")
    table = at.dataframe[0].value
    row = table[table["place"] == "Aleppo"].iloc[0]
    assert (row["date"], row["date_precision"]) == ("2016", "year")


def test_a_failure_while_reading_is_a_message_not_a_traceback(data_dir, monkeypatch):
    from dashboard.ingest import extraction

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(extraction, "propose_rows", broken)
    at = _submit(_page())  # (asserts no exception reached the page)
    assert at.error and "Reading this article failed" in at.error[0].value
    assert not at.dataframe
