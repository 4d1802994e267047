"""HTML mail bodies as readable text: no script or style, line breaks and table rows kept.

A table row is one line, its cells joined by " | ", even when a cell holds paragraphs (Outlook
wraps every cell's text in <p class=MsoNormal>): a row must read as a row."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "pre", "hr", "section", "article", "header", "footer", "address", "dd", "dt",
          "center", "form", "fieldset"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "object", "iframe"}
_CELL = {"td", "th"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.cell_open = False
        self.in_cell = False
        self.quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in _CELL:
            if self.cell_open:
                self.out.append(" | ")
            self.cell_open = self.in_cell = True
        elif tag in _BLOCK:
            self.out.append(" " if self.in_cell and tag not in ("tr", "table") else "\n")
            if tag in ("tr", "table"):
                self.cell_open = self.in_cell = False
            if tag == "blockquote":
                self.quote += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _CELL:
            self.in_cell = False
        elif tag in _BLOCK and tag != "br":
            self.out.append(" " if self.in_cell and tag not in ("tr", "table") else "\n")
            if tag in ("tr", "table"):
                self.in_cell = False
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"\s+", " ", data)
        if self.quote and data.strip():
            prefix = "> " * self.quote
            if not self.out or self.out[-1].endswith("\n"):
                data = prefix + data.lstrip()
        self.out.append(data)


def html_to_text(html: str) -> str:
    """Render HTML as plain text. Never raises; broken markup gives what could be read."""
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser raises on some malformed declarations; keep what was read
        pass
    text = "".join(parser.out).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]{2,}", " ", ln).strip() for ln in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
