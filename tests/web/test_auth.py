"""Access control: every route needs a session, every POST a CSRF token; logins are throttled."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest
from sqlalchemy import select

from anci_mailintake import config
from anci_mailintake.errors import ConfigError
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.models import Correction, User, utcnow
from anci_mailintake.store import review as store
from anci_mailintake.web import create_app
from anci_mailintake.web.secret import secret_key

from .conftest import PASSWORD, csrf_of, login, page_token, put_message, raw_message

POSTS = ["/messages/{pk}/confirm", "/messages/{pk}/correct"]
PUBLIC = {"/login", "/static/<path:filename>"}


def _urls(app, pk: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(method, url) of every route the app has, a page added later included."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.rule in PUBLIC:
            continue
        values = {name: (pk if name == "pk" else "1.2") for name in rule.arguments}
        url = app.url_map.bind("localhost").build(rule.endpoint, values)
        out.append(("GET" if "GET" in rule.methods else "POST", url))
    return out


def test_anonymous_requests_are_refused_everywhere(app, anonymous, engine):
    pk = put_message(engine, raw_message("Adesione", "Il Comune aderisce con 6 posti.", ("a.pdf", b"%PDF-1.4")),
                     places=6)
    urls = _urls(app, pk)
    assert ("POST", f"/messages/{pk}/correct") in urls and ("GET", f"/messages/{pk}/parts/1.2") in urls
    token = csrf_of(anonymous.get("/login").text)
    for method, url in urls:
        if method == "GET":
            r = anonymous.get(url)
            if url.startswith("/api/"):
                assert r.status_code == 401 and r.json == {"error": "login required"}, url
            else:
                assert r.status_code == 302 and r.headers["Location"].startswith("/login?next="), url
        else:
            r = anonymous.post(url, data={"csrf_token": token, "kind": "reply"})
            assert r.status_code == 401, url
        assert b"Adesione" not in r.data and b"PDF" not in r.data, url
    with session_scope(engine) as s:
        assert s.scalar(select(Correction.id)) is None


def test_a_post_without_the_csrf_token_is_refused(client, engine):
    pk = put_message(engine, raw_message("Adesione", "Aderiamo con 6 posti."), places=6)
    for path in POSTS:
        r = client.post(path.format(pk=pk), data={"kind": "reply"})
        assert r.status_code == 400 and "ricarica la pagina" in r.text
        r = client.post(path.format(pk=pk), data={"kind": "reply", "csrf_token": "forged"})
        assert r.status_code == 400
    assert client.post("/logout").status_code == 400
    with session_scope(engine) as s:
        assert s.scalar(select(Correction.id)) is None
    assert client.get("/api/me").json == {"username": "anna"}  # still logged in


def test_login_without_token_is_refused(anonymous, staff):
    r = anonymous.post("/login", data={"username": "anna", "password": PASSWORD})
    assert r.status_code == 400 and anonymous.get("/api/me").status_code == 401


def test_login_logout_and_the_session_cookie(anonymous, staff, engine):
    r = login(anonymous)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "anci_review=" in cookie
    assert anonymous.get("/api/me").json == {"username": "anna"}
    with session_scope(engine) as s:
        assert store.get_user(s, "anna").last_login_at is not None  # type: ignore[union-attr]
    r = anonymous.post("/logout", data={"csrf_token": page_token(anonymous)})
    assert r.status_code == 302 and r.headers["Location"] == "/login"
    assert anonymous.get("/").status_code == 302


def test_wrong_passwords_lock_the_account(anonymous, staff, engine):
    for _ in range(store.MAX_FAILED_LOGINS - 1):
        r = login(anonymous, password="wrong password!")
        assert r.status_code == 401 and "non validi" in r.text
    r = login(anonymous, password="wrong password!")
    assert r.status_code == 401 and "bloccato" in r.text
    r = login(anonymous)  # the right password, while locked
    assert r.status_code == 429 and "bloccato fino alle" in r.text
    assert anonymous.get("/api/me").status_code == 401
    with session_scope(engine) as s:
        user = store.get_user(s, "anna")
        assert user is not None and user.failed_logins == store.MAX_FAILED_LOGINS
        user.locked_until = utcnow() - timedelta(seconds=1)  # the lock runs out
    assert login(anonymous).status_code == 302
    with session_scope(engine) as s:
        user = store.get_user(s, "anna")
        assert user is not None and (user.failed_logins, user.locked_until) == (0, None)


def test_one_good_login_resets_the_count(anonymous, staff, engine):
    for _ in range(store.MAX_FAILED_LOGINS - 1):
        login(anonymous, password="wrong password!")
    assert login(anonymous).status_code == 302
    with session_scope(engine) as s:
        assert store.get_user(s, "anna").failed_logins == 0  # type: ignore[union-attr]


def test_unknown_and_disabled_users_cannot_log_in(anonymous, staff, engine):
    assert login(anonymous, username="nobody").status_code == 401
    with session_scope(engine) as s:
        s.execute(User.__table__.update().values(active=False))
    r = login(anonymous)
    assert r.status_code == 401 and anonymous.get("/api/me").status_code == 401


def test_disabling_a_user_ends_their_open_session(client, engine):
    assert client.get("/").status_code == 200
    with session_scope(engine) as s:
        store.get_user(s, "anna").active = False  # type: ignore[union-attr]
    assert client.get("/").status_code == 302


def test_next_never_leaves_the_site(anonymous, staff):
    token = csrf_of(anonymous.get("/login").text)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        r = anonymous.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token,
                                           "next": target})
        assert r.headers["Location"] == "/", target
        anonymous.post("/logout", data={"csrf_token": page_token(anonymous)})
        token = csrf_of(anonymous.get("/login").text)
    r = anonymous.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token,
                                       "next": "/?review=yes"})
    assert r.headers["Location"] == "/?review=yes"


def test_pages_carry_a_strict_content_security_policy(client, anonymous):
    for c, path in ((client, "/"), (anonymous, "/login")):
        h = c.get(path).headers
        assert "default-src 'self'" in h["Content-Security-Policy"]
        assert "script-src 'self'" in h["Content-Security-Policy"] and "unsafe-inline" not in h["Content-Security-Policy"]
        assert h["X-Content-Type-Options"] == "nosniff" and h["X-Frame-Options"] == "DENY"


def test_a_generated_secret_key_is_kept_private_and_reused(tmp_path):
    settings = config.load(None, {"HOME": "/nonexistent"}, db_url=f"sqlite:///{tmp_path}/s/store.sqlite")
    key = secret_key(settings)
    path = tmp_path / "s" / "web-secret.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and len(key) >= 32
    assert secret_key(settings) == key
    env_key = config.load(None, {"HOME": "/x", "ANCI_WEB_SECRET": "x" * 40}, db_url=f"sqlite:///{tmp_path}/s.sqlite")
    assert secret_key(env_key) == "x" * 40


def test_without_a_key_or_a_place_for_one_the_error_says_what_to_set(tmp_path):
    settings = config.load(None, {"HOME": "/nonexistent"}, db_url="postgresql+psycopg://u@127.0.0.1:1/x")
    with pytest.raises(ConfigError, match="ANCI_WEB_SECRET"):
        secret_key(settings)
    short = config.load(None, {"HOME": "/x", "ANCI_WEB_SECRET": "short"}, db_url="sqlite://")
    with pytest.raises(ConfigError, match="16 characters"):
        secret_key(short)


def test_behind_a_proxy_cookies_are_secure_and_forwarded_headers_count(web_settings, engine, staff):
    from dataclasses import replace

    app = create_app(replace(web_settings, web=replace(web_settings.web, behind_proxy=True)), engine)
    c = app.test_client()
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "anci.example", "X-Forwarded-For": "10.0.0.9"}
    token = csrf_of(c.get("/login", headers=headers, base_url="https://anci.example").text)
    r = c.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token}, headers=headers,
               base_url="https://anci.example")
    assert r.status_code == 302 and "Secure" in r.headers["Set-Cookie"]
    assert c.get("/", headers=headers, base_url="https://anci.example").status_code == 200
