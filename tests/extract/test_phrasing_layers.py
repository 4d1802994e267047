"""Phrasings and layouts met on held-out batch 29, written anew: a negation inside an offer's condition,
text-speak, a phone prefix beside a figure, ages that look like a range, form fields whose value sits on the
next line, a forwarded header quoting the letter's subject, and answers in German, French and English."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

FROM = "Segreteria <segreteria@comune.spoleto.pg.it>"
SPOLETO = "054051"

# text → (intent, mode, places)
CASES = {
    "negation-inside-the-condition": (
        "Il Comune di Spoleto sarebbe disponibile ad attivare un nuovo progetto per 4 posti per minori, a condizione "
        "che lo Stato copra anche la quota del 5%, che il nostro bilancio non permette di sostenere.\n"
        "In mancanza di tale copertura il Comune non potrà aderire.", ("undecided", "new_project", 4)),
    "text-speak-yes": ("ciao, sn Marta dei servizi sociali del comune di spoleto. x noi va bene!! abbiamo gia un progetto "
                       "msna e possiamo fare +3 posti, cmq la risposta e si. grz", ("interested", "expansion", 3)),
    "text-speak-not-decided": ("siamo interessati ma nn abbiamo ancora deciso niente, pensavamo a 6 posti x un progetto "
                               "nuovo. Comune di Spoleto", ("undecided", "new_project", 6)),
    "phone-prefix-is-no-figure": ("The Municipality of Spoleto is willing to expand its project by a further 3 places "
                                  "for unaccompanied minors.\nInternational Office - Comune di Spoleto\n"
                                  "Tel. +39 0743 218111", ("interested", "expansion", 3)),
    "ages-are-no-range": ("Il Comune di Spoleto aderisce con un nuovo progetto di 7 (sette) posti per ragazzi tra i 15 e "
                          "i 17 anni.", ("interested", "new_project", 7)),
    "german": ("Sehr geehrte Damen und Herren, die Gemeinde Spoleto ist bereit, ein neues SIPROIMI-Projekt zu starten. "
               "Vorgesehen sind fünf Plätze für unbegleitete Minderjährige.", ("interested", "new_project", 5)),
    "german-bereit-ist": ("Wir teilen mit, dass die Gemeinde Spoleto bereit ist, ein neues Projekt mit acht Plätzen "
                          "für Minderjährige zu starten.", ("interested", "new_project", 8)),
    "french": ("Madame, Monsieur, la Commune de Spoleto est disposée à présenter un nouveau projet SIPROIMI afin "
               "d'accueillir trois mineurs non accompagnés.", ("interested", "new_project", 3)),
    "english-total": ("The Comune di Spoleto would like to expand its existing SIPROIMI project by four places, "
                      "bringing the total to ten.", ("interested", "expansion", 4)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_layers_and_languages(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)
    assert [c.istat for c in x.comuni] == [SPOLETO]


def test_a_form_field_whose_value_sits_on_the_next_line(nlp, make):
    text = ("Il Comune di Spoleto intende ampliare il progetto SIPROIMI per minori. Riepilogo:\n\n"
            "Posti per minori attualmente attivi\n8\nPosti complessivi dopo l'ampliamento\n12\nAvvio previsto\n01/09/2020\n")
    x = extract(make(text, from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", "expansion", 4, 12, 8)


def test_a_forwarded_header_quoting_the_letter_does_not_give_the_mode(nlp, make):
    text = ("Inoltro la nostra risposta del 20 febbraio.\n\n---------- Messaggio inoltrato ----------\n"
            "Da: Sindaco <sindaco@comune.spoleto.pg.it>\nOggetto: R: interesse all'avvio o all'ampliamento di progetti\n\n"
            "Il Comune di Spoleto è disponibile ad attivare un nuovo progetto per 5 posti MSNA.")
    x = extract(make(text, from_=FROM, subject="I: risposta nota ANCI"), nlp)
    assert (x.intent, x.mode, x.places) == ("interested", "new_project", 5)
