"""The lists' fast path: a page from the store's page tables (``store.pages``).

Each function answers a list query from the page tables when its filters are one of the
facets they keep (``store.pages.FACETS``) and the tables are fresh; otherwise it returns
None and the list runs its own queries. Both give the same rows in the same order
(``tests/store/test_pages.py`` checks it for every combination of filters).
"""

from __future__ import annotations

from typing import Any

from armswatch.fuse import IncidentSummary
from armswatch.fuse.read import actor_key
from armswatch.queries.common import key_refs
from armswatch.queries.models import EventRow, FindingRow
from armswatch.queries.params import (
    EventFilters,
    EventQuery,
    FindingQuery,
    IncidentQuery,
    country_codes,
)
from armswatch.sanctions.rulebook import same_rule_ids
from armswatch.sanctions.standing import finding_binding
from armswatch.store.pages import FACETS, MAX_SOURCES_FACET, facet, read_page
from armswatch.store.view import View

EVENT_FACET_FILTERS = ("type", "actor", "counterpart", "source", "target")
"""The event filters a facet can stand for; any other filter set means no facet."""


def event_facet(filters: EventFilters) -> str | None:
    """The facet of these event filters, or None when they are not one the page tables
    keep (``store.pages.FACETS``): another filter is set, or an actor code is not a
    country (such a code also matches actors' ids)."""
    defaults = EventFilters().model_dump()
    others = set(EventFilters.model_fields) - set(EVENT_FACET_FILTERS)
    if any(getattr(filters, name) != defaults[name] for name in others):
        return None
    values: dict[str, str] = {}
    for name in EVENT_FACET_FILTERS:
        value = getattr(filters, name)
        if value is not None:
            values[name] = value if name == "type" else value.upper()
    codes = [v for name, v in values.items() if name != "type"]
    if tuple(values) not in FACETS["events"] or not set(codes) <= country_codes():
        return None
    return facet(**values)


def event_page(view: View, query: EventQuery) -> tuple[int, list[EventRow]] | None:
    """The total and rows of an event list page, or None (see the module)."""
    key = event_facet(query)
    page = None if key is None else read_page(view, "events", key, *paging(query))
    if page is None:
        return None
    return page.total, [event_row(row) for row in page.rows]


def paging(query: EventQuery | FindingQuery) -> tuple[int, int, bool]:
    return query.offset, query.limit, query.sort == "date"


def event_row(row: dict[str, Any]) -> EventRow:
    """An event list row from its page-table JSON (actors and items as stored)."""
    from armswatch.queries.events import label

    items = [label(item["category"], item["system"]) for item in row["items"]]
    return EventRow.model_validate(
        row
        | {
            "source": key_refs(row["source"]),
            "target": key_refs(row["target"]),
            "items": items,
            "rules": list(dict.fromkeys(row["rules"])),
        }
    )


def finding_page(view: View, query: FindingQuery) -> tuple[int, list[FindingRow]] | None:
    """The total and rows of a finding list page, or None: only the rule filter (or
    none) has facets; findings stored under another id of the same rule are all in one
    facet only when just one of those ids has findings."""
    defaults = FindingQuery().model_dump(exclude={"rule", "limit", "offset", "sort"})
    if query.model_dump(exclude={"rule", "limit", "offset", "sort"}) != defaults:
        return None
    key = ""
    if query.rule is not None:
        keys = [facet(rule=rule) for rule in same_rule_ids(query.rule)]
        found = [k for k in keys if (p := read_page(view, "findings", k, 0, 0)) and p.total]
        if len(found) > 1:
            return None
        key = found[0] if found else keys[0]
    page = read_page(view, "findings", key, *paging(query))
    if page is None:
        return None
    return page.total, [finding_row(row) for row in page.rows]


def finding_row(row: dict[str, Any]) -> FindingRow:
    binding = finding_binding(row["rule"], row["instrument"], row["provision"])
    refs = {"source": key_refs(row["source"]), "target": key_refs(row["target"])}
    return FindingRow.model_validate(row | refs | {"binding": binding})


def incident_page(view: View, query: IncidentQuery) -> tuple[int, list[IncidentSummary]] | None:
    """The total and rows of an incident list page, or None: one filter at most, an
    actor or a minimum of up to ``MAX_SOURCES_FACET`` independent sources."""
    if query.since is not None or (query.actor and query.min_sources):
        return None
    if query.min_sources is not None and query.min_sources > MAX_SOURCES_FACET:
        return None
    values: dict[str, object] = {}
    if query.actor:
        values["actor"] = actor_key(query.actor)
    elif query.min_sources is not None:
        values["min_sources"] = query.min_sources
    page = read_page(view, "incidents", facet(**values), query.offset, query.limit)
    if page is None:
        return None
    return page.total, [IncidentSummary.model_validate(row) for row in page.rows]
