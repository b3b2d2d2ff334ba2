"""The commands that measure: ``synth`` (synthetic data), ``bench``, ``bench-browser`` and ``bench-acled``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dashboard.bench import bench, browser_bench, synth
from dashboard.cli.command import command, opt


@command("synth", "write a synthetic data set (events, places, actors) for load testing", (
    opt("--places", type=int, required=True, metavar="N", help="number of places"),
    opt("--events", type=int, required=True, metavar="M", help="number of claims (events.csv rows)"),
    opt("--out", required=True, metavar="DIR", help="output folder (created if needed)"),
    opt("--seed", type=int, default=0, help="random seed (default 0); same seed, same files"),
    opt("--hostile", action="store_true", help="include script-injection strings in names and quotes")),
    description="Write DIR/events.csv, DIR/places.csv and DIR/actors.csv with synthetic, "
                "clearly labelled data that passes validation.")
def cmd_synth(args) -> int:
    try:
        s = synth.synthesize(args.places, args.events, args.out, seed=args.seed, hostile=args.hostile)
    except ValueError as exc:
        print(f"synth: {exc}")
        return 2
    print(f"wrote {s['events']:,} events, {s['places']:,} places, {s['actors']} actors to {args.out} "
          f"(seed {s['seed']}{', hostile' if s['hostile'] else ''}; {s['disagreements']:,} disagreements, "
          f"{s['contested']:,} contested) in {s['seconds']:.2f} s")
    return 0


@command("bench", "print speed and size figures, ours against a straightforward baseline", (
    opt("--places", dest="places_n", type=int, default=5000, help="synthetic places (default 5000)"),
    opt("--events", dest="events_n", type=int, default=200_000, help="synthetic claims (default 200000)"),
    opt("--sizes", metavar="PxC,...", help="several synthetic sizes, e.g. 5000x200000,20000x1000000 "
        "(overrides --places/--events); growth exponents between the last two are printed"),
    opt("--repeat", type=int, default=5, help="runs per figure; medians are printed (default 5)"),
    opt("--bundled-events", dest="events", help="events file for the first data set (default: bundled)"),
    opt("--bundled-places", dest="places", help="places file for the first data set (default: bundled)"),
    opt("--no-app", action="store_true", help="skip the AppTest figures (rerun, cold start, memory)"),
    opt("--json", action="store_true", help="print the figures as JSON"),
    opt("--browser", action="store_true",
        help="also the browser figures (Chromium) at 5k/200k and 20k/1M, ours next to the baseline "
             "(as bench-browser --scale; --plot PATH draws the scale curve)"),
    opt("--plot", help="with --browser: write the scale curve (SVG) here")))
def cmd_bench(args) -> int:
    t0 = time.perf_counter()
    try:
        sizes = bench.parse_sizes(args.sizes) if args.sizes else None
    except ValueError as exc:
        print(f"error: --sizes: {exc}", file=sys.stderr)
        return 2
    results = bench.run(args.events, args.places, args.places_n, args.events_n, args.repeat, app=not args.no_app,
                        sizes=sizes)
    growth = bench.growth(results)
    if args.json:
        print(json.dumps({"machine": bench.machine(), "repeat": args.repeat, "results": results, "growth": growth},
                         indent=1))
    else:
        print(f"machine: {bench.machine()}; medians of {args.repeat} runs; total {time.perf_counter() - t0:.0f} s")
        print(bench.report(results))
        if growth:
            print(bench.growth_report(growth))
    if args.browser:
        args.sizes, args.from_json, args.save, args.data_dir = "5000x200000,20000x1000000", None, None, None
        args.moves, args.json = 10, False
        return _browser_scale(args)
    return 0


def _browser_scale(args) -> int:
    """The browser figures at several sizes, ours next to the baseline (bench --browser, bench-browser --scale)."""
    try:
        sizes = bench.parse_sizes(args.sizes) if args.sizes else []
    except ValueError as exc:
        print(f"error: --sizes: {exc}", file=sys.stderr)
        return 2
    if args.from_json:
        result = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
    else:
        if not Path(browser_bench.CHROMIUM).exists():
            print(f"error: {browser_bench.CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
            return 2
        result = browser_bench.scale(sizes, moves=args.moves, data_dir=args.data_dir,
                                     log=lambda m: print(m, file=sys.stderr))
        if args.save:
            browser_bench.save(result, args.save)
    print(json.dumps(result) if args.json else browser_bench.report(result))
    if args.plot:
        print(f"wrote {browser_bench.plot(result, args.plot)}", file=sys.stderr)
    return 1 if any(r["console_errors"] for r in result["rows"]) else 0


@command("bench-browser", "time date changes in Chromium, as a reader feels them", (
    opt("--date", default="2024-11-27", help="first date (default 2024-11-27); each move is a day later"),
    opt("--moves", type=int, default=15, help="date changes to time (default 15)"),
    opt("--events", help="events CSV (default: bundled)"),
    opt("--places", help="places CSV (default: bundled)"),
    opt("--json", action="store_true", help="print the figures as JSON"),
    opt("--baseline", action="store_true", help="the whole marker layer on every move (the old way)"),
    opt("--scale", action="store_true",
        help="synthetic data at each of --sizes, ours and the baseline, with growth exponents"),
    opt("--sizes", default="5000x200000,20000x1000000", help="PLACESxCLAIMS,... for --scale"),
    opt("--data-dir", help="--scale: keep the synthetic data here (made once; default: a temporary folder)"),
    opt("--save", help="--scale: also write the figures as JSON here"),
    opt("--from-json", help="print and plot figures saved with --save, without measuring"),
    opt("--plot", help="--scale: write the scale curve (SVG) here")))
def cmd_bench_browser(args) -> int:
    if args.scale or args.from_json:
        return _browser_scale(args)
    if not Path(browser_bench.CHROMIUM).exists():
        print(f"error: {browser_bench.CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    res = browser_bench.run(args.date, args.moves, args.events, args.places, baseline=args.baseline)
    if args.json:
        print(json.dumps(res))
    else:
        print(f"first map on screen      {res['first_map_s']} s ({res['first_paint_bytes']:,} bytes, "
              f"{res['first_paint_map_bytes']:,} of them the map)")
        print(f"date change to painted   median {res['date_change_ms_median']} ms, highest "
              f"{res['date_change_ms_max']} ms ({res['moves']} moves, Chromium, 1400x900"
              f"{'; baseline: the whole layer every move' if args.baseline else ''})")
        print(f"  until the page sends   median {res['until_sent_ms_median']} ms (Streamlit's slider, before any of our code)")
        print(f"  until the map's message median {res['until_map_message_ms_median']} ms (the server's rerun, "
              "the page's other elements before it, the transfer)")
        print(f"  of which drawing       median {res['marker_draw_ms_median']} ms (markers, names, spreading)")
        print(f"sent per move            median {res['bytes_per_move_median']:,} bytes "
              f"({res['map_bytes_per_move_median']:,} of them the map)")
        print(f"whole layers sent        {res['full_layers_during_moves']} in {res['moves']} moves "
              f"({res['resyncs']} asked for by the page)")
        print(f"page JS heap             {res['heap_mb_after_moves']} MB after {res['heap_after_moves']} moves "
              "(garbage collected)")
        print(f"console errors           {len(res['console_errors'])}")
        for e in res["console_errors"][:10]:
            print("  " + e[:200])
    return 1 if res["console_errors"] else 0


@command("bench-acled", "time and peak memory of import-acled on a synthetic ACLED export", (
    opt("--rows", type=int, default=500_000),
    opt("--seed", type=int, default=0),
    opt("--keep", help="keep the synthetic CSV and the import's output in this folder")))
def cmd_bench_acled(args) -> int:
    from dashboard.bench import acled_bench

    r = acled_bench.run(args.rows, keep=args.keep, seed=args.seed)
    print(acled_bench.report(r))
    return 0 if r["import_exit"] == 0 else 1
