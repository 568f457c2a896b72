"""The read path: ``open_view(db)`` gives typed queries and read-only SQL.

The API and the dashboard read through a ``View`` only. Its connection is read-only
and has no external access (no file reads or writes from SQL), so ``sql()`` can run
what a user typed. DuckDB allows no reader while a run holds the file for writing;
opening then raises ``StoreLockedError``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import duckdb

from armswatch.errors import QueryError, StoreError
from armswatch.sanctions.rulebook import same_rule_ids
from armswatch.store.assemble import Filter, load_articles, load_events, load_findings, where
from armswatch.store.db import connect, translated
from armswatch.store.memo import Memo
from armswatch.store.records import RunRecord, StoredArticle, StoredEvent, StoredFinding
from armswatch.store.registry import latest_version
from armswatch.store.runs import load_runs
from armswatch.store.schema import check_not_newer

T = TypeVar("T")


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of a query; ``truncated`` when ``limit`` cut it short."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool = False


class View:
    """Read-only access to a store. Use as a context manager, or ``close()`` it."""

    def __init__(
        self,
        path: Path,
        con: duckdb.DuckDBPyConnection,
        tables: frozenset[str] | None = None,
        memo: Memo | None = None,
    ) -> None:
        """tables (frozenset[str] | None): the store's tables, when the caller knows them.
        memo (Memo | None): small results kept while the store is unchanged (a server's
            shared reader gives one; ``remembered``)."""
        self.path, self._con = path, con
        self._tables = tables
        self.memo = memo

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection the view's queries run on."""
        return self._con

    def remembered(self, query: str, params: Sequence[Any], compute: Callable[[], T]) -> T:
        """``compute()``, the result of ``query`` with ``params``, kept in the view's
        ``memo`` (when it has one) for as long as the store is unchanged: for small
        results that many requests ask again, such as the total of a list's filter."""
        if self.memo is None:
            return compute()
        return self.memo.get_or_compute((query, repr(params)), compute)

    def tables(self) -> frozenset[str]:
        """The names of the store's tables (read once: a read-only store's schema is fixed)."""
        if self._tables is None:
            rows = self.con.execute("SELECT table_name FROM information_schema.tables")
            self._tables = frozenset(row[0] for row in rows.fetchall())
        return self._tables

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> View:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def sql(self, query: str, params: Sequence[Any] = (), limit: int | None = None) -> QueryResult:
        """Run one read-only SQL query; at most ``limit`` rows (all when None)."""
        columns, chunks = self.iter_sql(query, params)
        rows: list[tuple[Any, ...]] = []
        for chunk in chunks:
            rows.extend(chunk)
            if limit is not None and len(rows) > limit:
                chunks.close()
                return QueryResult(columns, rows[:limit], truncated=True)
        return QueryResult(columns, rows)

    def iter_sql(
        self, query: str, params: Sequence[Any] = (), chunk: int = 1000
    ) -> tuple[list[str], Generator[list[tuple[Any, ...]], None, None]]:
        """Column names and the rows in chunks, for results too large to hold.

        The query runs on its own cursor, so the view stays usable while it is read.
        """
        cursor = self.con.cursor()
        try:
            cursor.execute(query, list(params))
        except duckdb.Error as exc:
            cursor.close()
            raise QueryError(str(exc).strip().splitlines()[0]) from None
        return [d[0] for d in cursor.description or []], _chunks(cursor, chunk)

    def article(self, key: str) -> StoredArticle | None:
        """An article by sha256, else the latest text seen under that input id."""
        condition = "a.sha256 = ? OR a.sha256 IN (SELECT sha256 FROM article_ids WHERE id = ?)"
        order = "a.current DESC, a.version DESC, a.stored_at DESC"
        found = load_articles(self.con, condition, [key, key], 1, 0, order=order)
        return found[0] if found else None

    def articles(
        self,
        *,
        sha256: str | None = None,
        id: str | None = None,
        outlet: str | None = None,
        current_only: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredArticle]:
        """Articles, latest published first; ``id`` matches every id an article was seen under."""
        filters: list[Filter] = [
            ("a.sha256 = ?", sha256),
            ("a.sha256 IN (SELECT sha256 FROM article_ids WHERE id = ?)", id),
            ("a.outlet = ?", outlet),
            ("a.current = ?", True if current_only else None),
        ]
        return load_articles(self.con, *where(filters), limit, offset)

    def events(
        self,
        *,
        type: str | None = None,
        country: str | None = None,
        sha256: str | None = None,
        since: str | None = None,
        until: str | None = None,
        current_only: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredEvent]:
        """Events with their actors, items, evidence and attribution.

        country (str | None): an actor's key (its country, else its id), as source or
            target (``events.source_keys``/``target_keys``: no join with ``actors``).
        since, until (str | None): ISO dates, compared with the event's time (else the
            article's publication date).
        """
        day = "coalesce(e.time_start, left(a.published, 10))"
        filters: list[Filter] = [
            ("e.type = ?", type),
            ("e.sha256 = ?", sha256),
            ("(list_contains(e.source_keys, ?) OR list_contains(e.target_keys, ?))", country),
            (f"{day} >= ?", since),
            (f"{day} <= ?", until),
            ("a.current = ?", True if current_only else None),
        ]
        return load_events(self.con, *where(filters), limit, offset)

    def event(self, event_id: str) -> StoredEvent | None:
        found = load_events(self.con, *where([("e.id = ?", event_id)]), 1, 0)
        return found[0] if found else None

    def findings(
        self,
        *,
        rule: str | None = None,
        sha256: str | None = None,
        event: str | None = None,
        current_only: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredFinding]:
        """Sanctions findings, each pointing to its stored event.

        rule (str | None): a rule id; findings stored under a former id of the same rule
            match too (``eu.russia.arms_export`` and ``eu.rus.arms``).
        """
        filters: list[Filter] = [
            ("list_contains(?, f.rule)", same_rule_ids(rule) if rule else None),
            ("f.sha256 = ?", sha256),
            ("f.event = ?", event),
            ("a.current = ?", True if current_only else None),
        ]
        return load_findings(self.con, *where(filters), limit, offset)

    def runs(self, limit: int = 10) -> list[RunRecord]:
        """The latest runs, newest first."""
        return load_runs(self.con, limit=limit)


def _chunks(
    cursor: duckdb.DuckDBPyConnection, size: int
) -> Generator[list[tuple[Any, ...]], None, None]:
    try:
        while rows := cursor.fetchmany(size):
            yield rows
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip().splitlines()[0]) from None
    finally:
        cursor.close()


def open_view(db_path: str | Path) -> View:
    """Open a store read-only (StoreError if absent, locked by a run, or not migrated)."""
    path = Path(db_path)
    con = connect(path, read_only=True, external_access=False)
    with translated(path):
        version = check_not_newer(con)
    if version < (latest := latest_version()):
        con.close()
        raise StoreError(
            f"{path} has schema version {version}, this armswatch needs {latest}: "
            "open it for writing once (e.g. `armswatch run` on any input) to migrate it"
        )
    return View(path, con)
