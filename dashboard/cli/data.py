"""The commands that read the data set and print what it says: ``validate``, ``state``, ``verify-quotes``
and ``coverage``."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.cli.command import ACTOR_OPTION, DATA_OPTIONS, command, day, iso_date, load, opt
from dashboard.core import control
from dashboard.core.known_then import KNOWN_THEN_MAX_CLAIMS, NOTHING_KNOWN, known_then
from dashboard.exports import coverage, registry
from dashboard.map import wording
from dashboard.ingest import acled


@command("validate", "check the data files; list every problem as FILE:LINE: message", DATA_OPTIONS)
def cmd_validate(args) -> int:
    ds = load(args, cached=False)
    if ds is None:
        return 1
    ev = ds.events
    n = acled.plural
    reports = coverage.report_count(ev)
    print(f"ok: {n(len(ev), 'claim')} about {n(ev['place'].nunique(), 'place')} from {n(reports, 'report')}, "
          f"{n(len(ds.places), 'place')}, {n(len(ds.actors), 'actor')}, "
          f"{ds.first_day.date()} to {ds.last_day.date()}")
    for line in wording.attribution_warnings(ds):
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
    ds = load(args)
    if ds is None:
        return 1
    unknown = [a for a in args.actor or [] if a not in set(ds.actors["name"])]
    if unknown:
        print(f"error: unknown actor(s): {', '.join(unknown)}; known: {', '.join(ds.actors['name'])}", file=sys.stderr)
        return 2
    if getattr(args, "as_known_then", False):
        then = known_then(ds, day(args.date))
        if then is None or then is NOTHING_KNOWN:
            print(f"--as-known-then: no report published by {args.date}, or more than "
                  f"{KNOWN_THEN_MAX_CLAIMS:,} claims", file=sys.stderr)
            return 2
        ds = then
    state = control.state_at(ds, day(args.date), actors=args.actor)
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
    ds = load(args)
    if ds is None:
        return 1
    res = verify_quotes(ds.events, folders, str(ds.paths["events"]))
    for f in res.failures:
        print(f, file=sys.stderr)
    print(f"{res.checked} quote(s) checked, {len(res.failures)} failure(s), {res.skipped} summary row(s) skipped")
    return 1 if res.failures else 0


@command("coverage", "what the data covers, as Markdown: places by day, publishers, disagreements", (
    opt("--from", dest="date_from", help=f"first day of the places-by-day table (default: {coverage.DEFAULT_DAYS} "
                                         "days before --to)"),
    opt("--to", dest="date_to", help="last day of the table (default: the last claim's day)"),
    *DATA_OPTIONS))
def cmd_coverage(args) -> int:
    start = iso_date(args.date_from, "--from") if args.date_from else None
    end = iso_date(args.date_to, "--to") if args.date_to else None
    ds = load(args)
    if ds is None:
        return 1
    start, end = coverage.resolve_period(ds, start, end)
    if end < start:
        print(f"error: --to {end} is before --from {start}", file=sys.stderr)
        return 2
    sys.stdout.write(coverage.coverage_markdown(ds, start, end))
    return 0
