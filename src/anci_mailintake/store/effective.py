"""Effective values: a message's latest staff correction, else its current extraction.

Export, report and the review app all read through these selectables, so they never disagree.
Each is a plain SQL construct (works on SQLite and PostgreSQL) and aggregates in the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (Label, Select, SQLColumnExpression, Subquery, and_, case, false, func, literal, select, true,
                        union_all)
from sqlalchemy.orm import aliased

from .models import Correction, CorrectionComune, ExtractionComune, ExtractionRow, Message


def latest_corrections() -> Subquery:
    """(message_pk, correction_id) of each message's latest correction."""
    return (select(Correction.message_pk.label("message_pk"), func.max(Correction.id).label("correction_id"))
            .group_by(Correction.message_pk).subquery("latest_correction"))


def effective_messages() -> Select:
    """One row per message with its effective values and where they come from.

    Columns: pk, sha256, source, message_id, date, date_utc, from_, subject, status, error,
    kind, intent, mode, places, places_total, places_current, confidence, needs_review,
    review_reasons, corrected, counts, extraction_version, correction_id.
    """
    latest = latest_corrections()
    corr = aliased(Correction, name="corr")
    cur = aliased(ExtractionRow, name="cur")
    has = corr.id.is_not(None)

    def pick(col_corr: SQLColumnExpression[Any], col_cur: SQLColumnExpression[Any], label: str) -> Label[Any]:
        return case((has, col_corr), else_=col_cur).label(label)

    return (
        select(
            Message.id.label("pk"), Message.sha256, Message.source, Message.message_id, Message.date,
            Message.date_utc, Message.from_.label("from_"), Message.subject, Message.status, Message.error,
            case((has, corr.kind), else_=func.coalesce(cur.kind, "other")).label("kind"),
            pick(corr.intent, cur.intent, "intent"),
            pick(corr.mode, cur.mode, "mode"),
            pick(corr.places, cur.places, "places"),
            pick(corr.places_total, cur.places_total, "places_total"),
            pick(corr.places_current, cur.places_current, "places_current"),
            case((has, literal(1.0)), else_=func.coalesce(cur.confidence, 0.0)).label("confidence"),
            case((has, false()), (cur.id.is_(None), true()), else_=cur.needs_review).label("needs_review"),
            cur.review_reasons.label("review_reasons"),
            has.label("corrected"),
            case((has, corr.counts), else_=true()).label("counts"),
            cur.version.label("extraction_version"),
            corr.id.label("correction_id"),
        )
        .select_from(Message)
        .outerjoin(cur, and_(cur.message_pk == Message.id, cur.is_current))
        .outerjoin(latest, latest.c.message_pk == Message.id)
        .outerjoin(corr, corr.id == latest.c.correction_id)
    )


def effective_comuni() -> Subquery:
    """(message_pk, istat, position) of each message's effective Comuni, as a subquery."""
    latest = latest_corrections()
    from_corrections = (
        select(latest.c.message_pk, CorrectionComune.istat, CorrectionComune.position)
        .join(CorrectionComune, CorrectionComune.correction_id == latest.c.correction_id)
    )
    from_extractions = (
        select(ExtractionRow.message_pk, ExtractionComune.istat, ExtractionComune.position)
        .join(ExtractionComune, ExtractionComune.extraction_id == ExtractionRow.id)
        .where(ExtractionRow.is_current)
        .where(ExtractionRow.message_pk.not_in(select(latest.c.message_pk)))
    )
    return union_all(from_corrections, from_extractions).subquery("effective_comuni")
