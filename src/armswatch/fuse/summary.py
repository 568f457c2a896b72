"""An incident's stored row: the merged description (``Tally``), its title, its counted
claims' independent sources, conflicting reports side by side, and the score."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from armswatch.fuse.facts import UNKNOWN_SIDE, Facts
from armswatch.fuse.independence import independent_sources
from armswatch.fuse.models import Claim, IncidentRow, ItemRange, Source
from armswatch.fuse.score import corroboration
from armswatch.fuse.tally import Tally, quantity_conflicts


def summarize(
    incident_id: str, facts: Facts, tally: Tally, claims: Sequence[Claim], rules: Iterable[str]
) -> IncidentRow:
    """The stored incident.

    facts (Facts): the merge of its events' facts; tally: all its reports added;
    claims: all its claims, counted (``independence.counted``).
    """
    sources = independent_sources(claims, facts.dyad, facts.type)
    score, reasons = corroboration(sources, tally.articles)
    items = tally.item_ranges()
    return IncidentRow(
        id=incident_id,
        type=facts.type,
        title=title(facts, items),
        dyad=facts.dyad.key,
        source=list(facts.dyad.source),
        target=list(facts.dyad.target),
        symmetric=facts.dyad.symmetric,
        items=items,
        first_reported=tally.first_published,
        last_reported=tally.last_published,
        time_start=facts.start.isoformat() if facts.start else None,
        time_end=facts.end.isoformat() if facts.end else None,
        progression=tally.progression(),
        conflicts=denial_conflicts(sources) + quantity_conflicts(tally.quantified),
        event_ids=list(tally.event_ids),
        articles=tally.articles,
        independent_sources=sum(1 for s in sources if s.supports),
        sources=[s.key for s in sources if s.supports],
        denied_by=[s.key for s in sources if s.denies],
        rules=sorted(set(rules)),
        score=score,
        reasons=reasons,
        block=facts.block,
        categories=sorted(facts.categories),
        systems=sorted(facts.systems),
        statuses=sorted(facts.statuses),
        first_key=tally.first_key or "",
    )


def title(facts: Facts, items: Sequence[ItemRange]) -> str:
    """``PRK → RUS arms transfer: ammunition, missile (KN-23)``."""
    dyad = facts.dyad
    if dyad.symmetric:
        who = " – ".join(dyad.source) or UNKNOWN_SIDE
    else:
        who = f"{', '.join(dyad.source) or UNKNOWN_SIDE} → {', '.join(dyad.target) or UNKNOWN_SIDE}"
    what = ", ".join(
        i.category + (f" ({', '.join(i.systems)})" if i.systems else "") for i in items
    )
    return f"{who} {facts.type.replace('_', ' ')}" + (f": {what}" if what else "")


def denial_conflicts(sources: Sequence[Source]) -> list[str]:
    """Asserted by some, denied by others: both kept, side by side."""
    asserting = [s.key for s in sources if s.supports]
    denying = [s.key for s in sources if s.denies]
    if asserting and denying:
        return [f"asserted by {', '.join(asserting)}; denied by {', '.join(denying)}"]
    return []
