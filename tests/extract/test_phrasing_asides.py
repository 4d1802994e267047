"""Phrasings met on held-out batches 26 and 27, written anew: negations that tell the past or sit in a question,
a yes said with two negations, decisions that belong to another body, interest in knowing more, first projects,
current places counted in minors, and a from-to expansion that ends in a total."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

FROM = "Segreteria <segreteria@comune.spoleto.pg.it>"
SPOLETO = "054051"

# text → (intent, mode, places)
ASIDES = {
    "never-ran-a-project-is-history": ("Il Comune di Spoleto aderisce con un nuovo progetto per 5 posti MSNA. Il Comune non "
                                       "ha mai gestito prima d'ora progetti di accoglienza.", ("interested", "new_project", 5)),
    "never-hosted-is-history": ("Non abbiamo mai ospitato minori, ma il Comune di Spoleto è disponibile ad attivare un "
                                "nuovo progetto da 3 posti.", ("interested", "new_project", 3)),
    "two-negations-make-a-yes": ("Il Comune di Spoleto non trova ragioni per non partecipare: possiamo ospitare 4 minori.",
                                 ("interested", "unspecified", 4)),
    "no-reason-not-to": ("Non ci sono motivi per non aderire; il Comune di Spoleto offre 2 posti.",
                         ("interested", "unspecified", 2)),
    "the-council-decides": ("La vostra proposta andrà in Consiglio comunale, cui spetta ogni decisione in merito. "
                            "Comune di Spoleto", ("undecided", "unspecified", None)),
    "questions-listed-after-a-colon": ("La Giunta del Comune di Spoleto ne discuterà giovedì. Vorremmo intanto sapere:\n"
                                       "- chi sostiene i costi di ristrutturazione;\n- quando va presentata la domanda "
                                       "di contributo.\n\nCordiali saluti", ("undecided", "unspecified", None)),
    "interested-in-knowing-more": ("Siamo interessati a conoscere meglio le condizioni economiche prima di rispondere. "
                                   "Comune di Spoleto", ("undecided", "unspecified", None)),
    "first-time-is-a-new-project": ("Il Comune di Spoleto intende candidarsi per la prima volta alla rete SIPROIMI con "
                                    "6 posti per minori.", ("interested", "new_project", 6)),
    "nuova-progettualita": ("Il Comune di Spoleto propone una nuova progettualità per 4 posti MSNA, con possibilità di "
                            "incrementarli in seguito.", ("interested", "new_project", 4)),
    "passed-on-to-the-competent-body": ("Il Comune di Spoleto ha inoltrato la richiesta all'Ambito sociale, competente in "
                                        "materia; vi daremo riscontro appena possibile.", ("undecided", "unspecified", None)),
}


@pytest.mark.parametrize("case", ASIDES.values(), ids=ASIDES.keys())
def test_asides(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)
    assert [c.istat for c in x.comuni] == [SPOLETO]


# text → (mode, places, total, current)
CURRENT = {
    "current-in-minors": ("Il Comune di Spoleto, già titolare di un progetto SIPROIMI per 10 minori, intende portare a "
                          "15 i posti complessivi.", ("expansion", 5, 15, 10)),
    "hosts-a-project-of-n-places": ("Il Comune di Spoleto, che ospita già un progetto SIPROIMI per minori da 12 posti, "
                                    "è disponibile ad ampliarlo fino a complessivi 16 posti.", ("expansion", 4, 16, 12)),
    "from-current-to-a-total": ("Il progetto del Comune di Spoleto passerebbe dagli attuali 6 posti a complessivi 9 posti "
                                "per minori.", ("expansion", 3, 9, 6)),
}


@pytest.mark.parametrize("case", CURRENT.values(), ids=CURRENT.keys())
def test_current_places_and_totals(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", *want)


def test_a_question_about_adults_on_its_own_thread_is_no_answer(nlp, make):
    text = ("Il Comune di Spoleto gestisce un progetto SIPROIMI ordinario per 20 adulti. Vi chiediamo se, durante "
            "l'emergenza, possiamo rinviare gli inserimenti non programmati nelle strutture del progetto.")
    x = extract(make(text, from_=FROM, subject="SIPROIMI ordinario - inserimenti durante l'emergenza"), nlp)
    assert (x.kind, x.intent) == ("other", None)


def test_a_refusal_asked_about_is_not_made(nlp, make):
    x = extract(make("Il Comune di Spoleto vi chiede se potrà non attivare subito i posti, ma aderisce con 3 posti "
                     "per minori.", from_=FROM), nlp)
    assert (x.intent, x.places) == ("interested", 3)


# A Comune's international office may answer in English: text → (intent, mode, places)
ENGLISH = {
    "willing-new-project": ("Dear Sirs, the Municipality of Spoleto is willing to activate a new SIPROIMI project for 6 "
                            "unaccompanied minors. Best regards, Comune di Spoleto", ("interested", "new_project", 6)),
    "expand-by-additional-places": ("The Comune di Spoleto would like to expand its existing SIPROIMI project by 4 "
                                    "additional places for unaccompanied minors.", ("interested", "expansion", 4)),
    "not-interested": ("Good morning, the City of Spoleto is not interested in joining, as we lack suitable facilities. "
                       "Kind regards, Comune di Spoleto", ("not_interested", None, None)),
    "council-will-discuss": ("We are not yet able to give you an answer: the proposal will be discussed by the City "
                             "Council next month. Comune di Spoleto", ("undecided", "unspecified", None)),
}


@pytest.mark.parametrize("case", ENGLISH.values(), ids=ENGLISH.keys())
def test_english_answers(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)
    assert [c.istat for c in x.comuni] == [SPOLETO]


@pytest.mark.parametrize("text", [
    "Il Comune di Spoleto è disponibile a ospitare non meno di 5 minori in un nuovo progetto.",
    "Il Comune di Spoleto attiverà un nuovo progetto con almeno 5 posti per minori.",
    "Il Comune di Spoleto propone un nuovo progetto per un numero di posti non inferiore a 5.",
])
def test_a_minimum_is_an_offer_of_that_figure_flagged(nlp, make, text):
    x = extract(make(text, from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.needs_review) == ("interested", "new_project", 5, True)
    assert "the figure is a minimum" in x.review_reasons
