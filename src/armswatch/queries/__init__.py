"""The read side of the API, the dashboard and the exports: one function per page.

Every function takes a read-only ``View`` and typed parameters and returns a pydantic
model (``queries.models``). The JSON endpoints return it as is, the dashboard renders it,
the exports serialise it: the dashboard runs no queries of its own.

- ``list_findings``, ``list_events`` (+ ``event_rows``): filtered, paginated, stable order;
- ``incident_story``, ``event_story``: the incident page; ``list_rules``;
- ``list_articles``, ``article_page``, ``list_actors``, ``list_incident_page``;
- ``actor_graph``, ``timeline``, ``flow_map``: the network, the timeline and the map;
- ``actor_page``: one actor's transfers, findings, incidents and counterparts.

Which page shows which function, with which template, is the page table
``armswatch.api.pages``.
"""

from __future__ import annotations

from armswatch.queries.actor import actor_page
from armswatch.queries.browse import article_page, list_actors, list_articles, list_incident_page
from armswatch.queries.charts import actor_graph, timeline
from armswatch.queries.events import list_events, list_findings
from armswatch.queries.flows import flow_map
from armswatch.queries.story import event_story, incident_story, list_rules

__all__ = [
    "actor_graph",
    "actor_page",
    "article_page",
    "event_story",
    "flow_map",
    "incident_story",
    "list_actors",
    "list_articles",
    "list_events",
    "list_findings",
    "list_incident_page",
    "list_rules",
    "timeline",
]
