"""Raw bytes → ReadMessage: every layer a clerk would open.

Interim reader (foundation): the outer message's body and its attachments, listed without text.
The full reader (PEC envelopes, signatures, attachments' text, quotes) replaces it.
"""

from __future__ import annotations

from ..config import Limits
from ..records import Document, ReadMessage
from .parse import parse


def read_message(raw: bytes, source: str = "", limits: Limits | None = None) -> ReadMessage:
    """Read one message. Raises MessageParseError when the message itself cannot be parsed."""
    limits = limits or Limits()
    outer = parse(raw, source, limits)
    docs = [Document(role="body", text=outer.text, part="1", method="text", size=len(outer.text))]
    for a in outer.attachments:
        docs.append(Document(role="attachment", text="", name=a.filename, part=a.part, mime=a.declared_type,
                             method="none", size=len(a.data)))
    return ReadMessage(outer=outer, documents=tuple(docs), warnings=outer.warnings)
