"""read_message on built messages: nested .eml with files, inline parts, limits."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from anci_mailintake.config import Limits
from anci_mailintake.errors import MessageParseError
from anci_mailintake.message.read import read_message

from documents.conftest import make_pdf


def _msg(body: str) -> EmailMessage:
    m = EmailMessage()
    m["From"] = "protocollo@comune.prova.it"
    m["To"] = "immigrazione@anci.it"
    m["Subject"] = "Riscontro"
    m.set_content(body)
    return m


def test_attached_eml_is_read_recursively_with_its_files() -> None:
    inner = _msg("Il Comune di Lugo offre 7 posti.")
    inner.add_attachment(make_pdf(["Delibera: 7 posti MSNA"]), maintype="application", subtype="pdf",
                         filename="delibera.pdf")
    outer = _msg("Vi inoltro la risposta del Comune.")
    outer.add_attachment(inner.as_bytes(), maintype="application", subtype="octet-stream", filename="risposta.eml")
    read = read_message(outer.as_bytes())
    roles = {(d.role, d.origin) for d in read.documents}
    assert ("forwarded", "risposta.eml") in roles
    assert ("attachment", "risposta.eml > delibera.pdf") in roles


def test_inline_pdf_declared_octet_stream_is_read() -> None:
    m = _msg("Vedi allegato.")
    m.add_attachment(make_pdf(["Comune di Prova, 9 posti"]), maintype="application", subtype="octet-stream",
                     disposition="inline")
    (pdf,) = [d for d in read_message(m.as_bytes()).documents if d.role == "attachment"]
    assert pdf.method == "pdf-text" and "9 posti" in pdf.text


def test_message_size_limit_raises_parse_error() -> None:
    with pytest.raises(MessageParseError, match="over the limit"):
        read_message(_msg("x" * 5000).as_bytes(), "big.eml", Limits(message_bytes=1000))


def test_message_time_limit_records_errors_and_keeps_the_message() -> None:
    m = _msg("Testo.")
    m.add_attachment(make_pdf(["uno"]), maintype="application", subtype="pdf", filename="a.pdf")
    read = read_message(m.as_bytes(), "t.eml", Limits(message_seconds=0.000001))
    (att,) = [d for d in read.documents if d.role == "attachment"]
    assert att.error and "a.pdf (part 1.2) was not read" in att.error and "whole message" in att.error
    assert read.documents[0].text == "Testo."
