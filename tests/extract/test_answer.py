"""Answer and mode from Italian phrasing, negation and conditions included."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

# text → (intent, mode)
CASES = {
    "instead-of-its-own-project": ("Il Comune di Trevi chiede se può entrare nel progetto SIPROIMI per minori del Comune "
                                   "capofila, invece di attivarne uno proprio: ci dite come fare?", ("undecided", "unspecified")),
    "offer-new-project": ("Il Comune di Trevi è disponibile ad attivare un nuovo progetto SIPROIMI per 4 posti.",
                          ("interested", "new_project")),
    "offer-expansion": ("Il Comune di Trevi conferma la disponibilità ad ampliare il progetto SIPROIMI già in essere "
                        "con ulteriori 3 posti.", ("interested", "expansion")),
    "offer-unspecified": ("Il Comune di Trevi manifesta il proprio interesse per l'accoglienza SIPROIMI di 5 minori.",
                          ("interested", "unspecified")),
    "decline-non-ritiene": ("Il Comune di Trevi, valutata la nota, non ritiene, allo stato, di poter\naderire alla "
                            "proposta SIPROIMI.", ("not_interested", None)),
    "decline-condizioni": ("Con riferimento alla vostra nota, al momento non sussistono le condizioni per un progetto "
                           "SIPROIMI nel Comune di Trevi.", ("not_interested", None)),
    "decline-non-in-grado": ("Il Comune di Trevi non è in grado di attivare progetti SIPROIMI.", ("not_interested", None)),
    "decline-non-possibile": ("Il Comune di Trevi non dispone di strutture. Pertanto non è possibile aderire alla "
                              "proposta SIPROIMI.", ("not_interested", None)),
    "conditional": ("Il Comune di Trevi è interessato ad attivare un nuovo progetto SIPROIMI solo se il finanziamento "
                    "copre i costi del personale: in tal caso potremmo attivare 6 posti.", ("undecided", "new_project")),
    "information-request": ("Il Comune di Trevi, riguardo alla vostra nota, chiede chiarimenti: è possibile un progetto "
                            "SIPROIMI in forma associata?", ("undecided", "unspecified")),
    "deferred-to-giunta": ("In riferimento alla Vostra nota, la proposta sarà sottoposta all'esame della Giunta del "
                           "Comune di Trevi.", ("undecided", "unspecified")),
    "cannot-answer-now-is-deferral": ("Il Comune di Trevi non è in grado di rispondere ora alla vostra nota; ci "
                                      "riserviamo di valutarla.", ("undecided", "unspecified")),
    "considering-expansion": ("Il Comune di Trevi sta valutando l'ampliamento del progetto SIPROIMI; vi faremo "
                              "pervenire un riscontro.", ("undecided", "expansion")),
    "non-accompagnati-is-not-a-negation": ("Confermo l'interesse del Comune di Trevi per un nuovo progetto per minori "
                                           "non accompagnati: una struttura che può ospitare 6 ragazzi.",
                                           ("interested", "new_project")),
    "new-project-despite-ordinary-one": ("Il Comune di Trevi, già titolare di un progetto SIPROIMI ordinario, è "
                                         "interessato ad attivare un nuovo progetto per minori, 5 posti.",
                                         ("interested", "new_project")),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_answer(nlp, make, case):
    text, (intent, mode) = case
    x = extract(make(text, from_="x <x@comune.trevi.pg.it>"), nlp)
    assert x.kind == "reply"
    assert (x.intent, x.mode) == (intent, mode)
    assert any(e.field == "intent" and e.rule.startswith("answer.") for e in x.evidence)
