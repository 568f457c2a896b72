"""An event with what fusion needs to know about its article: a ``Member``.

``load_members`` reads them from the store (events whole, with their parts, through the
store's own assembly); tests build them from an ``Event`` and ``ArticleMeta`` directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

import duckdb

from armswatch.fuse.facts import Facts, facts_of
from armswatch.model import Event
from armswatch.store.assemble import load_events
from armswatch.store.sql import rows_of


@dataclass(frozen=True)
class ArticleMeta:
    """The article an event comes from; ``root_*`` is the first article of its copy group."""

    sha256: str
    id: str
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    cluster: str | None = None
    root_id: str | None = None
    stored_at: datetime | None = None

    @property
    def copy_of(self) -> str | None:
        """The id of the article this one near-copies, if it is a copy."""
        return self.root_id if self.cluster and self.cluster != self.sha256 else None

    @property
    def day(self) -> str | None:
        return self.published[:10] if self.published else None


@dataclass(frozen=True)
class Member:
    """An event in its article."""

    event: Event
    article: ArticleMeta

    @cached_property
    def facts(self) -> Facts:
        return facts_of(self.event)

    @property
    def sort_key(self) -> str:
        """The fusing order: dated articles by date, then undated ones; then in the order
        they were stored (so news of one day arriving batch after batch extends incidents
        without recomputing them); then by article and event."""
        published = self.article.published
        stored = self.article.stored_at.isoformat() if self.article.stored_at else ""
        return f"{'0' + published if published else '1'}|{stored}|{self.event.id}"

    @property
    def day(self) -> str | None:
        """The report's date: the article's, else the start of the event's own time."""
        return self.article.day or (self.event.time.start if self.event.time else None)


ARTICLES = (
    "SELECT a.sha256, a.id, a.outlet, a.published, a.title, a.url, a.cluster, a.stored_at, "
    "r.id AS root_id "
    "FROM articles a LEFT JOIN articles r ON r.sha256 = a.cluster "
    "WHERE a.sha256 IN (SELECT unnest(?))"
)


def load_articles(con: duckdb.DuckDBPyConnection, shas: Sequence[str]) -> dict[str, ArticleMeta]:
    """The articles with these sha256s."""
    if not shas:
        return {}
    return {row["sha256"]: ArticleMeta(**row) for row in rows_of(con, ARTICLES, [list(shas)])}


def load_members(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[Member]:
    """The stored events with these ids, whole, each with its article."""
    if not event_ids:
        return []
    ids = sorted(set(event_ids))
    events = load_events(con, "e.id IN (SELECT unnest(?))", [ids], len(ids), 0)
    articles = load_articles(con, sorted({e.sha256 for e in events}))
    return [Member(event, articles[event.sha256]) for event in events]
