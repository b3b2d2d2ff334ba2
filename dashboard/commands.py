"""Core commands: validate, state, verify-quotes, export-map."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from dashboard import control, export
from dashboard.data import DataError, load_dataset


def _data_args(p) -> None:
    p.add_argument("--events", help="events CSV (default: $DASHBOARD_EVENTS or ./events.csv)")
    p.add_argument("--places", help="places CSV (default: $DASHBOARD_PLACES or geodata/places.csv)")
    p.add_argument("--actors", help="actors CSV (default: $DASHBOARD_ACTORS or actors.csv beside the places file)")


def _load(args, cached: bool = True):
    """The data set, or None after printing every problem to stderr."""
    from dashboard import store

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


def cmd_validate(args) -> int:
    ds = _load(args, cached=False)
    if ds is None:
        return 1
    ev = ds.events
    print(f"ok: {len(ev)} claims about {ev['place'].nunique()} places from {ev['source_url'].nunique()} reports, "
          f"{len(ds.places)} places, {len(ds.actors)} actors, "
          f"{ds.first_day.date()} to {ds.last_day.date()}")
    return 0


def cmd_state(args) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    unknown = [a for a in args.actor or [] if a not in set(ds.actors["name"])]
    if unknown:
        print(f"error: unknown actor(s): {', '.join(unknown)}; known: {', '.join(ds.actors['name'])}", file=sys.stderr)
        return 2
    state = control.state_at(ds, _date(args.date), actors=args.actor)
    sys.stdout.write(export.FORMATS[args.format](state))
    if args.format != "csv":
        sys.stdout.write("\n")
    return 0


def cmd_verify_quotes(args) -> int:
    from dashboard.quotes import verify_quotes

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


def cmd_export_map(args) -> int:
    from dashboard import mapview

    ds = _load(args)
    if ds is None:
        return 1
    date = _date(args.date)
    html = mapview.standalone_html(ds, date, actors=args.actor)
    from dashboard.files import write_text_atomic

    write_text_atomic(args.out, html)
    print(f"wrote {args.out} ({len(html.encode('utf-8'))} bytes, opens with no network)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("validate", help="check the data files; list every problem as FILE:LINE: message")
    _data_args(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("state", help="who controls each place on a date")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--actor", action="append", help="keep places held or contested by this actor (repeatable)")
    p.add_argument("--format", choices=sorted(export.FORMATS), default="json")
    _data_args(p)
    p.set_defaults(func=cmd_state)

    p = sub.add_parser("verify-quotes", help="check each quote is verbatim in its report's text")
    p.add_argument("--sources", required=True, action="append",
                   help="folder with the report texts and SOURCES.md (repeat for several folders)")
    _data_args(p)
    p.set_defaults(func=cmd_verify_quotes)

    p = sub.add_parser("export-map", help="write the map on a date as one self-contained HTML file")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--actor", action="append", help="keep places held or contested by this actor (repeatable)")
    p.add_argument("--out", required=True, help="output .html file")
    _data_args(p)
    p.set_defaults(func=cmd_export_map)
