"""The write path: identity by text, versions, aliases, near-duplicates, atomic batches."""

from __future__ import annotations

from pathlib import Path

import pytest
from storekit import DRONES, SANCTIONS, SHELLS, article, count, store_with

from armswatch.errors import StoreError
from armswatch.ledger.ids import event_ids
from armswatch.pipeline import Analyzer
from armswatch.store import writer as writer_module
from armswatch.store.store import open_store
from armswatch.store.tables import CONTENT_TABLES

CONTENT = (*CONTENT_TABLES, "article_ids", "near_duplicates", "minhash_bands")


def snapshot(db: Path) -> dict[str, int]:
    with open_store(db) as store:
        return {table: count(store, table) for table in CONTENT}


def test_writing_the_same_articles_again_adds_nothing(tmp_path: Path, analyzer: Analyzer) -> None:
    db = tmp_path / "a.duckdb"
    articles = [article(DRONES, "d1"), article(SHELLS, "s1", "2023-10-15")]
    store_with(db, analyzer, *articles)
    before = snapshot(db)
    store_with(db, analyzer, *articles)
    assert snapshot(db) == before
    assert before["articles"] == 2 and before["events"] >= 2


def test_event_ids_are_derived_from_the_text_hash_and_the_event(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    drones = article(DRONES, "d1")
    store_with(db, analyzer, drones)
    with open_store(db) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM events ORDER BY ordinal").fetchall()]
        events = {r[0] for r in store.con.execute("SELECT event FROM findings").fetchall()}
    analysis = analyzer.analyze(drones)
    assert ids == event_ids(drones.sha256, analysis.events)
    assert events and events <= set(ids)


def test_a_changed_text_under_the_same_id_is_a_new_version(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    first, second = article(DRONES, "d1"), article(DRONES.replace("August", "July"), "d1")
    store_with(db, analyzer, first)
    store_with(db, analyzer, second)
    with open_store(db) as store:
        rows = store.con.execute(
            "SELECT sha256, version, current, superseded_by FROM articles ORDER BY version"
        ).fetchall()
        runs = store.con.execute("SELECT sum(new_versions) FROM runs").fetchall()[0]
    assert rows == [(first.sha256, 1, False, second.sha256), (second.sha256, 2, True, None)]
    assert runs == (1,)
    assert events_current(db) == {first.sha256: False, second.sha256: True}


def events_current(db: Path) -> dict[str, bool]:
    """Whether each article's events are current (all of them the same), by sha256."""
    with open_store(db) as store:
        rows = store.con.execute(
            "SELECT sha256, bool_and(current), bool_or(current) FROM events GROUP BY sha256"
        ).fetchall()
    assert all(every == some for _, every, some in rows)
    return {sha: every for sha, every, _ in rows}


def test_versions_in_one_batch_leave_only_the_last_ones_events_current(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    first, second = article(DRONES, "d1"), article(DRONES.replace("August", "July"), "d1")
    store_with(db, analyzer, first, second)
    assert events_current(db) == {first.sha256: False, second.sha256: True}


def test_the_same_text_under_a_new_id_is_one_article_with_an_alias(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    store_with(db, analyzer, article(SHELLS, "s1"), article(SHELLS, "copy-in-batch"))
    store_with(db, analyzer, article(SHELLS, "s2"))
    with open_store(db) as store:
        assert count(store, "articles") == 1
        ids = store.con.execute("SELECT id FROM article_ids ORDER BY id").fetchall()
        stored_id = store.con.execute("SELECT id FROM articles").fetchall()[0]
    assert ids == [("copy-in-batch",), ("s1",), ("s2",)]
    assert stored_id == ("s1",)


def test_a_wire_copy_is_linked_to_the_earlier_article_across_runs(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    db = tmp_path / "a.duckdb"
    original = article(DRONES, "reuters-1")
    copy = article("UPDATE 1 - " + DRONES + " (Reporting by Reuters staff)", "outlet-7")
    store_with(db, analyzer, original, article(SANCTIONS, "other"))
    store_with(db, analyzer, copy)
    with open_store(db) as store:
        links = store.con.execute(
            "SELECT sha256, duplicate_of, similarity FROM near_duplicates"
        ).fetchall()
        clusters = dict(store.con.execute("SELECT id, cluster FROM articles").fetchall())
    assert [(a, b) for a, b, _ in links] == [(copy.sha256, original.sha256)]
    assert links[0][2] >= 0.7
    assert clusters["outlet-7"] == clusters["reuters-1"] == original.sha256
    assert clusters["other"] != original.sha256


def test_a_failing_batch_leaves_nothing_behind(
    tmp_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "a.duckdb"
    store_with(db, analyzer, article(SANCTIONS, "kept"))
    before = snapshot(db)
    real = writer_module.insert_rows

    def failing(con: object, table: str, rows: list[object], **kw: object) -> int:
        if table == "findings":
            raise OSError("simulated failure half-way through a batch")
        return real(con, table, rows, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(writer_module, "insert_rows", failing)
    with pytest.raises(StoreError, match="simulated"):
        store_with(db, analyzer, article(DRONES, "d1"), article(SHELLS, "s1"))
    monkeypatch.undo()
    assert snapshot(db) == before
    store_with(db, analyzer, article(DRONES, "d1"), article(SHELLS, "s1"))
    assert snapshot(db)["articles"] == 3


@pytest.mark.issue(12)
def test_an_article_the_store_refuses_is_an_error_and_the_batch_is_stored(
    tmp_path: Path,
) -> None:
    from armswatch.model import Analysis
    from armswatch.pipeline import doc_record
    from armswatch.store.rows import analysis_to_rows

    texts = [f"Article number {n} about nothing in particular." for n in range(3)]
    rows = [
        analysis_to_rows(Analysis(doc=doc_record(article(text, f"a{n}"))), text)
        for n, text in enumerate(texts)
    ]
    rows[1]["articles"][0]["version"] = "not a number"  # a row no table can hold
    with open_store(tmp_path / "a.duckdb") as store:
        run = store.start_run("run", ["test"])
        writer = store.writer(run, batch_size=10)
        for found in rows:
            writer.add_rows(found)
        batch = writer.flush()
        assert batch.stored == 2 and batch.errors == 1
        assert len(batch.rejected) == 1 and batch.rejected[0].startswith("a1: [AW040] ")
        stored = store.con.execute("SELECT id FROM articles ORDER BY id").fetchall()
        errors = store.con.execute("SELECT source, code FROM errors").fetchall()
    assert stored == [("a0",), ("a2",)] and errors == [("a1", "AW040")]
