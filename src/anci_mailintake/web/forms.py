"""The correction form: submitted fields → store Values, or sentences saying what to fix."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from ..records import INTENTS, KINDS, MODES
from ..store import review as store
from ..store.models import Comune

MAX_PLACES = 100_000
_ISTAT = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def comune_label(c: Comune) -> str:
    """How a Comune appears in the form and the autocomplete; the code at the end is what counts."""
    return f"{c.name} ({c.province}) – {c.istat}"


def _number(form: Mapping[str, str], name: str, label: str, errors: list[str]) -> int | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > MAX_PLACES:
        errors.append(f"{label}: «{raw[:20]}» non è un numero intero tra 0 e {MAX_PLACES}.")
        return None
    return int(raw)


def _choice(form: Mapping[str, str], name: str, allowed: Sequence[str], label: str, errors: list[str]) -> str | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    if raw not in allowed:
        errors.append(f"{label}: valore «{raw[:30]}» non previsto.")
        return None
    return raw


def resolve_comuni(session: Session, entries: Sequence[str], errors: list[str]) -> tuple[str, ...]:
    """ISTAT codes for the Comune fields: a 6-digit code anywhere in the entry, else a unique exact name."""
    codes: list[str] = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        m = _ISTAT.search(entry)
        if m:
            if store.find_comune(session, m.group(1)) is None:
                errors.append(f"Comune: il codice ISTAT {m.group(1)} non esiste.")
            else:
                codes.append(m.group(1))
            continue
        named = store.comuni_named(session, entry)
        if len(named) == 1:
            codes.append(named[0].istat)
        elif named:
            errors.append(f"Comune: «{entry[:60]}» è il nome di più Comuni "
                          f"({', '.join(comune_label(c) for c in named)}): scegli dall'elenco.")
        else:
            errors.append(f"Comune: «{entry[:60]}» non è nell'elenco ISTAT: scegli un suggerimento.")
    return tuple(dict.fromkeys(codes))


def parse_correction(session: Session, form: Mapping[str, str], comuni: Sequence[str]
                     ) -> tuple[store.Values | None, str, list[str]]:
    """(values, note, errors); values is None when there is an error to show."""
    errors: list[str] = []
    kind = _choice(form, "kind", KINDS, "Tipo", errors)
    if kind is None and not errors:
        errors.append("Tipo: scegli il tipo di messaggio.")
    values = store.Values(
        kind=kind or "other",
        comuni=resolve_comuni(session, comuni, errors),
        intent=_choice(form, "intent", INTENTS, "Risposta", errors),
        mode=_choice(form, "mode", MODES, "Modalità", errors),
        places=_number(form, "places", "Posti nuovi", errors),
        places_total=_number(form, "places_total", "Posti totali", errors),
        places_current=_number(form, "places_current", "Posti attuali", errors),
        counts=form.get("counts") == "1",
    )
    note = (form.get("note") or "").strip()[:2000]
    return (None if errors else values), note, errors
