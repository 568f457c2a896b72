"""The event queries read denormalised columns; they must say what the full records say.

Actor filters read the events' key lists for country codes: the same events as the join
with ``actors`` (an actor's country or id), which other codes still use. Table rows read
the events' day and keys and the first evidence sentence: the same as the full events.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from armswatch.pipeline import Analyzer
from armswatch.queries import actor_graph, list_events
from armswatch.queries.common import actor_refs, event_date, events_by_id
from armswatch.queries.events import event_rows, item_label
from armswatch.queries.params import EventQuery, GraphQuery, side_condition
from armswatch.run.local import RunOptions, run_local
from armswatch.store.view import open_view

TEXTS = [
    "North Korea shipped artillery shells to Russia in October, officials said.",
    "Iran delivered Shahed-136 drones to the Wagner Group in Mali last year, officials said.",
    "Hezbollah received rockets from Iran, Israeli officials said on Monday.",
    "Russia and Belarus signed a military cooperation agreement in Minsk on Tuesday.",
    "Iran supplied drones and artillery shells to Russia, the White House said.",
]
SIDE = "lower(?) IN (lower(x.country), lower(x.id))"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    folder = tmp_path_factory.mktemp("filters")
    source = folder / "in.jsonl"
    source.write_text(
        "".join(
            f'{{"id": "a{i}", "published": "2023-11-0{i + 1}", "text": "{text}"}}\n'
            for i, text in enumerate(TEXTS)
        ),
        "utf-8",
    )
    path = folder / "a.duckdb"
    run_local([source], path, RunOptions(), analyzer=analyzer)
    return path


def joined(db: Path, sql: str, params: list[str]) -> set[str]:
    """Event ids by the join with ``actors`` (how every filter worked before)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {row[0] for row in con.execute(sql, params).fetchall()}


def listed(db: Path, **filters: str) -> set[str]:
    with open_view(db) as view:
        return {e.id for e in list_events(view, EventQuery(limit=5000, **filters)).events}


def codes(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT DISTINCT id, country FROM actors").fetchall()
    return sorted({code for row in rows for code in row if code})


def test_the_store_has_state_and_non_state_actors(db: Path) -> None:
    found = codes(db)
    assert {"PRK", "RUS", "IRN", "wagner", "hezbollah"} <= set(found)
    assert side_condition("wagner", ("source",))[0].startswith("e.id IN")  # no key of its own
    assert side_condition("prk", ("source",))[0].startswith("(list_contains")


def test_every_code_and_role_finds_what_the_join_with_actors_found(db: Path) -> None:
    for code in codes(db):
        for case in (code, code.lower(), code.upper()):
            any_side = joined(db, f"SELECT event_id FROM actors x WHERE {SIDE}", [case])
            assert listed(db, actor=case) == any_side, case
            for role in ("source", "target"):
                sql = f"SELECT event_id FROM actors x WHERE x.role = '{role}' AND {SIDE}"
                assert listed(db, **{role: case}) == joined(db, sql, [case]), (role, case)


def test_actor_and_counterpart_find_events_with_one_on_each_side(db: Path) -> None:
    pair = (
        "SELECT x.event_id FROM actors x JOIN actors y ON x.event_id = y.event_id "
        f"AND x.role <> y.role WHERE {SIDE} AND {SIDE.replace('x.', 'y.')}"
    )
    checked = 0
    for one in codes(db):
        for other in codes(db):
            expected = joined(db, pair, [one, other])
            assert listed(db, actor=one, counterpart=other) == expected, (one, other)
            checked += bool(expected)
    assert checked >= 6  # both orders of at least three pairs


def test_network_edges_join_keys_of_the_two_sides(db: Path) -> None:
    with open_view(db) as view:
        graph = actor_graph(view, GraphQuery(all_types=True))
    edges = {(e.source, e.target, e.type): e for e in graph.edges}
    assert edges[("PRK", "RUS", "arms_transfer")].events == 1
    assert edges[("IRN", "RUS", "arms_transfer")].events == 2  # wagner's key is RUS
    assert edges[("IRN", "hezbollah", "arms_transfer")].weight == 1
    assert ("BLR", "RUS", "agreement") in edges  # symmetric: the sorted pair of Russia, Belarus
    assert all(e.source != e.target for e in graph.edges)


def test_table_rows_say_what_the_full_events_say(db: Path) -> None:
    with open_view(db) as view:
        ids = [row[0] for row in view.sql("SELECT id FROM events ORDER BY id").rows]
        rows = event_rows(view, [*ids, "no-such-event"])
        full = events_by_id(view, ids)
        published = {a.sha256: a.published for a in view.articles(limit=100)}
    assert [row.id for row in rows] == ids
    for row in rows:
        event = full[row.id]
        assert row.date == event_date(event, published[event.sha256])
        assert (row.source, row.target) == (actor_refs(event.source), actor_refs(event.target))
        assert row.items == [item_label(item) for item in event.items]
        assert row.evidence == event.evidence[0].text
        assert (row.type, row.status, row.certainty) == (event.type, event.status, event.certainty)
        assert row.article.sha256 == event.sha256
