"""Challenge set, family "verbs": the words that say control changed, is held or is contested (issue 20).

Behavioural cases in the manner of CheckList (Ribeiro et al. 2020): made-up sentences in the way wire services,
Al Jazeera, the BBC, ISW and local outlets write, NOT taken from our reports. They were written before the
assistant read any of them; a case the assistant fails is marked xfail with what it does instead.

Each case compares what matters: the set of (place, actor, status, denial) of the rows proposed. ``only=False``
means the rows listed must be among those proposed (others may come too); ``absent`` lists (place, actor) pairs
(actor None: any actor) that must not be proposed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core import data
from dashboard.ingest import extraction

ROOT = Path(__file__).resolve().parents[1]
_, PLACES = data.read_rows(ROOT / "geodata" / "places.csv")
_, ACTORS = data.read_rows(ROOT / "geodata" / "actors.csv")

C, X = "controlled", "contested"
SG, R = "Syrian government", "Rebels"


def proposed(text, published="2024-12-14"):
    rows, _ = extraction.propose_rows(text, url="https://news.example.org/a", publisher="Example", published=published,
                                      places_rows=PLACES, actors_rows=ACTORS, geocode_fn=lambda name: None)
    return {(r["place"], r["actor"], r["status"], r["event"] == "denied") for r in rows}


def case(id, text, rows, *, only=True, absent=(), published="2024-12-14", xfail=None):
    keys = {tuple(r) + (False,) if len(r) == 3 else tuple(r) for r in rows}
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, keys, only, tuple(absent), published, id=id, marks=marks)


CASES = [
    # ---- taking ----
    case("seized", "Rebels seized the town of Saraqib on Friday.", [("Saraqib", R, C)]),
    case("captured-passive-by", "Khan Sheikhoun was captured by HTS fighters on Thursday.",
         [("Khan Sheikhoun", "HTS", C)]),
    case("took", "Opposition fighters took Maarat al-Numan on Friday after brief clashes.",
         [("Maarat al-Numan", R, C)]),
    case("overran", "Insurgents overran the Kuweires air base on Wednesday.", [("Kuweires air base", R, C)]),
    case("stormed", "Rebels stormed Sednaya prison on Sunday and freed thousands of detainees.",
         [("Sednaya prison", R, X)]),
    case("swept-into", "Rebel fighters swept into Hama on Thursday.", [("Hama", R, C)]),
    case("liberated-said", "The Military Operations Command said its fighters had liberated Homs on Saturday.",
         [("Homs", R, C)]),
    case("retook", "Government forces retook Morek on Tuesday.", [("Morek", SG, C)]),
    case("regained-control", "The SDF regained control of Deir Hafer on Monday.", [("Deir Hafer", "SDF", C)]),
    case("recaptured-list-near-locates", "Syrian troops recaptured several villages near Hama and the town of "
         "Qalaat al-Madiq on Friday.", [("Qalaat al-Madiq", SG, C)], absent=[("Hama", None)],
         xfail="also proposes Hama: 'villages near Hama' read as a list member"),
    case("secured-said", "HTS said it had secured Aleppo International Airport on Saturday.",
         [("Aleppo International Airport", "HTS", C)]),
    case("wrested-control-from", "Kurdish-led forces wrested control of Tabqa from regime forces on Friday.",
         [("Tabqa", "SDF", C)]),
    case("consolidated-control", "HTS consolidated its control over Idlib on Friday.", [("Idlib", "HTS", C)]),
    case("moved-into", "Israeli troops moved into the buffer zone on Sunday.", [("Golan buffer zone", "Israel", X)]),
    case("rolled-into", "Rebel convoys rolled into Damascus early on Sunday.", [("Damascus", R, X)],
         xfail="'rolled into' is no verb it knows: nothing proposed"),
    case("marched-into", "Opposition fighters marched into Homs on Saturday.", [("Homs", R, X)],
         xfail="'marched into' is no verb it knows: nothing proposed"),
    case("entered", "SNA factions entered Manbij on Monday.", [("Manbij", "SNA", X)]),
    case("pushed-into-outskirts", "Rebels pushed into the outskirts of Hama on Tuesday.", [("Hama", R, X)]),
    case("advanced-into-province", "Israeli forces advanced into Quneitra province on Sunday.",
         [("Quneitra Governorate", "Israel", X)]),
    case("broke-into-districts", "Rebels broke into Aleppo's western districts on Friday.", [("Aleppo", R, X)]),
    case("seized-control-list", "Rebels seized control of Rastan, Talbiseh and Qusayr on Saturday.",
         [("Rastan", R, C), ("Talbiseh", R, C), ("Qusayr", R, C)]),
    case("taken-full-control-said", "Rebels said they had taken full control of Hama on Thursday.", [("Hama", R, C)]),
    case("taken-passive-by", "Manbij was taken by SNA factions on Monday.", [("Manbij", "SNA", C)]),
    case("pushed-out-passive-by", "Regime troops were pushed out of Suran on Tuesday by opposition fighters.",
         [("Suran", R, C)]),
    case("came-under-control", "Quneitra came under Israeli control on Sunday.", [("Quneitra", "Israel", C)]),
    case("fell-into-hands", "Daraa fell into rebel hands on Friday.", [("Daraa", R, C)]),
    case("extended-control-to", "The SDF extended its control to Deir ez-Zor on Friday.", [("Deir ez-Zor", "SDF", C)]),
    case("took-power-in-capital", "The Islamist-led rebels who took power in Damascus on Sunday named a caretaker "
         "prime minister.", [("Damascus", R, C)]),
    # ---- losing ----
    case("fell-to", "Aleppo fell to the rebels on Saturday.", [("Aleppo", R, C)]),
    case("fell-no-agent-earlier-actor", "Rebels advanced from Idlib on Wednesday. Hama fell on Thursday.",
         [("Hama", R, C)]),  # passes since the places set's 'fell with no one named'
    case("collapsed-as-entered", "Regime defences in Homs collapsed on Saturday as rebels entered the city.",
         [("Homs", R, X)]),
    case("abandoned-to", "Government troops abandoned Deir ez-Zor to the SDF on Friday.", [("Deir ez-Zor", "SDF", C)]),
    case("evacuated-then-took-over", "Regime forces evacuated Palmyra on Saturday, and fighters of the Syrian Free "
         "Army took over the city.", [("Palmyra", "Syrian Free Army", C)], only=False, absent=[("Palmyra", SG)]),
    case("handed-over-to", "Regime forces handed over Nubl and Zahraa to the SDF on Sunday.",
         [("Nubl", "SDF", C), ("Zahraa", "SDF", C)]),
    case("pulled-out-as-took-over", "Russian forces pulled out of Qamishli airport on Friday as Kurdish fighters took "
         "over.", [("Qamishli airport", "SDF", C)]),
    case("withdrew-handing-to", "The Syrian army withdrew from Daraa on Saturday, handing the city to local factions.",
         [("Daraa", "Southern Operations Room", C)]),
    case("withdrew-no-taker", "Regime forces withdrew from Sukhnah on Friday.", []),
    case("retreated-as-advanced", "Government troops retreated from Khanasser on Friday as the rebels advanced.",
         [("Khanasser", R, C)]),
    case("lost-to", "The SDF lost Tel Rifaat to Turkish-backed factions on Sunday.", [("Tel Rifaat", "SNA", C)]),
    case("ceded-to", "Regime forces ceded Maskana to the rebels on Friday.", [("Maskana", R, C)]),
    case("gave-up-control-to", "The army gave up control of Dumayr to rebel factions on Saturday.",
         [("Dumayr", R, C)]),
    case("lost-control-to", "The regime lost control of Suwayda to opposition factions on Friday.",
         [("Suwayda", R, C)]),
    # ---- holding ----
    case("controls-list", "The SDF controls Raqqa and Tabqa.", [("Raqqa", "SDF", C), ("Tabqa", "SDF", C)]),
    case("still-hold-list", "Regime forces still hold Latakia and Tartus.", [("Latakia", SG, C), ("Tartus", SG, C)]),
    case("remains-in-hands", "Qardaha remains in government hands.", [("Qardaha", SG, C)]),
    case("in-the-hands-of", "Hama is now in the hands of the opposition, a war monitor said.", [("Hama", R, C)]),
    case("in-control-of", "Opposition fighters are now in control of Daraa.", [("Daraa", R, C)]),
    case("under-x-control", "Kobani remains under SDF control.", [("Kobani", "SDF", C)]),
    case("held-by-passive", "The city of Homs is now held by rebels.", [("Homs", R, C)]),
    case("x-held-before-name", "Regime aircraft bombed rebel-held Idlib on Friday.", [("Idlib", R, C)]),
    case("x-controlled-before-name", "Displaced families reached Kurdish-controlled Hasakah on Sunday.",
         [("Hasakah", "SDF", C)],
         xfail="'Kurdish-controlled' after 'reached' is read as the past holder of the verb's object: nothing proposed"),
    case("government-held-before-name", "Shells fell on government-held Jableh on Friday.", [("Jableh", SG, C)]),
    case("the-x-held-town-of", "SNA fighters shelled the SDF-held town of Tel Rifaat on Friday.",
         [("Tel Rifaat", "SDF", C)]),
    case("x-run-before-name", "Aid reached HTS-run Idlib on Friday.", [("Idlib", "HTS", C)],
         xfail="'HTS-run' after 'reached' is read as the past holder; 'reached' proposed with HTS as its actor, contested"),
    case("dominated-by", "Idlib, a province dominated by HTS, received thousands of displaced families.",
         [("Idlib", "HTS", C)]),
    case("run-by", "Idlib is run by the Salvation Government.", [("Idlib", "HTS", C)]),
    case("administered-by", "Afrin is administered by Turkish-backed factions.", [("Afrin", "SNA", C)]),
    # ---- contesting ----
    case("besieged", "Rebels besieged the Hama air base on Thursday.", [("Hama air base", R, X)]),
    case("encircled-passive-by", "Deir ez-Zor military airport was encircled by SDF fighters on Saturday.",
         [("Deir ez-Zor military airport", "SDF", X)]),
    case("surrounded-from-sides", "Opposition forces surrounded Homs from three sides on Friday.", [("Homs", R, X)]),
    case("clashed-around", "SNA factions clashed with the SDF around Tishreen Dam on Tuesday.",
         [("Tishreen Dam", "SNA", X)]),
    case("fighting-for", "Fighting for Hama raged on Wednesday as rebels pushed into its northern districts.",
         [("Hama", R, X)]),
    case("battle-for", "Rebels launched the battle for Homs on Friday.", [("Homs", R, X)]),
    case("pushing-toward", "HTS fighters were pushing toward Hama on Tuesday.", [("Hama", "HTS", X)]),
    case("reached-the-gates-of", "Rebels reached the gates of Damascus on Saturday.", [("Damascus", R, X)]),
    case("on-the-outskirts-of", "Opposition fighters were on the outskirts of Homs on Friday.", [("Homs", R, X)]),
    case("remains-contested-between", "Deir Hafer remains contested between the SDF and the SNA.",
         [("Deir Hafer", "SDF", X)]),
    # ---- nominalisations ----
    case("the-capture-of-by", "The capture of Saraqib by HTS on Friday cut the main highway.", [("Saraqib", "HTS", C)]),
    case("x-s-takeover-of", "HTS's takeover of Aleppo on Saturday stunned observers.", [("Aleppo", "HTS", C)]),
    case("the-fall-of-to", "The fall of Hama to the rebels on Thursday opened the road to Homs.", [("Hama", R, C)],
         xfail="nothing proposed: the noun 'fall of P to X' was left out at the merge (beside the other sets' rules it "
               "added a wrong proposal on the test half, 158 of 203 correct)"),
    case("p-s-fall-to", "Aleppo's fall to the rebels on Saturday shocked the regime's allies.", [("Aleppo", R, C)],
         xfail="nothing proposed: the noun 'fall of P to X' was left out at the merge (beside the other sets' rules it "
               "added a wrong proposal on the test half, 158 of 203 correct)"),
    case("after-x-s-seizure-of", "After the rebels' seizure of Khan Sheikhoun on Friday, government forces fell back "
         "to Morek.", [("Khan Sheikhoun", R, C)]),
    case("the-rebel-capture-of", "The rebel capture of Damascus on Sunday ended five decades of Assad family rule.",
         [("Damascus", R, C)]),
    case("x-s-entry-into", "The SDF's entry into Deir ez-Zor on Friday was welcomed by residents.",
         [("Deir ez-Zor", "SDF", X)]),
    case("the-withdrawal-of-x-from-then-take", "The withdrawal of regime forces from Deir ez-Zor on Friday let the SDF "
         "take the city.", [("Deir ez-Zor", "SDF", C)]),
    case("the-liberation-of-by", "The liberation of Daraa by southern factions on Friday was celebrated in the "
         "streets.", [("Daraa", "Southern Operations Room", C)]),
    # ---- adjectives ----
    case("newly-captured-is-adjective", "Rebels set up checkpoints in the newly captured city of Hama on Friday.", []),
    case("x-held-territory-no-place", "Aid convoys crossed into rebel-held territory on Friday.", []),
    # ---- negatives: a verb of control about something that is not a place ----
    case("seized-weapons", "Rebels seized weapons and ammunition from an army depot on Friday.", []),
    case("took-prisoners-in-place", "HTS took hundreds of prisoners in Hama on Friday.", [], only=False,
         absent=[("Hama", "HTS")]),
    case("captured-soldiers-near", "Rebels captured dozens of government soldiers near Morek on Thursday.", []),
    case("took-power-no-place", "After Assad's fall, HTS took power.", []),
    case("controls-the-narrative", "State media in Damascus controls the narrative.", []),
    case("held-talks", "The UN envoy held talks in Damascus on Friday.", []),
    case("held-a-rally", "Supporters of the opposition held a rally in Aleppo on Friday.", []),
    case("detainees-held-by", "Thousands of detainees held by the regime in Sednaya prison were freed on Sunday.", []),
    case("lost-their-lives", "Dozens of Islamic State fighters lost their lives near Palmyra on Friday.", []),
    case("took-heavy-losses", "The SNA took heavy losses near Manbij on Friday.", []),
    case("captured-on-video", "The moment was captured on video in Homs on Friday.", []),
    case("captured-a-person", "The SDF's capture of an Islamic State leader in Hasakah on Friday was hailed by the "
         "coalition.", []),
    case("entered-into-force", "A ceasefire in Manbij entered into force on Wednesday.", []),
    case("question-who-controls", "Who controls Manbij now?", []),
    case("question-nominalisation", "Is the capture of Homs by the rebels imminent?", []),
    case("headline-nominalisation", "The fall of Aleppo: what it means for Syria\nThe offensive surprised many "
         "observers.", []),
    case("vowed-to-capture", "Rebels vowed to capture Damascus within days.", []),
    case("threatened-to-take", "Turkey threatened to take Kobani.", []),
    # ---- added in a second pass, also written before the assistant read them ----
    case("overrun-passive-by", "Hama air base was overrun by rebels on Thursday.", [("Hama air base", R, C)]),
    case("fell-under-control-of", "Tabqa fell under the control of the SDF on Friday.", [("Tabqa", "SDF", C)]),
    case("came-under-adjective-control", "Maskana came under rebel control on Friday.", [("Maskana", R, C)]),
    case("handed-control-of-to", "The army handed control of Deir ez-Zor to the SDF on Friday.",
         [("Deir ez-Zor", "SDF", C)]),
    case("assumed-control-of", "Local factions assumed control of Daraa on Saturday.",
         [("Daraa", "Southern Operations Room", C)]),
    case("raised-flag-over", "Rebels raised their flag over the Aleppo Citadel on Saturday.", [("Aleppo Citadel", R, C)]),
    case("laid-siege-to", "Opposition fighters laid siege to Hama on Tuesday.", [("Hama", R, X)]),
    case("under-siege-by", "Deir ez-Zor military airport is under siege by the SDF.",
         [("Deir ez-Zor military airport", "SDF", X)]),
    case("closing-in-on", "Rebels were closing in on Homs on Friday.", [("Homs", R, X)]),
    # (controlled since the seen set read "troops fled P" as a withdrawal: as "withdrew from P as the SDF entered")
    case("fled-as-entered", "Government troops fled Deir ez-Zor on Friday as the SDF entered the city.",
         [("Deir ez-Zor", "SDF", C)], only=False, absent=[("Deir ez-Zor", SG)]),
    case("expelled-passive-from", "Regime forces were expelled from Suran by opposition fighters on Tuesday.",
         [("Suran", R, C)]),
    case("cleared-of", "The SDF said it had cleared Hasakah of regime forces on Saturday.", [("Hasakah", "SDF", C)]),
    case("took-charge-of", "HTS fighters took charge of Aleppo International Airport on Saturday.",
         [("Aleppo International Airport", "HTS", C)]),
    # (negatives)
    case("took-aim-at", "Rebels took aim at regime positions near Hama on Friday.", []),
    case("secured-the-release", "Rebels secured the release of detainees in Homs on Sunday.", []),
    case("fell-by-percent", "Fuel prices in Damascus fell by 30 percent on Sunday.", []),
    # ---- denial ----
    case("denied-remains-under-its-control", "The Syrian army denied that rebels had entered Hama, saying the city "
         "remains under its control.", [("Hama", SG, C, True)], only=False),
]


@pytest.mark.parametrize("text, expected, only, absent, published", CASES)
def test_verbs_of_control(text, expected, only, absent, published):
    got = proposed(text, published)
    if only:
        assert got == expected
    else:
        assert expected <= got
    for place, actor in absent:
        assert not [g for g in got if g[0] == place and (actor is None or g[1] == actor)], (place, actor)
