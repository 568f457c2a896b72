"""``Store``: the database opened for writing (migrated on open), runs and writers.

Only one process can hold a DuckDB file open for writing; a second one gets
``StoreLockedError`` at once. Readers use ``armswatch.store.view.open_view``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import duckdb

from armswatch.settings import int_setting
from armswatch.store import runs
from armswatch.store.db import connect, make_room_for_indexes, translated
from armswatch.store.records import RunRecord, RunStatus
from armswatch.store.schema import apply_migrations
from armswatch.store.writer import StoreWriter, known_shas


class Store:
    """The write side of the database."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:
        self.path, self.con = path, con

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (or create) the database and apply pending migrations."""
        path = Path(path)
        con = connect(path)
        try:
            with translated(path):
                apply_migrations(con)
                make_room_for_indexes(con)
        except BaseException:
            con.close()
            raise
        return cls(path, con)

    def close(self) -> None:
        with translated(self.path):
            self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
            return
        with contextlib.suppress(duckdb.Error):  # already failing: keep the first error
            self.con.close()

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
        return StoreWriter(self.con, self.path, run, size)


def open_store(path: str | Path) -> Store:
    """Open the database at ``path`` for writing (see ``Store``)."""
    return Store.open(path)
