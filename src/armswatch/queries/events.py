"""Events and findings as filtered, paginated lists in a stable order."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from armswatch.model import Item
from armswatch.queries import incidents
from armswatch.queries.common import (
    IN_LIST,
    article_refs,
    count,
    findings_of_events,
    key_refs,
    keyed_findings,
    list_info,
    review_statuses,
)
from armswatch.queries.models import EventList, EventRow, FindingList, FindingRow
from armswatch.queries.paged import event_page, finding_page
from armswatch.queries.params import (
    DAY,
    EventFilters,
    EventQuery,
    FindingQuery,
    conditions,
    finding_conditions,
)
from armswatch.sanctions.standing import finding_binding
from armswatch.store.sql import Row, rows_by_values
from armswatch.store.view import View

EVENTS = "FROM events e"


def event_conditions(view: View, filters: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE text and parameters of the filters, ``min_sources`` included."""
    return conditions(filters, incidents.min_sources_filter(view, filters.min_sources))


def list_events(view: View, query: EventQuery) -> EventList:
    """The events matching ``query``, by date then article and position: a page from the
    store's page tables when they keep its filters (``queries.paged``), else queried."""
    total, rows = event_page(view, query) or queried_events(view, query)
    info = list_info(total, query.limit, query.offset, query.model_dump(mode="json"))
    return EventList(**info.model_dump(), events=rows)


def queried_events(view: View, query: EventQuery) -> tuple[int, list[EventRow]]:
    """The total and the page of ``list_events``, from the event tables."""
    where, params = event_conditions(view, query)
    total = count(view, f"SELECT count(*) {EVENTS} WHERE {where}", params)
    order = "ASC" if query.sort == "date" else "DESC"
    found = view.sql(
        f"SELECT e.id {EVENTS} WHERE {where} "
        f"ORDER BY {DAY} {order} NULLS LAST, e.sha256, e.ordinal LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    )
    return total, event_rows(view, [row[0] for row in found.rows])


ROW_COLUMNS = (
    "id, sha256, type, subtype, status, certainty, confidence, day, source_keys, target_keys"
)
"""What a table row shows of the event itself: its day and dyad keys are on the row, so
the actors and attributions of the events are not read."""


def event_rows(view: View, ids: list[str]) -> list[EventRow]:
    """Table rows of these events, in this order (unknown ids are left out)."""
    select = f"SELECT {ROW_COLUMNS} FROM events WHERE id = ANY(?)"
    events = {row["id"]: row for row in rows_by_values(view.con, select, ids)}
    items = by_event(view, "SELECT event_id, category, system FROM items", ids)
    evidence = by_event(view, "SELECT event_id, text FROM evidence", ids, first_only=True)
    index = incidents.memberships(view, ids)
    articles = article_refs(view, (e["sha256"] for e in events.values()))
    findings = findings_of_events(view, ids)
    reviewed = review_statuses(view, ids)
    rows = []
    for event_id in (i for i in ids if i in events):
        event = events[event_id]
        member = index.get(event_id)
        rows.append(
            EventRow(
                **{k: event[k] for k in ("id", "type", "subtype", "status", "certainty")},
                confidence=event["confidence"],
                date=event["day"],
                source=key_refs(event["source_keys"]),
                target=key_refs(event["target_keys"]),
                items=[label(item["category"], item["system"]) for item in items[event_id]],
                evidence=next((e["text"] for e in evidence[event_id]), ""),
                rules=list(dict.fromkeys(f.rule for f in findings.get(event_id, {}).values())),
                incident=member.incident if member else None,
                sources=member.sources if member else 1,
                article=articles[event["sha256"]],
                review=reviewed.get(event_id),
            )
        )
    return rows


def by_event(
    view: View, select: str, ids: list[str], first_only: bool = False
) -> defaultdict[str, list[Row]]:
    """Rows of an event part table (``select`` names the columns), grouped by event in
    their order; ``first_only``: each event's first row only."""
    condition = "event_id = ANY(?)" + (" AND ordinal = 0" if first_only else "")
    grouped: defaultdict[str, list[Row]] = defaultdict(list)
    for row in rows_by_values(view.con, f"{select} WHERE {condition} ORDER BY ordinal", ids):
        grouped[row["event_id"]].append(row)
    return grouped


def item_label(item: Item) -> str:
    return label(item.category, item.system)


def label(category: str, system: str | None) -> str:
    """``category: system``, or the category alone."""
    return f"{category}: {system}" if system else category


def list_findings(view: View, query: FindingQuery) -> FindingList:
    """The findings matching ``query``, by the date they were checked at, then rule: a
    page from the store's page tables when they keep its filters (``queries.paged``),
    else queried."""
    total, rows = finding_page(view, query) or queried_findings(view, query)
    info = list_info(total, query.limit, query.offset, query.model_dump(mode="json"))
    return FindingList(**info.model_dump(), findings=rows)


def queried_findings(view: View, query: FindingQuery) -> tuple[int, list[FindingRow]]:
    """The total and the page of ``list_findings``, from the finding tables.

    Findings carry their article (``f.sha256``) and date, so only filters on the event
    (its actors, items, status …) need the events: then as a semi-join.
    """
    own, params = finding_conditions(query)
    where = f"{own} AND f.sha256 NOT IN (SELECT sha256 FROM articles WHERE NOT current)"
    on_events = EventFilters.model_validate(query.model_dump(exclude={"rule"}))
    if on_events.model_dump(exclude={"include_rejected"}) != EventFilters().model_dump(
        exclude={"include_rejected"}
    ):
        condition, more = event_conditions(view, on_events)
        where, params = (
            f"{where} AND f.event IN (SELECT e.id {EVENTS} WHERE {condition})",
            [
                *params,
                *more,
            ],
        )
    total = count(view, f"SELECT count(*) FROM findings f WHERE {where}", params)
    order = "ASC" if query.sort == "date" else "DESC"
    found = view.sql(
        f"SELECT f.sha256, f.ordinal FROM findings f WHERE {where} "
        f"ORDER BY f.date {order} NULLS LAST, f.rule, f.sha256, f.ordinal LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    )
    keys = [f"{sha}:f{ordinal}" for sha, ordinal in found.rows]
    return total, finding_rows(view, keys)


FINDING_EVENT = (
    "SELECT id, type, status, certainty, source_keys, target_keys FROM events WHERE id = ANY(?)"
)
"""What a finding's row shows of its event (its dyad keys: not its actors' rows)."""


def finding_rows(view: View, keys: list[str]) -> list[FindingRow]:
    """Rows of the findings with these ids (``<sha256>:f<n>``), in this order; unknown ids
    are left out."""
    if not keys:
        return []
    shas = list(dict.fromkeys(key.rsplit(":f", 1)[0] for key in keys))
    stored = keyed_findings(view, f"f.sha256 {IN_LIST}", [shas])
    ids = list(dict.fromkeys(f.event for f in stored.values()))
    events = {row["id"]: row for row in rows_by_values(view.con, FINDING_EVENT, ids)}
    articles = article_refs(view, (f.sha256 for f in stored.values()))
    index = incidents.memberships(view, list(events))
    reviewed = review_statuses(view, list(events))
    rows = []
    for key in (k for k in keys if k in stored):
        finding = stored[key]
        event = events[finding.event]
        member = index.get(finding.event)
        rows.append(
            FindingRow(
                id=key,
                **finding.model_dump(
                    include={"rule", "regime", "instrument", "provision", "in_force"}
                    | {"contested", "explanation", "citation", "date", "event", "evidence"}
                ),
                binding=finding_binding(finding.rule, finding.instrument, finding.provision),
                type=event["type"],
                status=event["status"],
                certainty=event["certainty"],
                source=key_refs(event["source_keys"]),
                target=key_refs(event["target_keys"]),
                incident=member.incident if member else None,
                sources=member.sources if member else 1,
                article=articles[finding.sha256],
                review=reviewed.get(finding.event),
            )
        )
    return rows
