"""Challenge set, family "seen": general constructions behind the misses on the partly-seen article sets (issue 20).

Articles as the next user pastes them (regional outlets, wire copies, stored copies cut at about 2,000 characters)
were read with the assistant; each case here is a made-up sentence of the GENERAL construction behind a miss or a
wrong proposal there, not the article's sentence: a common name of a party the table lacked ("anti-government
forces"); "invaded P" as an entry; a party named by what it opposes ("factions opposing the government" are the
rebels, not the government); an aside ", near the capital Q" that only says where the place before it lies; a
plan in the past ("had planned to maintain its presence") that is no holding; "the city" after an airport of the
city, which is the city and not the airport.

A row is compared on (place, actor, status, denial); ``date``/``end``/``precision`` only where a case gives them. A
case with ``absent`` lists only what must and must not be proposed; any other case is exact (``rows == []``:
nothing may be proposed).

Calendar used: 2024-12-08 is a Sunday (the default publication day); 2024-12-05 a Thursday.
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, R, case, check, day

SOUTH = "Southern Operations Room"

CASES = [
    # ------------------------------------------------------------ a common name of a party
    case("anti-government-forces-are-the-rebels",
         "Anti-government forces seized Hama on Thursday, a war monitor said.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05"))], published="2024-12-06",
         xfail="nothing proposed: 'anti-government forces' is no name of a party in the table"),
    case("anti-government-forces-after-a-fronted-date",
         "Late on Saturday, anti-government forces took control of Izraa.",
         [R("Izraa", "Rebels", "controlled", **day("2024-12-07"))],
         xfail="nothing proposed: 'anti-government forces' is no name of a party in the table"),
    # ------------------------------------------------------------ "invaded P": an entry
    case("invaded-a-town-is-an-entry",
         "Rebel fighters invaded Morek in the early hours of Friday.",
         [R("Morek", "Rebels", "contested", **day("2024-12-06"))],
         xfail="nothing proposed: 'invaded' is no verb of control"),
    case("invaded-with-a-named-party",
         "SNA factions invaded Tel Rifaat on Sunday after a two-day push.",
         [R("Tel Rifaat", "SNA", "contested")], published="2024-12-02",
         xfail="nothing proposed: 'invaded' is no verb of control"),
    case("negative-threatened-to-invade",
         "The militants threatened to invade Saraqib within days.", []),
    case("negative-feared-an-invasion-would-follow",
         "Residents of Palmyra feared the jihadists would invade the town.", []),
    # ------------------------------------------------------------ a party named by what it opposes
    case("factions-opposing-the-government-are-the-rebels",
         "Factions opposing the government took control of Palmyra on Sunday.",
         [R("Palmyra", "Rebels", "controlled")]),
    case("fighters-opposed-to-the-president-are-the-rebels",
         "Fighters opposed to President Bashar al-Assad stormed Morek on Thursday.",
         [R("Morek", "Rebels", "contested")], published="2024-12-06"),
    case("groups-opposing-the-regime-of-a-named-leader",
         "Armed men opposing Assad's regime captured Jableh overnight.",
         [R("Jableh", "Rebels", "controlled")], absent=[R("Jableh", SG, "controlled")]),
    case("named-party-opposing-the-regime-keeps-its-name",
         "HTS fighters opposing the regime captured Saraqib on Friday.",
         [R("Saraqib", "HTS", "controlled")], absent=[R("Saraqib", "Rebels", "controlled")]),
    # ------------------------------------------------------------ ", near the capital Q": Q only says where
    case("near-the-capital-aside-locates",
         "HTS fighters seized Qatana, near the capital Damascus, on Saturday.",
         [R("Qatana", "HTS", "controlled", **day("2024-12-07"))]),
    case("near-the-city-of-aside-locates",
         "Government troops retook Morek, near the city of Hama, overnight.",
         [R("Morek", SG, "controlled")]),
    case("withdrawal-from-p-near-the-provincial-capital",
         "The army withdrew from Jableh, near the provincial capital Latakia, as HTS fighters entered.",
         [], absent=[R("Latakia", "HTS", "contested"), R("Latakia", "HTS", "controlled")]),
    # ------------------------------------------------------------ a plan in the past is no holding
    case("negative-had-planned-to-maintain-presence",
         "Moscow had planned to maintain its military presence in Latakia for decades.", []),
    case("negative-were-planning-to-take",
         "The rebels were planning to take Homs next, a commander said.", []),
    # ------------------------------------------------------------ "the army fled P": a withdrawal from P
    case("army-fled-p-as-rebels-poured-in",
         "Government forces fled Hama on Thursday as rebels poured in.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05"))], published="2024-12-06"),
    case("troops-fled-p-the-taker-named-before",
         "Rebels took Homs on Saturday. Government troops fled Rastan the same day.",
         [R("Homs", "Rebels", "controlled"), R("Rastan", "Rebels", "controlled")]),
    case("negative-residents-fled-p",
         "Thousands of residents fled Hama as the army shelled the city.", []),
    case("negative-troops-fled-to-p-is-where-they-went",
         "Government troops fled to Homs on Friday as rebels advanced.",
         [], absent=[R("Homs", "Rebels", "controlled")]),
    # ------------------------------------------------------------ "an offensive into P", "broke through P": a contest
    case("offensive-into-p-is-an-attack",
         "The SNA began an offensive into Manbij on Friday.",
         [R("Manbij", "SNA", "contested", **day("2024-12-06"))]),
    case("assault-into-p-is-an-attack",
         "Rebels mounted an assault into Homs at dawn on Saturday.",
         [R("Homs", "Rebels", "contested")]),
    case("broke-through-p-is-a-breach",
         "SDF fighters broke through the Albu Kamal crossing on Friday, two army sources said.",
         [R("Albu Kamal", "SDF", "contested", **day("2024-12-06"))]),
    case("broke-through-ps-defences",
         "Rebel fighters broke through Morek's defences on Tuesday.",
         [R("Morek", "Rebels", "contested")], published="2024-12-04"),
    case("negative-broke-through-to-p-is-no-breach-of-p",
         "The rebels broke through to the highway north of Hama.", []),
    # ------------------------------------------------------------ a town's name before a building's: the building
    case("town-name-before-police-headquarters-is-the-building",
         "Rebel fighters took control of the Daraa police headquarters building on Saturday.",
         [], absent=[R("Daraa", SOUTH, "controlled"), R("Daraa", "Rebels", "controlled")],
         xfail="the town proposed again as a new place from the gazetteer, once the table's hit is set aside"),
    case("town-name-before-central-prison-is-the-prison",
         "Rebels seized the Hama central prison and freed hundreds of inmates.",
         [], absent=[R("Hama", "Rebels", "controlled")],
         xfail="the town proposed again as a new place from the gazetteer, once the table's hit is set aside"),
    case("town-name-before-police-station-is-the-station",
         "Opposition fighters stormed the Homs police station on Saturday.",
         [], absent=[R("Homs", "Rebels", "contested")]),
    case("the-town-itself-then-its-prison",
         "Rebels seized Hama on Thursday and freed inmates from the city's central prison.",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05"))], published="2024-12-06"),
    case("a-building-the-table-names-is-taken",
         "SDF fighters seized the Deir ez-Zor military airport on Friday.",
         [R("Deir ez-Zor military airport", "SDF", "controlled")]),
    # ------------------------------------------------------------ an attack on a thing that lies outside P
    case("negative-attacked-a-depot-on-the-outskirts-of-p",
         "Israeli jets attacked an arms depot on the outskirts of Homs on Monday.", []),
    case("negative-attacked-a-checkpoint-outside-p",
         "Rebels attacked a checkpoint outside Hama on Friday.", []),
    case("attacked-the-outskirts-of-p-is-a-contest",
         "Rebels attacked the outskirts of Hama on Friday.",
         [R("Hama", "Rebels", "contested")]),
    # ------------------------------------------------------------ "the city" after an airport of the city
    case("the-city-after-its-airport-is-the-city",
         "Authorities shut Aleppo's airport on Friday after rebels seized large parts of the city.",
         [R("Aleppo", "Rebels", "controlled")], published="2024-11-30",
         absent=[R("Aleppo International Airport", "Rebels", "controlled")],
         xfail="'the city' read as the airport named before it: the airport proposed, not Aleppo"),
]


@pytest.mark.parametrize("text,published,rows,absent", CASES)
def test_constructions_behind_the_seen_misses(text, published, rows, absent):
    check(text, published, rows, absent)
