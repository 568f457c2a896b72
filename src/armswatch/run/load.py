"""Load Parquet partitions into the store through its writer, in input order.

``load_parquet(folder, db)`` is ``armswatch load``; the Dask engine calls
``load_partition`` for each partition as soon as it and all earlier ones are written.
Each partition is one transaction. Loading does what the local engine does with the
same records: texts already stored add only their id (``article_ids``), a changed text
under a known id is a new version, near-copies are linked (the MinHash signatures travel
in ``table=minhashes``), new events are fused into incidents (``run.fusing``), bad
records and failed analyses become ``errors`` rows of the loading run. So loading the
same folder twice adds nothing but a run and its errors.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from armswatch.errors import NoInputError, ParquetError
from armswatch.ingest.dates import published_or_none
from armswatch.run.fusing import IncidentFusion
from armswatch.run.local import RunOptions, RunSummary
from armswatch.run.parquet import partitions, read_partition
from armswatch.run.progress import Say, progress_bar, progress_wanted
from armswatch.run.session import begin, conclude
from armswatch.run.worker import rss_mb
from armswatch.settings import int_setting
from armswatch.store.sql import Row
from armswatch.store.store import Store, open_store
from armswatch.store.tables import CONTENT_TABLES
from armswatch.store.writer import Batch, StoreWriter


@dataclass(frozen=True)
class Loaded:
    """One loaded partition: the committed batch, records read and already stored."""

    number: int
    batch: Batch
    read: int
    skipped: int

    def line(self, run_read: int) -> str:
        return (
            f"partition {self.number}: {self.batch.stored} stored, {self.skipped} already "
            f"stored, {self.batch.errors} errors; {run_read} read, rss {rss_mb():.0f} MiB"
        )


def load_parquet(
    folder: str | Path,
    db_path: str | Path,
    options: RunOptions | None = None,
    *,
    say: Say | None = None,
) -> RunSummary:
    """Load every partition under ``folder`` into the store at ``db_path``.

    options (RunOptions | None): ``progress`` and ``verbose`` are used.
    Raises ParquetError (no partitions, a bad file), StoreError subclasses, NoInputError.
    """
    options = options or RunOptions()
    say = say or (lambda line: None)
    root, started = Path(folder), time.perf_counter()
    numbers = partitions(root)
    if not numbers:
        raise ParquetError(
            f"{root} holds no partitions (table=articles/part-NNNNN.parquet): write them with "
            "`armswatch run --engine dask --parquet DIR`"
        )
    with open_store(db_path) as store:
        size = int_setting("ARMSWATCH_BATCH_SIZE", minimum=1)
        run, interrupted = begin(store, "load", [str(root)], 1, size, say)
        writer = store.writer(run, size)
        body = lambda: load_all(store, writer, root, numbers, options, say)  # noqa: E731
        final = conclude(store, writer, body, str(root))
    if final.articles_read == 0:
        raise NoInputError(final.message or "no article could be read")
    return RunSummary(final, interrupted, time.perf_counter() - started)


def load_all(
    store: Store,
    writer: StoreWriter,
    root: Path,
    numbers: list[int],
    options: RunOptions,
    say: Say,
) -> None:
    show = progress_wanted() if options.progress is None else options.progress
    fusion = IncidentFusion(store, run_id=writer.run.id)
    with progress_bar(show, None, say) as ticker:
        for number in numbers:
            loaded = load_partition(store, writer, root, number, ticker.say)
            fusion.stored(loaded.batch)
            store.release()  # held long enough: readers (the dashboard) get a turn
            ticker.advance(loaded.read)
            if options.verbose:
                ticker.say(loaded.line(writer.run.articles_read))
        fusion.finish()


def load_partition(
    store: Store,
    writer: StoreWriter,
    root: Path,
    number: int,
    say: Say,
    peak_mb: float | None = None,
) -> Loaded:
    """Queue one partition's records and commit them as one batch."""
    rows = read_partition(root, number)
    articles = rows["articles"]
    for row in articles:  # Parquet written elsewhere may carry any date format
        row["published"] = published_or_none(row.get("published"), f"{root} part {number}")
    known = store.known([row["sha256"] for row in articles])
    aliases = rows["article_ids"] + [row for row in articles if row["sha256"] in known]
    failed = sum(1 for error in rows["errors"] if error["sha256"] is not None)
    read = len(articles) + len(rows["article_ids"]) + failed
    writer.count(read=read, skipped=len(aliases), peak_rss_mb=peak_mb or rss_mb())
    for error in rows["errors"]:
        say(f"{error['source']}: [{error['code']}] {error['message']}")
        writer.add_error(error["source"], error["message"], error["code"], error["sha256"])
    for alias in aliases:
        writer.add_alias(alias["id"], alias["sha256"])
    writer.add_rows({name: new_rows(rows[name], known) for name in CONTENT_TABLES})
    batch = writer.flush()
    for line in batch.rejected:
        say(line)
    return Loaded(number, batch, read, len(aliases))


def new_rows(rows: list[Row], known: set[str]) -> list[Row]:
    return [row for row in rows if row["sha256"] not in known]
