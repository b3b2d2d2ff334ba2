"""Challenge set, family "aftermath": how the press wrote about the weeks AFTER Assad fell, 8-20 December 2024
(issue 20), which the earlier challenge sets barely covered.

Behavioural tests in the manner of CheckList (Ribeiro et al. 2020): made-up sentences written the way wire services
(Reuters, AFP, AP), Al Jazeera, the BBC, ISW and local outlets wrote about those weeks, NOT taken from our reports,
and written before the assistant read them. Five threads:
- Israel: moving into the buffer zone, seizing the Syrian side of Mount Hermon (Jabal al-Sheikh), advancing
  kilometres into a province, entering towns, the IDF's own word that it deployed; a withdrawal promised, an order
  to prepare to stay, a denial of its own advance (none of which is a row); "Israel Katz" is a man, not a party.
- Russia: pulling out, troops leaving their base, convoys seen leaving (no taker: no row); "Moscow still holds
  Hmeimim", "retains control of its naval base in Tartus" (the base, not the city); "the future of Russia's bases
  is uncertain" and talks about keeping them (no row); a base handed over to the SDF.
- The north-east: the SNA taking Manbij from the SDF, the SDF handing Deir ez-Zor over to the new authorities, a
  ceasefire and a deal to withdraw (no change of holder), "Kurdish-held Kobani", "SDF-controlled areas east of the
  Euphrates" (no place), fighting around the Tishreen Dam, a council whose name holds a place.
- The new authorities named by role ("the caretaker government", "HTS-led authorities", "security forces of the
  new administration", "the transitional government's forces"); ministries taken over and a curfew (no row).
- The Islamic State: cells in the desert, US strikes, warnings (no row).

Each case compares the set of (place, actor, status, denial) the assistant proposes with the rows expected. A
field given as None in an expected row accepts anything (where English leaves entry and control open). ``absent``
rows must not be proposed whatever else is, and when ``absent`` is given the expected rows need only be among those
proposed. ``date`` and ``claimed`` (whether ``claimed_by`` is filled) are compared only where a case gives them.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from challenge_rows import propose  # the harness shared with time and dates2

GOV, REB, HTS, SNA, SDF = "Syrian government", "Rebels", "HTS", "SNA", "SDF"
RUS, ISR, IS = "Russia", "Israel", "Islamic State"
C, X = "controlled", "contested"


class W(NamedTuple):
    """A row wanted (or, in ``absent``, not wanted); None matches anything."""

    place: str | None
    actor: str | None
    status: str | None = C
    denial: bool = False
    date: str | None = None
    claimed: bool | None = None


def case(case_id, text, expect, absent=None, published="2024-12-10", xfail=None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, published, expect, absent, id=case_id, marks=marks)


def _is_denial(row):
    return str(row.get("event", "")).startswith("den")


def _fits(row, want: W, dates=True):
    return ((want.place is None or row["place"] == want.place)
            and (want.actor is None or row["actor"] == want.actor)
            and (want.status is None or row["status"] == want.status)
            and _is_denial(row) == want.denial
            and (not dates or want.date is None or row["date"] == want.date)
            and (not dates or want.claimed is None or bool(row["claimed_by"].strip()) == want.claimed))


CASES = [
    # ------------------------------------------------------------------------------------------------ Israel
    case("israel-moved-into-the-un-patrolled-buffer-zone-on-sunday",
         "Israeli forces moved into the UN-patrolled buffer zone on the Golan Heights on Sunday, hours after Assad "
         "fled the country.",
         [W("Golan buffer zone", ISR, X, date="2024-12-08")], published="2024-12-09"),
    case("israel-seized-the-syrian-side-of-jabal-al-sheikh-known-as-hermon",
         "Israeli troops seized the Syrian side of Jabal al-Sheikh, known to Israelis as Mount Hermon, on Sunday.",
         [W("Mount Hermon", ISR, C)]),
    case("israel-advanced-kilometres-into-a-province-according-to-the-monitor",
         "Israeli forces advanced some 9 kilometres into Daraa province on Tuesday, according to the Syrian "
         "Observatory for Human Rights.",
         [W("Daraa Governorate", ISR, X, claimed=True)], published="2024-12-11"),
    case("israel-positions-near-a-town-only-locate",
         "Israeli troops took up positions near Quneitra on Monday.",
         []),
    case("israel-entered-the-town-of-in-a-province-residents-said",
         "Israeli troops entered the town of Khan Arnabah in Quneitra province on Wednesday, residents said.",
         [W("Khan Arnabah", ISR, X, date="2024-12-11")], published="2024-12-12"),
    case("israel-the-idf-said-it-had-deployed-in-the-buffer-zone",
         "The IDF said it had deployed forces in the buffer zone and at several points beyond it to protect Israeli "
         "communities.",
         [W("Golan buffer zone", ISR, None, claimed=True)]),
    case("israel-a-withdrawal-promised-is-a-future",
         "Israel says the deployment is temporary and that its troops will withdraw from the buffer zone once "
         "security along the border is restored.",
         []),
    case("israel-katz-ordered-the-army-to-prepare-to-stay-is-no-row",
         "Defence Minister Israel Katz ordered the army on Friday to prepare to remain on Mount Hermon through the "
         "winter.",
         [], published="2024-12-14"),
    case("israel-condemned-occupation-of-the-buffer-zone-is-israels",
         "Arab states on Monday condemned Israel's occupation of the buffer zone.",
         [W("Golan buffer zone", ISR, C)]),
    case("israel-denied-reports-its-tanks-had-reached-a-town",
         "The Israeli military denied reports that its tanks had advanced towards Damascus and reached Qatana.",
         []),
    case("israel-strikes-on-depots-take-nothing",
         "Israeli strikes hit weapons depots near Qardaha and Jableh overnight, the monitor said.",
         []),
    case("israel-tanks-in-the-buffer-zone-and-a-village-beyond",
         "Israeli tanks were stationed inside the buffer zone on Thursday and had pushed into Khan Arnabah beyond it.",
         [W("Golan buffer zone", ISR, None), W("Khan Arnabah", ISR, X)], published="2024-12-13"),
    case("israel-troops-remained-in-the-buffer-zone-despite-calls",
         "Israeli troops remained in the buffer zone on Friday despite international calls to withdraw.",
         [W("Golan buffer zone", ISR, C)], published="2024-12-14"),
    # (review r6: a place after "remain in/on", not talks or an alert there)
    case("forces-remain-in-talks-or-on-alert-hold-nothing",
         "Turkish forces remain in talks with the SDF over Manbij. Russian forces remain on standby near Latakia.",
         [], published="2024-12-14"),
    # ------------------------------------------------------------------------------------------------ Russia
    case("russia-is-pulling-its-forces-out-no-taker",
         "Russia is pulling its forces out of Tartus, satellite images suggest.",
         []),
    case("russia-troops-left-their-base-no-taker",
         "Russian troops left their base at Qamishli airport on Monday, a Kurdish official said.",
         []),
    case("russia-moscow-still-holds-hmeimim-and-the-naval-facility-at-tartus",
         "Moscow still holds Hmeimim and the naval facility at Tartus, Western officials said.",
         [W("Hmeimim air base", RUS, C), W("Tartus naval base", RUS, C)]),
    case("russia-retains-control-of-its-naval-base-in-tartus",
         "Russia retains control of its naval base in Tartus for now, a Kremlin spokesman said.",
         [W("Tartus naval base", RUS, C, claimed=True)], absent=[W("Tartus", None, None)]),
    case("russia-the-future-of-its-bases-is-uncertain",
         "The future of Russia's bases at Hmeimim and Tartus is uncertain.",
         [],
         xfail="'Russia's bases at Hmeimim' proposes Hmeimim held by Russia"),
    case("russia-convoy-filmed-leaving-is-observed-not-a-taking",
         "A convoy of Russian armoured vehicles was filmed leaving Kobani on Sunday.",
         []),
    case("russia-evacuated-personnel-by-air-no-taker",
         "Russia evacuated some of its personnel from Hmeimim by air on Saturday, a Western official said.",
         [], published="2024-12-16"),
    case("russia-talks-with-the-new-authorities-about-keeping-bases",
         "The Kremlin said it was in talks with the new authorities in Damascus about keeping its military bases in "
         "Syria.",
         []),
    case("russia-military-police-handed-over-their-positions-to-the-sdf",
         "Russian military police handed over their positions at Qamishli airport to the SDF on Thursday.",
         [W("Qamishli airport", SDF, C)], absent=[W("Qamishli airport", RUS, C)], published="2024-12-13"),
    # --------------------------------------------------------------------------------------------- north-east
    case("ne-the-sna-captured-manbij-from-the-kurdish-led-sdf",
         "The Turkish-backed Syrian National Army captured Manbij from the Kurdish-led SDF on Monday after days of "
         "fighting.",
         [W("Manbij", SNA, C, date="2024-12-09")], absent=[W("Manbij", SDF, None)]),
    case("ne-the-sna-said-full-control-and-pushing-towards-the-dam",
         "The SNA said on Monday it had taken full control of Manbij and was pushing towards the Tishreen Dam.",
         [W("Manbij", SNA, C, claimed=True), W("Tishreen Dam", SNA, X)]),
    case("ne-a-us-brokered-ceasefire-in-manbij-is-no-holder",
         "A US-brokered ceasefire in Manbij between the SDF and Turkish-backed factions was extended on Tuesday.",
         []),
    case("ne-a-deal-to-withdraw-is-a-future",
         "Under the deal, SDF fighters will withdraw from Manbij to areas east of the Euphrates.",
         []),
    case("ne-the-sdf-handed-deir-ez-zor-over-to-the-new-authorities",
         "The SDF handed Deir ez-Zor over to the new authorities on Wednesday after local tribes rose against it.",
         [W("Deir ez-Zor", HTS, C, date="2024-12-11")], absent=[W("Deir ez-Zor", SDF, None)], published="2024-12-12"),
    case("ne-withdrew-from-the-city-as-the-command-entered",
         "SDF fighters withdrew from Deir ez-Zor city on Wednesday as forces of the Military Operations Command "
         "moved in.",
         [W("Deir ez-Zor", REB, None)], absent=[W("Deir ez-Zor", SDF, None)], published="2024-12-12"),
    case("ne-tribal-fighters-backed-by-the-command-took-over-from-the-sdf",
         "Arab tribal fighters backed by the Military Operations Command took over Deir ez-Zor from the SDF on "
         "Wednesday.",
         [W("Deir ez-Zor", REB, C, date="2024-12-11")], absent=[W("Deir ez-Zor", SDF, None)], published="2024-12-12"),
    case("ne-kurdish-held-kobani-under-a-threat",
         "Turkey has threatened an offensive against Kurdish-held Kobani.",
         [W("Kobani", SDF, C)], absent=[W("Kobani", "Turkey", None), W("Kobani", SNA, None)]),
    case("ne-sdf-controlled-areas-east-of-the-euphrates-are-no-place",
         "Thousands of Kurds fled Manbij for SDF-controlled areas east of the Euphrates.",
         []),
    case("ne-fighting-raged-around-the-dam-between-two-sides",
         "Heavy fighting raged around the Tishreen Dam on Friday between the SDF and Turkish-backed factions, the war "
         "monitor said.",
         [W("Tishreen Dam", None, X)], absent=[W("Tishreen Dam", None, C)], published="2024-12-14"),
    case("ne-the-sdf-still-controls-two-cities",
         "The SDF still controls Raqqa and Hasakah, the two largest cities in the north-east.",
         [W("Raqqa", SDF, C), W("Hasakah", SDF, C)]),
    case("ne-blew-up-a-bridge-is-no-holding",
         "The SDF said it had blown up the Qaraqozak bridge to slow the advance of Turkish-backed factions.",
         []),
    case("ne-a-council-named-after-a-place-defected",
         "Fighters of the Deir ez-Zor Military Council defected to the new authorities on Wednesday.",
         []),
    # ---------------------------------------------------------------------------------------- new authorities
    case("new-the-caretaker-government-took-over-ministries-in-a-city",
         "The caretaker government took over ministries in Damascus on Tuesday.",
         [],
         xfail="ministries taken over in Damascus propose Damascus taken"),
    case("new-hts-led-authorities-deployed-security-forces-across",
         "HTS-led authorities deployed security forces across Latakia on Thursday to restore order.",
         [W("Latakia", HTS, None)], published="2024-12-13"),
    case("new-security-forces-of-the-new-administration-were-deployed-in",
         "General Security forces of the new administration were deployed in Jableh on Friday.",
         [W("Jableh", HTS, None)], published="2024-12-14"),
    case("new-the-transitional-governments-forces-entered-the-hometown",
         "The transitional government's forces entered Qardaha, Assad's ancestral hometown, on Saturday.",
         [W("Qardaha", HTS, X, date="2024-12-14")], published="2024-12-16"),
    case("new-administered-by-the-caretaker-government-in-damascus",
         "Aleppo is now administered by the caretaker government in Damascus.",
         [W("Aleppo", HTS, C)], absent=[W("Damascus", None, None)]),
    case("new-a-curfew-is-no-row",
         "The new authorities imposed a night-time curfew in Homs after unrest.",
         []),
    case("new-took-over-from-the-former-regime-in-a-city",
         "Forces of the interim government took over the last army posts in Tartus on Sunday, meeting no resistance.",
         [W("Tartus", HTS, C)], published="2024-12-16"),
    # ----------------------------------------------------------------------------------------- Islamic State
    case("is-cells-remain-active-in-the-desert",
         "Islamic State cells remain active in the Badia desert and have attacked SDF positions near Deir ez-Zor.",
         []),
    case("is-us-strikes-take-nothing",
         "US warplanes struck more than 75 Islamic State targets in central Syria on Sunday, including camps near "
         "Palmyra and al-Sukhnah.",
         [], published="2024-12-09"),
    case("is-a-warning-it-could-seize-territory",
         "The US warned that the Islamic State group could exploit the vacuum to seize territory around Deir ez-Zor.",
         []),
]


@pytest.mark.parametrize("text,published,expect,absent", CASES)
def test_aftermath_challenge(text, published, expect, absent):
    got = propose(text, published)
    shown = sorted((r["place"], r["actor"], r["status"], _is_denial(r), r["date"], r["claimed_by"]) for r in got)
    for want in absent or ():
        assert not any(_fits(r, want, dates=False) for r in got), (want, shown)
    for want in expect:
        assert any(_fits(r, want) for r in got), (want, shown)
    if absent is None:
        assert all(any(_fits(r, want, dates=False) for want in expect) for r in got), shown
