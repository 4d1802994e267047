"""Outlook .msg (extract-msg) and TNEF winmail.dat (tnefparse): their text and their attachments."""

from __future__ import annotations

import logging

from .result import Extracted

for _name in ("extract_msg", "tnefparse", "olefile", "RTFDE"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def _msg_text(msg: object, depth: int, children: list[tuple[str | None, bytes]], notes: list[str]) -> str:
    lines = []
    for label, attr in (("Da", "sender"), ("Data", "date"), ("A", "to"), ("Oggetto", "subject")):
        try:
            value = getattr(msg, attr, None)
        except Exception:  # noqa: BLE001 - extract-msg computes properties lazily and may fail on any
            value = None
        if value:
            lines.append(f"{label}: {value}")
    body = None
    try:
        body = msg.body  # type: ignore[attr-defined]
    except Exception as e:  # noqa: BLE001
        notes.append(f"the message body could not be decoded ({type(e).__name__})")
    text = "\n".join(lines) + "\n\n" + (body or "")
    try:
        attachments = list(msg.attachments)  # type: ignore[attr-defined]
    except Exception as e:  # noqa: BLE001
        notes.append(f"the attachments could not be listed ({type(e).__name__})")
        attachments = []
    for att in attachments[:200]:
        try:
            data = att.data
            name = getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or getattr(att, "name", None)
        except Exception as e:  # noqa: BLE001
            notes.append(f"an attachment could not be read ({type(e).__name__})")
            continue
        if isinstance(data, bytes):
            children.append((name, data))
        elif data is not None and hasattr(data, "body") and depth < 5:
            text += "\n\n---------- Messaggio allegato ----------\n" + _msg_text(data, depth + 1, children, notes)
    return text


def read_msg(data: bytes) -> Extracted:
    import extract_msg

    msg = extract_msg.openMsg(data, strict=False, delayAttachments=False)
    children: list[tuple[str | None, bytes]] = []
    notes: list[str] = []
    try:
        text = _msg_text(msg, 0, children, notes)
    finally:
        msg.close()
    return Extracted(text=text, method="msg", children=children, notes=notes)


def read_tnef(data: bytes) -> Extracted:
    from tnefparse import TNEF

    tnef = TNEF(data, do_checksum=False)
    notes: list[str] = []
    text = ""
    if getattr(tnef, "body", None):
        body = tnef.body
        text = body.decode("cp1252", "replace") if isinstance(body, bytes) else str(body)
    elif getattr(tnef, "htmlbody", None):
        from lxml import html as lhtml

        body = tnef.htmlbody
        text = lhtml.fromstring(body).text_content() if body else ""
    elif getattr(tnef, "rtfbody", None):
        from striprtf.striprtf import rtf_to_text

        rtf = tnef.rtfbody
        text = rtf_to_text(rtf.decode("latin-1") if isinstance(rtf, bytes) else rtf, errors="replace")
    children: list[tuple[str | None, bytes]] = []
    for att in tnef.attachments[:200]:
        try:
            name = att.long_filename() or att.name
        except Exception:  # noqa: BLE001 - tnefparse decodes names lazily
            name = None
        if isinstance(name, bytes):
            name = name.decode("cp1252", "replace")
        if isinstance(att.data, bytes) and att.data:
            children.append((name.strip("\x00") if name else None, att.data))
    return Extracted(text=text, method="tnef", children=children, notes=notes)
