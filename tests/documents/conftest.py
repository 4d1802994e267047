"""Fixture files built in code: PDFs (reportlab), a scan (Pillow), DOCX, ODT, CAdES .p7m (openssl)."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def make_pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 780
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.save()
    return buf.getvalue()


def make_scan(lines: list[str], fmt: str = "PDF") -> bytes:
    """An image-only page (no text layer), as a scanner would make it."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 38)
    except OSError:
        font = ImageFont.load_default(size=38)
    y = 200
    for line in lines:
        draw.text((150, y), line, fill=0, font=font)
        y += 70
    buf = io.BytesIO()
    img.save(buf, fmt, resolution=200.0)
    return buf.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_odt(paragraphs: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    for p in paragraphs:
        doc.text.addElement(P(text=p))
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate naming a mayor of a Comune, as Italian CAdES signatures do."""
    d = tmp_path_factory.mktemp("pki")
    key, cert = d / "key.pem", d / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "30", "-subj",
                    "/CN=Mario Rossi/O=Comune di Santorso/emailAddress=sindaco@comune.santorso.vi.it"],
                   check=True, capture_output=True)
    return key, cert


@pytest.fixture(scope="session")
def cades(signing_key: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    """sign(data) -> DER CAdES-style SignedData with the content inside (a .p7m)."""
    key, cert = signing_key

    def sign(data: bytes) -> bytes:
        done = subprocess.run(["openssl", "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-signer",
                               str(cert), "-inkey", str(key)], input=data, check=True, capture_output=True)
        return done.stdout

    return sign
