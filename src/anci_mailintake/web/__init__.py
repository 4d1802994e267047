"""The staff review app: create_app(settings) → a Flask WSGI app.

Every page but /login needs a session (auth.require_login, deny by default, so a blueprint added
later is protected too); every POST needs the session's CSRF token; every response carries a
strict Content-Security-Policy. Mail is data: templates autoescape it, no script is inline.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Flask
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from werkzeug.wrappers import Response

from ..config import Settings
from . import csrf, labels
from .auth import require_login
from .context import close_db, current_user
from .secret import secret_key

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def blueprints() -> list[tuple[Blueprint, str | None, str | None]]:
    """Every part of the app, in one place: (blueprint, endpoint of its menu entry, label).

    A new page (the report dashboard, say) is one more line here.
    """
    from .auth import bp as auth
    from .dashboard import bp as dashboard
    from .review import bp as review

    return [(review, "review.queue", "Coda di revisione"), (dashboard, "dashboard.index", "Riepilogo"),
            (auth, None, None)]


def create_app(settings: Settings, engine: Engine | None = None) -> Flask:
    """The app for these settings; opens the store unless given an engine."""
    if engine is None:
        from ..store.db import open_store

        engine = open_store(settings.db_url)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_NAME="anci_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.web.behind_proxy,  # the proxy speaks HTTPS to the browser
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        MAX_CONTENT_LENGTH=1024 * 1024,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["anci_mailintake"] = {"settings": settings, "engine": engine,
                                         "sessions": sessionmaker(engine, expire_on_commit=False)}
    if settings.web.behind_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)  # type: ignore[method-assign]

    app.before_request(csrf.protect)
    app.before_request(require_login)
    app.teardown_appcontext(close_db)
    app.after_request(_security_headers)
    menu = []
    for bp, endpoint, label in blueprints():
        app.register_blueprint(bp)
        if endpoint and label:
            menu.append((endpoint, label))
    app.jinja_env.globals.update(csrf_token=csrf.token, current_user=current_user, menu=menu, labels=labels)
    return app


def _security_headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers.setdefault("Cache-Control", "no-store")
    return resp
