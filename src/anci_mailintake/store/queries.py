"""Reads and writes on the store. Every function takes a Session and never commits."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..records import Outcome
from .models import (
    DocumentRow,
    ExtractionComune,
    ExtractionRow,
    Message,
    MessageSource,
    RawBytes,
    utcnow,
)


def add_raw(session: Session, source: str, data: bytes) -> tuple[int, bool]:
    """Store a message's bytes unless the same bytes are stored; record the source either way.

    Returns (message pk, whether it was new). Identity is the SHA-256 of the bytes: the same
    message found twice (another folder, a UIDVALIDITY reset, a copied file) is stored once.
    """
    sha = hashlib.sha256(data).hexdigest()
    pk = session.scalar(select(Message.id).where(Message.sha256 == sha))
    created = pk is None
    if created:
        msg = Message(sha256=sha, source=source, size=len(data), status="pending")
        msg.raw = RawBytes(data=data)
        session.add(msg)
        session.flush()
        pk = msg.id
    elif session.scalar(select(MessageSource.id).where(MessageSource.message_pk == pk,
                                                       MessageSource.source == source)) is not None:
        return pk, False
    session.add(MessageSource(message_pk=pk, source=source))
    session.flush()
    return pk, created


def raw_bytes(session: Session, pk: int) -> bytes:
    return session.scalar(select(RawBytes.data).where(RawBytes.message_pk == pk)) or b""


def save_outcome(session: Session, pk: int, outcome: Outcome) -> None:
    """Record what processing gave: headers, documents, a new current extraction, the status.

    Staff corrections are separate rows and are never touched here.
    """
    msg = session.get(Message, pk)
    if msg is None:
        raise LookupError(f"message {pk} is not in the store")
    msg.processed_at = utcnow()
    if outcome.read is not None:
        outer = outcome.read.outer
        msg.message_id, msg.date, msg.date_utc = outer.message_id, outer.date, outer.date_utc
        msg.from_, msg.from_address, msg.subject = outer.from_, outer.from_address, outer.subject
        pec = outcome.read.pec
        msg.pec_type = pec.type if pec else None
        msg.certified_sender = pec.certified_sender if pec else None
        msg.pec_identifier = pec.identifier if pec else None
        msg.signers = [asdict(s) for s in outcome.read.signers] or None
        msg.documents.clear()
        session.flush()
        for seq, d in enumerate(outcome.read.documents):
            msg.documents.append(DocumentRow(
                seq=seq, role=d.role, origin=d.origin, name=d.name, part=d.part, mime=d.mime,
                method=d.method, size=d.size, error=d.error, text=_clean(d.text)))
    warnings = list(outcome.warnings) + (list(outcome.read.warnings) if outcome.read else [])
    msg.warnings = [_clean(w) for w in warnings[:50]] or None
    if outcome.error is not None:
        msg.status, msg.error = "error", _clean(outcome.error)
    else:
        msg.status, msg.error = "ok", None
    if outcome.extraction is not None:
        x = outcome.extraction
        session.execute(update(ExtractionRow).where(ExtractionRow.message_pk == pk, ExtractionRow.is_current)
                        .values(is_current=False))
        row = ExtractionRow(
            message_pk=pk, version=x.version, is_current=True, kind=x.kind, intent=x.intent, mode=x.mode,
            places=x.places, places_total=x.places_total, places_current=x.places_current,
            confidence=float(x.confidence), needs_review=x.needs_review,
            review_reasons=list(x.review_reasons), evidence=[asdict(e) for e in x.evidence])
        seen: set[str] = set()
        for pos, c in enumerate(x.comuni):
            if c.istat not in seen:
                seen.add(c.istat)
                row.comuni.append(ExtractionComune(istat=c.istat, position=pos))
        session.add(row)
    session.flush()


def _clean(text: str) -> str:
    """Text a database will take: PostgreSQL refuses NUL characters and lone surrogates."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def select_messages(session: Session, *, all_: bool = False, ids: tuple[int, ...] = (),
                    since: datetime | None = None, status: str | None = None,
                    needs_review: bool = False) -> list[int]:
    """Message pks matching the reprocess filters (combined with AND), oldest first."""
    q = select(Message.id).order_by(Message.id)
    if ids:
        q = q.where(Message.id.in_(ids))
    if since is not None:
        q = q.where(func.coalesce(Message.date_utc, Message.received_at) >= since)
    if status:
        q = q.where(Message.status == status)
    if needs_review:
        cur = select(ExtractionRow.message_pk).where(ExtractionRow.is_current, ExtractionRow.needs_review)
        q = q.where(Message.id.in_(cur))
    if not (all_ or ids or since or status or needs_review):
        return []
    return list(session.scalars(q))


def pending(session: Session) -> list[int]:
    """Messages stored but never processed (a run that was killed between storing and processing)."""
    return list(session.scalars(select(Message.id).where(Message.status == "pending").order_by(Message.id)))


def status_counts(session: Session) -> dict[str, dict[str, int]]:
    """{'status': {ok: n, …}, 'kind': {reply: n, …}} over all stored messages."""
    by_status = dict(session.execute(select(Message.status, func.count()).group_by(Message.status)).all())
    by_kind = dict(session.execute(
        select(ExtractionRow.kind, func.count()).where(ExtractionRow.is_current).group_by(ExtractionRow.kind)).all())
    review = session.scalar(select(func.count()).select_from(ExtractionRow)
                            .where(ExtractionRow.is_current, ExtractionRow.needs_review)) or 0
    return {"status": by_status, "kind": by_kind, "needs_review": {"current": review}}
