"""Places: digits and words, expansions, totals, ranges, 'up to', approximations and distractors."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract
from anci_mailintake.extract.numbers import value

WORDS = {"sei": 6, "dieci": 10, "dodici": 12, "ventuno": 21, "ventitré": 23, "ventotto": 28, "trentadue": 32,
         "centoventi": 120, "(quindici)": 15, "42": 42, "posti": None, "Nove": 9}


@pytest.mark.parametrize("word", WORDS, ids=WORDS.keys())
def test_number_words(word):
    assert value(word) == WORDS[word]


HEAD = "Il Comune di Trevi "
# text → (places, total, current)
CASES = {
    "digits": ("è disponibile ad attivare un nuovo progetto SIPROIMI per minori per 8 posti.", (8, None, None)),
    "n-digits-words": ("è interessato a un nuovo progetto SIPROIMI MSNA per n. 12 (dodici) posti.", (12, None, None)),
    "words-only": ("è disponibile ad attivare un nuovo progetto SIPROIMI da quindici posti per minori.", (15, None, None)),
    "expansion-da-a": ("è disponibile all'ampliamento del progetto SIPROIMI MSNA da 10 a 25 posti.", (15, 25, 10)),
    "ulteriori": ("conferma la disponibilità ad ampliare il progetto SIPROIMI per minori con ulteriori 5 posti.",
                  (5, None, None)),
    "current-and-total": ("titolare di un progetto SIPROIMI per minori con 16 posti, è disponibile ad ampliare il "
                          "progetto a 24 posti complessivi.", (8, 24, 16)),
    "current-increment-words-total": ("già titolare del progetto SIPROIMI per minori con 9 posti attivi, è disponibile "
                                      "ad un ampliamento di ulteriori sette posti, portando la capacità complessiva "
                                      "del progetto a 16.", (7, 16, 9)),
    "range-tra": ("è interessato a un nuovo progetto SIPROIMI per minori, con una capienza tra 5 e 9 posti.", (9, None, None)),
    "up-to": ("è disponibile ad ampliare il progetto SIPROIMI MSNA sino a un massimo di 14 posti aggiuntivi.", (14, None, None)),
    "approximation": ("è disponibile ad attivare un nuovo progetto SIPROIMI per una decina di minori.", (10, None, None)),
    "distractors-protocol-date-phone-cap-euro": (
        "(prot. n. 4521 del 12/02/2020) è disponibile ad attivare un nuovo progetto SIPROIMI per minori per 7 posti, "
        "con un costo di € 45.000,00. Delibera n. 33. Via Roma 2 - 06039 Trevi. Tel. 0742 332211. Codice PROG-123-PR-1.",
        (7, None, None)),
    "other-target-in-same-sentence": (
        "è disponibile ad attivare un nuovo progetto SIPROIMI: 20 posti per adulti e 6 posti per minori stranieri "
        "non accompagnati.", (6, None, None)),
    "ordinary-project-not-counted": (
        "già titolare di un progetto SIPROIMI ordinario da 40 posti, è interessato ad attivare un nuovo progetto "
        "dedicato ai minori stranieri non accompagnati per 4 posti.", (4, None, None)),
    "correction-ignores-wrong-figure": (
        "rettifica la mail precedente: per mero errore è stato indicato un numero di posti pari a 3. Il Comune è "
        "disponibile ad attivare un nuovo progetto SIPROIMI per minori per 30 posti.", (30, None, None)),
    "table-row-for-minors": (
        "conferma la disponibilità ad ampliare il progetto SIPROIMI come segue:\nProgetto | Posti attuali | "
        "Posti aggiuntivi | Totale\nOrdinari | 30 | 0 | 30\nMinori stranieri non accompagnati | 10 | 4 | 14\n"
        "Totale | 40 | 4 | 44", (4, 14, 10)),
    "no-figure": ("è disponibile ad ampliare il progetto SIPROIMI per minori; il numero di posti sarà definito.",
                  (None, None, None)),
    # A word that is no number ('complessivi', 'per') is never a figure, nor does it hide the one after it.
    "total-after-a-word": ("titolare del progetto SIPROIMI per minori su 50 posti, è disponibile all'ampliamento di "
                           "ulteriori 25 posti, portando il\nprogetto a complessivi 75 posti.", (25, 75, 50)),
    "cut-expansion-is-no-figure": ("è disponibile per 25 posti per minori, ampliando da 20 a \nper informazioni: "
                                   "tel. 0780 261929.", (25, None, None)),
    "per-structure-far-from-the-number": ("è disponibile a un nuovo progetto SIPROIMI per minori in tre alloggi comunali "
                                          "di via Roma, da 2 posti ciascuno.", (6, None, None)),
    "up-to-a-total": ("gestisce un progetto SIPROIMI per 8 minori ed è disponibile ad ampliarlo fino a 12 posti "
                      "complessivi.", (4, 12, 8)),
        "half-a-dozen": ("è disponibile ad attivare un nuovo progetto SIPROIMI per una mezza dozzina di minori.",
                     (6, None, None)),
    "a-couple": ("è disponibile ad ampliare il progetto SIPROIMI per minori di un paio di posti.", (2, None, None)),
        "capitals-and-words": ("È DISPONIBILE AD AMPLIARE IL PROGETTO SIPROIMI PER MINORI CON ULTERIORI SEI POSTI.",
                           (6, None, None)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_places(nlp, make, case):
    text, (places, total, current) = case
    x = extract(make(HEAD + text, from_="x <x@comune.trevi.pg.it>"), nlp)
    assert x.kind == "reply"
    assert (x.places, x.places_total, x.places_current) == (places, total, current)
    if places is not None:
        ev = next(e for e in x.evidence if e.field == "places")
        assert ev.snippet and ev.rule.startswith("places.")
