"""Each place phrase's gate holds words every match needs: wherever the phrase matches, the gate does too.

Checked on every sentence of the held-out replies, the dev corpus and the golden samples, so a gate
written too narrow (which would silently skip a figure) fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from anci_mailintake.extract import places
from anci_mailintake.extract.text import drop_questions, lower, sentences
from anci_mailintake.message.read import read_message

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus_sentences(shared) -> list[str]:  # type: ignore[no-untyped-def]
    files = [*ROOT.glob("tests/heldout/*/*.eml"), *ROOT.glob("samples/**/*.eml"), *(shared / "corpus" / "dev").glob("*.eml")]
    out = []
    for f in files:
        for d in read_message(f.read_bytes(), str(f)).documents:
            text = drop_questions(d.text)
            low = lower(text)
            out += [low[off:off + len(s)] for off, s in sentences(text)]
    return out


def test_the_corpus_exercises_the_phrases(corpus_sentences):
    matched = {kind for kind, rx, _ in places.patterns() for s in corpus_sentences if rx.search(s)}
    assert {"expansion", "range", "up_to", "approx", "increment", "total", "current", "places", "minors"} <= matched


GATED = [i for i, (_, _, gate) in enumerate(places.patterns()) if gate is not None]


@pytest.mark.parametrize("index", GATED, ids=lambda i: places.patterns()[i][0])
def test_a_gate_never_hides_a_match(index, corpus_sentences):
    kind, rx, gate = places.patterns()[index]
    assert gate is not None
    missed = [s for s in corpus_sentences if rx.search(s) and not gate.search(s)]
    assert not missed, missed[:3]


@pytest.mark.parametrize("text", [
    "conferma 4 posti in più.", "sono 6 posti, e non 4.", "leggasi 12.", "tra 5 e 8 posti", "5-8 posti",
    "fino a 10", "una decina", "ulteriori 3", "+2 posti", "capienza complessiva di 20", "oggi 8 posti",
    "12 posti", "6 minori", "incremento del 50%", "da 10 a 14 posti", "3 strutture da 4 posti ciascuna",
])
def test_gates_open_on_each_phrase_family(text):
    hits = [kind for kind, rx, gate in places.patterns() if rx.search(text) and (gate is None or gate.search(text))]
    assert hits, text
