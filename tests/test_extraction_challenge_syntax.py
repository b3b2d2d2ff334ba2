"""Challenge set, family "syntax": how wire-service sentences are BUILT (issue 20, CheckList-style).

Made-up sentences in the way Reuters, AFP, AP, Al Jazeera, the BBC, ISW and local outlets build them, NOT taken
from the reports, written before the assistant read them: a fronted clause or participial phrase ("Having seized
Aleppo, ...", "After taking Hama on Thursday, ...", "By Saturday, ..."); a fronted place ("In Daraa province,
..."); a relative clause with its own verb (both rows, each with its own date); an apposition on the actor or the
place; coordination and ellipsis ("Hama, and then Homs, fell"; "took Hama on Dec. 5 and Homs three days later";
"first Aleppo, then Hama, then Homs"; "seized Hama and, a day later, Homs"); gapping ("HTS took Aleppo; the SNA,
Tel Rifaat"); a passive whose agent is far from its verb; an aside with a stale date ("captured Qusayr, held by
Hezbollah since 2013, on Saturday": dated Saturday, Hezbollah the previous holder); a subject far from its verb;
two parties in one sentence, each acting on its own place ("Rebels entered Hama while the army held on to Homs"
gives Homs to the army, never to the rebels). Negative cases propose nothing, or not a given row.

A row is compared on (place, actor, status, denial); ``date``/``end``/``precision`` and ``claimed`` only where a
case gives them, and the previous holder where a case gives ``prev``. A case with ``absent`` lists only what must
and must not be proposed; any other case is exact (``rows == []``: nothing may be proposed).

Calendar used: 2024-12-08 is a Sunday (the default publication day); 2024-12-05 a Thursday.
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, R, case, check, day, propose  # the harness shared with time and dates2

SOUTH = "Southern Operations Room"

# place -> the previous holder a case expects on that place's row (compared only for these cases)
PREVIOUS = {
    "aside-held-by-since-year-is-the-previous-holder": {"Qusayr": "Hezbollah"},
    "passive-agent-after-a-relative-clause-on-the-place": {"Tel Rifaat": "SDF"},
    "hands-over-p-to-x": {"Daraa": SG},
    "fronted-as-clause-withdrawal-then-taker": {"Deir ez-Zor": SG},
}

CASES = [
    # ------------------------------------------------------------ a fronted clause or participial phrase
    case("participle-having-seized-then-pushed-toward",
         "Having seized Aleppo, the rebels pushed south toward Hama on Monday.",
         [R("Aleppo", "Rebels", "controlled")], published="2024-12-03",
         absent=[R("Hama", "Rebels", "controlled")]),
    case("participle-after-taking-dated-then-advanced-on",
         "After taking Hama on Thursday, HTS fighters advanced on Homs.",
         [R("Hama", "HTS", "controlled", date="2024-12-05"), R("Homs", "HTS", "contested")], published="2024-12-07"),
    case("fronted-by-weekday-held-most-of-province",
         "By Saturday, rebels held most of Daraa province.",
         [R("Daraa Governorate", "Rebels", "controlled", date="2024-12-07")]),
    case("participle-backed-by-a-foreign-power",
         "Backed by Turkish drones, SNA factions captured Tel Rifaat on Sunday.",
         [R("Tel Rifaat", "SNA", "controlled", date="2024-12-01")], published="2024-12-02"),
    case("fronted-despite-air-strikes",
         "Despite heavy Russian air strikes, opposition fighters entered Hama on Thursday.",
         [R("Hama", "Rebels", "contested", date="2024-12-05")], published="2024-12-06"),
    case("fronted-as-clause-withdrawal-then-taker",
         "As government forces withdrew from Deir ez-Zor on Friday, Kurdish-led fighters took over the city.",
         [R("Deir ez-Zor", "SDF", "controlled", date="2024-12-06")]),
    case("fronted-with-place-in-rebel-hands",
         "With Hama in rebel hands, the army's lines north of Homs collapsed.",
         [R("Hama", "Rebels", "controlled")]),
    case("negative-fronted-participle-fleeing",
         "Fleeing the fighting in Hama, thousands of residents headed for Homs on Friday.", []),
    # ------------------------------------------------------------ a fronted place
    case("fronted-place-province-then-towns",
         "In Daraa province, local factions took control of Izraa and al-Sanamayn on Saturday.",
         [R("Izraa", SOUTH, "controlled", **day("2024-12-07")), R("al-Sanamayn", SOUTH, "controlled")]),
    case("negative-fronted-place-then-a-withdrawal",
         "In Homs, government troops pulled back from the city's northern districts on Friday.", []),
    # ------------------------------------------------------------ a relative clause with its own verb
    case("relative-whose-fighters-took-both-rows",
         "HTS, whose fighters took Aleppo last week, entered Hama on Thursday.",
         [R("Aleppo", "HTS", "controlled"), R("Hama", "HTS", "contested", **day("2024-12-05"))],
         published="2024-12-06"),
    case("relative-on-the-place-which-they-had-seized",
         "Rebels pushed on from Hama, which they had seized on Thursday, toward Homs.",
         [R("Hama", "Rebels", "controlled", date="2024-12-05")], published="2024-12-07",
         absent=[R("Homs", "Rebels", "controlled")]),
    case("relative-on-the-place-stale-holder-dated-by-main-verb",
         "SNA factions entered Manbij, which the SDF had held since 2016, on Monday.",
         [R("Manbij", "SNA", "contested", **day("2024-12-09"))], published="2024-12-10"),
    case("relative-vowed-to-take-is-no-row",
         "The rebels, who have vowed to take Damascus, captured Homs on Saturday.",
         [R("Homs", "Rebels", "controlled", date="2024-12-07")]),
    # ------------------------------------------------------------ apposition
    case("apposition-on-the-actor",
         "Hayat Tahrir al-Sham, the Islamist group leading the offensive, captured Hama on Thursday.",
         [R("Hama", "HTS", "controlled")]),
    case("apposition-on-the-place-naming-another",
         "Rastan, a town of about 50,000 people on the highway north of Homs, fell to rebels on Saturday.",
         [R("Rastan", "Rebels", "controlled", date="2024-12-07")]),
    case("apposition-led-by-its-commander",
         "The SDF, led by Mazloum Abdi, took control of Deir ez-Zor on Friday.",
         [R("Deir ez-Zor", "SDF", "controlled")]),
    case("apposition-on-the-place-with-a-history",
         "Hama, scene of a 1982 massacre by government forces, fell to the rebels on Thursday.",
         [R("Hama", "Rebels", "controlled", date="2024-12-05")]),
    # ------------------------------------------------------------ coordination and ellipsis
    case("coord-a-and-then-b-comma-fell-to",
         "Hama, and then Homs, fell to the rebels.",
         [R("Hama", "Rebels", "controlled"), R("Homs", "Rebels", "controlled")]),
    case("ellipsis-b-three-days-later-than-a-date",
         "Rebels took Hama on Dec. 5 and Homs three days later.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05")),
          R("Homs", "Rebels", "controlled", **day("2024-12-08"))], published="2024-12-10"),
    case("coord-first-a-then-b-then-c",
         "In little more than a week the rebels took first Aleppo, then Hama, then Homs.",
         [R("Aleppo", "Rebels", "controlled"), R("Hama", "Rebels", "controlled"),
          R("Homs", "Rebels", "controlled")]),
    case("ellipsis-and-comma-a-day-later-comma-b",
         "Opposition fighters seized Hama on Thursday and, a day later, Homs.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05")),
          R("Homs", "Rebels", "controlled", **day("2024-12-06"))]),
    case("coord-two-verbs-one-subject",
         "Rebels stormed Homs and captured Rastan on Saturday.",
         [R("Homs", "Rebels", "contested"), R("Rastan", "Rebels", "controlled")]),
    # ------------------------------------------------------------ gapping
    case("gapping-semicolon-comma",
         "HTS took Aleppo; the SNA, Tel Rifaat.",
         [R("Aleppo", "HTS", "controlled"), R("Tel Rifaat", "SNA", "controlled")]),
    case("gapping-comma-and-second-subject-dated",
         "Rebels captured Hama on Thursday, and Kurdish-led forces Deir ez-Zor on Friday.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05")),
          R("Deir ez-Zor", "SDF", "controlled", **day("2024-12-06"))]),
    # ------------------------------------------------------------ a passive whose agent is far from its verb
    case("passive-agent-after-an-attribution-inside",
         "Hama was, according to the monitor, captured by rebels on Thursday.",
         [R("Hama", "Rebels", "controlled", date="2024-12-05")]),
    case("passive-agent-after-a-long-adjunct",
         "Saraqib was captured on Friday after a night of heavy fighting around the town by fighters of Hayat "
         "Tahrir al-Sham.",
         [R("Saraqib", "HTS", "controlled")], published="2024-11-30"),
    case("passive-agent-after-a-relative-clause-on-the-place",
         "Tel Rifaat, which the SDF had held for eight years, was taken by Turkish-backed factions on Sunday.",
         [R("Tel Rifaat", "SNA", "controlled", date="2024-12-01")], published="2024-12-02"),
    case("passive-two-places-agent-with-a-participle",
         "Talbiseh and Rastan were captured on Saturday by opposition fighters advancing from the north.",
         [R("Talbiseh", "Rebels", "controlled"), R("Rastan", "Rebels", "controlled")]),
    # ------------------------------------------------------------ an aside with a stale date
    case("aside-held-by-since-year-is-the-previous-holder",
         "Opposition fighters captured Qusayr, held by Hezbollah since 2013, on Saturday.",
         [R("Qusayr", "Rebels", "controlled", **day("2024-12-07"))]),
    case("aside-which-was-recaptured-in-a-year",
         "Rebels entered Aleppo, which government forces recaptured in 2016, on Friday.",
         [R("Aleppo", "Rebels", "contested", **day("2024-11-29"))], published="2024-11-30"),
    case("aside-in-brackets-lost-in-a-year",
         "Rebels retook Khan Sheikhoun (lost to government forces in 2019) on Saturday.",
         [R("Khan Sheikhoun", "Rebels", "controlled", **day("2024-11-30"))], published="2024-12-01"),
    # ------------------------------------------------------------ a subject far from its verb
    case("subject-far-after-days-and-under-air-cover",
         "Government forces, after days of heavy fighting and under Russian air cover, recaptured Kafr Zita on "
         "Tuesday.",
         [R("Kafr Zita", SG, "controlled", date="2024-12-03")], published="2024-12-04"),
    case("negative-subject-far-withdrawal-alone",
         "Government forces, after days of heavy fighting and under Russian air cover, withdrew from Hama.", []),
    case("subject-far-with-a-relative-clause-naming-a-province",
         "Opposition fighters from the northwestern province of Idlib, where HTS has ruled since 2017, captured "
         "Maarat al-Numan on Saturday.",
         [R("Maarat al-Numan", "Rebels", "controlled")], published="2024-12-01",
         absent=[R("Idlib", "Rebels", "controlled"), R("Maarat al-Numan", "HTS", "controlled")]),
    case("negative-from-a-place-is-the-origin",
         "Rebels from Idlib captured Saraqib on Friday.",
         [R("Saraqib", "Rebels", "controlled")], published="2024-11-30"),
    # ------------------------------------------------------------ two parties, each acting on its own place
    case("two-parties-while-the-army-held-on-to",
         "Rebels entered Hama while the army held on to Homs.",
         [R("Hama", "Rebels", "contested"), R("Homs", SG, "controlled")]),
    case("two-parties-as-the-other-kept-control-of",
         "Turkish-backed factions seized Tel Rifaat as Kurdish fighters kept control of Manbij.",
         [R("Tel Rifaat", "SNA", "controlled"), R("Manbij", "SDF", "controlled")], published="2024-12-02"),
    case("two-parties-whereas-retreated-toward",
         "The SDF advanced into Deir ez-Zor, whereas government troops retreated toward Palmyra.",
         [R("Deir ez-Zor", "SDF", "contested")],
         absent=[R("Palmyra", SG, "controlled"), R("Palmyra", "SDF", "contested"),
                 R("Palmyra", "SDF", "controlled")]),
    case("two-verbs-lost-with-no-taker-but-retook",
         "The army lost Hama but retook Kafr Zita.",
         [R("Kafr Zita", SG, "controlled")],
         xfail="nothing proposed: 'The army' with no party named before it and no state media is nobody (with "
               "'Government forces' the row is proposed; reading it as Syria's army cost the test half a correct "
               "proposal)"),
    case("negative-shells-fired-by-the-army-fell-on",
         "Shells fired by the army fell on Homs.", []),
    case("negative-had-fallen-party-only-in-a-modifier",
         "Residents fleeing Russian air strikes said Talbiseh had fallen.", []),
    case("hands-over-p-to-x",
         "Government forces handed over Daraa to local factions on Saturday, the monitor said.",
         [R("Daraa", SOUTH, "controlled", date="2024-12-07")]),
    case("handed-control-of-p-over-to-x",
         "Russian forces handed control of Qamishli airport over to Kurdish fighters on Sunday.",
         [R("Qamishli airport", "SDF", "controlled")]),
]


@pytest.mark.parametrize("text,published,rows,absent", CASES)
def test_how_sentences_are_built(text, published, rows, absent, request):
    check(text, published, rows, absent)
    case_id = request.node.callspec.id
    for place, previous in PREVIOUS.get(case_id, {}).items():
        got = [r["previous_actor"] for r in propose(text, published) if r["place"] == place]
        assert previous in got, (place, previous, got)
