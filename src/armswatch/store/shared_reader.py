"""The server's one read-only connection, shared by its requests and let go when a
writer asks for the store (``store.turns``; docs/store.md, "Readers and the writer")."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio
import duckdb

from armswatch.store.memo import Memo
from armswatch.store.turns import file_state, marker_state
from armswatch.store.view import View, open_view

T = TypeVar("T")


class SharedReader:
    """One read-only connection that a server's requests share (a cursor each), let go
    when a writer asks for the store (``ask_for_turn``), after ``idle_s`` without
    requests, and at the latest after ``hold_s``.

    Opening a DuckDB file, and loading the lookup indexes a query uses again, costs more
    than most dashboard queries; keeping one connection saves that on every request. When
    a writer waits, new requests wait for the ones in flight, the file is closed, and it
    is opened again ``turn_s`` later: the writer, retrying for the store (``db.connect``),
    takes it then, and the requests wait for its batch (up to ``ARMSWATCH_LOCK_WAIT``).
    """

    def __init__(
        self,
        path: Path,
        hold_s: float = 60.0,
        turn_s: float = 0.25,
        idle_s: float = 0.5,
        readers: int = 0,
    ) -> None:
        """readers (int): requests that read at the same time (0: any number); the
        others wait for a slot (``request_view``), first come first served."""
        self.path, self.hold_s, self.turn_s, self.idle_s = path, hold_s, turn_s, idle_s
        self.slots = anyio.CapacityLimiter(readers) if readers > 0 else None
        self.last_used = 0.0
        self.cond = threading.Condition()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.tables: frozenset[str] | None = None  # of the last opening, kept after it
        self.opened_at = 0.0
        self.asked_at_open: int | None = None
        self.closed_at = -turn_s
        self.users = 0
        self.writers = 0
        self.memo = Memo()
        self.builder: subprocess.Popen[bytes] | None = None  # the read model's build
        self.idle_timer: threading.Timer | None = None

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Close the shared connection and hold new requests back while this process
        writes the store (``POST /api/ingest``: DuckDB refuses a writing connection in a
        process that has the file open read-only)."""
        with self.cond:
            self.writers += 1
            self.stop_build()
            while self.users:
                self.cond.wait(0.05)
            self.close()
        try:
            yield
        finally:
            with self.cond:
                self.writers -= 1
                self.cond.notify_all()

    def build_read_model_later(self) -> None:
        """Bring the read model up to date in a process of its own
        (``python -m armswatch.store.readmodel``), after this process wrote the store
        (``POST /api/reviews``, ``/api/ingest``): requests go on meanwhile, on the store's
        own queries, and the build's memory is not the server's. A writer's turn stops
        it (``stop_build``); the next writer's close builds again."""
        with self.cond:
            if self.builder is not None and self.builder.poll() is None:
                return  # it reads the state as it is now: nothing to add
            command = [sys.executable, "-m", "armswatch.store.readmodel", str(self.path)]
            self.builder = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def stop_build(self) -> None:
        """Stop a build in progress (a writer wants the store): it holds the file. Its
        half-built file is removed by the next build (``readmodel.remove_leftovers``)."""
        builder = self.builder
        if builder is None or builder.poll() is not None:
            return
        builder.terminate()
        try:
            builder.wait(5)
        except subprocess.TimeoutExpired:
            builder.kill()
            builder.wait()

    @asynccontextmanager
    async def request_view(self) -> AsyncIterator[ReaderView]:
        """The view of one request, once a slot is free (``readers`` at a time). The
        request waits for its slot in the event loop, not on a thread: the waiting ones
        are let in in the order they came (threads waiting on a lock are not, and a few
        requests then wait many times longer than the rest)."""
        async with self.slots or contextlib.nullcontext():
            view = ReaderView(self)
            try:
                yield view
            finally:
                view.close()

    @contextmanager
    def view(self) -> Iterator[ReaderView]:
        """A view on the shared connection, for a caller that is not a request (no slot)."""
        view = ReaderView(self)
        try:
            yield view
        finally:
            view.close()

    def release(self) -> None:
        with self.cond:
            self.users -= 1
            self.cond.notify_all()
            if not self.users:  # idle: let go soon unless a request comes
                self.last_used = time.monotonic()
                if self.idle_timer is not None:
                    self.idle_timer.cancel()  # one timer at a time, from the last release
                self.idle_timer = threading.Timer(self.idle_s, self.close_if_idle)
                self.idle_timer.daemon = False  # a daemon closing DuckDB at exit can abort
                self.idle_timer.start()

    def close_if_idle(self) -> None:
        """Close the connection if no request used it for ``idle_s``: an idle dashboard
        holds no lock."""
        with self.cond:
            if not self.users and time.monotonic() - self.last_used >= self.idle_s * 0.9:
                self.close()

    def writer_waits(self) -> bool:
        """Whether a writer asked for the store since it was opened (or it was held
        ``hold_s``, for a writer whose marker this reader cannot see)."""
        if time.monotonic() - self.opened_at >= self.hold_s:
            return True
        asked = marker_state(self.path)
        return asked is not None and asked != self.asked_at_open

    def acquire(self) -> tuple[duckdb.DuckDBPyConnection, frozenset[str] | None]:
        """A cursor for one request (and the store's tables, read once per opening)."""
        with self.cond:
            while True:
                if self.writers:
                    self.cond.wait(0.05)
                    continue
                if self.con is not None and not self.writer_waits():
                    self.users += 1
                    return self.con.cursor(), self.tables
                if self.con is not None:  # the writer's turn: drain, then let go
                    self.stop_build()
                    if self.users:
                        self.cond.wait(0.05)
                        continue
                    self.close()
                    continue
                pause = self.turn_s - (time.monotonic() - self.closed_at)
                if pause > 0:  # the writer takes the store meanwhile
                    self.cond.wait(pause)
                    continue
                self.open()

    def open(self) -> None:
        self.asked_at_open = marker_state(self.path)
        view = open_view(self.path)
        self.con, self.tables = view.con, view.tables()
        self.memo.at_state(file_state(self.path))  # held open now: no writer changes it
        self.opened_at = time.monotonic()

    def close(self) -> None:
        """Close the shared connection (requests in flight, and a build, must have
        finished)."""
        if self.idle_timer is not None:  # nothing left to close: the process may exit
            self.idle_timer.cancel()
        if self.con is not None:
            with contextlib.suppress(duckdb.Error):
                self.con.close()
            self.con, self.closed_at = None, time.monotonic()


class ReaderView(View):
    """A view for one request on a ``SharedReader``. It takes a cursor of the shared
    connection only when a query needs one: a page answered from the read model
    (``store.readmodel``) needs none, and costs the connection nothing.

    Without a cursor it uses what the reader kept (the store's tables, the ``Memo``)
    only while the store file is in the state they were kept for (``file_state``): a
    writer may have taken the file since the reader let it go.
    """

    def __init__(self, reader: SharedReader) -> None:
        self.path, self.memo, self.reader = reader.path, reader.memo, reader
        self._tables: frozenset[str] | None = None
        self._cursor: duckdb.DuckDBPyConnection | None = None
        self._kept_is_current: bool | None = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            self._cursor, self._tables = self.reader.acquire()
        return self._cursor

    def kept_is_current(self) -> bool:
        """Whether what the reader kept is of the store as it is now (checked once)."""
        if self._cursor is not None:
            return True  # no writer changes the file while a cursor is held
        if self._kept_is_current is None:
            self._kept_is_current = (
                self.reader.tables is not None and self.reader.memo.state == file_state(self.path)
            )
        return self._kept_is_current

    def tables(self) -> frozenset[str]:
        if self._tables is None:
            if self.kept_is_current() and self.reader.tables is not None:
                return self.reader.tables
            self.con  # noqa: B018 -- the reader gives its tables with the cursor
        return super().tables()

    def remembered(self, query: str, params: Sequence[Any], compute: Callable[[], T]) -> T:
        if not self.kept_is_current():
            self.con  # noqa: B018 -- opening the file again drops what was kept of another state
        return super().remembered(query, params, compute)

    def close(self) -> None:
        """Give the cursor back, if the view took one."""
        if self._cursor is not None:
            cursor, self._cursor = self._cursor, None
            with contextlib.suppress(duckdb.Error):
                cursor.close()
            self.reader.release()
