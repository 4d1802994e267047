"""A realistic, reproducible mailbox of replies to ANCI's February 2020 SIPROIMI/MSNA letter.

Reusable by every benchmark (poll, reprocess, report) and by tests:

    from mailbox_gen import generate, write_maildir
    messages = generate(1000, seed=7)          # list[bytes], RFC 5322 with CRLF, all distinct
    write_maildir(Path("/tmp/md"), 1000, 7)    # the same messages as a Maildir (new/)

Shapes, in proportions close to the real mailbox: plain replies, HTML replies, PEC envelopes
(daticert.xml + postacert.eml), forwards, out-of-office notices, bounces (multipart/report);
a fifth carry an attachment (a small PDF letter or a DOCX). Each reply names a distinct Comune
drawn from anci_mailintake.istat.comuni() (cycling after ~7,900), with an intent, a mode and a
number of places that vary with the seed. Standard library only, besides the ISTAT list.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from email import message_from_string
from email.policy import SMTP, default
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path

from anci_mailintake.istat import ComuneInfo, comuni

SHAPES = ("plain", "plain", "plain", "html", "html", "pec", "pec", "forward", "out_of_office", "bounce")
ANCI = "immigrazione@anci.it"
START = datetime(2020, 2, 6, 8, 0, tzinfo=timezone.utc)

OPENINGS = ("Gentili,", "Spett.le ANCI,", "Buongiorno,", "Alla c.a. del Dipartimento Immigrazione,", "Egregi,")
YES = ("il Comune di {c} ({p}) comunica la disponibilità ad attivare {n} posti per minori stranieri non "
       "accompagnati (MSNA) nell'ambito della rete SIPROIMI, {mode}.",
       "con la presente si conferma l'interesse del Comune di {c} ad aderire con {n} nuovi posti MSNA, {mode}.",
       "in riscontro alla Vostra nota del 5 febbraio, il Comune di {c} è disponibile per {n} posti, {mode}.")
NO = ("il Comune di {c} ({p}) comunica di non essere nelle condizioni di attivare posti SIPROIMI per MSNA.",
      "si informa che il Comune di {c} non intende aderire all'iniziativa per l'anno in corso.")
MAYBE = ("il Comune di {c} sta valutando la proposta; la Giunta si esprimerà entro marzo.",
         "la richiesta relativa al Comune di {c} è all'esame degli uffici: seguirà comunicazione.")
MODES = ("con un nuovo progetto", "mediante ampliamento del progetto già attivo",
         "ampliando da {cur} a {tot} posti il progetto in corso")
CLOSINGS = ("Cordiali saluti", "Distinti saluti", "Con i migliori saluti", "Saluti")
ROLES = ("Il Sindaco", "Il Responsabile dei Servizi Sociali", "Ufficio Protocollo", "Il Segretario comunale")


def _domain(c: ComuneInfo) -> str:
    slug = "".join(ch for ch in c.name.lower().replace(" ", "").replace("'", "") if ch.isascii() and ch.isalnum())
    return f"comune.{slug or 'x'}.{c.province.lower()}.it"


def _body(rng: random.Random, c: ComuneInfo) -> str:
    roll = rng.random()
    n = rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25))
    if roll < 0.6:
        cur = rng.choice((5, 10, 15, 20))
        mode = rng.choice(MODES).format(cur=cur, tot=cur + n)
        sentence = rng.choice(YES).format(c=c.name, p=c.province, n=n, mode=mode)
    elif roll < 0.85:
        sentence = rng.choice(NO).format(c=c.name, p=c.province)
    else:
        sentence = rng.choice(MAYBE).format(c=c.name)
    return (f"{rng.choice(OPENINGS)}\n\n{sentence}\n\nPer informazioni: tel. 0{rng.randint(100, 999)} "
            f"{rng.randint(100000, 999999)}.\n\n{rng.choice(CLOSINGS)}\n{rng.choice(ROLES)}\nComune di {c.name}\n")


def _quote() -> str:
    return ("\n\n----- Messaggio originale -----\nDa: ANCI Immigrazione <immigrazione@anci.it>\n"
            "Oggetto: SIPROIMI - disponibilità posti MSNA\n\n> Gentile Sindaco, ANCI chiede a ciascun Comune se "
            "intenda attivare\n> posti per minori stranieri non accompagnati ...\n")


def _headers(m: EmailMessage, rng: random.Random, i: int, seed: int, sender: str, subject: str) -> None:
    when = START + timedelta(minutes=i * 7 + rng.randint(0, 6))
    m["Received"] = (f"from mx{rng.randint(1, 9)}.{sender.split('@')[1]} by mx.anci.it with ESMTPS id "
                     f"{rng.getrandbits(48):012x}; {format_datetime(when)}")
    m["Date"] = format_datetime(when)
    m["From"] = sender
    m["To"] = ANCI
    m["Subject"] = subject
    m["Message-ID"] = f"<{when:%Y%m%d%H%M}.{seed}.{i}.{rng.getrandbits(32):08x}@{sender.split('@')[1]}>"


def _pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says TEXT (Helvetica, Latin-1), with a correct xref."""
    lines = text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    ops = b"BT /F1 11 Tf 60 780 Td 14 TL " + b" ".join(b"(" + ln + b") '" for ln in lines.split(b"\n")) + b" ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def _docx(text: str) -> bytes:
    """A minimal WordprocessingML document with one paragraph per line."""
    from xml.sax.saxutils import escape

    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(ln)}</w:t></w:r></w:p>" for ln in text.split("\n"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        def add(name: str, data: str) -> None:  # a fixed timestamp keeps the bytes reproducible
            zf.writestr(zipfile.ZipInfo(name, (2020, 2, 6, 9, 0, 0)), data, zipfile.ZIP_DEFLATED)

        add("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
                   'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        add("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        add("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                   f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{paras}</w:body></w:document>')
    return buf.getvalue()


def _reply(rng: random.Random, i: int, seed: int, c: ComuneInfo, *, html: bool) -> EmailMessage:
    m = EmailMessage()
    sender = f"{rng.choice(('sindaco', 'protocollo', 'servizisociali', 'segreteria'))}@{_domain(c)}"
    _headers(m, rng, i, seed, sender, rng.choice(("Re: SIPROIMI - disponibilità posti MSNA",
                                                  f"Comune di {c.name} - riscontro nota ANCI", "R: posti MSNA")))
    body = _body(rng, c)
    m.set_content(body + _quote())
    if html:
        paras = "".join(f"<p>{line}</p>" for line in body.split("\n\n"))
        m.add_alternative(f"<html><body style=\"font-family:Calibri\">{paras}<blockquote>{_quote()}</blockquote>"
                          "</body></html>", subtype="html")
    if rng.random() < 0.2:  # a fifth carry the signed letter as an attachment
        if rng.random() < 0.6:
            m.add_attachment(_pdf(f"COMUNE DI {c.name.upper()}\nProt. n. {rng.randint(100, 9999)}\n\n{body}"),
                             maintype="application", subtype="pdf", filename=f"nota_{c.istat}.pdf")
        else:
            m.add_attachment(_docx(f"Comune di {c.name}\n{body}"), maintype="application",
                             subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                             filename=f"riscontro_{c.istat}.docx")
    return m


def _pec(rng: random.Random, i: int, seed: int, c: ComuneInfo) -> EmailMessage:
    inner = _reply(rng, i, seed, c, html=rng.random() < 0.3)
    sender = inner["From"]
    outer = EmailMessage()
    _headers(outer, rng, i, seed, "posta-certificata@legalmail.it", f"POSTA CERTIFICATA: {inner['Subject']}")
    outer["Reply-To"] = sender
    outer["X-Trasporto"] = "posta-certificata"
    outer["X-Riferimento-Message-ID"] = inner["Message-ID"]
    outer.set_content(f"Messaggio di posta certificata\n\nIl giorno {inner['Date']} il messaggio "
                      f"\"{inner['Subject']}\" è stato inviato da \"{sender}\" indirizzato a: {ANCI}\n"
                      "Il messaggio originale è incluso in allegato.\n")
    daticert = (f'<?xml version="1.0" encoding="UTF-8"?><postacert tipo="posta-certificata" errore="nessuno">'
                f"<intestazione><mittente>{sender}</mittente><destinatari tipo=\"certificato\">{ANCI}</destinatari>"
                f"<oggetto>{inner['Subject']}</oggetto></intestazione><dati><gestore-emittente>LEGALMAIL"
                f"</gestore-emittente><identificativo>opec{rng.getrandbits(40):x}.{i}@legalmail.it</identificativo>"
                "</dati></postacert>")
    outer.add_attachment(daticert.encode(), maintype="application", subtype="xml", filename="daticert.xml")
    outer.add_attachment(inner, filename="postacert.eml")
    return outer


def _forward(rng: random.Random, i: int, seed: int, c: ComuneInfo) -> EmailMessage:
    m = EmailMessage()
    sender = f"segreteria@{_domain(c)}"
    _headers(m, rng, i, seed, sender, f"I: Comune di {c.name} - SIPROIMI MSNA")
    m.set_content(f"Si inoltra la comunicazione del Sindaco.\n\n---------- Messaggio inoltrato ----------\n"
                  f"Da: Sindaco <sindaco@{_domain(c)}>\nOggetto: risposta ANCI\n\n{_body(rng, c)}")
    return m


def _out_of_office(rng: random.Random, i: int, seed: int, c: ComuneInfo) -> EmailMessage:
    m = EmailMessage()
    _headers(m, rng, i, seed, f"ufficio.tecnico@{_domain(c)}", "Risposta automatica: SIPROIMI - posti MSNA")
    m["Auto-Submitted"] = "auto-replied"
    m["X-Autoreply"] = "yes"
    m.set_content(f"Sono fuori ufficio fino al {rng.randint(10, 28)} febbraio con accesso limitato alla posta. "
                  f"Per urgenze contattare il centralino del Comune di {c.name}.\n")
    return m


def _bounce(rng: random.Random, i: int, seed: int, c: ComuneInfo) -> EmailMessage:
    m = EmailMessage()
    _headers(m, rng, i, seed, "MAILER-DAEMON@mx.anci.it", "Undelivered Mail Returned to Sender")
    m["Auto-Submitted"] = "auto-replied"
    to = f"sindaco@{_domain(c)}"
    m.set_content(f"This is the mail system at host mx.anci.it.\n\nI'm sorry to have to inform you that your message "
                  f"could not be delivered to one or more recipients.\n\n<{to}>: host not found\n")
    m.make_mixed()
    report = message_from_string(  # the parser builds message/delivery-status's blocks as the generator wants
        "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.anci.it\n\n"
        f"Final-Recipient: rfc822; {to}\nAction: failed\nStatus: 5.1.2\n"
        "Diagnostic-Code: X-Postfix; Host or domain name not found\n", policy=default)
    m.attach(report)
    m.replace_header("Content-Type", 'multipart/report; report-type=delivery-status; boundary="'
                     + str(m.get_boundary()) + '"')
    return m


def iter_messages(n: int, seed: int = 0) -> Iterator[bytes]:
    """N distinct messages, the same ones for the same (n, seed)."""
    rng = random.Random(seed)
    places = list(comuni())
    rng.shuffle(places)
    for i in range(n):
        c = places[i % len(places)]
        shape = rng.choice(SHAPES)
        if shape in ("plain", "html"):
            m = _reply(rng, i, seed, c, html=shape == "html")
        else:
            m = {"pec": _pec, "forward": _forward, "out_of_office": _out_of_office, "bounce": _bounce}[shape](
                rng, i, seed, c)
        for k, part in enumerate(p for p in m.walk() if p.get_content_maintype() == "multipart"):
            part.set_boundary(f"=_anci_{seed}_{i}_{k}_{rng.getrandbits(32):08x}")  # reproducible bytes
        yield m.as_bytes(policy=SMTP)


def generate(n: int, seed: int = 0) -> list[bytes]:
    return list(iter_messages(n, seed))


def write_maildir(path: Path, n: int, seed: int = 0) -> int:
    """Write the messages into a Maildir at PATH (created), one file each in new/; return N."""
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(iter_messages(n, seed)):
        (path / "new" / f"{1580976000 + i}.M{i}P{seed}.gen").write_bytes(data)
    return n


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    msgs = generate(count, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(f"{len(msgs)} messages, {sum(map(len, msgs)) / 1024:.0f} KiB, {len(set(msgs))} distinct")
