"""Writing and reading connections have their own DuckDB memory limits, and running out
of memory says which settings to raise."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from armswatch.errors import StoreError
from armswatch.store.db import INDEX_BYTES_PER_ROW, size_bytes, translate
from armswatch.store.store import open_store
from armswatch.store.view import open_view


def limit_mb(con: duckdb.DuckDBPyConnection) -> float:
    value = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    number, unit = value.split()
    return float(number) * {"KiB": 1 / 1024, "MiB": 1, "GiB": 1024}[unit]


def test_reading_and_writing_connections_use_their_own_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "100MB")
    monkeypatch.setenv("ARMSWATCH_DUCKDB_READ_MEMORY_LIMIT", "300MB")
    db = tmp_path / "a.duckdb"
    with open_store(db) as store:
        writing = limit_mb(store.con)
    with open_view(db) as view:
        reading = limit_mb(view.con)
    assert 90 < writing < 100 and 280 < reading < 300  # DuckDB reports MiB


def test_a_store_opened_for_writing_adds_room_for_its_lookup_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "100MB")
    db = tmp_path / "a.duckdb"
    with open_store(db) as store:
        empty = limit_mb(store.con)
        rows = 200_000  # incident_events has two lookup indexes
        store.con.execute(
            "INSERT INTO incident_events SELECT 'i' || i, 'e' || i, 's', 'b', 'k', 'r' "
            f"FROM range({rows}) t(i)"
        )
    with open_store(db) as store:
        grown = limit_mb(store.con)
    expected = 2 * rows * INDEX_BYTES_PER_ROW / 2**20
    assert 90 < empty < 100
    assert abs((grown - empty) - expected) < 1


def test_out_of_memory_names_the_limits_to_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "64MB")
    error = duckdb.OutOfMemoryException(
        "Out of Memory Error: failed to pin block of size 256.0 KiB"
    )
    found = translate(error, Path("ledger.duckdb"))
    assert isinstance(found, StoreError)
    text = str(found)
    assert "ledger.duckdb: Out of Memory Error" in text
    assert "ARMSWATCH_DUCKDB_MEMORY_LIMIT=64MB" in text
    assert "ARMSWATCH_DUCKDB_READ_MEMORY_LIMIT=1GB" in text


def test_memory_sizes_read_as_duckdb_reads_them() -> None:
    assert size_bytes("128MB") == 128 * 1000**2
    assert size_bytes("2GiB") == 2 * 1024**3
    assert size_bytes("64 mb") == 64 * 1000**2
    with pytest.raises(StoreError, match="ARMSWATCH_DUCKDB_MEMORY_LIMIT='lots'"):
        size_bytes("lots")
