"""The dashboard page of the review app: the same totals as `report`, the chart, login required."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from anci_mailintake import config
from anci_mailintake.store.db import session_scope

from anci_mailintake import web

PASSWORD = "a long enough test password"


@pytest.fixture
def app(db_url, engine):  # type: ignore[no-untyped-def]
    settings = config.load(None, {"HOME": "/nonexistent", "ANCI_WEB_SECRET": "dashboard-test-secret-key"},
                           db_url=db_url)
    app = web.create_app(settings, engine)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app, engine):  # type: ignore[no-untyped-def]
    from anci_mailintake.store.review import add_user
    from anci_mailintake.web.passwords import hash_password

    with session_scope(engine) as s:
        add_user(s, "anna", hash_password(PASSWORD))
    c = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    assert c.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token}).status_code == 302
    return c


def test_the_dashboard_needs_a_login(app):
    anonymous = app.test_client()
    r = anonymous.get("/report")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert anonymous.get("/report.xlsx").status_code == 302


def test_the_dashboard_shows_the_totals_and_the_chart(client, known):
    page = client.get("/report").text
    assert "<h1>Riepilogo: Italia</h1>" in page and '>Riepilogo</a>' in page  # and in the menu
    assert '<b class="places-confirmed">32</b>' in page and '<b class="places-pending">24</b>' in page
    total = re.search(r'<tr class="total">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r"<b>([^<]*)</b>", total)[1:] == ["7896", "5+3", "4+2", "1", "0", "0+1", "19+4", "13+20",
                                                         "0", "32+24"]
    assert page.count("<svg") == 1 and "Piemonte: 12 posti confermati" in page
    assert "<script>" not in page.split("</head>")[1]  # the app's own script is a file in <head>
    assert "style=" not in page  # the app's CSP allows no inline style


def test_one_province_lists_whom_to_call_back(client, known):
    page = client.get("/report?province=MI").text
    assert "Riepilogo: Milano (MI)" in page and "Comuni che non hanno risposto (133)" in page
    assert "Milano <span" in page
    assert client.get("/report?region=Atlantide").status_code == 400


def test_the_workbook_download(client, known):
    r = client.get("/report.xlsx?region=Piemonte")
    assert r.status_code == 200 and "risposte-msna-piemonte" in r.headers["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.data))
    rows = list(wb["comuni answered"].iter_rows(values_only=True))
    assert len(rows) == 1 + 3 and {row[3] for row in rows[1:]} == {"Piemonte"}
