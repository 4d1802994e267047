"""Italian number words: "dieci", "ventuno", "centoventi", "una decina".

Replies write places in words ("dieci posti", "n. 12 (dodici)"), so a figure is either digits
or one word of this table. Words for 1–999 are generated once; approximations map to their
round figure and are flagged by the caller. The first numbers in English, German and French
are there too, for the Comuni that answer in those languages (South Tyrol, Aosta Valley).
"""

from __future__ import annotations

import re
from functools import cache

_UNITS = ["", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
_TEENS = ["dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici",
          "diciassette", "diciotto", "diciannove"]
_TENS = ["", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"]

_FOREIGN = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
            "eighteen nineteen twenty",
            "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
            "un deux trois quatre cinq six sept huit neuf dix onze douze")

# "una decina di posti", "un paio", "una mezza dozzina": a round figure, always flagged.
APPROXIMATIONS = {"paio": 2, "mezza dozzina": 6, "decina": 10, "dozzina": 12, "quindicina": 15, "ventina": 20, "trentina": 30,
                  "quarantina": 40, "cinquantina": 50, "sessantina": 60, "settantina": 70,
                  "ottantina": 80, "novantina": 90, "centinaio": 100}


def _below_100(n: int) -> str:
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, unit = divmod(n, 10)
    word = _TENS[tens]
    if unit in (1, 8):  # ventuno, ventotto: the vowel drops
        word = word[:-1]
    return word + _UNITS[unit]


def _word(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else ("cento" if hundreds == 1 else _UNITS[hundreds] + "cento")
    tail = _below_100(rest)
    return head + tail


@cache
def words() -> dict[str, int]:
    """Every number word from 1 to 999 (and 'un', 'una'), accents dropped."""
    table = {_word(n): n for n in range(1, 1000)}
    table.update({"un": 1, "una": 1, "mille": 1000})
    for language in _FOREIGN:
        table.update({w: n for n, w in enumerate(language.split(), 1)})
    for n in range(180, 190):
        table["cent" + _below_100(n - 100)] = n  # centottanta
    return table


def value(token: str) -> int | None:
    """The integer a token stands for: digits or a number word; None otherwise."""
    t = token.lower().strip(".,;:()")
    if t.isdigit():
        return int(t)
    return words().get(t.replace("é", "e").replace("è", "e"))


def _trie(words: set[str]) -> str:
    """One regular expression for a set of words, shared prefixes written once."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@cache
def word_pattern() -> str:
    """A regular expression (lower case) for a word of three letters or more that may be a number: it starts
    as one of `words` or APPROXIMATIONS does. Any other word fails at its first letters instead of being read
    whole by every place phrase; `value` has the last word."""
    vocab = [w for w in (*words(), *APPROXIMATIONS) if len(w) >= 3]
    return rf"(?={_trie({w[:3] for w in vocab})})[^\W\d_]{{3,20}}"
