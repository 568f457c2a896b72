"""The one place that talks to ``armswatch.fuse`` (cross-article incidents).

Everything else asks this adapter: whether the store has incidents, which incident an
event belongs to (and its independent sources), the incident list, and one incident's
story. It hands out ``fuse``'s own models (``IncidentSummary``, ``IncidentStory``): the
read side has one model per concept, not copies. Without fused incidents every event
stands alone: it is its own story, with one source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from armswatch.fuse import IncidentStory, IncidentSummary
from armswatch.fuse import get_incident as fuse_get_incident
from armswatch.fuse import list_incidents as fuse_list_incidents
from armswatch.fuse.read import count_incidents as fuse_count_incidents
from armswatch.queries.common import chunks, event_docs
from armswatch.store.view import View

MEMBERS = (
    "SELECT m.event_id, m.incident_id, i.independent_sources "
    "FROM incident_events m JOIN incidents i ON i.id = m.incident_id"
)


@dataclass(frozen=True)
class Membership:
    """The incident an event belongs to and that incident's independent sources."""

    incident: str
    sources: int


def has_tables(view: View) -> bool:
    """Whether the store has the incident tables (stores older than migration 2 do not)."""
    return {"incidents", "incident_events"} <= view.tables()


def available(view: View) -> bool:
    """Whether the store holds fused incidents (``armswatch incidents --rebuild``)."""
    if not has_tables(view):
        return False
    query = "SELECT count(*) FROM incidents"
    return bool(view.remembered(query, (), lambda: view.sql(query).rows[0][0]))


def memberships(view: View, event_ids: list[str]) -> dict[str, Membership]:
    """Event id → its incident, for those of these events that are fused."""
    if not event_ids or not has_tables(view):
        return {}
    docs = event_docs(view, event_ids)
    if docs is not None:
        return {
            event_id: Membership(doc.incident, int(doc.sources or 0))
            for event_id, doc in docs.items()
            if doc.incident is not None
        }
    found: dict[str, Membership] = {}
    for part in chunks(event_ids):
        rows = view.sql(f"{MEMBERS} WHERE m.event_id = ANY(?::VARCHAR[])", [part]).rows
        for event_id, incident, sources in rows:
            found[event_id] = Membership(incident, int(sources))
    return found


def min_sources_filter(view: View, minimum: int | None) -> tuple[str, list[object]] | None:
    """The condition (over ``events e``) of ``min_sources``: an event outside any incident
    has one source."""
    if minimum is None or minimum <= 1:
        return None
    if not has_tables(view):
        return "FALSE", []
    return f"e.id IN (SELECT event_id FROM ({MEMBERS}) WHERE independent_sources >= ?)", [minimum]


def list_incidents(
    view: View,
    *,
    actor: str | None = None,
    since: dt.date | None = None,
    min_sources: int | None = None,
    limit: int = 50,
    offset: int = 0,
    ids: list[str] | None = None,
) -> list[IncidentSummary]:
    """Incidents, latest reported first; ``ids``: only these."""
    if not has_tables(view):
        return []
    return fuse_list_incidents(
        view,
        actor=actor,
        since=since.isoformat() if since else None,
        min_sources=min_sources,
        limit=limit,
        offset=offset,
        ids=ids,
    )


def count_incidents(
    view: View,
    *,
    actor: str | None = None,
    since: dt.date | None = None,
    min_sources: int | None = None,
) -> int:
    """How many incidents match (0 without fused incidents)."""
    if not has_tables(view):
        return 0
    since_day = since.isoformat() if since else None
    return view.remembered(  # a list's total, kept per filter as ``common.count`` does
        "incidents.count",
        (actor, since_day, min_sources),
        lambda: fuse_count_incidents(view, actor=actor, since=since_day, min_sources=min_sources),
    )


def incidents_of_events(view: View, event_ids: list[str]) -> list[IncidentSummary]:
    """The incidents these events are in, latest reported first."""
    ids = sorted({member.incident for member in memberships(view, event_ids).values()})
    return list_incidents(view, limit=max(1, len(ids)), ids=ids) if ids else []


def get_incident(view: View, incident_id: str) -> IncidentStory | None:
    """One incident's whole story (``fuse``), or None."""
    if not has_tables(view):
        return None
    return fuse_get_incident(view, incident_id)
