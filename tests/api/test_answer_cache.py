"""Issue 12, item 8: read answers are kept until the store changes (``api.cache``).

Under load most requests repeat a list or a story someone asked for a moment ago; the
server gives the kept answer again while the store file is unchanged, and never after a
write: an analyst must see what a run has just stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings
from armswatch.api.app import make_app
from armswatch.model import Analysis, Article
from armswatch.pipeline import doc_record
from armswatch.store.rows import analysis_to_rows
from armswatch.store.store import open_store


def add_articles(path: Path, *texts: str) -> Path:
    """Store one article per text, as a run would (model-free: no events)."""
    with open_store(path) as store:
        run = store.start_run("test", ["answer cache"])
        with store.writer(run, batch_size=100) as writer:
            for text in texts:
                article = Article(id=text[:12], text=text, published="2024-05-01")
                writer.add_rows(analysis_to_rows(Analysis(doc=doc_record(article)), text))
        store.finish_run(run, "completed")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return add_articles(tmp_path / "ledger.duckdb", "The first article of the store.")


@pytest.mark.issue(12)
def test_a_repeated_read_is_answered_again_until_a_write_changes_the_store(db: Path) -> None:
    app = make_app(db, ApiSettings())
    client = TestClient(app)
    first = client.get("/api/health")
    again = client.get("/api/health")
    assert first.json()["articles"] == 1 and again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert app.state.answers.hits == 1
    with app.state.reader.paused():  # the store is written meanwhile (here: in-process)
        add_articles(db, "A second article, stored by a later run.")
    assert client.get("/api/health").json()["articles"] == 2
    assert client.get("/api/articles").json()["total"] == 2
    assert app.state.answers.hits == 1  # both computed afresh after the write


@pytest.mark.issue(12)
def test_a_kept_answer_is_no_way_past_the_token(db: Path) -> None:
    client = TestClient(make_app(db, ApiSettings(token="s3cret")))
    authorised = {"Authorization": "Bearer s3cret"}
    assert client.get("/api/articles", headers=authorised).status_code == 200
    assert client.get("/api/articles").status_code == 401
    assert client.get("/api/articles", headers=authorised).status_code == 200


@pytest.mark.issue(12)
def test_only_successful_answers_of_the_read_endpoints_are_kept(db: Path) -> None:
    app = make_app(db, ApiSettings())
    client = TestClient(app)
    for _ in range(2):
        assert client.get("/").status_code == 200  # a dashboard page
        assert client.get("/api/events?limit=100000").status_code == 422
        assert client.get("/api/events/no-such-event").status_code == 404
    assert app.state.answers.hits == 0 and not app.state.answers.answers


@pytest.mark.issue(12)
def test_no_answer_is_kept_when_the_cache_is_off(db: Path) -> None:
    app = make_app(db, ApiSettings(cache_mb=0))
    client = TestClient(app)
    for _ in range(2):
        assert client.get("/api/health").status_code == 200
    assert app.state.answers.hits == 0 and not app.state.answers.answers


@pytest.mark.issue(12)
def test_a_lists_total_is_kept_per_filter_until_a_write_changes_the_store(db: Path) -> None:
    """Paging asks the same filter's total again; it is counted once per store state."""
    app = make_app(db, ApiSettings(cache_mb=0))  # the answer cache off: totals only
    client = TestClient(app)
    memo = app.state.reader.memo
    assert client.get("/api/articles?limit=1").json()["total"] == 1
    hits = memo.hits
    assert client.get("/api/articles?limit=1&offset=1").json()["total"] == 1
    assert memo.hits > hits  # the second page reused the first page's total
    with app.state.reader.paused():
        add_articles(db, "A second article, stored by a later run.")
    assert client.get("/api/articles?limit=1&offset=1").json()["total"] == 2
    assert client.get("/api/health").json()["articles"] == 2
