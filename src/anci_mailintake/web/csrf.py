"""CSRF tokens: one random token per session, required on every state-changing request."""

from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session

FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def token() -> str:
    """The session's token (made on first use); forms carry it in a hidden field."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return str(session[FIELD])


def rotate() -> None:
    """A new token, on login and logout, so a token seen before login is worth nothing after."""
    session[FIELD] = secrets.token_urlsafe(32)


def protect() -> None:
    """before_request hook: refuse (400) a POST whose form token does not match the session's."""
    if request.method in SAFE_METHODS:
        return
    sent = request.form.get(FIELD, "") or request.headers.get("X-CSRF-Token", "")
    expected = session.get(FIELD, "")
    if not sent or not expected or not hmac.compare_digest(str(sent), str(expected)):
        abort(400, description="Il modulo è scaduto o non viene da questa applicazione: "
                               "ricarica la pagina e riprova.")
