"""Per-request state: the database session (the view owns it and commits) and the current user."""

from __future__ import annotations

from flask import current_app, g, session
from sqlalchemy.orm import Session

from ..store import review as store
from ..store.models import User


def db() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    if "db" not in g:
        g.db = current_app.extensions["anci_mailintake"]["sessions"]()
    return g.db  # type: ignore[no-any-return]


def close_db(_exc: BaseException | None = None) -> None:
    s = g.pop("db", None)
    if s is not None:
        s.close()  # rolls back whatever was not committed


def current_user() -> User | None:
    """The logged-in, still active user; a disabled account loses its sessions at once."""
    if "user" in g:
        return g.user  # type: ignore[no-any-return]
    user = None
    uid = session.get("uid")
    if isinstance(uid, int):
        found = db().get(User, uid)
        if found is not None and found.active and found.username == session.get("username"):
            user = found
    g.user = user
    return user


__all__ = ["db", "close_db", "current_user", "store"]
