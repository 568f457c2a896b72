"""Analysts' reviews: a verdict on an event or incident, kept across re-analysis.

A review is keyed to the stable id of what it judges (``reviews.id``), one per subject
(the latest); every review made is also a ``history`` row, so earlier verdicts stay
readable. When a re-analysis removes or changes a reviewed event (or recomputes away a
reviewed incident), the review is kept and flagged (``recheck``) for a second look.
A rejected event leaves its incident (and so the incident's source counts): reviewing an
event re-fuses its block when the verdict turns to or from rejected
(``ledger.tables.REJECTED_EVENTS`` is the SQL to filter by).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

import duckdb

from armswatch.errors import InvalidRequestError, NotFoundError
from armswatch.ledger.diff import Diff
from armswatch.ledger.models import REVIEW_STATUSES, Change, Review
from armswatch.ledger.tables import HISTORY, REVIEWS
from armswatch.store.columns import nest
from armswatch.store.records import utc_now
from armswatch.store.sql import insert_into, rows_by_values, rows_of


def subject_kind(con: duckdb.DuckDBPyConnection, subject: str) -> Literal["event", "incident"]:
    """Whether ``subject`` is a stored event or incident; NotFoundError otherwise."""
    if rows_of(con, "SELECT 1 FROM events WHERE id = ? LIMIT 1", [subject]):
        return "event"
    if rows_of(con, "SELECT 1 FROM incidents WHERE id = ? LIMIT 1", [subject]):
        return "incident"
    if rows_of(con, "SELECT 1 FROM reviews WHERE id = ?", [subject]):  # gone since its review
        kind = rows_of(con, "SELECT kind FROM reviews WHERE id = ?", [subject])[0]["kind"]
        return "event" if kind == "event" else "incident"
    raise NotFoundError(f"{subject}: no event or incident with this id in the store")


def set_review(
    con: duckdb.DuckDBPyConnection,
    subject: str,
    status: str,
    note: str | None = None,
    by: str | None = None,
) -> Review:
    """Record a review (replacing the subject's earlier one, which stays in the history),
    in one transaction; RETURNS it. A new review clears the flag for a second look."""
    if status not in REVIEW_STATUSES:
        choices = ", ".join(REVIEW_STATUSES)
        raise InvalidRequestError(f"review status {status!r}: must be one of {choices}")
    kind = subject_kind(con, subject)
    review = Review(id=subject, kind=kind, status=status, note=note, by=by, at=utc_now())
    con.begin()
    try:
        before = reviews(con, ids=[subject])
        con.execute("DELETE FROM reviews WHERE id = ?", [subject]).fetchall()
        insert_into(con, REVIEWS, [review])
        change = Change(
            subject=subject,
            kind=kind,
            change="reviewed",
            fields=["review"],
            before=before[0].model_dump_json() if before else None,
            after=review.model_dump_json(),
            at=review.at,
        )
        insert_into(con, HISTORY, [change])
        if kind == "event" and rejection_changed(before[0] if before else None, review):
            refuse_event(con, subject)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return review


def rejection_changed(before: Review | None, after: Review) -> bool:
    was = before is not None and before.status == "rejected"
    return was != (after.status == "rejected")


def refuse_event(con: duckdb.DuckDBPyConnection, event_id: str) -> None:
    """Fuse an event's block again after it was rejected or un-rejected."""
    from armswatch.fuse.update import detach_events, fuse

    found = rows_of(con, "SELECT sha256 FROM events WHERE id = ?", [event_id])
    if found:
        fuse(con, [found[0]["sha256"]], stale=detach_events(con, [event_id]))


def reviews(
    con: duckdb.DuckDBPyConnection,
    status: str | None = None,
    ids: Sequence[str] | None = None,
    recheck: bool | None = None,
) -> list[Review]:
    """Reviews, newest first, filtered by status, subject ids, or the recheck flag."""
    conditions: list[str] = ["TRUE"]
    params: list[object] = []
    if status is not None:
        conditions.append("status = ?")
        params.append(status)
    if ids is not None:
        conditions.append("id IN (SELECT unnest(?))")
        params.append(list(ids))
    if recheck is not None:
        conditions.append("recheck = ?")
        params.append(recheck)
    query = f'SELECT * FROM reviews WHERE {" AND ".join(conditions)} ORDER BY "at" DESC, id'
    return [
        Review.model_validate(nest(row, REVIEWS.columns)) for row in rows_of(con, query, params)
    ]


def review_statuses(
    con: duckdb.DuckDBPyConnection, kind: Literal["event", "incident"], ids: Sequence[str]
) -> dict[str, str]:
    """The review status of these events or incidents, by id; unreviewed ones are absent."""
    select = f"SELECT id, status FROM reviews WHERE kind = '{kind}' AND id = ANY(?)"
    return {row["id"]: row["status"] for row in rows_by_values(con, select, list(ids))}


def flag_reviews(
    con: duckdb.DuckDBPyConnection, diffs: Sequence[Diff], gone_incidents: Sequence[str] = ()
) -> int:
    """Flag the reviews of events a re-analysis removed or changed, and of incidents it
    recomputed away, for a second look (inside the open transaction); RETURNS how many."""
    reasons: dict[str, str] = {}
    for diff in diffs:
        for key in diff.events_removed:
            reasons[key] = "the event is no longer found in its article"
        for key, (_, _, fields) in diff.events_changed.items():
            reasons[key] = f"the event changed: {', '.join(fields)}"
    for key in gone_incidents:
        reasons[key] = "the incident no longer exists: its events moved or went"
    if not reasons:
        return 0
    reviewed = {r.id for r in reviews(con, ids=sorted(reasons))}
    for key in sorted(reviewed):
        con.execute(
            "UPDATE reviews SET recheck = true, recheck_reason = ? WHERE id = ?",
            [reasons[key], key],
        ).fetchall()
    return len(reviewed)


def review_json(review: Review) -> dict[str, object]:
    """A review as the JSON of ``review list --format json`` and the API."""
    return json.loads(review.model_dump_json())  # type: ignore[no-any-return]
