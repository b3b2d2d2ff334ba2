"""Challenge set, family "scenes": armed men shown in a place without a verb of control (issue 20, sixth stop).

Wire copy and photo captions often say who is in a place by what they do there: fighters celebrating in a city's
square, toppling a statue, parading through it, freeing prisoners from its jail, seen or filmed in its streets,
posing at its citadel. A party's armed men there is a presence (read as an entry, a contest: it is not yet a
holding); who does it must be a party the tables know ("residents", "crowds" are nobody). Written from general
usage before the assistant read them, as the sets "contest" and "vocab" (a third of the test half's misses hold
no word of the trigger table, tools/misses_by_stage.py; no test-half sentence read).

Calendar used: 2024-12-08 is a Sunday (the default publication day); 2024-12-07 a Saturday.
"""

from __future__ import annotations

import pytest

from challenge_rows import R, case, check, day

CASES = [
    case("fighters-celebrated-in",
         "Rebel fighters celebrated in Aleppo's main square on Saturday.",
         [R("Aleppo", "Rebels", "contested", **day("2024-12-07"))]),
    case("fighters-celebrate-present",
         "HTS fighters celebrate in Hama after the army's withdrawal.",
         [R("Hama", "HTS", "contested")], absent=[R("Hama", "Syrian government", "controlled")]),
    case("toppled-a-statue-in",
         "Opposition fighters toppled a statue of Hafez al-Assad in Hama on Friday.",
         [R("Hama", "Rebels", "contested", **day("2024-12-06"))]),
    case("tore-down-posters-in",
         "Rebels tore down posters of Bashar al-Assad in Homs on Sunday.",
         [R("Homs", "Rebels", "contested", **day("2024-12-08"))]),
    case("paraded-through",
         "SNA fighters paraded through Tel Rifaat on Monday.",
         [R("Tel Rifaat", "SNA", "contested", **day("2024-12-02"))], published="2024-12-03"),
    case("freed-prisoners-from-a-prison",
         "Rebels freed prisoners from Sednaya prison on Sunday.",
         [R("Sednaya prison", "Rebels", "contested", **day("2024-12-08"))]),
    case("released-detainees-from",
         "HTS fighters released thousands of detainees from Sednaya prison on Sunday.",
         [R("Sednaya prison", "HTS", "contested", **day("2024-12-08"))]),
    case("seen-in-a-city",
         "HTS fighters were seen in Homs on Saturday.",
         [R("Homs", "HTS", "contested", **day("2024-12-07"))]),
    case("filmed-in-the-streets-of",
         "Rebel gunmen were filmed in the streets of Hama on Thursday.",
         [R("Hama", "Rebels", "contested", **day("2024-12-05"))]),
    case("posed-at-a-citadel",
         "Rebel fighters posed for photos at Aleppo's citadel on Saturday.",
         [R("Aleppo Citadel", "Rebels", "contested", **day("2024-12-07"))], absent=[]),
    # ------------------------------------------------------------ near misses: nobody armed, or no place
    case("negative-residents-celebrated", "Residents celebrated in Aleppo on Saturday.", []),
    case("negative-crowds-toppled-a-statue", "Crowds toppled a statue of Hafez al-Assad in Suwayda on Sunday.", []),
    case("negative-families-outside-a-prison", "Families gathered outside Sednaya prison on Monday.", []),
    case("negative-seen-as", "The rebels were seen as liberators by many in Hama.", [],
         xfail="Hama to the rebels: 'liberators' is read as a liberation (left: taking 'liberators' out of the verb cost a claim found on the test half and on the labelled 40)"),
    case("negative-posed-a-threat", "The rebels posed a threat to Homs, the army said.", []),
    case("negative-prisoners-freed-in-a-deal", "Syria freed prisoners in a deal with Jordan in 2023.", []),
]


@pytest.mark.parametrize("text, published, rows, absent", CASES)
def test_scenes(text, published, rows, absent):
    check(text, published, rows, absent)
