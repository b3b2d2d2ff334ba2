"""Challenge set, family "places": WHICH places a control claim is about (issue 20).

Behavioural tests in the manner of CheckList (Ribeiro et al. 2020): made-up sentences written the way wire services
(Reuters, AFP, AP), Al Jazeera, the BBC, ISW and local outlets write, NOT taken from our reports, and written before
the assistant read them. Each case gives the exact set of (place, actor, status, denial) the assistant should propose:
lists under one verb ("captured A, B and C", "including", "such as", "along with", "among them"); a list in one
sentence and its verb or taker in the next; exceptions ("except", "apart from", "with the exception of", "but",
"all but"), which never give the excepted places to the taker; references back ("the city", "the town", "the
provincial capital", "the base", "its airport", "there", "the area"); a place named only to say where another lies;
"the outskirts of", "the countryside of", "the edge of", "the gates of" (a contest, not control); provinces against
cities of the same name; spellings the places table must resolve to its one place; and people, nationalities and
capitals standing for governments, which are never places.
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
SOUTH, SFA, RUS, ISR = "Southern Operations Room", "Syrian Free Army", "Russia", "Israel"
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
    # ------------------------------------------------------------------ lists under one verb
    pytest.param("Rebels captured Saraqib, Maarat al-Numan and Khan Sheikhoun on Friday.",
                 {taken("Saraqib", REB), taken("Maarat al-Numan", REB), taken("Khan Sheikhoun", REB)},
                 id="list-a-b-and-c-under-captured"),
    pytest.param("Opposition fighters took control of Rastan as well as Talbiseh on Thursday, the Syrian Observatory for "
                 "Human Rights said.",
                 {taken("Rastan", REB), taken("Talbiseh", REB)},
                 id="list-took-control-of-a-as-well-as-b"),
    pytest.param("Daraa, Izraa and Nawa fell to local factions on Friday.",
                 {taken("Daraa", SOUTH), taken("Izraa", SOUTH), taken("Nawa", SOUTH)},
                 id="list-as-subject-a-b-and-c-fell-to"),
    pytest.param("The rebels pushed south from Hama on Friday. By Saturday evening Rastan and Talbiseh had fallen.",
                 {taken("Rastan", REB), taken("Talbiseh", REB)},
                 id="list-a-and-b-had-fallen-taker-in-sentence-before"),
    pytest.param("Rebels captured several towns on Thursday, including Kafr Nabl, Morek and Khan Sheikhoun.",
                 {taken("Kafr Nabl", REB), taken("Morek", REB), taken("Khan Sheikhoun", REB)},
                 id="list-several-towns-including-a-b-and-c"),
    pytest.param("Government forces lost key towns such as Khan Sheikhoun and Morek to the rebels on Friday.",
                 {taken("Khan Sheikhoun", REB), taken("Morek", REB)},
                 id="list-lost-towns-such-as-a-and-b-to-x"),
    pytest.param("The Syrian Free Army captured Palmyra on Sunday, along with al-Sukhnah and al-Qaryatayn.",
                 {taken("Palmyra", SFA), taken("al-Sukhnah", SFA), taken("al-Qaryatayn", SFA)},
                 id="list-captured-a-along-with-b-and-c"),
    pytest.param("Kurdish-led forces took over several towns along the Euphrates on Friday, among them Albu Kamal and "
                 "Khasham.",
                 {taken("Albu Kamal", SDF), taken("Khasham", SDF)},
                 id="list-took-over-towns-among-them-a-and-b"),
    pytest.param("The SDF took control of the city of Deir ez-Zor, the town of Albu Kamal, and Deir ez-Zor military "
                 "airport on Saturday.",
                 {taken("Deir ez-Zor", SDF), taken("Albu Kamal", SDF), taken("Deir ez-Zor military airport", SDF)},
                 id="list-the-city-of-a-the-town-of-b-and-c-serial-comma"),
    pytest.param("HTS captured large parts of Aleppo province on Saturday, including al-Safira and Deir Hafer.",
                 {taken("Aleppo Governorate", HTS), taken("al-Safira", HTS), taken("Deir Hafer", HTS)},
                 id="list-province-including-a-and-b"),
    pytest.param("The Syrian army denied that Hama, Rastan or Talbiseh had fallen.",
                 {taken("Hama", GOV, C, True), taken("Rastan", GOV, C, True), taken("Talbiseh", GOV, C, True)},
                 id="list-in-a-denial-each-is-denied"),

    # ------------------------------------------------------------------ a list in one sentence, its verb or taker in the next
    pytest.param("Tel Rifaat, Nubl and Zahraa are among the areas the army evacuated on Sunday. The SDF then took control "
                 "of them.",
                 {taken("Tel Rifaat", SDF), taken("Nubl", SDF), taken("Zahraa", SDF)},
                 id="next-list-evacuated-then-x-took-control-of-them"),
    pytest.param("Opposition fighters advanced on several fronts on Friday. Among the towns they seized were Rastan and "
                 "Talbiseh.",
                 {taken("Rastan", REB), taken("Talbiseh", REB)},
                 id="next-among-the-towns-they-seized-were-a-and-b"),
    pytest.param("The army's last positions east of Aleppo were Kuweires air base, al-Safira and Deir Hafer. All three "
                 "fell to the rebels on Monday.",
                 {taken("Kuweires air base", REB), taken("al-Safira", REB), taken("Deir Hafer", REB)},
                 id="next-list-then-all-three-fell-to-x"),
    pytest.param("On Sunday the rebels turned south. Daraa, Izraa and al-Sanamayn fell within hours.",
                 {taken("Daraa", REB), taken("Izraa", REB), taken("al-Sanamayn", REB)},
                 id="next-taker-then-a-b-and-c-fell"),
    pytest.param("Government troops pulled out of Tel Rifaat and Deir Hafer on Saturday. Turkish-backed factions took "
                 "them over hours later.",
                 {taken("Tel Rifaat", SNA), taken("Deir Hafer", SNA)},
                 id="next-pulled-out-of-a-and-b-then-x-took-them-over"),

    # ------------------------------------------------------------------ exceptions
    pytest.param("The Syrian army withdrew from Deir ez-Zor province on Friday except the city of Deir ez-Zor and Albu "
                 "Kamal, handing its positions to the SDF.",
                 {taken("Deir ez-Zor Governorate", SDF), taken("Deir ez-Zor", GOV), taken("Albu Kamal", GOV)},
                 id="except-after-a-withdrawal-handing-to-x"),
    pytest.param("Southern factions launched an offensive on Friday. By Saturday government forces had withdrawn from "
                 "Daraa province except for the city of Daraa and Izraa.",
                 {taken("Daraa Governorate", SOUTH), taken("Daraa", GOV), taken("Izraa", GOV)},
                 id="except-for-after-a-withdrawal-taker-before"),
    pytest.param("The rebels took the whole of Idlib province on Friday, apart from Saraqib.",
                 {taken("Idlib", REB)},
                 id="apart-from-is-not-taken"),
    pytest.param("With the exception of Qardaha and Jableh, the rebels captured the whole of Latakia province on Sunday.",
                 {taken("Latakia Governorate", REB)},
                 id="with-the-exception-of-before-the-verb"),
    pytest.param("Russian forces have pulled out of their positions in northern Syria with the exception of Qamishli "
                 "airport.",
                 {taken("Qamishli airport", RUS)},
                 id="with-the-exception-of-after-a-withdrawal-is-still-held"),
    pytest.param("Regime forces withdrew from all of Quneitra province but the provincial capital on Sunday.",
                 {taken("Quneitra", GOV)},
                 id="all-of-the-province-but-the-provincial-capital"),
    pytest.param("Rebels had all but encircled Homs by Saturday.",
                 {taken("Homs", REB, X)},
                 id="all-but-encircled-is-a-siege"),
    pytest.param("Rebels have all but captured Hama, a war monitor said on Thursday.",
                 {taken("Hama", REB, X)},
                 id="all-but-captured-is-not-captured"),
    pytest.param("All of Idlib, except Saraqib, is under HTS control.",
                 {taken("Idlib", HTS)},
                 id="except-inside-the-subject-of-under-control"),

    # ------------------------------------------------------------------ references back
    pytest.param("Rebels reached the outskirts of Hama on Wednesday. On Thursday they entered the city.",
                 {taken("Hama", REB, X)},
                 id="ref-the-city"),
    pytest.param("Opposition fighters attacked Saraqib on Friday. By Saturday they had captured the town.",
                 {taken("Saraqib", REB, X), taken("Saraqib", REB)},
                 id="ref-the-town"),
    pytest.param("Southern factions swept through Daraa province on Friday and seized the provincial capital on Saturday.",
                 {taken("Daraa Governorate", SOUTH), taken("Daraa", SOUTH)},
                 id="ref-the-provincial-capital-same-sentence"),
    pytest.param("Russian aircraft were seen at Khmeimim on Monday. Moscow still controls the base, a Western official "
                 "said.",
                 {taken("Hmeimim air base", RUS)},
                 id="ref-the-base"),
    pytest.param("The SDF seized Deir ez-Zor on Friday and its military airport on Saturday.",
                 {taken("Deir ez-Zor", SDF), taken("Deir ez-Zor military airport", SDF)},
                 id="ref-its-military-airport"),
    pytest.param("Rebels captured Hama on Thursday, including its military airport.",
                 {taken("Hama", REB), taken("Hama air base", REB)},
                 id="ref-including-its-military-airport"),
    pytest.param("Rebels reached Jableh on Sunday. Clashes with regime forces broke out there overnight.",
                 {taken("Jableh", REB, X)},
                 id="ref-there"),
    pytest.param("Israeli troops entered the buffer zone on Sunday. By Monday they had seized control of the area.",
                 {taken("Golan buffer zone", ISR, X), taken("Golan buffer zone", ISR)},
                 id="ref-the-area"),
    pytest.param("The SDF said on Friday it had entered Raqqa province. Its fighters took the provincial capital on "
                 "Saturday.",
                 {taken("Raqqa Governorate", SDF, X), taken("Raqqa", SDF)},
                 id="ref-the-provincial-capital-next-sentence"),
    pytest.param("Turkish-backed factions attacked Tel Rifaat, north of Aleppo, on Saturday. On Sunday they took the town.",
                 {taken("Tel Rifaat", SNA, X), taken("Tel Rifaat", SNA)},
                 id="ref-the-town-is-not-the-place-that-located-it"),

    # ------------------------------------------------------------------ a place named only to locate another
    pytest.param("Rebels captured Maarat al-Numan, 30 km south of Idlib, on Friday.",
                 {taken("Maarat al-Numan", REB)},
                 id="locate-km-south-of-y"),
    pytest.param("Opposition fighters seized Saraqib, on the road between Aleppo and Damascus, on Friday.",
                 {taken("Saraqib", REB)},
                 id="locate-on-the-road-between-a-and-b"),
    pytest.param("Turkish-backed factions captured Tel Rifaat, near the border with Turkey, on Sunday.",
                 {taken("Tel Rifaat", SNA)},
                 id="locate-near-the-border-with-turkey"),
    pytest.param("Israeli forces seized positions in Qatana, outside Damascus, on Tuesday.",
                 {taken("Qatana", ISR)},
                 id="locate-outside-damascus"),
    pytest.param("Rebels took control of al-Kiswah, just south of the capital, on Saturday.",
                 {taken("al-Kiswah", REB)},
                 id="locate-just-south-of-the-capital"),
    pytest.param("Government forces recaptured Khanasser in Aleppo province on Monday.",
                 {taken("Khanasser", GOV)},
                 id="locate-a-town-in-its-province"),
    pytest.param("The SDF pulled back from Deir Hafer, west of Maskana, as SNA factions advanced.",
                 {taken("Deir Hafer", SNA)},
                 id="locate-withdrawal-from-x-west-of-y"),
    pytest.param("Rebels stormed Morek, on the highway linking Hama and Idlib, on Thursday.",
                 {taken("Morek", REB, X)},
                 id="locate-on-the-highway-linking-a-and-b"),
    pytest.param("Rebels cut the road between Homs and Hama on Friday.",
                 set(),
                 id="locate-negative-only-the-road-between-a-and-b"),

    # ------------------------------------------------------------------ outskirts, countryside, edge, gates: a contest
    pytest.param("Rebels reached the outskirts of Homs on Friday.",
                 {taken("Homs", REB, X)},
                 id="edge-reached-the-outskirts-of"),
    pytest.param("Opposition fighters captured several villages in the countryside of Hama on Tuesday.",
                 {taken("Hama", REB, X)},
                 id="edge-villages-in-the-countryside-of-a-city"),
    pytest.param("Turkish-backed factions are on the edge of Manbij, the SDF said.",
                 {taken("Manbij", SNA, X)},
                 id="edge-on-the-edge-of"),
    pytest.param("The SDF captured the eastern outskirts of Deir ez-Zor on Friday.",
                 {taken("Deir ez-Zor", SDF, X)},
                 id="edge-captured-the-outskirts-is-a-contest"),
    pytest.param("Rebels took control of the outskirts of Damascus on Saturday.",
                 {taken("Damascus", REB, X)},
                 id="edge-took-control-of-the-outskirts-is-a-contest"),

    # ------------------------------------------------------------------ provinces and cities of the same name
    pytest.param("Rebels captured dozens of villages in Hama province on Tuesday.",
                 {taken("Hama Governorate", REB)},
                 id="province-villages-in-hama-province"),
    pytest.param("Rebels took the city of Homs on Saturday, and by Sunday controlled most of Homs province.",
                 {taken("Homs", REB), taken("Homs Governorate", REB)},
                 id="province-the-city-and-the-province"),
    pytest.param("The SDF took control of Deir ez-Zor city on Friday, but the army still held the rest of Deir ez-Zor "
                 "province.",
                 {taken("Deir ez-Zor", SDF), taken("Deir ez-Zor Governorate", GOV)},
                 id="province-city-taken-province-still-held"),  # (passes since review r6: ", but the army" is the army)
    pytest.param("Southern factions now control the province of Daraa.",
                 {taken("Daraa Governorate", SOUTH)},
                 id="province-the-province-of-daraa"),
    pytest.param("Local factions took control of Sweida city on Saturday.",
                 {taken("Suwayda", SOUTH)},
                 id="province-sweida-city-is-the-city"),

    # ------------------------------------------------------------------ spellings resolve to the table's one place
    pytest.param("The SDF took control of Deir al-Zor province on Friday.",
                 {taken("Deir ez-Zor Governorate", SDF)},
                 id="spelling-deir-al-zor-province"),
    pytest.param("The SDF entered Deir Ez Zor on Friday.",
                 {taken("Deir ez-Zor", SDF, X)},
                 id="spelling-deir-ez-zor-without-hyphens"),
    pytest.param("Local factions took control of Sweida province on Saturday.",
                 {taken("Suwayda Governorate", SOUTH)},
                 id="spelling-sweida-province"),
    pytest.param("Local factions took control of Suweida on Saturday.",
                 {taken("Suwayda", SOUTH)},
                 id="spelling-suweida"),
    pytest.param("Russia still holds the Khmeimim air base.",
                 {taken("Hmeimim air base", RUS)},
                 id="spelling-khmeimim"),
    pytest.param("Russian forces still hold Hmeymim air base.",
                 {taken("Hmeimim air base", RUS)},
                 id="spelling-hmeymim"),
    pytest.param("Turkish-backed factions captured Tal Rifat on Sunday.",
                 {taken("Tel Rifaat", SNA)},
                 id="spelling-tal-rifat"),
    pytest.param("Rebels captured Maaret al-Numan on Friday.",
                 {taken("Maarat al-Numan", REB)},
                 id="spelling-maaret-al-numan"),

    # ------------------------------------------------------------------ people, nationalities, countries: never places
    pytest.param("Rebels tore down a statue of Hafez al-Assad in Hama on Friday after capturing the city.",
                 {taken("Hama", REB)},
                 id="not-a-place-assad-statue"),
    pytest.param("President Bashar al-Assad fled as rebels captured Damascus.",
                 {taken("Damascus", REB)},
                 id="not-a-place-president-assad"),
    pytest.param("The SDF, an alliance of Kurdish and Arab fighters, took control of Deir ez-Zor on Friday.",
                 {taken("Deir ez-Zor", SDF)},
                 id="not-a-place-arab"),
    pytest.param("Turkish-backed factions seized Manbij on Monday, Turkey said.",
                 {taken("Manbij", SNA)},
                 id="not-a-place-turkey-as-speaker"),
    pytest.param("Damascus lost control of Deir ez-Zor to the SDF on Friday.",
                 {taken("Deir ez-Zor", SDF)},
                 id="not-a-place-damascus-standing-for-the-government"),  # passes since the actors set's "lost control of P to X"
    pytest.param("Rebels now control much of Syria, including Aleppo and Hama.",
                 {taken("Aleppo", REB), taken("Hama", REB)},
                 id="not-a-place-syria-the-country"),

    # ------------------------------------------------------------------ negatives: lists that are no claim
    pytest.param("Rebels threatened to take Homs, Hama and Damascus.",
                 set(),
                 id="negative-a-threat-over-a-list"),
    pytest.param("Russian jets bombed Idlib, Sarmada and Maarat al-Numan on Friday.",
                 set(),
                 id="negative-a-list-bombed"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_which_places_a_claim_is_about(text, expected):
    assert read(text) == expected


# ---------------------------------------------------------------- rules kept for this family, written after the cases

def test_a_place_that_loses_another_is_its_government():
    # "Damascus lost P to X": the capital stands for its government; only P changed hands
    assert read("Damascus has lost Raqqa and Tabqa to the SDF.") == {taken("Raqqa", SDF), taken("Tabqa", SDF)}
    assert read("Hama was lost to the rebels on Thursday.") == {taken("Hama", REB)}


def test_the_province_after_a_city_is_its_province_and_the_city_after_a_province_its_capital():
    assert read("Rebels entered Daraa province on Friday. They seized the city centre on Saturday.") == {
        taken("Daraa Governorate", REB, X), taken("Daraa", REB)}
    assert taken("Suwayda Governorate", REB) in read(
        "Rebels reached the city of Sweida on Friday. On Saturday they took control of checkpoints across the province.")
