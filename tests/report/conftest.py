"""A small store with known answers, built through the store's own functions (add_raw, save_outcome).

    Comune (province)     replies, oldest first                                      counts
    Nove (VI)             A interested new 6 → B interested expansion 8               B, confirmed
    Agugliaro (VI)        C interested new 4, needs review                             C, pending
    Albettone (VI)        D not interested (needs review, confirmed by staff);         D, confirmed
                          E interested new 10, marked by staff not to count
    Alonte (VI)           J interested new 2, K interested new 7, same date            K (higher id), confirmed
    Padova (PD)           F undecided → G needs review, corrected: expansion 5        G, confirmed
    Torino, Moncalieri    H names both, interested new 12 (Torino first)               Moncalieri: H, confirmed
    Torino (TO)           I no Date header (stored now): interested expansion 20,      Torino: I, pending
                          needs review
    Agliè (TO)            X a reply without intent, needs review                       X, pending (unclear)
    Milano (MI)           an auto-reply naming it; L interested 30, not to count       nothing: Milano did not answer
    —                     one message that failed to parse                             nothing
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import pytest

from anci_mailintake import istat
from anci_mailintake.records import ComuneRef, Extraction, Outcome, ParsedMessage, ReadMessage
from anci_mailintake.store.db import session_scope
from anci_mailintake.store.models import Correction, CorrectionComune
from anci_mailintake.store.queries import add_raw, save_outcome

NOVE, AGUGLIARO, ALBETTONE, ALONTE = "024073", "024001", "024002", "024003"
PADOVA, TORINO, MONCALIERI, AGLIE, MILANO = "028060", "001272", "001156", "001001", "015146"
HOSTILE_SUBJECT = '<script>alert("x")</script> & <img src=http://evil.example/x.png>'


@dataclass(frozen=True)
class Known:
    pk: dict[str, int]


def _day(d: int) -> datetime:
    return datetime(2020, 2, d, 10, 0, tzinfo=timezone.utc)


def _add(s, name: str, comuni: tuple[str, ...], *, kind: str = "reply", intent: str | None = None,  # type: ignore[no-untyped-def]
         mode: str | None = None, places: int | None = None, when: datetime | None = None,
         review: bool = False, subject: str = "Re: SIPROIMI MSNA") -> int:
    pk, new = add_raw(s, f"known/{name}.eml", f"Message-ID: <{name}@test>\r\n\r\n{name}".encode())
    assert new
    parsed = ParsedMessage(message_id=f"<{name}@test>", date=when.strftime("%a, %d %b %Y %H:%M:%S +0000") if when
                           else None, date_utc=when, from_=f'"Sindaco <{name}>" <sindaco@{name}.it>',
                           from_address=f"sindaco@{name}.it", to="immigrazione@anci.it", subject=subject,
                           content_type="text/plain", headers={}, text=name, html_text="")
    refs = tuple(ComuneRef(c, istat.by_istat()[c].name, istat.by_istat()[c].province) for c in comuni)
    save_outcome(s, pk, Outcome(read=ReadMessage(outer=parsed), extraction=Extraction(
        kind=kind, comuni=refs, intent=intent, mode=mode, places=places, confidence=0.5 if review else 0.95,
        needs_review=review, review_reasons=("low confidence",) if review else (), version="test")))
    return pk


def _correct(s, pk: int, comuni: tuple[str, ...], *, action: str = "correct", intent: str | None,  # type: ignore[no-untyped-def]
             mode: str | None = None, places: int | None = None, counts: bool = True) -> None:
    corr = Correction(message_pk=pk, username="anna", action=action, kind="reply", intent=intent, mode=mode,
                      places=places, counts=counts, note="test")
    for pos, c in enumerate(comuni):
        corr.comuni.append(CorrectionComune(istat=c, position=pos))
    s.add(corr)


@pytest.fixture
def known(engine) -> Known:  # type: ignore[no-untyped-def]
    pk: dict[str, int] = {}
    with session_scope(engine) as s:
        pk["A"] = _add(s, "A", (NOVE,), intent="interested", mode="new_project", places=6, when=_day(1))
        pk["B"] = _add(s, "B", (NOVE,), intent="interested", mode="expansion", places=8, when=_day(5))
        pk["C"] = _add(s, "C", (AGUGLIARO,), intent="interested", mode="new_project", places=4, when=_day(3),
                       review=True)
        pk["D"] = _add(s, "D", (ALBETTONE,), intent="not_interested", when=_day(2), review=True)
        pk["E"] = _add(s, "E", (ALBETTONE,), intent="interested", mode="new_project", places=10, when=_day(10))
        pk["J"] = _add(s, "J", (ALONTE,), intent="interested", mode="new_project", places=2, when=_day(4))
        pk["K"] = _add(s, "K", (ALONTE,), intent="interested", mode="new_project", places=7, when=_day(4),
                       subject=HOSTILE_SUBJECT)
        pk["F"] = _add(s, "F", (PADOVA,), intent="undecided", when=_day(4))
        pk["G"] = _add(s, "G", (PADOVA,), intent="interested", mode="new_project", places=3, when=_day(6),
                       review=True)
        pk["H"] = _add(s, "H", (TORINO, MONCALIERI), intent="interested", mode="new_project", places=12,
                       when=_day(7))
        pk["I"] = _add(s, "I", (TORINO,), intent="interested", mode="expansion", places=20, when=None, review=True)
        pk["X"] = _add(s, "X", (AGLIE,), when=_day(8), review=True)
        pk["auto"] = _add(s, "auto", (MILANO,), kind="auto_reply", intent="interested", places=99, when=_day(9))
        pk["L"] = _add(s, "L", (MILANO,), intent="interested", mode="new_project", places=30, when=_day(9))
        bad, _ = add_raw(s, "known/bad.eml", b"\x00not mail")
        save_outcome(s, bad, Outcome(read=None, extraction=None, error="the message is empty"))
        pk["bad"] = bad
    with session_scope(engine) as s:
        _correct(s, pk["D"], (ALBETTONE,), action="confirm", intent="not_interested")
        _correct(s, pk["E"], (ALBETTONE,), intent="interested", mode="new_project", places=10, counts=False)
        _correct(s, pk["G"], (PADOVA,), intent="interested", mode="expansion", places=5)
        _correct(s, pk["L"], (MILANO,), intent="interested", mode="new_project", places=30, counts=False)
    return Known(pk=pk)
