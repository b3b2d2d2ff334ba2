"""Who may add reports from the app: the editing policy and the decision, from plain values.

The app's concern, in pure Python (no streamlit): dashboard/ui/page_access.py reads
Streamlit's secrets, the request and the signed-in user and passes them in, so the
navigation and the "Add a report" page apply the same rule.

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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

MODES = ("local", "editors", "off")
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
