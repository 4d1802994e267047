"""Which Comune, met on held-out batch 28 and written anew: a name cut short and its province, a project's
partners who do not answer, members who stay out, and negations about someone else or something no longer used."""

from __future__ import annotations

from anci_mailintake.extract import extract

GMAIL = "Ufficio Sociale <ufficio.sociale.paese@gmail.com>"


def codes(x) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.istat for c in x.comuni]


def test_a_name_cut_short_is_found_by_its_province(nlp, make):
    x = extract(make("Il Comune di Cassano (CS) è disponibile ad ampliare il progetto di 3 posti per minori.\n"
                     "Settore Politiche Sociali - Comune di Cassano", from_=GMAIL), nlp)
    assert (x.kind, codes(x), x.intent, x.places) == ("reply", ["078029"], "interested", 3)


def test_a_name_cut_short_without_a_province_is_flagged_not_guessed(nlp, make):
    x = extract(make("Il Comune di Monterosso non è in grado di aderire per mancanza di alloggi.\nComune di Monterosso",
                     from_=GMAIL), nlp)
    assert x.kind == "reply" and x.needs_review
    assert any("several Comuni" in r for r in x.review_reasons)


def test_a_projects_partner_does_not_answer(nlp, make):
    text = ("Il Comune di Vernazza (SP) non può aderire: l'assistente sociale, in convenzione con il Comune di Levanto, "
            "segue già troppi casi.")
    x = extract(make(text, from_=GMAIL), nlp)
    assert (codes(x), x.intent) == (["011030"], "not_interested")


def test_partners_in_a_network_are_not_members(nlp, make):
    text = ("Il Comune di Breganze (VI) conferma l'interesse ad ampliare di 2 posti il progetto per minori, gestito in "
            "rete con i Comuni di Thiene e Zanè.")
    x = extract(make(text, from_=GMAIL), nlp)
    assert (codes(x), x.intent, x.places) == (["024014"], "interested", 2)


def test_members_who_stay_out_are_not_listed_and_refuse_nothing(nlp, make):
    text = ("L'Unione Terre di Castelli comunica che hanno aderito i Comuni di Vignola e Spilamberto, con un nuovo progetto "
            "per 8 posti MSNA. I Comuni di Savignano sul Panaro e Marano sul Panaro non aderiscono per ora.")
    x = extract(make(text, from_="Unione Terre di Castelli <sociale@terredicastelli.mo.it>"), nlp)
    assert (sorted(codes(x)), x.intent, x.mode, x.places) == (sorted(["036046", "036045"]), "interested", "new_project", 8)


def test_negations_about_others_or_old_things_refuse_nothing(nlp, make):
    for text in ("Il Comune di Sondrio aderisce con 4 posti per minori; ci aiuterà il collega di Albosaggia, che non ha "
                 "strutture.",
                 "Il Comune di Sondrio aderisce con 4 posti per minori. Scriviamo da un indirizzo che dopo il cambio di "
                 "gestore non è più attivo.",
                 "Il Comune di Sondrio offre 4 posti per minori. Non so dirvi se sia meglio un progetto nostro o "
                 "l'ampliamento di uno esistente."):
        x = extract(make(text, from_=GMAIL), nlp)
        assert (codes(x), x.intent, x.places) == (["014061"], "interested", 4), text


def test_a_citta_metropolitana_naming_comuni_is_no_reply(nlp, make):
    text = ("Si comunica che il Tavolo metropolitano MSNA è convocato per il 2 aprile. Sono invitati i Comuni di Bitonto e "
            "Molfetta, che hanno chiesto di partecipare con nuovi progetti.")
    x = extract(make(text, from_="Città Metropolitana di Bari - Politiche Sociali <sociale@cittametropolitana.ba.it>",
                     subject="Convocazione Tavolo metropolitano MSNA"), nlp)
    assert (x.kind, x.comuni) == ("other", ())
