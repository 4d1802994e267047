"""Golden samples: samples/<case>.eml read and extracted must give samples/<case>.expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anci_mailintake.extract import extract
from anci_mailintake.message.read import read_message

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = sorted(p.name.removesuffix(".eml") for p in SAMPLES.glob("*.eml"))


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_sample(nlp, case):
    expected = json.loads((SAMPLES / f"{case}.expected.json").read_text())
    x = extract(read_message((SAMPLES / f"{case}.eml").read_bytes(), f"samples/{case}.eml"), nlp)
    got = {"kind": x.kind, "comuni": sorted(c.istat for c in x.comuni), "intent": x.intent, "mode": x.mode,
           "places": x.places, "needs_review": x.needs_review}
    assert got == {**expected, "comuni": sorted(expected["comuni"])}, x.review_reasons


def test_samples_use_crlf():
    for case in CASES:
        data = (SAMPLES / f"{case}.eml").read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b""), case
