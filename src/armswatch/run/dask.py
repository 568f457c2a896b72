"""The Dask engine: extraction mapped over partitions on a ``dask.distributed`` cluster.

The client reads the input (``iter_articles``) and cuts it into partitions of
``batch_size`` records (``make_jobs``: texts already stored are not sent). At most
``2 × threads`` partitions are in flight, so the input is read only as fast as the
cluster analyses it. Each task (``partition.analyze_partition``) analyses its articles
with its process's Analyzer and writes Parquet files (``run.parquet``) with the store's
Arrow schemas. ``run_dask`` loads each partition into the store as soon as it and every
earlier one are written (``load.load_partition``), so the store ends up exactly as the
local engine leaves it; ``write_parquet`` only writes, for ``armswatch load`` later.

Without a scheduler address a ``LocalCluster`` of ``workers`` processes (one thread
each, no dashboard, on 127.0.0.1) is started and closed afterwards. With a remote
cluster, the Parquet folder must be one the workers and this machine both see.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from armswatch.errors import NoInputError
from armswatch.ingest import iter_articles
from armswatch.run.cluster import dask_client, map_partitions
from armswatch.run.fusing import IncidentFusion
from armswatch.run.jobs import NOTHING_STORED, InputJob, KnownTexts, make_jobs
from armswatch.run.load import load_partition
from armswatch.run.local import Meter, RunOptions, RunSummary
from armswatch.run.parquet import clear_partitions
from armswatch.run.progress import Say, estimate_total, progress_bar, progress_wanted
from armswatch.run.session import begin, conclude
from armswatch.run.worker import BatchOutcome
from armswatch.settings import int_setting
from armswatch.store.runs import new_run_id
from armswatch.store.store import Store, open_store
from armswatch.store.writer import StoreWriter


@dataclass(frozen=True)
class ParquetSummary:
    """What ``write_parquet`` wrote: partitions, records, and the wall time."""

    folder: Path
    partitions: int
    articles: int
    failed: int
    problems: int
    elapsed_s: float

    def line(self) -> str:
        return (
            f"wrote {self.partitions} partitions to {self.folder}: {self.articles} articles read "
            f"({self.failed} failed analyses), {self.problems} bad records, "
            f"in {self.elapsed_s:.1f} s; load them with `armswatch load {self.folder}`"
        )


def run_dask(
    sources: Sequence[str | Path],
    db_path: str | Path,
    options: RunOptions | None = None,
    *,
    say: Say | None = None,
    scheduler: str | None = None,
    parquet: str | Path | None = None,
) -> RunSummary:
    """Analyse ``sources`` on a Dask cluster into Parquet, loaded into ``db_path``.

    scheduler (str | None): ``tcp://HOST:PORT``; None: ``$ARMSWATCH_DASK_SCHEDULER``,
        else a LocalCluster of ``options.workers`` processes.
    parquet (str | Path | None): where the partitions go (kept); None: a temporary folder.
    Raises ClusterError, WorkerError, ParquetError, StoreError subclasses, NoInputError.
    """
    options = options or RunOptions()
    say = say or (lambda line: None)
    started = time.perf_counter()
    size = options.batch_size or int_setting("ARMSWATCH_BATCH_SIZE", minimum=1)
    names = [str(s) for s in sources]
    with open_store(db_path) as store:
        run, interrupted = begin(store, "run --engine dask", names, options.workers, size, say)
        writer = store.writer(run, size)
        body = lambda: analyze_and_load(store, writer, sources, options, say, scheduler, parquet)  # noqa: E731
        final = conclude(store, writer, body, ", ".join(names))
    if final.articles_read == 0:
        raise NoInputError(final.message or "no article could be read")
    return RunSummary(final, interrupted, time.perf_counter() - started)


def analyze_and_load(
    store: Store,
    writer: StoreWriter,
    sources: Sequence[str | Path],
    options: RunOptions,
    say: Say,
    scheduler: str | None,
    parquet: str | Path | None,
) -> None:
    show = progress_wanted() if options.progress is None else options.progress
    total = estimate_total(sources) if show else None
    meter, fusion = Meter(), IncidentFusion(store, run_id=writer.run.id)
    with (
        dask_client(scheduler, options.workers) as client,
        parquet_folder(parquet) as folder,
        progress_bar(show, total, say) as ticker,
    ):
        jobs = read_jobs(sources, options, store, writer.batch_size)
        for job, outcome in map_partitions(client, jobs, folder, options, writer.run.id):
            peak = meter.sample(BatchOutcome([], outcome.pid, outcome.rss_mb))
            loaded = load_partition(store, writer, folder, job.number, ticker.say, peak)
            fusion.stored(loaded.batch)
            store.release()  # held long enough: readers (the dashboard) get a turn
            ticker.advance(job.size)
            if options.verbose:
                ticker.say(meter.line(job, loaded.batch, writer.run))
        fusion.finish()


def write_parquet(
    sources: Sequence[str | Path],
    folder: str | Path,
    options: RunOptions | None = None,
    *,
    say: Say | None = None,
    scheduler: str | None = None,
) -> ParquetSummary:
    """Analyse ``sources`` on a Dask cluster into Parquet under ``folder`` (no store).

    Earlier partition files under ``folder`` are removed first. Raises ClusterError,
    WorkerError, NoInputError (nothing readable).
    """
    options = options or RunOptions()
    say = say or (lambda line: None)
    started, root = time.perf_counter(), Path(folder)
    size = options.batch_size or int_setting("ARMSWATCH_BATCH_SIZE", minimum=1)
    counts = {"partitions": 0, "articles": 0, "failed": 0, "problems": 0}
    with dask_client(scheduler, options.workers) as client, parquet_folder(root) as out:
        jobs = read_jobs(sources, options, NOTHING_STORED, size)
        for job, outcome in map_partitions(client, jobs, out, options, new_run_id()):
            for problem in job.problems:
                say(str(problem))
            counts["partitions"] += 1
            counts["articles"] += len(job.articles) + len(job.skipped)
            counts["failed"] += outcome.failed
            counts["problems"] += len(job.problems)
    if counts["articles"] == 0:
        raise NoInputError(f"no article could be read from {', '.join(map(str, sources))}")
    return ParquetSummary(root, **counts, elapsed_s=time.perf_counter() - started)


def read_jobs(
    sources: Sequence[str | Path], options: RunOptions, store: KnownTexts, size: int
) -> Iterator[InputJob]:
    """The input in partitions of ``size`` records, texts already stored left out."""
    return make_jobs(iter_articles(sources, published=options.published), store, size)


@contextmanager
def parquet_folder(given: str | Path | None) -> Iterator[Path]:
    """``given`` (created, earlier partitions removed), else a temporary folder."""
    if given is None:
        with tempfile.TemporaryDirectory(prefix="armswatch-parquet-") as folder:
            yield Path(folder)
        return
    root = Path(given)
    root.mkdir(parents=True, exist_ok=True)
    clear_partitions(root)
    yield root
