"""The report on a terminal: fixed-width tables a person reads, each figure as confirmed+pending."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import IO

from .model import Report, Territory

LEGEND = ("Figures read confirmed+pending: 12+3 is 12 confirmed (extracted with confidence or checked by staff) "
          "and 3 waiting for review.")
_COLS = ("Comuni", "answered", "interested", "not int.", "undecided", "unclear", "places new", "places exp.",
         "places other", "places all")


def cell(confirmed: int, pending: int) -> str:
    """"12+3" (12 confirmed, 3 pending review); "12" when nothing is pending."""
    return f"{confirmed}+{pending}" if pending else str(confirmed)


def figures(t: Territory) -> list[str]:
    c, p = t.confirmed, t.pending
    return [str(t.comuni), cell(c.answered, p.answered), cell(c.interested, p.interested),
            cell(c.not_interested, p.not_interested), cell(c.undecided, p.undecided), cell(c.unknown, p.unknown),
            cell(c.places_new, p.places_new), cell(c.places_expansion, p.places_expansion),
            cell(c.places_unspecified, p.places_unspecified), cell(c.places, p.places)]


def _table(out: IO[str], head: str, rows: Sequence[tuple[str, list[str]]]) -> None:
    """A table; a row without values is a heading line (a region above its provinces)."""
    width = max([len(head), *(len(label) for label, v in rows if v)])
    sizes = [max([len(h), *(len(v[i]) for _, v in rows if v)]) for i, h in enumerate(_COLS)]
    out.write(head.ljust(width) + "  " + "  ".join(h.rjust(s) for h, s in zip(_COLS, sizes)) + "\n")
    for label, values in rows:
        if not values:
            out.write(f"{label}\n")
            continue
        out.write(label.ljust(width) + "  " + "  ".join(v.rjust(s) for v, s in zip(values, sizes)) + "\n")


def _province_rows(report: Report) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []
    region = None
    for p in report.provinces:
        if p.region != region and len(report.regions) > 1:
            rows.append((f"-- {p.region}", []))
        region = p.region
        rows.append((f"  {p.province} {p.province_name}", figures(p)))
    return rows


def write_summary(report: Report, out: IO[str]) -> None:
    """Italy (or the scope), its regions and provinces, and where the lists are."""
    t = report.total
    share = f"{100 * t.answered / t.comuni:.1f}%" if t.comuni else "-"
    out.write(f"SIPROIMI/MSNA replies: {report.scope}\n")
    out.write(f"{t.answered} of {t.comuni} Comuni answered ({share}); {t.not_answered} did not; "
              f"{len(report.superseded)} replies superseded. {LEGEND}\n\n")
    _table(out, "Total", [(report.scope, figures(t))])
    if len(report.regions) > 1:
        out.write("\n")
        _table(out, "Region", [(r.label, figures(r)) for r in report.regions])
    out.write("\n")
    _table(out, "Province", _province_rows(report))
    out.write("\nLists: anci-mailintake report --view answered | superseded | missing (with --region, --province)\n")


def write_view(report: Report, view: str, out: IO[str]) -> int:
    """One list (or one table) of the report; returns the number of rows written."""
    if view == "regions":
        _table(out, "Region", [(r.label, figures(r)) for r in report.regions])
        return len(report.regions)
    if view == "provinces":
        _table(out, "Province", _province_rows(report))
        return len(report.provinces)
    if view == "answered":
        for a in report.answered:
            sure = "confirmed" if a.confirmed else "PENDING REVIEW"
            joint = f" (message names {a.message_comuni} Comuni)" if a.message_comuni > 1 else ""
            places = f" {a.places} places" if a.places else ""
            mode = f" {a.mode}" if a.mode and a.intent == "interested" else ""
            out.write(f"{a.istat} {a.name} ({a.province}): {a.intent or 'unclear'}{mode}{places}, {sure}; "
                      f"message {a.message_pk} of {_day(a.date)}{joint}"
                      + (f"; {a.superseded} older or excluded" if a.superseded else "") + "\n")
        return len(report.answered)
    if view == "superseded":
        for s in report.superseded:
            out.write(f"{s.istat} {s.name} ({s.province}): message {s.message_pk} of {_day(s.date)} "
                      f"({s.intent or 'unclear'}{', ' + str(s.places) + ' places' if s.places else ''}) "
                      f"{s.reason}\n")
        return len(report.superseded)
    if view == "missing":
        for m in report.missing:
            out.write(f"{m.istat} {m.name} ({m.province}, {m.region})\n")
        return len(report.missing)
    raise ValueError(f"unknown view {view!r}")


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "no date"
