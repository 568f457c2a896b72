"""The history of the ledger: rows of ``history``, written with the change they record.

``changes_of_diff`` turns what a re-analysis changed in one article into rows;
``incident_changes`` does the same for incidents before and after (``fuse.update`` records
them whenever it writes incidents: a run, a re-analysis, a review, a rebuild); ``history_of`` reads
the rows of one id (an event, finding or incident: for an incident, also the rows of
the events it holds), oldest first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

from armswatch.ledger.diff import Diff, as_json
from armswatch.ledger.models import Change
from armswatch.ledger.tables import HISTORY
from armswatch.store.columns import nest
from armswatch.store.records import utc_now
from armswatch.store.sql import insert_into, rows_of

if TYPE_CHECKING:  # fuse records its incidents' changes here (``fuse.update``)
    from armswatch.fuse.models import IncidentRow


@dataclass
class Stamp:
    """When and by what a change was made."""

    fingerprint: str | None
    run_id: str | None
    at: datetime = field(default_factory=utc_now)


def changes_of_diff(diff: Diff, sha256: str, stamp: Stamp) -> list[Change]:
    """One row per event added, removed or changed, and per finding gained, lost or changed."""
    made = {"at": stamp.at, "fingerprint": stamp.fingerprint, "run_id": stamp.run_id}
    rows = [
        Change(subject=i, kind="event", change="added", after=as_json(v), sha256=sha256, **made)
        for i, v in sorted(diff.events_added.items())
    ]
    rows += [
        Change(subject=i, kind="event", change="removed", before=as_json(v), sha256=sha256, **made)
        for i, v in sorted(diff.events_removed.items())
    ]
    rows += [
        Change(
            subject=i,
            kind="event",
            change="changed",
            fields=fields,
            before=as_json(before),
            after=as_json(after),
            sha256=sha256,
            **made,
        )
        for i, (before, after, fields) in sorted(diff.events_changed.items())
    ]
    rows += [
        Change(subject=i, kind="finding", change="added", after=as_json(v), sha256=sha256, **made)
        for i, v in sorted(diff.findings_gained.items())
    ]
    rows += [
        Change(
            subject=i, kind="finding", change="removed", before=as_json(v), sha256=sha256, **made
        )
        for i, v in sorted(diff.findings_lost.items())
    ]
    rows += [
        Change(
            subject=i,
            kind="finding",
            change="changed",
            fields=sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)),
            before=as_json(before),
            after=as_json(after),
            sha256=sha256,
            **made,
        )
        for i, (before, after) in sorted(diff.findings_changed.items())
    ]
    return rows


INCIDENT_FIELDS = {
    "members": ("event_ids",),
    "status": ("progression", "statuses"),
    "sources": ("articles", "independent_sources", "sources", "denied_by"),
    "items": ("items", "categories", "systems"),
    "actors": ("source", "target"),
    "time": ("time_start", "time_end", "first_reported", "last_reported"),
    "findings": ("rules",),
    "score": ("score", "reasons"),
}


def incident_fields(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The named fields of an incident that differ."""
    found = [
        name
        for name, columns in INCIDENT_FIELDS.items()
        if any(before.get(c) != after.get(c) for c in columns)
    ]
    return found or ["other"]


def incident_changes(
    before: Sequence[IncidentRow], after: Sequence[IncidentRow], stamp: Stamp
) -> list[Change]:
    """Rows for the incidents that appeared, went, or changed between two snapshots."""
    old = {row.id: row.model_dump(mode="json") for row in before}
    new = {row.id: row.model_dump(mode="json") for row in after}
    made = {"at": stamp.at, "fingerprint": stamp.fingerprint, "run_id": stamp.run_id}
    rows = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        change = "added" if was is None else "removed" if now is None else "changed"
        fields = incident_fields(was, now) if was is not None and now is not None else []
        rows.append(
            Change(
                subject=key,
                kind="incident",
                change=change,
                fields=fields,
                before=None if was is None else json.dumps(was, sort_keys=True),
                after=None if now is None else json.dumps(now, sort_keys=True),
                **made,
            )
        )
    return rows


def record_changes(con: duckdb.DuckDBPyConnection, changes: Sequence[Change]) -> int:
    """Write history rows (inside the caller's transaction); RETURNS how many."""
    return insert_into(con, HISTORY, changes)


def history_of(con: duckdb.DuckDBPyConnection, subject: str) -> list[Change]:
    """The changes of an event, finding or incident (an incident's own and those of the
    events it holds now or held), oldest first; [] when there are none."""
    rows = rows_of(
        con,
        "SELECT * FROM history WHERE subject = ? OR subject IN ("
        "  SELECT event_id FROM incident_events WHERE incident_id = ?"
        "  UNION SELECT unnest(event_ids) FROM incidents WHERE id = ?"
        ') ORDER BY "at", kind, subject',
        [subject, subject, subject],
    )
    return [Change.model_validate(nest(row, HISTORY.columns)) for row in rows]
