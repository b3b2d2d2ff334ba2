"""Challenge set, family "speech": DIRECT and REPORTED SPEECH (issue 20, behavioural testing in the manner of
CheckList, Ribeiro et al. 2020), beyond the "claims" set (which covers claiming verbs, channels, contradictions
across sentences and redeployments) and the few quotes of "formats" and "places2".

Made-up sentences in the way wire services, Al Jazeera, the BBC, ISW and local outlets write, written before the
assistant read them: direct quotes with the speaker before (a colon), after or in the middle of the quote; a quote
over two sentences; straight and curly quotation marks; a quote inside a quote; "X told AFP/Reuters/Al Jazeera"
(the speaker is X, not the agency); unnamed sources and whose word they are; statements on Telegram, in a
statement, on state TV; reported speech with its tense back-shifted ("said they had captured", "said the army was
still holding"); denials in speech ("'Hama has not fallen,' the army insisted"). Negative cases: a quote of a
wish, a threat, a condition, a question or an opinion.

Whose word, by the project's rules (``geodata/parties.csv`` read through ``dashboard.core.attribution``): a
rebel, military, Kurdish or Turkish source or official is its party's word ("party"); "a war monitor" is the
Observatory, independent; "residents" and "witnesses" are the parties table's witnesses (no side: independent),
so "witnesses told Reuters" is independent whichever of the two is read as the speaker; "activists" and "a
security source" with no side named are in no table (the map reads an unvetted speaker as a party's word), so
only that someone is named is checked ("any"). The agency told ("told AFP") is not the speaker.

Each case compares the set of (place, actor, status, denial) proposed with the rows expected (``exact=False``:
the rows expected must be among those proposed and none of ``absent``); where a row names ``claim`` it is
checked too: "" (nobody said so), "independent", "party" (any party's word), "party:<actor>", or "any".
"""

from __future__ import annotations

from typing import NamedTuple

import pytest


from challenge_rows import propose, whose  # shared with the other sets


SG = "Syrian government"
SOR = "Southern Operations Room"


class R(NamedTuple):
    place: str
    actor: str
    status: str
    denial: bool = False
    claim: str | None = None  # None: not checked


def D(place, actor, status="controlled"):
    """A denial row: the party's word that it still holds the place."""
    return R(place, actor, status, True, "party")




# what the assistant does instead, on main (571fce7); a case that starts passing fails the suite (strict)
FAILING: dict[str, str] = {
    "quote-speaker-in-the-middle-of-a-holding": "proposes nothing: 'is secure' and 'in full control of the city' in a split quote are not read as the army's holding",
    "quote-curly-speaker-in-the-middle-said-first": "proposes nothing: 'The regime has left Daraa' / 'the city is ours' in a split quote",
    "statement-read-on-state-tv-by-rebels": "proposes nothing: an agentless 'Damascus had been liberated' after 'rebels announced that'",
    "backshift-said-the-army-was-still-holding": "Homs held by the army, the source's word, not its denial: a party's own 'still holding' is read as a holding (since the army-units rule; on main it proposed nothing)",
}


def case(case_id, text, expect, absent=(), published="2024-12-08", exact=True):
    marks = [pytest.mark.xfail(strict=True, reason=FAILING[case_id])] if case_id in FAILING else []
    return pytest.param(text, expect, absent, published, exact, id=case_id, marks=marks)


CASES = [
    # --- direct quotes: where the speaker stands ---
    case("quote-speaker-after-told-afp", "'We have liberated Hama,' a rebel commander told AFP on Thursday.",
         [R("Hama", "Rebels", "controlled", claim="party")], published="2024-12-06"),
    case("quote-speaker-in-the-middle-of-a-holding", "'Homs is secure,' the governor said, 'and the army is in full "
         "control of the city.'", [R("Homs", SG, "controlled", claim="party")], published="2024-12-06"),
    case("quote-speaker-before-a-colon", "A rebel commander said: 'Our forces are inside Homs.'",
         [R("Homs", "Rebels", "contested", claim="party")], published="2024-12-07"),
    case("quote-over-two-sentences-speaker-after", "'Our fighters entered Rastan at dawn. By noon the town was fully "
         "under our control,' an HTS commander said.", [R("Rastan", "HTS", "controlled", claim="party")],
         published="2024-12-06", exact=False),
    case("quote-curly-speaker-in-the-middle-said-first", "\u201cThe regime has left Daraa,\u201d said a spokesman for the "
         "Southern Operations Room, \u201cand the city is ours.\u201d", [R("Daraa", SOR, "controlled", claim="party")],
         published="2024-12-07"),
    case("quote-inside-a-quote", "An SDF official said: \"The message from the field was clear: 'Tabqa is under our "
         "control.'\"", [R("Tabqa", "SDF", "controlled", claim="party")]),
    case("quote-straight-double-said-name-comma-title", "\"We are now in full control of Manbij,\" said Mohammed "
         "al-Ahmad, a commander with the Turkish-backed Syrian National Army.",
         [R("Manbij", "SNA", "controlled", claim="party")], published="2024-12-10"),
    case("quote-spokesman-named-after", "\"Our forces have taken over Deir ez-Zor city,\" SDF spokesman Farhad "
         "Shami said.", [R("Deir ez-Zor", "SDF", "controlled", claim="party")], published="2024-12-07"),
    case("quote-pronoun-speaker-named-in-the-sentence-before", "Abu Khaled, an HTS field commander, spoke to AFP by "
         "phone. 'By morning,' he said, 'our men were in control of Morek.'",
         [R("Morek", "HTS", "controlled", claim="party")], published="2024-12-01"),
    case("quote-command-added", "'The town of Rastan is now liberated,' the Military Operations Command added.",
         [R("Rastan", "Rebels", "controlled", claim="party:Rebels")], published="2024-12-06"),
    case("quote-claim-then-quoted-denial", "Rebels said they had captured Hama. 'Hama has not fallen and will not "
         "fall,' the defence ministry said.", [R("Hama", "Rebels", "controlled", claim="party:Rebels"), D("Hama", SG)],
         published="2024-12-05"),

    # --- "X told <agency>": the speaker is X ---
    case("told-al-jazeera-the-commanders-word", "Rebel commanders told Al Jazeera that they now controlled Saraqib.",
         [R("Saraqib", "Rebels", "controlled", claim="party")], published="2024-12-01"),
    case("told-reuters-his-fighters-had-seized", "An HTS commander told Reuters his fighters had seized the Kuweires "
         "air base.", [R("Kuweires air base", "HTS", "controlled", claim="party")], published="2024-12-01"),

    # --- statements ---
    case("statement-on-telegram-that-its-fighters", "HTS said on Telegram that its fighters had entered Hama.",
         [R("Hama", "HTS", "contested", claim="party:HTS")], published="2024-12-05"),
    case("statement-ministry-in-a-statement", "The Syrian defence ministry said in a statement that its forces had "
         "regained control of Kafr Zita.", [R("Kafr Zita", SG, "controlled", claim=f"party:{SG}")],
         published="2024-12-03"),
    case("statement-announced-on-state-television", "The army announced on state television that troops had "
         "recaptured Morek.", [R("Morek", SG, "controlled", claim=f"party:{SG}")], published="2024-12-03"),
    case("statement-read-on-state-tv-by-rebels", "In a statement read on state television, rebels announced that "
         "Damascus had been liberated.", [R("Damascus", "Rebels", "controlled", claim="party:Rebels")]),

    # --- reported speech, tense back-shifted ---
    case("backshift-said-they-had-captured-and-were-advancing", "Rebels said they had captured Talbiseh and were "
         "advancing on Homs.", [R("Talbiseh", "Rebels", "controlled", claim="party:Rebels")],
         absent=[R("Homs", "Rebels", "controlled")], published="2024-12-06", exact=False),
    case("backshift-said-the-army-was-still-holding", "A Syrian military source told SANA the army was still "
         "holding Homs.", [D("Homs", SG)], published="2024-12-07"),
    case("backshift-monitor-said-the-army-had-lost-p-to-x", "The Observatory said the army had lost Hama to the "
         "rebels.", [R("Hama", "Rebels", "controlled", claim="independent")], published="2024-12-06"),
    case("backshift-said-it-still-controlled-denying", "The SDF said it still controlled Manbij, denying Turkish "
         "claims.", [D("Manbij", "SDF")], published="2024-12-09"),

    # --- denials in speech ---
    case("deny-quote-the-army-insisted", "'Hama has not fallen,' the army insisted.", [D("Hama", SG)],
         published="2024-12-05"),
    case("deny-quote-split-reports-false", "\u201cThese reports are false,\u201d a military source told SANA, "
         "\u201cHoms remains firmly in the hands of our forces.\u201d", [D("Homs", SG)], published="2024-12-07"),

    # --- unnamed sources: whose word ---
    case("source-a-rebel-source-said", "Rebels have taken full control of Saraqib, a rebel source said.",
         [R("Saraqib", "Rebels", "controlled", claim="party")], published="2024-12-01"),
    case("source-syrian-military-source-told-sana", "A Syrian military source told SANA that army units had "
         "recaptured Morek after fierce clashes.", [R("Morek", SG, "controlled", claim="party")],
         published="2024-12-03"),
    case("source-a-security-source-no-side", "Turkish-backed fighters took control of Tel Rifaat after Kurdish "
         "forces withdrew, a security source said.", [R("Tel Rifaat", "SNA", "controlled", claim="any")],
         published="2024-12-02"),
    case("source-turkish-security-source", "Turkish-backed factions have captured Tel Rifaat, a Turkish security "
         "source said.", [R("Tel Rifaat", "SNA", "controlled", claim="party")], published="2024-12-02"),
    case("source-a-war-monitor-said", "Rebels seized Palmyra on Saturday after government forces withdrew, a war "
         "monitor said.", [R("Palmyra", "Rebels", "controlled", claim="independent")]),
    case("source-residents-said-in-control", "Residents said opposition fighters were in control of Izraa by "
         "Friday evening.", [R("Izraa", "Rebels", "controlled", claim="independent")], published="2024-12-07"),
    case("source-witnesses-told-reuters", "Witnesses told Reuters that SDF fighters had entered Albu Kamal.",
         [R("Albu Kamal", "SDF", "contested", claim="independent")], published="2024-12-07"),
    case("source-activists-said-start", "Activists said the rebels had seized Khan Sheikhoun.",
         [R("Khan Sheikhoun", "Rebels", "controlled", claim="any")], published="2024-12-01"),
    case("source-a-kurdish-official", "A Kurdish official said the SDF had taken control of Deir ez-Zor.",
         [R("Deir ez-Zor", "SDF", "controlled", claim="party")], published="2024-12-07"),
    case("source-turkish-defence-ministry-official", "A Turkish defence ministry official said the Syrian National "
         "Army had taken Tel Rifaat.", [R("Tel Rifaat", "SNA", "controlled", claim="party")], published="2024-12-02"),
    case("source-according-to-an-anonymous-commander", "According to a rebel commander who spoke on condition of "
         "anonymity, opposition fighters had entered Homs.", [R("Homs", "Rebels", "contested", claim="party")],
         published="2024-12-07"),

    # --- negatives: a wish, a threat, a condition, a question, an opinion ---
    case("neg-quote-vowed-next", "'Damascus is next,' the rebel commander vowed.", []),
    case("neg-quote-opinion", "'Aleppo is the heart of Syria,' the governor said.", [], published="2024-11-29"),
    case("neg-quote-a-wish", "'We hope to be in Homs by Friday,' a rebel commander told AFP.", [],
         published="2024-12-05"),
    case("neg-reported-threat-warned-it-would-retake", "The SDF warned it would retake Manbij.", [],
         published="2024-12-10"),
    case("neg-quote-a-condition", "'If Hama falls, Homs will be next,' an analyst said.", [], published="2024-12-04"),
    case("neg-quote-a-question", "'Who controls Tabqa today? Nobody knows,' a resident said.", []),
    case("neg-quote-the-resident-of-a-place", "'The regime is collapsing,' a Damascus resident told the BBC.", [],
         published="2024-12-07"),
    # (review r6: "our forces" in a quote are the speaker's side, but who withdrew does not hold the place)
    case("neg-quote-our-forces-withdrew", "'Our forces withdrew from Kobani,' an SDF commander said.", [],
         published="2024-12-10"),
    case("neg-quote-past-long-ago-and-a-future", "'We took Aleppo in 2016 and we will hold it,' the army said.", [],
         published="2024-11-28"),
]



def _key(row: dict) -> tuple:
    return (row["place"], row["actor"], row["status"], row["event"] == "denied")


@pytest.mark.parametrize("text, expect, absent, published, exact", CASES)
def test_speech(text, expect, absent, published, exact):
    rows = propose(text, published)
    got = {_key(r) for r in rows}
    shown = sorted((_key(r), r["claimed_by"]) for r in rows)
    wanted = {(e.place, e.actor, e.status, e.denial) for e in expect}
    if exact:
        assert got == wanted, shown
    else:
        assert wanted <= got, shown
    for a in absent:
        assert (a.place, a.actor, a.status, a.denial) not in got, shown
    for e in expect:
        if e.claim is None:
            continue
        said = [r["claimed_by"] for r in rows if _key(r) == (e.place, e.actor, e.status, e.denial)]
        if e.claim == "any":
            assert any(s.strip() for s in said), (e, said)
        else:
            read = [whose(s) for s in said]
            assert any(s == e.claim or (e.claim == "party" and s.startswith("party")) for s in read), (e, said)


def test_the_challenge_set_is_large_enough_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert 35 <= len(ids) <= 45 and len(set(ids)) == len(ids)
    assert set(FAILING) <= set(ids)
