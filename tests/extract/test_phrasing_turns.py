"""Phrasings met on fresh held-out replies, written anew: a refusal of one thing that turns into an
answer about another, refusals 'until', hypothetical figures, informal declines, per-unit figures,
totals with the current places, corrections 'sono N e non M', partners named without 'Comuni di'."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

FROM = "Servizi Sociali <sociale@comune.todi.pg.it>"
TODI = "054052"

# text → (intent, mode, places)
TURNS = {
    "no-to-new-invece-yes-to-more": ("Quanto a un progetto nuovo la risposta è no; sull'ampliamento di quello che il "
                                     "Comune di Todi già gestisce invece sì: possiamo aggiungere due posti.",
                                     ("interested", "expansion", 2)),
    "refuses-new-will-consider-expansion": ("Il Comune di Todi non ha la possibilità di avviare un nuovo progetto; "
                                            "esaminerà però in autunno un ampliamento del progetto in corso.",
                                            ("undecided", "expansion", None)),
    "refusal-until-funds-are-clear": ("Il Comune di Todi sarebbe in teoria favorevole, ma fino a quando non arriveranno "
                                      "i fondi regionali non possiamo prendere impegni.", ("undecided", "unspecified", None)),
    "hypothetical-figure": ("In via del tutto ipotetica il Comune di Todi potrebbe accogliere 5 minori; la proposta "
                            "sarà sottoposta alla Giunta.", ("undecided", "unspecified", 5)),
    "in-ipotesi-di-adesione": ("In ipotesi di adesione, il Comune di Todi metterebbe a disposizione 7 posti.",
                               ("undecided", "unspecified", 7)),
    "non-comporta-impegno-is-no-refusal": ("Il Comune di Todi delibera di aderire con un nuovo progetto per 6 posti MSNA; "
                                           "l'atto non comporta impegno di spesa.", ("interested", "new_project", 6)),
    "we-pass-this-time": ("Questa volta passiamo, grazie. Comune di Todi", ("not_interested", None, None)),
    "we-are-full": ("Il Comune di Todi ringrazia, ma siamo al completo.", ("not_interested", None, None)),
    "cannot-go-further": ("Il Comune di Todi ha già 12 posti per minori nel progetto SIPROIMI e non pensa di poter "
                          "andare oltre.", ("not_interested", None, None)),
}


@pytest.mark.parametrize("case", TURNS.values(), ids=TURNS.keys())
def test_turns_and_hedges(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)
    assert [c.istat for c in x.comuni] == [TODI]


def test_a_refusal_until_something_happens_is_flagged_as_conditional(nlp, make):
    x = extract(make("Il Comune di Todi non aderirà finché non sarà chiarito chi paga la mediazione.", from_=FROM), nlp)
    assert (x.intent, x.needs_review) == ("undecided", True)


# text → (mode, places, total, current)
FIGURES = {
    "units-times-places-each": ("Il Comune di Todi è disponibile ad attivare un nuovo progetto in tre appartamenti, "
                                "ciascuno da 4 posti.", ("new_project", 12, None, None)),
    "units-each-with-capacity": ("Il Comune di Todi attiverà un nuovo progetto in due case famiglia, ognuna con una "
                                 "capienza di 6 minori.", ("new_project", 12, None, None)),
    "total-with-current-in-brackets": ("Il Comune di Todi comunica che il progetto minori potrà salire a 20 posti "
                                       "(oggi sono 14).", ("expansion", 6, 20, 14)),
    "total-with-current-hosted": ("Il Comune di Todi è disponibile a portare il progetto, che oggi ospita 9 ragazzi, "
                                  "a una capienza complessiva di 12 posti.", ("expansion", 3, 12, 9)),
    "figure-in-words-before-msna": ("Questa Amministrazione di Todi aderisce con un nuovo progetto per otto MSNA.",
                                    ("new_project", 8, None, None)),
    "informal-take-more": ("Ciao, da Todi: ok, ne prendiamo altri 2 nel progetto che c'è già.",
                           ("expansion", 2, None, None)),
}


@pytest.mark.parametrize("case", FIGURES.values(), ids=FIGURES.keys())
def test_figures(nlp, make, case):
    text, (mode, places, total, current) = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", "interested", mode, places)
    assert (x.places_total, x.places_current) == (total, current)


def test_a_correction_sono_n_e_non_m_keeps_the_first(nlp, make):
    x = extract(make("A rettifica della mail di ieri, per il Comune di Todi i posti del nuovo progetto sono 9 e non "
                     "7 come scritto per errore.", from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.needs_review) == ("interested", "new_project", 9, True)


PARTNERS = {
    "insieme-ai-vicini": "Il Comune di Todi, insieme ai vicini Marsciano e Deruta, intende attivare un nuovo progetto.",
    "in-rete-con": "Il Comune di Todi, in rete con Marsciano e Deruta, è disponibile ad attivare un nuovo progetto.",
    "assieme-ai-comuni-di": "Il Comune di Todi, assieme ai Comuni di Marsciano e Deruta, aderisce con un nuovo progetto.",
}


@pytest.mark.parametrize("text", PARTNERS.values(), ids=PARTNERS.keys())
def test_partners_named_in_other_constructions(nlp, make, text):
    x = extract(make(text, from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])
    assert x.needs_review


def test_a_partner_office_is_no_comune(nlp, make):
    x = extract(make("Il Comune di Todi, insieme alla Prefettura di Perugia, intende attivare un nuovo progetto per "
                     "5 minori.", from_=FROM), nlp)
    assert [c.istat for c in x.comuni] == [TODI]


# Round two: terse and informal registers, a refused other target before the offer, figures per module.
TERSE = {
    "no-grazie": ("No, grazie. Il Sindaco di Todi", ("not_interested", None, None)),
    "lasciamo-perdere": ("Per stavolta lasciamo perdere, a Todi siamo sotto organico.", ("not_interested", None, None)),
    "soprassedere": ("Il Comune di Todi ritiene di soprassedere, per quest'anno.", ("not_interested", None, None)),
    "ti-faccio-sapere": ("Todi: ne discutiamo lunedì con il Sindaco e vi faccio sapere.", ("undecided", "unspecified", None)),
    "si-all-ampliamento": ("Sì all'ampliamento del progetto MSNA, per 3 posti. Comune di Todi",
                           ("interested", "expansion", 3)),
    "refused-adults-then-minors": ("Il Comune di Todi non aumenterà i posti del progetto per famiglie, però è disponibile "
                                   "ad avviare un nuovo progetto per 4 minori.", ("interested", "new_project", 4)),
}


@pytest.mark.parametrize("case", TERSE.values(), ids=TERSE.keys())
def test_terse_and_informal(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


# text → (mode, places, total, current)
MORE_FIGURES = {
    "modules-of-n-each": ("Il Comune di Todi aprirebbe un nuovo progetto su tre moduli da sei posti l'uno.",
                          ("new_project", 18, None, None)),
    "conta-then-ne-aggiungeremmo": ("Il progetto minori del Comune di Todi conta 10 posti; ne aggiungeremmo 5, per "
                                    "arrivare a 15.", ("expansion", 5, 15, 10)),
}


@pytest.mark.parametrize("case", MORE_FIGURES.values(), ids=MORE_FIGURES.keys())
def test_more_figures(nlp, make, case):
    text, (mode, places, total, current) = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", mode, places, total, current)


def test_a_lead_comune_acting_per_conto_anche_di(nlp, make):
    x = extract(make("Il Comune di Todi, capofila di zona, propone un nuovo progetto di 8 posti per conto anche di "
                     "Marsciano e Deruta.", from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])


def test_a_new_contact_person_on_the_thread_is_no_answer(nlp, make):
    x = extract(make("Buongiorno, da lunedì il nuovo referente del Comune di Todi per il SIPROIMI è il dott. Carlo "
                     "Sarti, tel. 075 8956111.", from_=FROM), nlp)
    assert (x.kind, x.needs_review) == ("other", False)


# Round three: totals said 'in tutto', increments 'più di oggi', units that add up, corrections with a comma,
# declines by priorities, a question about the deadline, partners 'con la partecipazione di'.
ROUND_THREE = {
    "in-tutto-piu-di-oggi": ("Il Comune di Todi salirebbe a 16 posti in tutto nel progetto minori, 4 più di oggi.",
                             ("interested", "expansion", 4)),
    "one-unit-and-another": ("Il Comune di Todi può offrire, in un nuovo progetto, una casa da 6 posti e una da 3.",
                             ("interested", "new_project", 9)),
    "non-rientra-nei-programmi": ("Un progetto per MSNA non rientra nei programmi del Comune di Todi per quest'anno.",
                                  ("not_interested", None, None)),
    "asks-the-deadline": ("Buongiorno, c'è una scadenza per rispondere? Grazie. Comune di Todi",
                          ("undecided", "unspecified", None)),
}


@pytest.mark.parametrize("case", ROUND_THREE.values(), ids=ROUND_THREE.keys())
def test_round_three(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_a_correction_with_a_comma_keeps_the_new_figure(nlp, make):
    x = extract(make("Scusate, ho sbagliato: per il Comune di Todi i posti del nuovo progetto sono 7, non 10.",
                     from_=FROM), nlp)
    assert (x.intent, x.places, x.needs_review) == ("interested", 7, True)


def test_partners_con_la_partecipazione_di(nlp, make):
    x = extract(make("Il Comune di Todi, con la partecipazione di Marsciano e Deruta, propone un nuovo progetto per "
                     "6 minori.", from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])


def test_a_question_about_something_else_is_no_answer(nlp, make):
    x = extract(make("Buongiorno, potete mandarci il modulo per la rendicontazione SIPROIMI 2019? Grazie. "
                     "Comune di Todi", from_=FROM, subject="Modulo rendicontazione"), nlp)
    assert x.kind == "other"


def test_an_acknowledgement_of_receipt_is_automatic(nlp, make):
    x = extract(make("Gentile mittente, la sua e-mail è stata ricevuta dall'Ufficio Protocollo. Le risponderemo "
                     "quanto prima.", from_=FROM), nlp)
    assert x.kind == "auto_reply"


# Round four: bare 'no' and 'passo', German declines, conditions 'previa', 'ove', 'Dipende da', another body's opinion.
ROUND_FOUR = {
    "bare-no": ("Quest'anno no. Comune di Todi", ("not_interested", None, None)),
    "passo": ("Todi passo, grazie lo stesso. Passo.", ("not_interested", None, None)),
    "declina-alone": ("Valutate le risorse, il Comune di Todi declina.", ("not_interested", None, None)),
    "german-kein-interesse": ("Die Gemeinde Todi hat kein Interesse an dem Projekt.", ("not_interested", None, None)),
    "no-to-adults-only": ("Il Comune di Todi attiverà un nuovo progetto per 4 minori. Per gli adulti no.",
                          ("interested", "new_project", 4)),
    "previa-approvazione": ("Il Comune di Todi è disponibile ad ampliare il progetto minori di 3 posti, previa "
                            "approvazione del Consiglio.", ("undecided", "expansion", 3)),
    "ove-subjunctive": ("Ove il Ministero coprisse la mediazione, il Comune di Todi potrebbe accogliere 5 minori.",
                        ("undecided", "unspecified", 5)),
    "dipende-da": ("Dipende dal bilancio: se passa, il Comune di Todi attiva 3 posti.", ("undecided", "unspecified", 3)),
    "occorre-il-parere": ("Il Comune di Todi è favorevole in linea generale; occorre però il parere della Giunta.",
                          ("undecided", "unspecified", None)),
    "ok-per-n": ("Todi: ok per 3, nel progetto che c'è già.", ("interested", "expansion", 3)),
    "terse-nuovo": ("Interessati a Todi. 4 posti. Nuovo.", ("interested", "new_project", 4)),
}


@pytest.mark.parametrize("case", ROUND_FOUR.values(), ids=ROUND_FOUR.keys())
def test_round_four(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_a_figure_that_depends_on_a_building_is_no_condition(nlp, make):
    x = extract(make("Il Comune di Todi è interessato a un nuovo progetto per 6 minori; il numero finale dipenderà "
                     "dai lavori sull'immobile.", from_=FROM), nlp)
    assert x.intent == "interested"


def test_current_hosted_and_asked_total(nlp, make):
    x = extract(make("Attualmente il SIPROIMI minori di Todi accoglie 7 ragazzi; chiediamo di poter salire a 11.",
                     from_=FROM), nlp)
    assert (x.intent, x.mode, x.places, x.places_total, x.places_current) == ("interested", "expansion", 4, 11, 7)


# Round five: yes in negative words, offers that wait, inline 'Sì.', never-had-a-project, typos, subject-only answers.
ROUND_FIVE = {
    "nessuna-difficolta": ("Per il Comune di Todi nessuna difficoltà ad attivare 3 posti per minori.",
                           ("interested", "unspecified", 3)),
    "non-ci-sono-controindicazioni": ("Il Comune di Todi non ravvisa controindicazioni all'avvio di un nuovo progetto "
                                      "da 5 posti.", ("interested", "new_project", 5)),
    "non-appena-avremo": ("Non appena avremo l'immobile, il Comune di Todi avvierà 6 posti per minori.",
                          ("undecided", "unspecified", 6)),
    "inline-si": ("> indicare la Tua volontà all'attivazione\n\nSì. Nuovo progetto, 4 posti.\n\nComune di Todi",
                  ("interested", "new_project", 4)),
    "never-had-one": ("Il Comune di Todi non ha mai gestito progetti SIPROIMI ma vorrebbe avviarne uno da 6 posti.",
                      ("interested", "new_project", 6)),
    "typo-amplimento": ("Il Comune di Todi chiede un amplimento di 2 posti del progetto minori.",
                        ("interested", "expansion", 2)),
    "non-se-ne-parla": ("Non se ne parla. Il Sindaco di Todi", ("not_interested", None, None)),
}


@pytest.mark.parametrize("case", ROUND_FIVE.values(), ids=ROUND_FIVE.keys())
def test_round_five(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_a_difficulty_that_stands_is_no_offer(nlp, make):
    x = extract(make("Il Comune di Todi incontra gravi difficoltà di bilancio e non può aderire.", from_=FROM), nlp)
    assert x.intent == "not_interested"


def test_the_answer_in_the_subject_only(nlp, make):
    x = extract(make("Inviato da smartphone", from_=FROM, subject="R: interesse all'avvio o all'ampliamento di progetti "
                     "di accoglienza Siproimi - Comune di Todi: non interessato"), nlp)
    assert (x.kind, x.intent, [c.istat for c in x.comuni]) == ("reply", "not_interested", [TODI])


def test_a_truncated_letter_subject_offers_nothing(nlp, make):
    x = extract(make("Inviato da smartphone", from_=FROM, subject="Re: interesse all'avvio o all'ampliamento di progetti"), nlp)
    assert x.intent is None


def test_a_human_acknowledgement_is_no_answer(nlp, make):
    x = extract(make("Buongiorno, ricevuto, grazie.\nComune di Todi", from_=FROM), nlp)
    assert (x.kind, x.needs_review) == ("other", False)


def test_a_table_row_is_not_read_as_a_phrase(nlp, make):
    body = ("Il Comune di Todi conferma l'interesse ad ampliare il progetto, come da tabella.\n"
            "Target\tOggi\tRichiesta\tA regime\nAdulti\t30\t0\t30\nMinori\t8\t4\t12\n")
    x = extract(make(body, from_=FROM), nlp)
    assert (x.mode, x.places, x.places_total, x.places_current) == ("expansion", 4, 12, 8)


# Round six: sums and products of units, growth in other verbs, totals 'complessivamente', partners, terse words.
ROUND_SIX = {
    "plus-sum": ("Il Comune di Todi attiverà un nuovo progetto in due alloggi (3+5 posti).", ("interested", "new_project", 8)),
    "n-per-each-of-m-units": ("Il Comune di Todi offre un nuovo progetto con 4 posti per ciascuna delle tre strutture.",
                              ("interested", "new_project", 12)),
    "si-aggiungono-agli-esistenti": ("Il Comune di Todi mette a disposizione altri due posti, che si aggiungono ai sei "
                                     "attuali del progetto minori.", ("interested", "expansion", 2)),
    "crescere-di": ("Il progetto minori di Todi (oggi 8 posti) può crescere di 3 unità.", ("interested", "expansion", 3)),
    "negativo": ("Negativo. Il Sindaco di Todi", ("not_interested", None, None)),
    "ci-pensiamo": ("Ci pensiamo. Comune di Todi", ("undecided", "unspecified", None)),
    "giunta-contraria": ("A Todi la Giunta si è espressa contraria, mi spiace.", ("not_interested", None, None)),
    "non-ce-la-sentiamo": ("Il Comune di Todi, onestamente, non se la sente: non ce la sentiamo.",
                           ("not_interested", None, None)),
    "a-fronte-di-copertura": ("A fronte di una copertura integrale dei costi, il Comune di Todi è disponibile per 5 posti.",
                              ("undecided", "unspecified", 5)),
    "help-is-not-places": ("Il Comune di Todi non può attivare posti, però è disponibile a collaborare con l'Ambito per "
                           "la formazione dei tutori.", ("not_interested", None, None)),
}


@pytest.mark.parametrize("case", ROUND_SIX.values(), ids=ROUND_SIX.keys())
def test_round_six(nlp, make, case):
    text, want = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", *want)


def test_total_complessivamente_with_new_places(nlp, make):
    x = extract(make("Con 4 nuovi posti il progetto minori di Todi arriverebbe complessivamente a 14.", from_=FROM), nlp)
    assert (x.mode, x.places, x.places_total) == ("expansion", 4, 14)


PARTNERS_MORE = {
    "in-forma-associata": "Il Comune di Todi, in forma associata con Marsciano e Deruta, propone un nuovo progetto.",
    "i-sindaci-di": "I sindaci di Todi, Marsciano e Deruta propongono insieme un nuovo progetto SIPROIMI.",
    "ambito-composto-da": "Il Comune di Todi, capofila dell'Ambito composto da Todi, Marsciano e Deruta, aderisce.",
}


@pytest.mark.parametrize("text", PARTNERS_MORE.values(), ids=PARTNERS_MORE.keys())
def test_more_partner_constructions(nlp, make, text):
    x = extract(make(text, from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == sorted([TODI, "054027", "054017"])


def test_asking_about_another_matter_is_no_answer(nlp, make):
    x = extract(make("Buongiorno, vorremmo sapere entro quando va inviato il rendiconto del SIPROIMI ordinario del "
                     "Comune di Todi. Grazie", from_=FROM, subject="Rendiconto SIPROIMI ordinario"), nlp)
    assert x.kind == "other"


def test_a_former_employee_notice_is_automatic(nlp, make):
    x = extract(make("La dott.ssa Rossi non presta più servizio presso il Comune di Todi. Scrivere a "
                     "protocollo@comune.todi.pg.it.", from_=FROM), nlp)
    assert x.kind == "auto_reply"
