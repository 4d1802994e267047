"""HTML bodies become text a rule can read: a table row is one line, however its cells are marked up."""

from __future__ import annotations

from anci_mailintake.message.html import html_to_text

OUTLOOK_TABLE = """<html><body><p class=MsoNormal>Buongiorno,</p>
<table class=MsoTableGrid border=1><tr>
<td><p class=MsoNormal><b>Categoria</b></p></td><td><p class=MsoNormal>Posti attuali</p></td>
<td><p class=MsoNormal>Posti aggiuntivi</p></td><td><p class=MsoNormal>Totale</p></td></tr>
<tr><td><p class=MsoNormal>Minori stranieri<br>non accompagnati</p></td><td><p class=MsoNormal>8</p></td>
<td><div>3</div></td><td><p class=MsoNormal>11</p></td></tr></table>
<p class=MsoNormal>Cordiali saluti</p></body></html>"""


def test_an_outlook_table_row_is_one_line():
    lines = html_to_text(OUTLOOK_TABLE).splitlines()
    assert "Categoria | Posti attuali | Posti aggiuntivi | Totale" in lines
    assert "Minori stranieri non accompagnati | 8 | 3 | 11" in lines
    assert lines[0] == "Buongiorno," and lines[-1] == "Cordiali saluti"


def test_paragraphs_outside_tables_still_break_lines():
    lines = html_to_text("<p>uno</p><p>due</p><div>tre<br>quattro</div>").splitlines()
    assert [ln for ln in lines if ln] == ["uno", "due", "tre", "quattro"]


def test_a_table_figure_reaches_the_extraction():
    from anci_mailintake.extract.places import find_figures

    figures, _ = find_figures(html_to_text(OUTLOOK_TABLE))
    assert [(f.kind, f.value) for f in figures] == [("current", 8), ("increment", 3), ("total", 11)]
