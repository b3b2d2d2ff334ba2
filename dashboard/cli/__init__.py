"""Command line: ``python -m dashboard COMMAND ...``.

Each command is declared once, its options beside its handler (``@command`` in
dashboard/cli/command.py, as datasette's click commands are), in the module of the layer it
drives: data.py (validate, state, verify-quotes, coverage), exporting.py (export, export-map),
ingesting.py (add-source, accept, add-source-eval, import-acled) and benchmarks.py (synth, bench,
bench-browser, bench-acled). ``build_parser`` makes the argparse parser from them, listed in
``ORDER``; ``main`` runs one and returns its exit code.
"""

from __future__ import annotations

import argparse
import sys

from dashboard.cli import benchmarks, data, exporting, ingesting  # noqa: F401 (each declares its commands)
from dashboard.cli.command import COMMANDS

# the order ``python -m dashboard --help`` lists the commands in
ORDER = ("validate", "state", "verify-quotes", "export-map", "synth", "bench", "bench-browser", "add-source", "accept",
         "add-source-eval", "import-acled", "bench-acled", "export", "coverage")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Sourced control map of the late-2024 Syria offensive: data checks, state, exports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in [*ORDER, *(n for n in COMMANDS if n not in ORDER)]:  # (a command left out of ORDER comes last)
        cmd = COMMANDS[name]
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
