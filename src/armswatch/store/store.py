"""``Store``: the database opened for writing (migrated on open), runs and writers.

Only one process can hold a DuckDB file open (for writing, or any number of read-only
connections); the others wait and retry (``db.connect``). A run releases the store
between batches (``Store.release``) so readers get their turn. Readers use
``armswatch.store.view.open_view``.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import duckdb

from armswatch.settings import get_setting, int_setting
from armswatch.store import runs
from armswatch.store.db import connect, make_room_for_indexes, translated
from armswatch.store.readmodel import build_after_writer, mark_stale, settle
from armswatch.store.records import RunRecord, RunStatus
from armswatch.store.schema import apply_migrations
from armswatch.store.writer import StoreWriter, known_shas

LOG = logging.getLogger(__name__)
READER_TURN_S = 0.15
"""How long a released store stays free at least: readers retrying every ≤ 0.2 s (see
``db.connect``) find it free in that window."""


class Store:
    """The write side of the database.

    The connection is opened when first needed and may be let go between batches
    (``release``), so that readers in other processes get their turn; the next use opens
    it again (waiting for readers to finish, see ``db.connect``).
    """

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self._con: duckdb.DuckDBPyConnection | None = con
        self.opened_at = time.monotonic()
        self.released_at = 0.0
        self.build_read_model = True

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The writing connection, opened again if it was released."""
        if self._con is None:
            pause = READER_TURN_S - (time.monotonic() - self.released_at)
            if pause > 0:  # readers polling for the lock get a window to take it
                time.sleep(pause)
            con = connect(self.path)
            try:
                with translated(self.path):
                    make_room_for_indexes(con)
            except BaseException:
                con.close()
                raise
            self._con, self.opened_at = con, time.monotonic()
        return self._con

    def release(self, held_ms: int | None = None) -> bool:
        """Let go of the store if it was held over ``held_ms`` (``ARMSWATCH_WRITER_HOLD_MS``)
        since it was opened; RETURNS whether it did. Call between transactions only."""
        hold = int_setting("ARMSWATCH_WRITER_HOLD_MS") if held_ms is None else held_ms
        if self._con is None or (time.monotonic() - self.opened_at) * 1000 < hold:
            return False
        con, self._con = self._con, None
        with translated(self.path):
            con.close()
        self.released_at = time.monotonic()
        return True

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (or create) the database and apply pending migrations."""
        path = Path(path)
        con = connect(path)
        try:
            with translated(path):
                apply_migrations(con)
                mark_stale(con)  # until ``close``: what this writer stores is not in them
                make_room_for_indexes(con)
        except BaseException:
            con.close()
            raise
        return cls(path, con)

    def close(self) -> None:
        """Settle the read model's state (``store.readmodel``; not with
        ``ARMSWATCH_PAGE_TABLES=off``), let go of the store, then bring the read model up
        to date on a read-only connection (readers read the store meanwhile), unless
        ``build_read_model`` is False: the caller builds it later."""
        pages = get_setting("ARMSWATCH_PAGE_TABLES") != "off"
        try:
            if pages:
                settle(self.con)
        except duckdb.Error as exc:  # readers keep to the store's own queries
            first = str(exc).strip().splitlines()[0]
            LOG.warning("%s: read model state not recorded: %s", self.path, first)
            pages = False
        if self._con is not None:
            con, self._con = self._con, None
            with translated(self.path):
                con.close()
        if pages and self.build_read_model:
            build_after_writer(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
            return
        with contextlib.suppress(duckdb.Error):  # already failing: keep the first error
            if self._con is not None:
                self._con.close()

    def known(self, shas: Sequence[str]) -> set[str]:
        """Which of these texts (sha256) are stored already."""
        with translated(self.path):
            return known_shas(self.con, list(shas))

    def mark_interrupted(self) -> list[RunRecord]:
        """Runs left ``running`` by a killed process, now marked ``interrupted``."""
        with translated(self.path):
            return runs.mark_interrupted(self.con)

    def start_run(
        self, command: str, sources: Sequence[str], workers: int = 1, batch_size: int = 0
    ) -> RunRecord:
        with translated(self.path):
            return runs.start_run(self.con, command, sources, workers, batch_size)

    def finish_run(
        self, run: RunRecord, status: RunStatus, message: str | None = None
    ) -> RunRecord:
        """Record how ``run`` ended; RETURNS it with the counts its writers saved."""
        with translated(self.path):
            return runs.finish_run(self.con, run.id, status, message)

    def writer(self, run: RunRecord, batch_size: int | None = None) -> StoreWriter:
        """A writer committing ``batch_size`` articles per transaction, counting for ``run``."""
        size = batch_size or int_setting("ARMSWATCH_BATCH_SIZE", minimum=1)
        return StoreWriter(lambda: self.con, self.path, run, size)


def open_store(path: str | Path, build_read_model: bool = True) -> Store:
    """Open the database at ``path`` for writing (see ``Store``).

    build_read_model (bool): bring the read model up to date when the store is closed
        (False: the caller does, e.g. a server after the write, off its requests' way).
    """
    store = Store.open(path)
    store.build_read_model = build_read_model
    return store
