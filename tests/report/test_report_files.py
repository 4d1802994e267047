"""The report as a person gets it: terminal text, CSV, XLSX (opened with openpyxl), HTML, through the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from html.parser import HTMLParser

from openpyxl import load_workbook

from conftest import HOSTILE_SUBJECT, MILANO, MONCALIERI, NOVE


def test_terminal_summary_shows_every_total_as_confirmed_plus_pending(cli, known):
    result = cli("report")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "8 of 7896 Comuni answered (0.1%); 7888 did not; 6 replies superseded." in out
    italy = next(line for line in out.splitlines() if line.startswith("Italia"))
    #                 Comuni answered interested not-int undecided unclear new    exp   other all
    assert italy.split()[1:] == ["7896", "5+3", "4+2", "1", "0", "0+1", "19+4", "13+20", "0", "32+24"]
    vicenza = next(line for line in out.splitlines() if line.strip().startswith("VI Vicenza"))
    assert vicenza.split()[2:] == ["113", "3+1", "2+1", "1", "0", "0", "7+4", "8", "0", "15+4"]
    assert "-- Veneto" in out and "Lombardia" in out


def test_terminal_lists(cli, known):
    missing = cli("report", "--view", "missing", "--province", "MI")
    assert missing.exit_code == 0 and len(missing.output.splitlines()) == 133
    assert f"{MILANO} Milano (MI, Lombardia)" in missing.output
    sup = cli("report", "--view", "superseded", "--region", "Veneto").output
    assert len(sup.splitlines()) == 4 and "marked by staff not to count" in sup
    ans = cli("report", "--view", "answered", "--province", "TO").output.splitlines()
    assert any(line.startswith(f"{MONCALIERI} Moncalieri (TO): interested new_project 12 places, confirmed") and
               "names 2 Comuni" in line for line in ans)
    assert any("PENDING REVIEW" in line and "Torino" in line for line in ans)


def test_csv_views(cli, known):
    rows = list(csv.DictReader(io.StringIO(cli("report", "--format", "csv").output)))
    assert len(rows) == 107
    vi = next(r for r in rows if r["province"] == "VI")
    assert (vi["comuni"], vi["answered_confirmed"], vi["answered_pending"], vi["places_expansion_confirmed"],
            vi["places_new_pending"], vi["not_answered"]) == ("113", "3", "1", "8", "4", "109")
    answered = list(csv.DictReader(io.StringIO(cli("report", "--format", "csv", "--view", "answered").output)))
    nove = next(r for r in answered if r["istat"] == NOVE)
    assert (nove["places_counted"], nove["mode"], nove["confirmed"], nove["other_replies"]) == \
        ("8", "expansion", "true", "1")
    assert datetime.fromisoformat(nove["date"]).utcoffset().total_seconds() == 0


def test_xlsx_has_a_sheet_per_view_with_the_figures(cli, known, tmp_path):
    path = tmp_path / "r.xlsx"
    result = cli("report", "--format", "xlsx", "--output", str(path))
    assert result.exit_code == 0, result.output
    wb = load_workbook(path)
    assert wb.sheetnames == ["regions", "provinces", "comuni answered", "superseded", "not answered", "notes"]
    for name in wb.sheetnames[:-1]:
        ws = wb[name]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    regions = _records(wb["regions"])
    veneto = next(r for r in regions if r["region"] == "Veneto")
    assert (veneto["comuni"], veneto["answered"], veneto["places_confirmed"], veneto["places_pending"],
            veneto["not_interested_confirmed"]) == (560, 5, 20, 4, 1)
    assert sum(r["comuni"] for r in regions) == 7896
    provinces = _records(wb["provinces"])
    assert next(r for r in provinces if r["province"] == "TO")["unknown_pending"] == 1
    assert wb["provinces"]["D2"].number_format == "#,##0"
    answered = _records(wb["comuni answered"])
    assert len(answered) == 8 and sum(r["places_counted"] for r in answered) == 56
    date_cell = wb["comuni answered"]["F2"]
    assert isinstance(date_cell.value, datetime) and date_cell.number_format == "yyyy-mm-dd hh:mm"
    assert next(r for r in answered if r["istat"] == "024003")["subject"] == HOSTILE_SUBJECT
    assert len(_records(wb["superseded"])) == 6
    assert len(_records(wb["not answered"])) == 7888


def test_xlsx_text_is_never_a_formula(cli, known, tmp_path, engine):
    from anci_mailintake.store.db import session_scope
    from anci_mailintake.store.models import Message

    with session_scope(engine) as s:
        s.get(Message, known.pk["B"]).subject = "=HYPERLINK(\"http://evil.example\")"
    path = tmp_path / "r.xlsx"
    cli("report", "--format", "xlsx", "-o", str(path))
    answered = _records(load_workbook(path)["comuni answered"])
    subject = next(r for r in answered if r["istat"] == NOVE)["subject"]
    assert subject == "'=HYPERLINK(\"http://evil.example\")"


def _records(ws) -> list[dict]:  # type: ignore[no-untyped-def]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def test_html_is_self_contained_has_no_script_and_escapes_names(cli, known, tmp_path):
    path = tmp_path / "r.html"
    assert cli("report", "--format", "html", "-o", str(path)).exit_code == 0
    page = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "img" not in names and "iframe" not in names and "link" not in names
    assert not [a for _, attrs in parser.tags for a in attrs if a.startswith("on")]
    assert not [v for _, attrs in parser.tags for k, v in attrs.items() if k in ("src", "href")]
    assert "<script" not in page.lower() and "http://evil" not in page.replace("http://evil.example/x.png", "")
    assert HOSTILE_SUBJECT in "".join(parser.text)  # shown as text, escaped in the source
    assert "&lt;script&gt;" in page and "Valle d&#x27;Aosta" in page and "d'Aosta" not in page
    assert "default-src 'none'" in page
    svg = [attrs for t, attrs in parser.tags if t == "rect"]
    assert names.count("svg") == 1 and len(svg) >= 40  # two bars a region and the legend
    assert "Piemonte: 12 places confirmed" in page and "Piemonte: 20 places pending review" in page


def test_json_and_usage_errors(cli, known):
    data = json.loads(cli("report", "--format", "json", "--region", "Piemonte").output)
    assert data["total"]["confirmed"]["places_new"] == 12 and data["total"]["pending"]["places_expansion"] == 20
    assert len(data["answered"]) == 3
    bad = cli("report", "--region", "Atlantide")
    assert bad.exit_code == 2 and "not a region of ISTAT's list" in bad.output and "Traceback" not in bad.output
    assert cli("report", "--format", "xlsx", "--view", "missing").exit_code == 2


def test_help_has_examples(cli):
    out = cli("report", "--help").output
    assert "Example" in out and "anci-mailintake report --format xlsx" in out
