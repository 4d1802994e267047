"""Kind of message: replies, automatic answers, PEC receipts, bounces and other mail."""

from __future__ import annotations

import pytest

from anci_mailintake.extract import extract
from anci_mailintake.records import PecInfo

REPLY = "Il Comune di Trevi comunica la disponibilità ad attivare un nuovo progetto SIPROIMI per 5 posti."
CASES = {
    "auto-submitted-header": dict(body="Sono in ferie.", from_="A <a@comune.trevi.pg.it>",
                                  headers={"auto-submitted": "auto-replied"}, expected="auto_reply"),
    "x-autoreply-header": dict(body="Assente.", headers={"x-autoreply": "yes"}, expected="auto_reply"),
    "out-of-office-subject-english": dict(body="I am away.", subject="Automatic reply: SIPROIMI", expected="auto_reply"),
    "assente-text-only": dict(body="Sarò assente dall'ufficio fino al 3 marzo.\nPer urgenze chiamare lo 0742 1234.",
                              subject="R: minori", expected="auto_reply"),
    "protocol-registration-notice": dict(
        body="La Sua comunicazione è stata registrata al protocollo con il numero 1234/2020.\n"
             "Messaggio generato automaticamente, si prega di non rispondere.",
        subject="Conferma di protocollazione n. 1234", expected="auto_reply"),
    "pec-receipt-from-reader": dict(body="Ricevuta di accettazione", subject="ACCETTAZIONE: prova",
                                    pec=PecInfo(type="accettazione", is_receipt=True), expected="pec_receipt"),
    "pec-receipt-header-only": dict(body="Il messaggio è stato consegnato", subject="CONSEGNA: nota",
                                    headers={"x-ricevuta": "avvenuta-consegna"}, expected="pec_receipt"),
    "pec-mancata-consegna-subject": dict(body="Errore", subject="AVVISO DI MANCATA CONSEGNA: nota ANCI",
                                         expected="pec_receipt"),
    "dsn-multipart-report": dict(body="Delivery failed", content_type="multipart/report",
                                 headers={"content-type": "multipart/report; report-type=delivery-status"},
                                 expected="bounce"),
    "mailer-daemon-plain": dict(body="This message was created automatically by mail delivery software.",
                                from_="Mail Delivery System <MAILER-DAEMON@mx.example.org>",
                                subject="Mail delivery failed: returning message to sender", expected="bounce"),
    "delivery-status-notification": dict(body="Delivery to the following recipients failed.",
                                         from_="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                                         subject="Delivery Status Notification (Failure)", expected="bounce"),
    "reply-from-comune": dict(body=REPLY, from_="Sociale <sociale@comune.trevi.pg.it>", expected="reply"),
    "newsletter": dict(body=REPLY, from_="Notizie <news@example.org>", headers={"list-unsubscribe": "<x>"},
                       expected="other"),
    "cooperative-offering-places": dict(
        body="La Cooperativa Sole gestisce a Trevi (PG) una comunità con 10 posti ed è disponibile ad attivare "
             "un nuovo progetto SIPROIMI con i Comuni interessati.",
        from_="Cooperativa Sole <info@coopsole.it>", subject="Disponibilità posti MSNA", expected="other"),
    "prefecture-naming-comuni": dict(
        body="Si chiede l'elenco dei Comuni interessati al SIPROIMI. Risultano disponibili i Comuni di Trevi e "
             "Spello.", from_="Prefettura di Perugia <pref@interno.it>", subject="Richiesta elenco",
        expected="other"),
    "comune-about-something-else": dict(
        body="Il Comune di Trevi chiede informazioni sul rimborso dei buoni spesa erogati a marzo.",
        from_="Sociale <sociale@comune.trevi.pg.it>", subject="Buoni spesa", expected="other"),
    "phishing": dict(body="La tua casella ha superato il limite. Clicca qui.",
                     from_="Admin <admin@webmail-verifica.com>", subject="Avviso casella", expected="other"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_kind(nlp, make, case):
    case = dict(case)
    expected = case.pop("expected")
    assert extract(make(**case), nlp).kind == expected
