"""The local engine: files, folders and stdin → analyses → the DuckDB store, streaming.

``run_local`` reads with ``iter_articles``, cuts the input into jobs of ``batch_size``
records, drops texts already stored before they are parsed, analyses the rest (in this
process or ``workers`` processes), and writes each job in one transaction with the run's
counts; stored events are fused into incidents now and then and at the end
(``run.fusing``). Bad records and failed analyses go to the ``errors`` table and to
``say`` (one line each) and the run goes on. Memory is bounded by the jobs in flight,
not the corpus.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.errors import AnalysisError, NoInputError
from armswatch.ingest import iter_articles
from armswatch.run.fusing import IncidentFusion
from armswatch.run.jobs import InputJob, make_jobs
from armswatch.run.pool import analyze_jobs
from armswatch.run.progress import Say, estimate_total, progress_bar, progress_wanted
from armswatch.run.session import begin, conclude
from armswatch.run.worker import BatchOutcome, rss_mb
from armswatch.settings import int_setting
from armswatch.store.records import RunRecord
from armswatch.store.store import Store, open_store
from armswatch.store.writer import Batch, StoreWriter

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer


@dataclass(frozen=True)
class RunOptions:
    """How to run: processes, batch size, date for undated input, what to print.

    progress (bool | None): the rich bar; None means only when stderr is a terminal
        and not in CI.
    verbose (bool): one line per stored batch (counts, rate, memory).
    analyzer_options (Mapping): keyword arguments for ``Analyzer`` in every process.
    build_read_model (bool): bring the read model up to date at the end (False: the
        caller does it later, as the server does after an ingest).
    """

    workers: int = 1
    batch_size: int | None = None
    published: str | None = None
    progress: bool | None = None
    verbose: bool = False
    analyzer_options: Mapping[str, Any] = field(default_factory=dict)
    build_read_model: bool = True


@dataclass(frozen=True)
class RunSummary:
    """The finished run, the earlier runs found interrupted, and the wall time."""

    run: RunRecord
    interrupted: list[RunRecord]
    elapsed_s: float

    @property
    def articles_per_s(self) -> float:
        return self.run.articles_read / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def failed(self) -> int:
        """Articles read but neither stored nor skipped: their analysis (or row) failed."""
        r = self.run
        return max(r.articles_read - r.articles_stored - r.articles_skipped, 0)

    def line(self) -> str:
        """The run in one line; its counts add up: read = stored + skipped + failed, and
        errors = failed + bad records (lines or files that held no readable article)."""
        r = self.run
        bad = max(r.errors - self.failed, 0)
        return (
            f"run {r.id}: {r.articles_read} articles read = {r.articles_stored} stored "
            f"({r.new_versions} new versions, {r.near_duplicates} near-duplicates) "
            f"+ {r.articles_skipped} skipped (text already stored or repeated under another "
            f"id) + {self.failed} failed; {bad} bad records; {r.errors} errors in all; "
            f"{self.elapsed_s:.1f} s ({self.articles_per_s:.1f} articles/s)"
        )


def run_local(
    sources: Sequence[str | Path],
    db_path: str | Path,
    options: RunOptions | None = None,
    *,
    say: Say | None = None,
    analyzer: Analyzer | None = None,
) -> RunSummary:
    """Analyse ``sources`` into the store at ``db_path``; RETURNS the run's summary.

    say (Callable[[str], None] | None): where one-line reports go (stderr in the CLI).
    analyzer (Analyzer | None): a loaded Analyzer to use when ``workers == 1``.
    Raises StoreError subclasses (locked, disk full …), WorkerError, NoInputError.
    """
    options = options or RunOptions()
    say = say or (lambda line: None)
    started = time.perf_counter()
    names = [str(s) for s in sources]
    with open_store(db_path, options.build_read_model) as store:
        size = options.batch_size or int_setting("ARMSWATCH_BATCH_SIZE", minimum=1)
        run, interrupted = begin(store, "run", names, options.workers, size, say)
        writer = store.writer(run, size)
        body = lambda: process(store, writer, sources, options, say, analyzer)  # noqa: E731
        final = conclude(store, writer, body, ", ".join(names))
    if final.articles_read == 0:
        raise NoInputError(final.message or "no article could be read")
    return RunSummary(final, interrupted, time.perf_counter() - started)


def process(
    store: Store,
    writer: StoreWriter,
    sources: Sequence[str | Path],
    options: RunOptions,
    say: Say,
    analyzer: Analyzer | None,
) -> None:
    items = iter_articles(sources, published=options.published)
    jobs = make_jobs(items, store, writer.batch_size)
    show = progress_wanted() if options.progress is None else options.progress
    total = estimate_total(sources) if show else None
    meter, fusion = Meter(), IncidentFusion(store, run_id=writer.run.id)
    with progress_bar(show, total, say) as ticker:
        for job, outcome in analyze_jobs(jobs, options.workers, options.analyzer_options, analyzer):
            batch = write_job(writer, job, outcome, ticker.say, meter.sample(outcome))
            fusion.stored(batch)
            store.release()  # held long enough: readers (the dashboard) get a turn
            ticker.advance(job.size)
            if options.verbose:
                ticker.say(meter.line(job, batch, writer.run))
        writer.flush()
        fusion.finish()


def write_job(
    writer: StoreWriter, job: InputJob, outcome: BatchOutcome, say: Say, peak_mb: float
) -> Batch:
    """Queue everything a job carries and commit it as one batch."""
    writer.count(
        read=len(job.articles) + len(job.skipped), skipped=len(job.skipped), peak_rss_mb=peak_mb
    )
    for problem in job.problems:
        say(str(problem))
        writer.add_error(problem.source, problem.message, problem.code)
    for article_id, sha in job.skipped:
        writer.add_alias(article_id, sha)
    for article, result in zip(job.articles, outcome.outcomes, strict=True):
        if isinstance(result, str):
            say(f"{article.doc_id}: [{AnalysisError.code}] {result}")
            writer.add_error(article.doc_id, result, AnalysisError.code, article.sha256)
        else:
            writer.add_rows(result)
    batch = writer.flush()
    for line in batch.rejected:  # articles the store refused: errors rows, the rest stored
        say(line)
    return batch


class Meter:
    """Memory of this process and the workers (their latest figure each), and the rate."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.workers: dict[int, float] = {}
        self.current = self.peak = 0.0

    def sample(self, outcome: BatchOutcome) -> float:
        """Record a sample; RETURNS the peak so far (MiB)."""
        if outcome.pid and outcome.pid != os.getpid():
            self.workers[outcome.pid] = outcome.rss_mb
        self.current = rss_mb() + sum(self.workers.values())
        self.peak = max(self.peak, self.current)
        return self.peak

    def line(self, job: InputJob, batch: Batch, run: RunRecord) -> str:
        elapsed = time.perf_counter() - self.started
        rate = run.articles_read / elapsed if elapsed else 0.0
        return (
            f"batch {job.number}: {batch.stored} stored, {len(job.skipped)} already stored, "
            f"{batch.errors} errors; "
            f"{run.articles_read} read, {rate:.1f} articles/s, rss {self.current:.0f} MiB"
        )
