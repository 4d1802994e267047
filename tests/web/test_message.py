"""The message page, confirm and correct, downloads, and the Comune autocomplete."""

from __future__ import annotations

from sqlalchemy import select

from anci_mailintake import export
from anci_mailintake.records import Outcome
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.models import Correction
from anci_mailintake.store.queries import raw_bytes, save_outcome
from anci_mailintake.records import Extraction, ReadMessage
from anci_mailintake.message.parse import parse

from .conftest import BERGAMO, NOVE, page_token, put_message, raw_message

BODY = "Gentili,\nil Comune di Nove aderisce con 6 posti per MSNA.\nCordiali saluti"
PDF = b"%PDF-1.4 fake delibera"


def _message(engine) -> int:  # type: ignore[no-untyped-def]
    return put_message(engine, raw_message("Re: SIPROIMI MSNA", BODY, ("delibera.pdf", PDF)), comuni=(NOVE,),
                       places=6, quoted="> Lettera ANCI del 5 febbraio", attachment_text="Delibera n. 12",
                       reasons=("places: a single figure in a long reply",))


def _record(engine, pk: int) -> dict:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        return next(r for r in export.records(s) if r["id"] == pk)


def test_the_page_shows_headers_texts_evidence_reasons_and_downloads(client, engine):
    pk = _message(engine)
    r = client.get(f"/messages/{pk}")
    html = r.text
    assert r.status_code == 200
    assert "Re: SIPROIMI MSNA" in html and "sociale@comune.nove.vi.it" in html and "10 Feb 2020" in html
    assert '<mark class="ev ev-places" title="posti nuovi · places.number">6</mark>' in html
    assert "places: a single figure in a long reply" in html
    quoted = html[html.index('<details class="document role-quoted"'):]
    assert "Storico citato" in quoted[:300] and "&gt; Lettera ANCI del 5 febbraio" in quoted
    assert "delibera.pdf" in html and "Delibera n. 12" in html
    assert f'href="/messages/{pk}/parts/1.2"' in html and f'href="/messages/{pk}/raw"' in html
    assert "Nove (VI, 024073)" in html and "Dall'estrazione automatica" in html


def test_attachment_and_raw_downloads_are_inert_octets(client, engine):
    pk = _message(engine)
    r = client.get(f"/messages/{pk}/parts/1.2")
    assert r.status_code == 200 and r.data == PDF
    assert r.headers["Content-Type"] == "application/octet-stream"
    assert r.headers["Content-Disposition"] == "attachment; filename=delibera.pdf"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    r = client.get(f"/messages/{pk}/parts/1.2.1")  # a document of a nested layer: its outer part
    assert r.status_code == 200 and r.data == PDF
    raw = client.get(f"/messages/{pk}/raw")
    with session_scope(engine) as s:
        assert raw.data == raw_bytes(s, pk)
    assert raw.headers["Content-Disposition"] == f"attachment; filename=messaggio-{pk}.eml"
    assert raw.headers["Content-Type"] == "application/octet-stream"
    assert client.get(f"/messages/{pk}/parts/9").status_code == 404
    assert client.get(f"/messages/{pk}/parts/..%2f..%2fetc").status_code == 404
    assert client.get("/messages/999999").status_code == 404
    assert client.get("/messages/999999/raw").status_code == 404


def test_a_hostile_file_name_is_neutralised(client, engine):
    pk = put_message(engine, raw_message("x", "y", ('../"evil";\t<script>.html', b"<script>alert(1)</script>")))
    r = client.get(f"/messages/{pk}/parts/1.2")
    assert r.headers["Content-Type"] == "application/octet-stream"
    disposition = r.headers["Content-Disposition"]
    assert "/" not in disposition and "<" not in disposition and "\t" not in disposition and '"evil"' not in disposition
    assert disposition.startswith("attachment; filename=")


def test_confirm_copies_the_current_values_and_moves_on(client, engine):
    first = _message(engine)
    second = put_message(engine, raw_message("Altro", "Bergamo 3 posti", date="Tue, 11 Feb 2020 10:00:00 +0100"),
                         comuni=(BERGAMO,), places=3)
    r = client.post(f"/messages/{first}/confirm?review=yes",
                    data={"csrf_token": page_token(client), "note": "visto"})
    assert r.status_code == 302 and r.headers["Location"] == f"/messages/{second}?review=yes"
    assert f"Messaggio n. {first}: valori confermati." in client.get(r.headers["Location"]).text
    rec = _record(engine, first)
    assert rec["corrected"] is True and rec["needs_review"] is False
    assert (rec["places"], rec["intent"], [c["istat"] for c in rec["comuni"]]) == (6, "interested", ["024073"])
    with session_scope(engine) as s:
        c = s.scalars(select(Correction)).one()
        assert (c.action, c.username, c.note, c.places) == ("confirm", "anna", "visto", 6)
    html = client.get(f"/messages/{first}").text
    assert "Storico delle revisioni" in html and "Da conferma di <b>anna</b>" in html


def test_correct_stores_the_full_set_and_keeps_the_history(client, engine):
    pk = _message(engine)
    token = page_token(client)
    r = client.post(f"/messages/{pk}/correct", data={
        "csrf_token": token, "kind": "reply", "comune": ["Bergamo (BG) – 016024", "nove", ""],
        "intent": "interested", "mode": "expansion", "places": "15", "places_total": "25", "places_current": "10",
        "note": "da 10 a 25", "counts": "1"})
    assert r.status_code == 302
    rec = _record(engine, pk)
    assert rec["corrected"] is True
    assert [c["istat"] for c in rec["comuni"]] == ["016024", "024073"]
    assert (rec["mode"], rec["places"], rec["places_total"], rec["places_current"]) == ("expansion", 15, 25, 10)
    # a second correction: unchecking 'counts' marks a duplicate; the history keeps both, newest first
    client.post(f"/messages/{pk}/correct", data={"csrf_token": token, "kind": "reply", "comune": "016024",
                                                 "intent": "interested", "mode": "expansion", "places": "15"})
    with session_scope(engine) as s:
        rows = s.scalars(select(Correction).order_by(Correction.id)).all()
        assert [(c.action, c.counts, c.places_total) for c in rows] == [("correct", True, 25), ("correct", False, None)]
    html = client.get(f"/messages/{pk}").text
    assert "no (duplicato o superato)" in html and html.index("da 10 a 25") > html.index("Storico delle revisioni")


def test_a_wrong_form_is_shown_again_with_what_to_fix(client, engine):
    pk = _message(engine)
    r = client.post(f"/messages/{pk}/correct", data={
        "csrf_token": page_token(client), "kind": "reply", "comune": ["Atlantide", "999999", "Peglio"],
        "intent": "maybe", "places": "tre", "note": "prova"})
    assert r.status_code == 400
    html = r.text
    assert "«Atlantide» non è nell&#39;elenco ISTAT" in html and "999999 non esiste" in html
    assert "è il nome di più Comuni" in html  # Peglio is in Como and in Pesaro-Urbino
    assert "Risposta: valore «maybe» non previsto" in html and "«tre» non è un numero" in html
    assert 'value="Atlantide"' in html and ">prova</textarea>" in html  # what was typed is kept
    with session_scope(engine) as s:
        assert s.scalar(select(Correction.id)) is None


def test_reprocessing_never_undoes_a_correction(client, engine):
    pk = _message(engine)
    client.post(f"/messages/{pk}/correct", data={"csrf_token": page_token(client), "kind": "reply",
                                                 "comune": "016024", "places": "20", "counts": "1"})
    with session_scope(engine) as s:
        raw = raw_bytes(s, pk)
        save_outcome(s, pk, Outcome(read=ReadMessage(outer=parse(raw)),
                                    extraction=Extraction(kind="other", needs_review=True, version="new")))
    rec = _record(engine, pk)
    assert (rec["corrected"], rec["places"], rec["kind"], rec["comuni"][0]["istat"]) == (True, 20, "reply", "016024")
    assert "Da correzione di <b>anna</b>" in client.get(f"/messages/{pk}").text


def test_mail_is_shown_as_text(client, engine):
    pk = put_message(engine, raw_message("<script>alert(1)</script>", "<img src=x onerror=alert(2)> 6 posti",
                                         ("<b>x</b>.pdf", b"%PDF")), places=6)
    html = client.get(f"/messages/{pk}").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    queue = client.get("/").text
    assert "<script>alert" not in queue and "&lt;script&gt;alert(1)&lt;/script&gt;" in queue


def test_the_comune_autocomplete(client):
    found = client.get("/api/comuni?q=nove").json
    assert found[0]["name"].lower().startswith("nove")
    assert {"istat": "024073", "name": "Nove", "province": "VI", "region": "Veneto",
            "label": "Nove (VI) – 024073"} in found
    assert [c["istat"] for c in client.get("/api/comuni?q=016024").json] == ["016024"]
    assert client.get("/api/comuni?q=%25").json == [] and client.get("/api/comuni?q=").json == []
    assert len(client.get("/api/comuni?q=San").json) == 20
