"""Raw messages are stored once; extractions are versioned; corrections outlive reprocessing."""

from __future__ import annotations

from sqlalchemy import func, select

from anci_mailintake.records import ComuneRef, Extraction, Outcome, ParsedMessage, ReadMessage
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.effective import effective_comuni, effective_messages
from anci_mailintake.store.models import Correction, CorrectionComune, ExtractionRow, Message, MessageSource
from anci_mailintake.store.queries import add_raw, add_raws, pending, raw_bytes, save_outcome, select_messages


def _read() -> ReadMessage:
    parsed = ParsedMessage(message_id="<a@b>", date=None, date_utc=None, from_="x <x@comune.nove.vi.it>",
                           from_address="x@comune.nove.vi.it", to="", subject="Re: SIPROIMI", content_type="text/plain",
                           headers={}, text="Il Comune di Nove aderisce con 6 posti.", html_text="")
    return ReadMessage(outer=parsed)


def _extraction(places: int) -> Extraction:
    return Extraction(kind="reply", comuni=(ComuneRef("024073", "Nove", "VI"),), intent="interested",
                      mode="new_project", places=places, confidence=0.9, version="test")


def test_same_bytes_are_stored_once_with_every_source(engine):
    with session_scope(engine) as s:
        pk, new = add_raw(s, "a.eml", b"Subject: x\r\n\r\nbody")
        pk2, new2 = add_raw(s, "copy/a.eml", b"Subject: x\r\n\r\nbody")
        pk3, new3 = add_raw(s, "a.eml", b"Subject: x\r\n\r\nbody")
        assert (new, new2, new3) == (True, False, False) and pk == pk2 == pk3
        assert sorted(s.scalars(select(MessageSource.source))) == ["a.eml", "copy/a.eml"]
        assert raw_bytes(s, pk) == b"Subject: x\r\n\r\nbody"
        assert pending(s) == [pk]


def test_reprocessing_adds_a_current_extraction_and_never_touches_a_correction(engine):
    with session_scope(engine) as s:
        pk, _ = add_raw(s, "a.eml", b"Subject: x\r\n\r\nbody")
        save_outcome(s, pk, Outcome(read=_read(), extraction=_extraction(6)))
    with session_scope(engine) as s:
        corr = Correction(message_pk=pk, username="anna", action="correct", kind="reply", intent="interested",
                          mode="expansion", places=8, note="telefonata")
        corr.comuni.append(CorrectionComune(istat="024073"))
        s.add(corr)
    with session_scope(engine) as s:
        save_outcome(s, pk, Outcome(read=_read(), extraction=_extraction(7)))
    with session_scope(engine) as s:
        rows = s.scalars(select(ExtractionRow).where(ExtractionRow.message_pk == pk).order_by(ExtractionRow.id)).all()
        assert [(r.places, r.is_current) for r in rows] == [(6, False), (7, True)]
        eff = s.execute(effective_messages().where(effective_messages().selected_columns.pk == pk)).one()
        assert (eff.places, eff.mode, eff.corrected, eff.needs_review) == (8, "expansion", True, False)
        ec = effective_comuni()
        assert s.execute(select(ec.c.istat).where(ec.c.message_pk == pk)).scalars().all() == ["024073"]
        assert s.scalar(select(Correction.places)) == 8


def test_an_error_outcome_is_recorded_with_its_sentence(engine):
    with session_scope(engine) as s:
        pk, _ = add_raw(s, "bad.eml", b"\x00\x01")
        save_outcome(s, pk, Outcome(read=None, extraction=None, error="the message is empty"))
    with session_scope(engine) as s:
        eff = s.execute(effective_messages()).one()
        assert (eff.status, eff.error, eff.kind, eff.needs_review) == ("error", "the message is empty", "other", True)
        assert select_messages(s, status="error") == [pk]
        assert select_messages(s) == []


def test_a_batch_stores_each_new_message_once_and_rolls_back_whole(engine):
    """add_raws works in a savepoint: on SQLite too, the outer transaction still owns the batch."""
    items = [("a.eml", b"Subject: a\r\n\r\n1"), ("b.eml", b"Subject: b\r\n\r\n2"), ("a2.eml", b"Subject: a\r\n\r\n1")]
    try:
        with session_scope(engine) as s:
            add_raws(s, items)
            raise RuntimeError("the run dies before its commit")
    except RuntimeError:
        pass
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Message)) == 0
    with session_scope(engine) as s:
        out = add_raws(s, items)
    assert [new for _, new in out] == [True, True, False] and out[0][0] == out[2][0]
    with session_scope(engine) as s:
        assert sorted(s.scalars(select(MessageSource.source))) == ["a.eml", "a2.eml", "b.eml"]


def test_bytes_another_process_stored_meanwhile_are_taken_not_duplicated(pg_url):
    """An ingest beside a poll: another writer commits the same bytes between our look-up and insert.

    PostgreSQL only: SQLite's BEGIN IMMEDIATE makes writers wait their turn, so there is no race.
    """
    import hashlib
    import uuid

    from sqlalchemy import event

    from anci_mailintake.store.db import make_engine

    engine = make_engine(pg_url)
    data = f"Subject: race\r\n\r\n{uuid.uuid4()}".encode()
    sha = hashlib.sha256(data).hexdigest()
    other = [False]

    def sneak_in(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO MESSAGES") and not other[0]:
            other[0] = True
            with session_scope(engine) as s2:  # a second connection, as another process would have
                add_raw(s2, "imap:INBOX:1:7", data)

    event.listen(engine, "before_cursor_execute", sneak_in)
    try:
        with session_scope(engine) as s:
            (pk, new), = add_raws(s, [("reply.eml", data)])
    finally:
        event.remove(engine, "before_cursor_execute", sneak_in)
    assert other[0] and not new
    with session_scope(engine) as s:
        assert s.scalars(select(Message.id).where(Message.sha256 == sha)).all() == [pk]
        assert sorted(s.scalars(select(MessageSource.source).where(MessageSource.message_pk == pk))) == [
            "imap:INBOX:1:7", "reply.eml"]
    engine.dispose()
