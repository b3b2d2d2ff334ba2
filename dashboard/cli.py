"""Command line: ``python -m dashboard COMMAND ...``.

Each module that offers commands exposes ``register(subparsers)``, which adds
its sub-commands and sets ``func`` (taking the parsed args, returning an exit
code). Add a module to ``COMMAND_MODULES`` to expose it.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "dashboard.commands",
    "dashboard.synth",
    "dashboard.bench",
    "dashboard.browser_bench",
    "dashboard.ingest",
    "dashboard.acled",
    "dashboard.coverage",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Sourced control map of the late-2024 Syria offensive: data checks, state, exports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
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
