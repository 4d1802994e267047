"""find_names hands the matcher only the words a name could cover: it must find exactly what matching the
whole text finds. Checked against the plain way (every word in one Doc, spaCy's filter_spans) on every
document of the held-out replies, the dev corpus and the golden samples, and on texts written to test it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc
from spacy.util import filter_spans

from anci_mailintake.extract.gazetteer import normalise
from anci_mailintake.message.read import read_message

ROOT = Path(__file__).resolve().parents[2]


def whole_text(nlp: Any, norm: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the names found by matching every word of the text."""
    words = norm.split()
    if not words:
        return []
    doc = Doc(nlp.nlp.vocab, words=words)
    spans = sorted(filter_spans([doc[s:e] for _, s, e in nlp.matcher(doc)]), key=lambda sp: sp.start)
    starts, pos = [], 0
    for w in words:
        pos = norm.find(w, pos)
        starts.append(pos)
        pos += len(w)
    return [(starts[sp.start], starts[sp.end - 1] + len(words[sp.end - 1]), " ".join(words[sp.start:sp.end]))
            for sp in spans]


def found(nlp: Any, text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.key) for m in nlp.find_names(normalise(text))]


@pytest.mark.parametrize("text", [
    "Il Comune di San Floriano del Collio / Občina Števerjan aderisce.",  # the longest bilingual name
    "comune di san dorligo della valle obcina dolina e comune di duino aurisina",
    "Reggio nell'Emilia, Reggio di Calabria e Reggio: tre nomi, due Comuni.",
    "Posta Fibreno (FR), posta certificata, Fino Mornasco e fino a 10 posti",
    "San San San Giovanni in Fiore",  # repeated first words
    "Comune di Castro Castro dei Volsci Castrovillari",
    "",
    "parole che non sono nomi di nessun comune xyzzy 123",
])
def test_written_texts(nlp, text):
    assert found(nlp, text) == whole_text(nlp, normalise(text))


def test_every_corpus_document(nlp, shared):  # type: ignore[no-untyped-def]
    files = [*ROOT.glob("tests/heldout/*/*.eml"), *ROOT.glob("samples/**/*.eml"), *(shared / "corpus" / "dev").glob("*.eml")]
    texts = [t for f in files for r in [read_message(f.read_bytes(), str(f))]
             for t in (r.effective.subject, r.effective.from_, *(d.text for d in r.documents))]
    assert len(texts) > 1000
    differ = [t[:80] for t in texts if found(nlp, t) != whole_text(nlp, normalise(t))]
    assert differ == []
    assert sum(bool(found(nlp, t)) for t in texts) > 500  # the check met many names


def test_unknown_words_do_not_grow_the_vocabulary(nlp):
    before = len(nlp.nlp.vocab.strings)
    nlp.find_names(normalise("Il Comune di Prato risponde: protocollo qwertyzzz n. 98765, fino a otto posti."))
    assert len(nlp.nlp.vocab.strings) == before
