"""Sources and their health across rounds: 301/308 rewrite the URL, 410 pauses, 429 and
errors back off, folders work as sources, and the `sources` commands (issue 14).

The analyzer is a stand-in (no parse) so that these tests stay fast; the real pipeline
runs in test_watch_round.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sitekit import Site, rss
from typer.testing import CliRunner
from werkzeug import Response

from armswatch.cli import app
from armswatch.model import Analysis, Article
from armswatch.pipeline import doc_record
from armswatch.store.records import utc_now
from armswatch.store.store import open_store
from armswatch.watch.round import WatchOptions, watch_round
from armswatch.watch.sources import list_sources
from armswatch.watch.tables import Source

pytestmark = pytest.mark.issue(14)


class DocOnly:
    """Stands in for the Analyzer: the article's doc record, no parse."""

    def analyze(self, article: Article) -> Analysis:
        return Analysis(doc=doc_record(article))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        return (self.analyze(a) for a in articles)


@pytest.fixture(autouse=True)
def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSWATCH_FETCH_ALLOW_PRIVATE", "1")


def sources_of(db: Path) -> dict[str, Source]:
    with open_store(db) as store:
        return {s.url: s for s in list_sources(store.con)}


def run(db: Path, **options: object) -> None:
    watch_round(db, WatchOptions(**options), analyzer=DocOnly())  # type: ignore[arg-type]


def test_a_permanent_redirect_rewrites_the_source_url(tmp_path: Path, server: HTTPServer) -> None:
    site = Site(server)
    site.install()
    old = f"{site.base}/old-feed"
    server.expect_request("/old-feed").respond_with_response(
        Response(status=301, headers={"Location": "/feed.xml"})
    )
    db = tmp_path / "w.duckdb"
    run(db, sources=(old,))
    found = sources_of(db)
    assert found[old].paused and found[old].last_error == f"moved permanently to {site.feed_url}"
    source = found[site.feed_url]
    assert source.last_status == "ok" and source.new_items == 5 and source.etag
    run(db, sources=(old,))  # the old URL again: the new one is fetched, conditionally
    assert [r.path for r, _ in server.log].count("/old-feed") == 1
    assert sources_of(db)[site.feed_url].last_status == "not modified"


def test_410_pauses_a_source_for_good(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/gone.xml").respond_with_data("gone", status=410)
    db = tmp_path / "w.duckdb"
    url = server.url_for("/gone.xml")
    run(db, sources=(url,))
    assert sources_of(db)[url].paused
    with open_store(db) as store:
        store.con.execute("UPDATE sources SET next_due = NULL")
    run(db)
    assert [r.path for r, _ in server.log].count("/gone.xml") == 1


def test_429_and_errors_back_off(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/busy.xml").respond_with_data(
        "busy", status=429, headers={"Retry-After": "3600"}
    )
    server.expect_request("/broken.xml").respond_with_data(
        "<html>not a feed", content_type="text/html"
    )
    db = tmp_path / "w.duckdb"
    busy, broken = server.url_for("/busy.xml"), server.url_for("/broken.xml")
    before = utc_now()
    run(db, sources=(busy, broken), every=timedelta(minutes=15))
    found = sources_of(db)
    assert found[busy].last_status == "error" and found[busy].last_error == "HTTP 429"
    assert found[busy].next_due is not None
    assert found[busy].next_due >= before + timedelta(minutes=59)  # what Retry-After asked
    assert found[broken].errors == 1
    assert "RSS or Atom feed" in (found[broken].last_error or "")
    assert found[broken].next_due is not None
    assert found[broken].next_due >= before + timedelta(minutes=29)  # doubled after an error
    run(db)  # nothing is due yet
    assert len([r for r, _ in server.log if r.path == "/busy.xml"]) == 1


def test_one_failing_source_does_not_stop_the_others(tmp_path: Path, server: HTTPServer) -> None:
    site = Site(server)
    site.install()
    db = tmp_path / "w.duckdb"
    run(db, sources=(server.url_for("/missing.xml"), site.feed_url))
    found = sources_of(db)
    assert found[site.feed_url].new_items == 5
    assert found[server.url_for("/missing.xml")].last_status == "error"


def test_a_failed_article_is_retried_next_round(tmp_path: Path, server: HTTPServer) -> None:
    calls = {"n": 0}

    def flaky(request: object) -> Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("busy", status=503)
        return Response(
            "<html><head><title>Later</title></head><body><article><p>"
            + "The delivery was confirmed later that week by the port authority. " * 4
            + "</p></article></body></html>",
            content_type="text/html",
        )

    base = f"http://127.0.0.1:{server.port}"
    server.expect_request("/feed.xml").respond_with_data(
        rss(base, ["shells"]).replace("/news/shells", "/flaky"), content_type="application/rss+xml"
    )
    server.expect_request("/flaky").respond_with_handler(flaky)
    db = tmp_path / "w.duckdb"
    run(db, sources=(server.url_for("/feed.xml"),))
    run(db, sources=(server.url_for("/feed.xml"),))
    assert calls["n"] == 2
    assert sources_of(db)[server.url_for("/feed.xml")].new_items == 1


def test_a_folder_is_a_source(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps({"id": "a", "text": "One.", "published": "20 February 2024"}) + "\n"
    )
    db = tmp_path / "w.duckdb"
    run(db, sources=(str(folder),))
    assert sources_of(db)[str(folder.resolve())].kind == "folder"
    with open_store(db) as store:
        assert store.con.execute("SELECT id, published FROM articles").fetchall() == [
            ("a", "2024-02-20")
        ]


def test_sources_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "w.duckdb")
    added = runner.invoke(app, ["sources", "add", "https://news.example/sitemap.xml", "--db", db])
    assert added.exit_code == 0 and "(sitemap)" in added.output
    named = ["sources", "add", "https://news.example/rss", "--name", "Gazette", "--db", db]
    assert runner.invoke(app, named).exit_code == 0
    listed = runner.invoke(app, ["sources", "list", "--db", db], env={"COLUMNS": "200"})
    assert "Gazette" in listed.output and "never fetched" in listed.output
    bad = runner.invoke(app, ["sources", "add", "ftp://x.example/f", "--db", db])
    assert bad.exit_code == 1 and "AW072" in bad.output
    removed = runner.invoke(app, ["sources", "remove", "https://news.example/rss", "--db", db])
    assert removed.exit_code == 0
    rows = runner.invoke(app, ["sources", "list", "--json", "--db", db]).output.splitlines()
    assert [json.loads(r)["url"] for r in rows] == ["https://news.example/sitemap.xml"]
    unknown = runner.invoke(app, ["sources", "remove", "https://nope.example/", "--db", db])
    assert unknown.exit_code == 1 and "no such source" in unknown.output


def test_a_home_page_leads_to_its_feed(tmp_path: Path, server: HTTPServer) -> None:
    site = Site(server)
    site.install()
    server.expect_request("/").respond_with_data(
        "<html><head><link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
        "</head><body><p>Front page</p></body></html>",
        content_type="text/html",
    )
    db = tmp_path / "w.duckdb"
    run(db, sources=(f"{site.base}/",))
    found = sources_of(db)
    assert found[site.feed_url].new_items == 5
    assert found[f"{site.base}/"].paused and found[f"{site.base}/"].title == site.feed_url


def test_a_page_without_a_feed_is_an_error(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/").respond_with_data(
        "<html><body>hi</body></html>", content_type="text/html"
    )
    db = tmp_path / "w.duckdb"
    run(db, sources=(server.url_for("/"),))
    [source] = sources_of(db).values()
    assert source.last_status == "error"
    assert "links to no RSS or Atom feed" in (source.last_error or "")


def test_watch_refuses_loopback_without_permission_and_sends_nothing(
    tmp_path: Path, server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARMSWATCH_FETCH_ALLOW_PRIVATE")
    server.expect_request("/feed.xml").respond_with_data("<rss/>")
    db = str(tmp_path / "w.duckdb")
    alerts = tmp_path / "alerts.jsonl"
    command = ["watch", "--once", "--source", server.url_for("/feed.xml"), "--alert", str(alerts)]
    result = CliRunner().invoke(app, [*command, "--db", db])
    assert result.exit_code == 1
    assert "refused" in result.output and "non-public address (127.0.0.1)" in result.output
    assert server.log == [] and not alerts.exists()


def test_watch_rejects_a_bad_channel_before_any_fetch(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["watch", "--once", "--alert", "nonsense://x", "--db", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 2 and "not an Apprise URL" in result.output


def test_sources_list_shows_undelivered_alerts(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_store(db) as store:
        store.con.execute(
            "INSERT INTO alerts (key, doc_key, watch_rule, channel, event, sha256, title, body, "
            "created_at, attempts, error) VALUES ('k', 'd', 'r', 'json://u:pw@hooks.example/x', "
            "'e', 's', 't', '{}', now()::TIMESTAMP, 2, 'HTTP 500')"
        )
    listed = CliRunner().invoke(app, ["sources", "list", "--db", str(db)], env={"COLUMNS": "200"})
    assert "alerts not delivered to json://" in listed.output and "HTTP 500" in listed.output
    assert "pw@" not in listed.output
