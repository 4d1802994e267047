"""The answer (interested, not interested, undecided) and the mode (new project or expansion).

Phrases are data, grouped by what they mean. A decline is a negation bound to a verb of taking
part ("non è nelle condizioni di avviare", "non ritiene di poter aderire"); a negation bound to
answering ("non siamo in grado di rispondere ora") defers instead. An offer with a condition
("subordinatamente a", "solo se") is undecided. Mode comes from the offer's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


_WS = r"\s+"


def _rx(*phrases: str) -> re.Pattern[str]:
    """One pattern from phrases; a space in a phrase matches any run of white space (wrapped lines)."""
    return re.compile("|".join("(?:" + p.replace(" ", _WS) + ")" for p in phrases), re.I)


_PART = (r"(?:aderire|attivare|avviare|assumere|presentare|partecipare|ampliare|accogliere|ospitare|dare"
         r"|procedere|attivazione|avvio|adesione|aumentare|incrementare|mettere a disposizione|garantire)")
DECLINE = _rx(
    rf"\bnon\b[^.;]{{0,60}}?\b(?:in grado|nelle? condizion\w*|in condizione|possibil\w*|intende|ritiene[^.;]{{0,30}}? di poter"
    rf"|ritiene (?:\w+ )?opportuno|può|potrà|puo'|possiamo|è possibile|e' possibile)\b[^.;]{{0,40}}?\b{_PART}",
    rf"\bnon\s+(?:è|e'|risulta)\s+(?:pertanto\s+|quindi\s+)?possibile\s+{_PART}",
    r"\bnon\s+sussistono\s+(?:al momento\s+|allo stato\s+)?(?:le\s+)?condizioni",
    r"\bnon\s+(?:intende|intendiamo|aderisce|aderir[aà]|aderiremo|parteciper[aà])\b",
    r"\bnon\s+(?:ha|abbiamo|hanno)\s+(?:la\s+)?possibilit[aà]\s+di\s+" + _PART,
    r"\bdeclin\w+\s+(?:l'|il\s+)?(?:invito|proposta|offerta)", r"\bimpossibilitat\w+\s+a",
    r"\bnon\s+(?:è|e')\s+(?:al\s+momento\s+|allo\s+stato\s+)?(?:interessat|disponibil)",
    r"\bnessuna\s+disponibilit[aà]", r"\bnon\s+disponibil",
)
DEFER = _rx(
    r"\bnon\b[^.;]{0,40}\b(?:in grado|possibile)\s+di\s+(?:rispondere|esprimer\w+|fornire (?:un )?riscontro|decidere)",
    r"riserv\w+\s+di\s+valutar", r"sottopost\w+\s+all'esame", r"\bprima\s+di\s+(?:assumere|prendere)\s+(?:una\s+)?decision",
    r"vi\s+faremo\s+pervenire", r"(?:faremo|sar[aà]\s+nostra\s+cura)\s+(?:comunicar|far\s+sapere|inviar)",
    r"\bricognizione\b", r"\b(?:chiarimento|chiarimenti|informazioni|delucidazioni)\b",
    r"\bvalutar\w*\s+(?:con\s+attenzione\s+)?(?:l'|la\s+|un\s+)?(?:possibilit|attivazion|ampliament|propost|opportunit)",
    r"\bin\s+fase\s+di\s+valutazione", r"\bsi\s+riserva\b", r"\bstiamo\s+valutando", r"\brinvi\w+\s+(?:la\s+)?decisione",
    r"\bincontro\b", r"\?\s*$", r"\bprima di esprimer", r"\bapprofondire (?:la|il|l')",
    r"\b(?:si )?chied\w* di conoscere", r"\bchiediamo (?:la possibilit|di sapere|di conoscere)",
)
CONDITION = _rx(r"\bsubordinatament\w*", r"\ba\s+condizione\s+che", r"\bpurch[eé]\b", r"\bsolo\s+(?:se|qualora)",
                r"\bqualora\s+(?:venga|vengano|fosse|fossero|sia|siano)\s+(?:garantit|copert|assicurat)",
                r"\bin\s+tal\s+caso\b")
OFFER = _rx(
    r"\bdisponibil\w*\s+(?:ad?|all'|alla|allo|per|ad\s+un|a\s+un)", r"\bconferm\w+\s+(?:la\s+)?(?:propria\s+)?disponibilit",
    r"\b(?:manifest|espri|comunic|conferm)\w*\s+(?:il\s+|l')?(?:proprio\s+)?interesse",
    r"\binteress[ea]\s+(?:del\s+comune|di\s+questa|dell'amministrazione|all'|alla|ad|a\s+)",
    r"\b(?:è|e'|siamo|sono|risulta)\s+(?:fortemente\s+)?interessat\w+\s+(?:ad?|all|alla)\b(?!\s*valutar)",
    r"\bintend\w+\s+(?:procedere|presentare|attivare|ampliare|aderire|candidar)",
    r"\bsaremmo\s+(?:quindi\s+)?disponibil", r"\bpotremmo\s+attivare", r"\bist\s+bereit", r"\bindirizzo\s+favorevole",
    r"\bparere\s+favorevole", r"\baderisce\b", r"\bdisponibilit[aà]\s+(?:del\s+comune|ad?|all|alla)",
    r"\bcomunica\s+(?:la\s+)?(?:propria\s+)?disponibilit",
)
CONSIDER = _rx(r"\binteressat\w+\s+a\s+valutar", r"\bintend\w+\s+valutar", r"\bsta\s+valutando", r"\bvalutando\b")

NEW = _rx(r"\bnuov[oi]\s+progett", r"\bprimo\s+progetto", r"\bneues?\b", r"\b(?:attivazione|avvio)\s+di\s+(?:un\s+)?progett",
          r"\b(?:attivare|avviare)\s+un\s+progetto")
EXPANSION = _rx(r"\bamplia\w*", r"\bincrement\w+", r"\bulteriori\s+(?:\d+|\w+)\s*(?:\(\w+\)\s*)?posti", r"\bposti\s+aggiuntivi",
                r"\bda\s+\d+\s+a\s+\d+\s+posti", r"\baumento\s+(?:dei|di)\s+posti", r"\bprogetto\s+(?:già\s+)?in\s+essere",
                r"\bgi[aà]\s+(?:attivo|titolare\s+(?:del|di\s+un)\s+progetto\s+siproimi\s+(?:per|dedicato))")


# "minori stranieri non accompagnati" holds a 'non' that negates nothing.
_NOT_A_NEGATION = re.compile(r"\bnon\s+accompagnat\w*", re.I)


@dataclass
class Answer:
    intent: str | None
    mode: str | None
    rule: str
    span: tuple[int, int]
    conditional: bool = False


def decide(text: str) -> Answer:
    """Intent and mode of one text (the sender's own words)."""
    text = _NOT_A_NEGATION.sub(lambda m: " " * len(m.group()), text)
    decline = DECLINE.search(text)
    offer = OFFER.search(text)
    defer = DEFER.search(text)
    consider = CONSIDER.search(text)
    condition = CONDITION.search(text)
    if decline and not (offer and offer.start() > decline.end() and "ma " in text[decline.end():offer.start()]):
        return Answer("not_interested", None, "answer.decline", decline.span())
    if offer and not consider:
        intent, rule, m = ("undecided", "answer.conditional", condition) if condition else ("interested", "answer.offer", offer)
    elif consider or offer or defer:
        m = consider or offer or defer
        intent, rule = "undecided", "answer.defer"
    else:
        return Answer(None, None, "", (0, 0))
    return Answer(intent, mode_of(text), rule, m.span(), conditional=bool(condition))


_QUESTION = re.compile(r"[^.!?\n]*\?")


def mode_of(text: str) -> str:
    """New project or expansion, from statements only: a question ('quanti posti per un progetto?') says neither."""
    text = _QUESTION.sub(" ", text)
    new, exp = NEW.search(text), EXPANSION.search(text)
    if new and exp:
        return "new_project" if new.start() < exp.start() and "ampli" not in text[new.start():new.end() + 40] else "expansion"
    if new:
        return "new_project"
    if exp:
        return "expansion"
    return "unspecified"
