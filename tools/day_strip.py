"""The offensive day by day on a phone: the map on 27 Nov, 30 Nov, 5, 8 and 12 Dec 2024, side by side.

Run against a running app (``streamlit run dashboard/app.py``), with Debian's Chromium::

    python tools/day_strip.py http://localhost:8501 docs/days.png

Each frame is the map as a reader sees it on a 390x844 phone (the map element only), on the
bundled data, with no network; the frames are joined into one PNG for the README.
"""

from __future__ import annotations

import sys

from PIL import Image
from playwright.sync_api import sync_playwright

DAYS = ("2024-11-27", "2024-11-30", "2024-12-05", "2024-12-08", "2024-12-12")
MAP = 'iframe[title="streamlit_folium.st_folium"]'


def frames(base: str, days=DAYS, size=(390, 844)) -> list[Image.Image]:
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=True, is_mobile=True)
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())  # offline
        page = ctx.new_page()
        for day in days:
            page.goto(f"{base}/?date={day}")
            map_ = page.frame_locator(MAP)
            map_.locator("path.dashboard-marker").first.wait_for()
            map_.locator(".dashboard-date").filter(has_text=" 20").wait_for()
            page.wait_for_timeout(1500)  # names and counts laid out
            path = f"/tmp/day-{day}.png"
            page.locator(MAP).screenshot(path=path)
            out.append(Image.open(path).convert("RGB"))
        browser.close()
    return out


def strip(images: list[Image.Image], gap: int = 8) -> Image.Image:
    w = sum(im.width for im in images) + gap * (len(images) - 1)
    h = max(im.height for im in images)
    sheet = Image.new("RGB", (w, h), "white")
    x = 0
    for im in images:
        sheet.paste(im, (x, 0))
        x += im.width + gap
    return sheet


if __name__ == "__main__":
    base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:8501"
    target = sys.argv[2] if len(sys.argv) > 2 else "docs/days.png"
    strip(frames(base)).save(target, optimize=True)
    print(target)
