"""What the matching rules compare: an event (or an incident so far) reduced to its facts.

``Facts`` is the same shape for one event and for an incident: an incident's facts are
the merge of its events' (``Facts.merge``), so a rule compares an event with an incident
exactly as with another event. Actors are compared by ``Actor.key`` (country, else id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from armswatch.extract.timex import parse_published as parse_day
from armswatch.model import GENERIC_CATEGORY, SYMMETRIC_TYPES, Actor, Event, EventType

UNKNOWN_SIDE = "?"


def side_key(actors: list[Actor]) -> tuple[str, ...]:
    """The sorted, distinct keys of one side of an event."""
    return tuple(sorted({a.key for a in actors}))


@dataclass(frozen=True)
class Dyad:
    """Who did what to whom: the keys of each side (one list of parties when symmetric)."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool

    @classmethod
    def of(cls, event_type: EventType, source: list[Actor], target: list[Actor]) -> Dyad:
        if event_type in SYMMETRIC_TYPES:
            return cls(side_key([*source, *target]), (), True)
        return cls(side_key(source), side_key(target), False)

    @property
    def key(self) -> str:
        """``PRK>RUS`` (directed), ``PRK+RUS`` (symmetric); ``?`` for an unknown side."""
        if self.symmetric:
            return "+".join(self.source) or UNKNOWN_SIDE
        source = ",".join(self.source) or UNKNOWN_SIDE
        return f"{source}>{','.join(self.target) or UNKNOWN_SIDE}"

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(self.source) | frozenset(self.target)


@dataclass(frozen=True)
class Facts:
    """Type, dyad, specific weapon categories and systems, time window, statuses."""

    type: EventType
    dyad: Dyad
    categories: frozenset[str] = frozenset()
    systems: frozenset[str] = frozenset()
    start: date | None = None
    end: date | None = None
    statuses: frozenset[str] = frozenset()

    @property
    def block(self) -> str:
        """The blocking key: only facts with the same block are ever compared."""
        return f"{self.type}|{self.dyad.key}"

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None

    def merge(self, other: Facts) -> Facts:
        """The facts of both together: unions, and the time window spanning both."""
        starts = [d for d in (self.start, other.start) if d is not None]
        ends = [d for d in (self.end, other.end) if d is not None]
        return Facts(
            type=self.type,
            dyad=self.dyad,
            categories=self.categories | other.categories,
            systems=self.systems | other.systems,
            start=min(starts, default=None),
            end=max(ends, default=None),
            statuses=self.statuses | other.statuses,
        )


def facts_of(event: Event) -> Facts:
    """The facts of one event; ``military_equipment`` (unspecified) is not a category here."""
    start = parse_day(event.time.start) if event.time else None
    end = parse_day(event.time.end) if event.time else None
    return Facts(
        type=event.type,
        dyad=Dyad.of(event.type, event.source, event.target),
        categories=frozenset(i.category for i in event.items if i.category != GENERIC_CATEGORY),
        systems=frozenset(i.system for i in event.items if i.system),
        start=start or end,
        end=end or start,
        statuses=frozenset({event.status}),
    )
