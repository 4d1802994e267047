"""How many new MSNA places a reply offers.

A figure counts only in a place phrase ("12 posti", "ulteriori otto", "da 6 a 14 posti",
"tra 8 e 12", "sino a un massimo di 10", "una decina", a table row for minors), never as a
bare number, so protocol numbers, dates, phones, CAPs, deliberations, project codes and euro
amounts fall out by construction. A figure nearer to another target (adults, families,
ordinary or CAS places) than to minors is dropped; a sentence that admits an error
("per mero errore") does not vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .numbers import APPROXIMATIONS, value, word_pattern
from .text import Needles, at_words, drop_questions, lower, sentences


@dataclass(frozen=True)
class Figure:
    kind: str  # corrected, increment, total, current, range, up_to, approx, doubled, places, minors
    value: int
    start: int
    end: int
    low: int | None = None  # a range's or expansion's first figure


@dataclass
class Places:
    places: int | None = None
    total: int | None = None
    current: int | None = None
    flags: list[str] = field(default_factory=list)
    figure: Figure | None = None


# Target words, lower case (text.lower): minors, and the other targets a figure may belong to.
MSNA_TERMS = at_words(r"\bminor[eis]|\bmsna\b|\bragazz|minderj|\bminorenni|\badolescent|\bunaccompanied|\bmineurs\b")
OTHER_TERMS = at_words(
    r"\badult|\bneomaggiorenn|(?<!casa\s)(?<!case\s)\bfamigli|\bnucle[io]|\bordinari|\bcas\b|\bdisagio mentale|\bdisabil|\bdonne\b"
    r"|\bvulnerabil|\bposti ordinari")  # every alternative at a word start: tried only at word edges
# "vi daremo il numero esatto entro marzo": a right figure still to come corrects nothing.
PROMISED = r"(?![^.;\n]{0,40}?\b(?:entro|appena|a\s+breve|quanto\s+prima|in\s+seguito|successivamente|prossim\w*|dipender\w*|sar[aà]\s+(?:definit|stabilit|comunicat|quantificat)\w*|verr[aà])\b)"
ERROR_TERMS = at_words(r"\bper mero errore|\b(?:ci\s+siamo|mi\s+sono)\s+sbagliat|\b(?:ho|abbiamo)\s+sbagliato|\berroneamente|\berrore materiale|\banzich[eé]\b|\bper errore|\bci\s+scusiamo(?!\s+per\s+(?:il|l[ao]|i)\s+(?:ritardo|disagi))"
                         r"|\babbiamo\s+(?:scritto|indicato)|\brefuso\b|\bnumero\s+(?:giusto|corretto|esatto)" + PROMISED)
_WORTH = at_words(r"\d|posti|pl[äa]tz|unit[àa]|ulterior|decina|ventina|dozzina|minori|ragazz|msna|minorenni|\bcirca\b|places|minors|mineurs|pl[äa]tzen")


@cache
def patterns() -> list[tuple[str, re.Pattern[str], Needles | None]]:
    """(kind, phrase, gate): the place phrases (lower case), compiled once; a figure is digits or a word that
    numbers.value() reads. The gate holds words every alternative of the phrase needs: a sentence without
    them is not scanned for it (most phrases start at any figure, and sentences are full of dates)."""
    word = rf"(?:{word_pattern()})"  # a number word: any other word fails at its first letters
    num = rf"(?:n\.\s*|nr\.?\s*|numero\s+)?(\d{{1,4}}\b|{word}\b)(?:\s*\(\s*(?:[^\W\d_]{{3,20}}|\d+)\s*\))?"
    posti = r"(?:nuovi\s+|ulteriori\s+|additional\s+|new\s+)?(?:posti|plätze|plaetze|plätzen|unità|unita|places)"
    approx = "|".join(APPROXIMATIONS)
    return [
        ("corrected", re.compile(rf"\b(?:numero|dato|cifra)\s+(?:\w+\s+)?(?:giusto|corretto|esatto|effettivo|reale)\b[^.;]{{0,120}}?"
                                 rf"\b(?:è|e'|sono|sar[aà]|pari\s+a)\s+{num}|\bleggasi\s+{num}"
                                 rf"|\b(?:è|e'|sono|saranno)\s+{num}\s*(?:{posti}\s*)?(?:,\s*|\s+e\s+)non\s+(?:i\s+|gli\s+)?(?:\d+|{word})\b"
                                 rf"|\b{num}\s+(?:{posti}\s+)?(?:anzich[eé]|invece\s+(?:che|di|dei))\s+(?:i\s+|gli\s+)?(?:\d+|{word})\b"), Needles("giusto", "corretto", "esatto", "effettivo", "reale", "leggasi", "anzich", "invece", "non")),
        ("per_unit", re.compile(rf"\b{num}\s+{_UNITS}\b[^.;:\d]{{0,60}}?\bda\s+{num}\s+{posti}\s*,?\s*(?:ciascun\w*|ognun\w*|cadaun\w*)"
                                rf"|\b{num}\s+{_UNITS}\b[^.;:\d]{{0,25}}?\b(?:ciascun\w*|ognun\w*)\s+(?:con\s+|da\s+|di\s+)?(?:una\s+)?"
                                rf"(?:capienza\s+(?:massima\s+)?(?:di\s+)?)?{num}\s+(?:{posti}|minori|ragazz\w+|msna)"
                                rf"|\b{num}\s+{_UNITS}\s+da\s+{num}\s+{posti}(?:\s*(?:ciascun\w*|ognun\w*|cadaun\w*|l'un[oa]\b))?"
                                rf"|\b{num}\s+{posti}\s+(?:per|in)\s+(?:ciascun[oa]|ognun[oa])\s+(?:de(?:i|gli|lle)\s+)?{num}\s+{_UNITS}"
                                rf"|\b{num}\s+{_UNITS}\s*[x×]\s*{num}\s+{posti}"
                                rf"|\b{num}\s+{_UNITS}\b[^.;:\d]{{0,140}}?\b(?:ciascun[oa]|ognun[oa])\s+(?:de(?:i|lle|gli)\s+quali\s+)?(?:pu[oò]|potr[aà]|potrebbe)\s+(?:ospitare|accogliere)\s+{num}\s+(?:{posti}|minori|ragazz\w+|msna)"), Needles("ciascun", "ognun", "cadaun", "l'un", "struttur", "comuni", "appartament", "alloggi", "moduli", "gruppi",
                                          "case", "sedi")),
        ("plus", re.compile(rf"\b\d{{1,3}}(?:\s*\+\s*\d{{1,3}})+\s*{posti}"), Needles("+")),
        ("sum", re.compile(rf"\bda\s+{num}\s+(?:{posti}\s+)?e\s+(?:uno|una|un\s+altro|un'altra|l'altro|l'altra)\s+da\s+{num}"), Needles("un", "l'")),
        ("expansion", re.compile(rf"\bda(?:i|gli|l)?\s+(?:attuali\s+)?{num}\s+(?:posti\s+)?(?:a|ad|ai|agli|fino\s+a)\s+(?:complessivi\s+|un\s+totale\s+di\s+)?{num}(?:\s+posti)?"), Needles("da")),
        ("range", re.compile(rf"\b(?:tra|fra)\s+(?:i\s+|gli\s+|le\s+)?{num}\s+e\s+(?:i\s+|gli\s+|le\s+)?{num}(?!\s*(?:anni|enni|mesi|euro|€|%))(?:\s+{posti})?"), Needles("tra", "fra")),
        ("range", re.compile(rf"\b{num}\s*[-–/]\s*{num}\s+(?:{posti}|minori|ragazz\w*|msna)"), Needles("-", "–", "/")),
        ("up_to", re.compile(rf"\b(?:(?:fino|sino)\s+ad?\s+(?:un\s+)?(?:massimo\s+di\s+)?|(?:al\s+)?massimo\s+(?:di\s+)?)una?\s+({approx})\b"  # 'al massimo una quindicina'
                             rf"|\b(?:fino|sino)\s+ad?\s+(?:un\s+)?(?:massimo\s+di\s+)?{num}(?!\s+{posti}\s+(?:complessiv|totali|in\s+totale))|\bmassimo\s+(?:di\s+)?{num}"
                             rf"|\bnon\s+oltre\s+(?:i\s+)?{num}"), Needles("fino", "sino", "massimo", "oltre")),
        ("at_least", re.compile(rf"\b(?:almeno|non\s+(?:meno\s+di|inferiore\s+a)|un\s+minimo\s+di|minimo\s+(?:di\s+)?)\s*(?:(?:n\.\s*)?{posti}\s+)?{num}"),
         Needles("almeno", "meno", "inferiore", "minimo")),
        ("approx", re.compile(rf"\b(?:una?|circa\s+una?)\s+({approx})\b|\bcirca\s+{num}\s+{posti}"), Needles("circa", *APPROXIMATIONS)),
        ("increment", re.compile(rf"\bulteriori\s+{num}|\b{num}\s+ulteriori\s+{posti}|\b(?:con\s+)?altri\s+{num}|\b(?<=(?<![\d+])\+){num}(?!\s*\d)|\b(?<=(?<![\d+])\+\s){num}(?!\s*\d)"
                                 rf"|\b{num}\s+in\s+pi[uù]\b|\b{num}\s+{posti}\s+(?:aggiuntiv\w+|in\s+pi[uù]|ulteriori"
                                 rf"|in\s+ampliamento)|\b(?:ampli[aeo]\w*|increment\w*|aument\w*|potenz\w*|cresc\w*)\s+(?:(?!attual|oggi\b|capienz|total|complessiv)[^\s.;:]+\s+){{0,8}}?di\s+(?:ulteriori\s+)?{num}|\baggiuntiv\w+\s+(?:di|da)\s+{num}|\bby\s+(?:a\s+further\s+|another\s+|further\s+)?{num}\s+(?:additional\s+|more\s+|further\s+)?(?:places|minors)|\b(?:a\s+)?further\s+{num}\s+(?:places|minors)|\baggiung\w*\s+(?:altri\s+)?{num}\s+{posti}|\bne\s+aggiung\w*\s+(?:altri\s+)?{num}|\b{num}\s+(?:{posti}\s+)?(?:in\s+)?pi[uù]\s+(?:di|rispetto\s+ad?)\s+(?:oggi|ora|adesso|quelli\s+attuali)|\b(?:ampli[aeo]\w*|increment\w*|aument\w*)\b[^.;]{{0,60}}?\bpari\s+a\s+{num}|\b(?:ampliament\w*|incremento|aumento)\s+{num}"
                                 rf"(?!\s+(?:a|al|alle|ai)\b)"), Needles("ulterior", "altri", "+", "piu", "più", "aggiun", "ampli", "increment",
                                                "aument", "potenz", "cresc", "by", "further")),
        ("doubled", re.compile(rf"\braddoppi\w*\s+(?:(?:gli|i|i\s+nostri|gli\s+attuali)\s+)?(?:attuali\s+)?{num}\s+{posti}"), Needles("raddopp")),
        ("total", re.compile(rf"\b(?:capacit[aà]|capienza)\s+(?:complessiva|totale)\s+(?:del\s+progetto\s+)?(?:a|di|pari\s+a)\s+{num}"
                             rf"|\ba\s+{num}\s+{posti}\s+(?:complessiv\w+|totali|in\s+totale|in\s+tutto)"
                             rf"|\b(?:fino|sino)\s+a\s+(?:complessivi|un\s+totale\s+di|totali)\s+{num}|\b(?:fino|sino)\s+a\s+{num}\s+{posti}\s+(?:complessiv\w+|totali|in\s+totale)"
                             rf"|\bper\s+(?:complessivi|un\s+totale\s+di)\s+{num}(?!\s+{posti})|\b(?:elev|innalz)\w*\s+(?:la\s+quota|il\s+numero|la\s+capienza|i\s+posti)\s+(?:\w+\s+){{0,3}}?a\s+{num}|\b(?:arriv|sal)\w*\s+(?:complessivamente\s+|in\s+totale\s+|cos[iì]\s+)?(?:fino\s+)?a\s+(?:complessivi\s+)?{num}(?:\s+{posti}|(?=\s*(?:[.;]|$))|(?=\s+in\s+tutto\b))|\bper\s+(?:arrivare|salire|passare)\s+a\s+(?:complessivi\s+)?{num}|\bbring\w*\s+(?:the\s+total|it|the\s+project|the\s+places)\s+(?:up\s+)?to\s+{num}|\b(?:arriv|sal)\w*\s+a\s+{num}\s+(?=(?:l'anno|nel\s+20\d\d|a\s+regime|in\s+seguito|pi[uù]\s+avanti|successivamente)\b)|\bport\w+\s+(?:il\s+progetto|i\s+posti|la\s+capienza|il\s+totale)?\s*a\s+{num}"
                             rf"|\bport\w+\s+(?:la\s+capienza|il\s+progetto|i\s+posti)\s+(?:\S+\s+){{0,8}}?a\s+(?:complessivi\s+)?{num}\s+{posti}"
                             rf"|\ba\s+un\s+totale\s+di\s+{num}"), Needles("capacit", "capienz", "complessiv", "total", "tutto", "fino", "sino", "elev", "innalz", "arriv", "sal",
                                         "passare", "port", "bring")),
        ("current", re.compile(rf"\b(?:con|da|di)\s+{num}\s+{posti}\s+(?:attiv\w+|attuali|gi[aà]\s+attiv\w+|in\s+essere)"
                               rf"|\b(?:attuali|attualmente(?:\s+attivi|\s+sono|\s+conta)?)\s+{num}(?!\s+(?:a|ad|ai)\s)|\b{num}\s+{posti}\s+(?:oggi\s+)?(?:attualmente\s+)?(?:attivi|esistenti|in\s+essere)"
                               rf"|\bposti\s+(?:\w+\s+){{0,2}}attualmente\s+(?:attivi|occupati|finanziati)\s+(?:è|e'|sono)\s+(?:pari\s+a\s+)?{num}"
                               rf"|\b(?<!mai\s)(?<!non\s)(?:gestisce|gestiamo|gestito)\s+(?:(?!ulterior|aggiuntiv|nuov[oiae]\b|in\s+pi[uù])[^.]){{0,90}}?\b(?:con|da|di|per)\s+{num}\s+(?:{posti}|minori|ragazz\w+|msna)"
                               rf"|\b(?:oggi|attualmente)\s+(?:conta|ha|dispone\s+di|gestisce|di)\s+{num}\s+{posti}|\b(?:oggi|attualmente)\s+(?:accoglie|ospita|accogliamo|ospitiamo)\s+{num}\s+(?:{posti}|minori|ragazz\w+|msna)|\boggi\s+(?:sono\s+|ne\s+ha\s+|ne\s+conta\s+)?{num}\s*\)|\boggi\s+(?:di\s+)?{num}\s+{posti}|\b(?:agli|ai|alle)\s+{num}\s+(?:{posti}\s+)?(?:esistenti|attuali|gi[aà]\s+attivi|in\s+essere)|\b(?:attualmente|oggi)\b[^.;]{{0,60}}?\b(?:accoglie|ospita)\s+{num}\s+(?:{posti}|minori|ragazz\w+|msna)|\bprogett\w+\s+[^.;]{{0,40}}?\bconta\s+{num}\s+{posti}|\bconta\s+(?:oggi|attualmente|ad\s+oggi)\s+{num}\s+{posti}|\btitolare\s+[^.]{{0,90}}?\b(?:con|da|di|su)\s+{num}\s+{posti}"
                               rf"|\b(?:titolare\s+(?:di\s+|del\s+)?|(?:ospit|gestisc|gestiamo|ha\b|abbiamo|conta|dispone)\w*\s+gi[aà]\s+(?:di\s+)?)(?:un|il)\s+progett\w*[^.,;]{{0,60}}?\b(?:da|di|con|per|su)\s+{num}\s+(?:{posti}|minori|msna|ragazz\w+)"
                               rf"|\barticolat\w+\s+su\s+{num}\s+{posti}|\b(?:articolat|suddivis|compost)\w*\s+in\s+[^.]{{0,120}}?\b{num}\s+{posti}\s+per\s+(?:i\s+)?(?:msna|minori)"), Needles("attiv", "attual", "essere", "esistent", "gest", "oggi", "conta", "titolare", "articolat", "suddivis",
                                           "compost", "gia", "già")),
        ("places", re.compile(rf"\b{num}\s+{posti}|\bne\s+(?:prend|accogl|ospit)\w*\s+(?:volentieri\s+|anche\s+)?(\d{{1,3}})\b|\bok\s+per\s+{num}(?=\s*(?:[.;,!]|$))|\bposti\s*(?:[:=]|pari\s+a|n\.)\s*{num}"
                              rf"|\bposti\s+(?:(?!gi[aà]\b|attual|oggi\b|esistent|occupat|attiv)\w+\s+){{0,2}}?(?:saranno|sarebbero|potrebbero\s+essere)\s+{num}"
                              rf"|\bnumero\s+(?:\w+\s+)?di\s+posti\b[^.]{{0,80}}?\b(?:è|e'|sar[aà]|pari\s+a)\s+(?:di\s+)?{num}"
                              rf"|\bcapienza\s+(?:\w+\s+)?di\s+{num}"), Needles("posti", "plätz", "plaetz", "unità", "unita", "ne", "ok", "capienza", "places")),
        ("minors", re.compile(rf"\b{num}\s+(?:minori|ragazz\w+|msna|(?:unaccompanied\s+)?minors|mineurs|jeunes|minderj\w+)\b"), Needles("minori", "ragazz", "msna", "minors", "mineurs", "jeunes", "minderj")),
        ("percent", re.compile(r"\b(?:increment|aument|ampliament)\w*\s+del\s+(\d{1,3})\s*%"), Needles("%")),
        ("part", re.compile(rf"\b{num}\s+(?:{posti}\s+)?(?:per|destinati\s+a|riservati\s+a)\s+(?:i\s+)?(?:minori|msna|ragazz\w*)"), None),
    ]


_UNITS = r"(?:strutture|comunit[aà](?:\s+alloggio)?|comuni|appartamenti|alloggi|moduli|gruppi\s+appartamento|case(?:\s+famiglia)?|sedi)"
# Every alternative of a pattern starts at a word boundary (a '+' is looked behind): the engine then tries the
# alternatives only at word edges, several times faster.
_NEGATED = at_words(r"\bnon\b(?!\s+accompagnat)[^.;:,]*$")  # 'minori stranieri non accompagnati' negates nothing
_COPULA = re.compile(r"(?:è|e'|sono|saranno)\s")
_OF_PLACES = re.compile(r"\b(?:posti|minori|ragazz|msna|numero|dato|cifra)")
_SUBSET = at_words(r"\bdi\s+cui\s+(?:n\.\s*)?$")
# "quattro strutture da otto posti ciascuna": a per-unit figure, not the offer.
# "risultano in carico ai servizi 14 minori, collocati in comunità": minors counted today, not places offered.
_IN_CARE = at_words(r"\bin\s+carico\b|\bcollocat\w*|\bospitat[io]\b|\baccolt[io]\b|\bpresenti\s+(?:sul|nel)\s+territorio")
_EACH = re.compile(r"\s*(?:ciascun\w*|ognun\w*|cadaun\w*|per\s+(?:ogni\s+)?(?:struttura|appartamento|alloggio|modulo)\b|l'un[oa]\b)")


def _target_is_other(text: str, start: int, end: int) -> bool:
    """True when the nearest target word around the figure is not minors."""
    lo, hi = max(0, start - 90), min(len(text), end + 60)
    window = text[lo:hi]

    def nearest(rx: re.Pattern[str]) -> int:
        d = [min(abs(lo + m.start() - start), abs(lo + m.start() - end)) for m in rx.finditer(window)]
        return min(d) if d else 10_000

    other = nearest(OTHER_TERMS)
    return other < 10_000 and other < nearest(MSNA_TERMS)


def _val(groups: tuple[str | None, ...]) -> list[int]:
    out = []
    for g in groups:
        if g is None:
            continue
        v = APPROXIMATIONS.get(g.lower()) or value(g)
        if v is not None:
            out.append(v)
    return out


def _pick(kind: str, vals: list[int]) -> int:
    """An expansion's figure is its last ('da 6 a 10'), a correction's its first ('sono 6 e non 4'), else the largest."""
    return vals[-1] if kind == "expansion" else vals[0] if kind == "corrected" else max(vals)


def find_figures(text: str) -> tuple[list[Figure], bool]:
    """Place figures in a text, and whether a sentence admits an earlier error (matched in lower case)."""
    figures: list[Figure] = []
    corrected = False
    asked = drop_questions(text)  # a figure asked about is not offered
    text, asked_low = lower(text), lower(asked)
    for off, sent in sentences(asked):
        sent = asked_low[off:off + len(sent)]
        if not _WORTH.search(sent):
            continue
        wrong = bool(ERROR_TERMS.search(sent))
        corrected = corrected or wrong
        taken: list[tuple[int, int]] = []
        for kind, rx, gate in patterns():
            if kind == "part" and not OTHER_TERMS.search(sent):
                continue  # a share counts only beside another target's share ('di cui 4 per minori' alone is a subset)
            if gate is not None and not gate.search(sent):
                continue  # a cheap test before a pattern that starts at every figure
            if wrong and kind != "corrected":
                continue  # a sentence that admits an error votes only with its corrected figure
            for m in rx.finditer(sent):
                s, e = off + m.start(), off + m.end()
                if any(s < te and e > ts for ts, te in taken):
                    continue
                vals = _val(m.groups()) if kind != "plus" else [sum(int(d) for d in re.findall(r"\d+", m.group()))]
                if not vals or max(vals) == 0 or max(vals) > 2000:
                    continue
                if _SUBSET.search(text, max(0, s - 12), s):
                    continue  # 'per dodici minori, di cui 4 posti riservati a ...': a share, not the offer
                if kind == "corrected" and _COPULA.match(sent, m.start()) and not _OF_PLACES.search(sent, max(0, m.start() - 100), m.start()):
                    continue  # 'le camere sono tre e non quattro': a correction of something else than the places
                if kind == "minors" and _IN_CARE.search(sent):
                    continue  # a count of the minors in care is no offer
                if kind == "current" and _NEGATED.search(text, max(0, s - 40), s):
                    continue  # 'non è titolare di progetti': no project today, so no current figure
                if _in_row(text, s) or _target_is_other(text, s, e) or _EACH.match(text, e):  # rows: table_figures
                    taken.append((s, e))
                    continue
                taken.append((s, e))
                low = vals[0] if len(vals) > 1 and kind in ("expansion", "range") else None
                k = kind
                if kind == "per_unit":  # units times places per unit: a plain figure of places
                    k, vals = "places", [vals[0] * vals[-1]]
                elif kind == "sum":  # one unit of N and another of M
                    k, vals = "places", [vals[0] + vals[-1]]
                elif kind == "plus":  # '4+4+2 posti', summed above
                    k = "places"
                figures.append(Figure(k, _pick(k, vals), s, e, low))
    figures.extend(table_figures(text))
    figures.extend(field_figures(text))
    return figures, corrected


_ROW_SPLIT = re.compile(r"\s*[|\t]\s*")


# 'Posti aggiuntivi richiesti: 4' on a line of its own, or the label on one line and the figure alone on the
# next (a table's cells as a plain-text part writes them): a form's field, read by its label.
_FIELD = re.compile(r"^[ \t]*([^:\s](?:[^:\n]{1,78}?[^:\s])?)[ \t]*(?::[ \t]*\n?[ \t]*|\n[ \t]*)(\d{1,4})[ \t]*$", re.M)  # label ends on a
# non-blank, so a line of blanks (a forwarded header blanked out) costs one step, not a cube of them


def _in_row(text: str, at: int) -> bool:
    """True when `at` lies in a table row (two or more cell separators) or a form field ending in a figure:
    '40<TAB>0<TAB>40' or 'Posti attuali: 8' followed by 'MSNA' or 'Posti' on the next line is no phrase."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return line.count("\t") + line.count("|") >= 2 or bool(_FIELD.match(text, start))


def field_figures(text: str) -> list[Figure]:
    """Form fields: the label says current, increment or total; a label of places or minors is a plain figure."""
    if ":" not in text:
        return []
    out = []
    for m in _FIELD.finditer(text):
        label, v = m.group(1).lower(), int(m.group(2))
        if OTHER_TERMS.search(label) and not MSNA_TERMS.search(label) or not v:
            continue
        kind = next((k for k, rx in _COLUMNS if rx.search(label)), None)
        if kind is None and ("posti" in label or MSNA_TERMS.search(label)):
            kind = "places"
        if kind:
            out.append(Figure(kind, v, m.start(), m.end()))
    return out
# Column headers, tested in this order: "Totale dopo l'ampliamento" is a total, "Posti oggi" current.
_COLUMNS = (("total", re.compile(r"^\s*total|complessiv|dopo|a regime")),
            ("increment", re.compile(r"ampliament|aggiuntiv|nuovi|ulterior|richiest|aggiung|in pi[uù]|incremento|da attivare")),
            ("current", re.compile(r"attual|esistent|in essere|attiv|oggi")))


def sentence_at(text: str, at: int) -> tuple[int, int]:
    """The span of the sentence holding offset AT."""
    return next(((off, off + len(sent)) for off, sent in sentences(text) if at < off + len(sent)), (at, at))


def _for_minors(labels: list[str]) -> bool:
    """A row's words (its cells that are no figure: a code, a category) name minors and no other target."""
    return any(MSNA_TERMS.search(c) for c in labels) and not any(OTHER_TERMS.search(c) for c in labels)


def table_figures(text: str) -> list[Figure]:
    """A table with place columns (current / increment / total) and a row for minors."""
    if "|" not in text and "\t" not in text:
        return []  # a row has two cell separators at least
    lines = text.split("\n")
    header: list[str] | None = None
    out: list[Figure] = []
    pos = 0
    for line in lines:
        cells = _ROW_SPLIT.split(line.strip())
        if len(cells) >= 3:
            low = [c.lower() for c in cells]
            if header is None and (any("posti" in c or "total" in c for c in low)
                                   or sum(any(rx.search(c) for _, rx in _COLUMNS) for c in low[1:]) >= 2):
                header = low
            elif header is not None and _for_minors([c for c in low if value(c) is None]):
                for h, c in zip(header[1:], cells[1:]):
                    v = value(c)
                    if v is None:
                        continue
                    kind = next((k for k, rx in _COLUMNS if rx.search(h)), None)
                    if kind is None:
                        continue
                    out.append(Figure(kind, v, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def choose(figures: list[Figure], expansion: bool, offered: tuple[int, int] | None = None) -> Places:
    """The offer: an increment first, then a from-to, a range or an 'up to', then a plain figure.

    Among several plain figures, the one of the sentence that makes the offer (OFFERED: its span) is the
    offer; the others describe ('un centro diurno da 25 posti ... si comunica la disponibilità per 6 posti')."""
    p = Places()
    by: dict[str, list[Figure]] = {}
    for f in figures:
        by.setdefault(f.kind, []).append(f)
    first = {k: v[0] for k, v in by.items()}
    if "corrected" in first:
        p.places, p.figure = first["corrected"].value, first["corrected"]
    if "current" in first:
        p.current = first["current"].value
    if "total" in first:
        p.total = first["total"].value
    if "expansion" in first and p.places is None:
        f = first["expansion"]
        if expansion and f.low is not None and f.value > f.low:
            p.current, p.total, p.places, p.figure = f.low, f.value, f.value - f.low, f
        else:
            p.places, p.figure = f.value, f
            p.flags.append("range")
    if p.places is None and "increment" in first:
        p.places, p.figure = first["increment"].value, first["increment"]
    if p.places is None and "doubled" in first:  # 'raddoppiare gli attuali 5 posti': as many again
        p.places, p.figure = first["doubled"].value, first["doubled"]
        p.current = p.current or p.places
        p.total = p.current + p.places
    if p.places is None:
        for kind, flag in (("range", "range"), ("up_to", "up to"), ("approx", "approximate figure"), ("at_least", "a minimum")):
            if kind in first:
                p.places, p.figure = max(f.value for f in by[kind]), first[kind]
                p.flags.append(flag)
                break
    if p.places is None and expansion and p.total is not None and p.current is not None and p.total > p.current:
        p.places = p.total - p.current
        p.figure = first["total"]
    if p.places is None and "percent" in first and p.current:  # 'un incremento del 50% dei posti attuali (oggi 8)'
        p.places, p.figure = round(p.current * first["percent"].value / 100), first["percent"]
        p.total = p.current + p.places
        p.flags.append("computed from a percentage")
    if p.places is None and "part" in first:
        p.places, p.figure = first["part"].value, first["part"]
    if p.places is None:
        for kind in ("places", "minors"):
            cands = [f for f in by.get(kind, []) if f.value not in (p.current, p.total)]
            mine = [f for f in cands if offered and offered[0] <= f.start < offered[1]]
            if len({f.value for f in mine}) == 1 and len(mine) < len(cands):
                cands = mine
            if cands:
                p.places, p.figure = cands[0].value, cands[0]
                if len({f.value for f in cands}) > 1 and kind == "places":
                    totals = [f for f in cands if f.value == max(x.value for x in cands)]
                    p.places, p.figure = totals[0].value, totals[0]
                    p.flags.append("one of several figures")
                break
    if p.places is None and not expansion and p.total is not None:
        p.places, p.figure = p.total, first["total"]
    if not expansion and p.total and p.places and p.total != p.places and p.figure is not first.get("total"):
        p.flags.append("one of two figures: a later total differs")  # 'partire con 6 posti e arrivare a 10 l'anno prossimo'
    for kind, flag in (("up_to", "up to"), ("at_least", "a minimum")):
        if kind in first and flag not in p.flags and p.figure is not None and first[kind].value == p.places:
            p.flags.append(flag)
    return p
