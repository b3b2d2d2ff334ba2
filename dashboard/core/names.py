"""Names compared as one: the normaliser every matcher of a place or actor name uses, and the alias index.

``normalise(name)`` is the comparison key: "Tall Rif‘at", "tall rif'at" and "TALL-RIFAT" are
all "tallrifat". It is what the geocoder (and its cache), the app's place and actor boxes and
the ACLED import compare. Matchers that compare differently on purpose say so with an option,
each documented below, instead of a normaliser of their own:

* ``spaces=True``: one space between words ("tall rifat") instead of none, for a matcher that
  then looks at words (the evaluation drops a generic last word: "Daraa province" -> Daraa);
* ``articles=True``: the Arabic article dropped ("al-Bab", "Al Bab", "el Bab" -> "bab"), unless
  the name is nothing else ("Al" stays "al");
* ``loose=True``: the geocoder's loose tier: articles dropped, a few spelling variants made one
  (Tal/Tel/Tell -> tall, Deir/Der -> dayr, Ain/Ein -> ayn, Jebel -> jabal, Khirbet -> khirbat),
  a final "h" after a vowel dropped (Maskanah/Maskana) and doubled letters made single
  (Maarrat/Maarat);
* ``spelling=True``: the article matcher's key (dashboard/ingest/extraction.py), which finds names
  in an article by their literal spellings and maps a found span back to its row: only case,
  runs of white space and the apostrophe's form (’ ‘ ') are ignored and a trailing possessive
  ("Syria’s") dropped; accents, hyphens and other marks count, since close spellings are scored
  on this key.

The article matcher's sound key (metaphone of each word, dashboard/ingest/extraction.py) says
how a name sounds, not how it is spelt, and keeps its own reading of the words.

``AliasIndex`` maps the key of every name and alias of a table's rows (``data.names_of``) to
the row's name: the first row listed wins a shared key, or, with ``names_first``, a row's own
name wins over another row's alias.

Every input is hostile: anything (None, numbers, markup, control characters) gives a string,
and nothing is evaluated.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Mapping

# apostrophes, ayn and hamza marks: dropped inside a word ("Ma'arrat" is one word)
_MARKS = str.maketrans("", "", "'`\u2019\u2018\u02bf\u02be\u2032\u02bc\u00b4")
_NOT_A_LETTER = re.compile(r"[^0-9a-z\u0600-\u06ff\u0400-\u04ff]+")  # Latin, Arabic and Cyrillic letters, digits
ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "ash", "at", "az", "adh", "ath"})
VARIANTS = {  # spelling variant -> canonical word (keep small)
    "tal": "tall", "tel": "tall", "tell": "tall",
    "deir": "dayr", "der": "dayr", "dair": "dayr", "deyr": "dayr",
    "ain": "ayn", "ein": "ayn", "ayn": "ayn",
    "jebel": "jabal", "jabel": "jabal", "jebal": "jabal",
    "khirbet": "khirbat", "kherbet": "khirbat",
}
_APOSTROPHE = "['’‘]"


def words(name) -> list[str]:
    """The words of a name as compared: accents stripped (NFKD, combining marks dropped), apostrophe,
    ayn and hamza marks dropped, lower case; any other character ends a word. Latin, Arabic and
    Cyrillic letters and digits are kept: "حلب" is Aleppo's alias, not an empty name."""
    s = unicodedata.normalize("NFKD", name if isinstance(name, str) else str(name or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().translate(_MARKS)
    return [w for w in _NOT_A_LETTER.split(s) if w]


def without_articles(ws: list[str]) -> list[str]:
    """The words without Arabic articles, unless nothing else is left."""
    return [w for w in ws if w not in ARTICLES] or ws


def _loose(ws: list[str]) -> str:
    ws = [VARIANTS.get(w, w) for w in without_articles(ws)]
    ws = [w[:-1] if len(w) > 3 and w[-1] == "h" and w[-2] in "aeiou" else w for w in ws]
    return re.sub(r"(.)\1+", r"\1", "".join(ws))


def _spelling(name) -> str:
    s = re.sub(rf"{_APOSTROPHE}s?$", "", (name if isinstance(name, str) else str(name or "")).strip())
    return re.sub(r"\s+", " ", re.sub(_APOSTROPHE, "'", s)).casefold()


def normalise(name, *, spaces: bool = False, articles: bool = False, loose: bool = False,
              spelling: bool = False) -> str:
    """The comparison key of a name (see the module docstring for the options):
    "Ma‘arrat an-Nu‘mān" -> "maarratannuman"; "" for None or a name with no letter or digit."""
    if spelling:
        return _spelling(name)
    ws = words(name)
    if loose:
        return _loose(ws)
    if articles:
        ws = without_articles(ws)
    return (" " if spaces else "").join(ws)


class AliasIndex:
    """Every name and alias of a table's rows (``data.names_of``), by its key (``key``, by default
    :func:`normalise`), to the row's name. The first row listed wins a key two rows share; with
    ``names_first`` a row's name wins over another row's alias. Empty keys are left out (a name
    with no letter matches nothing), as are rows without a name."""

    def __init__(self, rows: Iterable[Mapping], key: Callable[[str], str] = normalise, *, names_first: bool = False):
        from dashboard.core.data import names_of

        self.key = key
        self.names: dict[str, str] = {}
        rows = [r for r in rows if str(r.get("name", "") or "").strip()]
        if names_first:
            for r in rows:
                self._add(r, names_of(r)[:1])
        for r in rows:
            self._add(r, names_of(r))

    def _add(self, row: Mapping, spellings: list[str]) -> None:
        for n in spellings:
            k = self.key(n)
            if k:
                self.names.setdefault(k, row["name"])

    def get(self, name) -> str | None:
        """The name of the row ``name`` is a name or alias of (None: none)."""
        return self.names.get(self.key(name))

    def __contains__(self, key: str) -> bool:
        return key in self.names

    def __getitem__(self, key: str) -> str:
        return self.names[key]

    def keys(self):
        return self.names.keys()
