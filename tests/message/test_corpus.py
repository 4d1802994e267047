"""THE BAR: every dev message whose answer sits in a PDF, scan, .p7m, DOCX, ODT or PEC envelope
gives a text holding the Comune's name and the offered figure as the letter writes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from anci_mailintake.message.read import read_message

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev"
HARD = {"pdf", "ocr", "p7m", "docx", "odt", "pec"}
READ_ROLES = ("body", "attachment", "forwarded")


def _gold() -> list[dict]:
    lines = (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [g for g in map(json.loads, lines) if HARD & set(g["tags"])]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'")).lower()


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"])
def test_answer_text_is_read(gold: dict) -> None:
    read = read_message((DEV / gold["file"]).read_bytes(), gold["file"])
    assert not [d.error for d in read.documents if d.error]
    if "pec" in gold["tags"] and gold["kind"] != "bounce":  # 030 is a DSN from a PEC provider
        assert read.pec is not None
        assert read.pec.is_receipt == (gold["kind"] == "pec_receipt")
        assert (read.inner is not None) == (gold["kind"] == "reply")
    if gold["kind"] != "reply":
        return
    text = _norm("\n".join(d.text for d in read.documents if d.role in READ_ROLES))
    for comune in gold["comuni"]:
        assert _norm(comune["name"]) in text, comune["name"]
    if gold["places"] is not None:
        assert re.search(rf"(?<!\d){gold['places']}(?!\d)", text), gold["places"]
    for tag, method in (("pdf", "pdf-text"), ("ocr", "ocr"), ("docx", "docx"), ("odt", "odf")):
        if tag in gold["tags"] and not (tag == "pdf" and "ocr" in gold["tags"]):
            assert any(d.method == method for d in read.documents), tag


def test_quoted_and_returned_anci_letter_is_marked() -> None:
    for name in ("006", "014", "016", "045", "002", "010"):
        read = read_message((DEV / f"{name}.eml").read_bytes())
        letters = [d for d in read.documents if d.role == "anci_letter"]
        assert letters, name
        assert all("sindaco di prato" not in _norm(d.text) for d in read.documents if d.role == "body"), name


def test_forwarded_message_attachment() -> None:
    read = read_message((DEV / "058.eml").read_bytes())
    fwd = [d for d in read.documents if d.role == "forwarded"]
    assert fwd and fwd[0].origin.endswith(".eml")


def test_cades_signer_and_layer_path() -> None:
    read = read_message((DEV / "031.eml").read_bytes())
    (pdf,) = [d for d in read.documents if d.method == "pdf-text"]
    assert pdf.origin == "postacert.eml > nota_ANCI_SIPROIMI_MSNA.pdf.p7m > nota_ANCI_SIPROIMI_MSNA.pdf"
    assert any(s.organization and "bari" in s.organization.lower() or s.common_name and "bari" in
               (s.common_name + str(s.email)).lower() for s in read.signers), read.signers
    assert read.pec and read.pec.certified_sender == "protocollo@pec.comune.bari.it"
