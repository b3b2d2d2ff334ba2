"""Who is asking, read from Streamlit (secrets, the request, the signed-in user)
and decided by dashboard.ui.access.decide. Used by the navigation (app.py) and the
"Add a report" page, so both apply the same rule."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.ui import access as policy

ROOT = Path(__file__).resolve().parents[2]


def secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml at all, or one that does not parse
        return {}


def access() -> policy.Access:
    conf = secrets()
    auth = "auth" in conf
    user = st.user
    peer = getattr(st.context, "ip_address", None)  # None when the browser is on this machine
    headers = st.context.headers
    verified = user.get("email_verified") if auth else None
    return policy.decide(
        policy.read_policy(conf), peer=peer if isinstance(peer, str) else None,
        host=headers.get("Host"), forwarded=policy.proxied(headers.keys()), cloud=policy.on_community_cloud(ROOT),
        auth_configured=auth, email_verified=verified if isinstance(verified, bool) else None,
        logged_in=bool(user.get("is_logged_in")) if auth else False, email=str(user.get("email") or "") if auth else "",
        password_ok=bool(st.session_state.get("_editor_ok")))
