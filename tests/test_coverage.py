"""Tests for dashboard.exports.coverage (``python -m dashboard coverage``) and the README block it fills."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.core import control
from dashboard.exports import coverage
from dashboard.core.data import load_dataset

from dataset_helpers import URL_B, ev, make_dataset

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
URL_C = "https://example.net/report-c"


# Who speaks for whom (parties.csv beside the places file): a monitor is independent reporting, state media a party's word
PARTIES = "name,aliases,side,kind,description\n" \
          "Observatory,,,monitor,A monitor.\n" \
          "Syrian state media,SANA,Syrian government,state media,The government's news agency.\n"


def _load(tmp_path, denied_by="Observatory"):
    paths = make_dataset(tmp_path, [
        # Alpha: held by the government, taken by HTS on 2 Dec; a monitor (independent reporting) says the army
        # has not withdrawn (same day: disagreement). Said by state media instead, it is a party's word against
        # independent reporting: shown beside the holder, not a disagreement (the assessed-control rule).
        ev(id="a1", date="2016", date_precision="year", event="recaptured"),
        ev(id="a2", date="2024-12-02", actor="HTS", event="captured", source_url=URL_B, source_name="Report B",
           published="2024-12-03"),
        ev(id="a3", date="2024-12-02", event="Denies withdrawal", claimed_by=denied_by, source_url=URL_C,
           source_name="Report | C", published="2024-12-03"),
        # Bravo: first reported on 1 Dec, contested from 3 Dec (by the monitor's word: the SNA's own would be a
        # party's word against independent reporting, and would not make it contested)
        ev(id="b1", date="2024-12-01", place="Bravo", actor="SDF", event="holds"),
        ev(id="b2", date="2024-12-03", place="Bravo", actor="SNA", status="contested", event="attacked",
           claimed_by="Observatory", source_url=URL_B, source_name="Report B", published="2024-12-03"),
        # Charlie: a range ending 2 Dec; its event mentions a garden, not a denial
        ev(id="c1", date="2024-11-30", date_end="2024-12-02", date_precision="range", place="Charlie",
           actor="Russia", event="garden base", quote="Russia is at Charlie."),
    ])
    paths[1].with_name("parties.csv").write_text(PARTIES, encoding="utf-8")
    return load_dataset(*paths)


@pytest.fixture
def ds(tmp_path, monkeypatch):
    monkeypatch.delenv("DASHBOARD_PARTIES", raising=False)
    return _load(tmp_path)


def test_summary_line(ds):
    assert coverage.summary_line(ds) == (
        "6 claims about 3 places from 3 reports by 3 publishers; claims from 2016-01-01 to 2024-12-03.")


def test_default_period_is_the_last_30_days(ds):
    assert coverage.default_period(ds) == (date(2024, 11, 4), date(2024, 12, 3))


def test_places_by_day(ds):
    rows = coverage.places_by_day(ds, date(2024, 11, 30), date(2024, 12, 4))
    assert rows == [
        {"day": "2024-11-30", "in_effect": 1, "first_reported": 0, "changed": 0, "contested": 0},
        {"day": "2024-12-01", "in_effect": 2, "first_reported": 1, "changed": 0, "contested": 0},
        # Alpha: HTS vs the government's denial -> contested; Charlie's range has ended
        {"day": "2024-12-02", "in_effect": 3, "first_reported": 1, "changed": 1, "contested": 1},
        {"day": "2024-12-03", "in_effect": 3, "first_reported": 0, "changed": 1, "contested": 2},
        {"day": "2024-12-04", "in_effect": 3, "first_reported": 0, "changed": 0, "contested": 2},
    ]


def test_reports_by_publisher(ds):
    assert coverage.reports_by_publisher(ds) == [
        {"publisher": "Report A", "reports": 1, "claims": 3},
        {"publisher": "Report B", "reports": 1, "claims": 2},
        {"publisher": "Report | C", "reports": 1, "claims": 1},
    ]


def test_denials_and_disagreements(ds):
    d = coverage.denials_and_disagreements(ds)
    assert d == {"attributed": 2, "denials": 1, "disagreements": 1, "by_place": [("Alpha", 1, 1, 0)]}
    assert d["disagreements"] == len(control.disagreements(ds))


def test_a_partys_denial_against_independent_reporting_is_not_a_disagreement(tmp_path, monkeypatch):
    monkeypatch.delenv("DASHBOARD_PARTIES", raising=False)
    ds = _load(tmp_path, denied_by="Syrian state media")
    assert coverage.denials_and_disagreements(ds) == {"attributed": 2, "denials": 1, "disagreements": 0,
                                                      "by_place": []}
    day = coverage.places_by_day(ds, date(2024, 12, 2), date(2024, 12, 2))
    assert day == [{"day": "2024-12-02", "in_effect": 3, "first_reported": 1, "changed": 1, "contested": 0}]


def test_markdown_is_deterministic_and_escapes_cells(ds):
    md = coverage.coverage_markdown(ds, date(2024, 12, 1), date(2024, 12, 3))
    assert md == coverage.coverage_markdown(ds, date(2024, 12, 1), date(2024, 12, 3))
    lines = md.splitlines()
    assert lines[0] == coverage.summary_line(ds)
    assert "| 2024-12-02 | 3 | 1 | 1 | 1 |" in lines
    assert "| Report \\| C | 1 | 1 |" in lines  # a | in a publisher's name does not split the cell
    assert "**Denials and disagreements:** 2 claims attributed to a speaker (`claimed_by`), 1 denials; " \
           "1 disagreements about 1 places:" in lines
    assert lines[-1] == "* Alpha: 1 (1 on who controls, 0 on when)"
    table = [ln for ln in lines if re.match(r"\| \d{4}-\d{2}-\d{2} \|", ln)]
    assert [ln.split(" | ")[0][2:] for ln in table] == ["2024-12-01", "2024-12-02", "2024-12-03"]


def test_cli_options(ds, capsys):
    args = ["--events", str(ds.paths["events"]), "--places", str(ds.paths["places"]), "--actors", str(ds.paths["actors"])]
    assert cli.main(["coverage", *args]) == 0
    out = capsys.readouterr().out
    assert out == coverage.coverage_markdown(ds)
    assert out.count("\n| 2024-") == 30
    assert cli.main(["coverage", *args, "--from", "2024-12-02", "--to", "2024-12-03"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n| 2024-") == 2 and "2024-12-02 to 2024-12-03" in out
    assert cli.main(["coverage", *args, "--to", "2024-12-02"]) == 0
    assert "2024-11-03 to 2024-12-02" in capsys.readouterr().out
    assert cli.main(["coverage", *args, "--from", "2024-12-03", "--to", "2024-12-02"]) == 2
    with pytest.raises(SystemExit, match="not a date"):
        cli.main(["coverage", *args, "--from", "12/02/2024"])


def _readme_block() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- coverage:start -->\n(.*?)\n<!-- coverage:end -->", text, re.S)
    assert m, "README.md has no <!-- coverage:start --> ... <!-- coverage:end --> block"
    return m.group(1).strip("\n")


def test_readme_block_is_the_current_output():
    expected = coverage.coverage_markdown(load_dataset()).strip("\n")
    assert _readme_block() == expected, (
        "README.md's 'What the bundled data covers' block is out of date: run `python -m dashboard coverage` "
        "and paste its output between <!-- coverage:start --> and <!-- coverage:end -->")


def test_readme_block_section_and_command():
    text = README.read_text(encoding="utf-8")
    data_at, section_at = text.index("## The data"), text.index("### What the bundled data covers")
    assert data_at < section_at < text.index("### `events.csv`")
    assert "`python -m dashboard coverage`" in text[section_at:text.index("<!-- coverage:start -->")]


def test_cli_subprocess_prints_the_same():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    proc = subprocess.run([sys.executable, "-m", "dashboard", "coverage"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == coverage.coverage_markdown(load_dataset())


def test_claims_by_whose_word(tmp_path, monkeypatch):
    # the denial said by state media (a party: the government's news agency), the rest independent reporting
    monkeypatch.delenv("DASHBOARD_PARTIES", raising=False)
    ds = _load(tmp_path, denied_by="Syrian state media")
    rows = coverage.claims_by_word(ds)
    assert sum(r["claims"] for r in rows) == len(ds.events) == 6
    words = {r["word"]: r["claims"] for r in rows}
    assert words[next(k for k in words if k.startswith("independent"))] == int((~ds.events["party_word"]).sum()) == 5
    assert words["a party's word: Syrian government"] == 1
