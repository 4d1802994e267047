"""The report's views as flat tables: CSV (one view) and XLSX (a sheet per view).

Every total appears twice, `_confirmed` and `_pending`, so no figure hides how sure it is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from ..export import xlsx_safe
from .model import TALLY_FIELDS, Report, Territory

SHEETS = {"regions": "regions", "provinces": "provinces", "answered": "comuni answered",
          "superseded": "superseded", "missing": "not answered"}


def _territory_header(level: str) -> list[str]:
    keys = ["region"] + (["province", "province_name"] if level == "provinces" else [])
    sure = [f"{f}_{s}" for f in ("answered", *TALLY_FIELDS, "places") for s in ("confirmed", "pending")]
    return keys + ["comuni", "answered", "not_answered"] + sure


def _territory_row(t: Territory, level: str) -> list[Any]:
    keys: list[Any] = [t.region] + ([t.province, t.province_name] if level == "provinces" else [])
    sure: list[Any] = []
    for f in ("answered", *TALLY_FIELDS, "places"):
        sure += [getattr(t.confirmed, f), getattr(t.pending, f)]
    return keys + [t.comuni, t.answered, t.not_answered] + sure


def view(report: Report, name: str) -> tuple[list[str], Iterator[list[Any]]]:
    """(header, rows) of one view; dates stay datetimes (UTC) for the writers to format."""
    if name in ("regions", "provinces"):
        items = report.regions if name == "regions" else report.provinces
        return _territory_header(name), (_territory_row(t, name) for t in items)
    if name == "answered":
        return (["istat", "comune", "province", "region", "message", "date", "from", "subject", "intent", "mode",
                 "places_counted", "places_in_message", "comuni_in_message", "confirmed", "corrected",
                 "other_replies"],
                ([a.istat, a.name, a.province, a.region, a.message_pk, a.date, a.sender, a.subject, a.intent, a.mode,
                  a.places, a.message_places, a.message_comuni, a.confirmed, a.corrected, a.superseded]
                 for a in report.answered))
    if name == "superseded":
        return (["istat", "comune", "province", "region", "message", "date", "intent", "mode", "places", "reason",
                 "counted_message", "counted_date"],
                ([s.istat, s.name, s.province, s.region, s.message_pk, s.date, s.intent, s.mode, s.places, s.reason,
                  s.kept_pk, s.kept_date] for s in report.superseded))
    if name == "missing":
        return (["istat", "comune", "province", "province_name", "region"],
                ([m.istat, m.name, m.province, m.province_name, m.region] for m in report.missing))
    raise ValueError(f"unknown view {name!r}")


def write_csv(report: Report, name: str, out: IO[str]) -> int:
    """One view as CSV (dates ISO 8601 UTC, booleans true/false); returns the rows written."""
    header, rows = view(report, name)
    w = csv.writer(out)
    w.writerow(header)
    n = 0
    for row in rows:
        w.writerow([_text(v) for v in row])
        n += 1
    return n


def _text(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return v.isoformat()
    return v


def write_xlsx(report: Report, out: IO[bytes]) -> int:
    """Every view as a sheet with a frozen header, an autofilter and number formats; returns the sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name, title in SHEETS.items():
        ws = wb.create_sheet(title)
        header, rows = view(report, name)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_xlsx(v) for v in row])
        for col, h in enumerate(header, start=1):
            fmt = _format(h)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                    cell.number_format = fmt
            ws.column_dimensions[get_column_letter(col)].width = max(10, min(40, len(h) + 2))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, ws.max_row)}"
    notes = wb.create_sheet("notes")
    for line in _notes(report):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    wb.save(out)
    return len(SHEETS)


def _format(header: str) -> str | None:
    if header.endswith("date"):
        return "yyyy-mm-dd hh:mm"
    if header in ("message", "counted_message"):
        return "0"
    if header in ("istat", "comune", "province", "province_name", "region", "from", "subject", "intent", "mode",
                  "reason", "confirmed", "corrected"):
        return None
    return "#,##0"


def _xlsx(v: Any) -> Any:
    """Dates without zone (Excel has none: they are UTC); text never read as a formula."""
    if isinstance(v, datetime):
        return v.replace(tzinfo=None)
    return xlsx_safe(v)


def _notes(report: Report) -> list[str]:
    when = report.generated_at.strftime("%Y-%m-%d %H:%M UTC") if report.generated_at else ""
    return [
        f"SIPROIMI/MSNA replies: {report.scope}, {when}",
        "Each Comune counts once: its latest reply by date (then message number) among those staff did not "
        "mark 'does not count'; the others are on the sheet 'superseded'.",
        "_confirmed: extracted with confidence or checked by staff; _pending: waiting for review.",
        "Places are counted for interested Comuni only; a message naming several Comuni counts its places once, "
        "under the first of them it is the counted reply for.",
        "Dates are UTC. Only messages of kind 'reply' count.",
    ]
