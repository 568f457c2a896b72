"""Event-table rows shared by the construction tests: a sentence and the event it must
yield, compared by actor keys (symmetric types by the set of parties)."""

from __future__ import annotations

from dataclasses import dataclass

from armswatch.model import SYMMETRIC_TYPES, Actor, Article, Event
from armswatch.pipeline import Analyzer

PUBLISHED = "2024-06-01"


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


def assert_yields(analyzer: Analyzer, case: Case) -> None:
    """The case's text yields its event."""
    events = analyzer.analyze(Article(text=case.text, published=PUBLISHED)).events
    found = [(e.type, keys(e.source), keys(e.target)) for e in events]
    assert any(matches(e, case) for e in events), f"{case.text!r} gave {found}"


def assert_no_event(analyzer: Analyzer, text: str, kind: str) -> None:
    """``text`` yields no event of type ``kind``."""
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    assert not [e for e in events if e.type == kind], f"{text!r}: unexpected {kind}"


def transfer_statuses(analyzer: Analyzer, text: str, supplier: str, recipient: str) -> list[str]:
    """The statuses of the arms transfers from ``supplier`` to ``recipient`` in ``text``."""
    events = analyzer.analyze(Article(text=text, published=PUBLISHED)).events
    return [
        e.status
        for e in events
        if e.type == "arms_transfer"
        and keys(e.source) == {supplier}
        and keys(e.target) == {recipient}
    ]
