"""Reads and writes on the store. Every function takes a Session and never commits."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    JSON,
    CursorResult,
    Dialect,
    Integer,
    String,
    Table,
    TypeDecorator,
    bindparam,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
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


class OutcomeRows(NamedTuple):
    """One message's outcome as the values save_outcomes writes: text cleaned, JSON columns serialised.

    Built by outcome_rows() where the outcome is made, in a worker: a few dicts of plain values pickle
    and unpickle five times faster than the tree of dataclasses they come from, and leave the one
    process that writes only the statements to run.
    """

    message: dict[str, Any]  # columns of `messages`; without a read (an error) only status, error, warnings
    documents: tuple[dict[str, Any], ...] | None  # rows of `documents` but message_pk; None: nothing was read
    extraction: dict[str, Any] | None  # a row of `extractions` but message_pk, is_current, created_at
    comuni: tuple[str, ...] = ()  # the extraction's ISTAT codes, in order, each once

    @property
    def error(self) -> str | None:
        return cast("str | None", self.message["error"])


def outcome_rows(outcome: Outcome) -> OutcomeRows:
    """What save_outcomes writes for OUTCOME (see OutcomeRows)."""
    read, x = outcome.read, outcome.extraction
    warnings = list(outcome.warnings) + (list(read.warnings) if read else [])
    message: dict[str, Any] = dict(
        status="error" if outcome.error is not None else "ok",
        error=_clean(outcome.error) if outcome.error is not None else None,
        warnings=json.dumps([_clean(w) for w in warnings[:50]] or None))
    documents = None
    if read is not None:  # else keep what an earlier reading found
        outer, pec = read.outer, read.pec
        message.update(
            message_id=outer.message_id, date=_clean(outer.date) if outer.date else None, date_utc=outer.date_utc,
            from_header=_clean(outer.from_), from_address=_clean(outer.from_address)[:320],
            subject=_clean(outer.subject), pec_type=pec.type[:60] if pec else None,
            certified_sender=pec.certified_sender if pec else None, pec_identifier=pec.identifier if pec else None,
            signers=json.dumps([_cleaned(vars(s)) for s in read.signers] or None))  # flat dataclasses
        documents = tuple(dict(seq=seq, role=d.role, origin=_clean(d.origin), name=_clean(d.name) if d.name else None,
                               part=d.part, mime=d.mime, method=d.method, size=d.size,
                               error=_clean(d.error) if d.error else None, text=_clean(d.text))
                          for seq, d in enumerate(read.documents))
    if x is None:
        return OutcomeRows(message, documents, None)
    extraction = dict(version=x.version, kind=x.kind, intent=x.intent, mode=x.mode, places=x.places,
                      places_total=x.places_total, places_current=x.places_current, confidence=float(x.confidence),
                      needs_review=x.needs_review, review_reasons=json.dumps([_clean(r) for r in x.review_reasons]),
                      evidence=json.dumps([_cleaned(vars(e)) for e in x.evidence]))
    return OutcomeRows(message, documents, extraction, tuple(dict.fromkeys(c.istat for c in x.comuni)))


class _Serialised(TypeDecorator[str]):
    """A JSON column's value already serialised by outcome_rows (json.dumps, as the JSON type would):
    bound as it is, with PostgreSQL's ::JSON cast still rendered."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:  # type: ignore[override]
        return None


def _json_binds(*names: str) -> dict[str, Any]:
    return {name: bindparam(name, type_=_Serialised()) for name in names}


_PK = bindparam("pk_", type_=Integer())
# executemany needs one set of columns: read and unread outcomes each have their statement.
_UPDATE_READ = update(MESSAGES).where(MESSAGES.c.id == _PK).values(_json_binds("warnings", "signers"))
_UPDATE_UNREAD = update(MESSAGES).where(MESSAGES.c.id == _PK).values(_json_binds("warnings"))
_INSERT_EXTRACTION = insert(EXTRACTIONS).values(_json_binds("review_reasons", "evidence"))
# Each Comune row finds its extraction by the message's one current extraction: no RETURNING, which
# SQLite would answer one row per statement.
_INSERT_COMUNI = insert(EXTRACTION_COMUNI).from_select(
    ["extraction_id", "istat", "position"],
    select(EXTRACTIONS.c.id, bindparam("istat", type_=String()), bindparam("position", type_=Integer()))
    .where(EXTRACTIONS.c.message_pk == _PK, EXTRACTIONS.c.is_current))


def save_outcome(session: Session, pk: int, outcome: Outcome) -> None:
    """Record what processing gave one message (see save_outcomes)."""
    save_outcomes(session, [(pk, outcome_rows(outcome))])


def save_outcomes(session: Session, items: list[tuple[int, OutcomeRows]]) -> None:
    """Record what processing gave: headers, documents, a new current extraction, the status.

    A handful of set-wise statements for the whole list (this runs for every message of a
    10,000-message poll, in the one process that writes). Staff corrections are separate rows
    and are never touched here.
    """
    if not items:
        return
    now = utcnow()
    read = [(pk, rows) for pk, rows in items if rows.documents is not None]
    unread = [(pk, rows) for pk, rows in items if rows.documents is None]
    updated = 0
    for statement, group in ((_UPDATE_READ, read), (_UPDATE_UNREAD, unread)):
        if group:
            result = session.execute(statement, [{**rows.message, "pk_": pk, "processed_at": now} for pk, rows in group])
            updated += cast(CursorResult[Any], result).rowcount
    if updated != len(items):
        raise LookupError(f"some of messages {[pk for pk, _ in items][:5]} are not in the store")
    if read:
        session.execute(delete(DOCUMENTS).where(DOCUMENTS.c.message_pk.in_([pk for pk, _ in read])))
    docs = [{**d, "message_pk": pk} for pk, rows in read for d in rows.documents or ()]
    if docs:
        session.execute(insert(DOCUMENTS), docs)
    extracted = [(pk, rows.extraction, rows.comuni) for pk, rows in items if rows.extraction is not None]
    if extracted:
        xt = EXTRACTIONS
        session.execute(update(xt).where(xt.c.message_pk.in_([pk for pk, _, _ in extracted]), xt.c.is_current)
                        .values(is_current=False))
        session.execute(_INSERT_EXTRACTION, [{**x, "message_pk": pk, "is_current": True, "created_at": now}
                                             for pk, x, _ in extracted])
        comuni = [{"pk_": pk, "istat": code, "position": i} for pk, _, codes in extracted for i, code in enumerate(codes)]
        if comuni:
            session.execute(_INSERT_COMUNI, comuni)


def _clean(text: str) -> str:
    """Text a database will take: PostgreSQL refuses NUL characters and lone surrogates."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _cleaned(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: _clean(v) if isinstance(v, str) else v for k, v in fields.items()}


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
