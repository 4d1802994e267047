"""Text helpers every rule shares: lower case with offsets kept, sentences, questions blanked.

Rules are matched against lower-cased text and compiled without re.I: the engine is several
times faster that way, and offsets stay those of the document as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


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


def at_words(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""Compile a pattern whose alternatives start at a word boundary ('\bdisponibil\w*|\bfavorevol\w*')
    into one that matches exactly the same, but that the engine scans several times faster.

    A pattern that opens with \b makes the engine try a match at every character. Rewritten, it opens
    with the class of letters an alternative can start with, then checks the boundary behind that
    letter, then goes on with the alternatives of that letter ('[df](?<!\w.)(?:(?<=d)(?:isponibil\w*)
    |(?<=f)(?:avorevol\w*))'): the engine skips at C speed to the letters that can open a match, and
    tries the rest only where a word starts. Alternatives keep their order within a letter (two that
    open with different letters never match at the same place); a leading group is distributed over
    what follows it ('(?:la|nostra)\s+X' -> 'la\s+X|nostra\s+X', '(?:ci\s+)?X' -> 'ci\s+X|X'), and a
    lookbehind before the word moves behind its first letter. Alternatives without \b must open with
    a literal character. Capturing groups and re.I are refused (their numbering and case would
    change). tests/extract/test_text.py compares every rewritten rule with the rule as written on
    every corpus text."""
    if flags & re.I or re.compile(pattern, flags).groups:
        raise ValueError(f"at_words takes no capturing groups and no re.I: {pattern[:60]!r}")
    buckets: dict[tuple[bool, str], list[str]] = {}
    for alt in _split(pattern):
        for bounded, first, behind, rest in _literal_led(alt, False, ()):
            if bounded and not (first.isalnum() or first in ("_", "\\d")):
                raise ValueError(f"at_words needs a letter after \\b: {alt[:60]!r}")
            guard = "".join(b[:-1] + _escape(first) + ")" for b in behind)
            buckets.setdefault((bounded, first), []).append(guard + "(?:" + rest + ")")

    def by_letter(bounded: bool) -> str:  # each first letter looked behind, then its alternatives
        return "|".join(f"(?<={_escape(c)})(?:" + "|".join(m) + ")" for (b, c), m in buckets.items() if b == bounded)

    firsts = "".join(sorted({_escape(c) for _, c in buckets}))
    words, others = by_letter(True), by_letter(False)
    fast = f"[{firsts}](?:" + "|".join(([rf"(?<!\w.)(?:{words})"] if words else []) + ([others] if others else [])) + ")"
    FAST_PATTERNS.append((pattern, flags))
    return re.compile(fast, flags)


def _escape(first: str) -> str:
    return first if first == r"\d" else re.escape(first)


FAST_PATTERNS: list[tuple[str, int]] = []  # the plain forms at_words rewrote, for the test that compares


def _literal_led(alt: str, bounded: bool, behind: tuple[str, ...],
                 depth: int = 4) -> list[tuple[bool, str, tuple[str, ...], str]]:
    """(after a \\b?, first character, lookbehinds before it, the rest) for each way ALT can open;
    ValueError if one cannot open with a literal character."""
    if alt.startswith(r"\b"):
        return _literal_led(alt[2:], True, behind, depth)
    if alt.startswith(("(?<!", "(?<=")):
        end = _group_end(alt)
        return _literal_led(alt[end:], bounded, (*behind, alt[:end]), depth)
    if alt.startswith("(?:") and depth:
        end = _group_end(alt)
        inner, rest = alt[3:end - 1], alt[end:]
        optional = rest.startswith("?") and not rest.startswith("??")
        if rest[:1] in ("*", "+", "{") or (rest.startswith("?") and not optional):
            raise ValueError(f"at_words cannot open with a repeated group: {alt[:60]!r}")
        rest = rest[1:] if optional else rest
        ways = [w for a in _split(inner) for w in _literal_led(a + rest, bounded, behind, depth - 1)]
        return ways + (_literal_led(rest, bounded, behind, depth - 1) if optional else [])
    if alt.startswith("\\d"):
        first, rest = alt[:2], alt[2:]  # a digit: its class stands for the first character
    elif alt[:1] == "\\" and alt[1:2] and not alt[1].isalnum():
        first, rest = alt[1], alt[2:]  # an escaped character ('\+'): the character itself
    elif alt[:1].isalnum() or alt[:1] in "_'’, ":
        first, rest = alt[:1], alt[1:]
    else:
        raise ValueError(f"at_words needs a literal first character: {alt[:60]!r}")
    if rest[:1] in ("?", "*", "+", "{"):
        raise ValueError(f"at_words needs a literal first character: {alt[:60]!r}")
    return [(bounded, first, behind, rest)]


def _split(p: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    bars = [i for i, c, depth in _syntax(p) if c == "|" and depth == 0]
    return [p[a + 1:b] for a, b in zip([-1, *bars], [*bars, len(p)])]


def _syntax(p: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) of each '(', ')' and '|' that is syntax: not escaped, not in a class."""
    depth, i = 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(p, i)
            continue
        if c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1


def _class_end(p: str, i: int) -> int:
    """The index after the character class that opens at p[i]."""
    i += 1
    if p[i:i + 1] == "^":
        i += 1
    if p[i:i + 1] == "]":
        i += 1
    while p[i] != "]":
        i += 2 if p[i] == "\\" else 1
    return i + 1


def _group_end(p: str) -> int:
    """The index after the group that opens at p[0]."""
    end = next((i + 1 for i, c, depth in _syntax(p) if c == ")" and depth == 0), None)
    if end is None:
        raise ValueError(f"unbalanced group: {p[:60]!r}")
    return end
