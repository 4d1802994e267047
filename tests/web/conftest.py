"""Fixtures of the review app: the app on each store, staff accounts, stored messages, a live server, a browser.

Server-side tests use Flask's test client over the real store (db_url: SQLite and PostgreSQL).
Browser tests start the real `anci-mailintake serve` on a free port over a SQLite store filled
by the real `anci-mailintake ingest`, and drive Debian's chromium through Playwright.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import Engine

from anci_mailintake import config
from anci_mailintake.message.parse import parse
from anci_mailintake.records import ComuneRef, Document, Evidence, Extraction, Outcome, ReadMessage
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.queries import add_raw, save_outcome
from anci_mailintake.store import review as store
from anci_mailintake.web import create_app
from anci_mailintake.web.passwords import hash_password

PASSWORD = "correct horse battery"
CLI = Path(sys.executable).with_name("anci-mailintake")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


@pytest.fixture
def web_settings(db_url: str) -> config.Settings:
    return config.load(None, {"HOME": "/nonexistent", "ANCI_WEB_SECRET": "test-secret-key-of-the-web-tests"},
                       db_url=db_url)


@pytest.fixture
def app(web_settings: config.Settings, engine: Engine):  # type: ignore[no-untyped-def]
    app = create_app(web_settings, engine)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def staff(engine: Engine) -> str:
    """An active account, 'anna'."""
    with session_scope(engine) as s:
        store.add_user(s, "anna", hash_password(PASSWORD))
    return "anna"


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "the page has no CSRF field"
    return m.group(1)


def login(client, username: str = "anna", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture
def client(app, staff):  # type: ignore[no-untyped-def]
    """A test client logged in as anna."""
    c = app.test_client()
    r = login(c)
    assert r.status_code == 302, r.text
    return c


@pytest.fixture
def anonymous(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def page_token(client, path: str = "/") -> str:  # type: ignore[no-untyped-def]
    return csrf_of(client.get(path).text)


def raw_message(subject: str, body: str, attachment: tuple[str, bytes] | None = None,
                sender: str = "Ufficio Sociale <sociale@comune.nove.vi.it>", date: str = "Mon, 10 Feb 2020 10:00:00 +0100") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"] = sender, "immigrazione@anci.it", subject, date
    msg["Message-ID"] = f"<{abs(hash((subject, body, date)))}@comune.example>"
    msg.set_content(body)
    if attachment:
        msg.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return bytes(msg)


def put_message(engine: Engine, raw: bytes, *, comuni: tuple[ComuneRef, ...] = (), places: int | None = None,
                intent: str | None = "interested", needs_review: bool = True, kind: str = "reply",
                quoted: str = "", attachment_text: str = "", reasons: tuple[str, ...] = ("places unclear",)) -> int:
    """Store a message and an extraction as the pipeline would (real parse, chosen values)."""
    parsed = parse(raw)
    docs = [Document(role="body", text=parsed.text, part="1")]
    if quoted:
        docs.append(Document(role="quoted", text=quoted, part="1"))
    for a in parsed.attachments:
        docs.append(Document(role="attachment", text=attachment_text, name=a.filename, part=a.part,
                             mime="application/pdf", method="pdf-text", size=len(a.data)))
    evidence = []
    if places is not None and str(places) in parsed.text:
        i = parsed.text.index(str(places))
        evidence.append(Evidence("places", 0, i, i + len(str(places)), str(places), "places.number"))
    read = ReadMessage(outer=parsed, documents=tuple(docs))
    x = Extraction(kind=kind, comuni=comuni, intent=intent, mode="new_project" if intent else None, places=places,
                   confidence=0.5 if needs_review else 0.95, needs_review=needs_review,
                   review_reasons=reasons if needs_review else (), evidence=tuple(evidence), version="test")
    with session_scope(engine) as s:
        pk, _ = add_raw(s, f"test:{hash(raw)}", raw)
        save_outcome(s, pk, Outcome(read=read, extraction=x))
    return pk


NOVE = ComuneRef("024073", "Nove", "VI")
BERGAMO = ComuneRef("016024", "Bergamo", "BG")


# Live server and browser ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCI_") or k == "ANCI_TEST_PG_URL"}
    env.update(extra)
    return env


def run_cli(db_url: str, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([str(CLI), "--db", db_url, *args], input=input, capture_output=True, text=True,
                       env=clean_env(), timeout=300)
    return r


HOSTILE_HTML = """<html><body>
<p>Il Comune di Nove aderisce con 6 posti.</p>
<script>alert('script')</script>
<img src=x onerror="alert('onerror')">
<a href="javascript:alert('link')">clicca qui</a>
<img src="http://example.invalid/x.png">
<iframe src="http://example.invalid/frame"></iframe>
<style>body{background:url(http://example.invalid/bg.png)}</style>
</body></html>"""


def hostile_eml() -> bytes:
    """A message whose subject, body and attachment name carry script and remote-content payloads."""
    msg = EmailMessage()
    msg["From"] = '"<img src=x onerror=alert(\'from\')>" <attacker@example.invalid>'
    msg["To"] = "immigrazione@anci.it"
    msg["Subject"] = "<script>alert('subject')</script> Adesione SIPROIMI"
    msg["Date"] = "Tue, 11 Feb 2020 09:00:00 +0100"
    msg["Message-ID"] = "<hostile-1@example.invalid>"
    msg.set_content("<script>alert('plain')</script>\n<img src=x onerror=alert('plain-img')>\n"
                    "<a href=\"javascript:alert('plain-link')\">x</a>\n<img src=\"http://example.invalid/x.png\">\n")
    msg.add_alternative(HOSTILE_HTML, subtype="html")
    msg.add_attachment(b"%PDF-1.4\n<script>alert('pdf')</script>\n", maintype="application", subtype="pdf",
                       filename="<img src=x onerror=alert('name')>.pdf")
    return bytes(msg)


class Live:
    def __init__(self, url: str, db_url: str, hostile_pk: int) -> None:
        self.url, self.db_url, self.hostile_pk = url, db_url, hostile_pk


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Iterator[Live]:
    """The real app (`anci-mailintake serve`) over a SQLite store filled by `anci-mailintake ingest`."""
    base = tmp_path_factory.mktemp("live")
    db_url = f"sqlite:///{base / 'store.sqlite'}"
    hostile = base / "hostile.eml"
    hostile.write_bytes(hostile_eml())
    dev = shared / "corpus" / "dev"
    r = run_cli(db_url, "ingest", *(str(dev / f"{n:03d}.eml") for n in (1, 2, 3, 4, 5, 6)), str(hostile))
    assert r.returncode in (0, 1), r.stderr
    r = run_cli(db_url, "users", "add", "anna", "--password-stdin", input=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    import json

    r = run_cli(db_url, "export", "--format", "jsonl")
    hostile_pk = next(rec["id"] for rec in map(json.loads, r.stdout.splitlines())
                      if rec["message_id"] == "<hostile-1@example.invalid>")
    port = free_port()
    log = open(base / "serve.log", "w")
    proc = subprocess.Popen([str(CLI), "--db", db_url, "serve", "--port", str(port)], env=clean_env(),
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail(f"serve did not start: {(base / 'serve.log').read_text()}")
            time.sleep(0.1)
    yield Live(f"http://127.0.0.1:{port}", db_url, hostile_pk)
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live):  # type: ignore[no-untyped-def]
    """A fresh browser context; every dialog and every request leaving 127.0.0.1 is recorded."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    pg = ctx.new_page()
    pg.dialogs, pg.requests = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    ctx.close()


def foreign(pg, live) -> list[str]:  # type: ignore[no-untyped-def]
    """Requests the page made anywhere but the app at 127.0.0.1; checks the recording works at all."""
    assert any(u.endswith("/static/app.js") for u in pg.requests), "no request was recorded"
    return [u for u in pg.requests if not u.startswith(live.url + "/")]


def browser_login(pg, live) -> None:  # type: ignore[no-untyped-def]
    pg.goto(live.url + "/")
    pg.fill("#username", "anna")
    pg.fill("#password", PASSWORD)
    pg.click("button[type=submit]")
    pg.wait_for_selector("table.queue")
