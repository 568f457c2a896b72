"""The write path: rows in, one transaction per batch out.

``StoreWriter`` buffers the rows of ``analysis_to_rows`` (plus aliases and errors) and
commits them in one transaction per batch, together with the run's counts. Inside the
transaction the store decides what is new: a text already stored (or repeated in the
batch) adds only its id to ``article_ids``; a new text gets its version, its near-
duplicate links and its cluster. So a batch is stored entirely or not at all, and a
text is stored once however often, and by however many runs, it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import duckdb

from armswatch.errors import DiskFullError, StoreError, StoreLockedError
from armswatch.store.db import make_room_for_indexes, rollback_quietly, translated
from armswatch.store.neardup import assign_clusters, band_rows, find_links, link_rows
from armswatch.store.records import ErrorRecord, RunRecord, utc_now
from armswatch.store.rows import Rows
from armswatch.store.sql import Row, insert_records, insert_rows, update_record
from armswatch.store.tables import CONTENT_TABLES, TABLE
from armswatch.store.versions import assign_versions, current_events, supersede


@dataclass
class Batch:
    """What one flush wrote (all zero for an empty batch)."""

    stored: int = 0
    new_versions: int = 0
    aliases: int = 0
    near_duplicates: int = 0
    errors: int = 0
    rejected: list[str] = field(default_factory=list)
    """One line for each article the store refused (also an ``errors`` row)."""
    repeats: int = 0
    """Queued articles whose text was stored meanwhile (or earlier in the batch): counted
    with the run's ``articles_skipped``, so read = stored + skipped + failed."""

    def plus(self, other: Batch) -> Batch:
        """Both batches' counts added."""
        return Batch(
            self.stored + other.stored,
            self.new_versions + other.new_versions,
            self.aliases + other.aliases,
            self.near_duplicates + other.near_duplicates,
            self.errors + other.errors,
            self.rejected + other.rejected,
            self.repeats + other.repeats,
        )


@dataclass
class Pending:
    rows: Rows = field(default_factory=lambda: {name: [] for name in CONTENT_TABLES})
    aliases: list[Row] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.rows["articles"] or self.aliases or self.errors)


class StoreWriter:
    """Buffers rows and commits them per batch (``batch_size`` articles, or ``flush()``)."""

    def __init__(
        self,
        connection: Callable[[], duckdb.DuckDBPyConnection],
        path: Path,
        run: RunRecord,
        batch_size: int,
    ) -> None:
        self.connection, self.path, self.run, self.batch_size = connection, path, run, batch_size
        self.pending = Pending()
        self.counted_since_flush = False

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The store's writing connection (opened again if the store let go of it)."""
        return self.connection()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.flush()

    def add_rows(self, rows: Rows) -> None:
        """Queue the rows of one or more articles (``analysis_to_rows``).

        The queue is committed first if these articles would take it over ``batch_size``.
        """
        queued, adding = len(self.pending.rows["articles"]), len(rows.get("articles", []))
        if queued and queued + adding > self.batch_size:
            self.flush()
        for name, found in rows.items():
            self.pending.rows[name].extend(found)

    def add_alias(self, article_id: str, sha256: str) -> None:
        """Record that a stored (or queued) text was seen under ``article_id``."""
        self.pending.aliases.append(self.alias(article_id, sha256))

    def add_error(self, source: str, message: str, code: str, sha256: str | None = None) -> None:
        """Queue a bad record for the ``errors`` table (written with the next batch)."""
        self.pending.errors.append(self.error(source, message, code, sha256))

    def error(self, source: str, message: str, code: str, sha256: str | None) -> ErrorRecord:
        return ErrorRecord(
            run_id=self.run.id,
            source=source,
            code=code,
            message=message,
            sha256=sha256,
            at=utc_now(),
        )

    def count(self, read: int = 0, skipped: int = 0, peak_rss_mb: float | None = None) -> None:
        """Add to the run's counts of articles read and skipped (saved with the next batch)."""
        run = self.run
        peak = max(peak_rss_mb or 0.0, run.peak_rss_mb or 0.0) or None
        self.counted_since_flush = True
        self.run = run.model_copy(
            update={
                "articles_read": run.articles_read + read,
                "articles_skipped": run.articles_skipped + skipped,
                "peak_rss_mb": peak,
            }
        )

    def flush(self) -> Batch:
        """Write everything queued in one transaction (with the run's counts); RETURNS it.

        If the batch cannot be written for a reason other than the store itself (full
        disk, locked, …), it is written again article by article: an article whose rows
        the store refuses becomes an ``errors`` row (and a line in ``Batch.rejected``),
        and the others are stored.
        """
        if self.pending.empty() and not self.counted_since_flush:
            return Batch()
        try:
            return self.commit(self.pending)
        except (DiskFullError, StoreLockedError):
            raise
        except Exception:  # one bad row must not lose the batch: isolate it
            return self.commit_isolated(self.pending)

    def commit(self, pending: Pending) -> Batch:
        """Write ``pending`` in one transaction with the run's counts; RETURNS the batch."""
        with translated(self.path):
            self.con.begin()
            try:
                batch = Batch() if pending.empty() else self.write(pending)
                run = self.counted(batch)
                update_record(self.con, "runs", run)
                self.con.commit()
                make_room_for_indexes(self.con)  # the indexes grew with the batch
            except BaseException:
                rollback_quietly(self.con)
                raise
        self.run, self.pending, self.counted_since_flush = run, Pending(), False
        return batch

    def commit_isolated(self, pending: Pending) -> Batch:
        """Write ``pending`` one article a transaction; refused articles become errors."""
        total = self.commit(Pending(aliases=pending.aliases, errors=pending.errors))
        for sha, part in split_by_article(pending):
            try:
                batch = self.commit(part)
            except (DiskFullError, StoreLockedError):
                raise
            except Exception as exc:
                row = part.rows["articles"][0]
                message = f"cannot store the article: {type(exc).__name__}: {exc}"
                message = " ".join(message.split())[:500]
                error = self.error(str(row["id"]), message, StoreError.code, sha)
                batch = self.commit(Pending(errors=[error]))
                batch.rejected.append(f"{row['id']}: [{StoreError.code}] {message}")
            total = total.plus(batch)
        return total

    def write(self, pending: Pending) -> Batch:
        """Everything queued, inside the open transaction."""
        articles, repeats = self.new_articles(pending)
        shas = {row["sha256"] for row in articles}
        supersede(self.con, assign_versions(self.con, articles))
        minhashes = unique_rows("minhashes", pending.rows["minhashes"], shas)
        signatures = [(row["sha256"], row["signature"]) for row in minhashes]
        links = find_links(self.con, signatures)
        assign_clusters(self.con, articles, links)
        insert_rows(self.con, "articles", articles)
        for name in CONTENT_TABLES:
            if name != "articles":
                rows = unique_rows(name, pending.rows[name], shas)
                if name == "events":
                    rows = current_events(articles, rows)
                insert_rows(self.con, name, rows)
        insert_rows(self.con, "minhash_bands", band_rows(signatures))
        insert_rows(self.con, "near_duplicates", link_rows(links, self.run.id))
        own = [self.alias(row["id"], row["sha256"]) for row in articles]
        aliases = insert_rows(
            self.con,
            "article_ids",
            first_of_each("article_ids", own + pending.aliases + repeats),
            only_new=True,
        )
        insert_records(self.con, "errors", pending.errors)
        versions = sum(1 for row in articles if row["version"] > 1)
        return Batch(
            len(articles),
            versions,
            aliases - len(own),
            len(links),
            len(pending.errors),
            repeats=len(repeats),
        )

    def new_articles(self, pending: Pending) -> tuple[list[Row], list[Row]]:
        """The queued articles whose text is new (first of each), and aliases for the rest."""
        rows = pending.rows["articles"]
        stored = known_shas(self.con, [row["sha256"] for row in rows])
        new: dict[str, Row] = {}
        repeats: list[Row] = []
        now = utc_now()
        for row in rows:
            if row["sha256"] in stored or row["sha256"] in new:
                repeats.append(self.alias(row["id"], row["sha256"]))
            else:
                new[row["sha256"]] = {**row, "run_id": self.run.id, "stored_at": now}
        return list(new.values()), repeats

    def counted(self, batch: Batch) -> RunRecord:
        run = self.run
        return run.model_copy(
            update={
                "articles_stored": run.articles_stored + batch.stored,
                "articles_skipped": run.articles_skipped + batch.repeats,
                "new_versions": run.new_versions + batch.new_versions,
                "aliases": run.aliases + batch.aliases,
                "near_duplicates": run.near_duplicates + batch.near_duplicates,
                "errors": run.errors + batch.errors,
            }
        )

    def alias(self, article_id: str, sha256: str) -> Row:
        return {"id": article_id, "sha256": sha256, "run_id": self.run.id, "seen_at": utc_now()}


def split_by_article(pending: Pending) -> list[tuple[str, Pending]]:
    """The queued rows of each article (by sha256), in order: one Pending each."""
    parts: dict[str, Pending] = {}
    for row in pending.rows["articles"]:
        parts.setdefault(str(row["sha256"]), Pending())
    for name, rows in pending.rows.items():
        for row in rows:
            part = parts.get(str(row["sha256"]))
            if part is not None:
                part.rows[name].append(row)
    return list(parts.items())


def unique_rows(table: str, rows: list[Row], shas: set[str]) -> list[Row]:
    """The rows of new articles, each identity once (a text repeated in a batch adds nothing)."""
    return first_of_each(table, [row for row in rows if row["sha256"] in shas])


def first_of_each(table: str, rows: list[Row]) -> list[Row]:
    """The first row of each identity (``Table.identity_columns``), in order."""
    names = TABLE[table].identity_columns
    seen: set[tuple[object, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(row[name] for name in names)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def known_shas(con: duckdb.DuckDBPyConnection, shas: list[str]) -> set[str]:
    """Which of these texts are stored already (a point lookup in the primary key)."""
    if not shas:
        return set()
    marks = ", ".join("?" * len(shas))
    found = con.execute(f"SELECT sha256 FROM articles WHERE sha256 IN ({marks})", shas)
    return {sha for (sha,) in found.fetchall()}
