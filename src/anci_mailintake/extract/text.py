"""Text helpers every rule shares: lower case with offsets kept, sentences, questions blanked.

Rules are matched against lower-cased text and compiled without re.I: the engine is several
times faster that way, and offsets stay those of the document as written.
"""

from __future__ import annotations

import re


def lower(text: str) -> str:
    """Lower case with offsets kept: the few characters whose lower case is longer stay as they are."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# Where a sentence ends: a question may wrap over lines, but never over a blank line or a list item.
BOUNDARY = re.compile(r"[.!?]|\n[ \t]*\n|\n[ \t]*(?:\d+[.)]|[-•*])\s")
# Sentences for figures: a capital after a stop, a blank line, or a list item ("- ", "2) ") starts one.
_SENTENCE = re.compile(r"\n\s*\n|(?<=[.;!?])\s+(?=[A-ZÀ-Ú\"«])|\n(?=\s*[-•*]|\s*\d+[.)]\s)")


def drop_questions(text: str) -> str:
    """Blank every sentence that ends in a question mark; offsets are kept (one pass, linear)."""
    if "?" not in text:
        return text
    out, pos = [], 0
    for m in BOUNDARY.finditer(text):
        piece = text[pos:m.end()]
        out.append(" " * len(piece) if m.group() == "?" else piece)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; the text as written, since capitals mark where one starts."""
    out, pos = [], 0
    for m in _SENTENCE.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


class Needles:
    """A cheap test before a costly pattern: does the text hold one of these strings? Substring tests run at
    memchr speed, where an alternation of the same words costs the regex engine a try at every position.
    Every match of the pattern it guards must contain one of the strings (tests check it on the corpus)."""

    __slots__ = ("strings",)

    def __init__(self, *strings: str) -> None:
        self.strings = strings

    def search(self, text: str) -> bool:
        for s in self.strings:
            if s in text:
                return True
        return False
