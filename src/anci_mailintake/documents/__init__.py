"""Attachment bytes → Documents: detect the format from the bytes, read it, recurse into containers.

Cheap formats (text, HTML, XML, CMS signatures, ZIP directories) are read in-process; heavy ones
(PDF, OCR, office files, Outlook and TNEF) in a forked child with a memory cap and a timeout
(sandbox.py). Every call returns at least one Document; failures and limits become a sentence in
Document.error naming the file, the part and what happened. Nothing here writes to disk.

This package does not import message/: attached messages (.eml, message/rfc822) are handed to the
`read_message` callback the caller puts in the Context.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..config import Limits
from ..records import Document, Signer
from . import archive, office, outlook, pdf, text
from .detect import MIME, detect
from .ocr import image_size
from .p7m import CmsError, inner_name, unwrap
from .result import Extracted
from .sandbox import SandboxError, run

# (data, name, part, origin, depth, role) -> documents of an attached message
MessageReader = Callable[[bytes, "str | None", str, str, int, str], "list[Document]"]

MIN_OCR_PIXELS = 250_000  # smaller images are logos and signatures, not scanned pages
MIN_OCR_SIDE = 400

_LABEL = {"pdf": "PDF", "docx": "DOCX", "pptx": "PPTX", "odt": "ODT", "ods": "ODS", "odp": "ODP",
          "xlsx": "XLSX", "xls": "XLS", "rtf": "RTF", "msg": "Outlook message", "tnef": "TNEF (winmail.dat)",
          "image": "OCR", "zip": "ZIP"}


@dataclass
class Context:
    """What one message's reading shares: limits, its deadline, signers found, the message reader."""

    limits: Limits = field(default_factory=Limits)
    deadline: float = 0.0  # time.monotonic() after which nothing more is read; 0 = from limits
    read_message: MessageReader | None = None
    signers: list[Signer] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.deadline:
            self.deadline = time.monotonic() + self.limits.message_seconds


def _heavy(kind: str, data: bytes, limits: Limits, seconds: float) -> Extracted:
    """The sandboxed half: runs in the child."""
    cap = limits.decompressed_bytes
    if kind == "pdf":
        return pdf.read_pdf(data, limits.ocr_pages, limits.pdf_pages, seconds)
    if kind == "image":
        return pdf.read_image(data, seconds)
    if kind == "docx":
        return office.read_docx(data, cap)
    if kind == "pptx":
        return office.read_pptx(data, cap)
    if kind in ("odt", "ods", "odp"):
        return office.read_odf(data, cap)
    if kind == "xlsx":
        return office.read_xlsx(data, cap)
    if kind == "xls":
        return office.read_xls(data, cap)
    if kind == "rtf":
        return office.read_rtf(data, cap)
    if kind == "msg":
        return outlook.read_msg(data)
    if kind == "tnef":
        return outlook.read_tnef(data)
    raise ValueError(kind)


def _where(name: str | None, part: str, origin: str) -> str:
    label = name or "an unnamed part"
    bits = [f"part {part}"] if part else []
    if origin and origin != (name or ""):
        bits.append(f"in {origin}")
    return f"{label} ({', '.join(bits)})" if bits else label


def read_attachment(data: bytes, *, name: str | None = None, part: str = "", origin: str = "",
                    declared_type: str = "", role: str = "attachment", depth: int = 0,
                    context: Context | None = None) -> list[Document]:
    """Read one attachment (and whatever it contains) into Documents; never raises for bad input."""
    ctx = context or Context()
    limits = ctx.limits
    label = name or (f"part {part}" if part else "attachment")
    path = f"{origin} > {label}" if origin else label
    where = _where(name, part, origin)

    def doc(text_: str = "", method: str = "none", error: str | None = None, kind: str = "binary") -> Document:
        if len(text_) > limits.document_chars:
            text_ = text_[: limits.document_chars]
            error = error or f"{where}: the text was cut at {limits.document_chars} characters."
        return Document(role=role, text=text_, origin=path, name=name, part=part, mime=MIME.get(kind, kind),
                        method=method, size=len(data), error=error)

    if len(data) > limits.attachment_bytes:
        return [doc(error=f"{where} was not read: it is {len(data)} bytes, over the limit of "
                          f"{limits.attachment_bytes} bytes per attachment.")]
    if depth > limits.nesting_depth:
        return [doc(error=f"{where} was not read: it is nested {depth} levels deep (archives, signed files, "
                          f"attached messages), over the limit of {limits.nesting_depth}.")]
    left = ctx.deadline - time.monotonic()
    if left <= 0:
        return [doc(error=f"{where} was not read: the time limit of {limits.message_seconds:g} s for the "
                          f"whole message was spent.")]
    kind = detect(data, name, declared_type)
    try:
        return _dispatch(data, kind, name, part, path, where, role, depth, left, ctx, doc)
    except Exception as e:  # noqa: BLE001 - in-process readers of hostile bytes; recorded, never raised
        return [doc(method=kind, kind=kind, error=f"{where}: reading it as {MIME.get(kind, kind)} failed "
                                                  f"({type(e).__name__}: {str(e)[:200]}).")]


def _dispatch(data: bytes, kind: str, name: str | None, part: str, path: str, where: str, role: str, depth: int,
              left: float, ctx: Context, doc: Callable[..., Document]) -> list[Document]:
    limits = ctx.limits

    if kind == "empty":
        return [doc(method="empty", kind=kind)]
    if kind == "text":
        return [doc(text.decode(data), "text", kind=kind)]
    if kind == "html":
        return [doc(text.html_text(data), "html", kind=kind)]
    if kind == "xml":
        return [doc(text.xml_text(data), "xml", kind=kind)]
    if kind == "eml":
        if ctx.read_message is None:
            return [doc(text.decode(data), "eml-raw", kind=kind)]
        return ctx.read_message(data, name, part, path, depth + 1, role)
    if kind in ("p7m", "p7s"):
        return _read_cms(data, name, part, path, where, role, depth, ctx, doc)
    if kind == "cms-enveloped":
        return [doc(method="p7m", kind=kind, error=f"{where} is encrypted (S/MIME or CMS enveloped data); "
                                                    "it cannot be read without the recipient's key.")]
    if kind == "zip":
        ex = archive.read_zip(data, limits.archive_members, limits.decompressed_bytes, limits.attachment_bytes)
        return _finish(ex, kind, path, part, role, depth, ctx, doc, where)
    if kind == "image":
        size = image_size(data)
        if size and (size[0] * size[1] < MIN_OCR_PIXELS or min(size) < MIN_OCR_SIDE):
            return [doc(method="image-skipped", kind=kind)]
    if kind in _LABEL:
        seconds = min(limits.document_seconds, left)
        try:
            ex = run(_heavy, kind, data, limits, seconds, seconds=seconds, memory_mb=limits.document_memory_mb)
        except SandboxError as e:
            reader = _LABEL[kind] + (" reader" if kind != "image" else "")
            return [doc(method=kind, kind=kind, error=f"{where}: the {reader} {e}; no text was read.")]
        return _finish(ex, kind, path, part, role, depth, ctx, doc, where)
    if kind == "doc":
        return [doc(method="none", kind=kind, error=f"{where} is a legacy Word .doc file; no maintained "
                                                     "Python reader exists for it, so its text was not read.")]
    return [doc(method="none", kind=kind, error=f"{where} is not a format the reader knows "
                                                f"({MIME.get(kind, kind)}); no text was read.")]


def _finish(ex: Extracted, kind: str, path: str, part: str, role: str, depth: int, ctx: Context,
            doc: Callable[..., Document], where: str) -> list[Document]:
    error = None
    if ex.error:
        error = f"{where} {ex.error}."
    elif ex.notes:
        error = f"{where} was read in part: " + "; ".join(ex.notes[:5]) + "."
    docs = []
    if ex.text.strip() or error or not ex.children:
        docs.append(doc(ex.text, ex.method or kind, error, kind=kind))
    for i, (child_name, child) in enumerate(ex.children, 1):
        docs.extend(read_attachment(child, name=child_name, part=f"{part}/{i}" if part else str(i), origin=path,
                                    role=role, depth=depth + 1, context=ctx))
    return docs


def _read_cms(data: bytes, name: str | None, part: str, path: str, where: str, role: str, depth: int,
              ctx: Context, doc: Callable[..., Document]) -> list[Document]:
    try:
        content, signers = unwrap(data, where=path)
    except CmsError as e:
        return [doc(method="p7m", kind="p7m", error=f"{where} {e}.")]
    ctx.signers.extend(signers)
    if content is None:  # a detached signature (smime.p7s): the signers are all it holds
        return [doc(method="p7s", kind="p7s")]
    return read_attachment(content, name=inner_name(name), part=part, origin=path, role=role, depth=depth + 1,
                           context=ctx)
