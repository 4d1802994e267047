"""Italian PEC (posta elettronica certificata): the transport envelope, receipts and daticert.xml.

A PEC reply reaches ANCI as the provider's message ("POSTA CERTIFICATA: …", X-Trasporto:
posta-certificata) signed with S/MIME, holding the certification text, daticert.xml and the
sender's own message as postacert.eml. Receipts (X-Ricevuta: accettazione, avvenuta-consegna,
errore-consegna, …) have the same shape, the original message attached only in a "completa" one.
Types this module does not know, and future REM envelopes (ETSI EN 319 532, X-REM-* headers),
are kept under their own name rather than refused.
"""

from __future__ import annotations

import re

from lxml import etree

from ..records import Attachment, ParsedMessage, PecInfo

RECEIPTS = frozenset({
    "accettazione", "non-accettazione", "presa-in-carico", "avvenuta-consegna", "errore-consegna",
    "preavviso-errore-consegna", "rilevazione-virus",
})
ENVELOPES = frozenset({"posta-certificata", "errore"})  # "errore": an anomaly envelope (busta di anomalia)
_PER_CONTO = re.compile(r"per conto di:?\s*([^\s\"<>]+@[^\s\"<>]+)", re.I)
_REM = re.compile(rb"^x-rem-[a-z-]*:[ \t]*(.*)$", re.I | re.M)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
_SUBJECT_PREFIX = re.compile(
    r"^\s*(posta certificata|anomalia messaggio|accettazione|avviso di non accettazione|presa in carico|"
    r"consegna|avviso di mancata consegna|avviso di mancata consegna per superamento tempo massimo|"
    r"problema di sicurezza|rilevazione virus)\s*:\s*", re.I)


def is_daticert(a: Attachment) -> bool:
    return (a.filename or "").lower() == "daticert.xml" or (a.declared_type.endswith("xml") and b"<postacert" in a.data[:4096])


def is_postacert(a: Attachment) -> bool:
    return (a.filename or "").lower() == "postacert.eml"


def daticert(data: bytes) -> dict[str, str]:
    """The fields of daticert.xml that matter: tipo, errore, mittente, oggetto, data, identificativo."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    out = {k: root.get(k, "") for k in ("tipo", "errore")}

    def text(path: str) -> str:
        el = root.find(path)
        return (el.text or "").strip() if el is not None else ""

    out["mittente"] = text("intestazione/mittente")
    out["oggetto"] = text("intestazione/oggetto")
    out["identificativo"] = text("dati/identificativo")
    out["msgid"] = text("dati/msgid")
    data_el = root.find("dati/data")
    if data_el is not None:
        out["data"] = " ".join(filter(None, (text("dati/data/giorno"), text("dati/data/ora"), data_el.get("zona", ""))))
    ricevuta = root.find("dati/ricevuta")
    if ricevuta is not None:
        out["ricevuta"] = ricevuta.get("tipo", "")
    return {k: v for k, v in out.items() if v}


def detect(outer: ParsedMessage, raw: bytes) -> PecInfo | None:
    """PecInfo when the message is a PEC envelope or receipt (or a REM one); None for ordinary mail."""
    h = outer.headers
    trasporto = (h.get("x-trasporto") or "").strip().lower()
    ricevuta = (h.get("x-ricevuta") or "").strip().lower()
    dati: dict[str, str] = {}
    has_daticert = False
    for a in outer.attachments:
        if is_daticert(a):
            dati = daticert(a.data)
            has_daticert = True
            break
    blank = re.search(rb"\r?\n\r?\n", raw[:300_000])
    head = raw[: blank.start() if blank else 300_000]
    rem = _REM.search(head)
    if not (trasporto or ricevuta or has_daticert or rem):
        return None
    kind = ricevuta or dati.get("tipo", "").lower() or trasporto
    if not kind:
        kind = "rem" if rem else "sconosciuto"
    is_receipt = bool(ricevuta) or kind in RECEIPTS or (kind not in ENVELOPES and not trasporto and not rem)
    sender = dati.get("mittente")
    if not sender and (m := _PER_CONTO.search(outer.from_)):
        sender = m.group(1)
    subject = dati.get("oggetto") or _SUBJECT_PREFIX.sub("", outer.subject) or None
    return PecInfo(type=kind, is_receipt=is_receipt, certified_sender=(sender or "").lower() or None,
                   date=dati.get("data") or outer.date, identifier=dati.get("identificativo") or outer.message_id,
                   subject=subject)
