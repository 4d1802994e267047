"""Why a person should look at a record before it counts, and how sure the extractor is.

Each reason is a sentence staff read in the review queue. Confidence is the lowest of the
fields' confidences; the record needs review when there is a reason or the confidence is under
the threshold (a setting, so staff can trade review work for safety).
"""

from __future__ import annotations

import re

CORRECTION = re.compile(r"\ba\s+(?:parziale\s+)?rettifica\b|\brettific\w+|\bsostituisce\s+(?:la|il)\s+precedent"
                        r"|\bcorregg(?:iamo|o|e|ere|endo|ete)\b|\berrata\s+corrige|\bper\s+mero\s+errore|\bci\s+scusiamo(?!\s+per\s+(?:il|l[ao]|i)\s+(?:ritardo|disagi))|\brefuso\b"
                        r"|\bnumero\s+(?:giusto|corretto|esatto)|\bleggasi\b|\berroneamente\b", re.I)
RESENT = re.compile(r"\binoltr\w+\s+nuovamente|\b(?:si\s+)?reinvi\w+|\bre-?invi\w+|\btrasmett\w+\s+nuovamente"
                    r"|\bri(?:trasmett|spedi|inoltr)\w+|\brimand(?:iamo|o|a)\s+(?:la|il|nuovamente|di\s+nuovo|in\s+allegato)|\b(?:invi|trasmett|inoltr)\w+\s+(?:di\s+nuovo|ancora\s+una\s+volta)"
                    r"|\bnuovamente\s+(?:la|il)\s+nostr|\bgi[aà]\s+(?:inviata|trasmessa)\s+in\s+data"
                    r"|\bnon\s+avendo\s+ricevuto\s+riscontro", re.I)


_PROJECT = re.compile(r"\bprogett", re.I)


def doubts(intent: str | None, mode: str | None, figure_kind: str | None, text: str) -> list[str]:
    """Reasons to look that come from what is missing: the likeliest silent errors on unseen phrasing."""
    out = []
    if intent == "interested" and mode == "unspecified" and _PROJECT.search(text):
        out.append("a project is named, but neither a new one nor an expansion was recognised")
    if mode == "expansion" and figure_kind in ("places", "minors"):
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
