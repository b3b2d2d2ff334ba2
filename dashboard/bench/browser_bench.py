"""``python -m dashboard bench-browser``: what a reader feels, measured in
Chromium. Starts the app on this machine (bundled data, or the files named),
opens it in Debian's headless Chromium with every request off the machine
blocked, and moves the date control with the keyboard, one day at a time.

For each move it times the key press until the new markers are painted (the
map frame's draw counter moves, then the next animation frame), and counts
the bytes the server sent over the websocket. Prints medians and the
highest figure, and the console errors seen. Needs playwright (the test
requirements) and /usr/bin/chromium; never downloads a browser.

The bytes are counted per websocket frame (one Streamlit message each), so
the map's share (the frames that carry the map component) is told apart from
the rest of the page (the table, the widgets). After the 10th move the page's
JS heap is read (after a garbage collection, through the DevTools protocol).
``baseline=True`` starts the app with DASHBOARD_FULL_LAYER=1: the whole
marker layer is sent and redrawn on every move (what the app did before
markers were kept between dates). :func:`scale` runs both on synthetic data
of several sizes and fits the growth exponents; :func:`plot` draws the curve
for the README.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

REPO = Path(__file__).resolve().parents[2]
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
        cdp = ctx.new_cdp_session(page)
        errors, received, map_bytes, sent_at, map_at = [], [], [], [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def on_frame(payload):
            data = payload if isinstance(payload, bytes) else payload.encode("utf-8", "replace")
            received.append(len(data))
            is_map = b"dashboardDrawMarkers" in data or b"streamlit_folium" in data
            map_bytes.append(len(data) if is_map else 0)
            if is_map:
                map_at.append(time.perf_counter())

        def on_ws(ws):
            ws.on("framereceived", on_frame)
            ws.on("framesent", lambda payload: sent_at.append(time.perf_counter()))
        page.on("websocket", on_ws)
        t0 = time.perf_counter()
        page.goto(f"{url}/?date={date}")
        page.locator(MAP_IFRAME).wait_for(state="attached", timeout=120_000)
        # polled from the page: a Frame taken before the iframe's document loads can miss it
        page.wait_for_function("(sel) => { var f = document.querySelector(sel), w = f && f.contentWindow;"
                               " try { return !!(w && w.L && w.dashboardDrawCount > 0); } catch (e) { return false; } }",
                               arg=MAP_IFRAME, timeout=120_000, polling=20)
        frame = page.locator(MAP_IFRAME).element_handle().content_frame()
        frame.wait_for_function("() => (window.dashboardDrawCount || 0) > 0", timeout=120_000)
        frame.evaluate("() => new Promise(function (r) { requestAnimationFrame(function () { r(); }); })")
        first_map = time.perf_counter() - t0
        page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]')"
                               ".dataset.testScriptState === 'notRunning'", timeout=120_000)
        page.wait_for_timeout(1500)
        first_bytes, first_map_bytes = sum(received), sum(map_bytes)
        frame.evaluate("""() => { var f = window.dashboardDrawMarkers; window.__drawMs = [];
            window.dashboardDrawMarkers = function () { var t = performance.now(); var r = f.apply(this, arguments);
              window.__drawMs.push(performance.now() - t); return r; }; }""")
        fulls_before = frame.evaluate("() => window.dashboardFullCount || 0")
        slider = page.locator('[data-testid="stSlider"] input[type="range"]')
        times, sizes, map_sizes, to_server, to_map, heap = [], [], [], [], [], None
        for k in range(moves):
            count = frame.evaluate("() => window.dashboardDrawCount")
            before, before_map = sum(received), sum(map_bytes)
            slider.focus()
            start = time.perf_counter()
            n_sent, n_map = len(sent_at), len(map_at)
            page.keyboard.press("ArrowRight")
            frame.wait_for_function("(n) => window.dashboardDrawCount > n", arg=count, timeout=60_000)
            frame.evaluate("() => new Promise(function (r) { requestAnimationFrame(function () { r(); }); })")
            times.append((time.perf_counter() - start) * 1000)
            if len(sent_at) > n_sent:
                to_server.append((sent_at[n_sent] - start) * 1000)
            if len(map_at) > n_map:
                to_map.append((map_at[-1] - start) * 1000)
            page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]')"
                                   ".dataset.testScriptState === 'notRunning'", timeout=60_000)
            page.wait_for_timeout(200)
            sizes.append(sum(received) - before)
            map_sizes.append(sum(map_bytes) - before_map)
            if k == 9:  # the page's heap after 10 moves, garbage collected
                cdp.send("HeapProfiler.collectGarbage")
                heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
        if heap is None:
            cdp.send("HeapProfiler.collectGarbage")
            heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
        draw = frame.evaluate("() => window.__drawMs")
        fulls = frame.evaluate("() => window.dashboardFullCount || 0") - fulls_before
        resyncs = frame.evaluate("() => window.dashboardResyncCount || 0")
        browser.close()
    return {"first_map_s": round(first_map, 2), "first_paint_bytes": first_bytes, "first_paint_map_bytes": first_map_bytes,
            "moves": moves, "date_change_ms_median": round(statistics.median(times), 1),
            "date_change_ms_max": round(max(times), 1),
            "bytes_per_move_median": int(statistics.median(sizes)),
            "map_bytes_per_move_median": int(statistics.median(map_sizes)),
            "heap_mb_after_moves": round(heap / 1e6, 1), "heap_after_moves": min(moves, 10),
            "until_sent_ms_median": round(statistics.median(to_server), 1) if to_server else None,
            "until_map_message_ms_median": round(statistics.median(to_map), 1) if to_map else None,
            "marker_draw_ms_median": round(statistics.median(draw), 1) if draw else None,
            "full_layers_during_moves": fulls, "resyncs": resyncs,
            "console_errors": errors}


def run(date, moves, events=None, places=None, baseline: bool = False) -> dict:
    """Start the app (on ``events``/``places`` when given), time ``moves`` date
    changes from ``date``; ``baseline``: the whole layer on every move."""
    env = {k: v for k, v in (("DASHBOARD_EVENTS", events), ("DASHBOARD_PLACES", places)) if v}
    if baseline:
        env["DASHBOARD_FULL_LAYER"] = "1"
    proc, url = _start_app(env)
    try:
        res = measure(url, date, moves)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return res


# ------------------------------------------------------------ scale curve

SIZES = ((5_000, 200_000), (20_000, 1_000_000))
FIGURES = (("date_change_ms_median", "date change, median (ms)"), ("bytes_per_move_median", "bytes per move (page)"),
           ("map_bytes_per_move_median", "bytes per move (map)"), ("heap_mb_after_moves", "page JS heap after 10 moves (MB)"),
           ("first_map_s", "first map (s)"))


def exponent(x0: float, y0: float, x1: float, y1: float) -> float | None:
    """The growth exponent k of y ~ x^k through two points (None if undefined)."""
    if min(x0, y0, x1, y1) <= 0 or x0 == x1:
        return None
    return round(math.log(y1 / y0) / math.log(x1 / x0), 2)


def scale(sizes=SIZES, moves: int = 10, date: str = "2024-11-27", data_dir: str | None = None,
          baseline: bool = True, log=print) -> dict:
    """Ours (and the baseline) at each size of synthetic data (made once in
    ``data_dir``, or a temporary folder), and the growth exponents between
    the smallest and the largest size, per place."""
    import tempfile

    from dashboard.bench.synth import synthesize

    root = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="bench-browser-"))
    rows = []
    for n_places, n_events in sizes:
        out = root / f"synth-{n_places}-{n_events}"
        if not (out / "events.csv").exists():
            log(f"writing synthetic data: {n_places:,} places, {n_events:,} claims in {out}")
            synthesize(n_places, n_events, out)
        for mode in (("ours", "baseline") if baseline else ("ours",)):
            log(f"{n_places:,} places / {n_events:,} claims: {mode} ...")
            res = run(date, moves, str(out / "events.csv"), str(out / "places.csv"), baseline=mode == "baseline")
            rows.append({"places": n_places, "claims": n_events, "mode": mode, **res})
    growth = {}
    for mode in {r["mode"] for r in rows}:
        mine = sorted((r for r in rows if r["mode"] == mode), key=lambda r: r["places"])
        if len(mine) > 1:
            a, b = mine[0], mine[-1]
            growth[mode] = {key: exponent(a["places"], a[key], b["places"], b[key]) for key, _ in FIGURES
                            if a.get(key) is not None and b.get(key) is not None}
    return {"moves": moves, "date": date, "rows": rows, "growth": growth}


def report(result: dict) -> str:
    """The scale figures as a text table, ours next to the baseline, and the exponents."""
    rows = result["rows"]
    lines = [f"browser, {result['moves']} date changes from {result['date']} (medians; bytes over the websocket):",
             "  " + "; ".join(f"{k}: {label}" for k, label in FIGURES), ""]
    lines.append(f"{'places / claims':<18} {'mode':<9} {'change ms':>10} {'page B':>10} {'map B':>10} "
                 f"{'heap MB':>8} {'first s':>8} {'full/moves':>10}")
    for r in rows:
        lines.append(f"{r['places']:,} / {r['claims']:,}".ljust(18) + f" {r['mode']:<9} "
                     f"{r['date_change_ms_median']:>10.1f} {r['bytes_per_move_median']:>10,} "
                     f"{r['map_bytes_per_move_median']:>10,} {r['heap_mb_after_moves']:>8.1f} {r['first_map_s']:>8.1f} "
                     f"{r['full_layers_during_moves']:>4}/{r['moves']:<5}")
    for mode, g in sorted(result.get("growth", {}).items()):
        lines.append(f"growth exponent per place ({mode}): "
                     + ", ".join(f"{k.replace('_median', '')} {v}" for k, v in g.items()))
    return "\n".join(lines)


def plot(result: dict, path) -> Path:
    """The scale curve (date change and bytes per move against places, ours
    and the baseline, log-log) as an SVG, for the README. Needs matplotlib
    (a test requirement)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from matplotlib.ticker import FuncFormatter, NullFormatter

    matplotlib.rcParams["svg.hashsalt"] = "dashboard"  # the same figures, the same file
    fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.8))
    panels = (("date_change_ms_median", "date change until painted, median (ms)", 1, {5000: 120, 20000: 300}),
              ("bytes_per_move_median", "bytes per move (kB): the page; dotted: the map", 1e3, {5000: 50, 20000: 200}))
    sizes = sorted({r["places"] for r in result["rows"]})
    plain = FuncFormatter(lambda v, _: f"{v:,.0f}")
    for ax, (key, title, unit, target) in zip(axes, panels):
        for mode, style in (("baseline", dict(color="#D55E00", marker="s", linestyle="--")),
                            ("ours", dict(color="#0072B2", marker="o"))):
            pts = sorted((r["places"], r[key] / unit) for r in result["rows"] if r["mode"] == mode)
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], label="whole layer every move" if mode == "baseline"
                        else "only what changed", **style)
                for x, y in pts:
                    ax.annotate(f"{y:,.0f}", (x, y), textcoords="offset points", xytext=(5, 3), fontsize=8)
            if key == "bytes_per_move_median":  # the map's own share, dotted
                pts = sorted((r["places"], r["map_bytes_per_move_median"] / unit) for r in result["rows"]
                             if r["mode"] == mode)
                if pts:
                    ax.plot([p[0] for p in pts], [p[1] for p in pts], color=style["color"], linestyle=":",
                            marker=style["marker"], markerfacecolor="none",
                            label=("map only, " + ("whole layer" if mode == "baseline" else "what changed")))
                    for x, y in pts:
                        ax.annotate(f"{y:,.0f}", (x, y), textcoords="offset points", xytext=(5, -10), fontsize=8)
        tx = [x for x in sizes if x in target]
        if tx:
            ax.scatter(tx, [target[x] for x in tx], marker="_", s=300, color="#333333", label="target", zorder=3)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(sizes)
        ax.xaxis.set_major_formatter(plain)
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(plain)
        ax.tick_params(axis="y", which="minor", labelsize=7)
        ax.set_xlabel("places (40-50 claims each)")
        ax.set_title(title, fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle(f"Chromium on this machine, {result['moves']} date changes a day apart; "
                 "python -m dashboard bench-browser --scale --plot docs/scale.svg", fontsize=8)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
    return path


def save(result: dict, path) -> None:
    Path(path).write_text(json.dumps(result, indent=1), encoding="utf-8")
