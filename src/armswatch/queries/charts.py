"""The actor network (who supplies whom) and the timeline of events by type."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from armswatch.model import SYMMETRIC_TYPES
from armswatch.queries import incidents
from armswatch.queries.common import name_of
from armswatch.queries.events import event_conditions
from armswatch.queries.models import Graph, GraphEdge, GraphNode, Timeline, TimelineCell
from armswatch.queries.params import DAY, EventFilters, GraphQuery
from armswatch.store.view import View

MAX_MONTHS = 600

PAIRS = """
SELECT DISTINCT coalesce(s.country, s.id), coalesce(t.country, t.id), e.type, e.id,
    (SELECT count(*) FROM findings f WHERE f.event = e.id)
FROM events e JOIN articles a USING (sha256)
JOIN actors s ON s.event_id = e.id AND s.role = 'source'
JOIN actors t ON t.event_id = e.id AND t.role = 'target'
WHERE {where}
"""


@dataclass
class EdgeTally:
    events: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    findings: int = 0


def actor_graph(view: View, query: GraphQuery) -> Graph:
    """Directed edges source → target per event type (symmetric types: sorted pair).

    An edge's weight is the number of incidents it stands for: fused events count once
    per incident, the others once each.
    """
    filters = query.model_copy(update={"type": None}) if query.all_types else query
    where, params = event_conditions(view, filters)
    pairs = view.sql(PAIRS.format(where=where), params).rows
    index = incidents.memberships(view, list({row[3] for row in pairs}))
    tallies: dict[tuple[str, str, str], EdgeTally] = defaultdict(EdgeTally)
    for source, target, kind, event_id, findings in pairs:
        if source == target:
            continue
        if kind in SYMMETRIC_TYPES:
            source, target = sorted((source, target))
        tally = tallies[(source, target, kind)]
        if event_id not in tally.events:
            tally.events.add(event_id)
            tally.findings += int(findings)
        member = index.get(event_id)
        tally.stories.add(member.incident if member else event_id)
    edges = [
        GraphEdge(
            source=s,
            target=t,
            type=k,
            weight=len(v.stories),
            events=len(v.events),
            findings=v.findings,
        )
        for (s, t, k), v in sorted(tallies.items())
    ]
    return Graph(
        filters=filters.model_dump(mode="json", exclude_none=True),
        nodes=graph_nodes(edges),
        edges=edges,
    )


def graph_nodes(edges: list[GraphEdge]) -> list[GraphNode]:
    events: dict[str, int] = defaultdict(int)
    findings: dict[str, int] = defaultdict(int)
    for edge in edges:
        for key in (edge.source, edge.target):
            events[key] += edge.events
            findings[key] += edge.findings
    return [
        GraphNode(id=key, name=name_of(key), events=events[key], findings=findings[key])
        for key in sorted(events, key=lambda k: (-events[k], k))
    ]


def timeline(view: View, filters: EventFilters) -> Timeline:
    """Events per month and type, every month from the first to the last."""
    where, params = event_conditions(view, filters)
    found = view.sql(
        f"SELECT strftime(try_cast({DAY} AS DATE), '%Y-%m') AS month, e.type, count(*) "
        f"FROM events e JOIN articles a USING (sha256) WHERE {where} "
        "GROUP BY ALL ORDER BY month, e.type",
        params,
    ).rows
    cells = [TimelineCell(month=m, type=t, count=n) for m, t, n in found if m]
    undated = sum(n for m, _, n in found if not m)
    months = month_range(cells[0].month, cells[-1].month) if cells else []
    return Timeline(
        filters=filters.model_dump(mode="json", exclude_none=True),
        months=months,
        types=sorted({c.type for c in cells}),
        cells=cells,
        undated=undated,
    )


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` (at most MAX_MONTHS, the latest kept)."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months[-MAX_MONTHS:]
