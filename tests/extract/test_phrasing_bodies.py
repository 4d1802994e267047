"""Phrasings met on held-out batches 38 and 39, written anew: a body of several Comuni other than an Unione (a
Circondario, an Ambito) answering for named members from an address in another Comune, and a mode named only
as one of two ways ('nuovo progetto o altra forma', 'oppure ampliando')."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

SUBJECT = "Re: interesse all'avvio o all'ampliamento di progetti di accoglienza Siproimi per minori stranieri non accompagnati"
VINCI, CERRETO_GUIDI, EMPOLI = "048050", "048011", "048014"


@pytest.mark.parametrize("sender", [
    "Ufficio di Piano - Circondario Empolese Valdelsa <servizisociali@circondario.empolese.fi.it>",
    "Ambito Territoriale Sociale Empolese <ats@empolese.example.it>",
])
def test_a_body_of_comuni_answers_for_its_named_members_not_for_its_seat(nlp, make, sender):
    body = ("Buongiorno,\n\nper conto dell'Ente, che gestisce in forma associata i servizi sociali dei Comuni della "
            "zona, Vi comunico che i Comuni di Vinci e di Cerreto Guidi sono interessati ad avviare insieme un nuovo "
            "progetto per 8 minori stranieri non accompagnati.\n\nCordiali saluti\n\nMarta Bini\nUfficio di Piano\n"
            "Piazza della Vittoria 54 - 50053 Empoli (FI)\ntel. 0571 757111")
    x = extract(make(body, subject=SUBJECT, from_=sender), nlp)
    assert {c.istat for c in x.comuni} == {VINCI, CERRETO_GUIDI}
    assert EMPOLI not in {c.istat for c in x.comuni}
    assert (x.intent, x.mode, x.places) == ("interested", "new_project", 8)


FROM = "Sindaco <sindaco@comune.vinci.fi.it>"


@pytest.mark.parametrize(("text", "mode"), [
    ("Il Comune di Vinci è disponibile ad accogliere fino a 6 minori. Le modalità (nuovo progetto o altra forma) "
     "saranno concordate con la Prefettura.", "unspecified"),
    ("Il Comune di Vinci può accogliere 6 minori, attraverso un nuovo progetto oppure ampliando quello che "
     "gestiamo: la forma la sceglieranno gli uffici.", "unspecified"),
    ("Il Comune di Vinci è disponibile per 6 posti; ampliamento o nuovo progetto, per noi è indifferente.",
     "unspecified"),
    # a way chosen, the 'o' going elsewhere: still a mode
    ("Il Comune di Vinci intende avviare un nuovo progetto o comunque partecipare alla rete con 6 posti.",
     "new_project"),
    ("Il Comune di Vinci è disponibile ad ampliare il progetto che gestisce di 6 posti, o di 4 se i fondi non "
     "bastano.", "expansion"),
])
def test_a_mode_named_as_one_of_two_ways_is_not_chosen(nlp, make, text, mode):
    x = extract(make(text, subject=SUBJECT, from_=FROM), nlp)
    assert x.intent == "interested"
    assert x.mode == mode


# Held-out batch 39, written anew: a yes among negations that refuse nothing, 'non si esclude' (a maybe), 'noi ci
# stiamo', a clitic offer ('può ampliarlo'), a current figure told as 'conta oggi otto posti' beside 'portarlo a
# dieci', a range of minors ('4-5 ragazzi').
@pytest.mark.parametrize(("text", "expected"), [
    ("Non possiamo che apprezzare la proposta: il Comune di Vinci è disponibile ad avviare un progetto nuovo per "
     "cinque posti. Le parrocchie hanno già dato la loro disponibilità a dare una mano.",
     ("interested", "new_project", 5)),
    ("Non si esclude che il Comune di Vinci possa partecipare più avanti con qualche posto per minori, ma sarà il "
     "Consiglio comunale a deciderlo.", ("undecided", "unspecified", None)),
    ("Ne ho parlato in Giunta: noi ci stiamo. Il Comune di Vinci non ha mai fatto parte della rete, quindi sarebbe "
     "un progetto nuovo per 3 ragazzi.", ("interested", "new_project", 3)),
    ("Il Comune di Vinci, che già gestisce un progetto per minori, può ampliarlo di ulteriori due posti.",
     ("interested", "expansion", 2)),
    ("Il progetto per minori stranieri non accompagnati del Comune di Vinci conta oggi otto posti; siamo pronti a "
     "portarlo a dieci.", ("interested", "expansion", 2)),
    # controls: 'ci stiamo lavorando' is no yes; 'abbiamo già dato il nostro contributo' is still a no
    ("Sulla vostra proposta ci stiamo lavorando con gli uffici del Comune di Vinci: vi faremo sapere.",
     ("undecided", "unspecified", None)),
    ("Il Comune di Vinci ha già dato il suo contributo con il centro per adulti: per i minori, quest'anno no.",
     ("not_interested", None, None)),
])
def test_answers_said_among_negations_and_clitics(nlp, make, text, expected):
    x = extract(make(text, subject=SUBJECT, from_=FROM), nlp)
    assert (x.intent, x.mode, x.places) == expected


def test_a_current_figure_said_as_conta_oggi_gives_the_total_too(nlp, make):
    x = extract(make("Il progetto per minori del Comune di Vinci conta oggi otto posti; siamo pronti a portarlo a "
                     "dieci.", subject=SUBJECT, from_=FROM), nlp)
    assert (x.places, x.places_total, x.places_current) == (2, 10, 8)


def test_a_range_of_minors_gives_its_largest_figure_flagged(nlp, make):
    x = extract(make("Il Comune di Vinci è disponibile ad accogliere 4-5 ragazzi in un progetto nuovo.",
                     subject=SUBJECT, from_=FROM), nlp)
    assert x.places == 5 and x.needs_review
