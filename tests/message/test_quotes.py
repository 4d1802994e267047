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


ATTRIBUTION = "Il 05/02/2020 16:42, ANCI - Dipartimento Immigrazione ha scritto:"


def test_an_answer_below_a_gt_quote_is_the_senders() -> None:
    """Bottom-posting: nothing above the quote, the answer after its '> ' lines."""
    parts = split(f"{ATTRIBUTION}\n> Caro Sindaco,\n> ti chiedo quanti posti.\n\nIl Comune di Gubbio aderisce con 4 posti."
                  "\n\nSaluti")
    assert [(r, t.split("\n")[0]) for r, t in parts if t] == [("quoted", ATTRIBUTION),
                                                               ("body", "Il Comune di Gubbio aderisce con 4 posti.")]


def test_answers_between_quoted_paragraphs_are_the_senders() -> None:
    text = (f"Buongiorno, rispondo nel testo.\n\n{ATTRIBUTION}\n\n> Primo paragrafo della lettera.\n\n"
            "Su questo siamo d'accordo.\n\n> Secondo paragrafo: quanti posti?\n\nSei posti, nuovo progetto.\n")
    own = "\n".join(t for r, t in split(text) if r == "body")
    assert "Su questo siamo d'accordo." in own and "Sei posti, nuovo progetto." in own
    assert "paragrafo" not in own


def test_a_footer_below_a_top_posted_answer_stays_out() -> None:
    """An answer above the quote: what follows the '> ' lines is a footer, not more of the answer."""
    text = ("Il Comune di Gubbio comunica la propria disponibilità ad attivare un nuovo progetto per sei minori "
            "stranieri non accompagnati, presso la struttura comunale di via Cairoli, già pronta.\n\n"
            f"{ATTRIBUTION}\n> Caro Sindaco,\n> quanti posti?\n\nQuesto messaggio non è destinato ad altri che al "
            "destinatario: non è consentito diffonderlo.")
    parts = split(text)
    assert parts[0][0] == "body" and "destinatario" not in parts[0][1]
    assert all("destinatario" not in t for r, t in parts if r == "body")
