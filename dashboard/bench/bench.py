"""``python -m dashboard bench``: figures for the bundled data and a large
synthetic data set, each next to a straightforward baseline.

Ours: validated load cached once, state by binary search on a prebuilt
timeline, markers as one GeoJSON layer added to an unchanged base map
(streamlit-folium ``feature_group_to_add``). Baseline: filter + groupby on
every move, one folium object per marker, the whole map rebuilt and re-sent.

Every figure is the median of ``--repeat`` runs. Nothing here asserts a time;
the tests only check that the figures are produced and well formed.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.data import DEFAULT_EVENTS, DEFAULT_PLACES, load_dataset, to_day

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"

# The baseline app: what one would write first.
BASELINE_APP = textwrap.dedent('''
    import datetime as dt, os, sys
    sys.path.insert(0, {root!r})
    import folium, pandas as pd, streamlit as st
    from streamlit_folium import st_folium

    @st.cache_data
    def load(e, p):
        return pd.read_csv(e, dtype=str, keep_default_na=False), pd.read_csv(p, keep_default_na=False)

    ev, pl = load(os.environ["DASHBOARD_EVENTS"], os.environ["DASHBOARD_PLACES"])
    ev["day"] = pd.to_datetime(ev["date_end"].where(ev["date_end"] != "", ev["date"]), format="mixed")
    lo, hi = ev["day"].min().date(), ev["day"].max().date()
    d = st.slider("date", lo, hi, hi, key="date")
    latest = ev[ev["day"] <= pd.Timestamp(d)].sort_values("day").groupby("place").tail(1)
    state = latest.merge(pl, left_on="place", right_on="name")
    m = folium.Map(location=[35.5, 37.5], zoom_start=7, tiles=None)
    for r in state.itertuples():
        folium.CircleMarker([float(r.lat), float(r.lon)], radius=7, fill=True,
                            tooltip=f"{{r.place}}: {{r.actor}}", popup=r.quote).add_to(m)
    st_folium(m, key="map", height=560)
''')


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm-up: imports, template compilation
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def baseline_state(ev: pd.DataFrame, places: pd.DataFrame, date) -> pd.DataFrame:
    """Filter + groupby on every move."""
    d = to_day(date)
    latest = ev[ev["end_day"] <= d].sort_values("end_day").groupby("place").tail(1)
    out = latest.merge(places, left_on="place", right_on="name")
    out["colour"] = "#888888"
    out["controller"] = out["actor"]
    return out


def _sample_dates(ds, k: int) -> list[pd.Timestamp]:
    rng = np.random.default_rng(1)
    lo, hi = to_day(ds.first_day), to_day(ds.last_day)
    return [pd.Timestamp(np.datetime64(int(x), "D")) for x in rng.integers(lo, hi + 1, size=k)]


def _feature_group_bytes(ds, state) -> int:
    """What streamlit-folium sends for the markers when only the date changes."""
    from streamlit_folium import _get_feature_group_string

    from dashboard.map import mapview

    m = mapview.base_map(ds, asset_base="../x/")
    return len(_get_feature_group_string(mapview.marker_layer(state, ds.actors), m).encode("utf-8"))


def _component_args_bytes(m, fg=None) -> int:
    """Bytes of the st_folium arguments that a rerun sends (script, header,
    html, feature group)."""
    from streamlit_folium import _get_feature_group_string, _get_header, _get_html, _get_map_string

    m.render()
    total = len(_get_html(m)) + len(_get_header(m)) + len(_get_map_string(m))
    if fg is not None:
        total += len(_get_feature_group_string(fg, m))
    return total


def _apptest_figures(app_path: Path, env: dict, repeat: int, dates: list) -> dict:
    """Run the app in a fresh process under AppTest: cold start, median rerun
    after a slider move (none if ``dates`` is empty), peak memory. A
    subprocess so memory and imports are the app's own."""
    code = textwrap.dedent(f'''
        import json, resource, statistics, sys, time
        t0 = time.perf_counter()
        sys.path.insert(0, {str(ROOT)!r})
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file({str(app_path)!r}, default_timeout=600)
        at.run()
        cold = time.perf_counter() - t0
        assert not at.exception, [e.message for e in at.exception]
        def walk(node, acc):
            p = getattr(node, "proto", None)
            if p is not None and hasattr(p, "ByteSize"):
                acc.append(p.ByteSize())
            ch = getattr(node, "children", None)
            for c in (ch.values() if isinstance(ch, dict) else ch or []):
                walk(c, acc)
        from dashboard.bench import apptest_fragments
        import datetime as dt
        dates = {[str(x.date()) for x in dates]!r}

        def move(d):
            # what the server runs when the slider moves: the view fragment when the page has one
            at.slider(key="date").set_value(dt.date.fromisoformat(d))
            if apptest_fragments.fragment_ids(at, "view"):
                apptest_fragments.rerun(at, "view")
            else:
                at.run()
            assert not at.exception, [e.message for e in at.exception]

        times, sizes, page_times = [], [], []
        if dates:
            move(dates[-1])  # warm-up, untimed
        for d in dates[:-1]:
            t = time.perf_counter()
            move(d)
            times.append((time.perf_counter() - t) * 1000)
            acc = []
            walk(apptest_fragments.element_tree(at), acc)
            sizes.append(sum(acc))
        if dates:  # the whole page at the same dates and filter (a filter change also resends the whole layer)
            at.run()
            for d in dates[:-1]:
                at.slider(key="date").set_value(dt.date.fromisoformat(d))
                t = time.perf_counter()
                at.run()
                page_times.append((time.perf_counter() - t) * 1000)
                assert not at.exception, [e.message for e in at.exception]
        from dashboard.core import store
        store.flush()  # the disk cache is written in the background: count it too
        try:  # VmHWM: this process's own peak (ru_maxrss can carry the parent's over exec)
            hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
            peak = int(hwm) / 1024
        except OSError:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"cold_start_s": cold, "rerun_ms": statistics.median(times) if times else None,
                          "page_rerun_ms": statistics.median(page_times) if page_times else None,
                          "page_bytes": statistics.median(sizes) if sizes else None, "peak_mb": peak}}))
    ''')
    run_env = dict(os.environ, **env)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=run_env, timeout=1800)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(events: Path, places: Path, repeat: int = 5, app: bool = True) -> dict:
    """All figures for one data set, ours and the baseline."""
    from dashboard.core import control
    from dashboard.map import mapview

    res: dict = {"events_file": str(events), "places_file": str(places)}
    loads = []
    for _ in range(max(1, min(repeat, 3))):
        t = time.perf_counter()
        ds = load_dataset(events, places)
        control.build_timeline(ds)
        loads.append(time.perf_counter() - t)
    res["claims"], res["places"] = len(ds.events), len(ds.places)
    res["load_validate_s"] = statistics.median(loads)
    dates = _sample_dates(ds, max(5, 2 * repeat) + 1)
    it = iter(dates * 100)
    res["state_ms"] = _median_ms(lambda: control.state_at(ds, next(it), include_unreported=True), repeat)
    res["baseline_state_ms"] = _median_ms(lambda: baseline_state(ds.events, ds.places, next(it)), repeat)
    state = control.state_at(ds, dates[0], include_unreported=True)
    res["map_build_ms"] = _median_ms(lambda: _component_args_bytes(mapview.base_map(ds, "../x/"), mapview.marker_layer(state, ds.actors)), repeat)
    res["baseline_map_build_ms"] = _median_ms(lambda: _component_args_bytes(mapview.baseline_map(state, ds.actors)), max(1, min(repeat, 3)))
    res["bytes_per_date_change"] = _feature_group_bytes(ds, state)
    res["baseline_bytes_per_date_change"] = _component_args_bytes(mapview.baseline_map(state, ds.actors))
    if app:
        res.update(_app_figures(events, places, repeat, dates))
    return res


def _app_figures(events: Path, places: Path, repeat: int, dates: list) -> dict:
    """The AppTest figures, each cold start the median of fresh processes:
    ``repeat`` first-ever starts (each with an empty disk cache; the first
    also moves the slider while the cache is being written), ``repeat``
    starts with the cache filled, and up to 3 of the baseline. Peak memory
    is the highest seen."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        def env(cache: str) -> dict:
            return {"DASHBOARD_EVENTS": str(events), "DASHBOARD_PLACES": str(places),
                    "DASHBOARD_CACHE_DIR": str(Path(tmp) / cache)}

        first = [_apptest_figures(APP, env(f"fresh{i}"), repeat, dates if i == 0 else []) for i in range(repeat)]
        ours = [_apptest_figures(APP, env("fresh0"), repeat, dates if i == 0 else []) for i in range(repeat)]
        base_app = Path(tmp) / "baseline_app.py"
        base_app.write_text(BASELINE_APP.format(root=str(ROOT)), encoding="utf-8")
        base = [_apptest_figures(base_app, env("unused"), repeat, dates if i == 0 else [])
                for i in range(max(1, min(repeat, 3)))]

    def med(runs, key):
        vals = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    def peak(runs):
        vals = [r["peak_mb"] for r in runs if r.get("peak_mb") is not None]
        return max(vals) if vals else None

    out["cold_start_first_s"] = med(first, "cold_start_s")
    out["cold_start_s"] = med(ours, "cold_start_s")
    out["rerun_ms"] = ours[0].get("rerun_ms")
    out["page_rerun_ms"] = ours[0].get("page_rerun_ms")
    out["page_bytes_per_date_change"] = round(ours[0]["page_bytes"]) if ours[0].get("page_bytes") is not None else None
    out["baseline_page_bytes_per_date_change"] = round(base[0]["page_bytes"]) if base[0].get("page_bytes") is not None else None
    out["peak_first_mb"] = peak(first)
    out["peak_mb"] = peak(ours)
    out["baseline_cold_start_s"] = med(base, "cold_start_s")
    out["baseline_rerun_ms"] = base[0].get("rerun_ms")
    out["baseline_peak_mb"] = peak(base)
    for name, runs in (("app_first", first), ("app", ours), ("baseline_app", base)):
        errors = [r["error"] for r in runs if "error" in r]
        if errors:
            out[f"{name}_error"] = errors[0]
    return out


ROWS = [
    ("load + validate + timeline (s)", "load_validate_s", None),
    ("state at a date (ms)", "state_ms", "baseline_state_ms"),
    ("map build (ms)", "map_build_ms", "baseline_map_build_ms"),
    # what the page holds, not what a move sends: a date change sends only the places that changed
    # (bench-browser measures the bytes over the websocket)
    ("map bytes, the whole layer", "bytes_per_date_change", "baseline_bytes_per_date_change"),
    # ours: the view fragment's elements (what a move draws); the baseline: its whole page
    ("page element bytes (AppTest tree)", "page_bytes_per_date_change", "baseline_page_bytes_per_date_change"),
    ("app rerun after slider move (ms)", "rerun_ms", "baseline_rerun_ms"),  # ours: the view fragment
    ("whole page rerun, same filter (ms)", "page_rerun_ms", None),
    ("cold start, first ever (s)", "cold_start_first_s", None),
    ("cold start (s)", "cold_start_s", "baseline_cold_start_s"),
    ("peak memory, first ever (MB)", "peak_first_mb", None),
    ("peak memory (MB)", "peak_mb", "baseline_peak_mb"),
]


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.3f}" if v < 10 else f"{v:,.1f}"
    return f"{v:,}"


def report(results: list[dict]) -> str:
    lines = []
    for r in results:
        lines.append(f"\n{r['label']}: {r['places']:,} places, {r['claims']:,} claims")
        lines.append(f"  {'figure':36} {'ours':>14} {'baseline':>14} {'baseline/ours':>14}")
        for title, key, base in ROWS:
            ours, b = r.get(key), r.get(base) if base else None
            ratio = f"{b / ours:,.1f}x" if isinstance(ours, (int, float)) and isinstance(b, (int, float)) and ours else "-"
            lines.append(f"  {title:36} {_fmt(ours):>14} {_fmt(b):>14} {ratio:>14}")
        for k, v in r.items():
            if k.endswith("_error"):
                lines.append(f"  {k}: {v}")
    return "\n".join(lines)


def machine() -> str:
    import platform

    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"


def parse_sizes(text: str) -> list[tuple[int, int]]:
    """``"5000x200000,20000x1000000"`` -> [(5000, 200000), (20000, 1000000)]."""
    sizes = []
    for part in text.split(","):
        n_places, sep, n_events = part.strip().lower().partition("x")
        if not sep or not n_places.strip().isdigit() or not n_events.strip().isdigit():
            raise ValueError(f"size {part.strip()!r} is not PLACESxCLAIMS (e.g. 5000x200000)")
        sizes.append((int(n_places), int(n_events)))
    return sizes


def growth(results: list[dict]) -> dict:
    """Growth exponents between the two largest synthetic data sets, per
    figure: k in figure ~ claims**k (1: linear in the claims; 0: flat)."""
    syn = sorted((r for r in results if r.get("label") == "synthetic"), key=lambda r: r["claims"])
    if len(syn) < 2:
        return {}
    a, b = syn[-2], syn[-1]
    out = {"from": f"{a['places']:,} places / {a['claims']:,} claims", "to": f"{b['places']:,} places / {b['claims']:,} claims",
           "exponents": {}}
    if b["claims"] == a["claims"]:
        return {}
    for _, key, base in ROWS:
        for k in (key, base):
            if k and isinstance(a.get(k), (int, float)) and isinstance(b.get(k), (int, float)) and a[k] > 0 and b[k] > 0:
                out["exponents"][k] = math.log(b[k] / a[k]) / math.log(b["claims"] / a["claims"])
    return out


def growth_report(g: dict) -> str:
    if not g:
        return ""
    lines = [f"\ngrowth exponents, {g['from']} -> {g['to']} (figure ~ claims^k)",
             f"  {'figure':36} {'ours':>14} {'baseline':>14}"]
    for title, key, base in ROWS:
        ours, b = g["exponents"].get(key), g["exponents"].get(base) if base else None
        if ours is None and b is None:
            continue
        lines.append(f"  {title:36} {'-' if ours is None else f'{ours:.2f}':>14} {'-' if b is None else f'{b:.2f}':>14}")
    return "\n".join(lines)


def run(events, places, n_places, n_events, repeat, app=True, sizes=None) -> list[dict]:
    """Figures for the bundled data (or ``events``/``places``) and a synthetic data set
    of ``n_places`` places and ``n_events`` claims, or one for each of ``sizes``
    ((places, claims) pairs)."""
    from dashboard.bench import synth

    results = []
    r = measure(Path(events or DEFAULT_EVENTS), Path(places or DEFAULT_PLACES), repeat, app=app)
    r["label"] = "bundled data"
    results.append(r)
    for sp, se in sizes or [(n_places, n_events)]:
        with tempfile.TemporaryDirectory() as tmp:
            synth.synthesize(sp, se, tmp, seed=0)
            r = measure(Path(tmp) / "events.csv", Path(tmp) / "places.csv", repeat, app=app)
            r["label"] = "synthetic"
            results.append(r)
    return results
