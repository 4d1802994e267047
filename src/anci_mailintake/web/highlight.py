"""Evidence spans → text segments, so a template can mark them without building HTML by hand."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

FIELDS = ("kind", "comune", "comuni", "intent", "mode", "places", "places_total", "places_current")


@dataclass(frozen=True)
class Segment:
    text: str
    field: str | None = None  # the field this span is evidence for
    rule: str = ""


def segments(text: str, evidence: Iterable[Mapping[str, Any]], document: int) -> list[Segment]:
    """Split `text` into plain and marked segments for one document's evidence.

    Spans that are out of range are dropped; overlapping ones keep the earlier start.
    """
    spans = []
    for ev in evidence:
        try:
            if int(ev.get("document", -2)) != document:
                continue
            start, end = int(ev["start"]), int(ev["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            spans.append((start, end, str(ev.get("field", "")), str(ev.get("rule", ""))))
    out: list[Segment] = []
    pos = 0
    for start, end, field, rule in sorted(spans):
        if start < pos:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], field if field in FIELDS else "other", rule))
        pos = end
    if pos < len(text) or not out:
        out.append(Segment(text[pos:]))
    return out
