"""What kind of message this is, before anything is read for an answer.

Order matters: a PEC receipt is also auto-generated, and a bounce carries Auto-Submitted too,
so receipts are tested first, then delivery reports, then automatic answers. What is left is a
reply or other mail; `is_topical` and `non_municipal_sender` help tell them apart.
"""

from __future__ import annotations

import re

from ..records import ParsedMessage, ReadMessage
from .text import at_words, lower

# PEC receipts: daticert "tipo" / X-Ricevuta values, and the subjects providers write.
PEC_RECEIPT_TYPES = ("accettazione", "non-accettazione", "presa-in-carico", "avvenuta-consegna",
                     "errore-consegna", "preavviso-errore-consegna", "rilevazione-virus")
PEC_RECEIPT_SUBJECT = re.compile(
    r"^\s*(accettazione|avvenuta consegna|consegna|avviso di (mancata|non) (consegna|accettazione)"
    r"|preavviso di mancata consegna|presa in carico|errore di consegna|rilevazione virus)\s*:", re.I)

BOUNCE_SENDER = re.compile(r"mailer-daemon|postmaster|mail delivery (system|subsystem)|mail ?delivery", re.I)
BOUNCE_SUBJECT = re.compile(
    r"undelivered mail|delivery status notification|mail delivery failed|returned mail|undeliverable"
    r"|non recapitabile|recapito non riuscito|mancato recapito|failure notice|delivery fail|delivery has failed"
    r"|unzustellbar|nicht zustellbar|impossibile recapitare", re.I)

AUTO_SUBJECT = re.compile(
    r"risposta automatica|automatic reply|auto(matic)?[ -]?reply|out of (the )?office|fuori (sede|ufficio)"
    r"|assenza dall'ufficio|abwesenheit|autorisposta|^\s*auto:|conferma di (protocollazione|ricezione)"
    r"|presa in carico|avviso di ricezione|ricevuta di protocollo|protocollat[oa]|protocollazione|^\s*ricevuto\s*:|^\s*(?:letto|read)\s*:|ricevuta di ritorno|notifica di lettura|read receipt", re.I)
AUTO_BODY = at_words(
    r"\b(?:sono (?:attualmente )?assente|sar[oò] assente|fuori (?:sede|ufficio)|out of (?:the )?office|"
    r"nicht im b[uü]ro|messaggio (?:è |e' )?generato automaticamente|risposta automatica|"
    r"si prega di non rispondere|stat[oa] registrat[oa] (?:al|con il) (?:protocollo|numero)|"
    r"è stata presa in carico|"
    r"(?:l.ufficio|gli uffici|la sede)(?: \w+)? (?:è|e'|sono|rimarr\w+|rester\w+) chius\w*|"
    r"gli uffici (?:comunali )?sono chiusi|le e-?mail pervenute saranno evase|"
    r"(?:sono|è|e'|sar[oò]|sar[aà])\s+(?:in\s+(?:ferie|congedo|maternit[aà]|malattia|missione|trasferta)|assente)\b|"
    r"fino al mio rientro|al mio rientro|non verr[aà] letta|non (?:è|e') pi[uù] (?:attiva|presidiata)|"
    r"(?:è|e') stat[oa] ricevut[oa] (?:dall|da)|sar[aà] smistat[oa]|"
    r"sar[aà] inoltrat[oa] all.ufficio competente|non presta pi[uù] servizio|"
    r"casella (?:è |e' )?presidiat\w* solo|uffici[oi]\s+chius[oi]\b|risponderemo entro \d+ giorni|"
    r"non (?:lavora|opera) pi[uù] (?:presso|in)|"
    r"(?:il suo|il vostro|la sua|la vostra) (?:messaggio|e-?mail|comunicazione) (?:è|e') stat[oa] ricevut[oa]|"
    r"(?:le|vi) risponderemo (?:al pi[uù] presto|quanto prima|appena possibile)|"
    r"rientrer[oò] (?:in ufficio )?(?:il|lunedì|martedì|mercoledì|giovedì|venerdì)|"
    r"i am (?:currently )?away|will be back on)")
RECEIVED = re.compile(r"\s*messaggio ricevuto\b")  # a body that opens so (match it at the start)
# Body patterns (AUTO_BODY, AUTO_STRONG, TOPICAL, HOUSEKEEPING) are lower case: give them text.lower(text).
# Cues that only machines write: they make an automatic answer even when it quotes the letter's subject.
AUTO_STRONG = at_words(
    r"messaggio (?:generato )?automatic|(?:si prega di )?non rispondere a questo (?:indirizzo|messaggio)"
    r"|ricevuta di (?:avvenuta )?protocollazione|conferma di (?:avvenuta )?protocollazione|questa casella .{0,40}non (?:è|e') pi[uù]")
# "In allegato la nota del Sindaco, in riscontro alla Vostra del 5 febbraio" sent by a protocol system with a
# no-reply footer: the Comune's answer travels as the attachment, so the footer makes no automatic answer.
TRANSMITS = at_words(r"\b(?:in allegato|si (?:trasmette|inoltra|invia|allega)|trasmettiamo|alleghiamo|si allegano)\b")

NEWSLETTER_HEADERS = ("list-id", "list-unsubscribe")

# Senders that are not a Comune (or a union of Comuni) answering for itself.
NON_MUNICIPAL = re.compile(
    r"cooperativ|\bcoop\b|coop[a-z]*\.it|prefettura|interno\.it|questura|regione\.|\bregione\b|newsletter"
    r"|@anci\.it|ancisardegna|anci[a-z]+\.it|serviziocentrale|cittalia|siproimi\.it|onlus|associazione"
    r"|fondazione|caritas|ministero|webmail|admin@|no-?reply|citt[àa]\s*metropolitana|\bprovincia\s+(?:autonoma\s+)?di\b", re.I)

# "Il Sindaco" signing a letter sent from a cooperative's or an Unione's mailbox: the Comune's own answer.
SIGNED_BY_COMUNE = re.compile(r"^[ \t]*(?:il|la)\s+(?:vice\s*)?(?:sindac[oa]|segretari[oa]\s+comunale)\b", re.M)
_MUNICIPAL = re.compile(r"\bcomune\b|\bunione\b|gemeinde|\bcitt[àa] di\b", re.I)

# Words that tie a municipal message to the letter: the answer's topic.
TOPICAL = at_words(
    r"siproimi|sprar|\bsai\b|nuovo progetto|ampliamento|ampliare|posti di accoglienza|vostra (?:nota|lettera|comunicazione|richiesta)"
    r"|(?:nota|lettera|circolare) (?:anci|del delegato)|nota del 0?5[ ./]0?2|5 febbraio|05/02/2020|msna.*(?:progett|posti)", re.S)
LETTER_SUBJECT = re.compile(r"\banci\b.{0,40}\b(?:minori|msna)|\b(?:minori|msna)\b.{0,40}\banci\b|siproimi|avvio o all'ampliamento|nota anci|riscontro|\bmsna\b.*\b(?:posti|progett|disponibilit|accoglienza)"
                            r"|minori stranieri non accompagnati.*\b(?:posti|progett|disponibilit|accoglienza)"
                            r"|^\s*(?:re|r|rif|risp)\s*:\s*(?:minori|msna)\b", re.I)  # 'Re: minori stranieri': a reply on the topic


# A reply to the letter itself: a reply prefix and the letter's own subject.
# Housekeeping on the same thread (a new contact person, a new address): mail about other things, not an answer.
HOUSEKEEPING = re.compile(r"\breferente\b[^.;]{0,80}?\b(?:è|e')\s+cambiat|\bnuov[oa]\s+referente\b|\bvariazione\s+(?:del\s+|dei\s+)?(?:referent|recapit|indirizz)"
                          r"|\bcambio\s+(?:del\s+|di\s+)?(?:referent|indirizz|recapit)|\bnuovo\s+indirizzo\s+(?:e-?mail|pec|di\s+posta)"
                          r"|\A\s*(?:(?:buongiorno|salve|gentil\w*)[\s,!]*)?(?:ricevut[oa]|preso\s+nota|presa\s+visione)\b[\s,.!]*"
                          r"(?:grazie(?:\s+mille)?)?[\s,.!]*(?:\n|\Z)|\bnon\s+funzion\w+|\bnon\s+si\s+apr\w+")
# The letter's own subject (also truncated) and reply prefixes: what is left of a subject is the sender's words.
_SUBJECT_NOISE = re.compile(r"^\s*(?:(?:re|r|rif|aw|antw|risp|i|fw|fwd|tr)\s*:\s*)+|\binteresse\s+all.avvio(?:\s+o\s+all.ampliamento)?"
                            r"(?:\s+di\s+progetti)?(?:\s+di\s+accoglienza)?(?:\s+siproimi)?(?:\s+per\s+minori)?(?:\s+stranieri)?"
                            r"(?:\s+non\s+accompagnati)?\.?", re.I)


def subject_words(subject: str) -> str:
    """A subject without reply prefixes and the letter's subject: 'Re: <letter> - Comune di Jesolo NON INTERESSATO'."""
    return _SUBJECT_NOISE.sub(" ", subject).strip(" -–:.,;")
REPLY_TO_LETTER = re.compile(r"^\s*(?:(?:re|r|rif|aw|antw|risp)\s*:\s*)+.*(?:avvio o all.ampliamento|progetti di accoglienza siproimi)",
                             re.I)


def _headers(m: ParsedMessage) -> dict[str, str]:
    return {k: v.lower() for k, v in m.headers.items()}


AUTO_TEXT = "kind.auto.body"  # the rule of an automatic answer told only by words of absence or closure


def classify_automatic(read: ReadMessage) -> tuple[str | None, str]:
    """('pec_receipt'|'bounce'|'auto_reply', rule) or (None, '') for a message a person wrote."""
    outer = read.outer
    h = _headers(outer)
    if read.pec is not None and read.pec.is_receipt:
        return "pec_receipt", "kind.pec.receipt"
    if h.get("x-ricevuta", "") in PEC_RECEIPT_TYPES or PEC_RECEIPT_SUBJECT.search(outer.subject):
        return "pec_receipt", "kind.pec.subject"
    ctype = h.get("content-type", "")
    if outer.content_type == "multipart/report":  # a read receipt (MDN) is the reader's client answering by itself
        return ("auto_reply", "kind.auto.read_receipt") if "disposition-notification" in ctype else ("bounce", "kind.bounce.dsn")
    if "x-failed-recipients" in h or (BOUNCE_SENDER.search(outer.from_) and BOUNCE_SUBJECT.search(outer.subject)):
        return "bounce", "kind.bounce.sender"
    if BOUNCE_SUBJECT.search(outer.subject) and h.get("return-path", "") in ("<>", ""):
        return "bounce", "kind.bounce.subject"
    eff = read.effective
    he = _headers(eff)
    auto = he.get("auto-submitted", "no")
    if auto not in ("no", "") or "x-autoreply" in he or "x-autorespond" in he or he.get("precedence") == "auto_reply":
        return "auto_reply", "kind.auto.header"
    if AUTO_SUBJECT.search(eff.subject):
        return "auto_reply", "kind.auto.subject"
    body = lower(next((d.text for d in read.documents if d.role == "body"), ""))
    if len(body) < 1500 and not _transmits_letter(read, body):
        if AUTO_STRONG.search(body):
            return "auto_reply", "kind.auto.machine"
        if (AUTO_BODY.search(body) or RECEIVED.match(body)) and not TOPICAL.search(body):
            return "auto_reply", AUTO_TEXT  # words a person may write too: extract() checks for an answer
    return None, ""


def _transmits_letter(read: ReadMessage, body: str) -> bool:
    """The body hands over an attached letter on the topic (a protocol system's transmission)."""
    return bool(TRANSMITS.search(body) and TOPICAL.search(body)) and any(
        d.role == "attachment" and len(d.text) >= 200 for d in read.documents)


def is_newsletter(m: ParsedMessage) -> bool:
    h = _headers(m)
    return any(k in h for k in NEWSLETTER_HEADERS) or h.get("precedence") in ("bulk", "list")


def non_municipal_sender(m: ParsedMessage) -> bool:
    """True when the sender names itself as something other than a Comune or an Unione."""
    who = f"{m.from_} {m.from_address}"
    if _MUNICIPAL.search(who):
        return False
    return bool(NON_MUNICIPAL.search(who))
