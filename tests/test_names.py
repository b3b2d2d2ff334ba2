"""dashboard.core.names: the one name normaliser (and its documented options) and the alias index."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.core.names import AliasIndex, normalise, words  # noqa: E402

from hostile import ALL as HOSTILE_STRINGS  # noqa: E402


def test_the_key_ignores_case_accents_apostrophes_spaces_and_hyphens():
    assert normalise("Tall Rif‘at") == normalise("tall rif'at") == normalise("TALL-RIFAT") == "tallrifat"
    assert normalise("Ma‘arrat an-Nu‘mān") == "maarratannuman"
    assert normalise("Ḩamāh") == "hamah"
    assert normalise("ʿAfrīn ′") == "afrin"  # ayn and prime marks
    assert normalise("  Deir  ez-Zor ") == "deirezzor"
    assert normalise("") == "" and normalise(None) == ""


def test_apostrophes_join_a_word_and_other_marks_end_it():
    for apostrophe in ("'", "’", "‘", "`", "ʿ", "ʾ", "ʼ", "′"):
        assert words(f"Ma{apostrophe}arrat") == ["maarrat"], apostrophe
    assert words("Deir ez-Zor (east)") == ["deir", "ez", "zor", "east"]
    assert normalise("Deir ez-Zor", spaces=True) == "deir ez zor"


def test_arabic_letters_are_kept():
    assert normalise("حلب") == "حلب"
    assert normalise("حلب") != normalise("إدلب")  # two places, two keys (not both "")
    assert normalise("دير الزور") == "ديرالزور"
    assert normalise("دير الزور", spaces=True) == "دير الزور"
    assert normalise("Kobani کۆبانی", spaces=True) == "kobani کۆبانی"


@pytest.mark.parametrize("name", ["al-Bab", "Al Bab", "AL-BAB", "el-Bab", "al  Bab", "Bab"])
def test_articles_option_drops_the_arabic_article(name):
    assert normalise(name, articles=True) == "bab"


def test_articles_are_kept_by_default_and_a_bare_article_stays():
    assert normalise("al-Bab") == "albab" != normalise("Bab")
    assert normalise("Al", articles=True) == "al"
    assert normalise("Tell ash-Sham", articles=True, spaces=True) == "tell sham"


def test_loose_option_is_the_geocoders_loose_tier():
    assert normalise("Tal Abyad", loose=True) == normalise("Tell al-Abyad", loose=True) == "talabyad"
    assert normalise("Maskanah", loose=True) == normalise("Maskana", loose=True)
    assert normalise("Maarrat", loose=True) == normalise("Maarat", loose=True)
    assert normalise("Ain al-Arab", loose=True) == normalise("Ayn Arab", loose=True) == "aynarab"


def test_spelling_option_keeps_accents_and_hyphens_but_not_case_or_possessives():
    assert normalise("Syria’s", spelling=True) == normalise("syria's", spelling=True) == "syria"
    assert normalise("Hay’et  Tahrir\nal-Sham", spelling=True) == "hay'et tahrir al-sham"
    assert normalise("Ḩamāh", spelling=True) == "ḩamāh" != normalise("Hamah", spelling=True)
    assert normalise("Al Bab", spelling=True) != normalise("al-Bab", spelling=True)


@pytest.mark.parametrize("hostile", [*HOSTILE_STRINGS, "\x00\u202e<b>", "\ufeff" * 3, "ﷺ" * 1000, 12, 3.5, b"x"])
def test_hostile_input_gives_a_plain_key(hostile):
    for options in ({}, {"spaces": True}, {"articles": True}, {"loose": True}, {"spelling": True}):
        key = normalise(hostile, **options)
        assert isinstance(key, str)
        if not options:
            assert all(c.isalnum() for c in key), (hostile, key)  # no markup, quote or control character survives


def test_alias_index_maps_names_and_aliases_to_the_name():
    rows = [{"name": "Aleppo", "aliases": "Halab; حلب"}, {"name": "al-Bab", "aliases": "Al Bab;الباب"},
            {"name": "Idlib", "aliases": "إدلب"}]
    index = AliasIndex(rows)
    assert index.get("HALAB") == index.get("حلب") == "Aleppo"
    assert index.get("إدلب") == "Idlib" and index.get("الباب") == "al-Bab"
    assert index.get("Al-Bab") == "al-Bab"
    assert index.get("Bab") is None and index.get("") is None and index.get("؟") is None


def test_alias_index_first_row_wins_unless_names_first():
    rows = [{"name": "Tell Abyad", "aliases": "Hama"}, {"name": "Hama", "aliases": ""}]
    assert AliasIndex(rows).get("hama") == "Tell Abyad"  # the first row listed wins a shared key
    assert AliasIndex(rows, names_first=True).get("hama") == "Hama"  # a name wins over another row's alias


def test_alias_index_leaves_out_rows_without_a_name_and_empty_keys():
    index = AliasIndex([{"name": "", "aliases": "Ghost"}, {"name": "X", "aliases": "'; ?? ;"}])
    assert index.get("Ghost") is None
    assert "" not in index and list(index.keys()) == ["x"]


def test_alias_index_with_another_key():
    index = AliasIndex([{"name": "Qamishli", "aliases": "Qamishli’s airport"}], key=lambda n: normalise(n, spaces=True))
    assert index.get("QAMISHLI'S AIRPORT") == "Qamishli"
    assert "qamishlis airport" in index and "qamishlisairport" not in index
