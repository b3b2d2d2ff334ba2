"""An article's sentences with their offsets, and which lines are not prose.

Sentences come from pysbd, which knows abbreviations ("Dec. 8", "U.S.", "Gen."),
run on each line (a line is a paragraph), so ``text[start:end]`` is always the
verbatim sentence. Headlines, captions, credits and sub-headings are lines that do
not read as reported prose; they are marked so that nothing is proposed from them:

* the first line of the text when it is one sentence without final punctuation;
* any line that ends without ".", "!", "?", "…" or a closing quote and is short
  (at most 16 words): sub-headings, bullets ("- Operation Freedom Dawn"), credits;
  unless, not being the first line, it has a perfect tense ("The SNA has also attacked
  the dam"): headlines drop "has" and "had" ("Rebels seize Aleppo"), a paragraph that
  lost its full stop keeps them;
* of those, the first line and a bullet ("- Rebels captured Homs overnight") that are no caption, credit or link
  are marked ``headline``: extraction reads them in headline grammar ("Rebels seize Aleppo airport") and keeps a
  claim the prose does not make; a sub-heading in the middle of the text is a label, not read;
* a bullet's mark ("-HTS’ rule ...") is left out of its sentence, so that the first word reads;
* lines that one sentence runs across (pasted with hard breaks: a line ending on a word cut by a
  hyphen or on "the", "of", "from"..., or followed by a line going on in lower case) are one
  paragraph, their line breaks kept in the sentence (extraction reads them as spaces);
* a dateline ("DAMASCUS, Dec 8 (Reuters) - ") is left out of its sentence;
* the lines under "Read more:", "Related", "More on this story" (up to a blank line) are links' titles;
* caption and credit lines: "Photo:", "Image:", "Picture:", "Credit:", "Source:",
  "File photo", "(AFP)", "Getty Images", "Reuters" alone on a line, and sentences
  that begin so inside a paragraph ("... government. Photograph: M. Kadour/Getty").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

_END = re.compile(r"[.!?…][\"”’')\]]*\s*$|[\"”’]\s*$")  # "…": a sentence trailing off
_CAPTION = re.compile(
    r"^\s*(?:[-–—•*]\s*)?(?:photo|photograph|image|picture|video|credit|source|file photo|caption|watch|read more|related|"
    r"advertisement|getty images|afp|reuters|ap|anadolu)\s*[:|/–-]"
    r"|^\s*(?:image|media|video) (?:caption|source)\s*,", re.I)  # the BBC's "Image caption, Fighters celebrate ..."
# a credit line: up to four capitalised words, "/" between credits ("AP / Reuters"); each word
# ends at a space or the end, so a long token cannot make the pattern backtrack for ever
_WORDS = r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}"
_CREDIT = re.compile(rf"^\s*\(?{_WORDS}(?:\s*/\s*{_WORDS})*\)?\s*$")
# a heading over links to other stories ("Read more:", "Related", "More on this story"): the lines below it, up
# to a blank line, are their titles ("Who are HTS, the group that took Aleppo?"), not this article's prose
_LINKS = re.compile(r"\s*(?:read more|related(?: stories| articles| coverage)?|more on this story|more on this|see also|"
                    r"also read|read also|further reading|recommended|more from [\w ]{1,30})\s*:?\s*$", re.I)
# a bullet's mark before its first word ("-HTS’ rule ...", "• Rebels ..."); not a number's minus sign
_BULLET = re.compile(r"[-–—•*]+\s*(?=[^\W\d])")
# a dateline opening an article's first paragraph: "DAMASCUS, Dec 8 (Reuters) - ", "HOMS, Syria, Dec. 8 (AP) — ",
# "BEIRUT (AFP) - ": the place in capitals and a country, a date or an agency after it. Where the story was
# filed, not a word of the sentence (extraction takes its place for "the city")
DATELINE = re.compile(r"[A-Z][A-Z’'.-]{2,}(?: [A-Z][A-Z’'.-]+){0,3}"
                      r"(?=,|\s\()(?:, [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})?"
                      r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:, \d{4})?)?"
                      r"(?:\s{1,3}\([A-Z][\w ]{1,30}\))?\s{1,3}[-–—]{1,2}\s{1,3}")
# a perfect tense ("has also attacked", "had taken", "have been pushed back"): reported prose, not headlinese
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:(?:also|now|already|since|just|not|never|\w+ly)\s+)?(?:been\s+)?"
                      r"(?:\w{2,}(?:ed|en|wn)|won|lost|held|left|fought|seen|sent|set|put|met|struck|hit)\b")


# an editor's note in square brackets after the sentence's full stop ("... of Khanasser (Aleppo). [size=no report]",
# a footnote mark "[1]"): the line ends where the sentence did (its last 200 characters are read)
_NOTE_AFTER = re.compile(r"(?:\s*\[[^\[\]\n]{0,60}\])+\s*$")
# a log or timeline entry opening with its date and a colon or dash ("Dec 6: rebels took Rastan, Talbiseh",
# "6 December - ..."): a note of what happened that day, written without a full stop, not a headline
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_LOG_ENTRY = re.compile(rf"(?:{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH})(?:,? \d{{4}})?\s{{0,2}}[:–—-]\s")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    prose: bool  # False for headlines, captions, credits and sub-headings
    # the first line or a bullet, not prose and no caption, credit or link: a headline, kicker, ticker or a summary's
    # bullet ("Rebels seize Aleppo airport", "BREAKING: HTS enters Damascus", "- Rebels captured Homs overnight")
    headline: bool = False


@lru_cache(maxsize=1)
def _segmenter():
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def is_prose_line(line: str, first: bool, n_sentences: int = 1, alone: bool = False) -> bool:
    """Whether a line reads as reported prose rather than a headline or caption (``alone``: the text's only line,
    a note pasted on its own, where a perfect tense is prose as on any line after the first)."""
    s = line.strip()
    if not s or _CAPTION.match(s) or _CREDIT.fullmatch(s):
        return False
    if _END.search(_NOTE_AFTER.sub("", s[-200:])) or ((not first or alone) and _PERFECT.search(s)) \
            or _LOG_ENTRY.match(s) or re.search(r":\s+1[ \t]?[-.)][ \t]+[^\W\d_]", s):  # a numbered list under it
        return True
    return len(s.split()) > 16 and not (first and n_sentences == 1)


# a caption's credit at its end: "... on Dec. 6, 2024. (AFP)", "(Omar Haj Kadour/AFP via Getty Images)",
# "... in Raqqa | Delil Souleiman/AFP"
_CREDIT_END = re.compile(r"(?:\(\s*[A-Z][^()]{0,80}\)|\|[^|]{0,60}/[^|]{0,60})\s*$")


def is_headline_line(line: str) -> bool:
    """Whether a line that is not prose reads as a headline, kicker, subhead, bullet or ticker (which may make a
    claim in headline grammar) rather than a caption, a credit or a link."""
    s = line.strip()
    return bool(s) and not (_CAPTION.match(s) or _CREDIT.fullmatch(s) or _CREDIT_END.search(s) or _LINKS.match(s))


# pysbd's time grows with the square of what it is given: a line longer than this (no real paragraph is; a pasted
# text with no line breaks is) is given to it in pieces cut after a sentence's end where there is one
_MAX_SEGMENTED = 10_000


def _pieces(line: str):
    """(start, end) of the pieces of ``line`` pysbd reads one at a time: at most _MAX_SEGMENTED characters, cut
    after ". ", "? " or "! " in the piece's second half, else after its last space, else at the limit."""
    start = 0
    while len(line) - start > _MAX_SEGMENTED:
        window = line[start:start + _MAX_SEGMENTED]
        stop = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        space = window.rfind(" ")
        cut = stop + 2 if stop >= _MAX_SEGMENTED // 2 else space + 1 if space >= _MAX_SEGMENTED // 2 else _MAX_SEGMENTED
        yield start, start + cut
        start += cut
    yield start, len(line)


def _spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each stripped sentence of a line, read piece by piece (:func:`_pieces`)."""
    return [(a + s, a + e) for a, b in _pieces(line) for s, e in _piece_spans(line[a:b])]


def _piece_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each stripped sentence of a piece of a line. pysbd's segments are found
    in order in the piece (its own offsets can slip when a sentence repeats), and a
    segment that is not found verbatim ends the splitting: the rest is one sentence."""
    out, cursor = [], 0
    for seg in _segmenter().segment(line):
        body = (seg.sent if hasattr(seg, "sent") else str(seg)).strip()
        if not body:
            continue
        at = line.find(body, cursor)
        if at < 0:
            break
        out.append((at, at + len(body)))
        cursor = at + len(body)
    rest = line[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        out.append((cursor + lead, cursor + lead + len(rest.strip())))
    return out


# a line that stops mid-sentence (text pasted with hard line breaks): it ends on a word cut by a hyphen or on a
# word no sentence ends on, or the next line goes on with a lower-case word
_CUT_END = re.compile(r"(?:[^\W\d_]-|\b(?:the|a|an|of|from|to|in|on|at|by|for|with|and|or|into|near|towards?)\b)[ \t\r]*$")
# a numbered item of a list under a line ending in a colon ("... took control of the following areas:\n1- Kafr Zita\n
# 2- Halfaya", as the Syrian Observatory writes): the items are the sentence's list, one paragraph with it
_NUMBERED_ITEM = re.compile(r"[ \t]*\d{1,2}[ \t]?[-.)][ \t]+[^\W\d_]")
# lines are joined into one paragraph up to this many characters: a sentence longer than extraction reads
# (MAX_SENTENCE_CHARS, 2,000) gains nothing from more, and pysbd's time grows with the square of a paragraph's
# length (5 MB of hard-wrapped lines joined into one paragraph took hours; line by line, seconds)
_MAX_JOINED = 4_000


def _paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(line number, offset, text) of each paragraph: a line, or lines that one sentence runs across
    ("took control of the\ncity of Hama"), joined with their line breaks kept (offsets stay the text's)."""
    out, pos, last, size = [], 0, "", 0  # (line number, offset, its lines); the line before; the paragraph's length
    for number, line in enumerate(text.split("\n")):
        if (out and last.strip() and line.strip() and not _END.search(last.strip()) and not _CAPTION.match(out[-1][2][0])
                and size + len(line) < _MAX_JOINED and (_CUT_END.search(last) or line.lstrip()[:1].islower()
                                                        or _NUMBERED_ITEM.match(line) and (last.rstrip().endswith(":")
                                                                                           or _NUMBERED_ITEM.match(last)))):
            out[-1][2].append(line)
            size += len(line) + 1
        else:
            out.append((number, pos, [line]))
            size = len(line)
        pos, last = pos + len(line) + 1, line
    return [(number, at, "\n".join(lines)) for number, at, lines in out]


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; ``text[s.start:s.end]`` is verbatim."""
    out: list[Sentence] = []
    first, links = True, False
    alone = sum(1 for line in text.split("\n") if line.strip()) == 1  # a note pasted on its own
    for para, pos, verbatim in _paragraphs(text):
        line = verbatim.replace("\r", " ").replace("\n", " ")  # (the same length: offsets are the text's)
        links = links and bool(line.strip())  # a blank line ends a list of links
        if line.strip():
            spans = _spans(line)
            prose = is_prose_line(line, first, len(spans), alone) and not links
            # a headline, or a bullet of a summary ("- Rebels captured Homs overnight"); a subhead is a label
            headline = not prose and not links and is_headline_line(line) and (first or bool(_BULLET.match(line.lstrip())))
            links = links or bool(_LINKS.match(line))
            first = False
            for start, end in spans:
                if bullet := _BULLET.match(line[start:end]):
                    start += bullet.end()  # "-HTS’ rule in Aleppo ...": the sentence, not its bullet mark
                elif start == 0 and (filed := DATELINE.match(line, 0, end)):
                    start = filed.end()  # "DAMASCUS, Dec 8 (Reuters) - Rebels ...": the sentence, not its dateline
                body = line[start:end]
                out.append(Sentence(pos + start, pos + end, para, prose and not _CAPTION.match(body),
                                    headline and not _CAPTION.match(body)))
    return out
