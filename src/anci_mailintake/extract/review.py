"""Why a person should look at a record before it counts, and how sure the extractor is.

Each reason is a sentence staff read in the review queue. Confidence is the lowest of the
fields' confidences; the record needs review when there is a reason or the confidence is under
the threshold (a setting, so staff can trade review work for safety). Patterns are lower case:
give them text.lower(text).
"""

from __future__ import annotations

import re

from .places import PROMISED
from .text import at_words

CORRECTION = at_words(r"\ba\s+(?:parziale\s+)?rettifica\b|\brettific\w+|\bsostituisce\s+(?:la|il)\s+precedent"
                        r"|\bcorregg(?:iamo|o|e|ere|endo|ete)\b|\berrata\s+corrige|\bper\s+mero\s+errore|\bci\s+scusiamo(?!\s+per\s+(?:il|l[ao]|i)\s+(?:ritardo|disagi))|\brefuso\b"
                        r"|\bnumero\s+(?:giusto|corretto|esatto)" + PROMISED + r"|\bleggasi\b|\berroneamente\b")
RESENT = at_words(r"\binoltr\w+\s+nuovamente|\b(?:si\s+)?reinvi\w+|\bre-?invi\w+|\btrasmett\w+\s+nuovamente"
                    r"|\bri(?:trasmett|spedi|inoltr)\w+|\brimand(?:iamo|o|a)\s+(?:la|il|nuovamente|di\s+nuovo|in\s+allegato)|\b(?:invi|trasmett|inoltr)\w+\s+(?:di\s+nuovo|ancora\s+una\s+volta)"
                    r"|\bnuovamente\s+(?:la|il)\s+nostr|\bgi[aà]\s+(?:inviata|trasmessa)\s+in\s+data"
                    r"|\bnon\s+avendo\s+ricevuto\s+riscontro")


_PROJECT = at_words(r"\bprogett")
# Words that make a plain figure beside an expansion look like the project's total or its current size.
_TOTAL_HINT = re.compile(r"\b(?:complessiv\w*|total\w*|in\s+tutto|capienza|port\w+|arriv\w+|sal\w+|elev\w+|attualmente|oggi"
                         r"|gi[aà]\s+(?:accoglie|ospita|conta|attivi)|conta|accoglie|ospita)\b")
_TO = at_words(r"\b(?:a|fino\s+a|sino\s+a)\s+$")
_STOP = re.compile(r"[.!?;]|\n\s*\n")
# The figure tied to the addition itself: 'ampliamento di 5 posti', 'aggiunge 2 posti', '8 posti, ampliamento',
# '3 posti nel progetto già attivo'. A figure merely beside the word ('ampliare il progetto: 9 posti') stays in doubt.
_ADDED_BEFORE = re.compile(r"(?:ampli\w*|amp(?:iam|lam|lim)ent\w*|aggiung\w*|aument\w*|increment\w*)\s+(?:di|per)?\s*$")
_ADDED_AFTER = re.compile(r"\s*(?:msna|per\s+(?:i\s+)?minori)?\s*(?:,\s*ampliament|(?:nel|al|in|all')\s*(?:ampliamento|progetto|nostro|siproimi))")


def doubts(intent: str | None, mode: str | None, figure_kind: str | None, text: str,
           at: tuple[int, int] | None = None) -> list[str]:
    """Reasons to look that come from what is missing: the likeliest silent errors on unseen phrasing (`text`
    in lower case).

    A plain figure beside an expansion ('5 posti nel progetto esistente') is the increment unless its sentence
    speaks of a total or of today's size ('a una capienza complessiva di 20 posti', 'oggi sono 18')."""
    out = []
    if intent == "interested" and mode == "unspecified" and _PROJECT.search(text):
        out.append("a project is named, but neither a new one nor an expansion was recognised")
    if mode == "expansion" and figure_kind in ("places", "minors"):
        if at is None:
            out.append("an expansion whose figure may be the project's total")
            return out
        start, end = at
        lo = max((m.end() for m in _STOP.finditer(text, 0, start)), default=0)
        hi = next((m.start() for m in _STOP.finditer(text, end)), len(text))
        added = bool(_ADDED_BEFORE.search(text[max(0, start - 30):start]) or _ADDED_AFTER.match(text, end))
        if not added or _TOTAL_HINT.search(text, lo, hi) or _TO.search(text[max(0, start - 12):start]):
            out.append("an expansion whose figure may be the project's total")
    return out


def comune_confidence(top: float) -> float:
    if top >= 4:
        return 0.95
    if top >= 3:
        return 0.9
    if top >= 2:
        return 0.8
    if top >= 1:
        return 0.6
    return 0.3


def decide(reasons: list[str], confidences: list[float], threshold: float) -> tuple[float, bool]:
    confidence = round(min(confidences), 3) if confidences else 0.0
    return confidence, bool(reasons) or confidence < threshold
