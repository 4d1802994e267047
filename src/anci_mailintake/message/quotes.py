"""Split a mail body into the sender's new text and the quoted or forwarded history below it.

Italian and English client markers are recognised ("Il giorno … ha scritto:", "-----Messaggio
originale-----", an Outlook "Da: … Inviato: … A: … Oggetto:" block, "> " lines, "Messaggio
inoltrato", "Inizio messaggio inoltrato:"). ANCI's own letter of 5 February 2020 is recognised by
a few distinctive phrases, so a quoted or returned copy never counts as the Comune's answer.
"""

from __future__ import annotations

import re

_FORWARD = re.compile(
    r"^\s*(-{2,}\s*(messaggio inoltrato|forwarded message|original message forwarded|mensaje reenviado)\s*-{2,}"
    r"|(inizio messaggio inoltrato|begin forwarded message)\s*:?"
    r"|-{2,}\s*(inoltrato|forward)\s*-{2,})\s*$", re.I)
_QUOTE = re.compile(
    r"^\s*(-{2,}\s*(messaggio originale|original message|messaggio originario)\s*-{2,}\s*$"
    r"|_{10,}\s*$(?=\n\s*\*?(da|from)\s*:)"
    r"|(il|in data|on|le)\b.{0,200}\b(ha scritto|hanno scritto|wrote|a écrit)\s*:\s*$)", re.I | re.S)
_RETURNED = re.compile(
    r"^\s*-*\s*(this is a copy of the message|the original message was|original message follows|"
    r"below this line is a copy of the message|copia del messaggio originale|il messaggio originale segue)",
    re.I)
_HEAD_FROM = re.compile(r"^\s*\*?(da|from|de|mittente)\s*:\*?\s*\S", re.I)
_HEAD_DATE = re.compile(r"^\s*\*?(inviato|sent|data|date|inviato il|envoyé)\s*:", re.I)
_HEAD_SUBJ = re.compile(r"^\s*\*?(oggetto|subject|objet)\s*:", re.I)
_QUOTED_LINE = re.compile(r"^\s*>")
_RULE = re.compile(r"^\s*(_{5,}|-{5,})\s*$")

ANCI_LETTER_PHRASES = (
    "sono pertanto a chiederti", "volerci indicare la tua volontà", "sindaco di prato", "matteo biffoni",
    "delegato anci all'immigrazione", "non ha carattere vincolante", "diventi nel tempo il circuito",
    "16 w/lp/di/co", "accesso.siproimi@cittalia.it", "06 76980819", "a tutti i sindaci",
    "riunitasi lo scorso 28 gennaio", "decreto del 18 novembre 2019",
)


def _norm(text: str) -> str:
    text = re.sub(r"(?m)^[ \t>]+", "", text.lower())
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("a'", "à")
    return " ".join(text.split())  # the phrases neither start nor end with a space


def is_anci_letter(text: str, needed: int = 3) -> bool:
    """True when a text carries ANCI's letter: at least `needed` of its distinctive phrases."""
    norm = _norm(text)
    return sum(1 for p in ANCI_LETTER_PHRASES if p in norm) >= needed


def _header_block(lines: list[str], i: int) -> bool:
    """An Outlook-style 'Da: … Inviato: … Oggetto:' block starting at line i."""
    if not _HEAD_FROM.match(lines[i]):
        return False
    window = lines[i + 1: i + 8]
    return any(_HEAD_DATE.match(x) for x in window) and any(_HEAD_SUBJ.match(x) for x in window)


def _marker(lines: list[str], i: int) -> str | None:
    line = lines[i]
    if not line.strip():
        return None
    if _FORWARD.match(line):
        return "forwarded"
    if _RETURNED.match(line):
        return "returned"
    joined = " ".join(x.strip() for x in lines[i: i + 3] if x.strip())
    if _QUOTE.match(line) or (re.match(r"^\s*(il giorno|il|in data|on)\b", line, re.I)
                              and re.match(r"^.{0,250}?(ha scritto|wrote)\s*:", joined, re.I)
                              and not re.search(r"(ha scritto|wrote)\s*:\s*\S", line, re.I)):
        return "quoted"
    if _header_block(lines, i):
        return "quoted"
    return None


_ANSWERED_ABOVE = 20  # words above a quote that make it a top-posted answer: what follows the quote is a footer


def _gt_follows(lines: list[str], i: int) -> bool:
    """The first non-blank line after line i is '> '-quoted."""
    return next((bool(_QUOTED_LINE.match(x)) for x in lines[i + 1:] if x.strip()), False)


def _unquote(lines: list[str]) -> list[str]:
    return [re.sub(r"^\s*>\s?", "", x) for x in lines]


def split(text: str) -> list[tuple[str, str]]:
    """Return [(role, text)] in order: 'body', then 'quoted' / 'forwarded' sections. Never empty.

    A bounce's inline copy of the undelivered message comes back as 'returned', without its marker line.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    segments: list[tuple[str, list[str]]] = [("body", [])]
    role = "body"
    header_until = -1
    answered_below = None  # where a '> '-quoted attribution left the sender's text unquoted around the quote
    i = 0
    while i < len(lines):
        line = lines[i]
        mark = _marker(lines, i) if i > header_until else None
        if mark == "quoted" and role == "body" and _gt_follows(lines, i):
            # 'Il ... ha scritto:' over '> ' lines: those lines are the quote, the others the sender's, written
            # between its paragraphs or below it (unless an answer above makes them a footer: see below)
            if answered_below is None:
                answered_below = len(segments)
            segments += [("quoted", [line]), ("body", [])]
            i += 1
            continue
        if mark:
            role = mark
            segments.append((role, [] if mark == "returned" else [line]))
            header_until = i + 8
            i += 1
            continue
        if _QUOTED_LINE.match(line) and role == "body":
            block = []
            while i < len(lines) and (_QUOTED_LINE.match(lines[i]) or not lines[i].strip()):
                block.append(lines[i])
                i += 1
            segments.append(("quoted", _unquote(block)))
            segments.append(("body", []))
            continue
        segments[-1][1].append(line)
        i += 1
    if answered_below is not None and len(" ".join(segments[0][1]).split()) > _ANSWERED_ABOVE:
        segments = segments[:answered_below] + [("quoted" if r == "body" else r, ls) for r, ls in segments[answered_below:]]
    out: list[tuple[str, str]] = []
    for seg_role, seg_lines in segments:
        if seg_role == "body":
            while seg_lines and (not seg_lines[-1].strip() or _RULE.match(seg_lines[-1])):
                seg_lines.pop()
        body = "\n".join(_unquote(seg_lines) if seg_role != "body" else seg_lines).strip("\n")
        if not body.strip() and (seg_role != "body" or out):
            continue
        if out and out[-1][0] == seg_role:
            out[-1] = (seg_role, out[-1][1] + "\n" + body)
        else:
            out.append((seg_role, body))
    return out or [("body", "")]
