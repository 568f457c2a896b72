"""Articles with real sentences, and a store filled from them (tests/store only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armswatch.fuse import update_incidents
from armswatch.model import Article
from armswatch.pipeline import Analyzer
from armswatch.store.records import RunRecord
from armswatch.store.rows import analysis_to_rows
from armswatch.store.store import Store, open_store
from dashkit import copy_store

DRONES = (
    "Iran delivered Shahed-136 drones to Russia in August, a U.S. official told Reuters. "
    "The drones were shipped across the Caspian Sea and assembled at a plant in Tatarstan, "
    "where Russian engineers had been trained by Iranian specialists earlier in the year."
)
SHELLS = (
    "North Korea shipped artillery shells to Russia last month, South Korean officials said. "
    "Satellite images showed trains loaded with containers crossing the border at Tumangang."
)
SANCTIONS = "The United States imposed sanctions on Iranian drone makers on Tuesday."


def article(text: str, id: str, published: str = "2022-09-06") -> Article:
    return Article(id=id, text=text, published=published)


def write(store: Store, run: RunRecord, analyzer: Analyzer, *articles: Article) -> None:
    """Analyse and write the articles in one batch."""
    with store.writer(run, batch_size=100) as writer:
        for item in articles:
            writer.add_rows(analysis_to_rows(analyzer.analyze(item), item.text))


def store_with(path: Path, analyzer: Analyzer, *articles: Article) -> None:
    """A store at ``path`` holding ``articles``, written by one finished run."""
    with open_store(path) as store:
        run = store.start_run("test", ["storekit"])
        write(store, run, analyzer, *articles)
        store.finish_run(run, "completed")


FUSED: dict[str, Path] = {}
"""The session's one fused ledger (``fused_ledger``), built the first time it is asked for."""


def fused_ledger(path: Path, analyzer: Analyzer, factory: pytest.TempPathFactory) -> Path:
    """At ``path``, a store with the drones and the shells article fused into incidents.

    The real pipeline builds it once per session; each caller gets its own copy, which it
    may write to.
    """
    if "ledger" not in FUSED:
        template = factory.mktemp("fused") / "ledger.duckdb"
        store_with(template, analyzer, article(DRONES, "d1"), article(SHELLS, "s1"))
        with open_store(template) as store:
            update_incidents(store)
        FUSED["ledger"] = template
    return copy_store(FUSED["ledger"], path)


def count(store: Store, table: str) -> int:
    return int(store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
