"""dashboard.ingest.editing: who may edit, reading an uploaded article, the review's
rows, and checking or accepting them (messages naming the table row)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import stat
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.ingest import editing
from dashboard.core import schema# noqa: E402

from hostile import ALL as HOSTILE_STRINGS  # noqa: E402

LOCAL = dict(peer=None, host="localhost:8501", cloud=False, auth_configured=False)


# ---------------------------------------------------------------- who may edit

def test_default_policy_is_local():
    assert editing.read_policy({}, environ={}).mode == "local"


def test_local_mode_allows_this_machine_only():
    p = editing.read_policy({}, environ={})
    assert editing.decide(p, **LOCAL).allowed
    assert editing.decide(p, **dict(LOCAL, peer="127.0.0.1", host="127.0.0.1:8501")).allowed
    assert editing.decide(p, **dict(LOCAL, peer="::1", host="[::1]:8501")).allowed
    # a server listening on "::" sees an IPv4 browser as ::ffff:127.0.0.1 (not loopback to Python 3.12's ipaddress)
    assert editing.decide(p, **dict(LOCAL, peer="::ffff:127.0.0.1", host="127.0.0.1:8501")).allowed
    assert not editing.decide(p, **dict(LOCAL, peer="::ffff:192.0.2.7", host="127.0.0.1:8501")).allowed
    remote = editing.decide(p, **dict(LOCAL, peer="192.168.1.20"))
    assert not remote.allowed and not remote.offered
    proxied = editing.decide(p, **dict(LOCAL, host="my-app.streamlit.app"))  # a proxy in front
    assert not proxied.allowed and not proxied.offered
    cloud = editing.decide(p, **dict(LOCAL, cloud=True))
    assert not cloud.allowed and not cloud.offered
    # a tunnel or reverse proxy on this machine: loopback peer and "Host: localhost", but proxy headers
    assert editing.proxied({"Host": "localhost", "X-Forwarded-For": "203.0.113.9"})
    assert not editing.proxied({"Host": "localhost:8501", "User-Agent": "x"})
    tunnel = editing.decide(p, **dict(LOCAL, peer="127.0.0.1"), forwarded=True)
    assert not tunnel.allowed and not tunnel.offered


def test_community_cloud_is_recognised_by_its_checkout_path(tmp_path):
    assert editing.on_community_cloud("/mount/src/nw-syria-control-map")
    assert not editing.on_community_cloud(tmp_path)


def test_off_mode_offers_nothing():
    for policy in (editing.read_policy({"editing": {"mode": "off"}}, environ={}),
                   editing.read_policy({}, environ={"DASHBOARD_EDITING": "off"})):
        acc = editing.decide(policy, **LOCAL)
        assert not acc.offered and not acc.allowed


def test_a_bad_mode_turns_editing_off_and_says_why():
    p = editing.read_policy({"editing": {"mode": "everyone"}}, environ={})
    acc = editing.decide(p, **LOCAL)
    assert not acc.allowed and "everyone" in acc.reason


def test_editors_with_an_identity_provider_must_be_listed():
    p = editing.read_policy({"editing": {"mode": "editors", "editors": ["Ed@Example.org"]}}, environ={})
    kw = dict(peer="203.0.113.9", host="app.example.org", cloud=True, auth_configured=True)
    out = editing.decide(p, **kw)
    assert out.offered and not out.allowed and out.needs == "login"
    assert editing.decide(p, **kw, logged_in=True, email="ed@example.org").allowed
    unverified = editing.decide(p, **kw, logged_in=True, email="ed@example.org", email_verified=False)
    assert not unverified.allowed and "verified" in unverified.reason
    other = editing.decide(p, **kw, logged_in=True, email="reader@example.org")
    assert not other.allowed and other.needs == "login"
    # a password is no way round a configured identity provider
    assert not editing.decide(p, **kw, password_ok=True).allowed


def test_editors_without_an_identity_provider_need_the_password():
    kw = dict(peer="203.0.113.9", host="app.example.org", cloud=True, auth_configured=False)
    p = editing.read_policy({"editing": {"mode": "editors", "password": "s3cret"}}, environ={})
    assert editing.decide(p, **kw).needs == "password"
    assert not editing.decide(p, **kw).allowed
    assert editing.decide(p, **kw, password_ok=True).allowed
    nopass = editing.read_policy({"editing": {"mode": "editors"}}, environ={})
    assert not editing.decide(nopass, **kw, password_ok=True).offered


def test_password_comparison():
    assert editing.password_matches("s3cret", "s3cret")
    assert not editing.password_matches("s3cre", "s3cret")
    assert not editing.password_matches("", "")  # no password set is never a match


def test_wrong_passwords_back_off_per_asker_and_for_everyone():
    guard = editing.PasswordGuard(per_asker=("3/second",), everyone="5/hour")
    for _ in range(3):
        assert guard.check("ip:198.51.100.1", "guess", "s3cret") == (False, "That is not the editor password.")
    # the limit holds: even the right password is not compared, and the message says how long
    ok, message = guard.check("ip:198.51.100.1", "s3cret", "s3cret")
    assert not ok and message == "Too many wrong editor passwords: try again in 1 s."
    assert guard.wait("ip:198.51.100.1") == 1
    time.sleep(1.1)  # the window has moved on
    assert guard.wait("ip:198.51.100.1") == 0
    # another asker is not held up by the first one's limit ...
    assert guard.check("ip:198.51.100.2", "s3cret", "s3cret") == (True, "")
    # ... until everyone together has made too many wrong guesses (new sessions are only a tab away)
    assert guard.check("ip:198.51.100.2", "guess", "s3cret")[0] is False
    assert guard.check("session:abc", "guess", "s3cret")[0] is False  # the 5th wrong one in the hour
    assert guard.check("session:new", "s3cret", "s3cret")[1].startswith("Too many wrong editor passwords")


# ---------------------------------------------------------------- the article

def test_html_upload_keeps_the_article_text_only():
    page = (b"<html><body><nav>Home | World</nav><article><h1>Rebels take Saraqib</h1>"
            b"<p>Rebels captured Saraqib on Friday, the group said, after two days of fighting around the town "
            b"and its crossroads.</p><script>alert('x')</script>"
            b"<p>Residents said &lt;img src=x onerror=alert(1)&gt; was written on a wall near the market square.</p>"
            b"</article><footer>Copyright 2024</footer></body></html>")
    text = editing.article_text("report.html", page)
    assert "Rebels captured Saraqib on Friday" in text
    assert "alert('x')" not in text and "Home | World" not in text
    assert "<img src=x onerror=alert(1)>" in text  # escaped markup becomes plain text, kept as text


def test_txt_upload_must_be_utf8_and_says_where():
    assert editing.article_text("a.txt", "Hama fell.\r\nAleppo too.".encode()) == "Hama fell.\nAleppo too."
    with pytest.raises(editing.ArticleError, match=r"a\.txt:2: not UTF-8"):
        editing.article_text("a.txt", b"line one\nline \xff two")
    with pytest.raises(editing.ArticleError, match="only .txt and .html"):
        editing.article_text("a.pdf", b"%PDF")
    with pytest.raises(editing.ArticleError, match="larger than"):
        editing.article_text("a.txt", b"x" * (editing.MAX_UPLOAD_BYTES + 1))


def test_source_problems():
    assert editing.source_problems("https://example.org/a", "Reuters", "2024-12-01") == []
    probs = editing.source_problems("javascript:alert(1)", " ", None)
    assert len(probs) == 3 and probs[0].startswith("Link")


def test_sentence_around():
    text = "First one. Rebels said they captured Hama on Thursday after fighting. Next one."
    assert editing.sentence_around(text, "captured Hama on Thursday") == (
        "Rebels said they ", "captured Hama on Thursday", " after fighting.")
    assert editing.sentence_around(text, "not there") == ("", "not there", "")
    # a whole sentence as the quote: the next sentence is not shown as part of it
    assert editing.sentence_around(text, "First one.") == ("", "First one.", "")


# ---------------------------------------------------------------- the review

ARTICLE = "Rebels captured Saraqib on 1 December 2024, the group said."


def _table_row(**kw):
    row = dict(keep=True, place="Saraqib", actor="Rebels", status="controlled", date="2024-12-01", date_end="",
               date_precision="day", previous_actor="", claimed_by="", event="captured", quote=ARTICLE, notes="")
    row.update(kw)
    return row


def test_review_rows_take_the_source_from_the_form_and_drop_unticked():
    rows = editing.review_rows([_table_row(), _table_row(keep=False, place="Idlib")],
                               url="https://example.org/r", publisher="Example", published="2024-12-02")
    assert len(rows) == 1
    assert rows[0]["source_url"] == "https://example.org/r" and rows[0]["published"] == "2024-12-02"
    assert rows[0]["quote_type"] == "verbatim" and set(rows[0]) == set(schema.EVENT_COLUMNS)


def test_an_edited_quote_is_refused():
    rows = editing.review_rows([_table_row(quote="Rebels seized Saraqib")], url="https://example.org/r",
                               publisher="Example", published="2024-12-02")
    assert editing.quote_problems(rows, ARTICLE) == [
        "table row 1: the quote is not in the article's text word for word; quotes must be copied, never edited"]


@pytest.fixture
def data_copy(tmp_path):
    for rel in ("events.csv", "geodata/places.csv", "geodata/actors.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path / "events.csv", tmp_path / "geodata" / "places.csv"


def _rows(*table):
    return editing.review_rows(list(table), url="https://example.org/r", publisher="Example", published="2024-12-02")


def _count(path):
    with open(path, encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def test_accept_rows_appends_and_keeps_the_mode(data_copy):
    events, places = data_copy
    os.chmod(events, 0o640)
    before = _count(events)
    assert editing.accept_rows(_rows(_table_row()), [], events_path=events, places_path=places) == []
    assert _count(events) == before + 1
    assert stat.S_IMODE(events.stat().st_mode) == 0o640


def test_a_bad_row_names_the_table_row_and_writes_nothing(data_copy):
    events, places = data_copy
    old = events.read_bytes()
    problems = editing.accept_rows(_rows(_table_row(), _table_row(place="Atlantis", quote="Rebels captured")),
                                   [], events_path=events, places_path=places)
    assert problems and all(p.startswith("table row 2:") for p in problems), problems
    assert "Atlantis" in problems[0]
    assert events.read_bytes() == old


def test_check_and_merge_writes_nothing_and_gives_the_files(data_copy):
    events, places = data_copy
    old_ev, old_pl = events.read_bytes(), places.read_bytes()
    new_place = {"name": "Tell Example", "kind": "village", "lat": 35.9, "lon": 36.6, "aliases": "",
                 "coord_source": "manual", "coord_ref": "", "coord_note": "test point"}
    merged = editing.check_and_merge(_rows(_table_row(place="Tell Example")), [new_place],
                                     events_path=events, places_path=places)
    assert merged.problems == [] and merged.added == 1 and merged.new_places == 1
    ev, pl = merged.csv_bytes()
    assert ev.startswith(old_ev.split(b"\n", 1)[0]) and b"Tell Example" in ev and b"Tell Example" in pl
    assert events.read_bytes() == old_ev and places.read_bytes() == old_pl


def test_a_new_place_without_coordinates_is_named(data_copy):
    events, places = data_copy
    merged = editing.check_and_merge(_rows(_table_row(place="Tell Example")),
                                     [{"name": "Tell Example", "lat": "", "lon": ""}],
                                     events_path=events, places_path=places)
    assert any(p.startswith("new places table row 1:") for p in merged.problems), merged.problems


def test_hostile_text_is_kept_verbatim_and_accepted_as_text(data_copy):
    events, places = data_copy
    quote = "Rebels captured Saraqib " + " ".join(HOSTILE_STRINGS)
    rows = _rows(_table_row(quote=quote, notes=HOSTILE_STRINGS[1]))
    assert rows[0]["quote"] == quote and rows[0]["notes"] == HOSTILE_STRINGS[1]
    assert editing.quote_problems(rows, "x " + quote + " y") == []
    assert editing.accept_rows(rows, [], events_path=events, places_path=places) == []
    with open(events, encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh))[-1]["quote"] == quote  # written byte for byte, as text
