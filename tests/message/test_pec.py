"""PEC envelopes and receipts: the inner message counts, receipts are recognised, unknown types kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from anci_mailintake.message.read import read_message

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev"


def test_envelope_gives_inner_message_and_certification_data() -> None:
    read = read_message((DEV / "015.eml").read_bytes())
    assert read.pec is not None and read.pec.type == "posta-certificata" and not read.pec.is_receipt
    assert read.pec.certified_sender == "servizisociali@cert.comune.torino.it"
    assert read.pec.identifier == "20200210100217.902645.9.legalmail@legalmail.it"
    assert read.pec.date == "10/02/2020 10:02:17 +0100"
    assert read.inner is not None and read.effective is read.inner
    assert read.inner.from_address == "servizisociali@cert.comune.torino.it"
    roles = [d.role for d in read.documents]
    assert roles[0] == "pec_notice" and "body" in roles
    (body,) = [d for d in read.documents if d.role == "body"]
    assert body.origin == "postacert.eml" and "25 posti" in body.text
    assert read.signers and read.signers[0].email is None or read.signers


@pytest.mark.parametrize("name,kind", [("035", "accettazione"), ("036", "avvenuta-consegna"),
                                       ("051", "errore-consegna"), ("073", "preavviso-errore-consegna"),
                                       ("079", "avvenuta-consegna"), ("080", "avvenuta-consegna")])
def test_receipts(name: str, kind: str) -> None:
    read = read_message((DEV / f"{name}.eml").read_bytes())
    assert read.pec is not None and read.pec.type == kind and read.pec.is_receipt
    assert read.inner is None
    assert all(d.role in ("pec_notice", "attachment", "anci_letter") for d in read.documents)
    assert not any(d.role == "body" for d in read.documents)


RECEIPT = (b"From: posta-certificata@pec.example.it\r\nTo: immigrazione@anci.it\r\n"
           b"Subject: NUOVA RICEVUTA: prova\r\nX-Ricevuta: %s\r\nX-Trasporto: %s\r\n"
           b"Content-Type: text/plain\r\n\r\nRicevuta di tipo nuovo.\r\n")


def test_unknown_receipt_type_is_kept() -> None:
    read = read_message(RECEIPT % (b"ricevuta-futura", b"posta-certificata"))
    assert read.pec is not None and read.pec.type == "ricevuta-futura" and read.pec.is_receipt


def test_unknown_envelope_and_rem_are_kept() -> None:
    read = read_message(b"From: a@b.it\r\nX-Trasporto: busta-nuova\r\nSubject: x\r\n\r\nciao\r\n")
    assert read.pec is not None and read.pec.type == "busta-nuova" and not read.pec.is_receipt
    rem = read_message(b"From: a@b.it\r\nX-REM-Section-Type: rem-dispatch\r\nSubject: x\r\n\r\nciao\r\n")
    assert rem.pec is not None and rem.pec.type == "rem" and not rem.pec.is_receipt


def test_ordinary_mail_is_not_pec() -> None:
    read = read_message((DEV / "004.eml").read_bytes())
    assert read.pec is None and read.inner is None and read.documents[0].role == "body"
