"""Assigning events to incidents: attach each to the best compatible incident, or start one.

Events are taken in the fusing order (``Member.sort_key``: publication date, then article
and event), so the same events always give the same incidents: the incremental update
takes this path only when the new events come after every event already in their block,
and recomputes the block otherwise. An incident's id hashes its block and first event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from armswatch.fuse.facts import Facts
from armswatch.fuse.members import Member
from armswatch.fuse.rules import compatible, verdicts

FIRST_REPORT = "first report"


@dataclass
class Profile:
    """An incident during assignment: its facts so far and the events that joined now."""

    id: str
    facts: Facts
    first_key: str
    joined: list[tuple[Member, str]] = field(default_factory=list)
    """(event, why it joined) for the events assigned in this pass."""


def incident_id(facts: Facts, first_event_id: str) -> str:
    """A deterministic id: ``inc_`` + 16 hex of SHA-1 over block and first event id."""
    digest = hashlib.sha1(f"{facts.block}|{first_event_id}".encode()).hexdigest()
    return f"inc_{digest[:16]}"


def best_match(facts: Facts, profiles: Iterable[Profile]) -> Profile | None:
    """The compatible incident sharing most categories, then systems; then the oldest."""
    fitting = [p for p in profiles if compatible(facts, p.facts)]
    return min(
        fitting,
        key=lambda p: (
            -len(facts.categories & p.facts.categories),
            -len(facts.systems & p.facts.systems),
            p.first_key,
        ),
        default=None,
    )


def assign(members: Iterable[Member], profiles: list[Profile]) -> list[Profile]:
    """Attach ``members`` to ``profiles`` (extended in place); RETURNS those that changed."""
    for member in sorted(members, key=lambda m: m.sort_key):
        chosen = best_match(member.facts, profiles)
        if chosen is None:
            chosen = Profile(
                incident_id(member.facts, member.event.id), member.facts, member.sort_key
            )
            profiles.append(chosen)
            why = FIRST_REPORT
        else:
            why = "; ".join(v.detail for v in verdicts(member.facts, chosen.facts))
            chosen.facts = chosen.facts.merge(member.facts)
        chosen.joined.append((member, why))
    return [p for p in profiles if p.joined]
