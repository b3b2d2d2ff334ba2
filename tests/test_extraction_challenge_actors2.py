"""Challenge set, family "actors2": who acts in HARDER sentences than the family "actors" covers (issue 20,
behavioural testing in the manner of CheckList, Ribeiro et al. 2020).

Made-up sentences in the way wire services, Al Jazeera, the BBC, ISW and local outlets write, not taken from
the reports, and not repeating tests/test_extraction_challenge_actors.py: two parties acting together (the
row goes to the group of the actors table that includes both, or to each where the table has no such group);
parties named through their leaders or their people ("Jolani's fighters", "Mazloum Abdi's SDF", "Ahmed
al-Sharaa's government"); a party named by what it is in one paragraph and by "the group", "its fighters",
"the militia", "the alliance", "the coalition" a paragraph later; a sentence whose subject is a place or a
thing and whose party sits in a prepositional phrase or a possessive ("Rebel control of Aleppo was complete");
states acting through their forces or aircraft (a strike takes nothing; troops taking up positions do); and
the Arabic-derived names and spellings of the sides. Negative cases: a leader's movements, a strike, a clash
near a place, an intention and a past holding propose nothing.

Each case compares the set of (place, actor, status, denial) the assistant proposes with the rows expected;
a status of None in an expected row accepts any status (where English leaves entry and control open).
``absent`` rows must not be proposed, whatever else is (a None field matches anything). ``claim`` is "" (nobody
said so), "independent", "party" (any party's word) or "party:<actor>", as the map reads ``claimed_by``.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest


from challenge_rows import propose, whose  # shared with the other sets


GOV = "Syrian government"
SOR = "Southern Operations Room"
SFA = "Syrian Free Army"


class R(NamedTuple):
    place: str | None
    actor: str | None
    status: str | None
    denial: bool = False
    claim: str | None = None  # None: not checked




# what the assistant does instead, on main (4f8f83a); a case that starts passing fails the suite (strict)
FAILING = {
    "together-hts-and-the-sna-are-the-rebels": "proposes HTS alone: the first of two parties takes the row",
    "together-a-coalition-led-by-hts": "proposes HTS: the leader in 'led by' takes the coalition's row",
    "state-tanks-rolled-into": "proposes nothing: 'rolled into' is no verb of entry",
}


def case(case_id, text, expect, absent=(), published="2024-12-14"):
    marks = [pytest.mark.xfail(strict=True, reason=FAILING[case_id])] if case_id in FAILING else []
    return pytest.param(text, expect, absent, published, id=case_id, marks=marks)


CASES = [
    # --- two parties acting together: the group that includes both, or each ---
    case("together-hts-led-rebels-are-the-rebels", "HTS-led rebels captured Maarat al-Numan on Friday.",
         [R("Maarat al-Numan", "Rebels", "controlled")]),
    case("together-rebels-backed-by-turkish-supported-groups", "Rebels, backed by Turkish-supported groups, took "
         "Tel Rifaat on Sunday.", [R("Tel Rifaat", "Rebels", "controlled")], absent=[R(None, "Turkey", None)]),
    case("together-hts-and-the-sna-are-the-rebels", "HTS and the Syrian National Army jointly captured al-Bab on "
         "Monday.", [R("al-Bab", "Rebels", "controlled")]),
    case("together-x-together-with-southern-factions", "Opposition fighters, together with the Southern Operations "
         "Room, entered Damascus early on Sunday.", [R("Damascus", "Rebels", "contested")], published="2024-12-08"),
    case("together-army-and-iran-backed-militias-are-the-government", "Syrian troops and Iran-backed militias "
         "still hold Albu Kamal.", [R("Albu Kamal", GOV, "controlled")]),
    case("together-army-and-hezbollah-each", "Government troops and Hezbollah fighters recaptured Qusayr on "
         "Tuesday.", [R("Qusayr", GOV, "controlled"), R("Qusayr", "Hezbollah", "controlled")]),
    case("together-sdf-and-its-military-council", "The SDF and the Deir ez-Zor Military Council took control of "
         "Khasham on Friday.", [R("Khasham", "SDF", "controlled")]),
    case("together-x-with-the-support-of-y-is-x", "Government forces, with the support of Russian warplanes, "
         "retook Kafr Zita on Wednesday.", [R("Kafr Zita", GOV, "controlled")], absent=[R(None, "Russia", None)]),
    case("together-a-coalition-led-by-hts", "A coalition of factions led by Hayat Tahrir al-Sham seized Saraqib "
         "on Friday.", [R("Saraqib", "Rebels", "controlled")]),

    # --- parties named through their leaders or their people ---
    case("leader-jolanis-fighters", "Jolani's fighters seized Homs overnight.", [R("Homs", "HTS", "controlled")]),
    case("leader-fighters-loyal-to-abu-mohammed-al-jolani", "Fighters loyal to Abu Mohammed al-Jolani captured "
         "Hama on Thursday.", [R("Hama", "HTS", "controlled")]),
    case("leader-troops-loyal-to-president-assad", "Troops loyal to President Bashar al-Assad retook Kafr Zita on "
         "Wednesday.", [R("Kafr Zita", GOV, "controlled")]),
    case("leader-mazloum-abdis-sdf", "Mazloum Abdi's SDF still holds Raqqa.", [R("Raqqa", "SDF", "controlled")]),
    case("leader-fighters-under-mazloum-abdis-command", "Fighters under the command of Mazloum Abdi took control "
         "of Deir ez-Zor on Friday.", [R("Deir ez-Zor", "SDF", "controlled")]),
    case("leader-a-commander-of-the-moc-said-its-fighters", "A commander of the Military Operations Command said "
         "its fighters had entered Homs.", [R("Homs", "Rebels", "contested", claim="party:Rebels")]),
    case("leader-ahmed-al-sharaas-government", "Ahmed al-Sharaa's government has taken control of Latakia.",
         [R("Latakia", "HTS", "controlled")], published="2024-12-20"),
    case("leader-sharaas-security-forces", "Security forces under Sharaa entered Jableh on Thursday.",
         [R("Jableh", "HTS", None)], published="2024-12-28"),
    case("leader-assads-army-abandoned-no-taker", "Assad's army abandoned Deir ez-Zor on Friday.", []),
    case("neg-leader-assad-fled-the-capital", "Assad fled Damascus for Moscow on Sunday.", [],
         published="2024-12-09"),
    case("neg-leader-jolani-spoke-at-a-mosque", "Jolani spoke at the Umayyad Mosque in Damascus on Sunday.", [],
         published="2024-12-09"),
    case("neg-leader-said-no-plans-to-attack", "Jolani said his group had no plans to attack Kobani.", []),

    # --- named by what it is, then by "the group", "its fighters", "the militia" ... a paragraph later ---
    case("back-the-groups-fighters-across-a-paragraph", "Hayat Tahrir al-Sham, the Islamist group once linked to "
         "al-Qaeda, launched a surprise offensive on Wednesday.\n\nOn Friday the group's fighters entered Aleppo.",
         [R("Aleppo", "HTS", "contested")], published="2024-12-02"),
    case("back-its-fighters-across-a-paragraph", "The Syrian National Army launched an offensive against Kurdish "
         "forces on Saturday.\n\nBy Sunday its fighters had taken Tel Rifaat.", [R("Tel Rifaat", "SNA", "controlled")]),
    case("back-the-militia-across-a-paragraph", "Hezbollah sent hundreds of fighters into Syria last week, a "
         "source close to the group said.\n\nThe Lebanese militia still holds Qusayr, near the border.",
         [R("Qusayr", "Hezbollah", "controlled")]),
    case("back-the-coalition-across-a-paragraph", "The Military Operations Command, a coalition of rebel factions, "
         "announced the start of its campaign.\n\nThe coalition captured Hama on Thursday.",
         [R("Hama", "Rebels", "controlled")]),
    case("back-the-kurdish-led-alliance", "The Syrian Democratic Forces moved into Deir ez-Zor on Friday as "
         "government troops withdrew.\n\nThe Kurdish-led alliance also took control of Albu Kamal, its spokesman "
         "said.", [R("Deir ez-Zor", "SDF", None), R("Albu Kamal", "SDF", "controlled", claim="party")]),
    case("back-they-across-a-paragraph", "Israeli troops crossed the ceasefire line on Sunday.\n\nOn Monday they "
         "took up positions on Mount Hermon.", [R("Mount Hermon", "Israel", None)]),
    case("back-the-group-is-the-nearest-party", "HTS captured Hama on Thursday.\n\nThe SDF, meanwhile, said it had "
         "taken Deir ez-Zor. The group's fighters also entered Albu Kamal.",
         [R("Hama", "HTS", "controlled"), R("Deir ez-Zor", "SDF", "controlled"), R("Albu Kamal", "SDF", None)],
         absent=[R("Albu Kamal", "HTS", None)]),
    case("back-the-organisation-after-its-full-name", "The Southern Operations Room was formed by factions in "
         "Daraa and Suwayda.\n\nOn Saturday the organisation said its fighters controlled Izraa.",
         [R("Izraa", SOR, "controlled", claim="party")]),

    # --- a place or a thing as subject, the party in a prepositional phrase or a possessive ---
    case("thing-p-saw-x-enter", "Hama saw rebel fighters enter on Thursday.", [R("Hama", "Rebels", "contested")]),
    case("thing-x-control-of-p-was-complete", "Rebel control of Aleppo was complete by Saturday.",
         [R("Aleppo", "Rebels", "controlled")], published="2024-12-02"),
    case("thing-the-city-is-run-by-the-salvation-government", "Aleppo was quiet on Monday. The city is now run by "
         "the opposition's Salvation Government.", [R("Aleppo", "HTS", "controlled")], published="2024-12-03"),
    case("thing-p-is-under-x-control", "Manbij is now under SNA control.", [R("Manbij", "SNA", "controlled")]),
    case("thing-xs-capture-of-p", "HTS's capture of Aleppo stunned Damascus.", [R("Aleppo", "HTS", "controlled")],
         published="2024-12-02"),
    case("thing-p-remains-in-kurdish-hands", "Kobani remains in Kurdish hands.", [R("Kobani", "SDF", "controlled")]),
    case("thing-the-flag-of-x-flew-over-p", "The flag of the Syrian Democratic Forces flew over Tabqa on Sunday.",
         [R("Tabqa", "SDF", "controlled")]),
    case("neg-thing-ps-governor-fled", "Hama's governor fled to Damascus as rebels advanced.", []),
    case("neg-thing-x-and-y-clashed-near-p", "HTS and SDF fighters clashed near Deir Hafer on Tuesday.", [],
         absent=[R("Deir Hafer", None, None)]),

    # --- states acting through their forces or aircraft ---
    case("state-warplanes-struck-no-taker", "Russian warplanes struck rebels near Hama on Friday.", []),
    case("state-drones-hit-positions-no-taker", "Turkish drones hit SDF positions near the Qaraqozak bridge.", []),
    case("state-jets-pounded-idlib-no-taker", "Russian jets pounded Idlib for a third day.", []),
    case("state-troops-took-up-positions", "Israeli troops took up positions in the buffer zone on Sunday.",
         [R("Golan buffer zone", "Israel", None)], published="2024-12-09"),
    case("state-tanks-rolled-into", "Israeli tanks rolled into Quneitra on Sunday.", [R("Quneitra", "Israel", None)],
         published="2024-12-09"),
    case("state-the-russian-military-still-holds", "The Russian military still holds the Tartus naval base.",
         [R("Tartus naval base", "Russia", "controlled")]),
    case("neg-state-aircraft-destroyed-the-navy-at-p", "Israeli aircraft destroyed the Syrian navy at Latakia "
         "overnight.", [], published="2024-12-10"),
    case("neg-state-shelled-p", "The Turkish army shelled Kobani on Saturday.", [], absent=[R(None, "Turkey", None)]),

    # --- the Arabic-derived names and spellings of the sides ---
    case("name-hayat-with-a-curly-apostrophe", "Hay\u2019at Tahrir al-Sham fighters took control of Saraqib.",
         [R("Saraqib", "HTS", "controlled")]),
    case("name-hayat-without-hyphens", "Hayat Tahrir al Sham captured Khan Sheikhoun on Tuesday.",
         [R("Khan Sheikhoun", "HTS", "controlled")]),
    case("name-tahrir-al-sham-alone", "Tahrir al-Sham fighters entered Rastan on Thursday.",
         [R("Rastan", "HTS", "contested")]),
    case("name-full-name-and-abbreviation-said", "Hayat Tahrir al-Sham (HTS) said its fighters had captured "
         "Morek.", [R("Morek", "HTS", "controlled", claim="party:HTS")]),
    case("name-jaish-al-islam-is-a-rebel-faction", "Jaish al-Islam fighters took control of Douma on Sunday.",
         [R("Douma", "Rebels", "controlled")], published="2024-12-09"),
    case("name-the-southern-operations-room-announced", "The Southern Operations Room announced it had taken "
         "control of Daraa.", [R("Daraa", SOR, "controlled", claim=f"party:{SOR}")], published="2024-12-08"),
    case("name-the-us-backed-syrian-free-army", "The US-backed Syrian Free Army took control of Palmyra on "
         "Saturday.", [R("Palmyra", SFA, "controlled")], published="2024-12-08"),
    case("name-the-us-backed-free-syrian-army", "The US-backed Free Syrian Army, based at al-Tanf, captured "
         "Palmyra on Saturday.", [R("Palmyra", SFA, "controlled")], published="2024-12-08"),
    case("name-the-sfa-said-its-fighters", "The SFA said its fighters had entered al-Sukhnah.",
         [R("al-Sukhnah", SFA, "contested", claim="party")], published="2024-12-08"),
    case("neg-name-once-held-is-the-past", "Jaish al-Islam, which once held Douma, was evacuated to the north in "
         "2018.", [], absent=[R("Douma", None, None)]),
]



def _key(row: dict) -> tuple:
    return (row["place"], row["actor"], row["status"], row["event"] == "denied")


def _fits(pattern: R, row: dict) -> bool:
    return ((pattern.place is None or pattern.place == row["place"])
            and (pattern.actor is None or pattern.actor == row["actor"])
            and (pattern.status is None or pattern.status == row["status"])
            and (row["event"] == "denied") == pattern.denial)


@pytest.mark.parametrize("text, expect, absent, published", CASES)
def test_who_acts_in_harder_sentences(text, expect, absent, published):
    rows = propose(text, published)
    got = sorted({_key(r) for r in rows})
    # every row proposed fits an expected row, and every expected row is proposed
    assert all(any(_fits(e, r) for e in expect) for r in rows), (got, expect)
    for e in expect:
        same = [r for r in rows if _fits(e, r)]
        assert same, (e, got)
        if e.claim is not None:
            said = [whose(r["claimed_by"]) for r in same]
            assert any(s == e.claim or (e.claim == "party" and s.startswith("party")) for s in said), (
                e, [r["claimed_by"] for r in same])
    for a in absent:
        assert not [r for r in rows if _fits(a, r) or (a.status is None and _fits(a._replace(denial=True), r))], (
            a, got)


def test_the_challenge_set_is_large_enough_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert 40 <= len(ids) <= 60 and len(set(ids)) == len(ids)
    assert set(FAILING) <= set(ids)
