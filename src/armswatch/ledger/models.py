"""The ledger's records: changes (history) and reviews, declared once (tables derive)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from pydantic import Field

from armswatch.model import Record

SubjectKind = Literal["event", "finding", "incident"]
ChangeKind = Literal["added", "removed", "changed", "reviewed"]
ReviewStatus = Literal["confirmed", "rejected", "unsure"]
REVIEW_STATUSES: tuple[str, ...] = get_args(ReviewStatus)


class Change(Record):
    """One change to an event, finding or incident (or its review): nothing is overwritten
    without a row saying what it was before."""

    subject: str = Field(description="The id of the event, finding or incident.")
    kind: SubjectKind
    change: ChangeKind
    fields: list[str] = Field(
        default_factory=list, description="What changed: status, items, actors, members …"
    )
    before: str | None = Field(default=None, description="The subject before, as JSON.")
    after: str | None = Field(default=None, description="The subject after, as JSON.")
    at: datetime
    fingerprint: str | None = Field(
        default=None,
        description="The extractor that made the new analysis (null: a review or a rebuild).",
    )
    run_id: str | None = Field(
        default=None, description="The run (run, load, reanalyze) that made it."
    )
    sha256: str | None = Field(default=None, description="The article, for events and findings.")


class Review(Record):
    """An analyst's verdict on an event or incident, keyed to its stable id."""

    id: str = Field(description="The event or incident reviewed.")
    kind: Literal["event", "incident"]
    status: ReviewStatus
    note: str | None = None
    by: str | None = Field(default=None, description="Who reviewed it.")
    at: datetime
    recheck: bool = Field(
        default=False,
        description="True when the subject disappeared or changed after the review: the "
        "review is kept and wants a second look.",
    )
    recheck_reason: str | None = Field(default=None, description="What happened to it.")
