"""The review flag: every reason staff must see, the threshold, the version, a light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from anci_mailintake.extract import VERSION, extract
from anci_mailintake.records import Document

SENDER = "x <x@comune.trevi.pg.it>"
CASES = {
    "plain-offer-unflagged": ("Il Comune di Trevi è disponibile ad attivare un nuovo progetto SIPROIMI per 4 posti.", None),
    "range": ("Il Comune di Trevi è interessato a un nuovo progetto SIPROIMI tra 4 e 6 posti.", "range"),
    "up-to": ("Il Comune di Trevi è disponibile ad ampliare il progetto SIPROIMI fino a 8 posti.", "up to"),
    "approximation": ("Il Comune di Trevi è disponibile ad attivare un nuovo progetto SIPROIMI per una decina di minori.",
                      "approximate"),
    "no-figure": ("Il Comune di Trevi è disponibile ad ampliare il progetto SIPROIMI.", "no figure"),
    "condition": ("Il Comune di Trevi è disponibile ad attivare un nuovo progetto SIPROIMI per 5 posti, a condizione "
                  "che siano coperti i costi.", "condition"),
    "correction": ("A rettifica della nostra mail di ieri, il Comune di Trevi è disponibile ad attivare un nuovo "
                   "progetto SIPROIMI per 9 posti.", "corrects"),
    "re-sent": ("Non avendo ricevuto riscontro, vi inoltro nuovamente la nostra comunicazione: il Comune di Trevi è "
                "disponibile ad attivare un nuovo progetto SIPROIMI per 5 posti.", "re-sends"),
    "several-comuni": ("Il Comune di Trevi, anche per conto dei Comuni di Spello e Foligno, è disponibile ad attivare "
                       "un nuovo progetto SIPROIMI per 9 posti.", "Comuni"),
    "unresolved-homonym": ("Il Comune di Castro è disponibile ad attivare un nuovo progetto SIPROIMI per 3 posti.",
                           "several Comuni"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_review_reasons(nlp, make, case):
    text, reason = case
    sender = "x <x@gmail.com>" if "Castro" in text else SENDER
    x = extract(make(text, from_=sender), nlp)
    assert x.kind == "reply" and x.version == VERSION
    if reason is None:
        assert not x.needs_review and x.review_reasons == ()
    else:
        assert x.needs_review and any(reason in r for r in x.review_reasons), x.review_reasons


def test_ocr_text_is_reviewed(nlp, make):
    ocr = Document(role="attachment", text="COMUNE DI TREVI\nSi comunica la disponibilità ad attivare un nuovo "
                   "progetto SIPROIMI per n. 8 (otto) posti.", method="ocr")
    x = extract(make("In allegato la nota.", from_=SENDER, docs=(ocr,)), nlp)
    assert x.places == 8 and x.needs_review and "read by OCR" in x.review_reasons


def test_threshold_is_a_setting(nlp, make):
    read = make("Il Comune di Trevi è disponibile ad attivare un nuovo progetto SIPROIMI per 4 posti.", from_=SENDER)
    assert not extract(read, nlp, review_threshold=0.8).needs_review
    assert extract(read, nlp, review_threshold=0.99).needs_review


def test_import_is_light_and_spacy_stays_in_nlp():
    code = "import sys, anci_mailintake.extract as e; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pipeline_reports_build_time(nlp):
    assert 0 < nlp.build_seconds < 30
    assert len(nlp.gazetteer.keys) > 7800


def test_a_plain_figure_beside_an_expansion_is_the_increment_unless_a_total_is_spoken_of(nlp, make):
    plain = extract(make("Il Comune di Todi aggiunge 3 posti al progetto MSNA in corso.",
                         from_="Servizi Sociali <sociale@comune.todi.pg.it>"), nlp)
    total = extract(make("Il Comune di Todi vuole ampliare il progetto MSNA a una capienza di 14 posti.",
                         from_="Servizi Sociali <sociale@comune.todi.pg.it>"), nlp)
    assert (plain.mode, plain.places, plain.needs_review) == ("expansion", 3, False)
    assert total.mode == "expansion" and total.needs_review


def test_units_times_places(nlp, make):
    x = extract(make("Il Comune di Todi offre 3 alloggi x 4 posti = 12 posti MSNA, nuovo progetto.",
                     from_="Servizi Sociali <sociale@comune.todi.pg.it>"), nlp)
    assert (x.places, x.needs_review) == (12, False)
