"""Analyse a stream of jobs in order: in this process, or in a bounded process pool.

With ``workers > 1`` the jobs go to a ``ProcessPoolExecutor`` of ``spawn``ed processes
(each loads its own Analyzer once), cut into tasks of at most ``TASK_SIZE`` articles so
that the workers share the last job of a run instead of one waiting for the other. At
most ``2 × workers`` jobs are in flight, so the input is read only as fast as it is
analysed and memory stays flat; results come back in input order, a job at a time. A
job with nothing to analyse (all stored already) never reaches a worker, and no Analyzer
is loaded until one is needed.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from armswatch.errors import WorkerError
from armswatch.model import Article
from armswatch.run.worker import BatchOutcome, analyze_batch, analyze_with, init_worker

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer


class Job(Protocol):
    """Anything with the articles to analyse."""

    @property
    def articles(self) -> list[Article]: ...


J = TypeVar("J", bound=Job)

TASK_SIZE = 16
"""Most articles one worker task analyses (a job of more is split over several tasks)."""


def analyze_jobs(
    jobs: Iterable[J],
    workers: int = 1,
    options: Mapping[str, Any] | None = None,
    analyzer: Analyzer | None = None,
) -> Iterator[tuple[J, BatchOutcome]]:
    """Each job with the outcome of its articles, in input order.

    options (Mapping | None): keyword arguments of ``Analyzer`` (each process builds one).
    analyzer (Analyzer | None): an already loaded Analyzer for ``workers == 1``.
    """
    if workers > 1:
        yield from _pooled(jobs, workers, dict(options or {}))
        return
    local = analyzer
    for job in jobs:
        if job.articles and local is None:
            local = _load_analyzer(options)
        yield job, analyze_with(local, job.articles) if local else _nothing()


def _load_analyzer(options: Mapping[str, Any] | None) -> Analyzer:
    from armswatch.pipeline import Analyzer, default_analyzer

    return Analyzer(**options) if options else default_analyzer()


def _nothing() -> BatchOutcome:
    return BatchOutcome([], 0, 0.0)


def _pooled(
    jobs: Iterable[J], workers: int, options: dict[str, Any]
) -> Iterator[tuple[J, BatchOutcome]]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, context, initializer=init_worker, initargs=(options,))
    inflight: deque[tuple[J, list[Future[BatchOutcome]]]] = deque()
    try:
        for job in jobs:
            inflight.append((job, _submit(pool, job.articles)))
            if len(inflight) >= 2 * workers:
                yield _result(*inflight.popleft())
        while inflight:
            yield _result(*inflight.popleft())
    finally:
        pool.shutdown(wait=not inflight, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, articles: list[Article]) -> list[Future[BatchOutcome]]:
    """The tasks of one job (none when it has nothing to analyse)."""
    return [
        pool.submit(analyze_batch, articles[start : start + TASK_SIZE])
        for start in range(0, len(articles), TASK_SIZE)
    ]


def _task_result(task: Future[BatchOutcome], articles: list[Article]) -> BatchOutcome:
    """A task's outcome; if the task itself failed (not an article in it: its result
    could not be sent back, say), each of its articles is reported failed."""
    try:
        return task.result()
    except BrokenProcessPool as exc:
        raise WorkerError(
            f"an analysis worker process died ({exc}); the batches stored so far are kept: "
            "run the same command again (with fewer --workers if memory is short)"
        ) from None
    except Exception as exc:
        message = f"analysis failed in a worker: {type(exc).__name__}: {exc}"
        return BatchOutcome([message] * len(articles), 0, 0.0)


def _result(job: J, tasks: list[Future[BatchOutcome]]) -> tuple[J, BatchOutcome]:
    """The job with its tasks' outcomes joined in order."""
    parts = [
        _task_result(task, job.articles[n * TASK_SIZE : (n + 1) * TASK_SIZE])
        for n, task in enumerate(tasks)
    ]
    if not parts:
        return job, _nothing()
    last = parts[-1]  # the memory figure of one worker: the meter keeps each one's latest
    return job, BatchOutcome([o for part in parts for o in part.outcomes], last.pid, last.rss_mb)
