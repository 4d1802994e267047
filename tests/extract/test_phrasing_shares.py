"""Phrasings met on a seventh fresh batch, written anew: the minors' share of a split figure, corrections
'N anziché M', quotas raised to a total, a start date that is no condition, agreement 'di massima',
a later offer for adults that does not turn a refusal for minors, partners 'per sé e per'."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

FROM = "Servizi Sociali <sociale@comune.todi.pg.it>"
TODI = "054052"

# text → (intent, mode, places)
CASES = {
    "share-beside-another-target": ("Il Comune di Todi mette a disposizione 8 posti: 5 per minori e 3 per famiglie.",
                                    ("interested", "unspecified", 5)),
    "di-cui-alone-is-a-subset": ("Il Comune di Todi aderisce con 9 posti, di cui 3 per minori sotto i 14 anni.",
                                 ("interested", "unspecified", 9)),
    "start-date-is-no-condition": ("Sì, ma non prima di ottobre: 3 posti in un nuovo progetto. Comune di Todi",
                                   ("interested", "new_project", 3)),
    "ma-prima-capire-hedges": ("Sì, ma prima dobbiamo capire i costi: 3 posti in un nuovo progetto. Comune di Todi",
                               ("undecided", "new_project", 3)),
    "adesione-di-massima": ("Il Comune di Todi conferma la propria adesione di massima; i numeri seguiranno.",
                            ("undecided", "unspecified", None)),
    "non-fa-per-noi": ("Grazie, ma non fa per noi. Comune di Todi", ("not_interested", None, None)),
    "not-equipped": ("Il Comune di Todi non è attrezzato per accogliere minori.", ("not_interested", None, None)),
    "later-offer-for-adults": ("Per i minori non siamo attrezzati; possiamo però aumentare di 4 posti il progetto per "
                               "adulti. Comune di Todi", ("not_interested", None, None)),
    "portare-da-a-i-posti": ("Il Comune di Todi intende portare da 6 a 9 i posti MSNA del suo progetto.",
                             ("interested", "expansion", 3)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_cases(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_a_correction_anziche_keeps_the_new_figure(nlp, make):
    x = extract(make("Il Comune di Todi comunica 7 posti anziché 5, come scritto per errore ieri.", from_=FROM), nlp)
    assert (x.places, x.needs_review) == (7, True)


def test_a_quota_raised_to_a_total(nlp, make):
    x = extract(make("Il Comune di Todi è titolare di un progetto SIPROIMI articolato in 20 posti ordinari e 6 posti per "
                     "MSNA. Si propone di innalzare la quota MSNA a 10 posti.", from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", "expansion", 4, 10, 6)


def test_a_partner_per_se_e_per(nlp, make):
    x = extract(make("Il Comune di Todi, per sé e per il Comune di Deruta, propone un nuovo progetto per 4 minori.",
                     from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054017"])


# Round eight: forms and fields, percentages, applications already filed, terse yes/no with a comma.
ROUND_EIGHT = {
    "al-momento-no-comma": ("Per ora no, magari l'anno prossimo. Comune di Todi", ("not_interested", None, None)),
    "form-interesse-si": ("Comune: Todi\nInteresse: SÌ\nTipologia: nuovo progetto\nNumero posti: 5\n",
                          ("interested", "new_project", 5)),
    "form-interesse-no": ("Comune: Todi\nInteresse: NO\n", ("not_interested", None, None)),
    "ci-candidiamo": ("Ci candidiamo, 3 posti! Il Sindaco di Todi", ("interested", "unspecified", 3)),
    "application-already-filed": ("Il Comune di Todi ha già inoltrato al Ministero istanza di ampliamento per 4 posti MSNA.",
                                  ("interested", "expansion", 4)),
    "disposto-a-valutare": ("Il Comune di Todi è disposto a valutare un nuovo progetto.", ("undecided", "new_project", None)),
    "se-il-ministero-present": ("Il Comune di Todi ci sta per 2 posti se il Ministero copre le spese di mediazione.",
                                ("undecided", "unspecified", 2)),
    "ci-serve-sapere": ("Vorremmo aderire con 5 posti, però prima ci serve capire chi paga i lavori. Comune di Todi",
                        ("undecided", "unspecified", 5)),
}


@pytest.mark.parametrize("case", ROUND_EIGHT.values(), ids=ROUND_EIGHT.keys())
def test_round_eight(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_form_fields_current_increment_total(nlp, make):
    x = extract(make("Il Comune di Todi comunica i dati del progetto minori:\nPosti attuali: 6\nPosti aggiuntivi: 3\n"
                     "Totale: 9\n", from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", "expansion", 3, 9, 6)


def test_a_percentage_of_the_current_places_is_computed_and_flagged(nlp, make):
    x = extract(make("Il Comune di Todi propone un aumento del 25% dei posti MSNA attuali (oggi 12).", from_=FROM), nlp)
    assert (x.mode, x.places, x.places_total, x.needs_review) == ("expansion", 3, 15, True)


def test_members_listed_after_risponde_per(nlp, make):
    x = extract(make("L'Unione risponde per:\n- Todi\n- Marsciano\n- Deruta\n\nDisponibilità: 6 posti in un nuovo "
                     "progetto.", from_="Unione <sociale@unione.mediatevere.pg.it>"), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])
    assert (x.intent, x.places) == ("interested", 6)


# Round nine: one mode refused beside the other offered, refusals by a body's act, French, more time.
ROUND_NINE = {
    "expansion-yes-new-no": ("Per un progetto nuovo no; per ampliare quello che c'è sì, 2 posti. Comune di Todi",
                             ("interested", "expansion", 2)),
    "only-expansion-not-new": ("Il Comune di Todi è interessato solo ad ampliare, non ad aprire un nuovo progetto: +4.",
                               ("interested", "expansion", 4)),
    "new-yes-expansion-no": ("Il Comune di Todi non amplierà il progetto in corso; è però pronto ad avviare un nuovo "
                             "progetto per 5 minori.", ("interested", "new_project", 5)),
    "respinto": ("Il Consiglio comunale di Todi ha respinto la proposta.", ("not_interested", None, None)),
    "non-percorribile": ("Per il Comune di Todi la proposta non è percorribile.", ("not_interested", None, None)),
    "non-lo-consente": ("Il bilancio del Comune di Todi non lo consente.", ("not_interested", None, None)),
    "french-decline": ("La Commune de Todi n'est pas en mesure d'adhérer au projet.", ("not_interested", None, None)),
    "more-time": ("Il Comune di Todi ha bisogno di altro tempo per valutare.", ("undecided", "unspecified", None)),
}


@pytest.mark.parametrize("case", ROUND_NINE.values(), ids=ROUND_NINE.keys())
def test_round_nine(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_a_mode_named_far_from_the_refusal_does_not_turn_it(nlp, make):
    x = extract(make("Oggetto: interesse all'avvio di progetti SIPROIMI per MSNA\n\nIl Comune di Todi non intende "
                     "presentare domanda per l'attivazione di posti, visti i carichi di lavoro e le attuali dotazioni "
                     "organiche del Settore.", from_=FROM), nlp)
    assert x.intent == "not_interested"


def test_partners_after_capofila_con(nlp, make):
    x = extract(make("Il Comune di Todi (capofila) con Marsciano e Deruta propone un nuovo progetto per 6 minori.",
                     from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])


# Round ten: assent words, refusal by unavailability, 'se ci ...' conditions, plural units 'da N posti',
# coordinators, housekeeping notices.
ROUND_TEN = {
    "si-certo": ("Sì, certo. Comune di Todi", ("interested", "unspecified", None)),
    "indisponibilita": ("Il Comune di Todi comunica la propria indisponibilità.", ("not_interested", None, None)),
    "target-named-after-refusal": ("Il Comune di Todi ha già dato molto con il CAS per adulti da 60 posti.",
                                   ("not_interested", None, None)),
    "se-ci-aiutate": ("Ne accoglieremmo 3, se ci aiutate con la mediazione. Comune di Todi",
                      ("undecided", "unspecified", 3)),
    "posti-salirebbero": ("Nel progetto minori del Comune di Todi i posti salirebbero da 9 a 13.",
                          ("interested", "expansion", 4)),
    "plural-units-da-n": ("Il Comune di Todi può aprire un nuovo progetto in tre appartamenti da cinque posti.",
                          ("interested", "new_project", 15)),
    "stiamo-ancora": ("Stiamo ancora sentendo le cooperative. Comune di Todi", ("undecided", "unspecified", None)),
    "sospendiamo": ("In attesa dei nuovi bilanci il Comune di Todi sospende ogni decisione.",
                    ("undecided", "unspecified", None)),
}


@pytest.mark.parametrize("case", ROUND_TEN.values(), ids=ROUND_TEN.keys())
def test_round_ten(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_se_possibile_is_no_condition(nlp, make):
    x = extract(make("Il Comune di Todi attiverà 4 posti per minori; se ci sarà possibile, anche di più.", from_=FROM), nlp)
    assert x.intent == "interested"


def test_a_coordinating_comune_names_its_partners(nlp, make):
    x = extract(make("Il Comune di Todi, che coordina anche Marsciano e Deruta, propone un nuovo progetto.", from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])


def test_a_broken_link_is_no_answer(nlp, make):
    x = extract(make("Buongiorno, il link nella vostra lettera non funziona. Comune di Todi", from_=FROM), nlp)
    assert (x.kind, x.needs_review) == ("other", False)


# Round eleven: negations that say yes or maybe, counterfactual refusals, potential figures.
ROUND_ELEVEN = {
    "non-possiamo-che": ("Il Comune di Todi non può che accogliere con favore la proposta: 4 posti nuovi.",
                         ("interested", "unspecified", 4)),
    "nulla-in-contrario": ("Il Comune di Todi non ha nulla in contrario ad accogliere 3 minori.",
                           ("interested", "unspecified", 3)),
    "nessuna-obiezione": ("Nessuna obiezione da parte del Comune di Todi ad ampliare di 2 posti il progetto minori.",
                          ("interested", "expansion", 2)),
    "non-escludiamo": ("Il Comune di Todi non esclude di candidarsi più avanti.", ("undecided", "unspecified", None)),
    "avremmo-voluto": ("Avremmo voluto partecipare, ma il Comune di Todi non ha i fondi.", ("not_interested", None, None)),
    "saremmo-stati-lieti": ("Saremmo stati lieti di aderire; purtroppo a Todi manca una struttura.",
                            ("not_interested", None, None)),
    "non-sara-possibile": ("Per il Comune di Todi quest'anno non sarà possibile.", ("not_interested", None, None)),
    "altre-priorita": ("Il Comune di Todi ha altre priorità, grazie.", ("not_interested", None, None)),
    "tutto-da-verificare": ("Potenzialmente il Comune di Todi potrebbe offrire 6 posti, ma è tutto da definire.",
                            ("undecided", "unspecified", 6)),
    "bare-interessati": ("Interessati, ma più avanti. Comune di Todi", ("interested", "unspecified", None)),
}


@pytest.mark.parametrize("case", ROUND_ELEVEN.values(), ids=ROUND_ELEVEN.keys())
def test_round_eleven(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_a_figure_to_be_verified_does_not_hedge_the_offer(nlp, make):
    x = extract(make("Il Comune di Todi è interessato a un nuovo progetto; si stimano tra 4 e 6 posti, da verificare con "
                     "il gestore.", from_=FROM), nlp)
    assert x.intent == "interested"


def test_a_forwarded_refusal_under_a_short_anci_subject(nlp, make):
    body = ("Si inoltra la risposta del Sindaco.\n\n-----Messaggio originale-----\nDa: Sindaco <sindaco@comune.todi.pg.it>\n"
            "Inviato: lunedì 13 aprile 2020 18:10\nOggetto: ANCI minori\n\nRispondete che il Comune di Todi non aderirà.\n")
    x = extract(make(body, from_=FROM, subject="I: ANCI minori"), nlp)
    assert (x.kind, x.intent) == ("reply", "not_interested")


def test_disponibilita_della_citta_all_ampliamento_with_current(nlp, make):
    x = extract(make("Si comunica la disponibilità della Città di Todi all'ampliamento del progetto MSNA \"Ponte\", "
                     "attualmente di 10 posti, per ulteriori 5 posti.", from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_current) == ("interested", "expansion", 5, 10)


def test_a_later_total_beside_a_first_figure_is_flagged(nlp, make):
    x = extract(make("Il Comune di Todi è interessato: possiamo partire con 4 posti in un nuovo progetto e arrivare a 8 "
                     "l'anno prossimo.", from_=FROM), nlp)
    assert (x.intent, x.needs_review) == ("interested", True)
