"""Challenge set, family "actors": WHO acts and who says so (issue 20, behavioural testing in the manner of
CheckList, Ribeiro et al. 2020).

Made-up sentences in the way wire services, Al Jazeera, the BBC, ISW and local outlets write, not taken from
the reports: active and passive voice with and without a by-agent, the many names of each side, holders
named by role, pronouns and "the group" referring back, attribution at the start, middle and end of a
sentence or after a quote (which sets ``claimed_by`` and never makes the speaker the taker), and two parties
in one sentence (the taker and the loser). Negative cases: the loser is never proposed as the taker, nor the
victim of a strike, nor the party that backs another.

Each case compares the set of (place, actor, status, denial) the assistant proposes with the rows expected
(``absent`` rows must not be proposed, whatever else is); where a row names ``prev`` or ``claim`` those are
checked too. ``claim`` is "" (nobody said so), "independent" (a monitor, a wire agency), "party" (a party's
word) or "party:<actor>" (a party's word, speaking for that actor), read through ``geodata/parties.csv`` and
the actors table as the map reads it (``dashboard.core.attribution``).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest


from challenge_rows import propose, whose  # shared with the other sets


GOV = "Syrian government"


class R(NamedTuple):
    place: str | None
    actor: str
    status: str | None
    denial: bool = False
    prev: str | None = None   # None: not checked
    claim: str | None = None  # None: not checked



# what the assistant does instead, on main (5c8f4bc); a case that starts passing fails the suite (strict)
FAILING = {
    "say-end-the-army-said-in-a-statement": "proposes nothing: 'terrorist groups' names no actor",
}


def case(case_id, text, expect, absent=(), published="2024-12-14"):
    marks = [pytest.mark.xfail(strict=True, reason=FAILING[case_id])] if case_id in FAILING else []
    return pytest.param(text, expect, absent, published, id=case_id, marks=marks)


CASES = [
    # --- the many names of each side, active voice ---
    case("sna-the-syrian-national-army-captured", "The Syrian National Army captured Tel Rifaat on Sunday.",
         [R("Tel Rifaat", "SNA", "controlled")]),
    case("sna-ankara-backed-groups-took-control", "Ankara-backed groups took control of Manbij on Monday after days "
         "of fighting.", [R("Manbij", "SNA", "controlled")]),
    case("sna-turkish-backed-factions-are-not-turkey", "Turkish-backed factions seized the town of Deir Hafer on "
         "Saturday.", [R("Deir Hafer", "SNA", "controlled")], absent=[R(None, "Turkey", None)]),
    case("sna-rebels-backed-by-turkey-are-not-turkey", "Rebels backed by Turkey captured Tel Rifaat on Sunday.",
         [R("Tel Rifaat", "SNA", "controlled")], absent=[R(None, "Turkey", None)]),
    case("sdf-kurdish-led-forces-took-over", "Kurdish-led forces took over Deir ez-Zor on Friday as government "
         "troops withdrew.", [R("Deir ez-Zor", "SDF", "controlled")]),
    case("sdf-ypg-led-fighters-entered", "YPG-led fighters entered Albu Kamal on the Iraqi border on Friday.",
         [R("Albu Kamal", "SDF", "contested")]),
    case("hts-full-name-fighters-captured", "Hayat Tahrir al-Sham fighters captured Hama on Thursday.",
         [R("Hama", "HTS", "controlled")]),
    case("rebels-islamist-led-rebels-seized", "Islamist-led rebels seized Saraqib on Friday.",
         [R("Saraqib", "Rebels", "controlled")]),
    case("rebels-insurgents-overran", "Insurgents overran Khan Sheikhoun on Tuesday.",
         [R("Khan Sheikhoun", "Rebels", "controlled")]),
    case("rebels-the-military-operations-command", "The Military Operations Command took control of Rastan on "
         "Thursday.", [R("Rastan", "Rebels", "controlled")]),
    case("gov-loyalist-forces-recaptured", "Loyalist forces recaptured Kafr Zita on Wednesday.",
         [R("Kafr Zita", GOV, "controlled")]),
    case("gov-regime-forces-retook", "Regime forces retook Qalaat al-Madiq overnight.",
         [R("Qalaat al-Madiq", GOV, "controlled")]),
    case("gov-assads-forces-still-hold-two", "Assad's forces still hold Latakia and Tartus.",
         [R("Latakia", GOV, "controlled"), R("Tartus", GOV, "controlled")]),
    case("israel-the-idf-entered", "The IDF entered Quneitra on Sunday.", [R("Quneitra", "Israel", "contested")]),
    case("israel-israeli-soldiers-seized", "Israeli soldiers seized the summit of Mount Hermon on Sunday.",
         [R("Mount Hermon", "Israel", "controlled")]),
    case("russia-russian-forces-control-base-near-town", "Russian forces still control the Hmeimim air base near "
         "Jableh.", [R("Hmeimim air base", "Russia", "controlled")]),
    case("southern-factions-took-control", "Southern factions took control of Daraa on Saturday.",
         [R("Daraa", "Southern Operations Room", "controlled")]),

    # --- passive voice, with and without a by-agent ---
    case("passive-fell-to-x-and-allies", "Aleppo fell to HTS and allied factions on Saturday.",
         [R("Aleppo", "HTS", "controlled")], published="2024-12-02"),
    case("passive-was-overrun-by", "On Thursday Hama was overrun by Islamist-led rebels.",
         [R("Hama", "Rebels", "controlled")]),
    case("passive-came-under-the-control-of", "Deir ez-Zor came under the control of the SDF on Friday.",
         [R("Deir ez-Zor", "SDF", "controlled")]),
    case("passive-is-now-in-the-hands-of", "Aleppo is now in the hands of the opposition.",
         [R("Aleppo", "Rebels", "controlled")]),
    case("passive-were-pushed-out-of-by", "Kurdish fighters were pushed out of Tel Rifaat by Turkish-backed groups "
         "on Sunday.", [R("Tel Rifaat", "SNA", "controlled", prev="SDF")]),
    case("passive-agent-after-the-time", "The town of Morek was taken on Wednesday by opposition fighters.",
         [R("Morek", "Rebels", "controlled")]),
    case("passive-is-held-by", "Kobani is held by the SDF.", [R("Kobani", "SDF", "controlled")]),
    case("passive-were-expelled-from-by", "Islamic State militants were expelled from al-Sukhnah by government "
         "troops on Tuesday.", [R("al-Sukhnah", GOV, "controlled", prev="Islamic State")]),
    case("passive-no-agent-is-the-party-acting-before", "Rebels advanced on Homs on Friday. Talbiseh was captured "
         "hours later.", [R("Homs", "Rebels", "contested"), R("Talbiseh", "Rebels", "controlled")]),
    case("passive-no-agent-and-no-party-proposes-nothing", "Hama fell on Thursday.", []),
    case("passive-the-loser-forced-out-is-not-the-taker", "Government troops were forced out of Rastan on "
         "Saturday.", []),
    case("active-the-loser-withdrawing-alone-is-not-the-taker", "Syrian troops withdrew from Deir ez-Zor on "
         "Friday.", []),

    # --- two parties in one sentence: the taker and the loser ---
    case("two-lost-p-to-x", "Government forces lost Maarat al-Numan to the rebels on Saturday.",
         [R("Maarat al-Numan", "Rebels", "controlled", prev=GOV)]),
    case("two-wrested-p-from-x", "Rebels wrested Saraqib from government forces on Thursday.",
         [R("Saraqib", "Rebels", "controlled", prev=GOV)]),
    case("two-captured-p-from-x", "SNA factions captured Tel Rifaat from the SDF on Sunday.",
         [R("Tel Rifaat", "SNA", "controlled", prev="SDF")]),
    case("two-p-held-by-x-was-seized-by-y", "Tel Rifaat, held by the SDF since 2016, was seized by the SNA on "
         "Sunday.", [R("Tel Rifaat", "SNA", "controlled")]),
    case("two-regained-p-from-insurgents", "Government forces regained Kafr Zita from insurgents on Wednesday.",
         [R("Kafr Zita", GOV, "controlled", prev="Rebels")]),
    case("two-forced-x-out-of-p", "Opposition fighters forced Assad's forces out of Morek on Tuesday.",
         [R("Morek", "Rebels", "controlled", prev=GOV)]),
    case("two-drove-x-from-p-then-they", "Rebels drove government troops from Hama on Thursday. They then advanced "
         "towards Homs.", [R("Hama", "Rebels", "controlled", prev=GOV), R("Homs", "Rebels", "contested")]),
    case("two-pulled-out-as-others-advanced", "Hezbollah fighters pulled out of Qusayr as opposition forces "
         "advanced.", [R("Qusayr", "Rebels", "controlled", prev="Hezbollah")]),
    case("two-handed-p-over-to-x", "The SDF handed Deir ez-Zor over to the rebels on Tuesday.",
         [R("Deir ez-Zor", "Rebels", "controlled", prev="SDF")]),
    case("two-surrendered-p-to-x", "Government troops surrendered the Hama air base to HTS fighters on Friday.",
         [R("Hama air base", "HTS", "controlled", prev=GOV)]),
    case("two-positions-abandoned-by-x", "Israeli troops took over positions abandoned by the Syrian army on Mount "
         "Hermon.", [R("Mount Hermon", "Israel", "controlled")], absent=[R(None, GOV, None)]),
    case("two-relative-clause-taker-then-passive-handed-over", "Deir ez-Zor, which the SDF had taken on Friday, "
         "was handed over to the rebels on Tuesday.",
         [R("Deir ez-Zor", "SDF", "controlled"), R("Deir ez-Zor", "Rebels", "controlled")]),
    case("two-killed-x-as-they-stormed", "Rebels killed dozens of Hezbollah fighters as they stormed Qusayr.",
         [R("Qusayr", "Rebels", "contested")]),

    # --- holders named by role ---
    case("role-the-new-authorities", "The new authorities took control of Tartus on Monday.",
         [R("Tartus", "HTS", "controlled")], published="2024-12-20"),
    case("role-the-transitional-government-extended-control", "The transitional government has extended its "
         "control to Latakia.", [R("Latakia", "HTS", "controlled")], published="2024-12-20"),
    case("role-the-salvation-government-took-over", "The Salvation Government took over the administration of "
         "Aleppo on Sunday.", [R("Aleppo", "HTS", "controlled")]),
    case("role-security-forces-of-the-caretaker-government", "Security forces of the caretaker government entered "
         "Jableh on Thursday.", [R("Jableh", "HTS", "contested")], published="2024-12-28"),
    case("role-fighters-loyal-to-the-interim-government", "Fighters loyal to the interim government seized Qardaha "
         "on Wednesday.", [R("Qardaha", "HTS", "controlled")], published="2024-12-28"),

    # --- pronouns and descriptions referring back ---
    case("back-the-group-is-hts", "HTS launched a surprise offensive on Wednesday. By Saturday the group had "
         "captured most of Aleppo.", [R("Aleppo", "HTS", "controlled")], published="2024-12-02"),
    case("back-they-are-the-sna", "Turkish-backed factions pushed toward Manbij on Monday. On Tuesday they entered "
         "the city.", [R("Manbij", "SNA", "contested")]),
    case("back-the-fighters-are-the-opposition", "Opposition fighters reached Homs on Friday. The fighters then "
         "seized Talbiseh.", [R("Homs", "Rebels", "contested"), R("Talbiseh", "Rebels", "controlled")]),
    case("back-the-army-after-a-withdrawal", "Government troops withdrew from Hama on Thursday. The army later "
         "retook Kafr Zita.", [R("Kafr Zita", GOV, "controlled")]),
    case("back-its-forces-of-the-speaker", "Israel said its forces had taken control of the buffer zone.",
         [R("Golan buffer zone", "Israel", "controlled", claim="party:Israel")]),

    # --- attribution: start, middle, end, after a quote; the speaker is not the taker ---
    case("say-end-the-rebels-said", "Opposition forces have entered Homs, the rebels said on Saturday.",
         [R("Homs", "Rebels", "contested", claim="party:Rebels")]),
    case("say-start-according-to-the-observatory", "According to the Syrian Observatory for Human Rights, SDF "
         "fighters took control of Albu Kamal on Friday.",
         [R("Albu Kamal", "SDF", "controlled", claim="independent")]),
    case("say-middle-according-to-the-observatory", "Government troops, according to the Syrian Observatory, had "
         "retaken Kafr Zita by Sunday.", [R("Kafr Zita", GOV, "controlled", claim="independent")]),
    case("say-end-the-army-said-in-a-statement", "Terrorist groups have entered parts of Hama, the army said in a "
         "statement.", [R("Hama", "Rebels", "contested", claim="party")]),
    case("say-end-state-media-reported", "The army recaptured Kafr Zita on Wednesday, state media reported.",
         [R("Kafr Zita", GOV, "controlled", claim="party")]),
    case("say-start-the-army-said-rebels-entered", "The Syrian army said rebels had entered Hama on Thursday.",
         [R("Hama", "Rebels", "contested", claim=f"party:{GOV}")]),
    case("say-start-an-sdf-spokesman-said-the-sna-attacked", "An SDF spokesman said Turkish-backed factions had "
         "attacked Tishreen Dam.", [R("Tishreen Dam", "SNA", "contested", claim="party:SDF")]),
    case("say-after-a-quote", "\u201cWe have liberated Homs,\u201d the rebels said on Sunday.",
         [R("Homs", "Rebels", "controlled", claim="party:Rebels")]),
    case("say-end-the-command-said", "Rebels captured Saraqib on Friday, the opposition's Military Operations "
         "Command said.", [R("Saraqib", "Rebels", "controlled", claim="party:Rebels")]),
    case("say-end-a-wire-reported", "Israeli troops moved into the Golan buffer zone on Sunday, AFP reported.",
         [R("Golan buffer zone", "Israel", "contested", claim="independent")]),
    case("say-end-the-kremlin-said", "Russian forces still hold Hmeimim air base, the Kremlin said.",
         [R("Hmeimim air base", "Russia", "controlled", claim="party:Russia")]),
    case("say-end-the-war-monitor-said", "Rebels seized Khanasser on Monday, the war monitor said.",
         [R("Khanasser", "Rebels", "controlled", claim="independent")]),
    case("say-end-the-britain-based-observatory-said", "HTS fighters entered Homs on Saturday, the Britain-based "
         "Syrian Observatory for Human Rights said.", [R("Homs", "HTS", "contested", claim="independent")]),
    case("say-start-the-idf-said-its-troops", "The IDF said its troops had seized the Syrian side of Mount Hermon "
         "on Sunday.", [R("Mount Hermon", "Israel", "controlled", claim="party:Israel")]),
    case("say-end-a-commander-told-a-wire", "Kurdish-led forces have taken control of Deir ez-Zor, an SDF "
         "commander told Reuters.", [R("Deir ez-Zor", "SDF", "controlled", claim="party")]),

    # --- negatives: the victim of a strike is not a taker, nor is the striker ---
    case("neg-warplanes-bombed-fighters-in-p", "Russian warplanes bombed rebel fighters in Hama on Friday.", None,
         absent=[R(None, "Russia", None)]),
    case("neg-airstrikes-hit-army-depots-near-p", "Israeli airstrikes hit Syrian army depots near Qatana on "
         "Tuesday.", []),
    case("neg-drones-struck-positions-around-p", "Turkish drones struck SDF positions around Kobani on Saturday.",
         None, absent=[R(None, "Turkey", None)]),
]



def _key(row: dict) -> tuple:
    return (row["place"], row["actor"], row["status"], row["event"] == "denied")


def _matches(pattern: R, row: dict) -> bool:
    return ((pattern.place is None or pattern.place == row["place"]) and pattern.actor == row["actor"]
            and (pattern.status is None or pattern.status == row["status"]))


@pytest.mark.parametrize("text, expect, absent, published", CASES)
def test_who_acts_and_who_says_so(text, expect, absent, published):
    rows = propose(text, published)
    got = sorted({_key(r) for r in rows})
    if expect is not None:
        assert got == sorted({(e.place, e.actor, e.status, e.denial) for e in expect})
        for e in expect:
            same = [r for r in rows if _key(r) == (e.place, e.actor, e.status, e.denial)]
            if e.prev is not None:
                assert e.prev in [r["previous_actor"] for r in same], (e, [r["previous_actor"] for r in same])
            if e.claim is not None:
                said = [whose(r["claimed_by"]) for r in same]
                assert any(s == e.claim or (e.claim == "party" and s.startswith("party")) for s in said), (
                    e, [r["claimed_by"] for r in same])
    for a in absent:
        assert not [r for r in rows if _matches(a, r)], (a, got)


def test_the_challenge_set_is_large_enough_and_its_ids_unique():
    ids = [c.id for c in CASES]
    assert 50 <= len(ids) <= 70 and len(set(ids)) == len(ids)
    assert set(FAILING) <= set(ids)


def test_probes_written_after_the_set_the_loser_of_control_is_never_the_holder():
    # not part of the blind set: probes tried after it, which found "lost control of P to X" and "handed control
    # of P to X" read as the subject controlling P ("control" won over "lost"/"handed" where the spans overlap)
    def rows(text):
        return {(r["place"], r["actor"], r["status"]) for r in propose(text, "2024-12-14")}
    assert rows("Syrian government forces have lost control of Deir ez-Zor to the SDF.") == {
        ("Deir ez-Zor", "SDF", "controlled")}
    assert rows("Government forces handed control of Deir ez-Zor to the SDF on Friday.") == {
        ("Deir ez-Zor", "SDF", "controlled")}
    assert rows("The army lost control of Hama.") == set()
    assert rows("Government forces were overrun in Hama by HTS fighters.") == {("Hama", "HTS", "controlled")}
    assert rows("Government forces were overrun in Hama.") == set()
    assert rows("HTS fighters, who were captured in Hama, were freed.") == set()
    assert rows("The regime's grip on Homs loosened as rebels advanced.") == set()
    assert rows("Rebels entered Hama on Wednesday. Government troops lost Hama on Thursday.") == {
        ("Hama", "Rebels", "contested"), ("Hama", "Rebels", "controlled")}
    assert rows("Government forces handed over Aleppo International Airport on Saturday.") == set()
    assert rows("Government troops ceded Deir ez-Zor to the SDF on Friday.") == {("Deir ez-Zor", "SDF", "controlled")}
    assert rows("The SDF gave up Tel Rifaat to Turkish-backed factions on Sunday.") == {("Tel Rifaat", "SNA", "controlled")}
    assert rows("Rebel forces closed in on Damascus on Saturday.") == {("Damascus", "Rebels", "contested")}
    assert rows("Forces loyal to Assad retook Kafr Zita.") == {("Kafr Zita", "Syrian government", "controlled")}
    assert rows("\u201cHoms is now under our control,\u201d HTS said in a statement.") == {("Homs", "HTS", "controlled")}
    assert rows("A rebel commander said his fighters had entered Hama.") == {("Hama", "Rebels", "contested")}
    assert rows("HTS led the offensive. The Islamist group seized Hama on Thursday.") == {("Hama", "HTS", "controlled")}
    assert rows("HTS entered Hama. The Kurdish-led group took Raqqa.") == {("Hama", "HTS", "contested")}
    assert rows("The SNA captured Tel Rifaat. The Turkish-backed group then attacked Manbij.") == {
        ("Tel Rifaat", "SNA", "controlled"), ("Manbij", "SNA", "contested")}


def test_probes_written_after_the_set_who_says_so_after_the_verb():
    # not part of the blind set: the speaker after an inverted verb, and "the army" as a speaker
    def said(text):
        return [whose(r["claimed_by"]) for r in propose(text, "2024-12-14")]
    assert said("The rebels have captured Hama, said Hassan Abdul Ghani, a rebel commander.") == ["party"]
    assert said("The army said in a statement that rebels had entered Hama.") == ["party:Syrian government"]
    assert said("Rebels captured Hama on Thursday, the Syrian Observatory said, citing sources.") == ["independent"]
