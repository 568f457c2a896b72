"""Event-table rows shared by the construction tests: a sentence and the event it must
yield, compared by actor keys (symmetric types by the set of parties)."""

from __future__ import annotations

from dataclasses import dataclass

from armswatch.model import SYMMETRIC_TYPES, Actor, Event


@dataclass
class Case:
    family: str
    text: str
    type: str
    source: set[str]
    target: set[str]


def keys(actors: list[Actor]) -> set[str]:
    return {a.country or a.id for a in actors}


def matches(event: Event, case: Case) -> bool:
    if event.type != case.type:
        return False
    if case.type in SYMMETRIC_TYPES:
        return keys(event.source) | keys(event.target) == case.source | case.target
    return keys(event.source) == case.source and keys(event.target) == case.target
