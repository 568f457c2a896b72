"""Watched sources in the store: add, list, remove, and their health after each fetch.

A source is a feed (RSS, Atom, JSON Feed), a sitemap, a single page, or a local folder
of article files. Its URL is its identity (a 301/308 rewrites it). After each fetch its
row says when, how it went, how many items were new, and when it is due again:
``every`` after a success, longer after errors (doubling, at most a day), what a 429/503
``Retry-After`` asked, and never again after a 410 Gone (``paused``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from armswatch.errors import SourceError
from armswatch.store.records import utc_now
from armswatch.watch.tables import (
    SOURCE_ITEMS,
    SOURCE_KINDS,
    SOURCES,
    Source,
    SourceItem,
    insert_row,
    select,
)

MAX_BACKOFF = timedelta(days=1)


def normalise_source(url: str, kind: str | None = None) -> tuple[str, str]:
    """(url, kind) of a source to add: an http(s) URL, or a local folder (made absolute).

    kind (str | None): feed, sitemap, page or folder; None guesses from the URL (a folder
        for a local path, a sitemap for ``…sitemap….xml``, else a feed).
    """
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"}:
        if not parts.hostname:
            raise SourceError(f"{url}: the URL has no host")
        guessed = "sitemap" if "sitemap" in parts.path.lower() else "feed"
        chosen = kind or guessed
        if chosen == "folder":
            raise SourceError(f"{url}: a folder source is a local path, not a URL")
    elif parts.scheme in {"", "file"}:
        path = Path(parts.path if parts.scheme == "file" else url).expanduser()
        if not path.is_dir():
            raise SourceError(f"{url}: not an http(s) URL nor a local folder")
        url, chosen = str(path.resolve()), kind or "folder"
        if chosen != "folder":
            raise SourceError(f"{url}: a local path can only be a folder source")
    else:
        raise SourceError(f"{url}: only http(s) URLs and local folders can be watched")
    if chosen not in SOURCE_KINDS:
        raise SourceError(f"unknown source kind {chosen!r} (one of {', '.join(SOURCE_KINDS)})")
    return url, chosen


def add_source(
    con: duckdb.DuckDBPyConnection, url: str, name: str | None = None, kind: str | None = None
) -> Source:
    """Add a source (or return it unchanged if it is watched already)."""
    url, kind = normalise_source(url, kind)
    found = get_source(con, url)
    if found is not None:
        return found
    source = Source(url=url, name=name, kind=kind, added_at=utc_now())
    insert_row(con, SOURCES, source)
    return source


def get_source(con: duckdb.DuckDBPyConnection, url: str) -> Source | None:
    rows = select(con, SOURCES, "url = ?", [url])
    return Source.model_validate(rows[0]) if rows else None


def list_sources(con: duckdb.DuckDBPyConnection) -> list[Source]:
    """Every source, oldest first."""
    rows = select(con, SOURCES, "TRUE ORDER BY added_at, url")
    return [Source.model_validate(row) for row in rows]


def remove_source(con: duckdb.DuckDBPyConnection, url: str) -> None:
    """Forget a source and what it listed (its stored articles and alerts stay)."""
    if get_source(con, url) is None:
        raise SourceError(f"{url}: no such source (see `armswatch sources list`)")
    con.execute("DELETE FROM source_items WHERE source = ?", [url])
    con.execute("DELETE FROM sources WHERE url = ?", [url])


def due_sources(con: duckdb.DuckDBPyConnection, now: datetime | None = None) -> list[Source]:
    """Sources not paused whose next due time has come (or that were never fetched)."""
    now = now or utc_now()
    return [
        s for s in list_sources(con) if not s.paused and (s.next_due is None or s.next_due <= now)
    ]


def save_source(con: duckdb.DuckDBPyConnection, source: Source, old_url: str) -> None:
    """Write a source's new state. After a permanent redirect the source goes on under its
    new URL, and the old URL stays as a paused row that points there (``moved_to``), so
    ``--source OLD`` given again fetches the new URL, not the redirect."""
    con.execute("DELETE FROM sources WHERE url = ?", [old_url])
    if source.url != old_url:
        con.execute("DELETE FROM sources WHERE url = ?", [source.url])
        con.execute("UPDATE source_items SET source = ? WHERE source = ?", [source.url, old_url])
        moved = Source(
            url=old_url,
            name=source.name,
            kind=source.kind,
            added_at=source.added_at,
            last_fetch=source.last_fetch,
            last_status=MOVED,
            last_error=f"moved permanently to {source.url}",
            paused=True,
            title=source.url,
        )
        insert_row(con, SOURCES, moved)
    insert_row(con, SOURCES, source)


MOVED = "moved"
"""The status of an old URL after a 301/308; its ``title`` holds the new URL."""


def resolve_moved(con: duckdb.DuckDBPyConnection, source: Source) -> Source:
    """The source a moved URL now lives at (following a chain of moves, at most 10)."""
    for _ in range(10):
        if source.last_status != MOVED or not source.title:
            break
        target = get_source(con, source.title)
        if target is None:
            break
        source = target
    return source


def next_due(
    source: Source, every: timedelta, now: datetime, retry_after_s: float | None
) -> datetime:
    """When a source is due again: ``every`` after a success, doubling after each error in a
    row (at most a day), and never before what a ``Retry-After`` asked."""
    wait = every if source.errors == 0 else min(every * 2 ** min(source.errors, 10), MAX_BACKOFF)
    if retry_after_s is not None:
        wait = max(wait, timedelta(seconds=retry_after_s))
    return now + wait


def known_items(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, SourceItem]:
    """What a source listed before, by link."""
    rows = select(con, SOURCE_ITEMS, "source = ?", [source])
    return {row["url"]: SourceItem.model_validate(row) for row in rows}


def save_item(con: duckdb.DuckDBPyConnection, item: SourceItem) -> None:
    con.execute("DELETE FROM source_items WHERE source = ? AND url = ?", [item.source, item.url])
    insert_row(con, SOURCE_ITEMS, item)
