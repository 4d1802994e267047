"""Reads and writes on the store. Every function takes a Session and never commits."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
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

# Core tables: the per-message writes below skip the ORM's unit of work.
MESSAGES = cast(Table, Message.__table__)
DOCUMENTS = cast(Table, DocumentRow.__table__)
EXTRACTIONS = cast(Table, ExtractionRow.__table__)
EXTRACTION_COMUNI = cast(Table, ExtractionComune.__table__)
RAW = cast(Table, RawBytes.__table__)
SOURCES = cast(Table, MessageSource.__table__)


def add_raw(session: Session, source: str, data: bytes) -> tuple[int, bool]:
    """Store one message's bytes (see add_raws); return (message pk, whether it was new)."""
    return add_raws(session, [(source, data)])[0]


def add_raws(session: Session, items: list[tuple[str, bytes]]) -> list[tuple[int, bool]]:
    """Store each message's bytes unless the same bytes are stored; record every source.

    Returns (message pk, whether it was new) per item. Identity is the SHA-256 of the bytes: the
    same message found twice (another folder, a UIDVALIDITY reset, a copied file, twice in one
    batch) is stored once and only gains a source. A handful of set-wise statements per batch,
    so storing keeps up with an IMAP fetch. Another process storing the same bytes at the same
    moment (an ingest beside a poll) makes the insert collide: it is retried in a savepoint,
    and the other process's row is used.
    """
    if not items:
        return []
    shas = [hashlib.sha256(data).hexdigest() for _, data in items]
    created: set[str] = set()
    for attempt in range(3):
        known = dict(session.execute(
            select(Message.sha256, Message.id).where(Message.sha256.in_(set(shas)))).all())
        fresh: dict[str, tuple[str, bytes]] = {}
        for (source, data), sha in zip(items, shas):
            if sha not in known and sha not in fresh:
                fresh[sha] = (source, data)
        if not fresh:
            break
        now = utcnow()
        try:
            with session.begin_nested():
                rows = session.execute(
                    insert(MESSAGES).returning(MESSAGES.c.sha256, MESSAGES.c.id, sort_by_parameter_order=True),
                    [{"sha256": sha, "source": src, "size": len(data), "status": "pending", "received_at": now}
                     for sha, (src, data) in fresh.items()]).all()
                session.execute(insert(RAW), [{"message_pk": pk, "data": fresh[sha][1]} for sha, pk in rows])
        except IntegrityError:
            if attempt == 2:
                raise
            continue
        known.update(rows)
        created = set(fresh)
        break
    pks = [known[sha] for sha in shas]
    wanted = set(zip(pks, (source for source, _ in items)))
    have = set(session.execute(select(MessageSource.message_pk, MessageSource.source).where(
        tuple_(MessageSource.message_pk, MessageSource.source).in_(list(wanted)))).all())
    if wanted - have:
        session.execute(insert(SOURCES), [{"message_pk": pk, "source": src, "added_at": utcnow()}
                                          for pk, src in sorted(wanted - have)])
    first_seen: set[str] = set()
    out = []
    for pk, sha in zip(pks, shas):
        out.append((pk, sha in created and sha not in first_seen))
        first_seen.add(sha)
    return out


def raw_bytes(session: Session, pk: int) -> bytes:
    return session.scalar(select(RawBytes.data).where(RawBytes.message_pk == pk)) or b""


def raw_batch(session: Session, pks: list[int]) -> dict[int, tuple[str, bytes]]:
    """pk → (source, raw bytes) for several messages in one query."""
    rows = session.execute(select(Message.id, Message.source, RawBytes.data)
                           .join(RawBytes, RawBytes.message_pk == Message.id).where(Message.id.in_(pks)))
    return {pk: (source, data) for pk, source, data in rows}


def save_outcome(session: Session, pk: int, outcome: Outcome) -> None:
    """Record what processing gave one message (see save_outcomes)."""
    save_outcomes(session, [(pk, outcome)])


def save_outcomes(session: Session, items: list[tuple[int, Outcome]]) -> None:
    """Record what processing gave: headers, documents, a new current extraction, the status.

    A handful of set-wise statements for the whole list (this runs for every message of a
    10,000-message poll, in the one process that writes). Staff corrections are separate rows
    and are never touched here.
    """
    if not items:
        return
    pks = [pk for pk, _ in items]
    now = utcnow()
    messages, docs, extractions = [], [], []
    for pk, outcome in items:
        messages.append(_message_values(pk, outcome, now))
        if outcome.read is not None:
            docs += [dict(message_pk=pk, seq=seq, role=d.role, origin=_clean(d.origin),
                          name=_clean(d.name) if d.name else None, part=d.part, mime=d.mime, method=d.method,
                          size=d.size, error=_clean(d.error) if d.error else None, text=_clean(d.text))
                     for seq, d in enumerate(outcome.read.documents)]
        if outcome.extraction is not None:
            extractions.append((pk, outcome.extraction))
    table = MESSAGES
    updated = 0
    for group in ([m for m in messages if "subject" in m], [m for m in messages if "subject" not in m]):
        if group:  # executemany needs one set of columns: read and unread outcomes go apart
            result = session.execute(update(table).where(table.c.id == bindparam("pk_")), group)
            updated += cast(CursorResult[Any], result).rowcount
    if updated != len(items):
        raise LookupError(f"some of messages {pks[:5]} are not in the store")
    read_pks = [pk for pk, o in items if o.read is not None]
    if read_pks:
        session.execute(delete(DOCUMENTS).where(DOCUMENTS.c.message_pk.in_(read_pks)))
    if docs:
        session.execute(insert(DOCUMENTS), docs)
    if extractions:
        xt = EXTRACTIONS
        session.execute(update(xt).where(xt.c.message_pk.in_([pk for pk, _ in extractions]), xt.c.is_current)
                        .values(is_current=False))
        rows = [dict(message_pk=pk, version=x.version, is_current=True, created_at=now, kind=x.kind, intent=x.intent,
                     mode=x.mode, places=x.places, places_total=x.places_total, places_current=x.places_current,
                     confidence=float(x.confidence), needs_review=x.needs_review,
                     review_reasons=[_clean(r) for r in x.review_reasons],
                     evidence=[{k: _clean(v) if isinstance(v, str) else v for k, v in vars(e).items()}
                               for e in x.evidence])
                for pk, x in extractions]
        ids = session.execute(insert(xt).returning(xt.c.id, sort_by_parameter_order=True), rows).scalars().all()
        comuni = [dict(extraction_id=xid, istat=code, position=i)
                  for xid, (_, x) in zip(ids, extractions)
                  for i, code in enumerate(dict.fromkeys(c.istat for c in x.comuni))]
        if comuni:
            session.execute(insert(EXTRACTION_COMUNI), comuni)


def _message_values(pk: int, outcome: Outcome, now: datetime) -> dict[str, object]:
    """Every column save_outcomes sets on `messages`, so one statement serves all rows."""
    warnings = list(outcome.warnings) + (list(outcome.read.warnings) if outcome.read else [])
    values: dict[str, object] = dict(
        pk_=pk, processed_at=now, status="error" if outcome.error is not None else "ok",
        error=_clean(outcome.error) if outcome.error is not None else None,
        warnings=[_clean(w) for w in warnings[:50]] or None)
    read = outcome.read
    if read is None:
        return values  # keep what an earlier reading found
    outer, pec = read.outer, read.pec
    values.update(
        message_id=outer.message_id, date=_clean(outer.date) if outer.date else None, date_utc=outer.date_utc,
        from_header=_clean(outer.from_), from_address=_clean(outer.from_address)[:320], subject=_clean(outer.subject),
        pec_type=pec.type[:60] if pec else None, certified_sender=pec.certified_sender if pec else None,
        pec_identifier=pec.identifier if pec else None,
        signers=[{k: _clean(v) if isinstance(v, str) else v for k, v in vars(s).items()} for s in read.signers]  # flat dataclasses
        or None)
    return values


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
