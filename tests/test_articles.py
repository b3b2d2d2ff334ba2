"""dashboard.ingest.articles: reading an uploaded article, its source, a quote in its sentence."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.ingest import articles  # noqa: E402


def test_html_upload_keeps_the_article_text_only():
    page = (b"<html><body><nav>Home | World</nav><article><h1>Rebels take Saraqib</h1>"
            b"<p>Rebels captured Saraqib on Friday, the group said, after two days of fighting around the town "
            b"and its crossroads.</p><script>alert('x')</script>"
            b"<p>Residents said &lt;img src=x onerror=alert(1)&gt; was written on a wall near the market square.</p>"
            b"</article><footer>Copyright 2024</footer></body></html>")
    text = articles.article_text("report.html", page)
    assert "Rebels captured Saraqib on Friday" in text
    assert "alert('x')" not in text and "Home | World" not in text
    assert "<img src=x onerror=alert(1)>" in text  # escaped markup becomes plain text, kept as text


def test_txt_upload_must_be_utf8_and_says_where():
    assert articles.article_text("a.txt", "Hama fell.\r\nAleppo too.".encode()) == "Hama fell.\nAleppo too."
    with pytest.raises(articles.ArticleError, match=r"a\.txt:2: not UTF-8"):
        articles.article_text("a.txt", b"line one\nline \xff two")
    with pytest.raises(articles.ArticleError, match="only .txt and .html"):
        articles.article_text("a.pdf", b"%PDF")
    with pytest.raises(articles.ArticleError, match="larger than"):
        articles.article_text("a.txt", b"x" * (articles.MAX_UPLOAD_BYTES + 1))


def test_source_problems():
    assert articles.source_problems("https://example.org/a", "Reuters", "2024-12-01") == []
    probs = articles.source_problems("javascript:alert(1)", " ", None)
    assert len(probs) == 3 and probs[0].startswith("Link")


def test_sentence_around():
    text = "First one. Rebels said they captured Hama on Thursday after fighting. Next one."
    assert articles.sentence_around(text, "captured Hama on Thursday") == (
        "Rebels said they ", "captured Hama on Thursday", " after fighting.")
    assert articles.sentence_around(text, "not there") == ("", "not there", "")
    # a whole sentence as the quote: the next sentence is not shown as part of it
    assert articles.sentence_around(text, "First one.") == ("", "First one.", "")
