"""DOCX, PPTX, ODT/ODS/ODP (own XML walk), XLSX (openpyxl), XLS (xlrd), RTF (striprtf).

Each function runs inside the sandbox: it takes bytes and the byte cap for unpacked members.
"""

from __future__ import annotations

import io
import re

from .result import Extracted
from .xmltext import open_zip, read_member, xml_text

_DOCX_PARTS = re.compile(r"^word/(header\d*|document\d*|footnotes|endnotes|footer\d*)\.xml$")


def read_docx(data: bytes, cap: int) -> Extracted:
    with open_zip(data) as zf:
        names = zf.namelist()
        def order(n: str) -> int:
            return 0 if "header" in n else 2 if "footer" in n else 1
        parts = sorted((n for n in names if _DOCX_PARTS.match(n)), key=order)
        if not parts:
            return Extracted(method="docx", error="has no word/document.xml part")
        texts = [xml_text(read_member(zf, n, cap), ooxml=True) for n in parts]
    return Extracted(text="\n".join(t for t in texts if t.strip()), method="docx")


def read_pptx(data: bytes, cap: int) -> Extracted:
    with open_zip(data) as zf:
        slides = sorted((n for n in zf.namelist() if re.match(r"^ppt/slides/slide\d+\.xml$", n)),
                        key=lambda n: int(re.sub(r"\D", "", n) or 0))
        texts = [xml_text(read_member(zf, n, cap), ooxml=True) for n in slides[:500]]
    return Extracted(text="\n\n".join(texts), method="pptx")


def read_odf(data: bytes, cap: int) -> Extracted:
    with open_zip(data) as zf:
        names = set(zf.namelist())
        if "META-INF/manifest.xml" in names:
            manifest = read_member(zf, "META-INF/manifest.xml", cap)
            if b"encryption-data" in manifest:
                return Extracted(method="odf", error="is encrypted with a password, so its text cannot be read")
        if "content.xml" not in names:
            return Extracted(method="odf", error="has no content.xml part")
        text = xml_text(read_member(zf, "content.xml", cap), ooxml=False)
    return Extracted(text=text, method="odf")


def read_xlsx(data: bytes, cap: int, max_cells: int = 200_000) -> Extracted:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: list[str] = []
    cells = 0
    notes: list[str] = []
    try:
        for ws in wb.worksheets:
            lines.append(f"[{ws.title}]")
            for row in ws.iter_rows(values_only=True):
                values = ["" if v is None else str(v) for v in row]
                cells += len(values)
                if any(values):
                    lines.append("\t".join(values).rstrip())
                if cells > max_cells:
                    notes.append(f"only the first {max_cells} cells were read")
                    break
            if cells > max_cells:
                break
    finally:
        wb.close()
    return Extracted(text="\n".join(lines), method="xlsx", notes=notes)


def read_xls(data: bytes, cap: int, max_cells: int = 200_000) -> Extracted:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    lines: list[str] = []
    cells = 0
    for sheet in book.sheets():
        lines.append(f"[{sheet.name}]")
        for r in range(sheet.nrows):
            values = [str(v) if v not in ("", None) else "" for v in sheet.row_values(r)]
            cells += len(values)
            if any(values):
                lines.append("\t".join(values).rstrip())
            if cells > max_cells:
                return Extracted(text="\n".join(lines), method="xls", notes=[f"only the first {max_cells} cells were read"])
    return Extracted(text="\n".join(lines), method="xls")


def read_rtf(data: bytes, cap: int) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    m = re.search(rb"\\ansicpg(\d+)", data[:2000])
    encoding = f"cp{m.group(1).decode()}" if m else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    return Extracted(text=text, method="rtf")
