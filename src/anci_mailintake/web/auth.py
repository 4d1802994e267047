"""Login, logout and the rule that every page but the login page needs a session.

Throttling: MAX_FAILED_LOGINS wrong passwords in a row lock the account for LOCK_MINUTES
(users.failed_logins / locked_until); while locked even the right password is refused.
An unknown name costs one Argon2 verification too, so timing does not tell names apart.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, jsonify, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from ..store import review as store
from . import csrf
from .context import current_user, db
from .passwords import verify

bp = Blueprint("auth", __name__)
PUBLIC_ENDPOINTS = {"auth.login", "static"}


def require_login() -> Response | None:
    """before_request hook: anonymous requests go to the login page (JSON ones get 401)."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user() is not None:
        return None
    if request.path.startswith("/api/"):
        return Response('{"error": "login required"}', status=401, mimetype="application/json")
    if request.method != "GET":
        return Response("Accesso richiesto", status=401, mimetype="text/plain")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never //host or an absolute URL (an open redirect)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//") \
                and "\\" not in target:
            return target
    return url_for("review.queue")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if request.method == "GET":
        if current_user() is not None:
            return redirect(_safe_next(request.args.get("next")))
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "").strip()[:100]
    password = request.form.get("password", "")[:1000]
    s = db()
    user = store.get_user(s, username) if username else None
    until = store.locked_until(user) if user is not None else None
    if until is not None:
        error = f"Troppi tentativi errati: l'account è bloccato fino alle {until.astimezone():%H:%M}. " \
                "Riprova più tardi o chiedi a un amministratore."
    elif user is not None and user.active and verify(user.password_hash, password):
        store.login_succeeded(s, user)
        s.commit()
        session.clear()
        session.permanent = True
        session["uid"], session["username"] = user.id, user.username
        csrf.rotate()
        return redirect(_safe_next(request.form.get("next")))
    else:
        if user is None:
            verify(None, password)
        elif user.active:
            store.login_failed(s, user)
            s.commit()
        error = "Nome utente o password non validi."
        if user is not None and store.locked_until(user) is not None:
            error = f"Troppi tentativi errati: l'account è bloccato per {store.LOCK_MINUTES} minuti."
    return render_template("login.html", error=error, username=username,
                           next=request.form.get("next", "")), 401 if until is None else 429


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    session.clear()
    csrf.rotate()
    flash("Sei uscito dall'applicazione.")
    return redirect(url_for("auth.login"))


@bp.route("/api/me")
def me() -> Response:
    """Who is logged in (for scripts and the tests)."""
    user = current_user()
    return jsonify({"username": user.username if user else None})
