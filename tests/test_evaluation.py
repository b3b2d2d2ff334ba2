"""Tests for add-source-eval: the label matcher, and the figures on the labelled reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest import evaluation

PLACES = [{"name": "Hama", "aliases": "Hamah"}, {"name": "Mount Hermon", "aliases": "Jabal al-Sheikh"},
          {"name": "Daraa", "aliases": "Deraa"}, {"name": "Suwayda", "aliases": "Sweida"}]
LINEAGE = {"Rebels": ("Rebels",), "HTS": ("HTS", "Rebels"), "SNA": ("SNA", "Rebels"),
           "Syrian government": ("Syrian government",)}
NAMES = evaluation.PlaceNames(PLACES)
REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"


def prop(place="Hama", actor="HTS", date="2024-12-05", date_end="", precision="day", event="entered"):
    return {"place": place, "actor": actor, "date": date, "date_end": date_end, "date_precision": precision,
            "event": event}


def label(place="Hama", actor="Rebels", date="2024-12-05", date_end="", precision="day", denial=False):
    return {"place": place, "actor": actor, "date": date, "date_end": date_end, "date_precision": precision,
            "denial": denial}


def test_label_places_read_through_the_places_table():
    assert NAMES.resolve("Hama (outskirts)") == {"Hama"}
    assert NAMES.resolve("Hamah") == {"Hama"}
    assert NAMES.resolve("Jabal al-Sheikh outpost (Mount Hermon)") == {"Mount Hermon"}
    assert NAMES.resolve("Daraa and Sweida") == {"Daraa", "Suwayda"}
    assert NAMES.resolve("Daraa province") == {"Daraa"}
    assert NAMES.resolve("Hirbil (east of Tel Rifaat)") == {"hirbil"}  # unknown: its own normalised name


def test_arabic_label_places_are_their_own_places():
    """Arabic names keep their letters (dashboard.core.names): each is its own place's alias, not one
    empty key that sent every Arabic name to the first place with an Arabic alias."""
    names = evaluation.PlaceNames([{"name": "Idlib", "aliases": "إدلب"}, {"name": "Aleppo", "aliases": "حلب"}])
    assert names.resolve("حلب") == {"Aleppo"}
    assert names.resolve("إدلب") == {"Idlib"}
    assert names.resolve("دمشق") == {"دمشق"}  # unknown: its own normalised name
    assert names.resolve("Idlib province") == {"Idlib"}


@pytest.mark.parametrize("p, lab, expected", [
    (prop(), label(), True),  # HTS is part of Rebels
    (prop(actor="Rebels"), label(actor="HTS"), True),
    (prop(actor="SNA"), label(actor="HTS"), False),  # siblings are not one another
    (prop(place="Hamah"), label(place="Hama (outskirts)"), True),
    (prop(place="Daraa"), label(), False),
    (prop(date="2024-12-06"), label(), True),  # within a day
    (prop(date="2024-12-07"), label(), False),
    (prop(date="2024-12-01", date_end="2024-12-03", precision="range"), label(date="2024-12-04"), True),
    (prop(date="2024-12-01", date_end="2024-12-02", precision="range"), label(date="2024-12-04"), False),
    (prop(actor="Syrian government", event="denied"), label(actor="Syrian government", denial=True), True),
    (prop(actor="Syrian government"), label(actor="Syrian government", denial=True), False),
])
def test_claim_matches(p, lab, expected):
    res = evaluation.score([p], [lab], names=NAMES, lineage=LINEAGE)
    assert (res["found"], res["correct"]) == ((1, 1) if expected else (0, 0))


def test_score_counts_recall_and_precision_separately():
    props = [prop(), prop(), prop(place="Daraa")]  # two proposals for the same label, one wrong
    labels = [label(), label(place="Suwayda")]
    res = evaluation.score(props, labels, names=NAMES, lineage=LINEAGE)
    assert (res["labels"], res["found"], res["proposals"], res["correct"]) == (2, 1, 3, 2)
    assert [c["place"] for c in res["missed"]] == ["Suwayda"]
    assert [p["place"] for p in res["wrong"]] == ["Daraa"]


@pytest.mark.skipif(not (REPORTS / "LABELS.json").is_file(), reason="the labelled reports (../shared/reports) are not here")
def test_figures_on_the_labelled_reports_do_not_regress(capsys):
    res = evaluation.label_eval(REPORTS)
    assert res["labels"] == sum(a["labels"] for a in res["articles"]) and len(res["articles"]) == 40
    # measured 80.1% recall (137 of 171) and 82.5% precision (132 of 160) with the 48-place table (floors were 0.78
    # and 0.80). The governorates added as places (with aliases such as "Quneitra province" and "Damascus
    # countryside") lowered both: labels about a province now resolve to the governorate, so a proposal naming the
    # town is no longer credited (Quneitra, Damascus countryside, Deir ez-Zor), and the assistant now proposes some
    # governorates and new places where the labels name the town or nothing (Hama's denial as Hama Governorate,
    # Daraa Governorate, Homs Governorate, New Aleppo). Measured with the 118-place table: 77.8% recall (133 of 171)
    # and 79.9% precision (131 of 164). The floors are the values measured after each kept rule, so a regression of
    # one claim fails here (each rule's own figures are in its commit message). A floor was lowered once, by one,
    # for a true reading: "the Manbij Military Council" is a party, not the town Manbij (033 had been credited with
    # Manbij from the council's name). Issue 20's rules of 7 Dec, merged and reviewed: 83.6% recall (143 of 171),
    # 82.9% precision (150 of 181). With a party's counter-claim ("said it was continuing operations in Hama and
    # Homs"), a denial that names its own place and what came "a few days after" dated before: 86.0% (147 of 171),
    # 83.7% (154 of 184). Places that fell with no one named go to the last party acting: 83.8% (155 of 185);
    # "the province" after a city is its province: 86.5% (148 of 171). The challenge set "actors" (who acts and who says so)
    # kept 148 of 171 and 155 of 185; with the set "verbs"
    # ("broke into", "the battle for", "run by X"): 86.5% (148 of 171), 83.9% (156 of 186); with the set "refs"
    # (epithets as aliases: "Syria's second city", "the Syrian capital"...): 86.5% (148 of 171), 84.0% (157 of 187);
    # "the capital" is Damascus: 84.9% (157 of 185); "P is / remains secure" in a party's word is its denial
    # (discourse): 86.5% (148 of 171), 84.9% (158 of 186); a day right after a later list item dates it: 85.0% (159 of 187);
    # a place fronted by "In" only says where when the verb has its own place after it (challenge set "syntax", alone:
    # 85.3%, 157 of 184); the two sets merged: 85.5% (159 of 186)
    assert res["recall"] >= 148 / 171
    # the only date of a sentence inside an aside dates the aside, not the verb: 85.6% (160 of 187)
    assert res["precision"] >= 160 / 187
    assert cli.main(["add-source-eval", "--sources", str(REPORTS), "--labelled-only"]) == 0
    out = capsys.readouterr().out
    assert "recall" in out and "precision" in out and "ms per article" in out


def test_the_halves_are_fixed_by_report_number():
    assert evaluation.half("001_aleppo_2024-11-29.txt") == "dev"
    assert evaluation.half("reports/130_yarmouk-basin_2024-12-20.txt") == "test"
    assert evaluation.half("SOURCES.md") is None


@pytest.mark.skipif(not (REPORTS / "SOURCES.md").is_file(), reason="the reports (../shared/reports) are not here")
def test_both_halves_are_measured_and_printed(capsys):
    res = evaluation.split_eval(REPORTS)
    arts = res["articles"]
    assert {a["half"] for a in arts} == {"dev", "test"}
    assert all(evaluation.half(a["file"]) == a["half"] for a in arts)
    assert sum(a["labels_from"] == "LABELS.json" for a in arts) == 40  # 001-040; the rest from events.csv
    # measured on both halves (README); floors at the measured values
    # "the capital" is Damascus, not the city named last (refs): development 261/327, 285/328
    # "the province" after a city named earlier in its own sentence is that city's province (refs): 262/327, 286/328
    # a headline's claim the prose does not make, read in headline grammar (challenge set headlines): 263/327, 287/329
    # a list goes on past "three days later" and a day right after a later item dates it (discourse): 262/327, 287/329
    # the two merged (with the holdings and aftermath sets, which moved neither half): 263/327, 288/330
    # ", near the capital Q," only says where (challenge set seen, from the partly seen unseen sets): 263/327, 288/329
    # the only date of a sentence inside an aside (", an SDF stronghold since 2016,", ", held by X since 2013.") no
    # longer dates its main verb: 263/327, 289/331 (one more correct, and one more proposal no label has: "took aim at
    # areas controlled by the SDF ... in the northern Aleppo countryside", once dated by its aside into the past and
    # dropped as history); the precision floor is lowered by that proposal, the count of correct ones rose
    # "advanced in P", "arrived in P", "an offensive in P" and more words of a contest (challenge set contest): 264/327,
    # 291/337 (one more claim and two more correct, and four more proposals no label has: the precision floor is
    # lowered by them; the test half rose in both)
    # armed men shown in a place ("released detainees from the central prison", "celebrated in P"; scenes): 265/327, 292/338
    # a place that is the object of the main verb and of a restrictive relative clause after it ("took control of
    # Shahba and the city of Manbij that Kurdish fighters liberated in 2016"), the clause's date its own (lists):
    # 265/327, 292/335 (Manbij found; Shahba, the same verb's first object, is a true reading no label has, once
    # dated by the clause into the past and dropped as history); the precision floor is lowered by that proposal
    # the sets contest, vocab, scenes and lists merged: 267/327, 295/342 (precision floor at the merged value)
    # a later "the province" of a sentence that names the province before it ("in Daraa province, ... seized the city
    # after taking control of the province"; challenge set states): 264/327, 290/332
    # "P, which ... is under X control" is P's state, also when a verb before governs P; the agent of a participle
    # describing a thing ("a depot used by X") is not who acts after it (states): 266/327, 291/332
    # a compass word before a list of bare names ("took southern Quneitra, Daraa and Sweida") names the provinces
    # (states): 269/327, 294/332
    # a negated state ("has not been under the control of X") is the other side's holding when the sentence names it,
    # else nothing (states): 270/327, 294/332
    # states merged with the sets above: 273/327, 300/343
    # words of presence, holding and withdrawal (challenge set presence): "set up a base in P" 264/327, 290/332;
    # "conquered", "abandoned its positions in P" / "vacated P", "stationed in", "man the checkpoints of", "guarding",
    # "patrolled P" each left the development half as it was
    # "maintains a base in P" and the towns listed after "bases in" read as the table's bases (presence): 265/327, 291/333;
    # "are now in P" as an arrival left both halves as they were
    # presence merged with the sets above: 275/327, 302/345
    # a taking an offensive "led to" is the offensive's party's, and the agent after "by" of "the capture of P by X"
    # (challenge set nominal): 264/327, 290/332
    # nominal merged with the sets above: 276/327, 303/346
    assert res["dev"]["recall"] >= 276 / 327 and res["dev"]["precision"] >= 303 / 346
    # "took up positions in P" read as "established positions in" (challenge set actors2): test 161/257, 159/203;
    # with the Nairab military airport as an alias of Aleppo International Airport (places2): 162/257, 160/203;
    # "X claimed/announced the capture (seizure, takeover, liberation) of P" as X's taking by its word (claims): 163/257, 161/204
    # with epithets as aliases ("Syria's second city", "the Syrian capital"...; refs): 164/257, 162/205; both sets merged: 165/257, 163/206
    # "P is / remains secure" in a party's word is its denial (discourse): 165/257, 164/207
    # a place fronted by "In" only says where when the verb has its own place after it (syntax, alone): 165/257, 163/205;
    # the two sets merged: 165/257, 164/206
    # words of a contest ("arrived in P", "advanced in P", "an offensive in P"; challenge set contest): 167/257, 167/209
    # armed men shown in a place, when no other verb of the sentence says what happened (scenes): 167/257, 168/210
    # the agent of a participle describing a thing is not who acts (states): 166/257, 165/206
    # states merged with the sets above: 168/257, 169/210
    # "troops patrolled P" as a presence in P, a contest (presence): 165/257, 165/207
    # presence merged with the sets above: 168/257, 170/211
    assert res["test"]["recall"] >= 168 / 257 and res["test"]["precision"] >= 170 / 211
    assert cli.main(["add-source-eval", "--sources", str(REPORTS)]) == 0
    out = capsys.readouterr().out
    assert "development half" in out and "test half" in out and "ms per article" in out
