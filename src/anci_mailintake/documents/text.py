"""Plain text, HTML and XML attachments, read in-process (no child: they are cheap and bounded)."""

from __future__ import annotations

import re

from lxml import etree, html as lhtml

_BLOCKS = ("p", "div", "br", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr")


def decode(data: bytes) -> str:
    """Text bytes by BOM, else UTF-8, else Windows-1252."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def html_text(data: bytes) -> str:
    try:
        root = lhtml.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return ""
    for el in root.iter("script", "style", "head"):
        el.drop_tree() if el.getparent() is not None else None
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = "\t" + (el.tail or "")
    text = root.text_content()
    return re.sub(r"\n[ \t]*\n[\s]*\n", "\n\n", text).strip()


_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)


def xml_text(data: bytes) -> str:
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError:
        return decode(data)
    if root is None:
        return decode(data)
    return "\n".join(t.strip() for t in root.itertext() if t.strip())
