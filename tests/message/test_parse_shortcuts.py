"""Parsing's two shortcuts give what the standard library gives: feedparser's per-boundary pattern is a
matcher that needs no compiling, and an attached message is written back with its headers verbatim."""

from __future__ import annotations

import email
import email.feedparser
import re
from pathlib import Path

import pytest

from anci_mailintake.errors import MessageParseError
from anci_mailintake.message import parse as parse_mod

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HELDOUT = Path(__file__).resolve().parents[1] / "heldout"

BOUNDARIES = ["----=_Part_0_1234.5678", "=_a(b)c+d/e=f?", "simple", "a.b*c[d]{e}|f^g$h", "x\\y", "with space",
              "--", "==", "b\tc", "ä-unicode"]
LINES = ["--{b}\n", "--{b}\r\n", "--{b}--\n", "--{b}--", "--{b}", "--{b}  \t\r\n", "--{b}--  \n", "--{b}x\n",
         "--{b}--x\n", " --{b}\n", "--{b}\n\n", "--{b}-\n", "text\n", "", "--{b}\r", "--{b}---\n", "--{b}--\r\n"]


def _feedparser_pattern(boundary: str) -> str:
    """The pattern feedparser builds, character for character (email/feedparser.py)."""
    return '(?P<sep>' + re.escape('--' + boundary) + r')(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$'


@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_matcher_agrees_with_the_pattern(boundary: str) -> None:
    pattern = _feedparser_pattern(boundary)
    fast, slow = parse_mod._compile(pattern), re.compile(pattern)
    assert isinstance(fast, parse_mod._Boundary)
    for template in LINES:
        line = template.format(b=boundary)
        a, b = fast.match(line), slow.match(line)
        assert (a is None) == (b is None), repr(line)
        if a is not None and b is not None:
            assert (a.group("end"), a.group("ws"), a.group("linesep")) == (b.group("end"), b.group("ws"),
                                                                            b.group("linesep")), repr(line)


def test_other_patterns_are_compiled_as_asked() -> None:
    assert isinstance(parse_mod._compile(r"(?P<sep>x)y"), re.Pattern)
    assert email.feedparser.re.compile is parse_mod._compile  # type: ignore[attr-defined]


def _tree(raw: bytes) -> list[object]:
    msg = email.message_from_bytes(raw)
    return [(p.get_content_type(), p.preamble, p.epilogue, p.defects and [type(d) for d in p.defects],
             None if p.is_multipart() else p.get_payload()) for p in msg.walk()]


def _mail() -> list[Path]:
    return sorted([*(SHARED / "corpus" / "dev").glob("*.eml"), *(SHARED / "hostile" / "mail").glob("*.eml"),
                   *SAMPLES.glob("*.eml"), *HELDOUT.glob("*/*.eml")])


def test_every_message_parses_to_the_same_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [p for p in _mail() if p.stat().st_size < 2_000_000]
    assert len(paths) > 100
    fast = [_tree(p.read_bytes()) for p in paths]
    monkeypatch.setattr(email.feedparser, "re", re)  # the standard library as it ships
    for path, tree in zip(paths, fast):
        assert _tree(path.read_bytes()) == tree, path.name


def _parsed(raw: bytes) -> object:
    try:
        return parse_mod.parse(raw)
    except MessageParseError as e:
        return e.reason


def test_attached_messages_read_the_same_written_verbatim() -> None:
    """An attached message (a PEC envelope's postacert.eml) is parsed from bytes the generator writes:
    with headers verbatim it must read as with compat32's refolding."""
    inner = []
    for path in _mail():
        if path.stat().st_size < 2_000_000:
            for part in email.message_from_bytes(path.read_bytes()).walk():
                payload = part.get_payload()
                if part.get_content_type() == "message/rfc822" and isinstance(payload, list) and payload:
                    inner.append((path.name, payload[0]))
    assert len(inner) > 100
    for name, msg in inner:
        try:
            refolded = msg.as_bytes()
        except Exception:  # noqa: BLE001 - compat32's generator fails on some broken trees (parse falls back)
            continue
        assert _parsed(msg.as_bytes(policy=parse_mod._VERBATIM)) == _parsed(refolded), name
