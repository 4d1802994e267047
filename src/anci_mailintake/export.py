"""The export record of CONTRACT.md, one per stored message, written as JSON lines, CSV or XLSX.

Values are the effective ones (a staff correction, else the current extraction); `corrected` says
which. Rows are read in chunks, so memory does not grow with the store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .store.effective import effective_comuni, effective_messages
from .store.models import Comune

FIELDS = ("id", "message_id", "sha256", "source", "date", "from", "subject", "status", "error", "kind", "comuni",
          "intent", "mode", "places", "places_total", "places_current", "confidence", "needs_review",
          "review_reasons", "corrected")


def records(session: Session, chunk: int = 500) -> Iterator[dict[str, Any]]:
    """Every stored message's export record, in store order."""
    base = effective_messages().order_by("pk")
    pk = base.selected_columns.pk
    last = 0
    while True:
        rows = session.execute(base.where(pk > last).limit(chunk)).all()
        if not rows:
            return
        last = rows[-1].pk
        comuni = _comuni_for(session, [r.pk for r in rows])
        for r in rows:
            yield _record(r, comuni.get(r.pk, []))


def _comuni_for(session: Session, pks: list[int]) -> dict[int, list[dict[str, str]]]:
    ec = effective_comuni()
    q = (select(ec.c.message_pk, Comune.istat, Comune.name, Comune.province)
         .join(Comune, Comune.istat == ec.c.istat)
         .where(ec.c.message_pk.in_(pks)).order_by(ec.c.message_pk, ec.c.position))
    out: dict[int, list[dict[str, str]]] = {}
    for pk, istat, name, province in session.execute(q):
        out.setdefault(pk, []).append({"istat": istat, "name": name, "province": province})
    return out


def _record(r: Any, comuni: list[dict[str, str]]) -> dict[str, Any]:
    reasons = list(r.review_reasons or []) if not r.corrected else []
    needs_review = bool(r.needs_review)
    if r.status != "ok" and not r.corrected:
        needs_review = True
        reason = f"processing failed: {r.error}" if r.status == "error" else "not processed yet"
        reasons = [reason] + reasons
    return {
        "id": r.pk,
        "message_id": r.message_id,
        "sha256": r.sha256,
        "source": r.source,
        "date": r.date,
        "from": r.from_,
        "subject": r.subject,
        "status": "error" if r.status == "error" else "ok",
        "error": r.error if r.status == "error" else None,
        "kind": r.kind,
        "comuni": comuni,
        "intent": r.intent,
        "mode": r.mode,
        "places": r.places,
        "places_total": r.places_total,
        "places_current": r.places_current,
        "confidence": round(float(r.confidence or 0.0), 3),
        "needs_review": needs_review,
        "review_reasons": reasons,
        "corrected": bool(r.corrected),
    }


def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in rows:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def _flat(rec: dict[str, Any]) -> list[Any]:
    values = []
    for f in FIELDS:
        v = rec[f]
        if f == "comuni":
            v = "; ".join(f"{c['istat']} {c['name']} ({c['province']})" for c in v)
        elif f == "review_reasons":
            v = "; ".join(v)
        values.append(v)
    return values


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    w = csv.writer(out)
    w.writerow(FIELDS)
    n = 0
    for rec in rows:
        w.writerow(["" if v is None else v for v in _flat(rec)])
        n += 1
    return n


def write_xlsx(rows: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("messages")
    ws.freeze_panes = "A2"
    ws.append(list(FIELDS))
    n = 0
    for rec in rows:
        ws.append([xlsx_safe(v) for v in _flat(rec)])
        n += 1
    wb.save(out)
    return n


def xlsx_safe(v: Any) -> Any:
    """Text as text: a cell starting with = + - @ would be run as a formula by a spreadsheet."""
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch in "\t\n" or ord(ch) >= 32)
        if v[:1] in ("=", "+", "-", "@"):
            return "'" + v
    return v
