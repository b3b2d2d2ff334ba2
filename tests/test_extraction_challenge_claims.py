"""Challenge set, family "claims": WHO SAYS SO and what a party's own word is (issue 20, behavioural testing in the
manner of CheckList, Ribeiro et al. 2020), in harder cases than the actors and time sets.

Made-up sentences in the way wire services, Al Jazeera, the BBC, ISW and local outlets write, written before the
assistant read them: claims attributed across sentences ("They said they had captured ..."); claiming verbs
(claimed, announced, declared, boasted); a party's channels, videos, spokesmen and "sources close to" it; activists,
residents, a war monitor and state media as speakers; a party's claim contradicted by an independent source or by
the other party in the next sentence (both rows); denials in shapes the other sets do not cover (rejected reports,
dismissed as propaganda, the situation is under control, remains secure); a government's "redeployment" or
"repositioning" as its own word of a loss; counter-claims (recaptured, a counter-offensive). Negative cases: a
claim of the future, an attack or a curfew announced, a denial of a plan.

Each case compares the set of (place, actor, status, denial) proposed with the rows expected (``expect=None``:
only ``absent`` is checked); where a row names ``claim`` it is checked too: "" (nobody said so), "independent",
"party" (any party's word), "party:<actor>", or "any" (someone is named as saying so), read through
``geodata/parties.csv`` and the actors table as the map reads it (``dashboard.core.attribution``).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest


from challenge_rows import propose, whose  # shared with the other sets


SG = "Syrian government"
SOR = "Southern Operations Room"


class R(NamedTuple):
    place: str | None
    actor: str
    status: str | None
    denial: bool = False
    claim: str | None = None  # None: not checked


def D(place, actor, status="controlled"):
    """A denial row: the party's word that it still holds (or still fights for) the place."""
    return R(place, actor, status, True, "party")




# what the assistant does instead, on main (c266100); a case that starts passing fails the suite (strict)
FAILING: dict[str, str] = {
    "across-the-claim-first-then-the-speaker": "no claimed_by: 'That is according to the SDF' in the next sentence is not read",
    "contra-observatory-says-fighting-continues": "the Observatory's 'fighting continued in the city' gives no contested row",
    "contra-the-army-still-fighting-in-the-city": "the army's 'still fighting inside the city' is proposed as an event, not its counter-claim",
    "deny-situation-under-control-after-a-claim": "'the situation in the city was under control' gives no denial by the government",
    "deny-remains-secure-after-a-claim": "proposes nothing: neither the rebels' claim after 'after' nor 'remains secure' is read",
    "redeploy-redeployed-outside-the-city": "the army's 'redeployed outside the city' is no withdrawal handing Hama to the rebels",
    "redeploy-repositioned-after-rebels-broke-in": "'repositioned its forces outside P' is no withdrawal: only the rebels' entry (contested)",
    "redeploy-a-tactical-withdrawal": "'described the army's pullout from the city as a tactical withdrawal' gives no loss",
    "counter-the-army-said-it-had-recaptured": "'the army said it had recaptured the town': the town is not read back to Kafr Zita",
    "counter-launched-a-counter-offensive-to-retake": "'a counter-offensive to retake P' is read as the retaking (controlled), not an attack",
    "neg-state-tv-villages-around-p": "'regained control of several villages around Hama' proposes Hama held by the army",
}


def case(case_id, text, expect, absent=(), published="2024-12-14"):
    marks = [pytest.mark.xfail(strict=True, reason=FAILING[case_id])] if case_id in FAILING else []
    return pytest.param(text, expect, absent, published, id=case_id, marks=marks)


CASES = [
    # --- a claim attributed across sentences ---
    case("across-they-said-after-a-series-of-claims", "The rebels made a series of claims on Sunday. They said they "
         "had captured Homs and entered Rastan.",
         [R("Homs", "Rebels", "controlled", claim="party:Rebels"), R("Rastan", "Rebels", "contested", claim="party:Rebels")]),
    case("across-the-group-said-after-its-name", "HTS issued a statement on Thursday morning. The group said its "
         "fighters had taken full control of Morek.", [R("Morek", "HTS", "controlled", claim="party:HTS")]),
    case("across-the-claim-first-then-the-speaker", "Kurdish-led forces have taken Albu Kamal. That is according to "
         "the SDF, which said the town was now secure.", [R("Albu Kamal", "SDF", "controlled", claim="party:SDF")]),

    # --- claiming verbs ---
    case("verb-claimed-the-capture-of", "HTS claimed the capture of Maarat al-Numan on Friday.",
         [R("Maarat al-Numan", "HTS", "controlled", claim="party:HTS")]),
    case("verb-announced-that-its-fighters", "The SDF announced on Saturday that its fighters had taken control of "
         "Deir ez-Zor.", [R("Deir ez-Zor", "SDF", "controlled", claim="party:SDF")]),
    case("verb-declared-p-liberated", "The Military Operations Command declared Hama liberated on Thursday.",
         [R("Hama", "Rebels", "controlled", claim="party:Rebels")]),
    case("verb-boasted-that", "Rebel commanders boasted that they had seized Saraqib within hours.",
         [R("Saraqib", "Rebels", "controlled", claim="party")]),
    case("verb-claimed-to-have-entered", "Turkish-backed factions claimed to have entered Manbij on Monday.",
         [R("Manbij", "SNA", "contested", claim="party")]),

    # --- channels, videos, spokesmen, sources close to a party ---
    case("channel-telegram-channel-said", "HTS's Telegram channel said its fighters had entered Homs on Saturday.",
         [R("Homs", "HTS", "contested", claim="party:HTS")]),
    case("channel-according-to-a-statement-on-its-channels", "Rebels have captured Khan Sheikhoun, according to a "
         "statement on the Military Operations Command's channels.",
         [R("Khan Sheikhoun", "Rebels", "controlled", claim="party:Rebels")]),
    case("channel-said-in-a-video", "A rebel commander said in a video posted online that his fighters had taken "
         "Talbiseh.", [R("Talbiseh", "Rebels", "controlled", claim="party")]),
    case("channel-a-spokesman-for-x-said", "A spokesman for the SDF said Kurdish-led forces had taken control of "
         "Albu Kamal.", [R("Albu Kamal", "SDF", "controlled", claim="party:SDF")]),
    case("channel-sources-close-to-the-group", "HTS fighters entered Homs overnight, sources close to the group said.",
         [R("Homs", "HTS", "contested", claim="party")]),
    case("channel-in-a-statement-on-its-channels-sor", "In a statement on its channels, the Southern Operations Room "
         "said its fighters had taken control of Daraa.", [R("Daraa", SOR, "controlled", claim="party")],
         published="2024-12-08"),

    # --- activists, residents, a war monitor, state media ---
    case("who-activists-said", "Opposition fighters took control of Daraa on Saturday, activists said.",
         [R("Daraa", "Rebels", "controlled", claim="any")], published="2024-12-08"),
    case("who-residents-said-start", "Residents said Kurdish-led forces had entered Deir ez-Zor on Friday.",
         [R("Deir ez-Zor", "SDF", "contested", claim="any")]),
    case("who-a-war-monitor-said-a-list", "A war monitor said rebels had seized Rastan and Talbiseh.",
         [R("Rastan", "Rebels", "controlled", claim="independent"),
          R("Talbiseh", "Rebels", "controlled", claim="independent")]),
    case("who-state-media-said-start", "State media said the army had recaptured Kafr Zita.",
         [R("Kafr Zita", SG, "controlled", claim=f"party:{SG}")]),
    case("who-sana-reported-end", "Army units regained control of Suran on Tuesday, SANA reported.",
         [R("Suran", SG, "controlled", claim=f"party:{SG}")]),

    # --- a party's claim and the next sentence's contradiction: both rows ---
    case("contra-observatory-says-fighting-continues", "HTS said it had taken Hama. The Observatory said fighting "
         "continued in the city.", [R("Hama", "HTS", "controlled", claim="party:HTS"),
                                    R("Hama", "HTS", "contested", claim="independent")]),
    case("contra-the-army-still-fighting-in-the-city", "The rebels said on Friday they had captured Homs. The "
         "Syrian army said its forces were still fighting inside the city.",
         [R("Homs", "Rebels", "controlled", claim="party:Rebels"), D("Homs", SG, "contested")]),
    case("contra-the-army-denied-this", "Rebels said they had taken Morek. The army denied this, saying its forces "
         "still held the town.", [R("Morek", "Rebels", "controlled", claim="party:Rebels"), D("Morek", SG)]),

    # --- denials in other shapes ---
    case("deny-rejected-reports-that-had-fallen", "The defence ministry rejected reports that Hama had fallen.",
         [D("Hama", SG)]),
    case("deny-dismissed-as-propaganda", "The SDF dismissed as propaganda reports that Turkish-backed factions had "
         "captured Manbij.", [D("Manbij", "SDF")]),
    case("deny-situation-under-control-after-a-claim", "Rebels said they had entered Latakia. The interior ministry "
         "said the situation in the city was under control.",
         [R("Latakia", "Rebels", "contested", claim="party:Rebels"), D("Latakia", SG)]),
    case("deny-remains-secure-after-a-claim", "Homs remains secure, the defence ministry said, after rebels claimed "
         "to have entered the city.", [R("Homs", "Rebels", "contested", claim="party:Rebels"), D("Homs", SG)]),
    case("deny-post-on-its-telegram-channel-denied", "A post on the SDF's Telegram channel denied that Manbij had "
         "fallen.", [D("Manbij", "SDF")]),

    # --- a government's redeployment: its own word of a loss ---
    case("redeploy-redeployed-outside-the-city", "Rebel fighters entered Hama on Thursday. The army said its units "
         "had redeployed outside the city.",
         [R("Hama", "Rebels", "contested"), R("Hama", "Rebels", "controlled", claim=f"party:{SG}")]),
    case("redeploy-repositioned-after-rebels-broke-in", "The Syrian army said on Thursday it had repositioned its "
         "forces outside Hama after rebels broke into the city.",
         [R("Hama", "Rebels", "controlled", claim=f"party:{SG}")], absent=[R("Hama", SG, "controlled")]),
    case("redeploy-alone-no-taker-named", "The Syrian army said it had repositioned its forces outside Hama to "
         "spare civilian lives.", [], published="2024-12-05"),
    case("redeploy-a-tactical-withdrawal", "Opposition fighters entered Homs on Saturday. The defence ministry "
         "described the army's pullout from the city as a tactical withdrawal.",
         [R("Homs", "Rebels", "contested"), R("Homs", "Rebels", "controlled", claim=f"party:{SG}")]),

    # --- counter-claims ---
    case("counter-the-army-said-it-had-recaptured", "Rebels seized Kafr Zita on Tuesday. On Wednesday the army "
         "said it had recaptured the town.", [R("Kafr Zita", "Rebels", "controlled"),
                                              R("Kafr Zita", SG, "controlled", claim=f"party:{SG}")]),
    case("counter-launched-a-counter-offensive-to-retake", "Government forces launched a counter-offensive to "
         "retake Hama on Friday.", [R("Hama", SG, "contested")], absent=[R("Hama", SG, "controlled")]),
    case("counter-said-it-had-repelled-an-attack-on", "The Syrian army said it had repelled a rebel attack on "
         "Morek.", None, absent=[R("Morek", "Rebels", "controlled")]),

    # --- negatives ---
    case("neg-claimed-they-would-reach", "Rebels claimed they would reach Damascus within days.", []),
    case("neg-denied-preparing-to-withdraw", "The army denied it was preparing to withdraw from Homs.", None,
         absent=[R("Homs", "Rebels", None)]),
    case("neg-activists-said-airstrikes-hit", "Activists said government airstrikes hit Idlib on Monday.", []),
    case("neg-announced-reinforcements", "The army announced it was sending reinforcements to Hama.", []),
    case("neg-declared-a-state-of-emergency", "The governor declared a state of emergency in Homs.", []),
    case("neg-state-tv-villages-around-p", "Syrian state TV said the army had regained control of several villages "
         "around Hama.", None, absent=[R("Hama", SG, "controlled")]),
]



def _key(row: dict) -> tuple:
    return (row["place"], row["actor"], row["status"], row["event"] == "denied")


def _fits(pattern: R, row: dict) -> bool:
    return ((pattern.place is None or pattern.place == row["place"]) and pattern.actor == row["actor"]
            and (pattern.status is None or pattern.status == row["status"]))


@pytest.mark.parametrize("text, expect, absent, published", CASES)
def test_who_says_so(text, expect, absent, published):
    rows = propose(text, published)
    got = sorted({_key(r) for r in rows})
    if expect is not None:
        assert got == sorted({(e.place, e.actor, e.status, e.denial) for e in expect})
        for e in expect:
            if e.claim is None:
                continue
            said = [r["claimed_by"] for r in rows if _key(r) == (e.place, e.actor, e.status, e.denial)]
            if e.claim == "any":
                assert any(s.strip() for s in said), (e, said)
            else:
                read = [whose(s) for s in said]
                assert any(s == e.claim or (e.claim == "party" and s.startswith("party")) for s in read), (e, said)
    for a in absent:
        assert not [r for r in rows if _fits(a, r) and r["event"] != "denied"], (a, got)


def test_the_challenge_set_is_large_enough_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert 30 <= len(ids) <= 45 and len(set(ids)) == len(ids)
    assert set(FAILING) <= set(ids)
