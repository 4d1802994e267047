"""New text is kept apart from quoted and forwarded history; ANCI's letter is recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from anci_mailintake.message.quotes import is_anci_letter, split

LETTER = (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "build" / "anci_letter.txt").read_text(
    encoding="utf-8")


@pytest.mark.parametrize("marker,role", [
    ("Il giorno mer 5 feb 2020 alle ore 16:42 ANCI <immigrazione@anci.it>\nha scritto:", "quoted"),
    ("-----Messaggio originale-----\nDa: ANCI\nInviato: mercoledì 5 febbraio 2020\nA: x\nOggetto: y", "quoted"),
    ("Da: ANCI <immigrazione@anci.it>\nInviato: mercoledì 5 febbraio 2020 16:42\nA: sindaco\nOggetto: nota", "quoted"),
    ("From: ANCI\nSent: Wednesday, February 5, 2020\nTo: x\nSubject: y", "quoted"),
    ("On Wed, 5 Feb 2020 at 16:42, ANCI <immigrazione@anci.it> wrote:", "quoted"),
    ("---------- Messaggio inoltrato ----------\nDa: Comune", "forwarded"),
    ("---------- Forwarded message ---------\nFrom: Comune", "forwarded"),
    ("Inizio messaggio inoltrato:\n\nDa: Comune", "forwarded"),
])
def test_markers(marker: str, role: str) -> None:
    parts = split(f"Confermiamo 6 posti.\nSaluti\n\n{marker}\n\nTesto precedente con 12 posti.")
    assert parts[0] == ("body", "Confermiamo 6 posti.\nSaluti")
    assert parts[1][0] == role and "12 posti" in parts[1][1]


def test_angle_quotes_interleaved() -> None:
    parts = split("Sì, 4 posti.\n> Quanti posti?\n> Grazie\nA presto")
    assert parts == [("body", "Sì, 4 posti."), ("quoted", "Quanti posti?\nGrazie"), ("body", "A presto")]


def test_no_marker_is_all_body() -> None:
    assert split("Il Comune di Nove offre 6 posti.") == [("body", "Il Comune di Nove offre 6 posti.")]


def test_anci_letter_by_phrases_not_exact_text() -> None:
    assert is_anci_letter(LETTER)
    quoted = "\n".join("> " + line for line in LETTER.replace("'", "\u2019").splitlines())
    assert is_anci_letter(quoted)
    assert not is_anci_letter("In riscontro alla nota prot. 16 W/LP/DI/CO-cc20 il Comune offre 10 posti.")
