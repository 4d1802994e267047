"""Phrasings met on held-out batches 34 and 35, written anew: an answer that also tells of closed offices or a
colleague off sick, a Comune's signed answer sent from another body's mailbox, an Unione's mail carrying one
Comune's answer, neighbours who will answer for themselves or stay out, places doubled, a condition told as
'senza quei fondi', an offer as 'intende aumentarne', weighing places for another target."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

SUBJECT = "Re: interesse all'avvio o all'ampliamento di progetti di accoglienza Siproimi per minori stranieri non accompagnati"
FROM = "Ufficio Sociale <sociale@comune.spello.pg.it>"
SPELLO = "054050"

# text → (intent, mode, places)
CASES = {
    "offices-closed-yet-an-answer": (
        "In queste settimane gli uffici sono chiusi al pubblico per l'emergenza e il Comune di Spello non è in grado "
        "di impegnarsi in un progetto di accoglienza: non intende aderire alla proposta.", ("not_interested", None, None)),
    "a-colleague-off-sick-yet-an-answer": (
        "Scrivo io perché la collega è in malattia. Il Comune di Spello è disponibile ad accogliere 2 minori in più "
        "nel progetto che gestisce.", ("interested", "expansion", 2)),
    "without-those-funds": (
        "Se la Regione ci assegna il contributo, il Comune di Spello potrebbe accogliere 4 ragazzi in un progetto "
        "nuovo. Senza quei soldi non ce la facciamo.", ("undecided", "new_project", 4)),
    "intends-to-enlarge-it": (
        "Il Comune di Spello, che già gestisce un progetto per minori stranieri non accompagnati, intende "
        "incrementarne la capienza di ulteriori 3 posti.", ("interested", "expansion", 3)),
    "places-doubled": (
        "La Giunta di Spello ha deciso di raddoppiare gli attuali 6 posti del progetto per minori.",
        ("interested", "expansion", 6)),
    "weighing-places-for-another-target": (
        "Il Comune di Spello intende passare da 6 a 9 posti nel progetto per minori. Separatamente, l'Amministrazione "
        "valuterà l'attivazione di 4 posti per adulti nel progetto ordinario.", ("interested", "expansion", 3)),
    "neighbours-who-stay-out": (
        "Il Comune di Spello è disponibile ad attivare un nuovo progetto per 5 minori. Ne abbiamo parlato con i "
        "vicini Comuni di Bevagna e Cannara, che tuttavia non prenderanno parte al progetto.",
        ("interested", "new_project", 5)),
}


# Held-out batches 36 and 37, written anew: a bare 'in mancanza,', a correction of rooms (not of places), offers
# told as wishes or as a direction the Giunta gave, 'la disponibilità c'è', a total 'in tutto', a 'casa famiglia'
# (a home for minors, not families), a procedure awaited ('non appena sarà pubblicato l'avviso'), 'al massimo una
# quindicina'.
CASES.update({
    "bare-in-mancanza": (
        "Il Comune di Spello potrebbe mettere a disposizione 3 posti per minori in un nuovo progetto, se il Ministero "
        "coprirà l'intero costo. In mancanza, non saremmo in grado di procedere.", ("undecided", "new_project", 3)),
    "rooms-corrected-not-places": (
        "Il Comune di Spello vorrebbe avviare un nuovo progetto. Le camere disponibili sono due e non tre, quindi i "
        "posti da indicare sono 4, non 6.", ("interested", "new_project", 4)),
    "a-wish": (
        "Al Comune di Spello ci piacerebbe molto ospitare quattro ragazzi in un nuovo progetto.",
        ("interested", "new_project", 4)),
    "wanting-to-grow": (
        "Come Comune di Spello vorremmo crescere con il progetto MSNA che abbiamo già: ulteriori 2 posti oltre ai 6 "
        "attivi.",
        ("interested", "expansion", 2)),
    "a-direction-given": (
        "La Giunta di Spello ha già espresso l'indirizzo di incrementare di tre unità la capienza del progetto per "
        "minori, che oggi conta 9 posti.", ("interested", "expansion", 3)),
    "availability-is-there": (
        "Il Comune di Spello gestisce un progetto per minori da 8 posti. La disponibilità c'è: vorremmo arrivare a 12 "
        "in tutto con l'ampliamento.", ("interested", "expansion", 4)),
    "a-casa-famiglia": (
        "Il Comune di Spello offre per i minori stranieri non accompagnati un nuovo progetto con 5 posti in una casa "
        "famiglia.", ("interested", "new_project", 5)),
    "waiting-for-the-call-is-procedure": (
        "Il Comune di Spello è pronto ad attivare un nuovo progetto da 6 posti per minori. Presenteremo la domanda "
        "non appena sarà pubblicato l'avviso.", ("interested", "new_project", 6)),
    "never-run-a-project-is-a-new-one": (
        "Il Comune di Spello, pur non avendo mai gestito progetti, potrebbe accogliere 3 minori.",
        ("interested", "new_project", 3)),
    "our-own-project": (
        "Siamo favorevoli all'avvio di un nostro progetto a Spello: vi si potrebbero accogliere 5 ragazzi.",
        ("interested", "new_project", 5)),
    "at-most-about-fifteen": (
        "Il Comune di Spello è favorevole a un nuovo progetto per minori: al massimo una quindicina di posti.",
        ("interested", "new_project", 15)),
})


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_phrasing(nlp, make, case):
    text, want = case
    x = extract(make(text, subject=SUBJECT, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want), x.review_reasons
    assert [c.istat for c in x.comuni] == [SPELLO]


def test_doubled_places_give_the_current_and_the_total(nlp, make):
    x = extract(make(CASES["places-doubled"][0], subject=SUBJECT, from_=FROM), nlp)
    assert (x.places, x.places_current, x.places_total) == (6, 6, 12)


def test_the_comunes_signed_answer_from_a_cooperatives_mailbox(nlp, make):
    body = ("Il Comune di Spello, titolare del progetto per minori gestito dalla nostra cooperativa, comunica la "
            "disponibilità ad ampliarlo di 2 posti.\nLa presente parte dalla casella dell'ente gestore.\n\nIl Sindaco\n"
            "Mario Rossi")
    x = extract(make(body, subject=SUBJECT, from_="Cooperativa Sociale Il Ponte <info@ilpontecoop.it>"), nlp)
    assert (x.kind, [c.istat for c in x.comuni], x.intent, x.places) == ("reply", [SPELLO], "interested", 2)
    coop = extract(make("La nostra cooperativa è pronta a gestire 10 posti per minori per i Comuni della zona.\n\n"
                        "La Presidente", subject=SUBJECT, from_="Cooperativa Sociale Il Ponte <info@ilpontecoop.it>"), nlp)
    assert coop.kind == "other"


def test_an_unione_carrying_one_comunes_answer(nlp, make):
    body = ("Su richiesta del Sindaco di Spello trasmettiamo la risposta del Comune di Spello. Il Comune di Spello "
            "si dichiara disponibile ad avviare un nuovo progetto con 3 posti per minori. La presente vale solo per "
            "il Comune di Spello: gli altri Comuni risponderanno con comunicazioni proprie.")
    x = extract(make(body, subject=SUBJECT, from_="Unione dei Comuni del Subasio <sociale@unionesubasio.pg.it>"), nlp)
    assert ([c.istat for c in x.comuni], x.intent, x.places) == ([SPELLO], "interested", 3)


def test_members_who_answer_for_themselves_are_no_members(nlp, make):
    body = ("Si comunica per conto del Comune di Spello che la decisione sarà assunta dal Consiglio comunale. "
            "I Comuni di Bevagna e Cannara, anch'essi nella zona sociale, risponderanno direttamente.")
    x = extract(make(body, subject=SUBJECT, from_=FROM), nlp)
    assert [c.istat for c in x.comuni] == [SPELLO] and x.intent == "undecided"
