"""How a command is declared: ``@command(NAME, help, options)`` over its handler, the options beside it
(as datasette's click commands are), and what several commands share (the data files' options, loading them).

A handler takes the parsed args, calls the functions of the modules it drives, prints, and returns the
exit code. ``dashboard/cli/__init__.py`` makes the parser from the declared commands.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import pandas as pd

from dashboard.core.data import DataError, load_dataset


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


COMMANDS: dict[str, Command] = {}  # by name; dashboard/cli/__init__.py's ORDER lists them


def command(name: str, help: str, options=(), **parser_kwargs):
    """Declare the decorated ``cmd_*`` function as command ``name`` with ``options`` (``opt(...)``)."""
    def register(run):
        if name in COMMANDS:
            raise ValueError(f"command {name!r} is declared twice")
        COMMANDS[name] = Command(name, help, run, tuple(options), parser_kwargs)
        return run
    return register


# ------------------------------------------------------------ helpers

DATA_OPTIONS = (
    opt("--events", help="events CSV (default: $DASHBOARD_EVENTS or ./events.csv)"),
    opt("--places", help="places CSV (default: $DASHBOARD_PLACES or geodata/places.csv)"),
    opt("--actors", help="actors CSV (default: $DASHBOARD_ACTORS or actors.csv beside the places file)"),
)
ACTOR_OPTION = opt("--actor", action="append", help="keep places held or contested by this actor (repeatable)")


def load(args, cached: bool = True):
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


def day(value: str) -> pd.Timestamp:
    try:
        ts = pd.to_datetime(value, format="%Y-%m-%d")
    except (ValueError, TypeError):
        ts = pd.NaT
    if pd.isna(ts):  # "" parses to NaT without raising
        raise SystemExit(f"error: --date {value!r} is not a date (YYYY-MM-DD)")
    return pd.Timestamp(ts)


def iso_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SystemExit(f"error: {option} {value!r} is not a date (YYYY-MM-DD)") from None
