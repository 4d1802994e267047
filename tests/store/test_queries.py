"""Raw messages are stored once; extractions are versioned; corrections outlive reprocessing."""

from __future__ import annotations

from sqlalchemy import select

from anci_mailintake.records import ComuneRef, Extraction, Outcome, ParsedMessage, ReadMessage
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.effective import effective_comuni, effective_messages
from anci_mailintake.store.models import Correction, CorrectionComune, ExtractionRow, MessageSource
from anci_mailintake.store.queries import add_raw, pending, raw_bytes, save_outcome, select_messages


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
