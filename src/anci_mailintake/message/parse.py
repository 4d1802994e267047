"""Raw bytes → ParsedMessage. The only module that imports mail-parser.

Hostile input is bounded before the parser sees it: the message's size, each header field's size
(Python's `email` can spend minutes on one multi-megabyte header), the number of MIME parts and
their depth. The MIME tree comes from the standard library's compat32 parser, guarded against
deep nesting; mail-parser decodes the headers (its RFC 2047 / RFC 2231 decoding survives abused
encoded-words that the standard library's default policy chokes on). mail-parser's whole-message
object is not built: it re-encodes every attachment to base64 and parses every Received chain,
which measured 35% of a worker's time per message for nothing this pipeline reads. Bodies are
decoded here so a lying charset falls back to UTF-8, then Windows-1252, instead of to
replacement characters.
"""

from __future__ import annotations

import email
import email.feedparser
import email.message
import email.utils
import logging
import re
import types
from collections.abc import Iterator
from datetime import timezone
from email.policy import Compat32

from mailparser.utils import decode_header_part

from ..config import Limits
from ..errors import LimitExceeded, MessageParseError
from ..records import Attachment, ParsedMessage
from .html import html_to_text

logging.getLogger("mailparser").setLevel(logging.CRITICAL)

KEPT_HEADERS = (
    "auto-submitted", "x-autoreply", "x-autorespond", "x-auto-response-suppress", "precedence",
    "x-trasporto", "x-ricevuta", "x-verificasicurezza", "x-riferimento-message-id", "x-tiporicevuta",
    "reply-to", "return-path", "in-reply-to", "references", "x-mailer", "user-agent", "list-id",
    "list-unsubscribe", "x-failed-recipients", "content-type", "sender", "delivered-to",
)
_HEADER_END = re.compile(rb"\r?\n\r?\n")


class _Boundary:
    """The matcher the standard library's feedparser compiles for each multipart boundary, made without
    compiling: `re` compiles each new pattern in pure Python, every message's boundary is new, and on the
    benchmark mailbox the compiling was a third of all parsing. It matches as the pattern does: the
    separator, then '--' for the last boundary, blanks and a line end."""

    __slots__ = ("separator",)
    _TAIL = re.compile(r"(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$")

    def __init__(self, separator: str) -> None:
        self.separator = separator

    def match(self, line: str) -> re.Match[str] | None:
        return self._TAIL.match(line, len(self.separator)) if line.startswith(self.separator) else None


_BOUNDARY_HEAD, _BOUNDARY_TAIL = "(?P<sep>", r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_UNESCAPE = re.compile(r"\\(.)", re.S)  # re.escape puts one backslash before each special character


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str] | _Boundary:
    """re.compile for feedparser: its boundary pattern becomes a _Boundary; any other pattern (a later
    Python's) is compiled as asked."""
    if not flags and pattern.startswith(_BOUNDARY_HEAD) and pattern.endswith(_BOUNDARY_TAIL):
        return _Boundary(_UNESCAPE.sub(r"\1", pattern[len(_BOUNDARY_HEAD):-len(_BOUNDARY_TAIL)]))
    return re.compile(pattern, flags)


# feedparser reaches `re` through its module global, read when a multipart is parsed.
email.feedparser.re = types.SimpleNamespace(**{**vars(re), "compile": _compile})  # type: ignore[attr-defined]


def _bound_headers(raw: bytes, limits: Limits) -> tuple[bytes, list[str]]:
    """Cut any header field longer than the limit, so the parser's cost stays bounded."""
    m = _HEADER_END.search(raw)
    head, rest = (raw[: m.start()], raw[m.start():]) if m else (raw, b"")
    if len(head) <= limits.header_bytes:
        return raw, []
    warnings, fields, current = [], [], b""
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and current:
            if len(current) < limits.header_bytes:
                current += line
            continue
        if current:
            fields.append(current)
        current = line
    if current:
        fields.append(current)
    out = []
    for f in fields:
        if len(f) > limits.header_bytes:
            name = f.split(b":", 1)[0][:60].decode("ascii", "replace")
            warnings.append(f"header {name!r} cut to {limits.header_bytes} bytes")
            f = f[: limits.header_bytes].rstrip(b"\r\n") + b"\r\n"
        out.append(f if f.endswith(b"\n") else f + b"\r\n")
    return b"".join(out).rstrip(b"\r\n") + rest, warnings


def decode_text(payload: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode a text body with its declared charset, else UTF-8, else Windows-1252."""
    tried = []
    for cs in (charset, "utf-8", "cp1252"):
        if not cs or cs in tried:
            continue
        tried.append(cs)
        try:
            text = payload.decode(cs)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
        if cs == charset or (charset is None and cs == "utf-8"):
            return text, None
        return text, f"charset {charset or 'undeclared'!r} did not fit; read as {cs}"
    return payload.decode("latin-1"), f"charset {charset!r} did not fit; read as latin-1"


def _charset(part: email.message.Message) -> str | None:
    cs = part.get_content_charset()
    if cs in ("us-ascii", "ascii", "ansi_x3.4-1968"):
        return "cp1252"  # 8-bit bytes under a us-ascii label are almost always Windows-1252
    return cs


def _first_fields(msg: email.message.Message) -> dict[str, str]:
    """Each header's first value by lower-case name: one pass, where Message.get scans all headers per call."""
    fields: dict[str, str] = {}
    for name, value in msg.items():
        fields.setdefault(name.lower(), str(value))
    return fields


def _decode_header(value: str) -> str:
    try:
        return re.sub(r"\s+", " ", decode_header_part(value) or "").strip()
    except Exception:  # noqa: BLE001 - mail-parser raises assorted errors on abused encoded-words
        return re.sub(r"\s+", " ", value).strip()


def _walk(msg: email.message.Message, limits: Limits) -> Iterator[tuple[str, email.message.Message, int]]:
    """Yield (path, part, depth) for every part, bounded in count and depth."""
    count = 0
    stack: list[tuple[str, email.message.Message, int]] = [("1", msg, 0)]
    while stack:
        path, part, depth = stack.pop()
        count += 1
        if count > limits.mime_parts:
            raise LimitExceeded("number of MIME parts", str(limits.mime_parts))
        yield path, part, depth
        if part.is_multipart() and depth < limits.mime_depth:
            payload = part.get_payload()
            if isinstance(payload, list) and part.get_content_maintype() == "multipart":
                for i, child in reversed(list(enumerate(payload, 1))):
                    if isinstance(child, email.message.Message):
                        stack.append((f"{path}.{i}", child, depth + 1))


class _Verbatim(Compat32):
    """compat32 writing each parsed header back as it came (its folds and 8-bit bytes kept, its line ends
    LF), not refolded through email.header.Header, which cost three quarters of re-serialising a PEC
    envelope's message."""

    def fold_binary(self, name: str, value: str) -> bytes:
        if isinstance(value, str):  # not an email.header.Header
            line = f"{name}: {value}\n".replace("\r\n", "\n")
            try:
                return line.encode("ascii", "surrogateescape")
            except UnicodeEncodeError:  # a header set as text, not parsed from bytes
                pass
        return super().fold_binary(name, value)


_VERBATIM = _Verbatim()


def _part_bytes(part: email.message.Message) -> bytes:
    if part.get_content_type() == "message/rfc822" or part.is_multipart():
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else payload
        if isinstance(inner, email.message.Message):
            try:
                return inner.as_bytes(policy=_VERBATIM)
            except Exception:  # noqa: BLE001 - the generator fails on some broken trees
                return str(inner).encode("utf-8", "surrogateescape")
        return b""
    data = part.get_payload(decode=True)  # bytes for a leaf part; None when its payload is not a string
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def parse(raw: bytes, source: str = "", limits: Limits | None = None) -> ParsedMessage:
    """Parse one message. Raises MessageParseError with a sentence when it cannot be read."""
    limits = limits or Limits()
    if len(raw) > limits.message_bytes:
        raise MessageParseError(source, f"the message is {len(raw)} bytes, over the limit of {limits.message_bytes}")
    if not raw.strip():
        raise MessageParseError(source, "the message is empty")
    bounded, warnings = _bound_headers(raw, limits)
    try:
        msg = email.message_from_bytes(bounded)
    except RecursionError:
        raise MessageParseError(source, "the MIME structure is nested too deeply to parse") from None
    if msg is None or (not msg.keys() and not msg.get_payload()):
        raise MessageParseError(source, "no header or body could be read: this is not an e-mail message")

    plain: list[str] = []
    html: list[str] = []
    attachments: list[Attachment] = []
    try:
        for path, part, depth in _walk(msg, limits):
            ctype = part.get_content_type()
            if part.is_multipart() and ctype != "message/rfc822":
                if ctype.startswith("multipart/"):
                    continue
            disposition = (part.get_content_disposition() or "").lower()
            try:
                filename = part.get_filename()
            except Exception:  # noqa: BLE001 - broken RFC 2231 parameters
                filename = None
            filename = _decode_header(filename) if filename else None
            if ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename:
                data = part.get_payload(decode=True)
                text, note = decode_text(data if isinstance(data, bytes) else b"", _charset(part))
                if note:
                    warnings.append(f"part {path}: {note}")
                (plain if ctype == "text/plain" else html).append(text)
                continue
            try:
                data = _part_bytes(part)
            except Exception as e:  # noqa: BLE001 - broken transfer encodings
                warnings.append(f"part {path} ({ctype}) could not be decoded: {e}")
                continue
            attachments.append(Attachment(part=path, filename=filename, declared_type=ctype, data=data,
                                          inline=disposition != "attachment"))
    except LimitExceeded as e:
        warnings.append(f"{e}; the rest of the message was not read")

    html_text = "\n\n".join(t for t in (html_to_text(h) for h in html) if t)
    text = "\n\n".join(p.strip("\r\n") for p in plain if p.strip()) or html_text
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    fields = _first_fields(msg)
    date_raw = _decode_header(fields.get("date", "")) or None
    date_utc = None
    if date_raw:
        try:
            parsed = email.utils.parsedate_to_datetime(date_raw)
            date_utc = parsed.astimezone(timezone.utc) if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        except (TypeError, ValueError, IndexError, OverflowError):
            warnings.append(f"the Date header {date_raw[:60]!r} is not a date")
    from_ = _decode_header(fields.get("from", ""))
    try:
        _name, addr = email.utils.parseaddr(from_)
    except Exception:  # noqa: BLE001
        addr = ""
    headers = {name: _decode_header(fields[name])[:2000] for name in KEPT_HEADERS if name in fields}
    mid = re.sub(r"\s+", "", fields.get("message-id", "")) or None
    return ParsedMessage(
        message_id=mid[:998] if mid else None,
        date=date_raw,
        date_utc=date_utc,
        from_=from_,
        from_address=addr.lower() if "@" in addr else "",
        to=_decode_header(fields.get("to", "")),
        subject=_decode_header(fields.get("subject", "")),
        content_type=msg.get_content_type(),
        headers=headers,
        text=text,
        html_text=html_text,
        attachments=tuple(attachments),
        warnings=tuple(warnings),
    )
