"""Challenge set, family "vocab": more plain words of control the trigger table lacked (issue 20, sixth stop).

As the set "contest": a third of the test half's misses hold no word the trigger table knows (counted by
tools/misses_by_stage.py; no test-half sentence read). Written from general usage before the assistant read them: a
party that "declared P free" (its word), a "counteroffensive" or "counter-attack" on a place (a contest), forces or
defences that "collapsed in P" (a withdrawal, the place left to the other side the article names); then, in a
second round, a grip tightened on P, raids, incursions, battles, skirmishes and fire exchanged in P, a thrust into
P, a military operation in P, a garrison; and a party named by its patron and any word for armed men
("Turkish-backed troops" are the SNA as "Turkish-backed factions" are); with the near misses that must stay silent.

Calendar used: 2024-12-08 is a Sunday (the default publication day); 2024-12-06 a Friday.
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, R, case, check, day

CASES = [
    # ------------------------------------------------------------ "declared P free": the party's own word
    case("declared-a-city-free",
         "The rebels declared Damascus free on Sunday.",
         [R("Damascus", "Rebels", "controlled", claimed=True, **day("2024-12-08"))]),
    case("declared-the-city-of-free",
         "HTS declared the city of Aleppo free of regime forces on Saturday.",
         [R("Aleppo", "HTS", "controlled", claimed=True, **day("2024-12-07"))]),
    case("negative-declared-free-of-something-else",
         "The ministry declared Damascus free of cholera on Sunday.", []),
    case("negative-declared-a-day-free", "The rebels declared Sunday a free day in Idlib.", []),
    # ------------------------------------------------------------ a counter-offensive: a contest
    case("counteroffensive-in",
         "Government forces launched a counteroffensive in Hama on Friday.",
         [R("Hama", SG, "contested", **day("2024-12-06"))]),
    case("counter-attack-on",
         "Syrian troops mounted a counter-attack on Morek on Friday.",
         [R("Morek", SG, "contested", **day("2024-12-06"))]),
    case("negative-a-counteroffensive-planned",
         "The army said it would soon launch a counteroffensive on Hama.", []),
    # ------------------------------------------------------------ forces that collapsed in a place
    case("forces-collapsed-in",
         "HTS fighters pushed south on Friday. Regime forces collapsed in Daraa the same day.",
         [R("Daraa", "HTS", "controlled", **day("2024-12-06"))], absent=[R("Daraa", SG, "controlled")]),
    case("defences-collapsed-in",
         "Rebels pressed their attack on Thursday, and government defences collapsed in Hama within hours.",
         [R("Hama", "Rebels", "controlled")], absent=[R("Hama", SG, "controlled")],
         xfail="nothing proposed: 'government defences' names no party ('government forces collapsed in Hama' gives Hama to the rebels)"),
    case("negative-a-building-collapsed", "A building collapsed in Homs on Friday.", []),
    case("negative-prices-collapsed", "Prices collapsed in Damascus after the regime fell.", []),
    # ------------------------------------------------------------ more words of a fight in a place and of a hold
    case("tightened-their-grip-on",
         "Rebels tightened their grip on Hama on Friday.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-06"))]),
    case("raided-a-town",
         "Israeli forces raided the town of Jabata al-Khashab on Tuesday.",
         [R("Jabata al-Khashab", "Israel", "contested", **day("2024-12-03"))], published="2024-12-05",
         xfail="nothing proposed: Jabata al-Khashab is not in the places table and no gazetteer is asked here ('raided Quneitra' is read)"),
    case("an-incursion-into",
         "The IDF carried out an incursion into Quneitra on Monday.",
         [R("Quneitra", "Israel", "contested", **day("2024-12-02"))], published="2024-12-05"),
    case("battles-raged-in",
         "Battles raged in Homs between HTS and regime forces on Saturday.",
         [R("Homs", "HTS", "contested", **day("2024-12-07"))], absent=[R("Homs", SG, "controlled")]),
    case("skirmishes-in",
         "SNA and SDF fighters fought skirmishes in Manbij on Friday.",
         [R("Manbij", "SNA", "contested"), R("Manbij", "SDF", "contested")],
         xfail="only the SNA: of 'SNA and SDF fighters' only the first party acts"),
    case("exchanged-fire-in",
         "SNA fighters exchanged fire with the SDF in Manbij on Friday.",
         [R("Manbij", "SNA", "contested")], absent=[R("Manbij", "SDF", "controlled")]),
    case("thrust-into",
         "Rebels thrust into Homs on Saturday.",
         [R("Homs", "Rebels", "contested", **day("2024-12-07"))]),
    case("a-military-operation-in",
         "The SNA launched a military operation in Tel Rifaat on Sunday.",
         [R("Tel Rifaat", "SNA", "contested", **day("2024-12-01"))], published="2024-12-03"),
    case("garrisoned",
         "Turkish-backed troops garrisoned Tel Rifaat on Monday.",
         [R("Tel Rifaat", "SNA", "controlled", **day("2024-12-02"))], published="2024-12-03"),
    case("negative-a-police-raid", "Police raided a bakery in Damascus on Monday.", []),
    case("negative-a-humanitarian-operation", "The UN began a humanitarian operation in Idlib on Sunday.", []),
    case("negative-a-grip-on-power", "Assad tightened his grip on power in 2011.", []),
    case("negative-an-incursion-feared", "Residents of Quneitra feared an Israeli incursion.", []),
    # ------------------------------------------------------------ a party named by its patron and any word for armed men
    case("turkish-backed-troops-are-the-sna",
         "Turkish-backed troops captured Tel Rifaat on Sunday.",
         [R("Tel Rifaat", "SNA", "controlled", **day("2024-12-01"))], published="2024-12-03"),
    case("ankara-backed-militants-are-the-sna",
         "Ankara-backed militants seized Manbij on Monday.",
         [R("Manbij", "SNA", "controlled", **day("2024-12-09"))], published="2024-12-10"),
    case("iran-backed-troops-are-the-iran-backed-militias",
         "Iran-backed troops withdrew from Albu Kamal on Friday as the SDF advanced.",
         [R("Albu Kamal", "SDF", "controlled", **day("2024-12-06"))], absent=[R("Albu Kamal", "Iran-backed militias", "controlled")]),
    case("negative-pro-government-is-no-patron",
         "Pro-government troops retook Hama on Friday.", []),
]


@pytest.mark.parametrize("text, published, rows, absent", CASES)
def test_vocab(text, published, rows, absent):
    check(text, published, rows, absent)
