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

_GAP = "\x00"  # stands for words no name can reach; no name contains it


@dataclass(frozen=True)
class NameMatch:
    start: int  # character offsets in the original text
    end: int
    key: str  # the normalised name, a key of Gazetteer.keys


class Pipeline:
    """What extraction needs from NLP, built once per process."""

    def __init__(self, nlp: Any, matcher: Any, gazetteer: Gazetteer, seconds: float, doc: Any) -> None:
        self.nlp = nlp
        self.matcher = matcher
        self.gazetteer = gazetteer
        self.build_seconds = seconds
        self._doc = doc  # spaCy's Doc class, imported by build()
        self._reach: dict[str, int] = {}  # a name's first word -> the most words a name starting with it has
        self._words: set[str] = set()  # every word of a name, each already in the vocabulary
        for key in gazetteer.keys:
            words = key.split()
            self._reach[words[0]] = max(len(words), self._reach.get(words[0], 0))
            self._words.update(words)

    def find_names(self, norm: str) -> tuple[NameMatch, ...]:
        """Every Comune name in a text given as gazetteer.normalise() wrote it (its offsets are the text's),
        longest first where they overlap, in text order.

        Only the words a name could cover reach the matcher (words of some name, from a word that starts a
        name, as many as its longest name has); each run of the others becomes one gap token. Matches are
        the same as over the whole text, at a fraction of the cost: a word the vocabulary has never seen
        would cost a new lexeme (tens of microseconds, and memory kept for the process's life)."""
        words = norm.split()
        known = self._words
        kept: list[str] = []
        at: list[int] = []  # the word index of each kept token (-1 for a gap)
        upto = 0
        for i in [i for i, w in enumerate(words) if w in known]:  # a name's first word is a name's word too
            w = words[i]
            reach = self._reach.get(w)
            if reach and i + reach > upto:
                upto = i + reach
            if i < upto:
                if at and at[-1] != i - 1:
                    kept.append(_GAP)
                    at.append(-1)
                kept.append(w)
                at.append(i)
        if not kept:
            return ()
        found = sorted(((at[s], at[e - 1] + 1) for _, s, e in self.matcher(self._doc(self.nlp.vocab, words=kept))),
                       key=lambda se: (se[0] - se[1], se[0]))
        taken: set[int] = set()
        spans = []
        for s, e in found:  # longest first, then leftmost, as spacy.util.filter_spans
            if not taken.intersection(range(s, e)):
                spans.append((s, e))
                taken.update(range(s, e))
        spans.sort()
        starts: list[int] = []  # each word's offset, found only as far as the last name reaches
        pos = 0
        for w in words[:spans[-1][1] if spans else 0]:
            pos = norm.find(w, pos)
            starts.append(pos)
            pos += len(w)
        return tuple(NameMatch(starts[s], starts[e - 1] + len(words[e - 1]), " ".join(words[s:e])) for s, e in spans)


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
    return Pipeline(nlp, matcher, gazetteer, time.perf_counter() - t0, Doc)
