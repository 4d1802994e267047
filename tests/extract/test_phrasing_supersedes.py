"""Phrasings met on held-out batches 32 and 33, written anew: conditions told by what is missing ('in mancanza di
queste garanzie'), by a dependence ('subordinata a', 'resta legata all'esito', 'se e quando … sarà'), negations
that negate a refusal ('non può rinunciare', 'non è contraria', 'non intende far mancare', 'non si ravvisano motivi
ostativi'), a reason in the gerund, a contrast ('sono triple e non doppie'), a whether-question told as 'non
sappiamo se', a correction that replaces a refusal, a German deferral, per-unit figures told at length, a total
'a un totale di', table rows labelled in any cell, the offer's own figure among figures that describe, a protocol
system's transmission, former Comuni of a merger, an abbreviated last word ('V.no')."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract
from anci_mailintake.records import Document

FROM = "Ufficio Sociale <sociale@comune.cortona.ar.it>"
CORTONA = "051017"

# text → (intent, mode, places)
CASES = {
    "missing-guarantees": (
        "Il Comune di Cortona attiverebbe un nuovo progetto per 7 minori, a condizione che lo Stato copra le spese del "
        "personale. In mancanza di queste coperture non potremmo sostenere il progetto.",
        ("undecided", "new_project", 7)),
    "subordinate-to": (
        "Il Comune di Cortona è pronto ad avviare un nuovo progetto per 5 minori stranieri; la disponibilità resta "
        "subordinata all'assegnazione di un contributo regionale.", ("undecided", "new_project", 5)),
    "tied-to-the-outcome": (
        "Il Comune di Cortona guarda con favore a un nuovo progetto per 4 ragazzi. La nostra disponibilità rimane "
        "legata all'esito del bando per la ristrutturazione della scuola.", ("undecided", "new_project", 4)),
    "if-and-when": (
        "Se e quando l'immobile ci sarà assegnato, il Comune di Cortona accoglierebbe 6 minori in un nuovo progetto.",
        ("undecided", "new_project", 6)),
    "cannot-give-up-a-condition": (
        "Il Comune di Cortona sarebbe pronto ad attivare un nuovo progetto per 8 minori. La disponibilità è però "
        "vincolata a una condizione, alla quale l'Ente non può rinunciare: la copertura integrale dei costi.",
        ("undecided", "new_project", 8)),
    "not-against": (
        "La Giunta di Cortona non è affatto contraria e anzi non vuole far mancare il suo sostegno all'attivazione di "
        "un nuovo progetto da 3 posti per minori.", ("interested", "new_project", 3)),
    "no-obstacles-seen": (
        "Non si ravvisano motivi ostativi all'adesione del Comune di Cortona a un nuovo progetto per 4 minori.",
        ("interested", "new_project", 4)),
    "reason-in-the-gerund": (
        "Non potendo il Comune anticipare le spese, la disponibilità di Cortona ad attivare 5 posti per minori in un "
        "nuovo progetto resta subordinata a un anticipo ministeriale.", ("undecided", "new_project", 5)),
    "contrast-is-no-refusal": (
        "Le stanze sono quattro singole e non doppie, quindi il Comune di Cortona può attivare 4 posti nel nuovo "
        "progetto.", ("interested", "new_project", 4)),
    "covid-non-essential": (
        "Con le attività non essenziali sospese, vi scriviamo solo ora che il Comune di Cortona è interessato ad "
        "avviare un nuovo progetto per 6 minori.", ("interested", "new_project", 6)),
    "we-do-not-know-whether": (
        "Al Comune di Cortona potremmo accogliere tre ragazzi. Quello che non sappiamo è se convenga un progetto "
        "nostro, ci consigliate voi.", ("interested", "unspecified", 3)),
    "a-correction-replaces-the-refusal": (
        "Il Comune di Cortona non è in grado di aderire all'iniziativa, per la mancanza di strutture.\n\n"
        "Rettifica: il Sindaco mi chiede di correggere quanto scritto sopra. Il Comune è disponibile ad attivare "
        "un nuovo progetto per 2 minori, presso l'ex scuola di Fratta, che è stata appena liberata dagli uffici del "
        "Comune e dalla biblioteca, e che per dimensioni, posizione e stato dei locali si presta molto bene.",
        ("interested", "new_project", 2)),
    "german-deferral": (
        "Die Gemeinde Cortona hat Ihr Schreiben erhalten. Die Angelegenheit wird dem Gemeinderat zur Entscheidung "
        "vorgelegt; über das Ergebnis werden wir Sie informieren.", ("undecided", "unspecified", None)),
    "units-each-of-which": (
        "Il Comune di Cortona intende avviare un nuovo progetto per minori in due appartamenti comunali, in via Roma "
        "e in piazza Garibaldi, ciascuno dei quali potrà ospitare cinque ragazzi.", ("interested", "new_project", 10)),
    "capacity-to-a-total": (
        "Il Comune di Cortona intende portare la capienza del progetto minori, oggi di otto posti, a un totale di "
        "dodici.", ("interested", "expansion", 4)),
    "offer-sentence-figure": (
        "Il Comune di Cortona gestisce un centro diurno per minori da 30 posti e una ludoteca da 20 posti. "
        "Si comunica la disponibilità ad attivare un nuovo progetto SIPROIMI per 5 posti.",
        ("interested", "new_project", 5)),
    "the-exact-number-depends": (
        "Il Comune di Cortona è interessato a un nuovo progetto da 8/10 posti per minori; il numero esatto dipenderà "
        "dai lavori.", ("interested", "new_project", 10)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_phrasing(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want), x.review_reasons
    assert [c.istat for c in x.comuni] == [CORTONA]


def test_a_table_row_is_for_minors_whatever_cell_says_so(nlp, make):
    table = ("Progetto\tTipologia\tPosti attivi\tPosti aggiuntivi\tTotale\n"
             "P-101\tAdulti e famiglie\t20\t6\t26\n"
             "P-102\tMinori stranieri non accompagnati\t6\t3\t9\n")
    x = extract(make("Il Comune di Cortona è disponibile ad ampliare i progetti come da prospetto:\n" + table,
                     from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", "expansion", 3, 9, 6)


def test_a_protocol_system_transmitting_the_letter_is_no_automatic_answer(nlp, make):
    letter = Document(role="attachment", name="nota.pdf", text=(
        "COMUNE DI CORTONA\nProt. n. 1200\nIn riscontro alla nota ANCI del 5 febbraio, questa Amministrazione "
        "intende avviare anche un progetto per 4 minori stranieri non accompagnati, nell'immobile di via Guelfa.\n"
        "Il Sindaco"))
    body = ("In allegato la nota del Sindaco, in riscontro alla Vostra del 5 febbraio.\n"
            "Messaggio inviato dal sistema di protocollo: si prega di non rispondere a questo indirizzo.")
    x = extract(make(body, subject="Trasmissione nota prot. 1200", from_=FROM, docs=(letter,)), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", "interested", "new_project", 4)
    receipt = extract(make("Il messaggio è stato protocollato.\nSi prega di non rispondere a questo indirizzo.",
                           subject="Trasmissione", from_=FROM), nlp)
    assert receipt.kind == "auto_reply"


def test_the_comuni_a_merger_was_made_from_are_no_members(nlp, make):
    x = extract(make("Il Comune di Val di Zoldo, nato dalla fusione degli ex Comuni di Forno di Zoldo e Zoldo Alto, "
                     "conta circa 3.000 abitanti e non aderirà all'iniziativa.",
                     from_="Segreteria <segreteria@comune.valdizoldo.bl.it>"), nlp)
    assert x.intent == "not_interested" and [c.name for c in x.comuni] == ["Val di Zoldo"]


def test_an_abbreviated_last_word_names_the_comune(nlp, make):
    x = extract(make("Il Comune di Castelnuovo B.ga comunica la disponibilità ad ampliare di 3 posti il progetto per "
                     "minori.\nUfficio Sociale - Comune di Castelnuovo B.ga (SI)",
                     from_="Sociale <sociale@comunecnb.it>"), nlp)
    assert [c.name for c in x.comuni] == ["Castelnuovo Berardenga"] and x.places == 3
