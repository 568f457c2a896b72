"""The matching rules: may this event join this incident? Each rule explains itself.

A rule is a small named function of two ``Facts`` (an event's, an incident's) returning a
``Verdict`` with a detail string; its docstring is its documentation. An event joins an
incident only when every rule of ``RULES`` agrees (``compatible``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from armswatch.fuse.facts import Facts

TIME_TOLERANCE = timedelta(days=90)
"""How far apart two known time windows may be and still describe one fact. Reports date
one shipment loosely ("last month", "in the autumn", resolved against different publication
dates) and keep reporting it for weeks; beyond about a quarter it is another shipment."""

STAGES = ("planned", "negotiating", "agreed", "ongoing", "delivered", "cancelled")
"""The stages of a transfer, in their natural order (``denied`` and ``unknown`` are none)."""


@dataclass(frozen=True)
class Verdict:
    """A rule's answer: ``ok`` and why (``detail``)."""

    rule: str
    ok: bool
    detail: str


Rule = Callable[[Facts, Facts], Verdict]


def same_type_and_dyad(a: Facts, b: Facts) -> Verdict:
    """Both report the same event type between the same actors (same side for directed types)."""
    if a.type != b.type:
        return Verdict("same_type_and_dyad", False, f"different types: {a.type} / {b.type}")
    if a.dyad != b.dyad:
        return Verdict(
            "same_type_and_dyad", False, f"different actors: {a.dyad.key} / {b.dyad.key}"
        )
    return Verdict("same_type_and_dyad", True, f"{a.type} {a.dyad.key}")


def items_compatible(a: Facts, b: Facts) -> Verdict:
    """The weapons can be the same: their specific categories overlap, or one side names
    only unspecified materiel (or none). Disjoint specific categories are different
    transfers (drones and missiles between the same states are two incidents)."""
    if not a.categories or not b.categories:
        return Verdict("items_compatible", True, "one side names no specific weapon")
    shared = a.categories & b.categories
    if shared:
        return Verdict("items_compatible", True, f"shared categories: {', '.join(sorted(shared))}")
    detail = f"different weapons: {label(a)} / {label(b)}"
    return Verdict("items_compatible", False, detail)


def label(facts: Facts) -> str:
    systems = f" ({', '.join(sorted(facts.systems))})" if facts.systems else ""
    return ", ".join(sorted(facts.categories)) + systems


def times_overlap(a: Facts, b: Facts) -> Verdict:
    """The time windows can be the same: an unknown time fits any; known windows must
    overlap once widened by ``TIME_TOLERANCE`` (90 days) on each side."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return Verdict("times_overlap", True, "time unknown on one side")
    if a.start <= b.end + TIME_TOLERANCE and b.start <= a.end + TIME_TOLERANCE:
        return Verdict("times_overlap", True, f"windows overlap: {window(a)} / {window(b)}")
    detail = f"more than {TIME_TOLERANCE.days} days apart: {window(a)} / {window(b)}"
    return Verdict("times_overlap", False, detail)


def window(facts: Facts) -> str:
    return f"{facts.start}…{facts.end}" if facts.start != facts.end else str(facts.start)


def status_compatible(a: Facts, b: Facts) -> Verdict:
    """Any statuses fit: stages follow one another (planned → agreed → delivered), and a
    denial or a cancellation is kept as a conflicting report in the same incident."""
    both = a.statuses | b.statuses
    if "denied" in both and both - {"denied", "unknown"}:
        return Verdict("status_compatible", True, "denial kept beside the reports it contradicts")
    stages = [s for s in STAGES if s in both]
    if len(stages) > 1:
        return Verdict("status_compatible", True, "progression " + " → ".join(stages))
    return Verdict("status_compatible", True, "same status: " + (", ".join(sorted(both)) or "-"))


RULES: tuple[Rule, ...] = (same_type_and_dyad, items_compatible, times_overlap, status_compatible)


def verdicts(event: Facts, incident: Facts) -> list[Verdict]:
    """Every rule's verdict on joining ``event`` to ``incident``."""
    return [rule(event, incident) for rule in RULES]


def compatible(event: Facts, incident: Facts) -> bool:
    """True when every rule agrees."""
    return all(v.ok for v in verdicts(event, incident))
