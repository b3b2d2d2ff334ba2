"""``python -m dashboard bench-browser``: what a reader feels, measured in
Chromium. Starts the app on this machine (bundled data, or the files named),
opens it in Debian's headless Chromium with every request off the machine
blocked, and moves the date control with the keyboard, one day at a time.

For each move it times the key press until the new markers are painted (the
map frame's draw counter moves, then the next animation frame), and counts
the bytes the server sent over the websocket. Prints medians and the
highest figure, and the console errors seen. Needs playwright (the test
requirements) and /usr/bin/chromium; never downloads a browser.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_app(env: dict) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=str(REPO), env=os.environ | env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the app did not start within 30 s")


def measure(url: str, date: str, moves: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
        page = ctx.new_page()
        errors, received, sent_at = [], [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        def on_ws(ws):
            ws.on("framereceived", lambda payload: received.append(len(payload)))
            ws.on("framesent", lambda payload: sent_at.append(time.perf_counter()))
        page.on("websocket", on_ws)
        t0 = time.perf_counter()
        page.goto(f"{url}/?date={date}")
        page.locator(MAP_IFRAME).wait_for(state="attached", timeout=60_000)
        frame = page.locator(MAP_IFRAME).element_handle().content_frame()
        frame.wait_for_function("() => (window.dashboardDrawCount || 0) > 0", timeout=60_000)
        first_map = time.perf_counter() - t0
        page.wait_for_timeout(1500)
        frame.evaluate("""() => { var f = window.dashboardDrawMarkers; window.__drawMs = [];
            window.dashboardDrawMarkers = function () { var t = performance.now(); var r = f.apply(this, arguments);
              window.__drawMs.push(performance.now() - t); return r; }; }""")
        slider = page.locator('[data-testid="stSlider"] input[type="range"]')
        times, sizes, to_server = [], [], []
        for _ in range(moves):
            count = frame.evaluate("() => window.dashboardDrawCount")
            before = sum(received)
            slider.focus()
            start = time.perf_counter()
            n_sent = len(sent_at)
            page.keyboard.press("ArrowRight")
            frame.wait_for_function("(n) => window.dashboardDrawCount > n", arg=count, timeout=60_000)
            frame.evaluate("() => new Promise(function (r) { requestAnimationFrame(function () { r(); }); })")
            times.append((time.perf_counter() - start) * 1000)
            if len(sent_at) > n_sent:
                to_server.append((sent_at[n_sent] - start) * 1000)
            page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]')"
                                   ".dataset.testScriptState === 'notRunning'", timeout=60_000)
            page.wait_for_timeout(200)
            sizes.append(sum(received) - before)
        heap = frame.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : null")
        draw = frame.evaluate("() => window.__drawMs")
        browser.close()
    return {"first_map_s": round(first_map, 2), "moves": moves,
            "date_change_ms_median": round(statistics.median(times), 1), "date_change_ms_max": round(max(times), 1),
            "bytes_per_move_median": int(statistics.median(sizes)), "map_heap_mb": round(heap / 1e6, 1) if heap else None,
            "until_sent_ms_median": round(statistics.median(to_server), 1) if to_server else None,
            "marker_draw_ms_median": round(statistics.median(draw), 1) if draw else None,
            "console_errors": errors}


def run(date, moves, events=None, places=None) -> dict:
    """Start the app (on ``events``/``places`` when given), time ``moves`` date changes from ``date``."""
    env = {k: v for k, v in (("DASHBOARD_EVENTS", events), ("DASHBOARD_PLACES", places)) if v}
    proc, url = _start_app(env)
    try:
        res = measure(url, date, moves)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return res
