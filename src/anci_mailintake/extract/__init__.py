"""Documents → Extraction. Pure functions: no file, socket or session is opened here."""

from __future__ import annotations

from ..records import Extraction, ReadMessage

VERSION = "0.0-foundation"


def extract(read: ReadMessage, nlp: object | None = None, review_threshold: float = 0.8) -> Extraction:
    """Interim extractor of the foundation: says nothing and asks for review."""
    return Extraction(kind="other", confidence=0.0, needs_review=True,
                      review_reasons=("the extractor is not built yet",), version=VERSION)


def build_nlp() -> object | None:
    """The spaCy pipeline, built once per process, only when there is something to extract."""
    return None
