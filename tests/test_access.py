"""dashboard.ui.access: who may edit (the policy read from the secrets, and the decision)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.ui import access  # noqa: E402

LOCAL = dict(peer=None, host="localhost:8501", cloud=False, auth_configured=False)


def test_default_policy_is_local():
    assert access.read_policy({}, environ={}).mode == "local"


def test_local_mode_allows_this_machine_only():
    p = access.read_policy({}, environ={})
    assert access.decide(p, **LOCAL).allowed
    assert access.decide(p, **dict(LOCAL, peer="127.0.0.1", host="127.0.0.1:8501")).allowed
    assert access.decide(p, **dict(LOCAL, peer="::1", host="[::1]:8501")).allowed
    # a server listening on "::" sees an IPv4 browser as ::ffff:127.0.0.1 (not loopback to Python 3.12's ipaddress)
    assert access.decide(p, **dict(LOCAL, peer="::ffff:127.0.0.1", host="127.0.0.1:8501")).allowed
    assert not access.decide(p, **dict(LOCAL, peer="::ffff:192.0.2.7", host="127.0.0.1:8501")).allowed
    remote = access.decide(p, **dict(LOCAL, peer="192.168.1.20"))
    assert not remote.allowed and not remote.offered
    proxied = access.decide(p, **dict(LOCAL, host="my-app.streamlit.app"))  # a proxy in front
    assert not proxied.allowed and not proxied.offered
    cloud = access.decide(p, **dict(LOCAL, cloud=True))
    assert not cloud.allowed and not cloud.offered
    # a tunnel or reverse proxy on this machine: loopback peer and "Host: localhost", but proxy headers
    assert access.proxied({"Host": "localhost", "X-Forwarded-For": "203.0.113.9"})
    assert not access.proxied({"Host": "localhost:8501", "User-Agent": "x"})
    tunnel = access.decide(p, **dict(LOCAL, peer="127.0.0.1"), forwarded=True)
    assert not tunnel.allowed and not tunnel.offered


def test_community_cloud_is_recognised_by_its_checkout_path(tmp_path):
    assert access.on_community_cloud("/mount/src/nw-syria-control-map")
    assert not access.on_community_cloud(tmp_path)


def test_off_mode_offers_nothing():
    for policy in (access.read_policy({"editing": {"mode": "off"}}, environ={}),
                   access.read_policy({}, environ={"DASHBOARD_EDITING": "off"})):
        acc = access.decide(policy, **LOCAL)
        assert not acc.offered and not acc.allowed


def test_a_bad_mode_turns_editing_off_and_says_why():
    p = access.read_policy({"editing": {"mode": "everyone"}}, environ={})
    acc = access.decide(p, **LOCAL)
    assert not acc.allowed and "everyone" in acc.reason


def test_editors_with_an_identity_provider_must_be_listed():
    p = access.read_policy({"editing": {"mode": "editors", "editors": ["Ed@Example.org"]}}, environ={})
    kw = dict(peer="203.0.113.9", host="app.example.org", cloud=True, auth_configured=True)
    out = access.decide(p, **kw)
    assert out.offered and not out.allowed and out.needs == "login"
    assert access.decide(p, **kw, logged_in=True, email="ed@example.org").allowed
    unverified = access.decide(p, **kw, logged_in=True, email="ed@example.org", email_verified=False)
    assert not unverified.allowed and "verified" in unverified.reason
    other = access.decide(p, **kw, logged_in=True, email="reader@example.org")
    assert not other.allowed and other.needs == "login"
    # a password is no way round a configured identity provider
    assert not access.decide(p, **kw, password_ok=True).allowed


def test_editors_without_an_identity_provider_need_the_password():
    kw = dict(peer="203.0.113.9", host="app.example.org", cloud=True, auth_configured=False)
    p = access.read_policy({"editing": {"mode": "editors", "password": "s3cret"}}, environ={})
    assert access.decide(p, **kw).needs == "password"
    assert not access.decide(p, **kw).allowed
    assert access.decide(p, **kw, password_ok=True).allowed
    nopass = access.read_policy({"editing": {"mode": "editors"}}, environ={})
    assert not access.decide(nopass, **kw, password_ok=True).offered


def test_password_comparison():
    assert access.password_matches("s3cret", "s3cret")
    assert not access.password_matches("s3cre", "s3cret")
    assert not access.password_matches("", "")  # no password set is never a match


def test_wrong_passwords_back_off_per_asker_and_for_everyone():
    guard = access.PasswordGuard(per_asker=("3/second",), everyone="5/hour")
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
