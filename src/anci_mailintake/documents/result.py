"""What one format reader hands back: text, how it was read, and embedded files to read next."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    text: str = ""
    method: str = ""
    children: list[tuple[str | None, bytes]] = field(default_factory=list)  # (name, bytes) to dispatch
    notes: list[str] = field(default_factory=list)  # what was skipped or cut, as phrases
    error: str | None = None  # a phrase when the file could be read only in part or not at all
