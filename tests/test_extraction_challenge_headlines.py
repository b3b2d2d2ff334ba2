"""Challenge set, family "headlines": the short, clipped forms a pasted article carries besides its prose (issue 20).

Behavioural tests in the manner of CheckList (Ribeiro et al. 2020), beyond the "formats" set (which has live blogs,
timelines, a headline over a body that repeats it, datelines, captions with "Photo:" and Reuters' credit line):
headlines in headline grammar (the present tense for the past, no articles, a colon after a country, a semicolon
between two clauses, scare quotes, "X says" at the end, "to" for the future, a question, a verb that takes nothing),
kickers and subheads ("LIVE:", "BREAKING:", "WATCH:"), photo captions, bullet summaries under "Key points:" or
"What we know:", numbered lists of villages, tickers and posts quoted in articles, tables pasted as text, and the
boilerplate around them (bylines, "Follow us", copyright, "Reporting by ... in Beirut; Editing by ...",
"Related Topics") that must propose nothing. Made up from how wire services, broadcasters and local outlets write,
NOT from the project's reports, and written before the assistant read any of them.

A headline is the article's claim like any sentence, dated by the publication day (its present tense is the recent
past), unless the body says the same (then the body's row, which the "formats" set checks). A caption, a credit,
a byline, a link list and a question propose nothing.

A row is compared on (place, actor, status, denial); ``date``/``end``/``precision`` and ``claimed`` (whether
``claimed_by`` is filled) only where a case gives them. A case with ``absent`` lists only what must and must not be
proposed; any other case is exact (``rows == []``: nothing may be proposed).

Calendar used: 2024-12-08 is a Sunday (the default publication day); 2024-12-05 a Thursday.
"""

from __future__ import annotations

import pytest

from challenge_rows import SG, D, R, case, check, day  # the harness shared with time and dates2

SOR = "Southern Operations Room"

CASES = [
    # ------------------------------------------------------------ headlines in headline grammar
    case("headline-alone-present-tense-is-the-publication-day", "Syria rebels seize Aleppo airport",
         [R("Aleppo International Airport", "Rebels", "controlled", **day("2024-12-01"))], published="2024-12-01"),
    case("headline-semicolon-two-clauses", "Rebels take Hama; army pulls back",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05"))], published="2024-12-05"),
    case("headline-country-colon-then-clause", "Syria: Insurgents enter Homs",
         [R("Homs", "Rebels", "contested")], published="2024-12-07"),
    case("headline-quit-as-moves-in", "Assad's forces quit Deir ez-Zor as SDF moves in",
         [R("Deir ez-Zor", "SDF", "contested")], published="2024-12-06",
         xfail="proposes nothing: 'quit' and 'moves in' are no verbs it knows"),
    case("headline-scare-quotes-monitor-says", "Rebels 'capture' Daraa, monitor says",
         [R("Daraa", "Rebels", "controlled", claimed=True)], published="2024-12-07"),
    case("headline-falls-to-in-blow-to", "Hama falls to rebels in major blow to Assad",
         [R("Hama", "Rebels", "controlled", **day("2024-12-05"))], published="2024-12-05"),
    case("headline-takes-control-army-says", "Israel takes control of Mount Hermon summit, army says",
         [R("Mount Hermon", "Israel", "controlled", claimed=True)], published="2024-12-08"),
    case("headline-loses-to", "Kurdish-led SDF loses Tel Rifaat to Turkish-backed fighters",
         [R("Tel Rifaat", "SNA", "controlled")], published="2024-12-02"),
    case("headline-retakes-state-media-says", "Syrian army retakes Kafr Zita, state media says",
         [R("Kafr Zita", SG, "controlled", claimed=True)], published="2024-12-03"),
    case("headline-grab-and-second-verb", "HTS-led rebels grab Saraqib, cut key highway",
         [R("Saraqib", "Rebels", "controlled")], published="2024-11-30"),
    # (review r6: "grab" seizes only a name: its idioms take nothing)
    case("grab-an-idiom-takes-nothing", "Rebels grabbed the initiative in Hama on Thursday.\n\n"
         "Rebels grab headlines as the army regroups near Hama.", [], published="2024-12-06"),
    case("headline-denies-has-fallen", "Army denies Hama has fallen",
         [D("Hama", SG)], published="2024-12-05"),
    case("headline-over-a-body-that-says-the-city", "Rebels take Hama; army pulls back\n\n"
         "The army said on Thursday it had redeployed its troops outside the city to preserve civilian lives.",
         [R("Hama", "Rebels", "controlled")], published="2024-12-05"),
    case("headline-standfirst-push-towards", "Rebels take Hama\n"
         "Fall of central city deals blow to Assad as insurgents push south towards Homs",
         [R("Hama", "Rebels", "controlled"), R("Homs", "Rebels", "contested")], published="2024-12-05",
         xfail="the standfirst (a second line without a full stop or a bullet) is read as a sub-heading: Homs missed"),
    case("headline-negative-a-question", "Is Homs next?", [], published="2024-12-06"),
    case("headline-negative-eye-is-no-taking", "Rebels eye Damascus after lightning advance", [],
         published="2024-12-07"),
    case("headline-negative-to-is-a-future", "Rebels to enter Damascus 'within hours', commander says", [],
         published="2024-12-07"),
    case("headline-negative-set-to", "Rebels set to storm Homs as army digs in", [], published="2024-12-06"),
    case("headline-negative-vows", "SDF vows to defend Manbij", [], published="2024-12-09"),
    # ------------------------------------------------------------ kickers and subheads
    case("kicker-live-colon", "LIVE: Rebels enter Damascus, Assad's whereabouts unknown",
         [R("Damascus", "Rebels", "contested", **day("2024-12-08"))]),
    case("kicker-breaking-caps", "BREAKING: HTS enters Damascus", [R("Damascus", "HTS", "contested")]),
    case("kicker-just-in-with-source-after-dash", "JUST IN: Israeli forces enter Quneitra — Israeli army",
         [R("Quneitra", "Israel", "contested")], published="2024-12-09"),
    case("kicker-negative-watch", "WATCH: Rebels celebrate in Aleppo's Saadallah al-Jabiri Square", [],
         published="2024-12-01"),
    case("kicker-negative-breaking-reports-of-explosions", "BREAKING: Reports of explosions in Damascus", []),
    case("subhead-names-the-place-body-says-the-city", "Rebels captured Hama on Thursday.\n\nThe fall of Daraa\n\n"
         "Local factions took control of the city on Friday after government troops withdrew.",
         [R("Hama", "Rebels", "controlled"), R("Daraa", SOR, "controlled")], published="2024-12-07",
         xfail="a sub-heading is not read: 'the city' is Hama, the last place of the prose, and Hama is proposed for the southern factions"),
    # ------------------------------------------------------------ photo captions
    case("caption-negative-dated-with-agency", "Rebel fighters stand in Hama's main square on Dec. 6, 2024. (AFP)",
         [], published="2024-12-07"),
    case("caption-negative-file-photo-of", "A file photo of Aleppo citadel", [], published="2024-12-01"),
    case("caption-after-body-names-another-place", "Rebels entered Homs on Saturday, residents said.\n"
         "Syrians celebrate in Damascus's Umayyad Square on December 8, 2024. (Reuters/Amr Abdallah Dalsh)",
         [R("Homs", "Rebels", "contested")]),
    case("caption-negative-pipe-credit", "SDF fighters stand guard at a checkpoint in Raqqa | Delil Souleiman/AFP",
         [], published="2024-12-09"),
    # ------------------------------------------------------------ bullets and key points
    case("key-points-dash-past-tense-no-full-stop", "Key points:\n- Rebels captured Homs overnight\n"
         "- Government forces withdrew from Daraa\n- The UN called for calm",
         [R("Homs", "Rebels", "controlled")]),
    case("what-we-know-perfect-tense", "What we know:\n- HTS fighters have entered Damascus\n"
         "- Assad's whereabouts are unknown\n- Israel has moved troops into the buffer zone",
         [R("Damascus", "HTS", "contested"), R("Golan buffer zone", "Israel", "contested")], published="2024-12-09"),
    case("bullets-in-headline-grammar", "At a glance\n• Rebels take Hama after army retreat\n"
         "• Russian jets strike Idlib\n• Turkey says it is not involved",
         [R("Hama", "Rebels", "controlled")], published="2024-12-06"),
    case("bullets-negative-what-next-modals", "What happens next?\n- Rebels could push on to Homs\n"
         "- The army may try to retake Hama", [], published="2024-12-06"),
    case("numbered-list-of-villages-under-its-verb", "Rebels said they had taken the following villages:\n"
         "1. Kafr Zita\n2. Halfaya\n3. Taybat al-Imam",
         [R("Kafr Zita", "Rebels", "controlled"), R("Halfaya", "Rebels", "controlled"),
          R("Taybat al-Imam", "Rebels", "controlled")], published="2024-12-04",
         xfail="proposes nothing: the numbered lines are not read as the list of the verb's line"),
    case("numbered-list-each-with-its-date", "Towns captured by the SNA:\n1) Tel Rifaat (Dec. 1)\n2) Manbij (Dec. 9)",
         [R("Tel Rifaat", "SNA", "controlled", **day("2024-12-01")),
          R("Manbij", "SNA", "controlled", **day("2024-12-09"))], published="2024-12-12",
         xfail="proposes nothing: a heading and numbered lines without a full stop are not read"),
    # ------------------------------------------------------------ tickers and posts quoted in articles
    case("post-on-x-quoted-after-wrote", "In a post on X, the Israeli army wrote: \"IDF troops have taken control of "
         "the Syrian side of Mount Hermon.\"",
         [R("Mount Hermon", "Israel", "controlled", claimed=True)]),
    case("tweet-embed-with-handle-line", "Opposition factions have taken full control of Daraa city after the "
         "withdrawal of regime forces.\n— Syrian Observatory for Human Rights (@syriahr) December 7, 2024",
         [R("Daraa", "Rebels", "controlled")]),
    case("tweet-negative-hashtags-and-link", "#Syria #Aleppo #Hama pic.twitter.com/x7Rk2qLm", [],
         published="2024-12-05"),
    # ------------------------------------------------------------ tables pasted as text
    case("table-pipes-place-taker-date", "City | Captured by | Date\nAleppo | rebels | 30 Nov\n"
         "Hama | rebels | 5 Dec\nHoms | rebels | 7 Dec",
         [R("Aleppo", "Rebels", "controlled", **day("2024-11-30")), R("Hama", "Rebels", "controlled", **day("2024-12-05")),
          R("Homs", "Rebels", "controlled", **day("2024-12-07"))], published="2024-12-10"),
    case("table-tabs-place-controller", "Town\tControlled by\nManbij\tSNA\nKobani\tSDF",
         [R("Manbij", "SNA", "controlled"), R("Kobani", "SDF", "controlled")], published="2024-12-12"),
    case("table-negative-population", "City | Population (2011)\nAleppo | 2,100,000\nHoms | 650,000", [],
         published="2024-12-10"),
    # ------------------------------------------------------------ boilerplate
    case("byline-negative-names-and-date", "By Suleiman Al-Khalidi and Timour Azhari\nDecember 8, 2024", []),
    case("reporting-by-in-a-place-is-no-event", "Rebels took full control of Homs on Saturday, a war monitor said.\n"
         "Reporting by Kinda Makieh in Damascus and Maya Gebeily in Beirut; Editing by Alex Richardson",
         [R("Homs", "Rebels", "controlled")]),
    case("follow-us-and-copyright", "Rebels entered Hama on Thursday.\n"
         "Follow us on X for the latest from Aleppo and Damascus\n© 2024 Reuters. All rights reserved.",
         [R("Hama", "Rebels", "contested")], published="2024-12-06"),
    case("additional-reporting-by-in-a-place", "The SDF took control of Deir ez-Zor on Friday.\n\n"
         "Additional reporting by Ghaith Alsayed in Idlib and Omar Albam in Aleppo.",
         [R("Deir ez-Zor", "SDF", "controlled")], published="2024-12-07"),
    case("related-topics-negative", "Related Topics\nSyrian civil war\nHama\nDamascus", []),
]


@pytest.mark.parametrize("text, published, rows, absent", CASES)
def test_a_clipped_form_gives_the_rows_an_editor_would_take(text, published, rows, absent):
    check(text, published, rows, absent)
