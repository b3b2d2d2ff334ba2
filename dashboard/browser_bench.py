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

import json
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


def cmd_bench_browser(args) -> int:
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    env = {k: v for k, v in (("DASHBOARD_EVENTS", args.events), ("DASHBOARD_PLACES", args.places)) if v}
    proc, url = _start_app(env)
    try:
        res = measure(url, args.date, args.moves)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    if args.json:
        print(json.dumps(res))
    else:
        print(f"first map on screen      {res['first_map_s']} s")
        print(f"date change to painted   median {res['date_change_ms_median']} ms, highest "
              f"{res['date_change_ms_max']} ms ({res['moves']} moves, Chromium, 1400x900)")
        print(f"  until the page sends   median {res['until_sent_ms_median']} ms (Streamlit's slider, before any of our code)")
        print(f"  of which drawing       median {res['marker_draw_ms_median']} ms (markers, names, spreading)")
        print(f"sent per move            median {res['bytes_per_move_median']:,} bytes")
        print(f"map frame heap           {res['map_heap_mb']} MB after the moves")
        print(f"console errors           {len(res['console_errors'])}")
        for e in res["console_errors"][:10]:
            print("  " + e[:200])
    return 1 if res["console_errors"] else 0


def register(sub) -> None:
    p = sub.add_parser("bench-browser", help="time date changes in Chromium, as a reader feels them")
    p.add_argument("--date", default="2024-11-27", help="first date (default 2024-11-27); each move is a day later")
    p.add_argument("--moves", type=int, default=15, help="date changes to time (default 15)")
    p.add_argument("--events", help="events CSV (default: bundled)")
    p.add_argument("--places", help="places CSV (default: bundled)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=cmd_bench_browser)
