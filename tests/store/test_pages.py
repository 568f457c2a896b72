"""The list pages of the read model (``store.pages``) give exactly what the lists' own
queries give, and never show a store other than the one they were built from.

The stores here are small synthetic ones written in SQL (no model): hypothesis draws the
articles, events, findings, incidents and reviews, then queries; each query is answered
from the page tables and again, with the tables marked stale, by the lists' own queries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from armswatch.queries import list_events, list_findings, list_incident_page
from armswatch.queries.paged import event_facet
from armswatch.queries.params import EventQuery, FindingQuery, IncidentQuery
from armswatch.store import pages, schema
from armswatch.store.pages import read_page
from armswatch.store.readmodel import fresh, mark_stale, read_model_path, refresh
from armswatch.store.store import open_store
from armswatch.store.view import View, open_view

pytestmark = pytest.mark.issue(12)

CODES = ["CUB", "ERI", "VEN"]
"""Invented dyads among countries no gold text is about."""
TYPES = ["arms_transfer", "meeting", "condemnation"]
RULES = ["un.dprk.arms_export", "un.iran.missile_uav"]
DAYS = [None, "2021-03-04", "2021-03-04", "2022-11-30", "2023-01-15"]


COLUMNS: dict[str, list[tuple[str, str, bool]]] = {}


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows, every column the row does not name given a plain default."""
    if table not in COLUMNS:
        COLUMNS[table] = con.execute(
            "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
    columns = COLUMNS[table]
    for row in rows:
        values = [row.get(name, default(kind, nullable)) for name, kind, nullable in columns]
        marks = ", ".join("?" for _ in columns)
        con.execute(f"INSERT INTO {table} VALUES ({marks})", values).fetchall()


def default(kind: str, nullable: bool) -> Any:
    if nullable:
        return None
    if kind.endswith("[]"):
        return []
    return {"BOOLEAN": False, "BIGINT": 0, "DOUBLE": 0.0, "TIMESTAMP": "2024-01-01"}.get(kind, "")


EVENT = st.fixed_dictionaries(
    {
        "type": st.sampled_from(TYPES),
        "source_keys": st.lists(st.sampled_from(CODES), max_size=2, unique=True),
        "target_keys": st.lists(st.sampled_from(CODES), max_size=2, unique=True),
        "day": st.sampled_from(DAYS),
        "status": st.sampled_from(["delivered", "planned"]),
        "finding": st.sampled_from([None, *RULES]),
        "review": st.sampled_from([None, "rejected", "confirmed"]),
        "system": st.sampled_from([None, "", "Zephyr-9"]),
    }
)
WORLD = st.lists(
    st.tuples(st.booleans(), st.lists(EVENT, min_size=1, max_size=3)), min_size=1, max_size=8
)
"""Articles (current or superseded) with their events."""


def fill(con: duckdb.DuckDBPyConnection, world: list[tuple[bool, list[dict[str, Any]]]]) -> None:
    """A store of these articles and events: a finding, an item, an evidence sentence per
    event; incidents of every second and third event, with 0–3 sources."""
    for a, (current, events) in enumerate(world):
        sha = f"s{a:02d}"
        article = {"sha256": sha, "id": f"art-{a}", "current": current, "version": 1}
        insert(con, "articles", [article | {"published": "2020-05-0" + str(1 + a % 9)}])
        for n, event in enumerate(events):
            event_id = f"ev-{a}-{n}"
            row = {k: event[k] for k in ("type", "source_keys", "target_keys", "day", "status")}
            keys = {"sha256": sha, "ordinal": n, "id": event_id, "current": current}
            insert(con, "events", [row | keys | {"certainty": "asserted", "confidence": 0.5}])
            part = {"sha256": sha, "event_id": event_id, "ordinal": 0}
            item = {"category": "uav", "system": event["system"]}
            insert(con, "items", [part | item])
            insert(con, "evidence", [part | {"text": f"Sentence {a}.{n}"}])
            if event["finding"]:
                finding = {"sha256": sha, "ordinal": n, "rule": event["finding"]}
                finding |= {"event": event_id, "date": event["day"], "explanation": "x"}
                insert(con, "findings", [finding])
            if event["review"]:
                review = {"id": event_id, "kind": "event", "status": event["review"]}
                insert(con, "reviews", [review])
    fuse_every_other(con)


def fuse_every_other(con: duckdb.DuckDBPyConnection) -> None:
    ids = [row[0] for row in con.execute("SELECT id FROM events ORDER BY id").fetchall()]
    for number, event_id in enumerate(ids[::2]):
        incident = f"inc-{number}"
        keys = con.execute(
            "SELECT source_keys, target_keys, day FROM events WHERE id = ?", [event_id]
        ).fetchall()[0]
        row = {"id": incident, "type": "meeting", "title": incident, "dyad": "?"}
        row |= {"source": keys[0], "target": keys[1], "last_reported": keys[2]}
        row |= {"independent_sources": number % 4, "score": (number % 3) / 3}
        insert(con, "incidents", [row | {"event_ids": [event_id], "block": "b"}])
        link = {"incident_id": incident, "event_id": event_id, "sha256": "", "block": "b"}
        insert(con, "incident_events", [link])


CODE = st.sampled_from([None, None, *CODES, "wagner"])
FAMILIES = [(), ("type",), ("actor",), ("source",), ("target",), ("type", "actor")]
FAMILIES += [("source", "target"), ("type", "source", "target"), ("actor", "counterpart")]


@st.composite
def facet_query(draw: st.DrawFn) -> EventQuery:
    """An event query whose filters are one of the kept facets (codes in any case)."""
    values: dict[str, Any] = {}
    for name in draw(st.sampled_from(FAMILIES)):
        pick = TYPES if name == "type" else [*CODES, *(c.lower() for c in CODES)]
        values[name] = draw(st.sampled_from(pick))
    paging = {"limit": draw(st.integers(1, 5)), "offset": draw(st.integers(0, 12))}
    return EventQuery(**values, **paging, sort=draw(st.sampled_from(["date", "-date"])))


ANY_EVENT_QUERY = st.builds(
    EventQuery,
    type=st.sampled_from([None, *TYPES]),
    actor=CODE,
    counterpart=CODE,
    source=CODE,
    target=CODE,
    status=st.sampled_from([None, None, None, "planned"]),
    include_rejected=st.sampled_from([False, False, True]),
    limit=st.integers(1, 5),
    offset=st.integers(0, 12),
    sort=st.sampled_from(["date", "-date"]),
)
FINDING_QUERY = st.builds(
    FindingQuery,
    rule=st.sampled_from([None, *RULES, "un.unknown"]),
    limit=st.integers(1, 5),
    offset=st.integers(0, 6),
    sort=st.sampled_from(["date", "-date"]),
)
INCIDENT_QUERY = st.builds(
    IncidentQuery,
    actor=CODE,
    min_sources=st.sampled_from([None, 1, 2, 3, 11]),
    limit=st.integers(1, 5),
    offset=st.integers(0, 6),
)


def answers(view: View, queries: list[BaseModel]) -> list[dict[str, Any]]:
    found = []
    for query in queries:
        if isinstance(query, EventQuery):
            found.append(list_events(view, query).model_dump())
        elif isinstance(query, FindingQuery):
            found.append(list_findings(view, query).model_dump())
        else:
            assert isinstance(query, IncidentQuery)
            found.append(list_incident_page(view, query).model_dump())
    return found


SHARED = duckdb.connect()
schema.apply_migrations(SHARED)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the in-memory store ``SHARED`` keeps its read model."""
    return tmp_path_factory.mktemp("pages") / "shared.duckdb"


FILLED = ("articles", "events", "items", "evidence", "findings", "reviews", "incidents")


def emptied(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """``con`` with the tables ``fill`` fills emptied (migrating each store is slow)."""
    for table in (*FILLED, "incident_events"):
        con.execute(f"DELETE FROM {table}").fetchall()
    return con


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    world=WORLD,
    queries=st.lists(
        st.one_of(facet_query(), ANY_EVENT_QUERY, FINDING_QUERY, INCIDENT_QUERY), max_size=12
    ),
)
def test_pages_answer_exactly_what_the_lists_own_queries_answer(
    shared_db: Path, world: list[tuple[bool, list[dict[str, Any]]]], queries: list[BaseModel]
) -> None:
    con = emptied(SHARED)
    fill(con, world)
    refresh(con, shared_db)  # rebuilt unless the last example drew the same store
    view = View(shared_db, con)
    assert fresh(view)
    paged = answers(view, queries)
    mark_stale(con)
    assert not fresh(view)
    assert paged == answers(view, queries)


def test_a_facet_query_is_answered_from_the_pages_and_others_are_not(tmp_path: Path) -> None:
    con = duckdb.connect()
    schema.apply_migrations(con)
    event = {"type": "meeting", "source_keys": ["CUB"], "target_keys": ["VEN"], "day": None}
    event |= {"status": "planned", "finding": RULES[0], "review": None, "system": None}
    fill(con, [(True, [event, event | {"day": "2024-02-02"}])])
    refresh(con, tmp_path / "store.duckdb")
    view = View(tmp_path / "store.duckdb", con)
    dyad = EventQuery(actor="ven", counterpart="CUB")
    assert event_facet(dyad) == "actor=VEN&counterpart=CUB"
    page = read_page(view, "events", "actor=VEN&counterpart=CUB", 0, 50)
    assert page is not None and [row["date"] for row in page.rows] == ["2024-02-02", None]
    assert event_facet(EventQuery(actor="wagner")) is None  # an id, not a country
    assert event_facet(EventQuery(type="meeting", status="planned")) is None
    assert event_facet(EventQuery(actor="CUB", source="VEN")) is None


def test_the_pages_leave_out_the_events_the_ledger_calls_rejected() -> None:
    from armswatch.ledger import tables

    assert pages.REJECTED_EVENTS == tables.REJECTED_EVENTS


def test_the_read_model_is_rebuilt_only_when_what_it_shows_changed(tmp_path: Path) -> None:
    con = duckdb.connect()
    schema.apply_migrations(con)
    event = {"type": "meeting", "source_keys": ["CUB"], "target_keys": [], "day": None}
    event |= {"status": "planned", "finding": None, "review": None, "system": None}
    fill(con, [(True, [event])])
    db = tmp_path / "store.duckdb"
    assert refresh(con, db)
    assert not refresh(con, db)  # nothing changed: marked fresh, not rebuilt
    con.execute("UPDATE evidence SET text = 'Another sentence.'").fetchall()
    assert refresh(con, db)
    read_model_path(db).unlink()  # a missing file is rebuilt though nothing changed
    assert refresh(con, db)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "pages.duckdb"
    with open_store(path) as store:
        event = {"type": "arms_transfer", "source_keys": ["ERI"], "target_keys": ["CUB"]}
        event |= {"day": "2023-06-01", "status": "planned", "finding": RULES[1]}
        fill(store.con, [(True, [event | {"review": None, "system": "Zephyr-9"}])])
    return path


def events_page(path: Path, **filters: Any) -> list[dict[str, Any]]:
    with open_view(path) as view:
        assert fresh(view)
        return [row.model_dump() for row in list_events(view, EventQuery(**filters)).events]


def test_what_a_writer_stores_is_in_the_next_page_and_never_a_stale_one(
    store_path: Path,
) -> None:
    assert [row["id"] for row in events_page(store_path, actor="ERI")] == ["ev-0-0"]
    with open_store(store_path) as store:
        event = {"type": "arms_transfer", "source_keys": ["ERI"], "target_keys": ["VEN"]}
        event |= {"day": "2024-01-01", "status": "delivered", "finding": None}
        fill_more(store.con, "s99", event)
        assert not fresh(View(store_path, store.con))  # stale while the writer holds it
    assert [row["id"] for row in events_page(store_path, actor="ERI")] == ["ev-s99", "ev-0-0"]


def test_with_page_tables_off_a_writer_leaves_them_stale_and_the_lists_still_answer(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_PAGE_TABLES", "off")
    with open_store(store_path) as store:
        event = {"type": "arms_transfer", "source_keys": ["ERI"], "target_keys": ["VEN"]}
        event |= {"day": "2024-01-01", "status": "delivered", "finding": None}
        fill_more(store.con, "s98", event)
    with open_view(store_path) as view:
        assert not fresh(view)  # not rebuilt: the lists run their own queries
        found = list_events(view, EventQuery(actor="ERI")).events
        assert [row.id for row in found] == ["ev-s98", "ev-0-0"]


def fill_more(con: duckdb.DuckDBPyConnection, sha: str, event: dict[str, Any]) -> None:
    """One more article with one event (a run that adds)."""
    insert(con, "articles", [{"sha256": sha, "id": sha, "current": True, "version": 1}])
    row = {k: event[k] for k in ("type", "source_keys", "target_keys", "day", "status")}
    row |= {"sha256": sha, "ordinal": 0, "id": f"ev-{sha}", "current": True}
    insert(con, "events", [row | {"certainty": "asserted", "confidence": 0.5}])
