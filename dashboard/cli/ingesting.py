"""The commands that bring reports in: ``add-source``, ``accept``, ``add-source-eval`` and ``import-acled``."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

from dashboard.cli.command import command, opt
from dashboard.core import data, schema
from dashboard.ingest import accepting, acled, evaluation, extraction


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
    progress: dict = {}
    rows, new_places, out, places_out = extraction.write_proposals(
        text, args.out, url=args.url, publisher=args.publisher, published=args.published, places_rows=places_rows,
        actors_rows=actors_rows, places_path=places_path, online=args.online, user_agent=args.user_agent,
        keep_background=args.background, progress=progress)
    by = {s: sum(r["status"] == s for r in rows) for s in schema.STATUSES}
    denials = sum(r["event"] == "denied" for r in rows)
    print(f"{len(rows)} proposed row(s) ({by['controlled']} controlled, {by['contested']} contested, {denials} denial(s)) "
          f"about {len({r['place'] for r in rows})} place(s) -> {out}")
    print(f"{len(new_places)} new place(s) -> {places_out}")
    if unread := progress["too_long"]:
        print(f"note: {unread} sentence(s) longer than {extraction.MAX_SENTENCE_CHARS:,} characters were not read "
              "(is the text missing its full stops?)", file=sys.stderr)
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
