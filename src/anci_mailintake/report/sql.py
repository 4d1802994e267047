"""The report's SQL: which reply counts for each Comune, and the totals per territory.

Everything is aggregated in the database (GROUP BY and window functions, on SQLite ≥ 3.25 and
PostgreSQL alike); Python only receives one row per territory, or one per listed Comune.
Values are the effective ones of store/effective.py: a staff correction first, else the
current extraction.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, not_, or_, select, true
from sqlalchemy.orm import Session

from ..errors import ConfigError
from ..store.effective import effective_comuni, effective_messages
from ..store.models import Comune, Message
from .model import TALLY_FIELDS, Answer, Missing, Report, Superseded, Tally, Territory

_Ts = TypeVarTuple("_Ts")


def answers() -> Subquery:
    """Every (Comune, reply) pair, ranked per Comune: rank 1 with counts true is the counted answer.

    Order within a Comune: counting messages first, then the latest by the Date header (the
    time it was stored when the header is missing or unreadable), then the highest message id.
    """
    em = effective_messages().subquery("em")
    ec = effective_comuni()
    at = func.coalesce(em.c.date_utc, Message.received_at)
    counts = em.c.counts == true()
    confirmed = or_(em.c.corrected == true(), and_(em.c.status == "ok", not_(em.c.needs_review == true())))
    return (
        select(
            ec.c.istat, ec.c.message_pk, ec.c.position,
            case((counts, 1), else_=0).label("counts"),
            case((confirmed, 1), else_=0).label("confirmed"),
            case((em.c.corrected == true(), 1), else_=0).label("corrected"),
            em.c.intent, em.c.mode, em.c.places, em.c.from_.label("sender"), em.c.subject, at.label("at"),
            func.count().over(partition_by=ec.c.message_pk).label("message_comuni"),
            func.count().over(partition_by=ec.c.istat).label("replies"),
            func.row_number().over(
                partition_by=ec.c.istat,
                order_by=(case((counts, 1), else_=0).desc(), at.desc(), ec.c.message_pk.desc()),
            ).label("rank"),
        )
        .join(em, em.c.pk == ec.c.message_pk)
        .join(Message, Message.id == ec.c.message_pk)
        .where(em.c.kind == "reply")
        .subquery("answers")
    )


def counted() -> Subquery:
    """The counted answer of each Comune that has one, with `lead` = 1 where its places are counted."""
    a = answers()
    return (
        select(
            *[c for c in a.c if c.name != "rank"],
            func.row_number().over(partition_by=a.c.message_pk, order_by=(a.c.position, a.c.istat)).label("lead"),
        )
        .where(a.c.rank == 1, a.c.counts == 1)
        .subquery("counted")
    )


def _tally_columns(c: Subquery, confirmed: int) -> list[ColumnElement[Any]]:
    sure = c.c.confirmed == confirmed
    interested = and_(sure, c.c.intent == "interested")
    lead = and_(interested, c.c.lead == 1)
    places = func.coalesce(c.c.places, 0)

    def n(cond: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    def p(cond: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case((cond, places), else_=0)), 0)

    return [
        n(interested),
        n(and_(sure, c.c.intent == "not_interested")),
        n(and_(sure, c.c.intent == "undecided")),
        n(and_(sure, or_(c.c.intent.is_(None), c.c.intent.not_in(("interested", "not_interested", "undecided"))))),
        p(and_(lead, c.c.mode == "new_project")),
        p(and_(lead, c.c.mode == "expansion")),
        p(and_(lead, or_(c.c.mode.is_(None), c.c.mode.not_in(("new_project", "expansion"))))),
    ]


def _where(q: Select[*_Ts], region: str | None, province: str | None) -> Select[*_Ts]:
    if region:
        q = q.where(Comune.region == region)
    if province:
        q = q.where(Comune.province == province)
    return q


def totals(session: Session, by: str = "province", *, region: str | None = None,
           province: str | None = None) -> list[Territory]:
    """Totals per province, per region or (by="all") for the whole scope: one GROUP BY in SQL."""
    c = counted()
    keys = {"province": [Comune.region, Comune.province, Comune.province_name], "region": [Comune.region],
            "all": []}[by]
    q = (select(*keys, func.count(Comune.istat), *_tally_columns(c, 1), *_tally_columns(c, 0))
         .select_from(Comune).outerjoin(c, c.c.istat == Comune.istat))
    q = _where(q, region, province)
    if keys:
        q = q.group_by(*keys).order_by(*keys)
    out = []
    k, t = len(keys), len(TALLY_FIELDS)
    for row in session.execute(q):
        vals = [int(v or 0) for v in row[k + 1:]]
        out.append(Territory(
            region=row[0] if k else (region or ""),
            province=row[1] if k == 3 else None,
            province_name=row[2] if k == 3 else None,
            comuni=int(row[k]),
            confirmed=Tally(*vals[:t]),
            pending=Tally(*vals[t:]),
        ))
    return out


def answered(session: Session, *, region: str | None = None, province: str | None = None) -> list[Answer]:
    """Each Comune's counted answer, by region, province and name."""
    c = counted()
    places = case((and_(c.c.intent == "interested", c.c.lead == 1), func.coalesce(c.c.places, 0)), else_=0)
    q = (select(Comune.istat, Comune.name, Comune.province, Comune.region, c.c.message_pk, c.c.at, c.c.sender,
                c.c.subject, c.c.intent, c.c.mode, places, c.c.places, c.c.message_comuni, c.c.confirmed,
                c.c.corrected, c.c.replies - 1)
         .join(c, c.c.istat == Comune.istat).order_by(Comune.region, Comune.province, Comune.name))
    return [Answer(istat=r[0], name=r[1], province=r[2], region=r[3], message_pk=r[4], date=_utc(r[5]),
                   sender=r[6] or "", subject=r[7] or "", intent=r[8], mode=r[9], places=int(r[10]),
                   message_places=r[11], message_comuni=int(r[12]), confirmed=bool(r[13]),
                   corrected=bool(r[14]), superseded=int(r[15]))
            for r in session.execute(_where(q, region, province))]


def superseded(session: Session, *, region: str | None = None, province: str | None = None) -> list[Superseded]:
    """Replies that do not count for their Comune: excluded by staff, or older than the counted one."""
    a, c = answers(), counted()
    q = (select(Comune.istat, Comune.name, Comune.province, Comune.region, a.c.message_pk, a.c.at, a.c.intent,
                a.c.mode, a.c.places, a.c.counts, c.c.message_pk, c.c.at)
         .join(a, a.c.istat == Comune.istat)
         .outerjoin(c, c.c.istat == Comune.istat)
         .where(or_(a.c.rank > 1, a.c.counts == 0))
         .order_by(Comune.region, Comune.province, Comune.name, a.c.at.desc(), a.c.message_pk.desc()))
    return [Superseded(istat=r[0], name=r[1], province=r[2], region=r[3], message_pk=r[4], date=_utc(r[5]),
                       intent=r[6], mode=r[7], places=r[8], excluded=not r[9], kept_pk=r[10], kept_date=_utc(r[11]))
            for r in session.execute(_where(q, region, province))]


def missing(session: Session, *, region: str | None = None, province: str | None = None) -> list[Missing]:
    """Comuni of ISTAT's list without a counted answer: whom to call back."""
    c = counted()
    q = (select(Comune.istat, Comune.name, Comune.province, Comune.province_name, Comune.region)
         .where(Comune.istat.not_in(select(c.c.istat)))
         .order_by(Comune.region, Comune.province, Comune.name))
    return [Missing(*r) for r in session.execute(_where(q, region, province))]


def resolve_scope(session: Session, region: str | None, province: str | None) -> tuple[str | None, str | None]:
    """The official region name and province code for what a person typed, or a ConfigError that lists them.

    A region matches case-insensitively on its full name or on either half of a bilingual one
    ("Trentino-Alto Adige", "Südtirol"); a province on its car-plate code or its name.
    """
    if region:
        names = list(session.scalars(select(Comune.region).distinct().order_by(Comune.region)))
        want = region.strip().casefold()
        regions = [n for n in names if want == n.casefold() or want in (p.strip().casefold() for p in n.split("/"))]
        if len(regions) != 1:
            raise ConfigError(f"--region {region!r} is not a region of ISTAT's list; use one of: {', '.join(names)}")
        region = regions[0]
    if province:
        rows = session.execute(select(Comune.province, Comune.province_name, Comune.region).distinct()
                               .order_by(Comune.province)).all()
        want = province.strip().casefold()
        hits = [r for r in rows if want in (r[0].casefold(), r[1].casefold())]
        if len(hits) != 1:
            raise ConfigError(f"--province {province!r} is not a province of ISTAT's list; use a car-plate code "
                              f"such as {', '.join(r[0] for r in rows[:8])} … (or the province's name)")
        if region and hits[0][2] != region:
            raise ConfigError(f"--province {hits[0][0]} ({hits[0][1]}) lies in {hits[0][2]}, not in {region}")
        province = hits[0][0]
    return region, province


def build(session: Session, *, region: str | None = None, province: str | None = None,
          lists: bool = True) -> Report:
    """The whole report for a scope (Italy, a region or a province): totals, and the lists when asked."""
    region, province = resolve_scope(session, region, province)
    total = totals(session, "all", region=region, province=province)[0]
    if province and not region:
        region = totals(session, "province", province=province)[0].region
    return Report(
        region=region, province=province, total=total,
        regions=tuple(totals(session, "region", region=region, province=province)),
        provinces=tuple(totals(session, "province", region=region, province=province)),
        answered=tuple(answered(session, region=region, province=province)) if lists else (),
        superseded=tuple(superseded(session, region=region, province=province)) if lists else (),
        missing=tuple(missing(session, region=region, province=province)) if lists else (),
        generated_at=datetime.now(timezone.utc),
    )


def _utc(value: datetime | str | None) -> datetime | None:
    """SQLite returns the window's COALESCE as text: read it back as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


__all__ = ["answers", "counted", "totals", "answered", "superseded", "missing", "resolve_scope", "build"]
