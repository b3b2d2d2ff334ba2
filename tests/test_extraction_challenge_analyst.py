"""Challenge set, family "analyst": how ANALYSTS and MONITORS write, as opposed to wire copy (issue 20, behavioural
testing in the manner of CheckList, Ribeiro et al. 2020).

Made-up sentences in the way ISW/CTP updates, the Syrian Observatory for Human Rights, ACLED event summaries and
Liveuamap-style notes write, NOT taken from our reports, written before the assistant read them.

Whose word it is, by the project's rules (README, "Assessed control"): a claim is the report's own statement (or a
monitor's, a wire agency's, witnesses') unless a party says it. So:
- an analyst's hedge ("likely captured", "probably withdrew", "appears to have captured", "ISW assessed that") is the
  analyst's own assessment, not anyone's claim: the row has no ``claimed_by`` and its status is what the analyst
  assesses (a hedge of the writer is not "reportedly", which hands the claim to unnamed reports);
- "geolocated footage showed fighters in X" is the analyst's own verification of what the footage shows: the report's
  own word (no ``claimed_by``); fighters seen in a place is a presence, contested, not a capture;
- "SNA fighters claimed to have captured X", "opposition media claimed ..." are a party's word, and "CTP-ISW cannot
  independently verify the claim" leaves it so; "SOHR activists reported that ..." names a monitor (``claimed_by``
  filled, an independent speaker);
- ACLED's "(Aleppo)" after a place names its province only to locate it: no row for it.
Negatives: an analyst's forecast ("will likely attack", "may attempt to recapture", "likely intend to advance"), what
the analyst has NOT observed, an ACLED strike or a note with no claim.

Rows are compared on (place, actor, status, denial) and, where a case gives them, the date and whether ``claimed_by``
is filled (tests/challenge_rows.py).
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, R, check, day

SOR = "Southern Operations Room"


def case(id, text, rows, published="2024-12-08", absent=None, xfail=None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, published, rows, absent, id=id, marks=marks)


CASES = [
    # ------------------------------------------------------------ ISW/CTP: the analyst's own statements
    case("isw-seized-on-a-month-day", "Opposition forces seized Hama city on December 5.",
         [R("Hama", "Rebels", "controlled", claimed=False, **day("2024-12-05"))], published="2024-12-06"),
    case("isw-likely-captured-is-the-analysts-own", "HTS-led forces likely captured Saraqib on November 30.",
         [R("Saraqib", "HTS", "controlled", claimed=False, **day("2024-11-30"))], published="2024-12-01"),
    case("isw-likely-control-a-list-as-of", "Opposition forces likely control Rastan and Talbiseh as of December 6.",
         [R("Rastan", "Rebels", "controlled", claimed=False), R("Talbiseh", "Rebels", "controlled", claimed=False)],
         published="2024-12-07"),
    case("isw-probably-withdrew-and-likely-control", "Regime forces probably withdrew from Palmyra on December 7, and "
         "opposition forces likely control the city.",
         [R("Palmyra", "Rebels", "controlled", claimed=False)]),
    case("isw-appears-to-have-captured", "The SDF appears to have captured Deir ez-Zor city on December 6.",
         [R("Deir ez-Zor", "SDF", "controlled", claimed=False)], published="2024-12-07"),
    case("isw-assessed-that-x-seized", "ISW assessed that opposition forces seized Khan Sheikhoun on December 4.",
         [R("Khan Sheikhoun", "Rebels", "controlled", claimed=False, **day("2024-12-04"))], published="2024-12-05"),
    case("isw-assessed-that-withdrew-no-taker", "CTP-ISW assessed that regime forces withdrew from Deir ez-Zor city on "
         "December 6.", [], published="2024-12-07"),
    case("isw-advanced-to-within-km-of", "Opposition forces advanced to within 10 kilometers of Homs city on "
         "December 5.", [R("Homs", "Rebels", "contested")], published="2024-12-06"),
    case("isw-consolidated-control-and-advanced-toward", "HTS-led forces consolidated their control over Aleppo city "
         "and advanced south toward Hama city.",
         [R("Aleppo", "HTS", "controlled"), R("Hama", "HTS", "contested")], published="2024-12-02"),
    case("isw-secured-an-air-base", "Opposition forces secured the Kuweires air base on December 1.",
         [R("Kuweires air base", "Rebels", "controlled", **day("2024-12-01"))], published="2024-12-02"),
    case("isw-orderly-withdrawal-no-taker", "Regime forces conducted an orderly withdrawal from Daraa city on "
         "December 6.", [], published="2024-12-07"),
    case("isw-orderly-withdrawal-as-x-entered", "Regime forces conducted an orderly withdrawal from Hama city on "
         "December 5 as opposition forces entered the city.",
         [R("Hama", "Rebels", "controlled")], published="2024-12-06", absent=[R("Hama", SG, "controlled")]),
    case("isw-russian-backed-regime-forces-recaptured", "Russian-backed regime forces recaptured Kafr Zita on "
         "December 3.", [R("Kafr Zita", SG, "controlled", **day("2024-12-03"))], published="2024-12-04"),
    case("isw-seized-the-regime-held-town", "Opposition forces seized the regime-held town of Morek on December 4.",
         [R("Morek", "Rebels", "controlled")], published="2024-12-05"),
    case("isw-attacked-then-remains-contested", "Opposition forces attacked Morek on December 2. Morek remains "
         "contested.", [R("Morek", "Rebels", "contested")], published="2024-12-03"),
    case("isw-recaptured-after-x-had-seized", "Regime forces recaptured Suran on December 3 after opposition forces "
         "had seized the town on December 2.",
         [R("Suran", SG, "controlled"), R("Suran", "Rebels", "controlled")], published="2024-12-04",
         xfail="the rebels' earlier seizure is not proposed: 'the town' later in the sentence is not read back to "
                "Suran named before it (with 'Suran' written again both rows come)"),
    # ------------------------------------------------------------ what footage shows
    case("footage-geolocated-showed-fighters-in-part", "Geolocated footage posted on December 5 showed opposition "
         "fighters in central Hama city.", [R("Hama", "Rebels", "contested", claimed=False)], published="2024-12-06"),
    case("footage-geolocated-shows-operating-in", "Geolocated footage published on December 6 shows SDF fighters "
         "operating in Albu Kamal.", [R("Albu Kamal", "SDF", "contested", claimed=False)], published="2024-12-07"),
    case("footage-party-media-purporting-to-show", "HTS-affiliated media posted footage on December 2 purporting to "
         "show HTS fighters inside Hama air base.", [R("Hama air base", "HTS", "contested", claimed=True)],
         published="2024-12-03"),
    # ------------------------------------------------------------ a party's claim, which the analyst cannot verify
    case("claim-sna-fighters-claimed-to-have-captured", "SNA fighters claimed to have captured Tel Rifaat on "
         "December 1.", [R("Tel Rifaat", "SNA", "controlled", claimed=True)], published="2024-12-02"),
    case("claim-telegram-channels-claimed-that", "SNA-affiliated Telegram channels claimed on December 1 that SNA "
         "fighters captured al-Bab.", [R("al-Bab", "SNA", "controlled", claimed=True)], published="2024-12-02"),
    case("claim-cannot-independently-verify", "Opposition media claimed on December 6 that opposition fighters "
         "seized Talbiseh. CTP-ISW cannot independently verify the claim.",
         [R("Talbiseh", "Rebels", "controlled", claimed=True)], published="2024-12-07"),
    case("claim-pro-regime-sources-claimed-repelled", "Pro-regime sources claimed that regime forces repelled an "
         "opposition attack on Morek on December 2.", [], published="2024-12-03",
         absent=[R("Morek", "Rebels", "controlled")]),
    # ------------------------------------------------------------ SOHR
    case("sohr-activists-reported-that-after-withdrew", "SOHR activists reported that the factions took control of "
         "Khan Sheikhoun after regime forces withdrew.",
         [R("Khan Sheikhoun", "Rebels", "controlled", claimed=True)], published="2024-12-05"),
    case("sohr-documented-the-takeover-by", "The Syrian Observatory for Human Rights documented the takeover of "
         "Maarat al-Numan by HTS and allied factions.",
         [R("Maarat al-Numan", "HTS", "controlled", claimed=True)], published="2024-11-30"),
    case("sohr-numbered-list-of-villages", "SOHR activists reported that the factions took control of the following "
         "areas:\n1- Kafr Zita\n2- Halfaya\n3- Taybat al-Imam\n4- Suran",
         [R("Kafr Zita", "Rebels", "controlled"), R("Halfaya", "Rebels", "controlled"),
          R("Taybat al-Imam", "Rebels", "controlled"), R("Suran", "Rebels", "controlled")], published="2024-12-04"),
    case("sohr-the-factions-control-of-villages-including", "SOHR has documented the factions' control of 14 villages "
         "in Hama countryside, including Karnaz and Taybat al-Imam.",
         [R("Karnaz", "Rebels", "controlled"), R("Taybat al-Imam", "Rebels", "controlled")], published="2024-12-04",
         xfail="proposes Hama contested ('villages in Hama countryside' says where they lie), not the villages "
                "listed after 'including'"),
    case("sohr-withdrew-and-the-factions-entered-said", "Regime forces withdrew from Qalaat al-Madiq, and the "
         "factions entered the town shortly after, SOHR said.",
         [R("Qalaat al-Madiq", "Rebels", "controlled", claimed=True)], published="2024-12-05",
         absent=[R("Qalaat al-Madiq", SG, "controlled")],
         xfail="proposes nothing: the withdrawal finds no taker in 'the factions entered the town' (no party named)"),
    case("sohr-negative-warplanes-targeted-the-vicinity", "SOHR activists reported that regime warplanes targeted "
         "the vicinity of Saraqib.", [], published="2024-12-01"),
    # ------------------------------------------------------------ ACLED event summaries
    case("acled-took-control-province-in-brackets", "On 30 November 2024, HTS and allied groups took control of "
         "Khanasser (Aleppo). [size=no report]",
         [R("Khanasser", "HTS", "controlled", **day("2024-11-30"))], published="2024-12-03"),
    case("acled-regained-control-after-clashes-fatalities", "On 3 December 2024, regime forces regained control of "
         "Kafr Zita (Hama) after clashes with HTS. 12 fatalities.",
         [R("Kafr Zita", SG, "controlled", **day("2024-12-03"))], published="2024-12-10"),
    case("acled-took-over-the-airport-after-withdrew", "On 6 December 2024, the SDF took over the Deir ez-Zor "
         "military airport (Deir ez-Zor) after regime forces withdrew. [size=no report]",
         [R("Deir ez-Zor military airport", "SDF", "controlled", **day("2024-12-06"))], published="2024-12-10"),
    case("acled-negative-drone-strike", "On 2 December 2024, a regime drone struck a vehicle in Sarmada (Idlib). "
         "2 fatalities.", [], published="2024-12-10"),
    # ------------------------------------------------------------ telegraphic notes (Liveuamap style)
    case("note-month-day-colon-took-a-list", "Dec 6: rebels took Rastan, Talbiseh",
         [R("Rastan", "Rebels", "controlled", **day("2024-12-06")),
          R("Talbiseh", "Rebels", "controlled", **day("2024-12-06"))], published="2024-12-07"),
    case("note-month-day-colon-rebels-in-a-list", "Dec 6: rebels in Rastan, Talbiseh",
         [R("Rastan", "Rebels", "contested"), R("Talbiseh", "Rebels", "contested")], published="2024-12-07",
         xfail="proposes nothing: a note with no verb ('rebels in P') and no full stop"),
    case("note-captured-place-comma-countryside", "Syrian opposition fighters have captured al-Sanamayn, Daraa "
         "countryside", [R("al-Sanamayn", "Rebels", "controlled")], published="2024-12-07"),
    case("note-negative-explosions-heard", "Dec 7: explosions heard in Homs", [], published="2024-12-07"),
    # ------------------------------------------------------------ forecasts and what was not observed
    case("neg-will-likely-attack", "Opposition forces will likely attack Homs city in the coming days.", [],
         published="2024-12-06"),
    case("neg-are-likely-preparing-to-attack", "Opposition forces are likely preparing to attack Hama city.", [],
         published="2024-12-03"),
    case("neg-likely-intend-to-advance-on", "Opposition forces likely intend to advance on Damascus from the south.",
         [], published="2024-12-07"),
    case("neg-may-attempt-to-recapture", "Regime forces may attempt to recapture Hama city.", [],
         published="2024-12-06"),
    case("neg-assessed-will-likely-fall", "CTP-ISW assessed that Homs city will likely fall within days.", [],
         published="2024-12-07"),
    case("neg-has-not-observed-fighters-in", "ISW has not observed opposition forces in Homs city.", [],
         published="2024-12-06"),
    case("neg-has-not-observed-evidence-that-seized", "CTP-ISW has not observed evidence that opposition forces "
         "seized Hama air base.", [], published="2024-12-04"),
    # (review r6: what there is no sign of ends at ", as": the clause after it is news)
    case("neg-no-signs-that-ends-at-as", "There were no signs that the army would retreat from Homs, as rebels "
         "captured Hama.", [R("Hama", "Rebels", "controlled")], published="2024-12-06"),
]


@pytest.mark.parametrize("text,published,rows,absent", CASES)
def test_analysts_and_monitors(text, published, rows, absent):
    check(text, published, rows, absent)
