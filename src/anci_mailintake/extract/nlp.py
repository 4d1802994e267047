"""The spaCy pipeline: a blank Italian vocabulary and a PhraseMatcher over every Comune's names.

The only module that imports spaCy, and only inside `build()`. Texts are matched in their
normalised form (see gazetteer.normalise), split on whitespace: the normalised text keeps the
original offsets, so a match's span points into the document as written. Trained pipelines
cannot be installed here, so the rest of the extraction is precompiled regular expressions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from .gazetteer import Gazetteer, build_gazetteer

@dataclass(frozen=True)
class NameMatch:
    start: int  # character offsets in the original text
    end: int
    key: str  # the normalised name, a key of Gazetteer.keys


class Pipeline:
    """What extraction needs from NLP, built once per process."""

    def __init__(self, nlp: Any, matcher: Any, gazetteer: Gazetteer, seconds: float, doc: Any, filter_spans: Any) -> None:
        self.nlp = nlp
        self.matcher = matcher
        self.gazetteer = gazetteer
        self.build_seconds = seconds
        self._doc, self._filter_spans = doc, filter_spans  # spaCy's Doc and filter_spans, imported by build()

    def find_names(self, norm: str) -> tuple[NameMatch, ...]:
        """Every Comune name in a text given as gazetteer.normalise() wrote it (its offsets are the text's),
        longest first where they overlap, in text order."""
        words = norm.split()
        if not words:
            return ()
        doc = self._doc(self.nlp.vocab, words=words)
        spans = self._filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        starts: list[int] = []  # each word's offset, found only as far as the last name reaches
        pos = 0
        for w in words[:max((sp.end for sp in spans), default=0)]:
            pos = norm.find(w, pos)
            starts.append(pos)
            pos += len(w)
        out = [NameMatch(starts[sp.start], starts[sp.end - 1] + len(words[sp.end - 1]), " ".join(words[sp.start:sp.end]))
               for sp in spans]
        return tuple(sorted(out, key=lambda m: m.start))


def build() -> Pipeline:
    """Blank Italian pipeline plus a PhraseMatcher over ~12,800 name variants."""
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    t0 = time.perf_counter()
    nlp = spacy.blank("it")
    gazetteer = build_gazetteer()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("COMUNE", [Doc(nlp.vocab, words=k.split()) for k in gazetteer.keys])
    from spacy.util import filter_spans

    return Pipeline(nlp, matcher, gazetteer, time.perf_counter() - t0, Doc, filter_spans)
