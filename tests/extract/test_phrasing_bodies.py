"""Phrasings met on held-out batch 38, written anew: a body of several Comuni other than an Unione (a
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
