"""Each format reads to text, whatever its declared type or name."""

from __future__ import annotations

import base64

from anci_mailintake.config import Limits
from anci_mailintake.documents import Context, read_attachment
from anci_mailintake.documents.detect import detect

from .conftest import make_docx, make_odt, make_pdf, make_scan, make_zip

LETTER = ["COMUNE DI SANTORSO", "Si comunica la disponibilita ad attivare", "n. 8 (otto) posti per MSNA."]


def test_pdf_text_layer_is_read_even_when_declared_as_octet_stream() -> None:
    docs = read_attachment(make_pdf(LETTER), name="nota.bin", part="1.2", declared_type="application/octet-stream")
    assert len(docs) == 1
    d = docs[0]
    assert d.method == "pdf-text" and d.mime == "application/pdf" and d.error is None
    assert "COMUNE DI SANTORSO" in d.text and "8 (otto)" in d.text
    assert d.origin == "nota.bin" and d.part == "1.2" and d.role == "attachment"


def test_scanned_pdf_is_ocred_in_italian() -> None:
    (d,) = read_attachment(make_scan(LETTER), name="scansione.pdf")
    assert d.method == "ocr", d
    assert "SANTORSO" in d.text.upper() and "otto" in d.text


def test_image_is_ocred_and_small_logo_is_skipped() -> None:
    (d,) = read_attachment(make_scan(LETTER, "PNG"), name="foto.png")
    assert d.method == "ocr" and "SANTORSO" in d.text.upper()
    from PIL import Image
    import io
    buf = io.BytesIO()
    Image.new("L", (200, 60), 255).save(buf, "PNG")
    (logo,) = read_attachment(buf.getvalue(), name="logo.png")
    assert logo.method == "image-skipped" and logo.error is None


def test_docx_keeps_paragraphs_and_table_cells() -> None:
    data = make_docx(["Comune di Bologna", "ampliamento di 18 posti"], [["Struttura", "Posti"], ["Casa A", "12"]])
    (d,) = read_attachment(data, name="lettera.pdf")  # a misleading name does not matter
    assert d.method == "docx"
    assert "Comune di Bologna" in d.text and "18 posti" in d.text
    assert "Casa A\t12" in d.text


def test_odt() -> None:
    (d,) = read_attachment(make_odt(["Unione dei Comuni", "progetto da 15 posti"]), name="nota.odt")
    assert d.method == "odf" and "15 posti" in d.text and "Unione dei Comuni" in d.text


def test_rtf_and_xlsx() -> None:
    (d,) = read_attachment(rb"{\rtf1\ansi\ansicpg1252 Comune di Fermo: 6 posti disponibilit\'e0}", name="a.rtf")
    assert d.method == "rtf" and "disponibilit\u00e0" in d.text
    import io
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["Comune", "Posti"])
    wb.active.append(["Lugo", 15])
    buf = io.BytesIO()
    wb.save(buf)
    (x,) = read_attachment(buf.getvalue(), name="tabella.xlsx")
    assert x.method == "xlsx" and "Lugo\t15" in x.text


def test_nested_p7m_is_unwrapped_and_signer_kept(cades) -> None:  # type: ignore[no-untyped-def]
    inner = cades(make_pdf(LETTER))
    outer = cades(inner)
    ctx = Context()
    docs = read_attachment(outer, name="nota.pdf.p7m.p7m", part="2", origin="postacert.eml", context=ctx)
    (d,) = docs
    assert d.method == "pdf-text" and "8 (otto)" in d.text
    assert d.origin == "postacert.eml > nota.pdf.p7m.p7m > nota.pdf.p7m > nota.pdf"
    assert [s.organization for s in ctx.signers] == ["Comune di Santorso"] * 2
    assert ctx.signers[0].common_name == "Mario Rossi"
    assert ctx.signers[0].email == "sindaco@comune.santorso.vi.it"


def test_base64_p7m_is_unwrapped(cades) -> None:  # type: ignore[no-untyped-def]
    data = base64.encodebytes(cades(make_pdf(LETTER)))
    (d,) = read_attachment(data, name="nota.pdf.p7m")
    assert "SANTORSO" in d.text


def test_zip_members_are_read_and_traversal_names_dropped() -> None:
    data = make_zip({"../../etc/evil.txt": b"Comune di Prova, 4 posti", "/tmp/abs.pdf": make_pdf(LETTER),
                     "dir/": b""})
    docs = read_attachment(data, name="allegati.zip")
    names = sorted(d.name or "" for d in docs)
    assert names == ["abs.pdf", "evil.txt"]
    assert all(".." not in d.origin and "/tmp" not in d.origin for d in docs)
    assert any("4 posti" in d.text for d in docs) and any("otto" in d.text for d in docs)


def test_zip_bomb_stops_at_the_decompressed_limit() -> None:
    data = make_zip({f"f{i}.txt": b"0" * 1_000_000 for i in range(5)})
    limits = Limits(decompressed_bytes=2_500_000)
    docs = read_attachment(data, name="bomba.zip", part="1.3", context=Context(limits=limits))
    errors = [d.error for d in docs if d.error]
    assert errors and "bomba.zip (part 1.3)" in errors[0] and "2500000 bytes" in errors[0]
    assert sum(len(d.text) for d in docs) <= 2_500_000


def test_nesting_depth_limit() -> None:
    data = b"Comune di Prova"
    for i in range(4):
        data = make_zip({f"livello{i}.zip" if i else "testo.txt": data})
    docs = read_attachment(data, name="matrioska.zip", context=Context(limits=Limits(nesting_depth=2)))
    assert not any("Comune di Prova" in d.text for d in docs)
    assert any(d.error and "nested 3 levels deep" in d.error for d in docs)


def test_attachment_size_limit() -> None:
    (d,) = read_attachment(make_pdf(LETTER), name="big.pdf", part="1.2",
                           context=Context(limits=Limits(attachment_bytes=100)))
    assert d.text == "" and "big.pdf (part 1.2) was not read" in (d.error or "") and "100 bytes" in (d.error or "")


def test_time_limit_per_attachment_stops_ocr() -> None:
    limits = Limits(document_seconds=0.2)
    (d,) = read_attachment(make_scan(LETTER), name="lenta.pdf", part="1.4", context=Context(limits=limits))
    assert d.error and "lenta.pdf (part 1.4)" in d.error and "0.2 s" in d.error


def test_ocr_page_limit() -> None:
    from pypdf import PdfReader, PdfWriter
    import io
    scan = make_scan(LETTER)
    w = PdfWriter()
    for _ in range(3):
        w.add_page(PdfReader(io.BytesIO(scan)).pages[0])
    buf = io.BytesIO()
    w.write(buf)
    (d,) = read_attachment(buf.getvalue(), name="tre.pdf", context=Context(limits=Limits(ocr_pages=1)))
    assert d.text.upper().count("SANTORSO") == 1
    assert d.error and "limit of 1 OCR pages" in d.error


def test_unknown_and_empty_formats_get_a_status() -> None:
    (d,) = read_attachment(b"MZ\x90\x00" + bytes(200), name="virus.exe", part="1.5")
    assert d.error and "virus.exe (part 1.5)" in d.error
    (e,) = read_attachment(b"", name="vuoto.pdf")
    assert e.method == "empty" and e.error is None


def test_detect_by_magic_not_name() -> None:
    assert detect(make_pdf(["x"]), "a.docx", "text/plain") == "pdf"
    assert detect(make_docx(["x"]), "a.pdf") == "docx"
    assert detect(make_odt(["x"]), "a.zip") == "odt"
    assert detect(b"From: a@b.it\r\nSubject: x\r\n\r\nciao", "x.txt") == "eml"
    assert detect(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "__substg1.0_".encode("utf-16-le"), None) == "msg"
