"""Issue 15: reviews and history through the API (write token, CSRF-safe) and the
dashboard's review panel and "what changed" section."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings
from armswatch.api.app import make_app
from armswatch.api.guard import COOKIE
from armswatch.api.review_panel import form_token
from armswatch.pipeline import Analyzer
from armswatch.store import readmodel
from armswatch.store.store import open_store
from armswatch.store.view import open_view

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from storekit import fused_ledger

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]
WRITE = "w-token"
SETTINGS = ApiSettings(ingest_token=WRITE)


@pytest.fixture
def db(tmp_path: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of its own with the drones and the shells article, fused into incidents."""
    return fused_ledger(tmp_path / "ledger.duckdb", analyzer, tmp_path_factory)


def ids(db: Path) -> tuple[str, str]:
    with open_store(db) as store:
        event = store.con.execute("SELECT id FROM events ORDER BY id LIMIT 1").fetchall()[0][0]
        incident = store.con.execute("SELECT id FROM incidents ORDER BY id LIMIT 1").fetchall()
    return event, incident[0][0]


def test_a_review_needs_the_write_token_as_a_header(db: Path) -> None:
    event, _ = ids(db)
    settings = ApiSettings(token="read", ingest_token=WRITE)
    client = TestClient(make_app(db, settings), headers={"Authorization": "Bearer read"})
    body = {"id": event, "status": "rejected", "note": "a rumour", "by": "ana"}
    refused = client.post("/api/reviews", json=body)
    assert refused.status_code == 401  # the read token reads, it does not write
    client.cookies.set(COOKIE, WRITE)  # a cookie is no write token: forms could send it
    assert client.post("/api/reviews", json=body).status_code == 401
    client.cookies.clear()
    done = client.post("/api/reviews", json=body, headers={"Authorization": f"Bearer {WRITE}"})
    assert done.status_code == 201, done.text
    assert done.json()["id"] == event and done.json()["status"] == "rejected"
    listed = client.get("/api/reviews").json()["reviews"]
    assert [(r["id"], r["status"], r["note"]) for r in listed] == [(event, "rejected", "a rumour")]
    assert client.get("/api/reviews?status=confirmed").json()["reviews"] == []
    history = client.get(f"/api/history/{event}").json()
    assert [c["change"] for c in history["changes"]] == ["reviewed"]
    bad = client.post(
        "/api/reviews",
        json={"id": "ev_nope", "status": "unsure"},
        headers={"Authorization": f"Bearer {WRITE}"},
    )
    assert bad.status_code == 404 and "ev_nope" in bad.text


def test_the_incident_page_reviews_with_its_buttons_and_shows_what_changed(db: Path) -> None:
    _, incident = ids(db)
    client = TestClient(make_app(db, ApiSettings(token="read", ingest_token=WRITE)))
    client.follow_redirects = False
    client.cookies.set(COOKIE, "read")  # a reader: the page, no buttons
    page = client.get(f"/incidents/{incident}")
    assert page.status_code == 200
    assert 'id="what-changed"' in page.text and 'id="changes"' in page.text
    assert "<td>added</td>" in page.text  # the fusion that made it is its first row
    assert 'id="review-form"' not in page.text  # no write token held: no buttons
    client.cookies.set(COOKIE, WRITE)
    page = client.get(f"/incidents/{incident}")
    assert 'id="review-form"' in page.text and form_token(SETTINGS) in page.text
    form = {
        "id": incident,
        "status": "confirmed",
        "note": "two sources",
        "back": f"/incidents/{incident}",
        "form_token": form_token(SETTINGS),
    }
    forged = client.post("/review", data={**form, "form_token": "x"})
    assert forged.status_code == 401
    cross = client.post("/review", data=form, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 401
    hidden = {"Origin": "null", "Sec-Fetch-Site": "cross-site"}  # a sandboxed frame elsewhere
    assert client.post("/review", data=form, headers=hidden).status_code == 401
    unvouched = client.post("/review", data=form, headers={"Origin": "null"})
    assert unvouched.status_code == 401
    done = client.post("/review", data=form)
    assert done.status_code == 303 and done.headers["location"] == f"/incidents/{incident}#review"
    page = client.get(f"/incidents/{incident}")
    assert "Reviewed <strong" in page.text and "two sources" in page.text
    assert 'id="changes"' in page.text and "reviewed" in page.text


@pytest.mark.issue(12)
def test_a_review_shows_at_once_and_the_read_model_catches_up_after_it(db: Path) -> None:
    """The server records the review and answers; the read model is rebuilt afterwards
    in a process of its own (minutes on a large store), while pages read the store."""
    event, _ = ids(db)
    app = make_app(db, SETTINGS)
    client = TestClient(app, headers={"Authorization": f"Bearer {WRITE}"})  # it reads too
    done = client.post("/api/reviews", json={"id": event, "status": "confirmed", "by": "ana"})
    assert done.status_code == 201, done.text
    answer = client.get("/api/events?limit=50")
    assert answer.status_code == 200, answer.text
    listed = answer.json()["events"]
    assert {row["id"]: row["review"] for row in listed}[event] == "confirmed"
    assert app.state.reader.builder.wait(60) == 0
    with open_view(db) as view:
        assert readmodel.connection(view) is not None  # built from the reviewed state
    assert client.get("/api/events?limit=50").json()["events"] == listed
