"""Bad input and a bad environment: a clear message, nothing stored lost, nothing corrupted."""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from runkit import armswatch, record, write_jsonl
from typer.testing import CliRunner

from armswatch.cli import app

runner = CliRunner()
MIB = 1024 * 1024


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["run", *args])
    return result.exit_code, result.stderr


def test_bad_files_and_lines_are_error_rows_and_the_rest_is_stored(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    write_jsonl(news / "a_good.jsonl", [record(1), record(2)])
    packed = gzip.compress(b"".join(json.dumps(record(i)).encode() + b"\n" for i in range(3, 9)))
    (news / "b_truncated.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    huge = json.dumps({"id": "huge", "text": "x" * (20 * MIB)})
    (news / "c_huge.jsonl").write_text(huge + "\n" + json.dumps(record(10)) + "\n", "utf-8")
    (news / "d_loop.jsonl").symlink_to(news / "d_loop.jsonl")  # unreadable, even for root
    db = tmp_path / "a.duckdb"

    code, err = run(str(news), "--db", str(db))

    assert code == 0, err
    lines = [line for line in err.splitlines() if "[AW001]" in line]
    assert [line.split(": [AW001] ")[1].split(" (")[0] for line in lines] == [
        "truncated or corrupt gzip data",
        "line too long",
        "cannot read",
    ]
    assert lines[1].startswith(f"{news / 'c_huge.jsonl'}:1:")
    errors = rows(db, "SELECT source, code, message FROM errors ORDER BY source")
    assert [(Path(str(s)).name.split(":")[0], c) for s, c, _ in errors] == [
        ("b_truncated.jsonl.gz", "AW001"),
        ("c_huge.jsonl", "AW001"),
        ("d_loop.jsonl", "AW001"),
    ]
    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert 3 <= int(stored) < 9  # type: ignore[call-overload]
    assert rows(db, "SELECT id FROM articles WHERE id IN ('art-1', 'art-2', 'art-10')")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    secret = write_jsonl(tmp_path / "secret.jsonl", [record(1)])
    secret.chmod(0)
    good = write_jsonl(tmp_path / "good.jsonl", [record(2)])
    code, err = run(str(secret), str(good), "--db", str(tmp_path / "a.duckdb"))
    assert code == 0 and f"{secret}: [AW001] permission denied" in err


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A store held open for writing by another process."""
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout and holder.stdout.readline().strip() == "ready"
    yield db
    assert holder.stdin
    holder.stdin.close()
    holder.wait(timeout=30)


def test_a_locked_database_is_a_one_line_error(
    held: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_LOCK_WAIT", "1")  # held for good: wait 1 s, then fail
    source = write_jsonl(tmp_path / "a.jsonl", [record(1)])
    code, err = run(str(source), "--db", str(held))
    assert code == 1
    assert err.startswith(f"error: [AW041] {held} is in use by another process (PID ")
    assert "(waited 1 s: ARMSWATCH_LOCK_WAIT)" in err
    assert len(err.splitlines()) == 1
    result = runner.invoke(app, ["query", "SELECT 1", "--db", str(held)])
    assert result.exit_code == 1 and result.stderr.startswith("error: [AW041]")


def check_intact(db: Path, first: int, batch: int) -> int:
    """The store opens, holds whole batches only, and the first run's articles."""
    [(articles, minhashes, ids, firsts)] = rows(
        db,
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM minhashes), "
        "(SELECT count(DISTINCT sha256) FROM article_ids), "
        "(SELECT count(*) FROM articles WHERE run_id = "
        "(SELECT id FROM runs ORDER BY started_at LIMIT 1))",
    )
    assert articles == minhashes == ids
    assert firsts == first and (int(articles) - first) % batch == 0  # type: ignore[call-overload]
    return int(articles)  # type: ignore[call-overload]


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs (root only)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True
        ).returncode
    ):
        pytest.skip("needs root and mount to make a small filesystem")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_keeps_what_was_stored(tmpfs: Path, tmp_path: Path) -> None:
    db = tmpfs / "a.duckdb"
    assert (
        run(
            str(write_jsonl(tmp_path / "first.jsonl", [record(i) for i in range(10)])),
            "--db",
            str(db),
        )[0]
        == 0
    )
    filler = tmpfs / "filler"
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    filler.write_bytes(b"\0" * max(free - 96 * 1024, 0))
    source = write_jsonl(tmp_path / "more.jsonl", [record(i, " More.") for i in range(200)])

    code, err = run(str(source), "--db", str(db), "--batch-size", "5")

    assert code == 1 and "error: [AW042]" in err and "no space left on device" in err
    filler.unlink()
    stored = check_intact(db, first=10, batch=5)
    assert run(str(source), "--db", str(db))[0] == 0
    assert rows(db, "SELECT count(*), count(DISTINCT sha256) FROM articles") == [(210, 210)]
    assert stored < 210


def test_a_file_size_limit_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    assert (
        run(
            str(write_jsonl(tmp_path / "first.jsonl", [record(i) for i in range(10)])),
            "--db",
            str(db),
        )[0]
        == 0
    )
    source = write_jsonl(tmp_path / "more.jsonl", [record(i, " More.") for i in range(200)])

    def limit() -> None:  # in the child: every file it writes stays under 96 KiB
        resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, 96 * 1024))

    proc = armswatch("run", str(source), "--db", str(db), "--batch-size", "5", preexec_fn=limit)
    _, err = proc.communicate(timeout=120)

    assert proc.returncode == 1 and "error: [AW042]" in err and "file too large" in err, err
    stored = check_intact(db, first=10, batch=5)
    assert run(str(source), "--db", str(db))[0] == 0
    assert rows(db, "SELECT count(*), count(DISTINCT sha256) FROM articles") == [(210, 210)]
    assert stored < 210
