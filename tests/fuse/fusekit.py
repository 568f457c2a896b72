"""Article sets with real sentences, stores built from them, and table snapshots (tests/fuse)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from armswatch.fuse import (
    FuseReport,
    IncidentStory,
    get_incident,
    list_incidents,
    update_incidents,
)
from armswatch.model import Article
from armswatch.pipeline import Analyzer
from armswatch.store.rows import analysis_to_rows
from armswatch.store.store import open_store
from armswatch.store.view import open_view


def art(id: str, outlet: str, published: str, text: str) -> Article:
    return Article(id=id, outlet=outlet, published=published, text=text)


WIRE = (
    "North Korea has shipped about a million artillery shells to Russia since August, "
    "officials said on Friday. The shipments went by rail through the Tumangang border "
    "crossing and by sea from the port of Rajin, where satellite images showed containers "
    "stacked on the docks. Analysts said the munitions would help Moscow sustain its "
    "artillery barrages in eastern Ukraine through the winter."
)
WIRE_COPIES = [
    art("w1", "Otago Daily Times", "2023-10-13", "SEOUL — " + WIRE),
    art("w2", "Kent Messenger", "2023-10-13", WIRE + " Seoul declined to comment further."),
    art("w3", "Springfield Gazette", "2023-10-14", WIRE),
]
SAME_INTELLIGENCE = [
    art(
        "nyt1",
        "The New York Times",
        "2023-09-05",
        "Russia is buying artillery shells from North Korea, according to U.S. intelligence "
        "officials. The purchase shows how sanctions have constrained Moscow's war effort.",
    ),
    art(
        "wsj1",
        "The Wall Street Journal",
        "2023-09-06",
        "U.S. intelligence officials said North Korea is selling millions of artillery shells "
        "to Russia.",
    ),
]
TWO_GOVERNMENTS = [
    art(
        "kor1",
        "Otago Daily Times",
        "2023-11-01",
        "South Korea's defence ministry said North Korea had shipped about a million artillery "
        "shells to Russia in October.",
    ),
    art(
        "usa1",
        "Kent Messenger",
        "2023-11-02",
        "The U.S. State Department said North Korea delivered artillery shells to Russia "
        "last month.",
    ),
]
DRONES = art(
    "drones1",
    "Kent Messenger",
    "2022-10-20",
    "Iran delivered Shahed-136 drones to Russia in August, U.S. officials said.",
)
DENIAL = art(
    "deny1",
    "Otago Daily Times",
    "2022-10-21",
    "Iran denied supplying drones to Russia, the Iranian foreign ministry said on Friday.",
)
MISSILES = art(
    "missiles1",
    "Kent Messenger",
    "2023-01-10",
    "Iran delivered Fath-360 ballistic missiles to Russia in December, U.S. officials said.",
)
PLAN = art(
    "plan1",
    "Kent Messenger",
    "2023-08-01",
    "Russia plans to buy artillery shells from North Korea, U.S. officials said on Tuesday.",
)
DELIVERY = art(
    "delivered1",
    "Otago Daily Times",
    "2023-11-01",
    "North Korea delivered artillery shells to Russia in October, South Korean intelligence said.",
)
CARRIED = [
    art(
        "carried1",
        "Kent Messenger",
        "2023-09-05",
        "Russia is buying artillery shells from North Korea, U.S. officials told The New York "
        "Times.",
    ),
    art(
        "carried2",
        "Otago Daily Times",
        "2023-09-06",
        "Russia is buying artillery shells from North Korea, according to a New York Times report.",
    ),
]


def write(db: Path, analyzer: Analyzer, articles: Sequence[Article]) -> FuseReport:
    """Analyse and store the articles as one batch, then update the incidents."""
    with open_store(db) as store:
        run = store.start_run("test", ["fusekit"])
        with store.writer(run, batch_size=1000) as writer:
            for item in articles:
                writer.add_rows(analysis_to_rows(analyzer.analyze(item), item.text))
        store.finish_run(run, "completed")
        return update_incidents(store, [a.sha256 for a in articles])


def stories(db: Path) -> list[IncidentStory]:
    """Every incident's story, in the list's order."""
    with open_view(db) as view:
        found = [get_incident(view, s.id) for s in list_incidents(view, limit=1000)]
    return [s for s in found if s is not None]


def only(db: Path) -> IncidentStory:
    """The one incident of a store (fails when there are more or none)."""
    [story] = stories(db)
    return story


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every row of the fusion tables, sorted: equal snapshots mean equal incidents."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = ("incidents", "incident_events", "claims")
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    finally:
        con.close()
