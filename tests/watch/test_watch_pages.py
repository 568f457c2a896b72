"""The dashboard's Sources and Alerts pages, their JSON twins and /alerts.atom (issue 14)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings, make_app
from armswatch.store.records import utc_now
from armswatch.store.store import open_store
from armswatch.watch.alerts import Alert
from armswatch.watch.sources import add_source
from armswatch.watch.tables import ALERTS, AlertRecord, insert_row

pytestmark = pytest.mark.issue(14)
EVIL = "<script>alert(1)</script>"
CHANNELS = (("json://hook.example/x", True), ("mailto://u:secret@m.example", False))


def alert(n: int) -> Alert:
    return Alert(
        watch_rule="dprk",
        kind="finding",
        rule="un.dprk.arms_export",
        regime="UN DPRK",
        event=f"abc:e{n}",
        event_type="arms_transfer",
        supplier=["North Korea (PRK)"],
        recipient=["Russia (RUS)"],
        items=["artillery shells (ammunition)"],
        status="delivered",
        certainty="asserted",
        who_says=[],
        evidence=f"Report {n}: North Korea delivered shells to Russia {EVIL}.",
        article=f"https://news.example/{n}",
        url="javascript:alert(2)" if n == 1 else f"https://news.example/{n}",
        title=f"Story {n}",
        incident=f"inc_{n}",
        incident_url=f"http://127.0.0.1:8000/incidents/inc_{n}",
    )


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "pages.duckdb"
    with open_store(db) as store:
        add_source(store.con, "https://news.example/feed.xml", name=f"Gazette {EVIL}")
        for n in (1, 2):
            for channel, sent in CHANNELS:
                insert_row(
                    store.con,
                    ALERTS,
                    AlertRecord(
                        key=f"k{n}",
                        doc_key=f"d{n}",
                        watch_rule="dprk",
                        channel=channel,
                        rule="un.dprk.arms_export",
                        incident=f"inc_{n}",
                        event=f"abc:e{n}",
                        sha256="abc",
                        title=alert(n).headline(),
                        body=alert(n).model_dump_json(),
                        created_at=utc_now(),
                        sent_at=utc_now() if sent else None,
                        attempts=1,
                        error=None if sent else "connection refused",
                    ),
                )
    return TestClient(make_app(db, ApiSettings()))


def test_sources_page_and_twin(client: TestClient) -> None:
    html = client.get("/sources").text
    assert "https://news.example/feed.xml" in html and "not fetched yet" in html
    assert EVIL not in html and "&lt;script&gt;" in html
    [source] = client.get("/api/sources").json()["sources"]
    assert source["url"] == "https://news.example/feed.xml" and source["kind"] == "feed"


def test_alerts_page_shows_evidence_deliveries_and_no_secrets(client: TestClient) -> None:
    html = client.get("/alerts").text
    assert html.count("North Korea delivered shells to Russia") == 2
    assert EVIL not in html and "javascript:" not in html
    assert "secret" not in html and "not sent" in html and "connection refused" in html
    rows = client.get("/api/alerts").json()["alerts"]
    assert [len(r["channels"]) for r in rows] == [2, 2]
    assert client.get("/api/alerts?limit=1").json()["alerts"][0]["key"] in {"k1", "k2"}


def test_alerts_atom_feed(client: TestClient) -> None:
    response = client.get("/alerts.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and len(parsed.entries) == 2
    assert {e.link for e in parsed.entries} == {
        "http://127.0.0.1:8000/incidents/inc_1",
        "http://127.0.0.1:8000/incidents/inc_2",
    }
    assert all("un.dprk.arms_export" in e.title for e in parsed.entries)
