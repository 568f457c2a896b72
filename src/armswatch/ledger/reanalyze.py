"""``armswatch reanalyze``: run stored texts again through the current extractor.

The texts to run are the current articles whose fingerprint differs from the current
extractor's (``stale``, the default) or all of them (``all``), optionally only those of
a day or later (``since``: the publication day, else the day stored). They are read
from the store in batches and analysed by the same engine as ``armswatch run``
(``run.pool.analyze_jobs``: this process or ``workers`` processes, 2 batches per worker
in flight); each batch is applied in one transaction (``ledger.apply``), so an
interrupted re-analysis keeps what it committed and the same command goes on from
there. ``dry_run`` does everything in one transaction and rolls it back.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb

from armswatch.errors import AnalysisError, StoreError
from armswatch.ledger.apply import Tally, apply_batch
from armswatch.ledger.fingerprint import current_fingerprint
from armswatch.ledger.history import Stamp
from armswatch.model import Article
from armswatch.run.jobs import InputJob
from armswatch.run.pool import analyze_jobs
from armswatch.run.progress import Say, progress_bar, progress_wanted
from armswatch.settings import int_setting
from armswatch.store.db import rollback_quietly, translated
from armswatch.store.records import ErrorRecord, RunRecord, RunStatus, utc_now
from armswatch.store.rows import Rows
from armswatch.store.sql import insert_records, rows_of, update_record
from armswatch.store.store import Store, open_store

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer

Scope = Literal["stale", "all"]


@dataclass(frozen=True)
class ReanalyzeOptions:
    """What to run again and how (``workers``, ``batch_size`` as for ``run``)."""

    scope: Scope = "stale"
    since: str | None = None
    workers: int = 1
    batch_size: int | None = None
    dry_run: bool = False
    progress: bool | None = None
    verbose: bool = False
    """One line per committed batch (``batch N: …``), as ``run --verbose``."""
    analyzer_options: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class ReanalyzeSummary:
    """What a re-analysis did (or, dry, would do)."""

    tally: Tally
    selected: int
    elapsed_s: float
    dry_run: bool
    run_id: str | None
    fingerprint: str

    @property
    def articles_per_s(self) -> float:
        return self.tally.articles / self.elapsed_s if self.elapsed_s else 0.0

    def lines(self) -> list[str]:
        t = self.tally
        fields = ", ".join(f"{name} {n}" for name, n in sorted(t.event_fields.items())) or "-"
        lines = [
            f"reanalyze: {t.articles} of {self.selected} articles analysed again, "
            f"{t.changed_articles} changed, {t.failed} failed; {self.elapsed_s:.1f} s "
            f"({self.articles_per_s:.1f} articles/s); extractor {self.fingerprint}",
            f"events: {t.events_added} added, {t.events_removed} removed, "
            f"{t.events_changed} changed ({fields})",
            f"findings: {t.findings_gained} gained, {t.findings_lost} lost, "
            f"{t.findings_changed} changed",
            f"incidents: {t.incidents_added} added, {t.incidents_removed} removed, "
            f"{t.incidents_changed} changed",
            f"reviews flagged for a second look: {t.reviews_flagged}; "
            f"history rows: {t.history_rows}",
        ]
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return lines

    def as_dict(self) -> dict[str, Any]:
        t = self.tally
        return {
            "articles": t.articles,
            "selected": self.selected,
            "changed_articles": t.changed_articles,
            "failed": t.failed,
            "events": {
                "added": t.events_added,
                "removed": t.events_removed,
                "changed": t.events_changed,
                "fields": dict(t.event_fields),
            },
            "findings": {
                "gained": t.findings_gained,
                "lost": t.findings_lost,
                "changed": t.findings_changed,
            },
            "incidents": {
                "added": t.incidents_added,
                "removed": t.incidents_removed,
                "changed": t.incidents_changed,
            },
            "reviews_flagged": t.reviews_flagged,
            "history_rows": t.history_rows,
            "changes": t.changes,
            "dry_run": self.dry_run,
            "run_id": self.run_id,
            "fingerprint": self.fingerprint,
            "elapsed_s": round(self.elapsed_s, 3),
        }


def select_articles(
    con: duckdb.DuckDBPyConnection, scope: Scope, fingerprint: str, since: str | None
) -> list[str]:
    """The sha256 of the current articles to run again, in the order they were stored."""
    conditions, params = ["current"], []
    if scope == "stale":
        conditions.append("fingerprint IS DISTINCT FROM ?")
        params.append(fingerprint)
    if since:
        conditions.append(
            "coalesce(left(published, 10), CAST(CAST(stored_at AS DATE) AS VARCHAR)) >= ?"
        )
        params.append(since)
    query = (
        f"SELECT sha256 FROM articles WHERE {' AND '.join(conditions)} ORDER BY stored_at, sha256"
    )
    return [row["sha256"] for row in rows_of(con, query, params)]


def read_jobs(store: Store, shas: Sequence[str], size: int) -> Iterator[InputJob]:
    """The stored texts as jobs of ``size`` articles, read from the store as they are due."""
    columns = "sha256, id, url, title, published, outlet, text"
    for number, start in enumerate(range(0, len(shas), size), start=1):
        chunk = list(shas[start : start + size])
        query = f"SELECT {columns} FROM articles WHERE sha256 IN (SELECT unnest(?))"
        found = {row["sha256"]: row for row in rows_of(store.con, query, [chunk])}
        articles = [Article(**found[sha]) for sha in chunk if sha in found]
        yield InputJob(number, articles=articles)


def reanalyze(
    db_path: str | Path,
    options: ReanalyzeOptions | None = None,
    *,
    say: Say | None = None,
    analyzer: Analyzer | None = None,
) -> ReanalyzeSummary:
    """Run stored texts again and update the ledger; RETURNS what changed.

    analyzer (Analyzer | None): a loaded Analyzer (``workers == 1``); its fingerprint is
        the one compared with the stored ones.
    """
    options = options or ReanalyzeOptions()
    say = say or (lambda line: None)
    require_store(db_path)
    started = time.perf_counter()
    fingerprint = analyzer.fingerprint if analyzer else current_fingerprint().key
    with open_store(db_path) as store:
        size = options.batch_size or int_setting("ARMSWATCH_BATCH_SIZE", minimum=1)
        with translated(store.path):
            shas = select_articles(store.con, options.scope, fingerprint, options.since)
        if options.dry_run:
            store.con.begin()
        run = None if options.dry_run else start(store, options, size)
        tally = Tally()
        try:
            process(store, shas, size, options, say, analyzer, run, fingerprint, tally)
        except BaseException as exc:
            if options.dry_run:
                rollback_quietly(store.con)
            elif run is not None:
                status: RunStatus = (
                    "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
                )
                store.finish_run(run, status, f"{type(exc).__name__}: {exc}")
            raise
        if options.dry_run:
            rollback_quietly(store.con)
        elif run is not None:
            store.finish_run(run, "completed")
    elapsed = time.perf_counter() - started
    run_id = run.id if run else None
    return ReanalyzeSummary(tally, len(shas), elapsed, options.dry_run, run_id, fingerprint)


def require_store(path: str | Path) -> None:
    """StoreError unless a store exists at ``path`` (reanalyze and review make none)."""
    if not Path(path).is_file():
        raise StoreError(f"{path}: no store here (`armswatch run … --db {path}` makes one)")


def start(store: Store, options: ReanalyzeOptions, size: int) -> RunRecord:
    sources = [f"--{options.scope}", *([f"--since={options.since}"] if options.since else [])]
    store.mark_interrupted()
    return store.start_run("reanalyze", sources, options.workers, size)


def process(
    store: Store,
    shas: Sequence[str],
    size: int,
    options: ReanalyzeOptions,
    say: Say,
    analyzer: Analyzer | None,
    run: RunRecord | None,
    fingerprint: str,
    tally: Tally,
) -> None:
    show = progress_wanted() if options.progress is None else options.progress
    stamp = Stamp(fingerprint, run.id if run else None)
    jobs = read_jobs(store, shas, size)
    with progress_bar(show, len(shas), say, label="reanalysing") as ticker:
        for job, outcome in analyze_jobs(jobs, options.workers, options.analyzer_options, analyzer):
            analysed: dict[str, Rows] = {}
            errors = []
            for article, result in zip(job.articles, outcome.outcomes, strict=True):
                if isinstance(result, str):
                    ticker.say(f"{article.doc_id}: [{AnalysisError.code}] {result}")
                    errors.append(error_row(run, article, result))
                else:
                    analysed[article.sha256] = result
            tally.failed += len(errors)
            with batch(store, options.dry_run):
                stamp.at = utc_now()
                apply_batch(store.con, analysed, stamp, tally)
                if run is not None:
                    insert_records(store.con, "errors", errors)
                    run = counted(run, job, len(errors))
                    update_record(store.con, "runs", run)
            if not options.dry_run:
                store.release()
            ticker.advance(len(job.articles))
            if options.verbose:
                ticker.say(
                    f"batch {job.number}: {len(job.articles)} articles, {len(errors)} errors; "
                    f"{tally.articles} done, {tally.changed_articles} changed"
                )


@contextmanager
def batch(store: Store, dry_run: bool) -> Iterator[None]:
    """One transaction for a batch (none of its own in a dry run: one encloses all)."""
    if dry_run:
        yield
        return
    store.con.begin()
    try:
        yield
        with translated(store.path):
            store.con.commit()
    except BaseException:
        rollback_quietly(store.con)
        raise


def counted(run: RunRecord, job: InputJob, failed: int) -> RunRecord:
    return run.model_copy(
        update={
            "articles_read": run.articles_read + len(job.articles),
            "articles_stored": run.articles_stored + len(job.articles) - failed,
            "errors": run.errors + failed,
        }
    )


def error_row(run: RunRecord | None, article: Article, message: str) -> ErrorRecord:
    return ErrorRecord(
        run_id=run.id if run else "",
        source=article.doc_id,
        code=AnalysisError.code,
        message=message,
        sha256=article.sha256,
        at=utc_now(),
    )
