"""Frozen records passed between the stages. Standard library only.

RawMessage → (message) ParsedMessage → (message.read) ReadMessage with Documents
→ (extract) Extraction. Every record pickles, so a worker process can hand it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

KINDS = ("reply", "auto_reply", "pec_receipt", "bounce", "other")
INTENTS = ("interested", "not_interested", "undecided")
MODES = ("new_project", "expansion", "unspecified")


@dataclass(frozen=True)
class RawMessage:
    """The bytes of one message as a source handed them over."""

    source: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Attachment:
    """A leaf MIME part that is not body text (or is a named text part)."""

    part: str  # MIME path, "1.2.1"
    filename: str | None
    declared_type: str  # as the Content-Type says; the reader trusts the bytes instead
    data: bytes
    inline: bool = False


@dataclass(frozen=True)
class ParsedMessage:
    """One RFC 5322 message with decoded headers, body text and attachments."""

    message_id: str | None
    date: str | None  # the Date header as written, decoded
    date_utc: datetime | None
    from_: str  # decoded "Name <addr>"
    from_address: str  # lower-case addr-spec, "" when none
    to: str
    subject: str
    content_type: str
    headers: dict[str, str]  # lower-case name → decoded value (first occurrence)
    text: str  # the text/plain bodies, or the HTML bodies as text when there is no plain one
    html_text: str  # the HTML bodies as text ("" when none)
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PecInfo:
    """Certification data of an Italian PEC envelope or receipt (from daticert.xml and headers)."""

    type: str  # X-Ricevuta / daticert tipo: "posta-certificata", "accettazione", "avvenuta-consegna", …
    is_receipt: bool
    certified_sender: str | None = None
    date: str | None = None
    identifier: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Signer:
    """Subject of a signing certificate found in S/MIME or CAdES."""

    common_name: str | None
    organization: str | None = None
    email: str | None = None
    where: str = ""  # the part or file that carried the signature


# Document roles: what a text is to the message.
ROLES = (
    "body",  # the sender's own new text
    "quoted",  # quoted history below a reply
    "forwarded",  # a forwarded message's text
    "anci_letter",  # ANCI's own letter quoted or returned
    "attachment",  # text read from an attached file
    "pec_notice",  # the PEC provider's certification text
    "delivery_report",  # a DSN's human and machine parts
)


@dataclass(frozen=True)
class Document:
    """A text the reader found, with where it came from and how it was read."""

    role: str
    text: str
    origin: str = ""  # path of layers, "postacert.eml > delibera.pdf.p7m > delibera.pdf"
    name: str | None = None
    part: str = ""
    mime: str = "text/plain"  # detected from the bytes
    method: str = "text"  # text, html, pdf-text, ocr, docx, odt, rtf, msg, …
    size: int = 0
    error: str | None = None


@dataclass(frozen=True)
class ReadMessage:
    """Everything a clerk would read in one message."""

    outer: ParsedMessage
    inner: ParsedMessage | None = None  # the Comune's message inside a PEC envelope (postacert.eml)
    pec: PecInfo | None = None
    signers: tuple[Signer, ...] = ()
    documents: tuple[Document, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def effective(self) -> ParsedMessage:
        """The message that counts: the PEC payload when there is one."""
        return self.inner or self.outer


@dataclass(frozen=True)
class ComuneRef:
    istat: str
    name: str
    province: str


@dataclass(frozen=True)
class Evidence:
    """Why a field has its value: a span of one document."""

    field: str
    document: int  # index into ReadMessage.documents; -1 for headers
    start: int
    end: int
    snippet: str
    rule: str


@dataclass(frozen=True)
class Extraction:
    kind: str
    comuni: tuple[ComuneRef, ...] = ()
    intent: str | None = None
    mode: str | None = None
    places: int | None = None
    places_total: int | None = None
    places_current: int | None = None
    confidence: float = 0.0
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    version: str = ""


@dataclass(frozen=True)
class Outcome:
    """What processing one stored message produced: a read and an extraction, or an error."""

    read: ReadMessage | None
    extraction: Extraction | None
    error: str | None = None
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
