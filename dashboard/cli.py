"""Command line: ``python -m dashboard COMMAND ...``.

Every command is here, each in one place: ``@command(NAME, help, options)`` over its
``cmd_*`` function declares its options beside it (as datasette's click commands do);
the function takes the parsed args, calls the functions of the modules it drives, prints,
and returns the exit code. ``build_parser`` makes the argparse parser from the commands,
in the order they are declared. The formats of ``state``, ``export`` and ``export-map``
come from the export registry (dashboard/exports/registry.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Callable
from pathlib import Path

import pandas as pd

from dashboard.ingest import acled
from dashboard.core import attribution, control, data, schema
from dashboard.bench import bench, browser_bench, synth
from dashboard.exports import coverage, registry
from dashboard.ingest import accepting, evaluation, extraction
from dashboard.core.known_then import KNOWN_THEN_MAX_CLAIMS, NOTHING_KNOWN, known_then
from dashboard.core.data import DataError, load_dataset


# ------------------------------------------------------------ the commands, each with its options

@dataclass(frozen=True)
class Option:
    """One ``parser.add_argument(*flags, **kwargs)``."""
    flags: tuple
    kwargs: dict


def opt(*flags, **kwargs) -> Option:
    return Option(flags, kwargs)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable  # args -> exit code
    options: tuple = ()
    parser_kwargs: dict = field(default_factory=dict)  # e.g. a description

    def add_arguments(self, parser) -> None:
        for o in self.options:
            parser.add_argument(*o.flags, **o.kwargs)


COMMANDS: list[Command] = []  # in the order ``python -m dashboard --help`` lists them


def command(name: str, help: str, options=(), **parser_kwargs):
    """Declare the decorated ``cmd_*`` function as command ``name`` with ``options`` (``opt(...)``)."""
    def register(run):
        if any(c.name == name for c in COMMANDS):
            raise ValueError(f"command {name!r} is declared twice")
        COMMANDS.append(Command(name, help, run, tuple(options), parser_kwargs))
        return run
    return register


# ------------------------------------------------------------ helpers

DATA_OPTIONS = (
    opt("--events", help="events CSV (default: $DASHBOARD_EVENTS or ./events.csv)"),
    opt("--places", help="places CSV (default: $DASHBOARD_PLACES or geodata/places.csv)"),
    opt("--actors", help="actors CSV (default: $DASHBOARD_ACTORS or actors.csv beside the places file)"),
)
ACTOR_OPTION = opt("--actor", action="append", help="keep places held or contested by this actor (repeatable)")


def _load(args, cached: bool = True):
    """The data set, or None after printing every problem to stderr."""
    from dashboard.core import store

    try:
        if not cached:
            return load_dataset(args.events, args.places, args.actors)
        return store.load(args.events, args.places, args.actors)
    except DataError as err:
        for p in err.problems:
            print(p, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found", file=sys.stderr)
        return None


def _date(value: str) -> pd.Timestamp:
    try:
        ts = pd.to_datetime(value, format="%Y-%m-%d")
    except (ValueError, TypeError):
        ts = pd.NaT
    if pd.isna(ts):  # "" parses to NaT without raising
        raise SystemExit(f"error: --date {value!r} is not a date (YYYY-MM-DD)")
    return pd.Timestamp(ts)


def _iso_date(value: str, opt: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SystemExit(f"error: {opt} {value!r} is not a date (YYYY-MM-DD)") from None


# ------------------------------------------------------------ validate, state, verify-quotes, export-map

@command("validate", "check the data files; list every problem as FILE:LINE: message", DATA_OPTIONS)
def cmd_validate(args) -> int:
    ds = _load(args, cached=False)
    if ds is None:
        return 1
    ev = ds.events
    n = acled.plural
    reports = coverage.report_count(ev)
    print(f"ok: {n(len(ev), 'claim')} about {n(ev['place'].nunique(), 'place')} from {n(reports, 'report')}, "
          f"{n(len(ds.places), 'place')}, {n(len(ds.actors), 'actor')}, "
          f"{ds.first_day.date()} to {ds.last_day.date()}")
    for line in attribution.warnings(ds):
        print(f"warning: {line}", file=sys.stderr)
    return 0


@command("state", "who controls each place on a date", (
    opt("--date", required=True, help="YYYY-MM-DD"),
    ACTOR_OPTION,
    opt("--format", choices=sorted(registry.of_kind("view")), default="json"),
    opt("--as-known-then", action="store_true",
        help="only the claims from reports published by --date (the map as known on that day)"),
    *DATA_OPTIONS))
def cmd_state(args) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    unknown = [a for a in args.actor or [] if a not in set(ds.actors["name"])]
    if unknown:
        print(f"error: unknown actor(s): {', '.join(unknown)}; known: {', '.join(ds.actors['name'])}", file=sys.stderr)
        return 2
    if getattr(args, "as_known_then", False):
        then = known_then(ds, _date(args.date))
        if then is None or then is NOTHING_KNOWN:
            print(f"--as-known-then: no report published by {args.date}, or more than "
                  f"{KNOWN_THEN_MAX_CLAIMS:,} claims", file=sys.stderr)
            return 2
        ds = then
    state = control.state_at(ds, _date(args.date), actors=args.actor)
    fmt = registry.FORMATS[args.format]
    sys.stdout.write(fmt.render(state))
    if not fmt.is_csv:
        sys.stdout.write("\n")
    return 0


@command("verify-quotes", "check each quote is verbatim in its report's text", (
    opt("--sources", required=True, action="append",
        help="folder with the report texts and SOURCES.md (repeat for several folders)"),
    *DATA_OPTIONS))
def cmd_verify_quotes(args) -> int:
    from dashboard.core.quotes import verify_quotes

    folders = [Path(s) for s in args.sources]
    for src in folders:
        if not src.is_dir():
            print(f"error: {src} is not a folder", file=sys.stderr)
            return 2
    ds = _load(args)
    if ds is None:
        return 1
    res = verify_quotes(ds.events, folders, str(ds.paths["events"]))
    for f in res.failures:
        print(f, file=sys.stderr)
    print(f"{res.checked} quote(s) checked, {len(res.failures)} failure(s), {res.skipped} summary row(s) skipped")
    return 1 if res.failures else 0


@command("export-map", "write the map on a date as one self-contained HTML file", (
    opt("--date", required=True, help="YYYY-MM-DD"),
    ACTOR_OPTION,
    opt("--out", required=True, help=f"output {registry.FORMATS['html'].suffix} file"),
    *DATA_OPTIONS))
def cmd_export_map(args) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    html = registry.FORMATS["html"].write(args.out, ds, _date(args.date), actors=args.actor)
    print(f"wrote {args.out} ({len(html.encode('utf-8'))} bytes, opens with no network)")
    return 0


# ------------------------------------------------------------ synth, bench, bench-browser

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


# ------------------------------------------------------------ add-source, accept, add-source-eval

@command("add-source", "propose claims from a new article into a review CSV", (
    opt("article", help="article text file (UTF-8)"),
    opt("--url", required=True),
    opt("--publisher", required=True),
    opt("--published", required=True, help="YYYY-MM-DD; relative dates are resolved against it"),
    opt("--out", required=True, help="REVIEW.csv (new places go to REVIEW.places.csv beside it)"),
    opt("--places", help="places CSV (default: $DASHBOARD_PLACES or geodata/places.csv)"),
    opt("--online", action="store_true", help="ask Nominatim for names the offline gazetteer lacks"),
    opt("--user-agent", help="Nominatim user agent naming the app and a contact"),
    opt("--background", action="store_true",
        help="also propose background claims, dated wholly more than 90 days before publication")))
def cmd_add_source(args) -> int:
    try:
        date.fromisoformat(args.published)
    except ValueError:
        print(f"error: --published {args.published!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    if not data.valid_url(args.url):
        print(f"error: --url {args.url!r} is not an http(s) link", file=sys.stderr)
        return 2
    _, places_path, actors_path = data.resolve_paths(None, args.places)
    try:
        text, places_rows, actors_rows = extraction.read_inputs(args.article, places_path, actors_path)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows, new_places, out, places_out = extraction.write_proposals(
        text, args.out, url=args.url, publisher=args.publisher, published=args.published, places_rows=places_rows,
        actors_rows=actors_rows, places_path=places_path, online=args.online, user_agent=args.user_agent,
        keep_background=args.background)
    by = {s: sum(r["status"] == s for r in rows) for s in schema.STATUSES}
    denials = sum(r["event"] == "denied" for r in rows)
    print(f"{len(rows)} proposed row(s) ({by['controlled']} controlled, {by['contested']} contested, {denials} denial(s)) "
          f"about {len({r['place'] for r in rows})} place(s) -> {out}")
    print(f"{len(new_places)} new place(s) -> {places_out}")
    print(f"review both files (delete wrong rows, fix actors and dates), then: python -m dashboard accept {out}")
    return 0


@command("accept", "append a reviewed CSV to the data if everything still validates", (
    opt("review", help="REVIEW.csv (REVIEW.places.csv beside it is added too)"),
    opt("--events"),
    opt("--places")))
def cmd_accept(args) -> int:
    ev, pl, _ = data.resolve_paths(args.events, args.places)
    problems = accepting.accept(args.review, events_path=ev, places_path=pl)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); nothing was changed", file=sys.stderr)
        return 1
    print(f"added the reviewed rows to {ev}")
    return 0


@command("add-source-eval", "recall and precision of add-source on labelled reports "
         "(LABELS.json), or how many data rows it finds again in the seed texts", (
    opt("--sources", required=True, help="folder with the texts and SOURCES.md (and LABELS.json)"),
    opt("--events"),
    opt("--places"),
    opt("--seeds", action="store_true", help="compare with events.csv rows even if LABELS.json is there"),
    opt("--labelled-only", action="store_true",
        help="only the reports with LABELS.json, not the development and test halves of every read report"),
    opt("--verbose", "-v", action="store_true", help="list missed labels and wrong proposals")))
def cmd_add_source_eval(args) -> int:
    ev, pl, _ = data.resolve_paths(args.events, args.places)
    labels = Path(args.sources) / "LABELS.json"
    if labels.is_file() and not args.seeds:
        if args.labelled_only:
            return _print_label_eval(args.sources, pl, verbose=args.verbose)
        return _print_split_eval(args.sources, ev, pl, verbose=args.verbose)
    res = evaluation.rediscovery(args.sources, ev, pl)
    print(f"{'file':<28} {'rows':>5} {'found':>6} {'proposed':>9} {'not in data':>12}")
    for a in res["articles"]:
        print(f"{a['file']:<28} {a['rows']:>5} {a['rediscovered']:>6} {a['proposals']:>9} {a['not_in_data']:>12}")
    print(f"{'total':<28} {res['rows']:>5} {res['rediscovered']:>6} {res['proposals']:>9} {res['not_in_data']:>12}")
    print(f"rediscovered {res['rediscovered']} of {res['rows']} rows ({res['share']:.0%})")
    return 0


def _print_misses(article: dict) -> None:
    """What add-source-eval -v lists under a report: the claims it missed and the proposals no claim matches."""
    for c in article["missed"]:
        print(f"    missed: {c['place']} | {c['actor']} | {c['date']}..{c.get('date_end', '')} | "
              f"denial={c.get('denial')} | {c.get('quote', '')[:90]}")
    for p in article["wrong"]:
        print(f"    wrong:  {p['place']} | {p['actor']} | {p['date']}..{p['date_end']} | {p['event']} | "
              f"{p['quote'][:90]}")


def _print_label_eval(sources, places_path, *, verbose=False) -> int:
    try:
        res = evaluation.label_eval(sources, places_path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        print(f"error: cannot read the labelled reports in {sources}: {exc}", file=sys.stderr)
        return 2
    print(f"{'file':<40} {'labels':>6} {'found':>6} {'proposed':>9} {'correct':>8} {'recall':>7} {'precision':>10}")
    for a in res["articles"]:
        rec = f"{a['found'] / a['labels']:.0%}" if a["labels"] else "-"
        pre = f"{a['correct'] / a['proposals']:.0%}" if a["proposals"] else "-"
        print(f"{a['file']:<40} {a['labels']:>6} {a['found']:>6} {a['proposals']:>9} {a['correct']:>8} {rec:>7} {pre:>10}")
        if verbose:
            _print_misses(a)
    print(f"{'total':<40} {res['labels']:>6} {res['found']:>6} {res['proposals']:>9} {res['correct']:>8} "
          f"{res['recall']:>7.0%} {res['precision']:>10.0%}")
    print(f"recall {res['recall']:.1%} ({res['found']} of {res['labels']} labelled claims), precision "
          f"{res['precision']:.1%} ({res['correct']} of {res['proposals']} proposals); "
          f"{res['seconds_per_article'] * 1000:.0f} ms per article")
    return 0


def _print_split_eval(sources, events_path, places_path, *, verbose=False) -> int:
    try:
        res = evaluation.split_eval(sources, events_path, places_path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        print(f"error: cannot read the reports in {sources}: {exc}", file=sys.stderr)
        return 2
    print(f"{'file':<44} {'half':<5} {'labels':>6} {'found':>6} {'proposed':>9} {'correct':>8}  labels from")
    for a in res["articles"]:
        print(f"{a['file']:<44} {a['half']:<5} {a['labels']:>6} {a['found']:>6} {a['proposals']:>9} {a['correct']:>8}  "
              f"{a['labels_from']}")
        if verbose:
            _print_misses(a)
    for h, title in (("dev", "development half (odd report numbers; rules tuned here)"),
                     ("test", "test half (even report numbers; never tuned on)")):
        t = res[h]
        print(f"{title}: recall {t['recall']:.1%} ({t['found']} of {t['labels']} claims), precision "
              f"{t['precision']:.1%} ({t['correct']} of {t['proposals']} proposals), {t['reports']} reports, "
              f"{t['seconds_per_article'] * 1000:.0f} ms per article")
    return 0


# ------------------------------------------------------------ import-acled, export

@command("import-acled", "turn an ACLED export's territory changes into events/places/actors CSVs", (
    opt("file", help="ACLED export: the CSV, or the API's JSON"),
    opt("--out", required=True, help="folder for events.csv, places.csv and actors.csv"),
    opt("--places", help="places to match ACLED's locations to (default: $DASHBOARD_PLACES or geodata/places.csv)"),
    opt("--actors", help="actors to match ACLED's actor names to (default: actors.csv beside the places)"),
    opt("--no-match", action="store_true", help="match nothing: every location and actor is new"),
    opt("--strict", action="store_true", help="stop at the first row that cannot be read; write nothing")))
def cmd_import_acled(args) -> int:
    _, places_path, actors_path = data.resolve_paths(None, args.places, args.actors)
    try:
        ref = {}
        for what, path in (("places", places_path), ("actors", actors_path)):
            ref[what] = [] if args.no_match else data.read_rows(path)[1]
        s = acled.import_acled(args.file, args.out, places_rows=ref["places"], actors_rows=ref["actors"],
                               progress=None, strict=args.strict)
    except (acled.AcledFileError, acled.AcledRowError) as exc:
        print(f"error: {exc}" + ("; nothing was written" if isinstance(exc, acled.AcledRowError) else ""), file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError, csv.Error) as exc:  # a missing file, a folder that cannot be written
        print(f"error: {args.file}: {exc}" if not getattr(exc, "filename", None) else f"error: {exc}", file=sys.stderr)
        return 2
    print(acled.summary_text(s) + f"\n-> {args.out}")
    if s["problem_count"]:
        print(f"{acled.plural(s['problem_count'], 'row')} could not be read:", file=sys.stderr)
        for msg in s["problems"]:
            print(f"  {msg}", file=sys.stderr)
        if s["problem_count"] > len(s["problems"]):
            print(f"  ... and {s['problem_count'] - len(s['problems'])} more", file=sys.stderr)
    if not s["events"]:
        print("error: no territory events found", file=sys.stderr)
        return 1
    return 0


@command("bench-acled", "time and peak memory of import-acled on a synthetic ACLED export", (
    opt("--rows", type=int, default=500_000),
    opt("--seed", type=int, default=0),
    opt("--keep", help="keep the synthetic CSV and the import's output in this folder")))
def cmd_bench_acled(args) -> int:
    from dashboard.bench import acled_bench

    r = acled_bench.run(args.rows, keep=args.keep, seed=args.seed)
    print(acled_bench.report(r))
    return 0 if r["import_exit"] == 0 else 1


CLAIM_FORMATS = registry.of_kind("claims")  # acled, kml
WROTE_CLAIMS = {"acled": "wrote {n} row(s) in ACLED layout to {out}",
                "kml": "wrote {n} placemark(s), one per claim, as KML to {out}"}


@command("export", "write the claims in ACLED's column layout (acled) or as KML for Google Earth (kml)", (
    opt("--format", choices=list(CLAIM_FORMATS), default="acled",
        help="; ".join(f"{name}: {f.help}" for name, f in CLAIM_FORMATS.items())),
    opt("--events"),
    opt("--places"),
    opt("--actors"),
    opt("--out", required=True,
        help=f"output file ({', '.join(f'{f.suffix} for {name}' for name, f in CLAIM_FORMATS.items())})")))
def cmd_export(args) -> int:
    try:
        ds = data.load_dataset(args.events, args.places, args.actors)
    except data.DataError as err:
        for p in err.problems:
            print(p, file=sys.stderr)
        return 1
    name = getattr(args, "format", "acled")
    CLAIM_FORMATS[name].write(args.out, ds)
    print(WROTE_CLAIMS.get(name, "wrote {n} claim(s) as " + name + " to {out}").format(n=len(ds.events), out=args.out))
    return 0


# ------------------------------------------------------------ coverage

@command("coverage", "what the data covers, as Markdown: places by day, publishers, disagreements", (
    opt("--from", dest="date_from", help=f"first day of the places-by-day table (default: {coverage.DEFAULT_DAYS} "
                                         "days before --to)"),
    opt("--to", dest="date_to", help="last day of the table (default: the last claim's day)"),
    *DATA_OPTIONS))
def cmd_coverage(args) -> int:
    start = _iso_date(args.date_from, "--from") if args.date_from else None
    end = _iso_date(args.date_to, "--to") if args.date_to else None
    ds = _load(args)
    if ds is None:
        return 1
    start, end = coverage.resolve_period(ds, start, end)
    if end < start:
        print(f"error: --to {end} is before --from {start}", file=sys.stderr)
        return 2
    sys.stdout.write(coverage.coverage_markdown(ds, start, end))
    return 0


# ------------------------------------------------------------ parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Sourced control map of the late-2024 Syria offensive: data checks, state, exports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for cmd in COMMANDS:
        p = sub.add_parser(cmd.name, help=cmd.help, **cmd.parser_kwargs)
        cmd.add_arguments(p)
        p.set_defaults(func=cmd.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
