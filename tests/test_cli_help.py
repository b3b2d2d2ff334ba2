"""The command line's help and usage errors, word for word and with their exit codes, as they were
before the commands were split out of one ``build_parser`` (tests/golden/cli_help.txt).

The golden file was written from the CLI at commit 2d6f623 (``python tests/test_cli_help.py --write``);
write it again only when a help text is meant to change, and say so in the commit.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "cli_help.txt"
COMMANDS = ("validate", "state", "verify-quotes", "export-map", "synth", "bench", "bench-browser", "add-source",
            "accept", "add-source-eval", "import-acled", "bench-acled", "export", "coverage")
# the usage errors argparse answers itself (exit code 2), besides every --help (exit code 0)
ERRORS = ((), ("no-such-command",), ("state",), ("state", "--date", "2024-12-01", "--format", "xml"),
          ("export", "--format", "pdf", "--out", "x"), ("synth", "--places", "many", "--events", "1", "--out", "d"))


def _run(argv) -> str:
    """What ``python -m dashboard ARGV`` prints and its exit code, at a fixed width of 80 columns."""
    from dashboard import cli

    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"  # argparse wraps help to the terminal's width
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(argv))
            except SystemExit as exc:
                code = exc.code
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return (f"$ python -m dashboard {' '.join(argv)}\n[exit {code}]\n[stdout]\n{out.getvalue()}"
            f"[stderr]\n{err.getvalue()}")


def render() -> str:
    runs = [("--help",), *((c, "--help") for c in COMMANDS), *ERRORS]
    return "\n".join(_run(a) for a in runs)


def test_every_command_is_in_the_golden_file():
    from dashboard import cli
    from dashboard.cli.command import COMMANDS as DECLARED

    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)
    assert sorted(cli.ORDER) == sorted(DECLARED) == sorted(COMMANDS)  # each declared once, and listed


def test_help_and_usage_errors_are_unchanged():
    now = render()
    was = GOLDEN.read_text(encoding="utf-8")
    if now != was:
        import difflib

        diff = "".join(difflib.unified_diff(was.splitlines(True), now.splitlines(True), "golden", "now"))
        raise AssertionError(f"the CLI's help or usage errors changed:\n{diff}")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    sys.path.insert(0, str(GOLDEN.parents[2]))
    GOLDEN.write_text(render(), encoding="utf-8")
    print(f"wrote {GOLDEN}")
