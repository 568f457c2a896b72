"""Issue 12 (high 2 and item 8): the read model is rebuilt after the writer lets go of the
store, so readers are never held back for a build (it takes minutes on a million events),
and a server's own build gives way to a writer at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from armswatch.model import Analysis, Article
from armswatch.pipeline import doc_record
from armswatch.store import docs, readmodel
from armswatch.store.readmodel import read_model_path
from armswatch.store.rows import analysis_to_rows
from armswatch.store.shared_reader import SharedReader
from armswatch.store.store import open_store
from armswatch.store.view import open_view

pytestmark = pytest.mark.issue(12)

COUNT = """
import sys
from armswatch.store import readmodel
from armswatch.store.view import open_view
with open_view(sys.argv[1]) as view:
    print(view.sql("SELECT count(*) FROM articles").rows[0][0], readmodel.connection(view))
"""


def write(path: Path, texts: list[str], build_read_model: bool = True) -> None:
    """Store one article per text (model-free: no events)."""
    with open_store(path, build_read_model) as store:
        run = store.start_run("test", ["upkeep"])
        with store.writer(run, batch_size=100) as writer:
            for text in texts:
                article = Article(id=text[:12], text=text, published="2024-05-01")
                writer.add_rows(analysis_to_rows(Analysis(doc=doc_record(article)), text))
        store.finish_run(run, "completed")


def fresh_articles(db: Path) -> int | None:
    """How many articles the read model holds, None when readers would not use it."""
    with open_view(db) as view:
        con = readmodel.connection(view)
        return (
            None if con is None else int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.duckdb"
    write(path, ["A first report about nothing much."])
    assert fresh_articles(path) == 1
    return path


@pytest.fixture
def held_build(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Builds wait at their second part until ``go`` is set (``started`` says one is there)."""
    started, go = threading.Event(), threading.Event()
    real = docs.build

    def held(con: object, target: object, stopped: Callable[[], bool]) -> None:
        started.set()
        while not go.wait(0.02):
            readmodel.stop_point(stopped)
        real(con, target, stopped)  # type: ignore[arg-type]

    monkeypatch.setattr(docs, "build", held)
    yield started, go
    go.set()


def test_readers_read_the_store_while_a_writer_rebuilds_its_read_model(
    db: Path, held_build: tuple[threading.Event, threading.Event]
) -> None:
    started, go = held_build
    writer = threading.Thread(target=write, args=(db, ["A second report.", "A third one."]))
    writer.start()
    assert started.wait(30)
    # another process opens the store: the writer has let go, only the build reads it
    counted = subprocess.run(
        [sys.executable, "-c", COUNT, str(db)], capture_output=True, text=True, timeout=60
    )
    assert counted.returncode == 0, counted.stderr
    # the new state, from the store itself; the old file is not read meanwhile
    assert counted.stdout.split() == ["3", "None"]
    go.set()
    writer.join(30)
    assert fresh_articles(db) == 3
    assert not list(db.parent.glob("*.building"))


WRITE = """
import sys
from armswatch.store.store import open_store
open_store(sys.argv[1], build_read_model=False).close()
print("written")
"""


def test_a_writer_that_asks_for_the_store_stops_a_build(
    db: Path, held_build: tuple[threading.Event, threading.Event]
) -> None:
    """A build after a run would hold the store for minutes on a large store: the next
    writer (another process) asks for its turn and gets it once the build stops."""
    started, go = held_build  # not let go: only a writer stops it
    first = threading.Thread(target=write, args=(db, ["A second report."]))
    first.start()
    assert started.wait(30)
    began = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-c", WRITE, str(db)], capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0 and second.stdout.strip() == "written", second.stderr
    assert time.monotonic() - began < 30
    first.join(10)
    assert not first.is_alive() and fresh_articles(db) is None  # left for the next build
    go.set()
    write(db, ["A third report."])  # whose close builds it
    assert fresh_articles(db) == 3


def test_a_writer_stops_the_servers_build_and_the_next_build_catches_up(db: Path) -> None:
    reader = SharedReader(db, hold_s=60, idle_s=60)
    write(db, ["A second report."], build_read_model=False)
    assert fresh_articles(db) is None
    reader.build_read_model_later()
    builder = reader.builder
    assert builder is not None
    os.kill(builder.pid, signal.SIGSTOP)  # a build that would take minutes
    began = time.monotonic()
    with reader.paused():  # the server's own writer, as for a review
        write(db, ["A third report."], build_read_model=False)
    assert time.monotonic() - began < 15  # the build gave way, it was not waited for
    assert builder.poll() is not None and fresh_articles(db) is None
    reader.build_read_model_later()
    assert reader.builder is not None and reader.builder is not builder
    assert reader.builder.wait(60) == 0
    assert fresh_articles(db) == 3
    reader.close()
    assert not list(db.parent.glob("*.building"))


def test_half_built_files_of_dead_builders_are_removed(db: Path) -> None:
    pages = read_model_path(db)
    dead = pages.with_name(f"{pages.name}.999999999.1.building")  # no such process
    dead.write_bytes(b"half a read model")
    write(db, ["A second report."])
    assert not dead.exists() and fresh_articles(db) == 2
