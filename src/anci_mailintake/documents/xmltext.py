"""Text of office XML (OOXML, OpenDocument) through lxml with entities, DTDs and network off.

Reading the XML directly, rather than through python-docx or odfpy, also reads Strict OOXML,
text boxes, headers and footers, keeps tables in document order, and is several times faster.
The parser never resolves entities (XXE) and refuses huge trees.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True, recover=False)
# local names: what to write at an element's start and end
_PARA = {"p", "h", "tr", "table-row", "list-item", "si"}
_CELL = {"tc", "table-cell"}
_BREAK = {"br", "cr", "line-break"}
_TEXT = {"t"}
_SKIP = {"instrText", "delText", "annotation", "tracked-changes", "binData", "Fallback"}


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def xml_text(data: bytes, *, ooxml: bool) -> str:
    """Walk one XML part in document order and return its text with paragraph and cell breaks."""
    root = etree.fromstring(data, _PARSER)
    out: list[str] = []
    skip = 0
    cells = 0  # inside a table cell a paragraph ends with a space, the cell with a tab
    for event, el in etree.iterwalk(root, events=("start", "end")):
        name = _local(el.tag)
        if event == "start":
            if name in _SKIP:
                skip += 1
                continue
            if skip:
                continue
            if name in _CELL:
                cells += 1
            if name == "s" and not ooxml:  # text:s, runs of spaces
                out.append(" " * min(int(el.get("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}c", "1") or 1), 50))
            elif name in _BREAK:
                out.append("\n")
            elif name == "tab":
                out.append("\t")
            if el.text and (not ooxml or name in _TEXT):
                out.append(el.text)
        else:
            if name in _SKIP:
                skip -= 1
            elif not skip and name in _CELL:
                cells -= 1
                if out and out[-1] == " ":
                    out.pop()
                out.append("\t")
            elif not skip and name in _PARA:
                out.append(" " if cells and name in ("p", "h") else "\n")
            if el.tail and not ooxml and not skip:
                out.append(el.tail)
    return re.sub(r"[ \t]+\n", "\n", "".join(out))


def read_member(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """Read one member, refusing more than `cap` bytes whatever the directory claims."""
    with zf.open(name) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise ValueError(f"the member {name} unpacks to more than {cap} bytes")
    return data


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))
