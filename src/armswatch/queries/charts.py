"""The actor network (who supplies whom) and the timeline of events by type."""

from __future__ import annotations

from collections import defaultdict

from armswatch.model import SYMMETRIC_TYPES
from armswatch.queries import incidents
from armswatch.queries.common import name_of
from armswatch.queries.events import event_conditions
from armswatch.queries.models import Graph, GraphEdge, GraphNode, Timeline, TimelineCell
from armswatch.queries.params import DAY, EventFilters, GraphQuery
from armswatch.store.view import View

MAX_MONTHS = 600

EDGES = """
WITH matching AS (
    SELECT e.id, e.type, e.target_keys, unnest(e.source_keys) AS source, {incident} AS incident
    FROM events e {incidents}
    WHERE {where}
), sides AS (
    SELECT id, type, incident, source, unnest(target_keys) AS target FROM matching
), pairs AS (
    SELECT
        CASE WHEN type IN ({symmetric}) THEN least(source, target) ELSE source END AS source,
        CASE WHEN type IN ({symmetric}) THEN greatest(source, target) ELSE target END AS target,
        type, id, any_value(incident) AS incident
    FROM sides WHERE source <> target GROUP BY ALL
), found AS (SELECT event, count(*) AS n FROM findings GROUP BY event)
SELECT p.source, p.target, p.type,
    count(DISTINCT p.incident) + count(*) FILTER (WHERE p.incident IS NULL),
    count(*), coalesce(sum(f.n), 0),
    count(*) FILTER (WHERE r.status = 'confirmed'), count(*) FILTER (WHERE r.status = 'rejected')
FROM pairs p LEFT JOIN found f ON f.event = p.id
LEFT JOIN reviews r ON r.kind = 'event' AND r.id = p.id
GROUP BY p.source, p.target, p.type ORDER BY ALL
"""
"""Edges with their weight (incidents, each unfused event counting as one), events,
findings, and the events analysts confirmed or rejected, counted in the store from
``events.source_keys``/``target_keys`` (no join with ``actors``; nothing per event comes
back to Python)."""


def actor_graph(view: View, query: GraphQuery) -> Graph:
    """Directed edges source → target per event type (symmetric types: sorted pair).

    An edge's weight is the number of incidents it stands for: fused events count once
    per incident, the others once each.
    """
    filters = query.model_copy(update={"type": None}) if query.all_types else query
    where, params = event_conditions(view, filters)
    fused = incidents.has_tables(view)
    links, link_params = incident_links(filters.type)
    sql = EDGES.format(
        where=where,
        symmetric=", ".join(f"'{kind}'" for kind in sorted(SYMMETRIC_TYPES)),
        incident="i.incident_id" if fused else "NULL",
        incidents=f"LEFT JOIN ({links}) i ON i.event_id = e.id" if fused else "",
    )
    rows = view.sql(sql, [*link_params, *params] if fused else params).rows
    edges = [
        GraphEdge(
            source=s,
            target=t,
            type=k,
            weight=w,
            events=n,
            findings=int(f),
            confirmed=confirmed,
            rejected=rejected,
        )
        for s, t, k, w, n, f, confirmed, rejected in rows
    ]
    return Graph(
        filters=filters.model_dump(mode="json", exclude_none=True),
        nodes=graph_nodes(edges),
        edges=edges,
    )


def incident_links(kind: str | None) -> tuple[str, list[str]]:
    """The event → incident links an edge query joins: of one type's blocks only when the
    edges are of one type (a block is ``type|dyad``: events of a type are only ever fused
    into incidents of that type), which spares a scan of every link."""
    if kind is None:
        return "SELECT event_id, incident_id FROM incident_events", []
    return (
        "SELECT event_id, incident_id FROM incident_events WHERE starts_with(block, ?)",
        [f"{kind}|"],
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
        f"FROM events e WHERE {where} "
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
