"""Reads and writes of the review app: the queue, one message, corrections, staff accounts.

Every function takes a Session and never commits. Values shown are the effective ones
(store/effective.py): a message's latest correction, else its current extraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Select, and_, case, exists, false, func, or_, select, true
from sqlalchemy.orm import Session

from .effective import effective_comuni, effective_messages
from .models import Comune, Correction, CorrectionComune, DocumentRow, ExtractionRow, Message, User, utcnow

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows; empty strings mean 'any'."""

    review: str = ""  # "" any, "yes" needs review, "no" does not
    errors: bool = False
    corrected: bool = False  # only messages staff confirmed or corrected
    kind: str = ""
    intent: str = ""  # "none" for no intent
    region: str = ""
    province: str = ""
    q: str = ""


@dataclass(frozen=True)
class QueuePage:
    rows: list[Any]  # effective rows with .review, plus .comuni: list[Comune]
    total: int  # rows matching the filter
    page: int
    pages: int


@dataclass(frozen=True)
class Values:
    """The full set of values a member of staff stands behind."""

    kind: str
    comuni: tuple[str, ...] = ()
    intent: str | None = None
    mode: str | None = None
    places: int | None = None
    places_total: int | None = None
    places_current: int | None = None
    counts: bool = True


def _queue_base() -> tuple[Any, Select]:
    """The effective rows with `review` (the effective needs-review flag) and `sort_date`."""
    eff = effective_messages().subquery("eff")
    review = case((eff.c.corrected, false()), (eff.c.status != "ok", true()),
                  else_=eff.c.needs_review).label("review")
    q = (select(eff, review, Message.received_at)
         .join(Message, Message.id == eff.c.pk))
    return eff, q


def _filtered(f: QueueFilter) -> tuple[Any, Select]:
    eff, q = _queue_base()
    review = q.selected_columns.review
    if f.review == "yes":
        q = q.where(review)
    elif f.review == "no":
        q = q.where(~review)
    if f.errors:
        q = q.where(eff.c.status == "error")
    if f.corrected:
        q = q.where(eff.c.corrected)
    if f.kind:
        q = q.where(eff.c.kind == f.kind)
    if f.intent == "none":
        q = q.where(eff.c.intent.is_(None))
    elif f.intent:
        q = q.where(eff.c.intent == f.intent)
    if f.region or f.province:
        ec = effective_comuni()
        place = select(ec.c.message_pk).join(Comune, Comune.istat == ec.c.istat)
        if f.region:
            place = place.where(Comune.region == f.region)
        if f.province:
            place = place.where(Comune.province == f.province)
        q = q.where(eff.c.pk.in_(place))
    if f.q.strip():
        text = f.q.strip()
        in_docs = exists().where(DocumentRow.message_pk == eff.c.pk, DocumentRow.text.icontains(text, autoescape=True))
        q = q.where(or_(eff.c.subject.icontains(text, autoescape=True),
                        eff.c.from_.icontains(text, autoescape=True), in_docs))
    order = (review.desc(), func.coalesce(eff.c.date_utc, Message.received_at).asc(), eff.c.pk.asc())
    return eff, q.order_by(*order)


def queue(session: Session, f: QueueFilter, page: int = 1, per_page: int = 50) -> QueuePage:
    """One page of the queue: messages needing review first, oldest first, then the rest."""
    _eff, q = _filtered(f)
    total = session.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = session.execute(q.limit(per_page).offset((page - 1) * per_page)).all()
    comuni = comuni_of(session, [r.pk for r in rows])
    out = [_Row(r, comuni.get(r.pk, [])) for r in rows]
    return QueuePage(rows=out, total=total, page=page, pages=pages)


class _Row:
    """A queue row: the effective columns as attributes, plus the Comuni."""

    def __init__(self, row: Any, comuni: list[Comune]) -> None:
        self.__dict__.update(row._mapping)
        self.comuni = comuni


def neighbours(session: Session, f: QueueFilter, pk: int) -> tuple[int | None, int | None]:
    """The messages before and after `pk` in the queue as filtered (None at either end)."""
    _eff, q = _filtered(f)
    ordered = list(session.scalars(q.with_only_columns(q.selected_columns.pk)))
    if pk not in ordered:
        return None, (ordered[0] if ordered else None)
    i = ordered.index(pk)
    return (ordered[i - 1] if i > 0 else None), (ordered[i + 1] if i + 1 < len(ordered) else None)


def counts(session: Session) -> dict[str, int]:
    """Totals over the whole store for the queue's header."""
    _eff, q = _queue_base()
    sub = q.subquery()
    row = session.execute(select(
        func.count(),
        func.sum(case((sub.c.review, 1), else_=0)),
        func.sum(case((sub.c.status == "error", 1), else_=0)),
        func.sum(case((sub.c.corrected, 1), else_=0)),
    ).select_from(sub)).one()
    return {"total": row[0] or 0, "review": row[1] or 0, "errors": row[2] or 0, "corrected": row[3] or 0}


def regions_and_provinces(session: Session) -> tuple[list[str], list[tuple[str, str]]]:
    """The filter choices: region names, and (code, name) of provinces, alphabetical."""
    regions = list(session.scalars(select(Comune.region).distinct().order_by(Comune.region)))
    provinces = [(p, n) for p, n in session.execute(
        select(Comune.province, Comune.province_name).distinct().order_by(Comune.province_name))]
    return regions, provinces


def comuni_of(session: Session, pks: list[int]) -> dict[int, list[Comune]]:
    """Each message's effective Comuni, in order."""
    if not pks:
        return {}
    ec = effective_comuni()
    q = (select(ec.c.message_pk, Comune).join(Comune, Comune.istat == ec.c.istat)
         .where(ec.c.message_pk.in_(pks)).order_by(ec.c.message_pk, ec.c.position))
    out: dict[int, list[Comune]] = {}
    for pk, comune in session.execute(q):
        out.setdefault(pk, []).append(comune)
    return out


@dataclass(frozen=True)
class MessageView:
    message: Message
    effective: Any  # the effective row (see effective_messages), with .review
    comuni: list[Comune]  # effective
    documents: list[DocumentRow]
    extraction: ExtractionRow | None  # current
    extraction_comuni: list[Comune]
    corrections: list[tuple[Correction, list[Comune]]]  # newest first


def message_view(session: Session, pk: int) -> MessageView | None:
    """Everything the message page shows, or None when there is no such message."""
    msg = session.get(Message, pk)
    if msg is None:
        return None
    _eff, q = _queue_base()
    eff_row = session.execute(q.where(q.selected_columns.pk == pk)).one()
    current = session.scalars(select(ExtractionRow).where(ExtractionRow.message_pk == pk,
                                                          ExtractionRow.is_current)).first()
    names = {c.istat: c for c in session.scalars(select(Comune).where(Comune.istat.in_(
        select(CorrectionComune.istat).join(Correction).where(Correction.message_pk == pk))))}
    history = []
    for corr in sorted(msg.corrections, key=lambda c: c.id, reverse=True):
        history.append((corr, [names[cc.istat] for cc in corr.comuni if cc.istat in names]))
    x_comuni = []
    if current is not None:
        x_comuni = [c for cc in current.comuni if (c := session.get(Comune, cc.istat)) is not None]
    return MessageView(message=msg, effective=eff_row, comuni=comuni_of(session, [pk]).get(pk, []),
                       documents=list(msg.documents), extraction=current, extraction_comuni=x_comuni,
                       corrections=history)


def current_values(session: Session, pk: int) -> Values:
    """The effective values of a message, as a confirmation copies them."""
    eff = effective_messages().subquery()
    r = session.execute(select(eff).where(eff.c.pk == pk)).one()
    istat = tuple(c.istat for c in comuni_of(session, [pk]).get(pk, []))
    return Values(kind=r.kind, comuni=istat, intent=r.intent, mode=r.mode, places=r.places,
                  places_total=r.places_total, places_current=r.places_current, counts=bool(r.counts))


def add_correction(session: Session, pk: int, user: User, action: str, values: Values, note: str = "") -> Correction:
    """Record a confirmation or a correction; it becomes the message's effective value."""
    if action not in ("confirm", "correct"):
        raise ValueError(f"action {action!r}: confirm or correct")
    corr = Correction(message_pk=pk, user_id=user.id, username=user.username, action=action, kind=values.kind,
                      intent=values.intent, mode=values.mode, places=values.places,
                      places_total=values.places_total, places_current=values.places_current,
                      counts=values.counts, note=note)
    for pos, istat in enumerate(dict.fromkeys(values.comuni)):
        corr.comuni.append(CorrectionComune(istat=istat, position=pos))
    session.add(corr)
    session.flush()
    return corr


def search_comuni(session: Session, text: str, limit: int = 20) -> list[Comune]:
    """Comuni whose name (or other-language name) starts with, then contains, `text`; or an ISTAT code."""
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        return list(session.scalars(select(Comune).where(Comune.istat.startswith(text)).order_by(Comune.istat)
                                    .limit(limit)))
    starts = or_(Comune.name.istartswith(text, autoescape=True), Comune.name_other.istartswith(text, autoescape=True))
    contains = or_(Comune.name.icontains(text, autoescape=True), Comune.name_other.icontains(text, autoescape=True))
    rank = case((starts, 0), else_=1)
    return list(session.scalars(select(Comune).where(contains).order_by(rank, Comune.name, Comune.province)
                                .limit(limit)))


def find_comune(session: Session, istat: str) -> Comune | None:
    return session.get(Comune, istat)


def comuni_named(session: Session, name: str) -> list[Comune]:
    """Comuni whose official or other name is exactly `name` (case-insensitive): homonyms give several."""
    low = name.strip().lower()
    return list(session.scalars(select(Comune).where(or_(func.lower(Comune.name) == low,
                                                         func.lower(Comune.name_other) == low))))


# Staff accounts ------------------------------------------------------------------------------

def get_user(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


def add_user(session: Session, username: str, password_hash: str) -> User:
    user = User(username=username, password_hash=password_hash, active=True)
    session.add(user)
    session.flush()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def _aware(dt: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes for timezone-aware columns; they were written in UTC."""
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt


def locked_until(user: User, now: datetime | None = None) -> datetime | None:
    """When the account's lock ends, or None when it is not locked."""
    now = now or utcnow()
    until = _aware(user.locked_until)
    return until if until is not None and until > now else None


def login_failed(session: Session, user: User, now: datetime | None = None) -> None:
    """Count a wrong password; the MAX_FAILED_LOGINS-th in a row locks the account for LOCK_MINUTES."""
    now = now or utcnow()
    if user.locked_until is not None and locked_until(user, now) is None:
        user.failed_logins, user.locked_until = 0, None  # an expired lock starts a new count
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
    session.flush()


def login_succeeded(session: Session, user: User, now: datetime | None = None) -> None:
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now or utcnow()
    session.flush()


def message_exists(session: Session, pk: int) -> bool:
    return session.scalar(select(exists().where(and_(Message.id == pk)))) or False
