"""Phrasings met on held-out batch 30, written anew: a refusal bound to the absence of what an offer's condition
asks for, an offer after an adverb, weighing where rather than whether, not being able to say whether, a meeting
put off sine die, expansions told as capacity raised or places added to those already running, and an exact
figure promised for later (no correction)."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

FROM = "Ufficio Sociale <sociale@comune.cortona.ar.it>"
CORTONA = "051017"

# text → (intent, mode, places)
PENDING = {
    "refusal-without-what-the-condition-asks": (
        "Il Comune di Cortona potrebbe attivare un nuovo progetto per 6 minori solo se la Prefettura mettesse a "
        "disposizione la caserma dismessa. Senza tale immobile non siamo in grado di procedere.",
        ("undecided", "new_project", 6)),
    "otherwise-we-cannot": (
        "Siamo disponibili ad ampliare di 4 posti il progetto per minori, a condizione che arrivi il contributo "
        "regionale; altrimenti non potremo aderire. Comune di Cortona",
        ("undecided", "expansion", 4)),
    "we-therefore-propose": (
        "Il Comune di Cortona non ha mai avuto progetti SIPROIMI. Proponiamo pertanto un progetto per 5 minori "
        "stranieri non accompagnati.", ("interested", "new_project", 5)),
    "weighing-where-not-whether": (
        "Il Comune di Cortona intende avviare per la prima volta un progetto per minori. Stiamo valutando alcuni "
        "immobili comunali: i posti saranno 7.", ("interested", "new_project", 7)),
    "cannot-tell-you-whether": (
        "Il Comune di Cortona non è ancora in grado di dirvi se parteciperà: la riunione della Giunta è rinviata a "
        "data da definire.", ("undecided", "unspecified", None)),
    "capacity-raised": (
        "Il Comune di Cortona è disponibile a incrementarne la capienza di 3 posti, per il progetto minori che già "
        "gestisce.", ("interested", "expansion", 3)),
    "added-to-those-running": (
        "Il Comune di Cortona è interessato ad aggiungere 5 posti agli 8 già attivi per i minori.",
        ("interested", "expansion", 5)),
    "already-in-the-network": (
        "Il Comune di Cortona, che aderisce già alla rete SIPROIMI con un progetto per minori stranieri non "
        "accompagnati, è pronto ad accrescerne la ricettività di 2 posti.", ("interested", "expansion", 2)),
}


@pytest.mark.parametrize("case", PENDING.values(), ids=PENDING.keys())
def test_pending(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)
    assert [c.istat for c in x.comuni] == [CORTONA]


def test_an_exact_figure_promised_for_later_corrects_nothing(nlp, make):
    x = extract(make("Il Comune di Cortona è disponibile ad attivare un progetto per 4-6 minori; vi comunicheremo il "
                     "numero corretto a breve, dopo il sopralluogo.", from_=FROM), nlp)
    assert x.intent == "interested" and "corrects an earlier message" not in x.review_reasons
    y = extract(make("Scusate: il numero corretto dei posti è 6, non 4. Comune di Cortona", from_=FROM), nlp)
    assert "corrects an earlier message" in y.review_reasons
