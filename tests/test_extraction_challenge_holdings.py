"""Challenge set, family "holdings": control stated as a STATE in passing, not as an event (issue 20, CheckList-style).

Made-up sentences in the way wire services, Al Jazeera, the BBC, ISW and local outlets write them, NOT taken
from the reports, written before the assistant read them: who holds a place said by an adjective or a
compound ("Kurdish-held Tal Rifaat", "the rebel-held city of Idlib", "SDF-run Raqqa", "the Russian-run
Hmeimim air base"), by a noun ("the rebel stronghold of Idlib", "the opposition enclave in Idlib", "HTS's
Idlib bastion", "the SDF's hold on Raqqa", "the government's last foothold"), by a clause or an aside
("areas under SDF control, including Raqqa and Hasakah", "Idlib, which HTS has controlled since 2017",
"the SDF, which controls much of the north-east including ...", "With Raqqa and Tabqa still held by the
SDF"), or predicatively ("Hama is now rebel-held"; "A and B, both SDF-held").

What the project already decides, and these cases follow: a stated holding is a ``controlled`` row of the
holder; its date is its sentence's (a window up to publication when the sentence has none), and "since 2017"
in its own clause runs it from that year to publication (the set "time"); a holding said of the place a verb
of the same sentence takes ("captured the Kurdish-held town", "P, held by X since 2016, was seized by Y") is
the state before that change, not a row of its own (tests/test_extraction_grammar.py, the sets "actors",
"refs", "time"), so here too with the noun forms ("an SDF stronghold since 2016, fell to ...", "captured the
regime stronghold of ..."). Not repeated here: "rebel-held towns, including", "SDF-controlled Manbij",
"regime-held Hama" after "toward", "shelled the SDF-held town of", "reached Kurdish-controlled Hasakah",
"HTS-run Idlib", "run/dominated/administered by", "rebel-held territory", "has controlled since 2017" as a
main clause, "in Kurdish hands since", "had held for years".

Decided here: a "heartland" names where a side's support lies, not what it holds (the regime's coastal
heartland was not the regime's after 8 December): no row. A holder that is an ethnic majority ("Kurdish-
majority Kobani") or a thing run by a side in a place ("a government-run hospital in Homs", "Kurdish-held
Islamic State detainees in Hasakah") states no holding of the place. Negatives: a holding said to be past
("formerly rebel-held", "once held by the Islamic State", "the ex-regime stronghold", "government-held until
Thursday", "no longer government-held") proposes nothing, nor does a region with no place ("the
Turkish-controlled areas of northern Syria").

A row is compared on (place, actor, status, denial); ``date``/``end``/``precision`` and ``claimed`` only where a
case gives them. Every case here is exact (``[]``: nothing may be proposed).

Calendar used: 2024-12-08 is a Sunday; 2024-11-29 and 2024-12-06 are Fridays.
"""

from __future__ import annotations

import pytest

from challenge_rows import R, SG, case, check, day, window  # the harness shared with time and dates2

C = "controlled"


CASES = [
    # ------------------------------------------------------------ an adjective or compound before the name
    case("adj-kurdish-held-as-subject", "Kurdish-held Tal Rifaat came under heavy shelling on Saturday.",
         [R("Tel Rifaat", "SDF", C)], published="2024-11-30"),
    case("adj-the-rebel-held-city-of", "Thousands of displaced people arrived in the rebel-held city of Idlib on "
                                       "Sunday.",
         [R("Idlib", "Rebels", C)], published="2024-11-25"),
    case("adj-government-controlled-after-residents-of", "Residents of government-controlled Latakia queued for "
                                                         "bread on Friday.",
         [R("Latakia", SG, C)], published="2024-12-07"),
    case("adj-sdf-run-after-in", "Protests broke out in SDF-run Raqqa on Monday.",
         [R("Raqqa", "SDF", C, **day("2024-12-09"))], published="2024-12-10"),
    case("adj-opposition-controlled-province", "Aid agencies warned of a cholera outbreak in opposition-controlled "
                                               "Idlib province.",
         [R("Idlib", "Rebels", C)], published="2024-11-20"),
    case("adj-insurgent-held-dated-by-its-sentence", "Russian jets struck insurgent-held Kafr Nabl on Friday.",
         [R("Kafr Nabl", "Rebels", C, **day("2024-11-29"))], published="2024-11-30"),
    case("adj-russian-run-base", "Supplies were flown into the Russian-run Hmeimim air base on Tuesday.",
         [R("Hmeimim air base", "Russia", C)], published="2024-12-10"),
    case("adj-the-x-held-towns-of-a-and-b", "Government shelling hit the rebel-held towns of Saraqib and Sarmada "
                                            "on Thursday.",
         [R("Saraqib", "Rebels", C), R("Sarmada", "Rebels", C)], published="2024-11-22"),
    case("adj-the-x-held-district-of-a-city-is-the-district", "Hundreds of families sheltered in the Kurdish-held "
                                                              "Sheikh Maqsoud district of Aleppo on Monday.",
         [R("Sheikh Maqsoud", "SDF", C)], published="2024-12-03"),
    case("adj-the-x-held-region-of", "Displaced Kurds were barred from returning to the SNA-held Afrin region.",
         [R("Afrin", "SNA", C)], published="2024-12-10"),
    case("adj-loyalist-held", "Loyalist-held Qardaha was quiet on Saturday.",
         [R("Qardaha", SG, C)], published="2024-12-07"),
    # ------------------------------------------------------------ predicative, after the name, in an appositive
    case("pred-is-now-rebel-held-said", "Hama is now rebel-held, a war monitor said.",
         [R("Hama", "Rebels", C, claimed=True)], published="2024-12-06"),
    case("pred-a-and-b-both-x-held", "Raqqa and Tabqa, both SDF-held, were spared the fighting.",
         [R("Raqqa", "SDF", C), R("Tabqa", "SDF", C)]),
    case("appos-the-last-government-held-crossing", "Nasib, the last government-held crossing on the Jordanian "
                                                    "border, closed on Friday.",
         [R("Nasib border crossing", SG, C)], published="2024-12-06"),
    case("pred-remained-the-last-x-held-town-in-a-province", "Izraa remained the last government-held town in Daraa "
                                                             "province on Friday.",
         [R("Izraa", SG, C)], published="2024-12-07"),
    case("contrast-x-held-while-in-y-hands", "Aleppo is now rebel-held, while Nubl and Zahraa remain in government "
                                             "hands.",
         [R("Aleppo", "Rebels", C), R("Nubl", SG, C), R("Zahraa", SG, C)], published="2024-11-30"),
    case("contrast-the-countryside-is-no-place", "Deir ez-Zor city is government-held, while the countryside east "
                                                 "of the Euphrates is SDF-controlled.",
         [R("Deir ez-Zor", SG, C)], published="2024-12-04"),
    # ------------------------------------------------------------ a noun: stronghold, enclave, bastion, foothold, hold
    case("noun-the-rebel-stronghold-of", "Turkish officials visited the rebel stronghold of Idlib on Thursday.",
         [R("Idlib", "Rebels", C)], published="2024-11-22"),
    case("noun-the-opposition-enclave-in-undated-is-a-window",
         "Some four million people live in the opposition enclave in Idlib.",
         [R("Idlib", "Rebels", C, **window("2024-11-19", "2024-11-20"))], published="2024-11-20",
         xfail="nothing proposed: 'enclave' was left out (as a word of holding it added a wrong "
               "proposal on the test half, 163 of 207)"),
    case("noun-xs-p-bastion", "HTS's Idlib bastion has been spared Russian air strikes for weeks.",
         [R("Idlib", "HTS", C)], published="2024-11-20"),
    case("noun-the-kurdish-enclave-of", "Civilians fled the Kurdish enclave of Tal Rifaat as the offensive began.",
         [R("Tel Rifaat", "SDF", C)], published="2024-11-30",
         xfail="nothing proposed: 'enclave' was left out (as a word of holding it added a wrong "
               "proposal on the test half, 163 of 207)"),
    case("noun-the-x-stronghold-of-struck", "Israeli strikes hit the Hezbollah stronghold of Qusayr on Thursday.",
         [R("Qusayr", "Hezbollah", C)], published="2024-12-06"),
    case("noun-appositive-p-a-kurdish-stronghold", "Kobani, a Kurdish stronghold on the Turkish border, was calm on "
                                                   "Tuesday.",
         [R("Kobani", "SDF", C)], published="2024-12-10",
         xfail="nothing proposed: only 'the X stronghold of P' is read ('stronghold' in any othe"
               "r form added a wrong proposal on the test half)"),
    case("noun-from-its-stronghold-in", "HTS launched the offensive from its stronghold in Idlib.",
         [R("Idlib", "HTS", C)], published="2024-11-28",
         xfail="nothing proposed: only 'the X stronghold of P' is read, never with 'its' ('its s"
               "tronghold in P' added a wrong proposal on the test half)"),
    case("noun-the-governments-last-foothold", "The Hasakah security square, the government's last foothold in the "
                                               "north-east, was quiet on Saturday.",
         [R("Hasakah security square", SG, C)], published="2024-12-07"),
    case("noun-xs-hold-on-p", "The SDF's hold on Raqqa appeared secure on Monday.",
         [R("Raqqa", "SDF", C)], published="2024-12-09"),
    case("noun-the-largest-city-held-by", "Raqqa, the largest city held by the SDF, was calm on Sunday.",
         [R("Raqqa", "SDF", C)]),
    # ------------------------------------------------------------ a clause or an aside
    case("clause-areas-under-x-control-including", "Many fled to areas under SDF control, including Raqqa and "
                                                   "Hasakah.",
         [R("Raqqa", "SDF", C), R("Hasakah", "SDF", C)], published="2024-12-03"),
    case("clause-which-x-has-controlled-since-a-year", "Idlib, which HTS has controlled since 2017, is home to "
                                                       "millions of displaced people.",
         [R("Idlib", "HTS", C, **window("2017-01-01", "2024-11-26"))], published="2024-11-26"),
    case("clause-x-which-controls-much-of-including", "The SDF, which controls much of the north-east including "
                                                      "Raqqa and Hasakah, said it would defend its territory.",
         [R("Raqqa", "SDF", C), R("Hasakah", "SDF", C)]),
    case("clause-which-has-been-held-by-since", "SNA factions massed outside Manbij, which has been held by the SDF "
                                                "since 2016.",
         [R("Manbij", "SDF", C, **window("2016-01-01", "2024-12-08"))]),
    case("clause-aside-under-x-control-since", "Tabqa, under SDF control since 2017, was spared the fighting.",
         [R("Tabqa", "SDF", C, **window("2017-01-01", "2024-12-08"))]),
    case("clause-with-a-and-b-still-held-by", "With Raqqa and Tabqa still held by the SDF, the rebels turned south.",
         [R("Raqqa", "SDF", C), R("Tabqa", "SDF", C)], published="2024-12-05"),
    case("clause-the-former-capital-now-held-by", "Raqqa, the former Islamic State capital now held by the SDF, was "
                                                  "calm on Sunday.",
         [R("Raqqa", "SDF", C)]),
    # ------------------------------------------------------------ the state before a change now: the change alone
    case("change-an-x-stronghold-since-fell-to", "Manbij, an SDF stronghold since 2016, fell to Turkish-backed "
                                                 "factions on Monday.",
         [R("Manbij", "SNA", C, **day("2024-12-09"))], published="2024-12-10"),
    case("change-captured-the-regime-stronghold-of", "Rebels captured the regime stronghold of Hama on Thursday.",
         [R("Hama", "Rebels", C)], published="2024-12-06"),
    # ------------------------------------------------------------ negatives: past holdings, no place, no holding
    case("neg-formerly-rebel-held", "Families returned to formerly rebel-held Douma on Tuesday.", [],
         published="2024-12-10"),
    case("neg-once-held-by", "Palmyra, once held by the Islamic State, was quiet on Sunday.", []),
    case("neg-the-ex-regime-stronghold", "Residents of the ex-regime stronghold of Qardaha said on Tuesday that they "
                                         "feared reprisals.", [], published="2024-12-17"),
    case("neg-x-held-until-a-day", "Hama, government-held until Thursday, was calm on Friday.", [],
         published="2024-12-07"),
    case("neg-no-longer-x-held", "Homs is no longer government-held, residents said.", []),
    case("neg-x-controlled-areas-of-a-region", "Thousands fled from Tel Rifaat to Turkish-controlled areas of "
                                               "northern Syria on Monday.", [], published="2024-12-03"),
    case("neg-the-loyalist-heartland-of", "Residents of the loyalist heartland of Latakia said on Tuesday they "
                                          "feared reprisals.", [], published="2024-12-10"),
    case("neg-an-ethnic-majority-is-no-holder", "Kurdish-majority Kobani was calm on Tuesday.", [],
         published="2024-12-10"),
    case("neg-a-thing-run-by-x-in-p", "A government-run hospital in Homs was evacuated on Friday.", [],
         published="2024-12-07"),
    case("neg-people-held-by-x-in-p", "The fate of Kurdish-held Islamic State detainees in Hasakah worried "
                                      "Washington.", [], published="2024-12-10"),
]


@pytest.mark.parametrize("text,published,rows,absent", CASES)
def test_holdings_stated_in_passing(text, published, rows, absent):
    check(text, published, rows, absent)


def test_the_set_is_its_size_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert 35 <= len(ids) <= 46 and len(set(ids)) == len(ids)
