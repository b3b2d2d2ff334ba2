"""The "Add a report" page in Chromium: reachable from the navigation on this
machine, a hostile article shown as text (nothing runs), the review table,
and Accept writing into the (copied) data files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hostile import IMG, SCRIPT, SVG

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (f"Syrian rebels captured the town of Saraqib on December 1, 2024, the Military Operations Command said. "
           f"{SCRIPT} {IMG} {SVG}\n\nResidents said the streets were quiet.")


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("add-report-data")
    for rel in ("events.csv", "geodata/places.csv", "geodata/actors.csv"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, root / rel)
    return root


@pytest.fixture(scope="module")
def add_url(streamlit_server, data_copy):
    srv = streamlit_server({"DASHBOARD_EVENTS": str(data_copy / "events.csv"),
                            "DASHBOARD_PLACES": str(data_copy / "geodata" / "places.csv"),
                            "DASHBOARD_ACTORS": str(data_copy / "geodata" / "actors.csv")})
    return srv.url


def _fill(page, text=ARTICLE):
    page.get_by_label("Link (http or https)").fill("https://example.org/saraqib")
    page.get_by_label("Publisher").fill("Example News")
    page.get_by_role("spinbutton", name="year, Published").click()
    page.keyboard.type("20241202")
    page.get_by_label("Article text (paste it, or upload a file below)").fill(text)
    page.get_by_role("button", name="Find the claims").click()


def test_navigation_reaches_the_page(page, context, add_url):
    page.goto(add_url)
    link = page.get_by_role("link", name="Add a report")
    link.wait_for(timeout=30_000)
    link.click()
    page.get_by_role("heading", name="Add a report").wait_for(timeout=30_000)
    # (the path: the map page may have put its view into the address before the click, and it can stay)
    assert urlsplit(page.url).path.rstrip("/").endswith("/add-report")
    # the navigation needs nothing from outside (page icons would be fetched from a font CDN)
    assert context.blocked == [], context.blocked


def test_back_to_the_map_keeps_the_view(page, add_url):
    """Map -> Add a report -> Map: the date and the filter are as they were
    (the map page's widgets keep their values across pages; they used to be
    dropped, and the map page then failed on the missing date)."""
    page.goto(add_url.rstrip("/") + "/?date=2024-12-03&actor=HTS")
    page.locator('[data-testid="stSlider"]').wait_for(timeout=30_000)
    page.get_by_role("link", name="Add a report").click()
    page.get_by_role("heading", name="Add a report").wait_for(timeout=30_000)
    page.get_by_role("link", name="Map").click()
    page.get_by_text("Control as of Tuesday 3 December 2024").wait_for(timeout=30_000)
    page.locator('[data-testid="stMultiSelect"]').get_by_text("HTS").wait_for(timeout=10_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_hostile_article_stays_text_and_accept_writes(page, add_url, data_copy):
    events = data_copy / "events.csv"
    with open(events, encoding="utf-8") as fh:
        before = sum(1 for _ in csv.DictReader(fh))
    page.goto(add_url.rstrip("/") + "/add-report")
    page.get_by_role("heading", name="Add a report").wait_for(timeout=30_000)
    _fill(page)
    page.get_by_text("Claims found").wait_for(timeout=60_000)
    page.get_by_text("Each quote in its sentence").wait_for()
    # the payloads are on the page as the characters they are, and none ran
    page.get_by_text("<script>window.__pwned=1</script>", exact=False).first.wait_for(timeout=10_000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    page.get_by_role("button", name="Accept and add to the data").click()
    page.get_by_text("Added", exact=False).first.wait_for(timeout=60_000)
    with open(events, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > before
    assert {r["source_url"] for r in rows[before:]} == {"https://example.org/saraqib"}
    assert page.evaluate("() => window.__pwned") is None and page.dialogs == []


def test_the_form_fits_a_phone(browser, add_url):
    from conftest import new_context

    ctx = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(add_url.rstrip("/") + "/add-report")
        page.get_by_role("heading", name="Add a report").wait_for(timeout=30_000)
        for label in ("Link (http or https)", "Publisher", "Article text (paste it, or upload a file below)"):
            box = page.get_by_label(label).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
        button = page.get_by_role("button", name="Find the claims").bounding_box()
        assert button and button["x"] + button["width"] <= 390
    finally:
        ctx.close()
