"""The report's records: small frozen dataclasses the SQL aggregations return and the writers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

VIEWS = ("regions", "provinces", "answered", "superseded", "missing")


@dataclass(frozen=True)
class Tally:
    """Comuni by intent and places by mode, for one certainty (confirmed or pending) of one territory.

    Places are counted only for interested Comuni; a message naming several Comuni counts its
    places once, under the first of them it is the counted answer for.
    """

    interested: int = 0
    not_interested: int = 0
    undecided: int = 0
    unknown: int = 0  # a reply whose intent the extractor could not tell and no one has set
    places_new: int = 0
    places_expansion: int = 0
    places_unspecified: int = 0

    @property
    def answered(self) -> int:
        return self.interested + self.not_interested + self.undecided + self.unknown

    @property
    def places(self) -> int:
        return self.places_new + self.places_expansion + self.places_unspecified


TALLY_FIELDS = ("interested", "not_interested", "undecided", "unknown", "places_new", "places_expansion",
                "places_unspecified")


@dataclass(frozen=True)
class Territory:
    """Totals of Italy (region ""), a region (province None) or a province."""

    region: str
    province: str | None
    province_name: str | None
    comuni: int  # in ISTAT's list
    confirmed: Tally
    pending: Tally

    @property
    def answered(self) -> int:
        return self.confirmed.answered + self.pending.answered

    @property
    def not_answered(self) -> int:
        return self.comuni - self.answered

    @property
    def label(self) -> str:
        if self.province:
            return f"{self.province_name} ({self.province})"
        return self.region or "Italia"


@dataclass(frozen=True)
class Answer:
    """A Comune's counted answer: its latest counting reply."""

    istat: str
    name: str
    province: str
    region: str
    message_pk: int
    date: datetime | None
    sender: str
    subject: str
    intent: str | None
    mode: str | None
    places: int  # as counted for this Comune (0 when the places went to another Comune of the message)
    message_places: int | None  # as the message states them
    message_comuni: int  # how many Comuni the message names
    confirmed: bool
    corrected: bool
    superseded: int  # other replies of the same Comune, not counted


@dataclass(frozen=True)
class Superseded:
    """A reply that does not count for a Comune, and why."""

    istat: str
    name: str
    province: str
    region: str
    message_pk: int
    date: datetime | None
    intent: str | None
    mode: str | None
    places: int | None
    excluded: bool  # staff marked the message not to count (duplicate, superseded …)
    kept_pk: int | None  # the message that counts instead
    kept_date: datetime | None

    @property
    def reason(self) -> str:
        if self.excluded:
            return "marked by staff not to count"
        return f"superseded by the later message {self.kept_pk}"


@dataclass(frozen=True)
class Missing:
    """A Comune of ISTAT's list without a counting reply."""

    istat: str
    name: str
    province: str
    province_name: str
    region: str


@dataclass(frozen=True)
class Report:
    region: str | None
    province: str | None
    total: Territory
    regions: tuple[Territory, ...]
    provinces: tuple[Territory, ...]
    answered: tuple[Answer, ...] = ()
    superseded: tuple[Superseded, ...] = ()
    missing: tuple[Missing, ...] = ()
    generated_at: datetime | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def scope(self) -> str:
        if self.province:
            return f"{self.provinces[0].label if self.provinces else self.province}"
        return self.region or "Italia"
