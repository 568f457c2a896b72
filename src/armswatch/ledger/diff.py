"""What a new analysis of an article changes: events and findings compared by stable id.

Pure functions over table rows (``store.rows.Rows``): the rows stored for an article and
the rows of its new analysis. An event's *view* is its row and the rows of its parts
(actors, items, evidence, attributions), without the columns that only place it (its
ordinal among the article's events, the article's sha256); two views are equal when the
event did not change. What changed is named by field: ``status``, ``items``, ``actors``,
``certainty``, ``time``, ``evidence``, ``attribution``, else ``other``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from armswatch.store.sql import Row

PARTS = {
    "actors": "actors",
    "items": "items",
    "evidence": "evidence",
    "attributions": "attribution",
}
PLACING = frozenset({"sha256", "event_id", "ordinal", "current", "day"})
EVENT_FIELDS = {
    "status": ("status",),
    "certainty": ("certainty",),
    "time": ("time_text", "time_start", "time_end", "time_precision"),
}
View = dict[str, Any]


def event_views(rows: Mapping[str, list[Row]]) -> dict[str, View]:
    """Each event's view, by id."""
    views: dict[str, View] = {}
    for row in rows.get("events", []):
        event = {k: v for k, v in row.items() if k not in PLACING}
        views[row["id"]] = {"event": event, **{name: [] for name in PARTS.values()}}
    for table, name in PARTS.items():
        for row in sorted(rows.get(table, []), key=lambda r: (r.get("role", ""), r["ordinal"])):
            if row["event_id"] in views:
                views[row["event_id"]][name].append(
                    {k: v for k, v in row.items() if k not in PLACING}
                )
    return views


def finding_views(rows: Mapping[str, list[Row]]) -> dict[str, View]:
    """Each finding's row (without its place), by id."""
    return {
        str(row["id"]): {k: v for k, v in row.items() if k not in PLACING}
        for row in rows.get("findings", [])
    }


def changed_fields(before: View, after: View) -> list[str]:
    """The named fields whose values differ between two views of one event."""
    found = []
    for name, columns in EVENT_FIELDS.items():
        if any(before["event"].get(c) != after["event"].get(c) for c in columns):
            found.append(name)
    found += [name for name in PARTS.values() if before[name] != after[name]]
    named = {c for columns in EVENT_FIELDS.values() for c in columns}
    rest = {k for k in before["event"].keys() | after["event"].keys() if k not in named}
    if any(before["event"].get(k) != after["event"].get(k) for k in rest):
        found.append("other")
    return found


@dataclass
class Diff:
    """What changed in one article: ids added and removed, and fields changed per id."""

    events_added: dict[str, View] = field(default_factory=dict)
    events_removed: dict[str, View] = field(default_factory=dict)
    events_changed: dict[str, tuple[View, View, list[str]]] = field(default_factory=dict)
    findings_gained: dict[str, View] = field(default_factory=dict)
    findings_lost: dict[str, View] = field(default_factory=dict)
    findings_changed: dict[str, tuple[View, View]] = field(default_factory=dict)
    other_rows_changed: bool = False
    """Something beside events and findings differs (mentions): rows to rewrite, no history."""

    @property
    def ledger_changed(self) -> bool:
        """Events or findings differ (history rows follow)."""
        return bool(
            self.events_added
            or self.events_removed
            or self.events_changed
            or self.findings_gained
            or self.findings_lost
            or self.findings_changed
        )

    @property
    def rows_changed(self) -> bool:
        return self.ledger_changed or self.other_rows_changed

    @property
    def touched_events(self) -> list[str]:
        """Events that left or changed: their incident links must be rebuilt."""
        return sorted(self.events_removed.keys() | self.events_changed.keys())


def diff_rows(old: Mapping[str, list[Row]], new: Mapping[str, list[Row]]) -> Diff:
    """What the new rows of an article change against the stored ones."""
    diff = Diff()
    before, after = event_views(old), event_views(new)
    diff.events_added = {i: v for i, v in after.items() if i not in before}
    diff.events_removed = {i: v for i, v in before.items() if i not in after}
    for key in before.keys() & after.keys():
        if before[key] != after[key]:
            diff.events_changed[key] = (
                before[key],
                after[key],
                changed_fields(before[key], after[key]),
            )
    found_before, found_after = finding_views(old), finding_views(new)
    diff.findings_gained = {i: v for i, v in found_after.items() if i not in found_before}
    diff.findings_lost = {i: v for i, v in found_before.items() if i not in found_after}
    diff.findings_changed = {
        i: (found_before[i], found_after[i])
        for i in found_before.keys() & found_after.keys()
        if found_before[i] != found_after[i]
    }
    mentions = [{k: v for k, v in r.items() if k != "sha256"} for r in old.get("mentions", [])]
    fresh = [{k: v for k, v in r.items() if k != "sha256"} for r in new.get("mentions", [])]
    diff.other_rows_changed = mentions != fresh
    return diff


def as_json(view: View | None) -> str | None:
    """A view as JSON for the history (keys sorted, so equal views give equal text)."""
    return None if view is None else json.dumps(view, sort_keys=True, default=str)
