"""One partition on a Dask worker: analyse its articles and write its Parquet files.

``analyze_partition`` is the task the Dask engine maps over the input. Each worker
process loads one ``Analyzer`` the first time it needs one (``cached_analyzer``) and
keeps it; analyses run one at a time per process, however many threads the worker has.
A partition's rows (``job_rows``) are what the local engine would write for the same
job: the rows of each analysed article, an ``errors`` row for each bad record or failed
analysis, an ``article_ids`` row for each text already stored.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.errors import AnalysisError
from armswatch.run.jobs import InputJob
from armswatch.run.parquet import PARQUET_TABLES, write_partition
from armswatch.run.worker import BatchOutcome, analyze_with, rss_mb
from armswatch.store.records import ErrorRecord, utc_now
from armswatch.store.rows import Rows
from armswatch.store.sql import record_row

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer

_LOCK = threading.Lock()
Options = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class PartitionOutcome:
    """What a task reports back: counts, and which process did it with what memory."""

    number: int
    analysed: int
    failed: int
    pid: int
    rss_mb: float


def analyze_partition(
    job: InputJob, folder: str, options: Mapping[str, Any], label: str = ""
) -> PartitionOutcome:
    """The Dask task: ``job`` analysed by this process's Analyzer, written under ``folder``.

    options (Mapping): keyword arguments of ``Analyzer``.
    label (str): the ``run_id`` of the partition's ``errors`` and ``article_ids`` rows.
    """
    with _LOCK:
        analyzer = cached_analyzer(tuple(sorted(options.items()))) if job.articles else None
        return write_job(job, Path(folder), analyzer, label)


@lru_cache(maxsize=2)
def cached_analyzer(options: Options) -> Analyzer:
    """One Analyzer per process (and per set of options), loaded on first use."""
    from armswatch.pipeline import Analyzer

    return Analyzer(**dict(options))


def write_job(
    job: InputJob, folder: Path, analyzer: Analyzer | None, label: str = ""
) -> PartitionOutcome:
    """Analyse the job's articles and write the partition's files (no Dask needed)."""
    assert analyzer is not None or not job.articles, "a job with articles needs an analyzer"
    empty = BatchOutcome([], 0, 0.0)
    outcome = empty if analyzer is None else analyze_with(analyzer, job.articles)
    write_partition(folder, job.number, job_rows(job, outcome, label))
    failed = sum(1 for result in outcome.outcomes if isinstance(result, str))
    return PartitionOutcome(job.number, len(job.articles), failed, os.getpid(), rss_mb())


def job_rows(job: InputJob, outcome: BatchOutcome, label: str = "") -> Rows:
    """Every row of the partition, per table of ``PARQUET_TABLES``, in input order."""
    rows: Rows = {name: [] for name in PARQUET_TABLES}
    now = utc_now()
    for problem in job.problems:
        rows["errors"].append(error_row(label, problem.source, problem.code, problem.message))
    for article_id, sha in job.skipped:
        rows["article_ids"].append(
            {"id": article_id, "sha256": sha, "run_id": label, "seen_at": now}
        )
    for article, result in zip(job.articles, outcome.outcomes, strict=True):
        if isinstance(result, str):
            error = error_row(label, article.doc_id, AnalysisError.code, result, article.sha256)
            rows["errors"].append(error)
            continue
        for name, found in result.items():
            rows[name].extend(found)
    return rows


def error_row(
    label: str, source: str, code: str, message: str, sha256: str | None = None
) -> dict[str, Any]:
    record = ErrorRecord(
        run_id=label, source=source, code=code, message=message, sha256=sha256, at=utc_now()
    )
    return record_row("errors", record)
