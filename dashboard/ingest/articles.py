"""A report's text from an upload, its source checked, and a quote shown inside its sentence.

Pure functions (no streamlit) behind the "Add a report" page (dashboard/ui/add_report_page.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.core import validation

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ArticleError(ValueError):
    """The upload or the form cannot be used; the message says why."""


def article_text(name: str, content: bytes) -> str:
    """The article's text from an uploaded .txt or .html file.

    HTML is reduced to the article's own text by trafilatura (navigation,
    scripts and boilerplate left out); the result is plain text, never markup."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ArticleError(f"{name}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    suffix = Path(name).suffix.lower()
    if suffix not in (".txt", ".html", ".htm"):
        raise ArticleError(f"{name}: only .txt and .html files can be read")
    if suffix == ".txt":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[:exc.start].count(b"\n") + 1
            raise ArticleError(f"{name}:{line}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    else:
        import trafilatura  # imported here: only this path needs it

        text = trafilatura.extract(content, include_comments=False, include_tables=False,
                                   include_images=False, include_links=False, deduplicate=True) or ""
        if not text.strip():
            raise ArticleError(f"{name}: no article text found in this HTML page; paste the text instead")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty")
    return text


def source_problems(url: str, publisher: str, published) -> list[str]:
    """What is wrong with the report's link, publisher and date (empty when fine)."""
    out = []
    if not validation.valid_url(url.strip()):
        out.append("Link: give the report's http(s) address")
    if not publisher.strip():
        out.append("Publisher: name who published the report")
    if not published:
        out.append("Date: give the report's publication date")
    return out


def sentence_around(text: str, quote: str, width: int = 300) -> tuple[str, str, str]:
    """(before, quote, after): the quote inside its sentence, for review.

    ``before`` and ``after`` run to the sentence's edges (a line break or
    sentence-final punctuation), at most ``width`` characters each."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return "", quote, ""
    start = max(text.rfind("\n", 0, at) + 1, at - width)
    head = text[start:at]
    m = list(re.finditer(r"[.!?][\"”’)]*\s+", head))
    if m:
        head = head[m[-1].end():]
    end = text.find("\n", at + len(quote))
    end = min(end if end >= 0 else len(text), at + len(quote) + width)
    tail = text[at + len(quote):end]
    if re.search(r"[.!?][\"”’)]*\s*$", quote):
        tail = ""  # the quote is a whole sentence: nothing of the next one belongs with it
    elif m2 := re.search(r"[.!?][\"”’)]*(?=\s|$)", tail):
        tail = tail[:m2.end()]
    return head, quote, tail
