"""PDF text through pypdfium2 (PDFium); pages without a text layer are rasterised and OCRed.

PDFium is Chrome's PDF engine: fast, tolerant of broken xref tables, and run only in the sandbox.
A page counts as scanned when its text layer has fewer than MIN_CHARS visible characters.
"""

from __future__ import annotations

import math
import time

import pypdfium2 as pdfium  # imported here, in the parent, so each forked child starts with it loaded

from .ocr import OcrError, ocr, pgm
from .result import Extracted

MIN_CHARS = 20
DPI = 300
MAX_PIXELS = 12_000_000
BLANK = 200  # a page whose darkest pixel is lighter than this is empty  # an A4 page at 300 dpi is 8.7 million


def read_pdf(data: bytes, ocr_pages: int, max_pages: int, seconds: float) -> Extracted:
    start = time.monotonic()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            return Extracted(method="pdf-text", error="is encrypted with a password, so its text cannot be read")
        return Extracted(method="pdf-text", error=f"is not a PDF that can be opened ({msg})")
    texts: list[str] = []
    notes: list[str] = []
    methods = set()
    ocred = 0
    try:
        n = len(pdf)
        if n > max_pages:
            notes.append(f"only the first {max_pages} of {n} pages were read")
        for i in range(min(n, max_pages)):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                text = textpage.get_text_bounded()
                textpage.close()
            except pdfium.PdfiumError as e:
                notes.append(f"page {i + 1} could not be loaded ({e})")
                continue
            if len(text.strip()) >= MIN_CHARS:
                methods.add("pdf-text")
                texts.append(text)
                page.close()
                continue
            if ocred >= ocr_pages:
                notes.append(f"page {i + 1} has no text layer and was not OCRed (limit of {ocr_pages} OCR pages)")
                texts.append(text)
                page.close()
                continue
            w, h = page.get_size()
            scale = min(DPI / 72, math.sqrt(MAX_PIXELS / max(w * h, 1)))
            bitmap = page.render(scale=scale, grayscale=True)
            pixels = bytes(bitmap.buffer)
            image = pgm(bitmap.width, bitmap.height, bitmap.stride, pixels)
            bitmap.close()
            page.close()
            if min(pixels, default=255) > BLANK:  # nothing drawn: no need to ask tesseract
                texts.append(text)
                continue
            left = seconds - (time.monotonic() - start)
            try:
                texts.append(ocr(image, left))
            except OcrError as e:
                notes.append(f"page {i + 1}: {e}")
                texts.append(text)
                continue
            ocred += 1
            methods.add("ocr")
    finally:
        pdf.close()
    method = "+".join(sorted(methods)) or "pdf-text"
    return Extracted(text="\n\f".join(texts).replace("\r\n", "\n").replace("\r", "\n"), method=method, notes=notes)


def read_image(data: bytes, seconds: float) -> Extracted:
    try:
        return Extracted(text=ocr(data, seconds), method="ocr")
    except OcrError as e:
        return Extracted(method="ocr", error=str(e))
