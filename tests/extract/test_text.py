"""text.at_words: a rule rewritten for speed matches exactly what it matched as written.

Every pattern the extractor compiles through at_words is compared with its plain compilation on the
text of every held-out, sample and dev message (lower case, as the rules see it): the same matches,
found from the start and from positions inside the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import anci_mailintake.extract  # noqa: F401 - compiles every rule
from anci_mailintake.extract.text import FAST_PATTERNS, at_words, lower
from anci_mailintake.message.read import read_message

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus_texts(shared) -> list[str]:  # type: ignore[no-untyped-def]
    files = [*ROOT.glob("tests/heldout/*/*.eml"), *ROOT.glob("samples/**/*.eml"), *(shared / "corpus" / "dev").glob("*.eml")]
    texts = [lower(d.text) for f in files for d in read_message(f.read_bytes(), str(f)).documents if d.text.strip()]
    assert len(texts) > 500
    return texts


def spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    found = [m.span() for m in rx.finditer(text)]
    for pos in range(1, len(text), 97):  # a search that starts inside the text sees the characters before it
        m = rx.search(text, pos)
        found.append(m.span() if m else (-1, pos))
    return found


@pytest.mark.parametrize("index", range(len(FAST_PATTERNS)), ids=lambda i: FAST_PATTERNS[i][0][:40])
def test_a_rewritten_rule_matches_what_the_rule_as_written_matches(index, corpus_texts):
    pattern, flags = FAST_PATTERNS[index]
    plain, fast = re.compile(pattern, flags), at_words(pattern, flags)
    assert plain.pattern != fast.pattern
    differ = [t[:80] for t in corpus_texts if spans(plain, t) != spans(fast, t)]
    assert not differ, differ[:3]


@pytest.mark.parametrize(("pattern", "texts"), [
    # a lookbehind before the word still guards it: 'casa famiglia' is not a family
    (r"(?<!casa\s)\bfamigli\w*", ["una casa famiglia", "per le famiglie", "famiglie", "casa  famiglia"]),
    # an optional leading word, tried first, then the word alone
    (r"\b(?:ci\s+)?serv\w+", ["ci serve sapere", "serve sapere", "ciserve", "osservare"]),
    # alternatives sharing a first letter keep their order: the longer one, written first, wins
    (r"\bdisponibilit[aà]\s+c'è|\bdisponibil\w*", ["la disponibilità c'è", "disponibili"]),
    # an alternative that needs no word boundary ('+5 posti') sits beside the ones that do
    (r"\bulteriori\s+\d+|\+\s*\d+\s+posti", ["a+5 posti", "ulteriori 4", "aulteriori 4"]),
    # a word boundary inside a leading group, after accented letters
    (r"(?:\bè\s+|\bsiamo\s+)disponibil\w*", ["è disponibile", "siamo disponibili", "caffè disponibile"]),
])
def test_at_words_keeps_boundaries_lookbehinds_and_order(pattern, texts):
    plain, fast = re.compile(pattern), at_words(pattern)
    for text in texts:
        assert spans(fast, text) == spans(plain, text), text


@pytest.mark.parametrize("pattern", [r"\b(\d+)\s+posti", r"\b(?:\w+\s+){0,2}?rinunci", r"[^.;]{0,60}\bnon\b"])
def test_at_words_refuses_what_it_cannot_rewrite_exactly(pattern):
    with pytest.raises(ValueError):
        at_words(pattern)
    with pytest.raises(ValueError):
        at_words(r"\bposti", re.I)
