"""Where missed claims are lost, by stage (tools/misses_by_stage.py): the first check a missed label fails."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.control import actor_lineage
from dashboard.ingest import evaluation

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("misses_by_stage", ROOT / "tools" / "misses_by_stage.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

NAMES = evaluation.PlaceNames([{"name": "Hama", "aliases": "Hamah"}, {"name": "Homs", "aliases": ""}])
LINEAGE = actor_lineage(pd.DataFrame({"name": ["Rebels", "HTS", "Syrian government"],
                                      "parent": ["", "Rebels", ""]}))


def row(place, actor, date, event="captured", end=""):
    return {"place": place, "actor": actor, "date": date, "date_end": end, "date_precision": "day", "event": event}


LABEL = {"place": "Hama", "actor": "Rebels", "date": "2024-12-05", "date_end": "", "date_precision": "day",
         "denial": False, "quote": "Rebels took Hamah on Thursday."}


@pytest.mark.parametrize("props, stage", [
    ([row("Homs", "Rebels", "2024-12-05")], "no proposal for its place"),
    ([row("Hamah", "Syrian government", "2024-12-05")], "its place, another actor"),     # an alias is its place
    ([row("Hama", "HTS", "2024-12-01")], "its place and actor, another date"),           # HTS is of the rebels
    ([row("Hama", "HTS", "2024-12-06", event="denied")], "the denial flag differs"),     # a day apart is the same date
])
def test_a_missed_label_is_counted_at_the_first_check_it_fails(props, stage):
    windows = evaluation._windows(props)
    assert tool.stage_of(LABEL, props, names=NAMES, lineage=LINEAGE, windows=windows) == stage


def test_the_table_counts_each_half_apart_and_splits_only_the_first_stage_by_trigger():
    rows = [{"half": "test", "stage": "no proposal for its place", "named": True, "trigger": False},
            {"half": "test", "stage": "no proposal for its place", "named": True, "trigger": False},
            {"half": "dev", "stage": "its place, another actor", "named": False, "trigger": True}]
    t = tool.table(rows)
    assert t["test"] == {("no proposal for its place", "names its place", "no trigger word"): 2}
    assert t["dev"] == {("its place, another actor", "by reference", ""): 1}


def test_the_test_half_is_never_printed(monkeypatch, capsys):
    secret = "A sentence of an even-numbered report."
    rows = [{"half": "test", "file": "002_x.txt", "stage": "no proposal for its place", "named": True,
             "trigger": True, "label": dict(LABEL, quote=secret)},
            {"half": "dev", "file": "001_x.txt", "stage": "no proposal for its place", "named": True,
             "trigger": True, "label": dict(LABEL, quote="A development sentence.")}]
    monkeypatch.setattr(tool, "misses", lambda _dir: rows)
    assert tool.main(["reports", "--show-dev"]) == 0
    out = capsys.readouterr().out
    assert "A development sentence." in out and secret not in out and "002_x.txt" not in out
    assert "test: 1 missed" in out
