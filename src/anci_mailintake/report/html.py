"""The report as one self-contained HTML page: inline CSS, an inline SVG chart, no script.

Every text from the store (names, senders, subjects) is escaped; the page loads nothing and
says so to the browser (a Content-Security-Policy of default-src 'none').
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import IO, Any

from .model import Report, Territory
from .tables import view
from .text import LEGEND, figures

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.2em .5em;text-align:right}
th{background:#f0f0f0}td.t,th.t{text-align:left}
tr.total td{font-weight:bold}.note{color:#555}
svg text{font:12px system-ui,sans-serif}
"""
_HEAD = ("Comuni", "answered", "interested", "not interested", "undecided", "unclear", "places new",
         "places expansion", "places other", "places all")


def places_chart(territories: Sequence[Territory], *, width: int = 720, unit: str = "places",
                 confirmed: str = "confirmed", pending: str = "pending review") -> str:
    """An SVG bar per territory: confirmed places solid, pending review pale beside them.

    Colours are presentation attributes, not style: the review app's CSP forbids inline style.
    """
    label_w, row_h, bar_w = 230, 22, width - 230 - 90
    top = max([t.confirmed.places + t.pending.places for t in territories] + [1])
    height = row_h * len(territories) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="Places offered by territory">']
    for i, t in enumerate(territories):
        y = i * row_h
        c_w = round(bar_w * t.confirmed.places / top)
        p_w = round(bar_w * t.pending.places / top)
        name = escape(t.label)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{name}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{c_w}" height="{row_h - 6}" fill="#1f5f99">'
                     f'<title>{name}: {t.confirmed.places} {escape(unit)} {escape(confirmed)}</title></rect>')
        parts.append(f'<rect x="{label_w + c_w}" y="{y + 3}" width="{p_w}" height="{row_h - 6}" fill="#9cc3e6">'
                     f'<title>{name}: {t.pending.places} {escape(unit)} {escape(pending)}</title></rect>')
        parts.append(f'<text x="{label_w + c_w + p_w + 4}" y="{y + 15}">'
                     f'{_pair(t.confirmed.places, t.pending.places)}</text>')
    y = row_h * len(territories) + 18
    parts.append(f'<rect x="{label_w}" y="{y - 10}" width="12" height="12" fill="#1f5f99"/>'
                 f'<text x="{label_w + 16}" y="{y}">{escape(confirmed)}</text>'
                 f'<rect x="{label_w + 110}" y="{y - 10}" width="12" height="12" fill="#9cc3e6"/>'
                 f'<text x="{label_w + 126}" y="{y}">{escape(pending)}</text></svg>')
    return "".join(parts)


def _pair(confirmed: int, pending: int) -> str:
    """The figure beside a bar: "46 + 15" (confirmed + pending; the legend and the tooltips say which)."""
    return f"{confirmed} + {pending}" if pending else str(confirmed)


def totals_table(rows: Sequence[Territory], first: str, total: Territory | None = None) -> str:
    """The totals of some territories as an HTML table (each figure confirmed+pending)."""
    out = [f'<table><tr><th class="t">{escape(first)}</th>'
           + "".join(f"<th>{escape(h)}</th>" for h in _HEAD) + "</tr>"]
    for t in rows:
        label = f"{t.province} {t.province_name}" if t.province else t.label
        out.append(f'<tr><td class="t">{escape(label)}</td>' + "".join(f"<td>{escape(v)}</td>" for v in figures(t))
                   + "</tr>")
    if total is not None:
        out.append('<tr class="total"><td class="t">Total</td>'
                   + "".join(f"<td>{escape(v)}</td>" for v in figures(total)) + "</tr>")
    return "".join(out) + "</table>"


def _list_table(report: Report, name: str) -> str:
    header, rows = view(report, name)
    out = ["<table><tr>" + "".join(f'<th class="t">{escape(h)}</th>' for h in header) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f'<td class="t">{escape(_cell(v))}</td>' for v in row) + "</tr>")
    return "".join(out) + "</table>"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    return str(v)


def write_html(report: Report, out: IO[str]) -> None:
    """The whole report as one page."""
    t = report.total
    scope = escape(report.scope)
    when = report.generated_at.strftime("%Y-%m-%d %H:%M UTC") if report.generated_at else ""
    chart_rows = report.provinces if report.region else report.regions
    out.write(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f"<title>SIPROIMI/MSNA replies: {scope}</title><style>{CSS}</style></head><body>"
        f"<h1>SIPROIMI/MSNA replies: {scope}</h1>"
        f'<p>{t.answered} of {t.comuni} Comuni answered, {t.not_answered} did not; '
        f"{len(report.superseded)} replies superseded. Generated {escape(when)}.</p>"
        f'<p class="note">{escape(LEGEND)} Places are counted for interested Comuni only.</p>'
        f"<h2>Places by {'province' if report.region else 'region'}</h2>{places_chart(chart_rows)}"
    )
    if len(report.regions) > 1:
        out.write(f"<h2>Regions</h2>{totals_table(report.regions, 'Region', t)}")
    out.write(f"<h2>Provinces</h2>{totals_table(report.provinces, 'Province', t)}")
    out.write(f"<h2>Comuni that answered ({len(report.answered)})</h2>{_list_table(report, 'answered')}")
    out.write(f"<h2>Superseded replies ({len(report.superseded)})</h2>{_list_table(report, 'superseded')}")
    out.write(f"<h2>Comuni that did not answer ({len(report.missing)})</h2>"
              f"<details><summary>show the list</summary>{_list_table(report, 'missing')}</details>")
    out.write("</body></html>\n")
