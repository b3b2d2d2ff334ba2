"""Challenge set, family "refs": places named NOT by their name but by reference or description (issue 20).

Behavioural tests in the manner of CheckList (Ribeiro et al. 2020): made-up sentences written the way wire services
(Reuters, AFP, AP), Al Jazeera, the BBC, ISW and local outlets write, NOT taken from our reports, and written before
the assistant read them. About a quarter of real claims name their place this way: "the city", "the town", "the base",
"the airport", "the crossing" a sentence or two after the name (also across a paragraph break); "the capital" for
Damascus, not for the city named last; descriptions in common use ("Syria's second city" / "the country's commercial
hub" = Aleppo, "Syria's third-largest city" = Homs, "Syria's fourth-largest city" = Hama, "Assad's ancestral hometown"
= Qardaha, "Russia's only Mediterranean naval facility" = the Tartus naval base, "the Russian airbase near Latakia" =
Hmeimim, "the notorious prison" north of Damascus = Sednaya, "the main border crossing with Jordan" = Nassib, "the
Druze-majority city" = Suwayda); "its" referring back ("the city's airport", "its citadel", "its outskirts"); "both
cities", "the two towns", "all three". Negative cases: a description that names no one place ("the coastal city" with
nothing before it, "the Alawite heartland", "the Lebanese capital") proposes nothing, and a place's parent province is
proposed only when the text says so. The family "places" (tests/test_extraction_challenge_places.py, "ref-*") covers
"the city", "the town", "the base", "its military airport", "there", "the area", "the provincial capital" in their
plainest forms; none is repeated here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core import data
from dashboard.ingest import extraction
from dashboard.ingest.evaluation import is_denial

ROOT = Path(__file__).resolve().parents[1]
_, PLACES = data.read_rows(ROOT / "geodata" / "places.csv")
_, ACTORS = data.read_rows(ROOT / "geodata" / "actors.csv")

PUBLISHED = "2024-12-10"
GOV, REB, HTS, SNA, SDF = "Syrian government", "Rebels", "HTS", "SNA", "SDF"
SOUTH, RUS, ISR = "Southern Operations Room", "Russia", "Israel"
C, X = "controlled", "contested"


def fails(reason):
    return pytest.mark.xfail(strict=True, reason=reason)


def taken(place, actor, status=C, denial=False):
    return (place, actor, status, denial)


def read(text, published=PUBLISHED):
    rows, _ = extraction.propose_rows(text, url="https://news.example.org/a", publisher="Example", published=published,
                                      places_rows=PLACES, actors_rows=ACTORS, geocode_fn=lambda name: None)
    return {(r["place"], r["actor"], r["status"], is_denial(r)) for r in rows}


CASES = [
    # ------------------------------------------------------------------ a kind word a sentence or a paragraph later
    pytest.param("Rebels entered Hama on Thursday. Hours later, they declared full control of the city.",
                 {taken("Hama", REB, X), taken("Hama", REB)},
                 id="later-full-control-of-the-city"),
    pytest.param("Opposition fighters pushed into Homs on Saturday.\n\nBy Sunday morning the rebels controlled the city, "
                 "residents said.",
                 {taken("Homs", REB, X), taken("Homs", REB)},
                 id="later-the-city-across-a-paragraph-break"),
    pytest.param("Rebels entered Hama, 45 km north of Homs, on Thursday.\n\nThey seized the city hours later.",
                 {taken("Hama", REB, X), taken("Hama", REB)},
                 id="later-the-city-is-not-the-place-that-located-it-across-a-paragraph"),
    pytest.param("Rebels stormed the T4 air base on Friday.\n\nBy Saturday morning they were in full control of the base, "
                 "a commander said.",
                 {taken("T4 air base", REB, X), taken("T4 air base", REB)},
                 id="later-the-base-across-a-paragraph-break"),
    pytest.param("Government forces pulled out of Qamishli airport on Sunday. The SDF took over the airport hours later.",
                 {taken("Qamishli airport", SDF)},
                 id="later-the-airport-taken-after-a-withdrawal"),
    pytest.param("Local factions attacked the Nassib crossing on Friday. By evening they controlled the crossing, "
                 "Jordanian officials said.",
                 {taken("Nasib border crossing", SOUTH, X), taken("Nasib border crossing", SOUTH)},
                 id="later-the-crossing"),
    pytest.param("Southern factions took Daraa on Friday and by Saturday controlled the whole province.",
                 {taken("Daraa", SOUTH), taken("Daraa Governorate", SOUTH)},
                 id="later-the-whole-province-after-its-city"),
    pytest.param("Rebels took Homs on Saturday and reached the outskirts of the capital on Sunday.",
                 {taken("Homs", REB), taken("Damascus", REB, X)},
                 id="later-the-capital-is-damascus-not-the-city-named-last"),

    # ------------------------------------------------------------------ the capital
    pytest.param("Rebels said on Sunday they had taken control of the capital, hours after Assad fled.",
                 {taken("Damascus", REB)},
                 id="capital-the-capital-alone"),
    pytest.param("Opposition fighters entered the Syrian capital early on Sunday.",
                 {taken("Damascus", REB, X)},
                 id="capital-the-syrian-capital"),

    # ------------------------------------------------------------------ descriptions in common use
    pytest.param("Islamist-led rebels captured Syria's second city on Saturday.",
                 {taken("Aleppo", REB)},
                 id="epithet-syrias-second-city"),
    pytest.param("HTS fighters took full control of Syria's commercial hub on Sunday.",
                 {taken("Aleppo", HTS)},
                 id="epithet-syrias-commercial-hub"),
    pytest.param("Rebels captured Homs, Syria's third-largest city, on Saturday.",
                 {taken("Homs", REB)},
                 id="epithet-appositive-after-the-name-one-place"),
    pytest.param("Rebels were fighting on the outskirts of Syria's third-largest city on Saturday.",
                 {taken("Homs", REB, X)},
                 id="epithet-syrias-third-largest-city"),
    pytest.param("Opposition fighters took Syria's fourth-largest city on Thursday after government troops withdrew.",
                 {taken("Hama", REB)},
                 id="epithet-syrias-fourth-largest-city"),
    pytest.param("Rebels took control of Assad's ancestral hometown on Monday, toppling a statue of his father.",
                 {taken("Qardaha", REB)},
                 id="epithet-assads-ancestral-hometown"),
    pytest.param("Russia still controls its only Mediterranean naval facility, a Kremlin spokesman said on Tuesday.",
                 {taken("Tartus naval base", RUS)},
                 id="epithet-russias-only-mediterranean-naval-facility"),
    pytest.param("Russian forces remain in control of the Russian airbase near Latakia, a Syrian source said.",
                 {taken("Hmeimim air base", RUS)},
                 id="epithet-the-russian-airbase-near-latakia-is-not-latakia",
                 marks=fails("proposes nothing: 'remain in control of' is not read (nor with Hmeimim named); the table now has 'Russian airbase near Latakia'")),
    pytest.param("Rebels took control of the notorious prison north of Damascus on Sunday and freed thousands of "
                 "detainees.",
                 {taken("Sednaya prison", REB)},
                 id="epithet-the-notorious-prison-north-of-damascus"),
    pytest.param("Local factions seized the main border crossing with Jordan on Friday, a Jordanian official said.",
                 {taken("Nasib border crossing", SOUTH)},
                 id="epithet-the-main-border-crossing-with-jordan"),
    pytest.param("Local factions took control of the Druze-majority city on Saturday.",
                 {taken("Suwayda", SOUTH)},
                 id="epithet-the-druze-majority-city",
                 marks=pytest.mark.xfail(strict=True, reason="nothing proposed: 'the Druze-majority city' was taken out of the "
                                         "places table on review (Jaramana and Shahba are called that too)")),
    pytest.param("Turkish-backed factions captured the Kurdish-held city of Manbij on Monday.",
                 {taken("Manbij", SNA)},
                 id="epithet-the-kurdish-held-city-of-is-no-sdf-row"),

    # ------------------------------------------------------------------ its, the city's
    pytest.param("Rebels captured Aleppo on Saturday. The city's airport fell to the rebels on Sunday.",
                 {taken("Aleppo", REB), taken("Aleppo International Airport", REB)},
                 id="its-the-citys-airport-next-sentence"),
    pytest.param("Rebels entered Aleppo on Friday and took control of its citadel on Saturday.",
                 {taken("Aleppo", REB, X), taken("Aleppo Citadel", REB)},
                 id="its-citadel"),
    pytest.param("Rebels closed in on Hama on Wednesday, and by nightfall were fighting on its northern outskirts.",
                 {taken("Hama", REB, X)},
                 id="its-northern-outskirts"),
    pytest.param("HTS expanded its control to Saraqib on Friday.",
                 {taken("Saraqib", HTS)},
                 id="its-negative-its-is-the-party-not-a-place"),

    # ------------------------------------------------------------------ both, the two, all three
    pytest.param("Rebels reached Hama and Homs on Thursday. By Sunday both cities were under rebel control.",
                 {taken("Hama", REB, X), taken("Homs", REB, X), taken("Hama", REB), taken("Homs", REB)},
                 id="group-both-cities"),
    pytest.param("Pro-government militias withdrew from Nubl and Zahraa on Monday. Rebels took control of the two towns "
                 "hours later.",
                 {taken("Nubl", REB), taken("Zahraa", REB)},
                 id="group-the-two-towns"),
    pytest.param("Rebels attacked Rastan, Talbiseh and Homs on Friday. By Saturday all three were under opposition "
                 "control.",
                 {taken("Rastan", REB, X), taken("Talbiseh", REB, X), taken("Homs", REB, X),
                  taken("Rastan", REB), taken("Talbiseh", REB), taken("Homs", REB)},
                 id="group-all-three"),

    # ------------------------------------------------------------------ negatives: a description that names no one place
    pytest.param("Rebels entered the city on Sunday.",
                 set(),
                 id="negative-the-city-with-nothing-before-it"),
    pytest.param("Rebels reached the coastal city on Monday.",
                 set(),
                 id="negative-the-coastal-city-names-no-one-place"),
    pytest.param("Rebels advanced toward the Alawite heartland on the coast on Monday.",
                 set(),
                 id="negative-the-alawite-heartland"),
    pytest.param("Thousands fled to the Lebanese capital on Sunday as rebels took Homs.",
                 {taken("Homs", REB)},
                 id="negative-the-lebanese-capital-is-not-damascus"),
    pytest.param("Rebels took Hama on Thursday; the city lies in the centre of the country.",
                 {taken("Hama", REB)},
                 id="negative-no-parent-province-unless-said"),
    pytest.param("Rebels captured Saraqib, a town in Idlib province, on Friday.",
                 {taken("Saraqib", REB)},
                 id="negative-a-town-in-its-province-is-not-the-province"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_refs_challenge(text, expected):
    assert read(text) == expected
