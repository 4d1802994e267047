"""Phrasings met on held-out batches 30 and 31, written anew: a refusal bound to the absence of what an offer's condition
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


# Held-out batch 31, written anew: the past or present told in a negation, a refusal until something happens with
# words in between, an aside inside 'la decisione spetta', a yes as 'nessun motivo ostativo', others of an Unione
# staying out with a figure in between, places per member Comune, a further module, a read receipt.
TOLD = {
    "so-far-not-joined-is-history": (
        "Il Comune di Cortona, che sinora non ha partecipato ad alcun bando, esprime parere favorevole all'attivazione "
        "di un nuovo progetto da 4 posti per minori.", ("interested", "new_project", 4)),
    "no-project-today-is-the-present": (
        "Il Comune di Cortona non ha al momento alcun progetto SIPROIMI. Siamo pronti ad avviarne uno con 3 posti per "
        "minori, qualora la Regione finanzi i lavori.", ("undecided", "new_project", 3)),
    "until-with-words-between": (
        "Finché il nuovo bilancio del Comune di Cortona non sarà approvato non possiamo assumere impegni; ne "
        "discuteremo in aprile.", ("undecided", "unspecified", None)),
    "the-decision-with-an-aside": (
        "Il Comune di Cortona sarebbe disponibile ad ampliare di 2 posti il progetto minori. La decisione, che "
        "richiede una delibera, spetta tuttavia al Consiglio.", ("undecided", "expansion", 2)),
    "no-motive-against": (
        "Il Comune di Cortona non ravvisa ragioni ostative e aderisce con 5 posti per minori.",
        ("interested", "unspecified", 5)),
    "a-further-module": (
        "Il Comune di Cortona comunica che il suo progetto per minori avrà un ulteriore modulo da 6 posti.",
        ("interested", "expansion", 6)),
}


@pytest.mark.parametrize("case", TOLD.values(), ids=TOLD.keys())
def test_told(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_others_of_an_unione_staying_out_refuse_nothing(nlp, make):
    text = ("L'Unione dei Comuni della Valdichiana, per conto dei Comuni di Cortona e Castiglion Fiorentino, aderisce con "
            "due posti in ciascuno dei due Comuni. I restanti tre Comuni dell'Unione non aderiscono.")
    x = extract(make(text, from_="Unione Valdichiana <sociale@unione.valdichiana.ar.it>"), nlp)
    assert (x.intent, x.places) == ("interested", 4)
    assert {c.istat for c in x.comuni} == {CORTONA, "051012"}


def test_a_read_receipt_is_an_automatic_answer(nlp, make):
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = FROM, "immigrazione@anci.it", "Ricevuta di ritorno (visualizzato): SIPROIMI"
    m.set_content("Il messaggio è stato visualizzato.")
    m.make_mixed()
    m.set_type("multipart/report")
    m.set_param("report-type", "disposition-notification")
    from anci_mailintake.message.read import read_message

    assert extract(read_message(m.as_bytes(), "mdn"), nlp).kind == "auto_reply"
