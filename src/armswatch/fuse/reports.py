"""What an incident's summary needs of each event: a light ``Report``.

Built from a ``Member`` for new events. For the events an incident already holds, an
update reads back only what it cannot keep in the incident's row: their claims, and the
items that state a quantity (``load_claims``, ``load_quantified``).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from armswatch.fuse.members import Member
from armswatch.fuse.models import Claim
from armswatch.model import Category, Status
from armswatch.store.sql import rows_of


@dataclass(frozen=True)
class ItemReport:
    """One item of one report: category, system and the quantity as worded."""

    category: Category
    system: str | None
    quantity_text: str | None
    quantity_min: float | None
    quantity_max: float | None
    article_id: str


@dataclass(frozen=True)
class Report:
    """One event of an incident, as the summary sees it."""

    event_id: str
    sha256: str
    article_id: str
    published: str | None
    day: str | None
    sort_key: str
    status: Status
    items: tuple[ItemReport, ...]


def report_day(published: str | None, time_start: str | None) -> str | None:
    """A report's date: the article's, else the start of the event's own time."""
    return published[:10] if published else time_start


def report_of(member: Member) -> Report:
    event, article = member.event, member.article
    items = tuple(
        ItemReport(
            category=i.category,
            system=i.system,
            quantity_text=i.quantity.text if i.quantity else None,
            quantity_min=i.quantity.min if i.quantity else None,
            quantity_max=i.quantity.max if i.quantity else None,
            article_id=article.id,
        )
        for i in event.items
    )
    start = event.time.start if event.time else None
    day = report_day(article.published, start)
    return Report(
        event.id,
        article.sha256,
        article.id,
        article.published,
        day,
        member.sort_key,
        event.status,
        items,
    )


QUANTIFIED = """
SELECT i.category, i.system, i.quantity_text, i.quantity_min, i.quantity_max,
    a.id AS article_id
FROM items i JOIN incident_events ie ON ie.event_id = i.event_id
    JOIN articles a ON a.sha256 = ie.sha256
WHERE ie.incident_id = ? AND i.quantity_text IS NOT NULL
"""


def load_quantified(con: duckdb.DuckDBPyConnection, incident_id: str) -> list[ItemReport]:
    """The stored items of an incident that state a quantity."""
    return [ItemReport(**row) for row in rows_of(con, QUANTIFIED, [incident_id])]


def load_claims(con: duckdb.DuckDBPyConnection, incident_id: str) -> list[Claim]:
    """The claims an incident holds (stored rows are trusted: not validated again)."""
    rows = rows_of(con, "SELECT * FROM claims WHERE incident_id = ?", [incident_id])
    return [Claim.model_construct(**row) for row in rows]
