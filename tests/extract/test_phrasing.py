"""Phrasings the extractor must read without having seen them: families of declines, offers,
hedged or deferred answers, expansions, corrections and automatic answers, in new words."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract

FROM = "Servizi Sociali <sociale@comune.spello.pg.it>"

DECLINES = {
    "di-non-dare-seguito": "Il Comune di Spello ritiene per il momento di non dare seguito all'iniziativa.",
    "preferiamo-non": "Il Comune di Spello, pur ringraziando, preferisce non partecipare a questa fase.",
    "risposta-negativa": "La risposta del Comune di Spello alla Vostra richiesta, purtroppo, è negativa.",
    "parere-non-favorevole": "La Giunta del Comune di Spello ha espresso parere non favorevole all'avvio di posti.",
    "non-ha-intenzione": "Il Comune di Spello non ha intenzione di candidarsi al SIPROIMI per i minori.",
    "deciso-di-non": "Il Comune di Spello ha deciso di non candidarsi per l'anno in corso.",
    "non-ci-sono-condizioni": "Per il Comune di Spello non ci sono, allo stato, le condizioni per aderire.",
    "impossibilitato": "Il Comune di Spello si trova impossibilitato a dare corso alla richiesta.",
    "non-puo-assumere": "Il Comune di Spello, in piano di riequilibrio, non può assumere ulteriori impegni di spesa.",
    "non-essere-interessata": "La Città di Spello comunica di non essere interessata ad attivare posti per minori.",
    "declines-an-expansion-by-name": "Il Comune di Spello non intende chiedere l'ampliamento del progetto in corso.",
    "la-risposta-e-no": "Vi scrivo per il Comune di Spello: la risposta è no, le strutture sono tutte occupate.",
    "non-ritiene-opportuno": "Il Comune di Spello non ritiene opportuno impegnarsi in nuove progettualità per minori.",
    "deve-rinunciare": "Viste le priorità del Piano di zona, a malincuore il Comune di Spello deve rinunciare.",
    "non-ce-la-facciamo": "Per ora non ce la facciamo: il Comune di Spello ha chiuso il bilancio in disavanzo.",
    "non-presentera-domanda": "Vi ringraziamo, ma il Comune di Spello ha altre priorità e quindi non presenterà domanda.",
    "lack-of-means-alone": "Il Comune di Spello non dispone al momento di strutture idonee né di personale dedicato.",
    "non-si-ravvisano-presupposti": "Non si ravvisano, allo stato, i presupposti per l'adesione del Comune di Spello.",
    "not-a-holder-and-will-not-apply": "Il Comune di Spello non è titolare di progetti e non intende candidarsi.",
    "si-rappresenta-impossibilita": "Si rappresenta l'impossibilità per il Comune di Spello di dare corso alla richiesta.",
    "non-interessa": "Al Comune di Spello non interessa, grazie.",
    "nessun-interesse": "Nessun interesse da parte del Comune di Spello per la proposta.",
    "costretto-a-declinare": "Il Comune di Spello si trova costretto a declinare.",
    "diniego": "Il Comune di Spello ha già espresso il proprio diniego con nota del 20 febbraio, che confermiamo.",
    "non-potremo-dare-adesione": "Il Comune di Spello non ha immobili adatti: non potremo dare la nostra adesione.",
}


@pytest.mark.parametrize("text", DECLINES.values(), ids=DECLINES.keys())
def test_declines(nlp, make, text):
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", "not_interested", None, None)
    assert [c.istat for c in x.comuni] == ["054050"]


# text → (mode, places)
OFFERS = {
    "favorevole-apertura": ("Il Comune di Spello è favorevole all'apertura di un nuovo progetto per 7 posti per minori.",
                            ("new_project", 7)),
    "si-candida": ("Il Comune di Spello si candida per un primo progetto SIPROIMI da nove posti per minori.",
                   ("new_project", 9)),
    "siamo-pronti": ("Siamo pronti ad aprire un progetto per minori soli a Spello: 4 posti in un alloggio comunale.",
                     ("new_project", 4)),
    "intende-raddoppiare": ("Il Comune di Spello intende raddoppiare il progetto per minori che già gestisce, passando "
                            "dagli attuali 6 a 12 posti.", ("expansion", 6)),
    "propone-di-incrementare": ("Il Comune di Spello, titolare di un progetto MSNA da 10 posti, propone di incrementare "
                                "di 5 unità la capienza.", ("expansion", 5)),
    "ampliare-di-n-posti": ("Il Comune di Spello intende ampliare di 3 posti il progetto SIPROIMI minori in corso.",
                            ("expansion", 3)),
    "n-ulteriori-posti": ("Il Comune di Spello può mettere a disposizione due ulteriori posti nel progetto per minori "
                          "in essere.", ("expansion", 2)),
    "aumento-a-complessivi": ("Il Comune di Spello propone l'aumento a 15 posti complessivi del progetto per minori, "
                              "rispetto agli attuali 9.", ("expansion", 6)),
    "portare-da-a": ("Il Comune di Spello è disposto a portare il progetto minori da 8 a 11 posti.", ("expansion", 3)),
    "volonta-di": ("Il Comune di Spello comunica la volontà di attivare un nuovo progetto per 5 minori stranieri.",
                   ("new_project", 5)),
    "puo-accogliere-minori": ("Il Comune di Spello può accogliere 3 minori stranieri non accompagnati.",
                              ("unspecified", 3)),
    "german-bilingual": ("Die Gemeinde möchte ein erstes Projekt mit sechs Plätzen. Il Comune di Spello vorrebbe "
                         "aprire un primo progetto da sei posti per minori.", ("new_project", 6)),
    "adjective-disponibili-is-no-offer-but-verb-is": (
        "Le strutture disponibili sono due. Il Comune di Spello ha interesse ad avviare un progetto SIPROIMI per 8 "
        "minori.", ("new_project", 8)),
    "future-of-doing": ("Il Comune di Spello amplierà di 4 posti il progetto per minori già attivo nel SIPROIMI.",
                        ("expansion", 4)),
    "progetto-tutto-nuovo": ("Spello c'è: partiamo con un progetto tutto nuovo per cinque ragazzi soli.", ("new_project", 5)),
    "modulo-aggiuntivo": ("Il Comune di Spello attiverà un modulo aggiuntivo di 6 posti per MSNA nel progetto di cui è "
                          "titolare (attualmente 12 posti).", ("expansion", 6)),
    "portando-la-capienza": ("Il Comune di Spello sosterrà l'iniziativa portando la capienza del proprio progetto MSNA a "
                             "16 posti (attualmente sono 10).", ("expansion", 6)),
    "offer-clause-decides-mode": ("Il Comune di Spello, già titolare di un progetto SIPROIMI per minori, non intende "
                                  "ampliarlo, ma è disponibile ad attivare un nuovo progetto per 3 posti.",
                                  ("new_project", 3)),
    "figure-alone-ok-per": ("OK per 3 posti in un progetto nuovo: a Spello la Giunta ha dato l'assenso.", ("new_project", 3)),
    "figure-alone-in-piu": ("Per Spello nessun problema: ne prendiamo 2 in più nel progetto minori che abbiamo già.",
                            ("expansion", 2)),
    "figure-alone-plus-sign": ("Il Comune di Spello conferma: +4 posti nel progetto MSNA in essere.", ("expansion", 4)),
    "con-altri-n": ("Il Comune di Spello intende ampliare l'attuale progetto per minori (8 posti) con altri 4.",
                    ("expansion", 4)),
    "offre": ("Il Comune di Spello offre 5 posti per un nuovo progetto di accoglienza di minori.", ("new_project", 5)),
    "deliberato-di-candidarsi": ("La Giunta di Spello ha deliberato di candidarsi con un nuovo progetto per 7 minori "
                                 "stranieri.", ("new_project", 7)),
    "presente-is-no-part-of-a-decline": ("Il Comune di Spello amplierà di 2 posti il progetto per minori. Il progetto "
                                         "ordinario da 30 posti non è oggetto della presente.", ("expansion", 2)),
    "concessive-pur-non": ("Pur non disponendo di strutture proprie, il Comune di Spello è disponibile ad attivare un "
                           "nuovo progetto per 4 minori.", ("new_project", 4)),
    "risposta-affermativa": ("Per il Comune di Spello la risposta è affermativa: nuovo progetto per minori, 8 posti, in "
                             "due appartamenti (4+4).", ("new_project", 8)),
    "potenziamento-unita": ("Si esprime la volontà del Comune di Spello di procedere al potenziamento del progetto "
                            "MSNA in essere per ulteriori 3 unità.", ("expansion", 3)),
    "ex-novo": ("Il Comune di Spello è favorevolmente orientato: si offrono n. 4 posti in un progetto da avviare ex novo.",
                ("new_project", 4)),
    "accetta-volentieri": ("Il Comune di Spello accetta volentieri: 2 posti nel progetto per minori già attivo.",
                           ("expansion", 2)),
    "fino-a-complessivi-is-a-total": ("Il Comune di Spello, titolare di un progetto SIPROIMI per minori articolato "
                                      "su 6 posti, è disponibile ad ampliarlo fino a complessivi 10 posti.",
                                      ("expansion", 4)),
    "increment-far-from-its-figure": ("Il Comune di Spello conferma la disponibilità a incrementare il progetto "
                                      "SIPROIMI per MSNA già attivo di n. 3 posti, per un totale di 9 posti.",
                                      ("expansion", 3)),
    "bare-e-interessato": ("Il Comune di Spello è interessato. Non abbiamo ancora definito il numero dei posti, che vi "
                           "comunicheremo a breve.", ("unspecified", None)),
    "per-unit-figure-is-not-the-offer": ("Il Comune di Spello è disponibile ad attivare un nuovo progetto per dodici "
                                         "minori, in tre strutture da quattro posti ciascuna.", ("new_project", 12)),
    "sara-portato-a": ("Il Comune di Spello conferma l'adesione: il progetto minori, oggi di 5 posti, sarà portato a 9.",
                       ("expansion", 4)),
    "di-nuova-attivazione": ("Vi comunichiamo la disponibilità del Comune di Spello per 3 posti, in un progetto di nuova "
                             "attivazione.", ("new_project", 3)),
    "ampliamento-pari-a": ("Il Comune di Spello è disponibile per un ampliamento del progetto minori che già gestiamo, "
                           "pari a 3 posti, portando il totale a 11.", ("expansion", 3)),
    "range-with-gli": ("Il Comune di Spello intende attivare un nuovo progetto per minori, con una capienza compresa tra "
                       "i 6 e gli 8 posti.", ("new_project", 8)),
    "other-project-cue-does-not-make-expansion": (
        "Il Comune di Spello ospita già un CAS attivo da 30 posti per adulti. Per i minori siamo disponibili a un "
        "nuovo progetto da 5 posti.", ("new_project", 5)),
    # What the Comune does not have today, said in passing, is no refusal.
    "not-yet-a-holder-in-passing": ("Il Comune di Spello, che non risulta ad oggi titolare di alcun progetto per minori, "
                                    "presenterà domanda per un progetto di nuova attivazione da 8 posti.", ("new_project", 8)),
    "partire-con": ("Ne abbiamo parlato in Giunta: il Comune di Spello può partire con un progetto nuovo da 4 posti "
                    "per minori.", ("new_project", 4)),
    "text-speak-ke": ("ok x noi: aggiungiamo 2 posti al progetto minori ke abbiamo gia a Spello", ("expansion", 2)),
    # An earlier refusal told as history, then a new sentence that turns: the later position stands.
    "change-of-mind-after-a-story": ("In un primo momento avevamo comunicato per le vie brevi che il Comune di Spello non "
                                     "avrebbe partecipato, mancando un immobile adatto, il personale per seguirlo e un ente gestore "
                                     "con esperienza di accoglienza di ragazzi soli nel nostro territorio.\n\n"
                                     "Però nel frattempo la diocesi ci ha offerto una casa, e la Giunta ha deciso: siamo "
                                     "disponibili ad avviare un nuovo progetto per 6 minori.", ("new_project", 6)),
    "add-more-reaching-a-total": ("Il nostro progetto per minori a Spello ha oggi cinque posti: siamo pronti ad "
                                  "aggiungerne altri tre, arrivando così a otto.", ("expansion", 3)),
    "cannot-not-join": ("Il Comune di Spello non può non aderire a un'iniziativa così: nuovo progetto da 5 posti per "
                        "minori.", ("new_project", 5)),
    "not-an-expansion-a-new-one": ("Per chiarezza, non si tratta di un ampliamento: Spello non ha progetti attivi e ne "
                                   "avvierà uno nuovo da 6 posti per minori.", ("new_project", 6)),
    "a-share-is-not-the-offer": ("Il Comune di Spello è disponibile a un nuovo progetto per dieci (10) minori, di cui 3 "
                                 "posti riservati a ragazze.", ("new_project", 10)),
            "mette-a-disposizione": ("Per il nuovo progetto il Comune di Spello mette a disposizione un appartamento: "
                             "in tutto 5 posti per minori.", ("new_project", 5)),
}


@pytest.mark.parametrize("case", OFFERS.values(), ids=OFFERS.keys())
def test_offers(nlp, make, case):
    text, (mode, places) = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent, x.mode, x.places) == ("reply", "interested", mode, places)


UNDECIDED = {
    "will-say-whether-it-joins": ("Non siamo ancora in grado di rispondere. Dopo la Giunta vi faremo sapere se il Comune "
                                  "di Spello potrà aderire.", False),
    "lacks-means-but-does-not-exclude": ("Oggi il Comune di Spello non ha un alloggio adatto, ma non escludiamo di "
                                         "aprire un piccolo progetto l'anno prossimo.", False),
    "refusal-bound-to-a-stated-condition": ("Il Comune di Spello aderisce subordinatamente alla copertura integrale dei "
                                            "costi. In mancanza di tale copertura non potrà procedere.", True),
    "potremmo-ma-prima": ("Potremmo essere interessati, ma prima vorremmo sapere quali costi copre il Ministero per "
                          "il Comune di Spello. Grazie.", False),
    "in-linea-di-principio": ("Il Comune di Spello è in linea di principio favorevole alla proposta, ma la decisione "
                              "spetta al Consiglio comunale.", False),
    "sara-discussa": ("La proposta sarà discussa dalla Giunta del Comune di Spello; vi aggiorneremo sull'esito.", False),
    "questions-over-wrapped-lines": ("Il Comune di Spello chiede:\nè possibile presentare un nuovo progetto in forma\n"
                                     "associata con altri Comuni?", False),
    "a-patto-che": ("Il Comune di Spello sarebbe favorevole ad attivare un nuovo progetto da 4 posti per minori, a "
                    "patto che il Ministero copra la mediazione.", True),
    "proroga-and-future-examination": ("Chiediamo una proroga: la Giunta del Comune di Spello esaminerà la "
                                       "proposta ad aprile.", False),
    "disponibilita-di-posti-is-no-offer": ("Il Comune di Spello potrebbe valutare un ampliamento, ma solo dopo aver "
                                           "verificato la disponibilità di posti in comunità.", False),
    "se-with-future": ("Se il Ministero garantirà la copertura dei costi, il Comune di Spello potrebbe attivare un nuovo "
                       "progetto per 4 minori.", True),
    "stiamo-raccogliendo": ("Stiamo raccogliendo i dati dalle cooperative; il Comune di Spello vi darà una risposta "
                            "definitiva a fine mese.", False),
    "ci-aggiorniamo": ("Ne stiamo parlando in Giunta a Spello; ci aggiorniamo dopo Pasqua.", False),
    "orientato-ma-prima": ("Il Comune di Spello è orientato a partecipare, ma dobbiamo prima capire quali immobili "
                           "usare.", False),
    "decision-passed-to-another-body": ("La decisione è stata rimessa all'Unione dei Comuni: sarà l'Unione a "
                                        "rispondervi per Spello.", False),
    "ritiene-di-poter-a-condizione-di": ("Il Comune di Spello ritiene di poter avviare un nuovo progetto di 6 posti "
                                         "per minori solo a condizione di un aumento del personale.", True),
    "in-corso-di-istruttoria": ("La questione è in corso di istruttoria; il Comune di Spello rimanda a successiva "
                                "comunicazione.", False),
    "si-esprimera": ("La Giunta del Comune di Spello si esprimerà nelle prossime settimane.", False),
    "disponibile-ma-solo-se": ("Il Comune di Spello sarebbe anche disponibile, ma solo se potesse contare su un ente "
                               "gestore accreditato: in quel caso 5 posti.", True),
    "si-riserva-di-comunicare-l-adesione": ("Il Comune di Spello si riserva di comunicare la propria adesione dopo "
                                            "la verifica delle strutture.", False),
    "in-linea-di-massima-ma": ("Il Comune di Spello aderisce in linea di massima, ma i posti saranno decisi dalla Zona "
                               "sociale entro maggio.", False),
    "impossibilitato-a-rispondere-ora": ("Il Comune di Spello è impossibilitato a rispondere prima della nomina del "
                                         "nuovo Assessore.", False),
    "passed-on-for-evaluation": ("Il Comune di Spello ha trasmesso la Vostra nota alla Zona sociale per le valutazioni "
                                 "di competenza.", False),
    "vorremmo-ma-bisogno-di-capire": ("Vorremmo partecipare ma abbiamo bisogno di capire se il Ministero finanzierà "
                                      "i lavori a Spello. Potete darci indicazioni?", False),
    "favorevole-ma-prima": ("Il Comune di Spello è favorevole, ma vorrebbe prima un incontro per definire numeri e tempi.",
                            False),
    "qualora-with-subjunctive": ("Il Comune di Spello non dispone di un immobile idoneo; tuttavia, qualora la Regione "
                                 "mettesse a disposizione una struttura, saremmo pronti ad attivare 3 posti.", True),
    "purche": ("Il Comune di Spello conferma la disponibilità all'ampliamento di 2 posti del progetto minori, purché "
               "i fondi siano erogati con regolarità.", True),
}


@pytest.mark.parametrize("case", UNDECIDED.values(), ids=UNDECIDED.keys())
def test_undecided(nlp, make, case):
    text, conditional = case
    x = extract(make(text, from_=FROM), nlp)
    assert (x.kind, x.intent) == ("reply", "undecided")
    assert ("the offer depends on a condition" in x.review_reasons) == conditional
    if "?" in text:
        assert x.mode == "unspecified"  # a question states no mode


def test_correction_keeps_the_right_figure(nlp, make):
    text = ("Ci scusiamo: ieri abbiamo scritto 4 posti ma il numero giusto è 7. Per il resto confermiamo quanto "
            "comunicato (nuovo progetto per minori del Comune di Spello).")
    x = extract(make(text, from_=FROM), nlp)
    assert (x.intent, x.places, x.needs_review) == ("interested", 7, True)
    assert "corrects an earlier message" in x.review_reasons


def test_a_phone_refusal_on_a_thread_about_minors(nlp, make):
    """Text-speak ('nn'), no word of the letter in the body; the subject says what it answers."""
    text = "nn riusciamo ad aderire, personale ridotto all'osso. grazie cmq\n\nIl Sindaco di Spello"
    x = extract(make(text, subject="R: msna", from_="G. Bianchi <gbianchi@gmail.com>"), nlp)
    assert (x.kind, x.intent, [c.istat for c in x.comuni]) == ("reply", "not_interested", ["054050"])


def test_an_undecided_answer_with_a_figure_is_for_review(nlp, make):
    text = "Il Comune di Spello è in linea di massima favorevole: 4 posti nel progetto minori che già gestisce."
    x = extract(make(text, from_=FROM), nlp)
    assert (x.intent, x.places, x.needs_review) == ("undecided", 4, True)


def test_a_correction_on_its_own_thread_is_a_reply_for_review(nlp, make):
    """A Comune correcting its own earlier answer, in few words, on a thread of its own."""
    text = ("Buonasera,\ncorreggo la mail di lunedì: i posti che mettiamo a disposizione nel nuovo progetto sono 4 e "
            "non 3.\nIl Sindaco di Spello")
    x = extract(make(text, subject="Correzione - Re: nota ANCI minori", from_="Sindaco <sindaco@gmail.com>"), nlp)
    assert (x.kind, x.intent, x.mode, x.places, x.needs_review) == ("reply", "interested", "new_project", 4, True)
    assert [c.istat for c in x.comuni] == ["054050"]


def test_resent_reply_is_flagged(nlp, make):
    text = ("Vi ritrasmettiamo la nostra mail del 3 marzo. Il Comune di Spello è disponibile ad ampliare il "
            "progetto per minori con ulteriori 2 posti.")
    x = extract(make(text, from_=FROM), nlp)
    assert x.places == 2 and "re-sends an earlier answer (possible duplicate)" in x.review_reasons


def test_lead_comune_speaks_for_a_named_partner(nlp, make):
    text = ("Il Comune di Spello, anche a nome del Comune di Bevagna, comunica l'intenzione di presentare un nuovo "
            "progetto per minori da 8 posti.")
    x = extract(make(text, from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == ["054004", "054050"] and x.needs_review


def test_table_headers_in_other_words(nlp, make):
    text = ("Il Comune di Spello è disponibile all'ampliamento del progetto:\nProgetto | Posti oggi | Posti da "
            "aggiungere | Totale dopo l'ampliamento\nAdulti | 20 | 0 | 20\nMSNA | 6 | 3 | 9")
    x = extract(make(text, from_=FROM), nlp)
    assert (x.places, x.places_current, x.places_total) == (3, 6, 9)


AUTO = {
    "in-ferie-with-re-subject": "Buongiorno, sono in ferie fino al 9 marzo. La posta non verrà letta fino al mio rientro.",
    "protocol-receipt-quoting-the-subject": (
        "Ricevuta di avvenuta protocollazione\nIl documento \"interesse all'avvio o all'ampliamento di progetti di "
        "accoglienza Siproimi\" è stato acquisito al protocollo col n. 1234.\nMessaggio automatico: non rispondere."),
    "in-congedo": "La sottoscritta è in congedo fino al 30 marzo. Per urgenze rivolgersi alla segreteria.",
    "received-and-routed": "Il suo messaggio è stato ricevuto dall'Ufficio Protocollo e sarà smistato all'ufficio competente.",
    "office-closed": "Gentile utente, l'ufficio è chiuso per le festività pasquali fino al 14 aprile.",
    "english-away": "Thank you for your message. I am currently away and will be back on 2 March.",
}


@pytest.mark.parametrize("body", AUTO.values(), ids=AUTO.keys())
def test_automatic_answers_without_headers(nlp, make, body):
    assert extract(make(body, from_=FROM), nlp).kind == "auto_reply"


def test_unknown_phrasing_in_reply_to_the_letter_is_a_flagged_reply(nlp, make):
    x = extract(make("Buongiorno, il Comune di Spello ne parlerà con la cittadinanza.", from_=FROM), nlp)
    assert (x.kind, x.intent, x.needs_review) == ("reply", None, True)
    assert [c.istat for c in x.comuni] == ["054050"]
    assert "answers the letter, but no answer was recognised" in x.review_reasons


def test_a_described_figure_is_no_offer(nlp, make):
    x = extract(make("Il Comune di Spello ospita già 12 minori in due comunità del territorio.", from_=FROM), nlp)
    assert x.intent is None and x.needs_review


def test_an_asked_figure_is_no_offer(nlp, make):
    x = extract(make("Il Comune di Spello chiede: un progetto da 6 posti per minori sarebbe finanziabile?",
                     from_=FROM), nlp)
    assert (x.intent, x.places) == ("undecided", None)


def test_a_shortened_name_in_the_domain_is_not_the_capital(nlp, make):
    only_domain = extract(make("Il Comune accoglie la proposta: 8 posti in un nuovo progetto per minori.",
                               from_="Sociale <servizisociali@comune.lamezia.cz.it>"), nlp)
    assert [c.name for c in only_domain.comuni] == ["Lamezia Terme"]
    named = extract(make("Il Comune di Quartu Sant'Elena accoglie la proposta: 8 posti in un nuovo progetto per minori.",
                         from_="Sociale <servizisociali@comune.quartu.ca.it>"), nlp)
    assert [c.name for c in named.comuni] == ["Quartu Sant'Elena"] and not named.needs_review


def test_a_joint_project_with_a_named_partner(nlp, make):
    x = extract(make("Il Comune di Spello, d'intesa con il Comune di Bevagna, intende presentare un progetto congiunto "
                     "per minori, per complessivi 8 posti.", from_=FROM), nlp)
    assert sorted(c.istat for c in x.comuni) == ["054004", "054050"] and x.needs_review


def test_province_written_in_full_in_the_domain(nlp, make):
    x = extract(make("Il Comune è disponibile ad attivare un nuovo progetto per 4 minori.",
                     from_="S <sociale@comune.lanciano.chieti.it>"), nlp)
    assert [c.name for c in x.comuni] == ["Lanciano"] and not x.needs_review


def test_apologising_for_the_delay_is_no_correction(nlp, make):
    x = extract(make("Ci scusiamo per il ritardo. Il Comune di Spello aumenterà di 3 posti il progetto per minori "
                     "già attivo.", from_=FROM), nlp)
    assert (x.places, x.needs_review) == (3, False)


def test_several_plain_figures_are_flagged(nlp, make):
    x = extract(make("Il Comune di Spello è disponibile ad attivare un nuovo progetto per minori: 6 posti nella "
                     "struttura A e 10 posti nella struttura B.", from_=FROM), nlp)
    assert x.needs_review and "the figure is one of several figures" in x.review_reasons


DOUBTS = {
    "project-named-mode-unknown": ("Il Comune di Spello conferma l'adesione con 4 posti nel progetto.",
                                   "a project is named, but neither a new one nor an expansion was recognised"),
    "expansion-with-a-plain-figure": ("Il Comune di Spello è disponibile ad ampliare il progetto per minori: 9 posti.",
                                      "an expansion whose figure may be the project's total"),
}


@pytest.mark.parametrize("case", DOUBTS.values(), ids=DOUBTS.keys())
def test_likely_silent_errors_are_flagged(nlp, make, case):
    text, reason = case
    x = extract(make(text, from_=FROM), nlp)
    assert x.intent == "interested" and x.needs_review and reason in x.review_reasons


def test_the_comune_of_correggio_corrects_nothing(nlp, make):
    x = extract(make("Il Comune di Correggio conferma che intende attivare un nuovo progetto per 5 minori.",
                     from_="S <servizisociali@comune.correggio.re.it>"), nlp)
    assert (x.places, x.needs_review) == (5, False)
