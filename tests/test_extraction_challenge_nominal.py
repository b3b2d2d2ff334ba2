"""Challenge set, family "nominal": a taking named by a noun (issue 20).

Made-up sentences in the way wire services and regional outlets write, not taken from our reports, written before
the assistant read them: "the fall of P to X", "P's fall to X", "X's capture of P", "the capture of P by X", "the
rebel takeover of P", "the army's loss of P to X", a taking named as what an offensive "led to" (its party is the
offensive's), and a fall whose taker is the party acting in the sentence ("Rebels celebrated the fall of Hama",
"After the fall of Homs, rebel columns moved south").

And what must not be read: "the fall of Assad / of the regime / of the government" is no place; a fall feared,
prevented or only possible is no event; a fall remembered ("the anniversary of the fall of Aleppo") is history; "the
capture of soldiers in P" is people taken; "the fall of the government in Damascus" names where a government sat;
"the loss of life in P" is no loss of P.

A row is compared on (place, actor, status, denial); ``date``/``end``/``precision`` only where a case gives them. A
case with ``absent`` lists only what must and must not be proposed; any other case is exact (``rows == []``:
nothing may be proposed). Calendar: 2024-12-08 (the default publication day) is a Sunday.
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, R, case, check, day

C, X = "controlled", "contested"

CASES = [
    # ------------------------------------------------------------ "the fall of P to X", "P's fall to X"
    case("the-fall-of-p-to-x",
         "The fall of Saraqib to HTS fighters on Friday cut the M5 highway.",
         [R("Saraqib", "HTS", C, **day("2024-12-06"))],
         xfail="nothing proposed: the noun 'fall of P to X' is left out (read so, it added a wrong proposal on the test half and none on the development half)"),
    case("p-s-fall-to-x",
         "Homs's fall to opposition forces on Saturday left the capital exposed.",
         [R("Homs", "Rebels", C, **day("2024-12-07"))],
         xfail="nothing proposed: the noun 'fall of P to X' is left out (read so, it added a wrong proposal on the test half and none on the development half)"),
    case("p-s-fall-to-x-curly-apostrophe",
         "Hama’s fall to the insurgents came after a week of fighting.",
         [R("Hama", "Rebels", C)],
         xfail="nothing proposed: the noun 'fall of P to X' is left out (read so, it added a wrong proposal on the test half and none on the development half)"),
    case("after-the-fall-of-p-to-x",
         "After the fall of Deir ez-Zor to the SDF on Friday, residents waited for news.",
         [R("Deir ez-Zor", "SDF", C, **day("2024-12-06"))],
         xfail="nothing proposed: the noun 'fall of P to X' is left out (read so, it added a wrong proposal on the test half and none on the development half)"),
    case("the-swift-fall-of-the-city-of-p-to-x",
         "The swift fall of the city of Hama to rebel fighters stunned Moscow.",
         [R("Hama", "Rebels", C)], absent=[R("Hama", SG, C)],
         xfail="nothing proposed: the noun 'fall of P to X' is left out (read so, it added a wrong proposal on the test half and none on the development half)"),
    # ------------------------------------------------------------ a fall whose taker is the party acting
    case("x-celebrated-the-fall-of-p",
         "Rebel fighters celebrated the fall of Hama in the city's main square on Thursday.",
         [R("Hama", "Rebels", C, **day("2024-12-05"))],
         xfail="nothing proposed: the noun 'fall' is no trigger (not even 'the fall of P to X', left out: see above)"),
    case("after-the-fall-of-p-x-moved-on",
         "After the fall of Homs on Saturday, rebel columns moved south toward the capital.",
         [R("Homs", "Rebels", C, **day("2024-12-07"))],
         xfail="nothing proposed: the noun 'fall' is no trigger (not even 'the fall of P to X', left out: see above)"),
    case("following-the-fall-of-p-x-turned",
         "Following the fall of Morek, HTS fighters turned toward Hama.",
         [R("Morek", "HTS", C)], absent=[R("Hama", "HTS", C)],
         xfail="nothing proposed: the noun 'fall' is no trigger (not even 'the fall of P to X', left out: see above)"),
    # ------------------------------------------------------------ a taking an offensive led to: the offensive's party
    case("offensive-that-led-to-the-capture",
         "Opposition factions declared victory after a lightning offensive that led to the capture of Damascus.",
         [R("Damascus", "Rebels", C)]),
    case("announced-after-a-campaign-that-resulted-in-the-seizure",
         "HTS announced the end of the regime following a two-week campaign that resulted in the seizure of Damascus.",
         [R("Damascus", "HTS", C)]),
    case("reported-the-fall-after-an-offensive-that-ended-with-the-takeover",
         "The rebels proclaimed a new era on Sunday after an offensive that ended with the takeover of Damascus.",
         [R("Damascus", "Rebels", C)]),
    case("the-x-s-offensive-which-culminated-in-the-takeover",
         "HTS’s offensive, which culminated in the takeover of Aleppo on Saturday, surprised its own commanders.",
         [R("Aleppo", "HTS", C, **day("2024-12-07"))]),
    case("an-offensive-against-x-that-led-to-the-capture-by-y",
         "The offensive against the SDF, which led to the capture of Tel Rifaat by Turkish-backed factions, began on "
         "Sunday.",
         [R("Tel Rifaat", "SNA", C)], absent=[R("Tel Rifaat", "SDF", C)]),
    case("negative-an-offensive-that-could-lead-to-the-capture",
         "Analysts said a rebel offensive that could lead to the capture of Homs was being prepared.", []),
    # ------------------------------------------------------------ a noun with its agent
    case("the-seizure-of-p-by-x",
         "The seizure of Morek by opposition fighters on Tuesday opened the road south.",
         [R("Morek", "Rebels", C, **day("2024-12-03"))]),
    case("the-seizure-of-p-by-x-after-another-party-named",
         "Russian officials condemned the seizure of Morek by opposition fighters on Tuesday.",
         [R("Morek", "Rebels", C, **day("2024-12-03"))]),
    case("the-capture-of-p-by-x-after-its-backer",
         "Turkey welcomed the capture of Tel Rifaat by Turkish-backed factions on Sunday.",
         [R("Tel Rifaat", "SNA", C)]),
    case("x-said-the-capture-of-p-by-y",
         "The SDF said the capture of Tel Rifaat by Turkish-backed factions displaced thousands.",
         [R("Tel Rifaat", "SNA", C)]),
    case("x-s-capture-of-p",
         "The SNA's capture of Tel Rifaat on Sunday displaced thousands of Kurdish families.",
         [R("Tel Rifaat", "SNA", C)]),
    case("x-s-seizure-of-p-after-another-party-named",
         "Ankara hailed the SNA's seizure of Manbij on Monday.",
         [R("Manbij", "SNA", C)]),
    case("x-s-swift-capture-of-p-after-by",
         "Moscow was stunned by HTS’s swift capture of Aleppo.",
         [R("Aleppo", "HTS", C)]),
    case("an-adjective-party-s-takeover-after-another-party-named",
         "The Kurdish takeover of Deir ez-Zor on Friday alarmed Ankara.",
         [R("Deir ez-Zor", "SDF", C, **day("2024-12-06"))]),
    case("the-army-s-recapture-of-p",
         "The Syrian army's recapture of Morek on Tuesday was its first gain in a week.",
         [R("Morek", SG, C, **day("2024-12-03"))]),
    case("x-announced-the-recapture-of-p",
         "Government forces announced the recapture of Morek on Tuesday.",
         [R("Morek", SG, C, **day("2024-12-03"))]),
    case("negative-x-s-capture-of-fighters-in-p",
         "The SNA's capture of SDF fighters in Manbij was filmed.", []),
    case("adjective-takeover-of-p",
         "The rebel takeover of Homs on Saturday cut the road to the coast.",
         [R("Homs", "Rebels", C, **day("2024-12-07"))]),
    # ------------------------------------------------------------ "the loss of P to X": X's taking
    case("x-s-loss-of-p-to-y",
         "The army's loss of Hama to rebel forces on Thursday shocked its allies.",
         [R("Hama", "Rebels", C, **day("2024-12-05"))]),
    case("the-loss-of-p-to-y",
         "The loss of Tel Rifaat to Turkish-backed factions forced Kurdish families to flee.",
         [R("Tel Rifaat", "SNA", C)]),
    # ------------------------------------------------------------ negatives: no place, not an event, not now
    case("negative-the-fall-of-the-regime",
         "The fall of the Assad regime on Sunday stunned the region.", []),
    case("negative-the-fall-of-assad-then-a-place",
         "After the fall of Assad, crowds gathered in Umayyad Square in Damascus.", []),
    case("negative-the-fall-of-the-government-in-p",
         "The fall of the government in Damascus to the rebels ended five decades of one family's rule.", [],
         absent=[R("Damascus", "Rebels", C)]),
    case("negative-fears-of-the-fall-of-p",
         "Residents in Homs voiced fears of the fall of Hama to the rebels.", []),
    case("negative-could-lead-to-the-fall",
         "A rebel push could lead to the fall of Homs to the opposition within days.", []),
    case("negative-to-prevent-the-fall",
         "Russian jets struck rebel columns on Thursday to prevent the fall of Hama.", [],
         absent=[R("Hama", "Russia", C), R("Hama", "Rebels", C)]),
    case("negative-the-imminent-fall",
         "Analysts warned of the imminent fall of Homs to opposition fighters.", []),
    case("negative-the-anniversary-of-the-fall",
         "Residents marked the anniversary of the fall of Aleppo to government forces in 2016.", []),
    case("negative-since-the-fall-in-a-past-year",
         "Since the fall of Aleppo to government forces in 2016, the city had been quiet.", []),
    case("negative-the-capture-of-soldiers-in-p",
         "The capture of dozens of soldiers in Hama by rebels was filmed.", [],
         absent=[R("Hama", "Rebels", C)]),
    case("negative-the-loss-of-life-in-p",
         "The loss of life in Homs shocked aid workers.", []),
    case("negative-feared-the-loss-of-p",
         "Army commanders feared the loss of Hama to the rebels.", []),
    case("negative-the-fall-of-p-no-one-named",
         "The fall of Aleppo has changed the map of the war.", []),
]


@pytest.mark.parametrize("text,published,rows,absent", CASES)
def test_takings_named_by_a_noun(text, published, rows, absent):
    check(text, published, rows, absent)
