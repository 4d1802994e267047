"""The queue: messages needing review first (oldest first), then the rest; filters, counts, paging."""

from __future__ import annotations

import re

from anci_mailintake.records import ComuneRef
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.queries import add_raw, save_outcome
from anci_mailintake.records import Outcome
from anci_mailintake.store import review as store

from .conftest import BERGAMO, NOVE, page_token, put_message, raw_message


def _order(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-href="/messages/(\d+)', html)]


def _fill(engine):  # type: ignore[no-untyped-def]
    late_review = put_message(engine, raw_message("Adesione tardiva", "Forse 4 posti.", date="Fri, 20 Mar 2020 10:00:00 +0100"),
                              comuni=(NOVE,), places=4, intent="undecided")
    early_review = put_message(engine, raw_message("Risposta Bergamo", "Bergamo: 12 posti, da verificare.",
                                                   sender="Bergamo <sindaco@comune.bergamo.it>",
                                                   date="Thu, 06 Feb 2020 10:00:00 +0100"),
                               comuni=(BERGAMO,), places=12)
    fine = put_message(engine, raw_message("Non interessati", "Il Comune non aderisce.", date="Wed, 05 Feb 2020 10:00:00 +0100"),
                       comuni=(ComuneRef("001272", "Torino", "TO"),), intent="not_interested", needs_review=False)
    auto = put_message(engine, raw_message("Fuori ufficio", "Sono assente fino al 20.", date="Sat, 08 Feb 2020 10:00:00 +0100"),
                       kind="auto_reply", intent=None, needs_review=False)
    with session_scope(engine) as s:
        broken, _ = add_raw(s, "broken.eml", b"\x00garbage")
        save_outcome(s, broken, Outcome(read=None, extraction=None, error="no header or body could be read"))
    return {"late": late_review, "early": early_review, "fine": fine, "auto": auto, "broken": broken}


def test_review_first_oldest_first_then_the_rest(client, engine):
    m = _fill(engine)
    html = client.get("/").text
    order = _order(html)
    # the broken one has no date: it sorts by when it was received (now), last of the review group
    assert order == [m["early"], m["late"], m["broken"], m["fine"], m["auto"]]
    assert "Da rivedere <b>3</b>" in html and "Con errori <b>1</b>" in html and "Tutti <b>5</b>" in html
    assert "Bergamo (BG)" in html and "5 messaggi" in html


def test_filters(client, engine):
    m = _fill(engine)
    assert _order(client.get("/?review=yes").text) == [m["early"], m["late"], m["broken"]]
    assert _order(client.get("/?review=no").text) == [m["fine"], m["auto"]]
    assert _order(client.get("/?errors=1").text) == [m["broken"]]
    assert _order(client.get("/?kind=auto_reply").text) == [m["auto"]]
    assert _order(client.get("/?intent=not_interested").text) == [m["fine"]]
    assert _order(client.get("/?intent=none").text) == [m["broken"], m["auto"]]
    assert _order(client.get("/?region=Lombardia").text) == [m["early"]]
    assert _order(client.get("/?province=VI").text) == [m["late"]]
    assert _order(client.get("/?q=bergamo.it").text) == [m["early"]]  # the sender
    assert _order(client.get("/?q=assente").text) == [m["auto"]]  # document text
    assert _order(client.get("/?q=TARDIVA").text) == [m["late"]]  # subject, any case
    assert _order(client.get("/?q=100%25").text) == []  # LIKE wildcards are literal
    assert _order(client.get("/?kind=reply&review=yes&region=Veneto").text) == [m["late"]]
    assert "Nessun messaggio" in client.get("/?kind=bounce").text
    assert client.get("/?kind=<script>&intent=x&page=abc").status_code == 200  # bad values are ignored


def test_the_queue_shows_effective_values_and_a_corrected_message_leaves_the_review_group(client, engine):
    m = _fill(engine)
    token = page_token(client)
    r = client.post(f"/messages/{m['late']}/correct", data={
        "csrf_token": token, "kind": "reply", "comune": "016024", "intent": "interested", "mode": "expansion",
        "places": "9", "counts": "1"})
    assert r.status_code == 302
    html = client.get("/?review=no").text
    assert _order(html)[0] == m["fine"] and m["late"] in _order(html)
    row = html[html.index(f'/messages/{m["late"]}'):]
    row = row[: row.index("</tr>")]
    assert "corretto" in row and "Bergamo (BG)" in row and ">9<" in row and "Nove" not in row
    assert "Da rivedere <b>2</b>" in client.get("/").text


def test_paging(client, engine):
    pks = [put_message(engine, raw_message(f"Msg {i}", f"Testo {i}", date=f"Mon, {10 + i} Feb 2020 10:00:00 +0100"))
           for i in range(5)]
    with session_scope(engine) as s:
        pages = [store.queue(s, store.QueueFilter(), page, per_page=2) for page in (1, 2, 3, 9)]
    assert [[r.pk for r in p.rows] for p in pages] == [pks[:2], pks[2:4], pks[4:], pks[4:]]
    assert pages[0].total == 5 and pages[0].pages == 3 and pages[3].page == 3


def test_neighbours_follow_the_filtered_order(client, engine):
    m = _fill(engine)
    with session_scope(engine) as s:
        f = store.QueueFilter(review="yes")
        assert store.neighbours(s, f, m["early"]) == (None, m["late"])
        assert store.neighbours(s, f, m["late"]) == (m["early"], m["broken"])
        assert store.neighbours(s, f, m["broken"]) == (m["late"], None)
        assert store.neighbours(s, f, m["fine"]) == (None, m["early"])  # not in the filter: start over
    html = client.get(f"/messages/{m['late']}?review=yes").text
    assert f'id="prev" href="/messages/{m["early"]}?review=yes"' in html
    assert f'id="next" href="/messages/{m["broken"]}?review=yes"' in html


def test_only_reviewed(client, engine):
    m = _fill(engine)
    client.post(f"/messages/{m['auto']}/confirm", data={"csrf_token": page_token(client)})
    html = client.get("/?corrected=1").text
    assert _order(html) == [m["auto"]] and "Corretti o confermati <b>1</b>" in html


def test_failed_and_unprocessed_messages_open_too(client, engine):
    m = _fill(engine)
    html = client.get(f"/messages/{m['broken']}").text
    assert "Elaborazione non riuscita" in html and "no header or body could be read" in html
    with session_scope(engine) as s:
        waiting, _ = add_raw(s, "later.eml", b"Subject: later\r\n\r\nnot read yet")
    r = client.get(f"/messages/{waiting}")
    assert r.status_code == 200 and "Nessun testo letto" in r.text
    assert waiting in _order(client.get("/?review=yes").text)
