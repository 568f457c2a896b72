"""Versions: the same input id with a different text is a new version, not a duplicate.

Versions chain on ``articles.id`` (the id an article was first stored under): the new
text gets ``version`` = previous + 1 and ``current``; the previous one keeps its rows
and gets ``current = false`` (its events too: ``events.current``) and ``superseded_by`` =
the new sha256. A text seen again
under another id is not a version but an alias (``article_ids``).
"""

from __future__ import annotations

import duckdb

from armswatch.store.sql import Row


def assign_versions(con: duckdb.DuckDBPyConnection, articles: list[Row]) -> list[tuple[str, str]]:
    """Set ``version``/``current``/``superseded_by`` on new article rows, in order.

    RETURNS (list[tuple[str, str]]): (stored sha256, new sha256) pairs: stored articles
        that the new ones supersede (see ``supersede``).
    """
    found = con.execute(
        "SELECT id, sha256, version FROM articles WHERE current AND id IN (SELECT unnest(?))",
        [sorted({row["id"] for row in articles})],
    ).fetchall()
    latest: dict[str, tuple[str, int]] = {id_: (sha, version) for id_, sha, version in found}
    in_batch: dict[str, Row] = {}
    stored: list[tuple[str, str]] = []
    for row in articles:
        if row["id"] in latest:
            old_sha, old_version = latest[row["id"]]
            row["version"] = old_version + 1
            if old_sha in in_batch:
                in_batch[old_sha].update(current=False, superseded_by=row["sha256"])
            else:
                stored.append((old_sha, row["sha256"]))
        latest[row["id"]] = (row["sha256"], row["version"])
        in_batch[row["sha256"]] = row
    return stored


def supersede(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> None:
    """Mark stored articles, and their events, as superseded by newer versions."""
    for old, new in pairs:
        con.execute(
            "UPDATE articles SET current = false, superseded_by = ? WHERE sha256 = ?", [new, old]
        ).fetchall()
        con.execute("UPDATE events SET current = false WHERE sha256 = ?", [old]).fetchall()


def current_events(articles: list[Row], events: list[Row]) -> list[Row]:
    """The batch's event rows with ``current`` as their article's (a text superseded by
    a newer version in the same batch is not current)."""
    stale = {row["sha256"] for row in articles if not row["current"]}
    return [{**row, "current": row["sha256"] not in stale} for row in events]
