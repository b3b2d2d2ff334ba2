"""Challenge set "formats" (issue 20): the shapes real articles come in, as whole short made-up texts.

Behavioural tests in the manner of CheckList (Ribeiro et al. 2020): live blogs with timestamps, timelines,
bullet lists of key points, explainers in questions and answers, a headline and standfirst over the body,
quotes running across sentences, datelines, photo captions and credits, paragraphs opening "Meanwhile,",
corrections and editor's notes, and text pasted with odd line breaks. Written from how wire services,
broadcasters and monitors write, not from the project's reports, and before the assistant read any of them.

Each case gives the rows an editor would take from the text: (place, actor, status, denial) and, where the
case is about dates, the day (a proposal matches when its date window holds that day and spans at most a day).
An actor written "HTS|Rebels" accepts either (the evaluation's group rule). Nothing is taken from captions,
credits, headlines without a verb, links or questions; a headline does not double the body's claim.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.core import data
from dashboard.ingest import extraction

ROOT = Path(__file__).resolve().parents[1]
_, PLACES = data.read_rows(ROOT / "geodata" / "places.csv")
_, ACTORS = data.read_rows(ROOT / "geodata" / "actors.csv")


def R(place, actor, status, day=None, denied=False):
    """One expected row: the actor may be "A|B" (either); day is an ISO date when the case is about dates."""
    return (place, actor, status, denied, day)


def _proposals(text, published):
    rows, _ = extraction.propose_rows(text, url="https://news.example.org/a", publisher="Example",
                                      published=published, places_rows=PLACES, actors_rows=ACTORS,
                                      geocode_fn=lambda name: None)
    return rows


def _holds_day(row, day):
    start = date.fromisoformat(row["date"])
    end = date.fromisoformat(row.get("date_end") or row["date"])
    wanted = date.fromisoformat(day)
    return start <= wanted <= end and (end - start).days <= 1


def _matches(row, want):
    place, actor, status, denied, day = want
    return (row["place"] == place and row["actor"] in actor.split("|") and row["status"] == status
            and (row["event"] == "denied") == denied and (day is None or _holds_day(row, day)))


def _read(row, dated):
    return (row["place"], row["actor"], row["status"], row["event"] == "denied") + ((row["date"], row.get("date_end")) if dated else ())


CASES = [
    # --- live blogs: a timestamp is not a date, the entry is dated by the blog's day --------------------------
    pytest.param("Live: Syria's rebels push south\n\n"
                 "09:45 GMT - Rebels say they have entered Hama from several directions after heavy fighting overnight.\n\n"
                 "11:30 GMT - The Syrian army says its troops have withdrawn from Hama \"to preserve civilian lives\".",
                 "2024-12-05", [R("Hama", "Rebels", "contested", "2024-12-05"), R("Hama", "Rebels", "controlled", "2024-12-05")],
                 ["Live: Syria's rebels push south"], id="liveblog-gmt-entries-entered-then-withdrawn"),
    pytest.param("Update, 12:05: Rebels are fighting government forces on the northern edge of Homs.\n"
                 "Update, 14:20: Opposition fighters have taken full control of Homs, a war monitor said.",
                 "2024-12-07", [R("Homs", "Rebels", "contested"), R("Homs", "Rebels", "controlled")], [],
                 id="liveblog-update-comma-time-colon"),
    pytest.param("23:10 - Israeli forces have moved into the buffer zone on the Golan Heights, the Israeli army says.",
                 "2024-12-08", [R("Golan buffer zone", "Israel", "contested", "2024-12-08")], [],
                 id="liveblog-bare-time-dash"),
    pytest.param("Sunday 8 December\n06:10 - Rebels say they have taken control of Damascus and that Assad has left the country.",
                 "2024-12-08", [R("Damascus", "Rebels", "controlled", "2024-12-08")], ["Sunday 8 December"],
                 id="liveblog-day-heading-then-time"),
    pytest.param("Saturday 7 December\n22:15 - Rebels say they have reached the outskirts of Damascus.\n"
                 "Sunday 8 December\n05:40 - Rebels say they have entered the capital.",
                 "2024-12-08", [R("Damascus", "Rebels", "contested", "2024-12-07"),
                                R("Damascus", "Rebels", "contested", "2024-12-08")], [],
                 id="liveblog-two-day-headings-date-each-entry"),
    pytest.param("10:02 GMT - We are expecting a statement from the Turkish foreign ministry shortly.\n"
                 "10:40 GMT - Our correspondent in Gaziantep says residents are following the news from Manbij closely.",
                 "2024-12-09", [], [], id="liveblog-negative-entries-with-no-claim"),
    pytest.param("Key events\n- Rebels have captured the city of Hama, the army has confirmed.\n"
                 "- The UN envoy is calling for urgent talks in Geneva.",
                 "2024-12-05", [R("Hama", "Rebels", "controlled")], ["Key events"], id="liveblog-key-events-summary"),

    # --- timelines: the entry's own date, resolved against publication ---------------------------------------
    pytest.param("Nov. 27: HTS and allied factions launch a surprise offensive against government forces.\n"
                 "Nov. 29: Rebels reach Aleppo's outskirts.\n"
                 "Nov. 30: Rebels take most of Aleppo city.\n"
                 "Dec. 5: Hama falls to the rebels.",
                 "2024-12-08", [R("Aleppo", "Rebels", "contested", "2024-11-29"),
                                R("Aleppo", "Rebels", "controlled", "2024-11-30"),
                                R("Hama", "Rebels", "controlled", "2024-12-05")], [],
                 id="timeline-abbreviated-month-colon-present-tense"),
    pytest.param("Key dates:\n- 30 November: Rebels seize Aleppo International Airport.\n"
                 "- 1 December: SNA factions capture Tel Rifaat from the SDF.\n"
                 "- 5 December: Rebels capture Hama.",
                 "2024-12-10", [R("Aleppo International Airport", "Rebels", "controlled", "2024-11-30"),
                                R("Tel Rifaat", "SNA", "controlled", "2024-12-01"),
                                R("Hama", "Rebels", "controlled", "2024-12-05")], [],
                 id="timeline-dash-day-month-colon"),
    pytest.param("Dec. 8, 2024: Rebels enter Damascus; Assad flees to Moscow.",
                 "2024-12-20", [R("Damascus", "Rebels", "contested", "2024-12-08")], [],
                 id="timeline-full-date-with-year-and-moscow-not-a-place"),
    pytest.param("December 6\nRebels take Daraa after local factions rise up.\n"
                 "December 7\nRebels reach the outskirts of Homs.",
                 "2024-12-09", [R("Daraa", "Rebels", "controlled", "2024-12-06"),
                                R("Homs", "Rebels", "contested", "2024-12-07")], [],
                 id="timeline-date-on-its-own-line"),
    pytest.param("How the regime fell\nDec. 8: Israeli troops seize the Syrian side of Mount Hermon.\n"
                 "Dec. 9: Israeli forces move into the buffer zone near Quneitra.",
                 "2025-01-05", [R("Mount Hermon", "Israel", "controlled", "2024-12-08"),
                                R("Golan buffer zone", "Israel", "contested", "2024-12-09")], [],
                 id="timeline-last-years-december-read-in-january"),
    pytest.param("Nov 27 — Rebels attack government positions west of Aleppo.\n"
                 "Nov 30 — Rebels capture Saraqib and Maarat al-Numan.",
                 "2024-12-03", [R("Saraqib", "Rebels", "controlled", "2024-11-30"),
                                R("Maarat al-Numan", "Rebels", "controlled", "2024-11-30")], [],
                 id="timeline-em-dash-west-of-aleppo-only-locates"),

    # --- bullet lists of key points ----------------------------------------------------------------------------
    pytest.param("Key points:\n• Rebels have captured Hama after government troops withdrew.\n"
                 "• The SDF has taken control of Deir ez-Zor city.\n"
                 "• Israel says it has occupied the buffer zone in the Golan.",
                 "2024-12-09", [R("Hama", "Rebels", "controlled"), R("Deir ez-Zor", "SDF", "controlled"),
                                R("Golan buffer zone", "Israel", "controlled")], [],
                 id="bullets-round-mark-perfect-tense"),
    pytest.param("What we know so far\n* Rebels have entered Homs\n* Local factions have seized Daraa",
                 "2024-12-07", [R("Homs", "Rebels", "contested"), R("Daraa", "Southern Operations Room", "controlled")],
                 [], id="bullets-star-mark-no-full-stops"),
    pytest.param("Who holds what:\n- Aleppo: under rebel control\n- Hama: contested\n- Homs: government-held",
                 "2024-12-04", [R("Aleppo", "Rebels", "controlled"), R("Homs", "Syrian government", "controlled")], [],
                 id="bullets-place-colon-status-no-verb",
                 marks=pytest.mark.xfail(strict=True, reason="'Aleppo: under rebel control' and 'Homs: government-held' propose nothing")),
    pytest.param("Read more:\n- Who are HTS, the group that took Aleppo?\n- Syria's war explained in maps",
                 "2024-12-04", [], [], id="bullets-negative-read-more-links"),
    pytest.param("- Turkish-backed factions seized Manbij on Monday, the Turkish defence ministry said.",
                 "2024-12-10", [R("Manbij", "SNA", "controlled", "2024-12-09")], [],
                 id="bullets-dash-full-sentence-dated-by-weekday"),

    # --- explainers in questions and answers -------------------------------------------------------------------
    pytest.param("Who controls Aleppo now?\nRebels led by HTS have controlled the city since late November.",
                 "2024-12-10", [R("Aleppo", "HTS|Rebels", "controlled")], ["Who controls Aleppo now?"],
                 id="qa-who-controls-the-city-answer-refers-back"),
    pytest.param("Has Israel entered Syria?\nYes. Israeli troops have moved into the demilitarised buffer zone on the "
                 "Golan Heights and seized the Syrian side of Mount Hermon.",
                 "2024-12-10", [R("Golan buffer zone", "Israel", "contested"), R("Mount Hermon", "Israel", "controlled")],
                 [], id="qa-yes-answer-two-verbs"),
    pytest.param("Will the rebels take Damascus?\nAnalysts say it is too early to tell.",
                 "2024-12-06", [], [], id="qa-negative-question-about-a-future"),
    pytest.param("Where is the SDF?\nThe Kurdish-led SDF still holds Raqqa and Hasakah, but lost Tel Rifaat to "
                 "Turkish-backed factions this week.",
                 "2024-12-04", [R("Raqqa", "SDF", "controlled"), R("Hasakah", "SDF", "controlled"),
                                R("Tel Rifaat", "SNA", "controlled")], [], id="qa-holds-list-and-lost-to"),
    pytest.param("Is Homs still in government hands?\nNo. Opposition fighters said on Saturday they had captured the city.",
                 "2024-12-08", [R("Homs", "Rebels", "controlled", "2024-12-07")], ["Is Homs still in government hands?"],
                 id="qa-question-names-the-place-answer-says-the-city"),

    # --- headline, standfirst, body ------------------------------------------------------------------------------
    pytest.param("Syrian rebels capture Hama\nThe city's fall is a major blow to President Bashar al-Assad.\n\n"
                 "HAMA, Syria — Syrian rebels captured the central city of Hama on Thursday, the army said.",
                 "2024-12-05", [R("Hama", "Rebels", "controlled", "2024-12-05")], ["Syrian rebels capture Hama"],
                 id="headline-with-verb-does-not-double-the-body"),
    pytest.param("Aleppo: the rebels' lightning offensive\nHow a surprise attack changed the map of northern Syria\n\n"
                 "Rebels entered Aleppo on Friday, two days after launching their offensive.",
                 "2024-12-01", [R("Aleppo", "Rebels", "contested", "2024-11-29")],
                 ["Aleppo: the rebels' lightning offensive"], id="headline-without-verb-and-standfirst-then-body"),
    pytest.param("Damascus in rebel hands\n\nResidents poured into the streets on Sunday to celebrate.",
                 "2024-12-08", [], ["Damascus in rebel hands"], id="headline-negative-verbless-claim-alone"),
    pytest.param("Israel seizes buffer zone as Syria's army collapses\n\n"
                 "Israeli forces took over the buffer zone on the Golan Heights on Sunday, Prime Minister Benjamin "
                 "Netanyahu said.",
                 "2024-12-09", [R("Golan buffer zone", "Israel", "controlled", "2024-12-08")],
                 ["Israel seizes buffer zone as Syria's army collapses"], id="headline-present-tense-body-past"),
    pytest.param("Rebels reach Homs\nOpposition fighters have reached the outskirts of Homs, Syria's third-largest "
                 "city, a war monitor said on Friday.\n\nThe monitor said the rebels were fighting on the city's "
                 "northern edge.",
                 "2024-12-06", [R("Homs", "Rebels", "contested")], ["Rebels reach Homs"],
                 id="headline-standfirst-with-verb-and-body"),
    pytest.param("Manbij after the Kurds\nLife in a divided city\n\nShops reopened on Thursday and the bread queues "
                 "were shorter.",
                 "2024-12-12", [], [], id="headline-negative-feature-with-no-claim"),

    # --- quotes from officials across sentences ------------------------------------------------------------------
    pytest.param("'We have liberated Homs,' said Hassan Abdel Ghani, a spokesman for the Military Operations "
                 "Command. 'The regime is finished.'",
                 "2024-12-08", [R("Homs", "Rebels", "controlled")], [], id="quote-first-speaker-after-said"),
    pytest.param("'Our forces have entered Damascus,' the HTS leader said in a statement, 'and the tyrant has fled.'",
                 "2024-12-08", [R("Damascus", "HTS", "contested")], [], id="quote-split-by-its-attribution"),
    pytest.param("'Hama is safe and remains under the control of the Syrian Arab Army,' the defence ministry said. "
                 "'Reports of its fall are lies.'",
                 "2024-12-04", [R("Hama", "Syrian government", "controlled", denied=True)], [],
                 id="quote-denial-across-two-sentences",
                 marks=pytest.mark.xfail(strict=True, reason="proposes Hama held by the army, not the ministry's denial")),
    pytest.param("'We will take Damascus within days,' the rebel commander said.",
                 "2024-12-06", [], [], id="quote-negative-a-threat"),
    pytest.param("Fighters fired into the air in the main square. “The city of Daraa is now fully liberated,” a "
                 "commander of the Southern Operations Room told reporters on Saturday.",
                 "2024-12-08", [R("Daraa", "Southern Operations Room", "controlled")], [],
                 id="quote-curly-speaker-after-quote"),

    # --- datelines ---------------------------------------------------------------------------------------------
    pytest.param("DAMASCUS, Dec 8 (Reuters) - Syrian rebels declared on Sunday that they had taken the capital "
                 "Damascus, ending the Assad family's rule.",
                 "2024-12-08", [R("Damascus", "Rebels", "controlled", "2024-12-08")], [],
                 id="dateline-reuters-place-named-again"),
    pytest.param("AMMAN, Dec 7 (Reuters) - Local rebels took control of Daraa city on Saturday, residents said.",
                 "2024-12-07", [R("Daraa", "Rebels|Southern Operations Room", "controlled", "2024-12-07")], [],
                 id="dateline-foreign-city"),
    pytest.param("HOMS, Syria, Dec 8 (AP) — Rebel fighters took full control of the city on Sunday, residents said.",
                 "2024-12-08", [R("Homs", "Rebels", "controlled", "2024-12-08")], [],
                 id="dateline-carries-the-place-body-says-the-city"),
    pytest.param("DEIR EZ-ZOR, Syria (AP) — Kurdish-led fighters took control of the city on Friday after government "
                 "troops pulled out.",
                 "2024-12-07", [R("Deir ez-Zor", "SDF", "controlled", "2024-12-06")], [],
                 id="dateline-capitals-multiword-place"),
    pytest.param("BEIRUT (AP) — Hama was captured by insurgents on Thursday, the Syrian Observatory for Human "
                 "Rights said.",
                 "2024-12-06", [R("Hama", "Rebels", "controlled", "2024-12-05")], [], id="dateline-without-date"),

    # --- captions and credits ------------------------------------------------------------------------------------
    pytest.param("Rebels captured Hama on Thursday, the army said.\n"
                 "Photo: Rebel fighters in Aleppo on November 30, 2024. (Omar Haj Kadour/AFP via Getty Images)",
                 "2024-12-06", [R("Hama", "Rebels", "controlled")], [], id="caption-photo-line-after-body"),
    pytest.param("Image source, Getty Images\nImage caption, Fighters celebrate in Aleppo's Saadallah al-Jabiri Square "
                 "after the rebels took the city",
                 "2024-12-01", [], [], id="caption-negative-bbc-image-caption-with-a-taking"),
    pytest.param("Rebels seized Saraqib on Friday.\nA rebel fighter stands guard in Saraqib. (AFP)\n"
                 "Reporting by Suleiman Al-Khalidi in Amman; Additional reporting by Timour Azhari in Damascus; "
                 "Editing by Frances Kerry",
                 "2024-11-30", [R("Saraqib", "Rebels", "controlled")], [], id="caption-afp-and-reuters-credit-line"),
    pytest.param("Israeli tanks cross into the buffer zone near Quneitra on December 8. Credit: Jalaa Marey/AFP",
                 "2024-12-10", [], [], id="caption-negative-present-tense-with-credit"),
    pytest.param("Opposition fighters entered Rastan on Wednesday.\n\n"
                 "[Photo: Opposition fighters on a captured tank outside Hama, 5 December 2024. Anadolu]",
                 "2024-12-05", [R("Rastan", "Rebels", "contested")], [], id="caption-bracketed-photo-inline"),
    pytest.param("Map: areas under rebel control in Idlib and Aleppo. Source: ISW, Liveuamap",
                 "2024-12-03", [], [], id="caption-negative-map-and-source"),

    # --- paragraphs opening Meanwhile, Elsewhere, In the south -------------------------------------------------
    pytest.param("Rebels captured Hama on Thursday.\n"
                 "Meanwhile, the SDF took control of Deir ez-Zor after government forces withdrew.",
                 "2024-12-07", [R("Hama", "Rebels", "controlled"), R("Deir ez-Zor", "SDF", "controlled")], [],
                 id="paragraph-meanwhile-new-actor"),
    pytest.param("Rebels advanced on Homs.\n\nIn the south, local factions seized Daraa and the Nasib border crossing "
                 "with Jordan.",
                 "2024-12-07", [R("Homs", "Rebels", "contested"),
                                R("Daraa", "Southern Operations Room", "controlled"),
                                R("Nasib border crossing", "Southern Operations Room", "controlled")], [],
                 id="paragraph-in-the-south"),
    pytest.param("Rebels took Homs on Saturday.\n\nElsewhere, Israeli forces entered Quneitra, the Israeli army said.",
                 "2024-12-08", [R("Homs", "Rebels", "controlled"), R("Quneitra", "Israel", "contested")], [],
                 id="paragraph-elsewhere-with-attribution"),
    pytest.param("Rebels advanced toward Homs on Friday.\n\nMeanwhile, in Damascus, residents stocked up on bread "
                 "and fuel.",
                 "2024-12-07", [R("Homs", "Rebels", "contested")], [], id="paragraph-meanwhile-in-place-no-claim"),
    pytest.param("Rebels entered Hama on Thursday.\n\nIn the north, Turkish-backed factions captured Tel Rifaat from "
                 "Kurdish fighters.",
                 "2024-12-06", [R("Hama", "Rebels", "contested"), R("Tel Rifaat", "SNA", "controlled")], [],
                 id="paragraph-in-the-north-new-actor"),

    # --- corrections and editor's notes --------------------------------------------------------------------------
    pytest.param("Correction: An earlier version of this article said rebels had captured Homs. They had reached "
                 "its outskirts.",
                 "2024-12-07", [R("Homs", "Rebels", "contested")], [], id="correction-what-was-said-earlier-is-withdrawn",
                 marks=pytest.mark.xfail(strict=True, reason="proposes nothing: 'its outskirts' is not read as Homs's (tried: costs the test half a correct proposal)")),
    pytest.param("Editor's note: This story has been updated to reflect that the SDF, not the SNA, controls Manbij.",
                 "2024-12-09", [R("Manbij", "SDF", "controlled")], [], id="editors-note-x-not-y-controls"),
    pytest.param("Rebels captured Rastan on Wednesday.\n\nThis article was amended on 6 December 2024: an earlier "
                 "version named the town as Talbiseh.",
                 "2024-12-06", [R("Rastan", "Rebels", "controlled")], [], id="correction-negative-name-wrongly-given"),
    pytest.param("Update: This story has been updated with the Syrian army's denial that Hama has fallen.",
                 "2024-12-05", [R("Hama", "Syrian government", "controlled", denied=True)], [],
                 id="editors-note-denial-that-it-has-fallen"),

    # --- text pasted with odd line breaks, hyphenation, spaces and quotes ---------------------------------------
    pytest.param("Rebel fighters took control of the\ncity of Hama on Thursday after days\nof fighting.",
                 "2024-12-06", [R("Hama", "Rebels", "controlled", "2024-12-05")], [], id="paste-sentence-broken-across-lines"),
    pytest.param("Opposition forces have cap-\ntured Saraqib, the monitor said.",
                 "2024-11-30", [R("Saraqib", "Rebels", "controlled")], [], id="paste-verb-hyphenated-at-line-end"),
    pytest.param("Rebels captured the town of Khan Shei-\nkhoun on Friday.",
                 "2024-12-07", [R("Khan Sheikhoun", "Rebels", "controlled")], [], id="paste-place-hyphenated-at-line-end"),
    pytest.param("Rebels  captured  the  town  of  Rastan  on  Wednesday.",
                 "2024-12-05", [R("Rastan", "Rebels", "controlled")], [], id="paste-double-spaces"),
    pytest.param("Hay’at Tahrir al-Sham’s fighters captured Saraqib on Friday, the group’s media office said.",
                 "2024-11-30", [R("Saraqib", "HTS", "controlled")], [], id="paste-curly-apostrophes-in-names"),
    pytest.param("“We have entered Hama,” the rebels’ commander said on Thursday.",
                 "2024-12-05", [R("Hama", "Rebels", "contested")], [], id="paste-curly-quotes-speaker-possessive"),
    pytest.param("Rebels\u00a0captured\u00a0Khan\u00a0Sheikhoun on\u00a0Friday.",
                 "2024-12-07", [R("Khan Sheikhoun", "Rebels", "controlled", "2024-12-06")], [],
                 id="paste-non-breaking-spaces"),
    pytest.param("Rebels captured Maarat al-Nu\u00adman on Friday.",
                 "2024-12-01", [R("Maarat al-Numan", "Rebels", "controlled")], [], id="paste-soft-hyphen-in-name"),
    pytest.param("Government forces withdrew from\r\nDeraa on Saturday, and local factions took over the city.",
                 "2024-12-07", [R("Daraa", "Southern Operations Room", "controlled")], [],
                 id="paste-windows-line-break-mid-sentence"),
    pytest.param("Kurdish-led forces entered Deir\nez-Zor on Friday.",
                 "2024-12-07", [R("Deir ez-Zor", "SDF", "contested")], [], id="paste-place-broken-across-lines"),
    pytest.param("Rebels seized Hama – Syria’s fourth-largest city – on Thursday…",
                 "2024-12-06", [R("Hama", "Rebels", "controlled", "2024-12-05")], [],
                 id="paste-en-dashes-and-ellipsis"),
]


@pytest.mark.parametrize("text, published, expected, not_quoted", CASES)
def test_an_article_shape_gives_the_rows_an_editor_would_take(text, published, expected, not_quoted):
    rows = _proposals(text, published)
    dated = any(want[4] for want in expected)
    unmatched = [want for want in expected if not any(_matches(row, want) for row in rows)]
    extra = [_read(row, dated) for row in rows if not any(_matches(row, want) for want in expected)]
    assert (unmatched, extra) == ([], []), f"missed {unmatched}; not expected {extra}"
    assert [row["quote"] for row in rows if row["quote"] not in text] == []  # quoted as written, however read
    for line in not_quoted:
        assert not [row for row in rows if line.strip() in row["quote"]], f"a row was read from {line!r}"


# --- the rules kept for this family, each beside the case that asked for it -------------------------------------

def test_under_the_control_of_a_party_is_held_by_that_party():
    rows = _proposals("Hama remains under the control of the Syrian Arab Army.", "2024-12-04")
    assert [(r["place"], r["actor"], r["status"]) for r in rows] == [("Hama", "Syrian government", "controlled")]
    assert _proposals("The city is now under the control of rebels.", "2024-12-04") == []  # no place named before


def test_a_partys_denial_that_a_place_fell_is_its_denial():
    rows = _proposals("The army issued a denial that Hama had fallen.", "2024-12-04")
    assert [(r["place"], r["actor"], r["event"]) for r in rows] == [("Hama", "Syrian government", "denied")]


def test_fighting_a_party_in_or_on_the_edge_of_a_place_contests_it():
    rows = _proposals("Rebels are fighting the army around Hama.", "2024-12-04")
    assert [(r["place"], r["actor"], r["status"]) for r in rows] == [("Hama", "Rebels", "contested")]


def test_a_place_before_but_and_a_verb_is_not_that_verbs():
    rows = _proposals("The SDF holds Raqqa, but lost Tel Rifaat to the SNA.", "2024-12-04")
    assert [(r["place"], r["actor"]) for r in rows] == [("Raqqa", "SDF"), ("Tel Rifaat", "SNA")]


def test_what_an_earlier_version_of_the_article_said_is_no_claim():
    assert _proposals("Correction: An earlier version of this article said rebels had captured Homs.", "2024-12-07") == []
    rows = _proposals("This story previously stated that the SNA had captured Manbij. The SDF holds Manbij.", "2024-12-07")
    assert [(r["place"], r["actor"]) for r in rows] == [("Manbij", "SDF")]
