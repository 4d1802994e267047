"""Name an attachment's format from its bytes (magic numbers), never from its declared type.

A PDF sent as application/octet-stream, a DOCX called "lettera.pdf" or a scan pasted inline are
all common in municipal mail; the declared type and the name only break ties the bytes leave open
(a plain text file, an .eml that starts with an unusual header).
"""

from __future__ import annotations

import io
import re
import zipfile

# detected kind -> MIME type recorded on the Document
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "msg": "application/vnd.ms-outlook",
    "ole": "application/x-ole-storage",
    "tnef": "application/vnd.ms-tnef",
    "rtf": "application/rtf",
    "p7m": "application/pkcs7-mime",
    "p7s": "application/pkcs7-signature",
    "cms-enveloped": "application/pkcs7-mime; smime-type=enveloped-data",
    "image": "image/*",
    "eml": "message/rfc822",
    "xml": "application/xml",
    "html": "text/html",
    "text": "text/plain",
    "empty": "application/x-empty",
    "gzip": "application/gzip",
    "rar": "application/vnd.rar",
    "7z": "application/x-7z-compressed",
    "bzip2": "application/x-bzip2",
    "exe": "application/x-msdownload",
    "binary": "application/octet-stream",
}

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_OID_SIGNED = bytes.fromhex("06092a864886f70d010702")
_OID_ENVELOPED = bytes.fromhex("06092a864886f70d010703")
_OID_DATA = bytes.fromhex("06092a864886f70d010701")
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?", re.M)
_MAIL_HEADERS = re.compile(
    rb"^(from|to|subject|date|message-id|received|return-path|mime-version|content-type|delivered-to)"
    rb"[ \t]*:", re.I | re.M)
_B64 = re.compile(rb"^[A-Za-z0-9+/=\r\n]+$")


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(data: bytes) -> str:
    """Tell Outlook .msg, Word .doc and Excel .xls apart by the stream names in the directory."""
    head = data[: 4 * 1024 * 1024]
    if _utf16_name("__substg1.0_") in head or _utf16_name("__properties_version1.0") in head:
        return "msg"
    if _utf16_name("WordDocument") in head:
        return "doc"
    if _utf16_name("Workbook") in head or _utf16_name("Book\x00") in head:
        return "xls"
    return "ole"


def _zip_kind(data: bytes) -> str:
    """Office Open XML and OpenDocument are zips; their member names say which."""
    m = re.match(rb"PK\x03\x04.{26}mimetype(application/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation))",
                 data[:200], re.S)
    if m:
        return {b"text": "odt", b"spreadsheet": "ods", b"presentation": "odp"}[m.group(2)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()[:5000])
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size < 200:
                    mt = zf.read("mimetype")
                    for key, kind in ((b"opendocument.text", "odt"), (b"opendocument.spreadsheet", "ods"),
                                      (b"opendocument.presentation", "odp")):
                        if key in mt:
                            return kind
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError, KeyError):
        return "zip"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    return "zip"


def _cms_kind(der: bytes) -> str | None:
    if der[:1] != b"\x30":
        return None
    head = der[:40]
    if _OID_SIGNED in head:
        # detached (p7s) when the encapsulated content has no [0] payload; checked by the reader
        return "p7m"
    if _OID_ENVELOPED in head:
        return "cms-enveloped"
    return None


def _looks_like_mail(data: bytes) -> bool:
    head = data[:8192]
    end = re.search(rb"\r?\n\r?\n", head)
    block = head[: end.start()] if end else head
    lines = [ln for ln in block.splitlines() if ln and ln[:1] not in (b" ", b"\t")]
    if not lines or lines[0].startswith(b"From ") and len(lines) < 2:
        return False
    if lines[0].startswith(b"From "):  # mbox separator line
        lines = lines[1:]
    good = sum(1 for ln in lines if _HEADER_LINE.match(ln))
    if lines and lines[0].lower().startswith(b"content-type:") and good == len(lines):
        return True  # a bare MIME entity, as inside an opaque S/MIME signature
    return good >= 2 and good >= 0.8 * len(lines) and len(_MAIL_HEADERS.findall(block)) >= 2


def _is_text(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bad <= len(sample) // 100


def detect(data: bytes, name: str | None = None, declared: str = "") -> str:
    """Return the kind of an attachment ("pdf", "docx", "p7m", "eml", "text", …) from its bytes."""
    if not data.strip():
        return "empty"
    head = data[:16]
    cms = _cms_kind(data)  # before the PDF test: a .pdf.p7m holds "%PDF-" in its first kilobyte
    if cms:
        return cms
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(data)
    if head.startswith(b"\x78\x9f\x3e\x22"):
        return "tnef"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") \
            or head.startswith(b"\x00\x00\x00\x0cjP  "):
        return "image" if not head.startswith(b"BM") or len(data) > 54 else "binary"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"Rar!"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"MZ"):
        return "exe"
    stripped = data[:4096].lstrip()
    if stripped.startswith((b"-----BEGIN PKCS7", b"-----BEGIN CMS", b"-----BEGIN PKCS #7")):
        return "p7m"
    if stripped[:3] == b"MII" and _B64.match(data[:4096].strip() or b"-"):
        return "p7m"  # base64 of a DER SEQUENCE: a .p7m saved as text
    if _looks_like_mail(data) or (declared.lower() == "message/rfc822" and _is_text(data)):
        return "eml"
    if _is_text(data):
        low = stripped[:512].lower().lstrip(b"\xef\xbb\xbf")
        if low.startswith(b"<?xml"):
            return "html" if b"<html" in data[:2048].lower() else "xml"
        if low.startswith((b"<!doctype html", b"<html")) or (b"<html" in low and b"<body" in data[:8192].lower()):
            return "html"
        return "text"
    return "binary"
