"""Raw bytes → ReadMessage: every layer a clerk would open, each text with its role and origin.

The outer message is parsed; a PEC envelope gives way to the Comune's own message in
postacert.eml (ReadMessage.inner) while the certification text becomes a 'pec_notice'; bodies are
split into new text and quoted/forwarded history; attachments go to documents.read_attachment,
which calls back here for attached messages. Only an outer message that cannot be parsed at all
raises (MessageParseError); everything below it is recorded on its Document.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Limits
from ..documents import Context, read_attachment
from ..errors import MessageParseError
from ..records import Document, ParsedMessage, ReadMessage
from . import pec as pec_mod
from .parse import decode_text, parse
from .quotes import is_anci_letter, split

_REPORT_PARTS = ("message/delivery-status", "message/global-delivery-status", "text/rfc822-headers",
                 "message/disposition-notification", "message/global-headers")


class _Reader:
    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.ctx = Context(limits=limits, read_message=self.embedded)
        self.warnings: list[str] = []

    def body(self, msg: ParsedMessage, origin: str, part: str, role: str) -> list[Document]:
        """The body split into new text and history; `role` is what the new text is."""
        docs: list[Document] = []
        method = "text" if msg.text is not msg.html_text or not msg.html_text else "html"
        segments = split(msg.text)
        if any(r == "returned" for r, _ in segments):
            role = "delivery_report"  # an inline bounce: its own text and the copy it returns
        for seg_role, text in segments:
            if seg_role == "returned":
                data = text.encode("utf-8")
                docs.extend(self.embedded(data, None, part, f"{origin} > returned message" if origin
                                          else "returned message", 1, "delivery_report"))
                continue
            if seg_role == "body":
                r = role
            else:
                r = seg_role if role in ("body", "forwarded") else role
            if seg_role != "body" or role != "body":
                if is_anci_letter(text):
                    r = "anci_letter"
            docs.append(Document(role=r, text=text, origin=origin, part=part, method=method, size=len(text)))
        return docs

    def message(self, msg: ParsedMessage, origin: str, part: str, depth: int, role: str,
                attach_role: str) -> list[Document]:
        """Body documents, then every attachment's documents, of one (outer or nested) message."""
        report = msg.content_type == "multipart/report"
        docs = self.body(msg, origin, part, "delivery_report" if report else role)
        for a in msg.attachments:
            a_role = attach_role
            if report:
                a_role = "delivery_report"
                if a.declared_type in _REPORT_PARTS:
                    text, _ = decode_text(a.data, "utf-8")
                    docs.append(Document(role="delivery_report", text=text, origin=origin, name=a.filename,
                                         part=a.part, mime=a.declared_type, method="text", size=len(a.data)))
                    continue
            docs.extend(read_attachment(a.data, name=a.filename, part=a.part, origin=origin,
                                        declared_type=a.declared_type, role=a_role, depth=depth,
                                        context=self.ctx))
        return docs

    def embedded(self, data: bytes, name: str | None, part: str, origin: str, depth: int,
                 role: str) -> list[Document]:
        """An attached message (.eml, message/rfc822): its body is 'forwarded', its files are read too."""
        try:
            msg = parse(data, f"{self.source} > {origin}", self.limits)
        except MessageParseError as e:
            return [Document(role=role, text="", origin=origin, name=name, part=part, mime="message/rfc822",
                             method="eml", size=len(data),
                             error=f"{name or 'an attached message'} (part {part}) cannot be read as a "
                                   f"message: {e.reason}.")]
        body_role = "forwarded" if role == "attachment" else role
        return self.message(msg, origin, part, depth, body_role, role)


def _letter(doc: Document) -> Document:
    """Mark ANCI's own letter wherever it turns up: quoted, returned, forwarded or attached as a file."""
    if doc.role in ("quoted", "forwarded", "delivery_report", "pec_notice") and is_anci_letter(doc.text):
        return replace(doc, role="anci_letter")
    if doc.role == "attachment" and is_anci_letter(doc.text, needed=5):
        return replace(doc, role="anci_letter")
    return doc


def read_message(raw: bytes, source: str = "", limits: Limits | None = None) -> ReadMessage:
    """Read one message. Raises MessageParseError when the message itself cannot be parsed."""
    limits = limits or Limits()
    outer = parse(raw, source, limits)
    reader = _Reader(source, limits)
    pec = pec_mod.detect(outer, raw)
    inner: ParsedMessage | None = None
    warnings = list(outer.warnings)
    if pec is None:
        docs = reader.message(outer, "", "1", 0, "body", "attachment")
    else:
        docs = [Document(role="pec_notice", text=outer.text, part="1", method="text", size=len(outer.text))]
        for a in outer.attachments:
            if pec_mod.is_daticert(a):
                continue
            if pec_mod.is_postacert(a) and not pec.is_receipt and inner is None:
                try:
                    inner = parse(a.data, f"{source} > postacert.eml", limits)
                except MessageParseError as e:
                    docs.append(Document(role="body", text="", origin="postacert.eml", name=a.filename,
                                         part=a.part, mime="message/rfc822", method="eml", size=len(a.data),
                                         error=f"postacert.eml (part {a.part}) cannot be read: {e.reason}."))
                    continue
                warnings.extend(f"postacert.eml: {w}" for w in inner.warnings)
                docs.extend(reader.message(inner, "postacert.eml", a.part, 1, "body", "attachment"))
                continue
            # a receipt's copy of the original (ANCI's own mail) and the provider's signature
            role = "pec_notice" if pec_mod.is_postacert(a) else "attachment"
            docs.extend(read_attachment(a.data, name=a.filename, part=a.part, declared_type=a.declared_type,
                                        role=role, depth=0, context=reader.ctx))
    docs = [_letter(d) for d in docs]
    return ReadMessage(outer=outer, inner=inner, pec=pec, signers=tuple(reader.ctx.signers),
                       documents=tuple(docs), warnings=tuple(warnings + reader.warnings))
