"""Adding a report from the app: who may edit, the article's text, the review.

Pure functions (no streamlit) behind the "Add a report" page
(dashboard/ui/add_report_page.py): the page reads secrets and the request and
passes plain values in.

Who may edit (``[editing]`` in ``.streamlit/secrets.toml``, or the
``DASHBOARD_EDITING`` environment variable for ``mode``):

* ``mode = "local"`` (the default): only someone at the machine that runs the
  app, i.e. a browser on this machine talking to the server directly (the TCP
  peer and the Host header are both loopback, and no proxy header is present),
  and never on Streamlit Community Cloud. A laptop's ``streamlit run`` can add reports; a reader of a published
  app cannot.
* ``mode = "editors"``: signed-in editors only. With an identity provider set up
  (an ``[auth]`` section, see Streamlit's ``st.login``) the e-mail must be in
  ``editors``; without one, ``password`` (kept in secrets, never in the
  repository) unlocks editing for the session.
* ``mode = "off"``: nobody; the page is not offered.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from dashboard.ingest import accepting
from dashboard.core import files, schema, validation
from dashboard.core import spreadsheet
from dashboard.ingest.extraction import REVIEW_COLUMNS

MODES = ("local", "editors", "off")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
CLOUD_ROOT = "/mount/src/"  # where Community Cloud checks out an app's repository


@dataclass(frozen=True)
class Policy:
    mode: str = "local"
    editors: tuple[str, ...] = ()
    password: str = ""
    problem: str = ""  # a misconfiguration, shown to the operator (and editing is off)


@dataclass(frozen=True)
class Access:
    offered: bool  # the page appears in the navigation
    allowed: bool  # the write path may run now
    needs: str = ""  # "login" or "password" when offered but not yet allowed
    reason: str = ""  # said on the page


def read_policy(secrets: Mapping | None, environ: Mapping | None = None) -> Policy:
    """The editing policy from ``secrets["editing"]`` and ``DASHBOARD_EDITING``."""
    environ = os.environ if environ is None else environ
    section = {}
    try:
        section = dict((secrets or {}).get("editing", {}) or {})
    except (AttributeError, TypeError, ValueError):
        return Policy(mode="off", problem="[editing] in the secrets is not a table")
    mode = str(environ.get("DASHBOARD_EDITING") or section.get("mode") or "local").strip().lower()
    if mode not in MODES:
        return Policy(mode="off", problem=f"editing mode {mode!r} is not one of {', '.join(MODES)}")
    editors = section.get("editors", ())
    if isinstance(editors, str):
        editors = [editors]
    try:
        editors = tuple(sorted({str(e).strip().lower() for e in editors if str(e).strip()}))
    except TypeError:
        return Policy(mode="off", problem="[editing] editors must be a list of e-mail addresses")
    return Policy(mode=mode, editors=editors, password=str(section.get("password") or ""))


def _loopback(value: str | None) -> bool:
    if not value:
        return False
    host = value.strip().lower()
    if host.startswith("["):  # [::1]:8501
        host = host[1:host.find("]")] if "]" in host else host
    elif host.count(":") == 1:  # localhost:8501
        host = host.split(":")[0]
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    # a server listening on "::" sees an IPv4 peer as ::ffff:127.0.0.1, which Python 3.12's
    # is_loopback does not call loopback (3.13 does): look at the IPv4 address inside
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def on_community_cloud(app_root: str | os.PathLike) -> bool:
    return str(Path(app_root).resolve()).startswith(CLOUD_ROOT)


PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto")


def proxied(headers) -> bool:
    """Whether a request came through a proxy (which makes a loopback peer meaningless)."""
    return any(str(k).lower() in PROXY_HEADERS for k in (headers or {}))


def decide(policy: Policy, *, peer: str | None, host: str | None, cloud: bool, auth_configured: bool,
           logged_in: bool = False, email: str = "", email_verified: bool | None = None,
           password_ok: bool = False, forwarded: bool = False) -> Access:
    """Whether the page is offered and whether writing is allowed now.

    ``peer`` is the connection's TCP peer address (None when unknown, e.g. in a
    test harness with no browser); ``host`` the request's Host header;
    ``forwarded`` whether the request carries a proxy's headers (a tunnel or a
    reverse proxy on this machine would otherwise look local)."""
    if policy.problem:
        return Access(False, False, reason=f"Editing is off: {policy.problem}.")
    if policy.mode == "off":
        return Access(False, False, reason="Editing is off for this app.")
    if policy.mode == "local":
        local = (not cloud and not forwarded and (peer is None or _loopback(peer))
                 and (host is None or _loopback(host)))
        if local:
            return Access(True, True, reason="Editing on this machine.")
        return Access(False, False, reason="Editing is only possible on the machine that runs the app "
                                           "(set [editing] mode = \"editors\" to allow signed-in editors).")
    # editors
    if auth_configured:
        if not policy.editors:
            return Access(False, False, reason="Editing is off: [editing] editors lists nobody.")
        if not logged_in:
            return Access(True, False, needs="login", reason="Sign in as an editor to add reports.")
        if email_verified is False:
            return Access(True, False, needs="login", reason=f"{email} is not a verified address at the identity provider.")
        if email.strip().lower() in policy.editors:
            return Access(True, True, reason=f"Signed in as {email}.")
        return Access(True, False, needs="login", reason=f"{email} is not an editor of this app.")
    if not policy.password:
        return Access(False, False, reason="Editing is off: set an identity provider ([auth]) or "
                                           "[editing] password in the secrets.")
    if password_ok:
        return Access(True, True, reason="Editor password accepted for this session.")
    return Access(True, False, needs="password", reason="Enter the editor password to add reports.")


def password_matches(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class PasswordGuard:
    """Wrong editor passwords, counted (by ``limits``, moving windows in memory):
    per asker (the client's address when known, else the browser session),
    ``per_asker`` each; and for everyone together, ``everyone``, since a new
    session is only a new tab away. While a limit is reached no password is
    even compared. One guard serves the whole app (the page keeps it with
    ``st.cache_resource``); a restart forgets the count."""

    def __init__(self, per_asker: tuple[str, ...] = ("5/minute", "20/hour"), everyone: str = "100/hour"):
        from limits import parse, storage, strategies

        self._limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self._per_asker = [parse(x) for x in per_asker]
        self._everyone = parse(everyone)

    def _limits(self, asker: str):
        return [(item, ("editor-password", "asker", asker)) for item in self._per_asker] + \
            [(self._everyone, ("editor-password", "everyone"))]

    def wait(self, asker: str) -> int:
        """Seconds until ``asker`` may try again (0: now)."""
        now = time.time()
        waits = [self._limiter.get_window_stats(item, *keys).reset_time - now
                 for item, keys in self._limits(asker) if not self._limiter.test(item, *keys)]
        return max(1, int(max(waits) + 0.999)) if waits else 0

    def failed(self, asker: str) -> None:
        for item, keys in self._limits(asker):
            self._limiter.hit(item, *keys)

    def check(self, asker: str, given: str, expected: str) -> tuple[bool, str]:
        """(accepted, message): refused without comparing while the limit holds."""
        wait = self.wait(asker)
        if wait:
            return False, f"Too many wrong editor passwords: try again in {wait} s."
        if password_matches(given, expected):
            return True, ""
        self.failed(asker)
        return False, "That is not the editor password."


# ---------------------------------------------------------------- the article

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


# ---------------------------------------------------------------- the review

TABLE_COLUMNS = ("keep", "sure", "place", "actor", "status", "date", "date_end", "date_precision", "previous_actor",
                 "claimed_by", "event", "quote", "doubts", "notes")


def review_rows(table_rows: list[dict], *, url: str, publisher: str, published: str) -> list[dict]:
    """Event rows from the edited table: kept rows only, source columns from the form,
    dates as ISO text, quotes verbatim."""
    out = []
    for r in table_rows:
        if not r.get("keep"):
            continue
        row = {c: "" for c in REVIEW_COLUMNS}
        for c in TABLE_COLUMNS[1:]:
            v = r.get(c)
            row[c] = "" if v is None or (isinstance(v, float) and v != v) else (
                v.isoformat() if hasattr(v, "isoformat") else str(v))
        row.update(source_url=url.strip(), source_name=publisher.strip(), published=str(published),
                   quote_type="verbatim")
        out.append({c: row.get(c, "") for c in schema.EVENT_COLUMNS})
    return out


def quote_problems(rows: list[dict], text: str) -> list[str]:
    """Rows whose quote is not, character for character, in the article."""
    return [f"table row {i}: the quote is not in the article's text word for word; "
            "quotes must be copied, never edited" for i, r in enumerate(rows, 1)
            if not r.get("quote") or r["quote"] not in text]


def _table_message(message: str, review_path: Path, label: str) -> str:
    # "…/review.csv:3: msg" -> "table row 2: msg" (line 1 is the header)
    def sub(m):
        line = int(m.group(1))
        return f"{label} row {line - 1}" if line > 1 else label
    return re.sub(re.escape(str(review_path)) + r":(\d+)", sub, message)


def _review_files(folder, rows, new_places) -> tuple[Path, Path]:
    """The reviewed table and its new places as the review files ``accept`` reads."""
    review, places = Path(folder) / "review.csv", Path(folder) / "review.places.csv"
    # (inert as every review file is, so ``accept``'s restore gives back exactly these cells)
    files.write_csv_atomic(review, spreadsheet.inert_rows(rows), schema.EVENT_COLUMNS)
    files.write_csv_atomic(places, spreadsheet.inert_rows(new_places), schema.PLACE_COLUMNS)
    return review, places


def _table_messages(problems, review: Path, places: Path) -> list[str]:
    return [_table_message(_table_message(p, places, "new places table"), review, "table") for p in problems]


def check_and_merge(rows: list[dict], new_places: list[dict], *, events_path, places_path) -> accepting.Merged:
    """Validate the reviewed rows and new places against the whole data set,
    writing nothing; messages name the table row."""
    with tempfile.TemporaryDirectory(prefix="dashboard-review-") as tmp:
        review, places = _review_files(tmp, rows, new_places)
        merged = accepting.merge_review(review, events_path=events_path, places_path=places_path,
                                        new_places_csv=places, scratch=tmp)
        problems = _table_messages(merged.problems, review, places)
    return accepting.Merged(problems, merged.events_header, merged.events_rows, merged.places_header,
                            merged.places_rows, merged.added, merged.new_places)


def writable(*paths) -> bool:
    """Whether the data files and their folder can be written here."""
    return all(Path(p).exists() and os.access(p, os.W_OK) and os.access(Path(p).parent, os.W_OK) for p in paths)


def accept_rows(rows: list[dict], new_places: list[dict], *, events_path, places_path) -> list[str]:
    """Append the reviewed rows (and new places) to the data files, atomically and
    under the data's lock, if the whole data set then validates."""
    with tempfile.TemporaryDirectory(prefix="dashboard-review-") as tmp:
        review, places = _review_files(tmp, rows, new_places)
        problems = accepting.accept(review, events_path=events_path, places_path=places_path, new_places_csv=places)
        return _table_messages(problems, review, places)
