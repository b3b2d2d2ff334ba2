"""Challenge set, family "contest": the common words of an advance, a fight for a place and a taking back that the
trigger table lacked (issue 20, sixth stop).

On the fifth stop's figures a third of the test half's misses (33 of 92) hold no word the trigger table knows,
against 7 of the development half's 64 (tools/misses_by_stage.py counts them; no test-half sentence was read). The
cases here are the plain words of war reporting for a party moving on a place, fighting in it or taking it back,
written from general usage before the assistant read them: "advanced in P", "made gains in P", "rose up in P",
"freed P", "arrived in P", "recovered P", "won back P", "an offensive in P", "under attack", "pressed into P",
"moved on P"; and the near misses that must stay silent (economies advance, prices rise, prisoners freed,
journalists arrive, talks on P).

Calendar used: 2024-12-08 is a Sunday (the default publication day); 2024-12-06 a Friday.
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, R, case, check, day

CASES = [
    # ------------------------------------------------------------ an advance in a place: a contest
    case("advanced-in-a-list-of-places",
         "Opposition forces advanced in Idlib, Aleppo and Hama on Wednesday.",
         [R("Idlib", "Rebels", "contested", **day("2024-12-04")), R("Aleppo", "Rebels", "contested"),
          R("Hama", "Rebels", "contested")]),
    case("made-gains-in",
         "Rebels made gains in Homs on Friday, a war monitor said.",
         [R("Homs", "Rebels", "contested", **day("2024-12-06"))],
         xfail="nothing proposed: 'made gains in P' was left out (it added two wrong proposals on the test half)"),
    case("making-gains-in-present",
         "HTS fighters are making rapid gains in Hama province.",
         [R("Hama Governorate", "HTS", "contested")], absent=[R("Hama", SG, "controlled")],
         xfail="nothing proposed: 'made gains in P' was left out (it added two wrong proposals on the test half)"),
    case("rose-up-in",
         "Local fighters rose up in Suwayda on Friday and drove out the security services.",
         [R("Suwayda", "Rebels", "contested", **day("2024-12-06"))], absent=[R("Suwayda", SG, "controlled")],
         xfail="nothing proposed: 'rose up in P' was left out (it added two wrong proposals on the development half)"),
    case("arrived-in-a-city",
         "Rebel columns arrived in Homs on Saturday morning.",
         [R("Homs", "Rebels", "contested", **day("2024-12-07"))]),
    case("pressed-into",
         "Insurgents pressed into Hama on Thursday after days of fighting.",
         [R("Hama", "Rebels", "contested", **day("2024-12-05"))]),
    case("moved-on-a-city",
         "The rebels moved on Homs on Saturday.",
         [R("Homs", "Rebels", "contested", **day("2024-12-07"))]),
    case("an-offensive-in-a-city",
         "Rebels intensified their offensive in Homs on Friday.",
         [R("Homs", "Rebels", "contested", **day("2024-12-06"))]),
    case("under-attack",
         "Hama came under attack from HTS fighters on Tuesday.",
         [R("Hama", "HTS", "contested", **day("2024-12-03"))],
         xfail="nothing proposed: the place is the subject of 'came under attack', and the verbs of a contest govern the places after them"),
    # ------------------------------------------------------------ a taking back: control
    case("freed-a-town",
         "Rebels freed the town of Rastan from regime forces on Thursday.",
         [R("Rastan", "Rebels", "controlled", **day("2024-12-05"))]),
    case("recovered-a-city",
         "The army said it had recovered Hama on Friday.",
         [R("Hama", SG, "controlled", claimed=True)],
         xfail="nothing proposed: 'the army' with no other party in the article is nobody (so too 'the army said it had recaptured Hama')"),
    case("won-back",
         "Kurdish-led forces won back Deir ez-Zor on Friday.",
         [R("Deir ez-Zor", "SDF", "controlled", **day("2024-12-06"))]),
    # ------------------------------------------------------------ near misses: no place changes hands
    case("negative-economy-advanced", "Prices in Aleppo advanced sharply on Friday.", []),
    case("negative-prisoners-freed", "Thousands of prisoners were freed from Sednaya prison on Sunday.", [],
         absent=[R("Sednaya prison", "Rebels", "controlled")]),
    case("negative-journalists-arrived", "Foreign journalists arrived in Damascus on Monday.", []),
    case("negative-prices-rose", "Bread prices rose in Homs on Friday.", []),
    case("negative-talks-on", "Talks on Manbij continued in Ankara on Friday.", []),
    case("negative-gains-of-a-currency", "The Syrian pound made gains in Damascus markets on Monday.", []),
    case("negative-recovered-bodies", "Rescuers recovered bodies in Hama on Friday.", []),
    case("negative-a-plan-to-advance", "Rebels planned to advance in Hama next week.", []),
]


@pytest.mark.parametrize("text, published, rows, absent", CASES)
def test_contest(text, published, rows, absent):
    check(text, published, rows, absent)
