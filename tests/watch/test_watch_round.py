"""End to end: a loopback news site, ``watch --once``, alerts with quoted evidence, no
repeats, updated articles as new versions (issue 14). Needs the trained model: slow."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer
from sitekit import ARTICLES, RADARS, RELEVANT, SHELLS, Receiver, Site

from armswatch.pipeline import Analyzer
from armswatch.watch.round import WatchOptions, watch_round

pytestmark = [pytest.mark.issue(14), pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(server: HTTPServer) -> Site:
    found = Site(server)
    found.install()
    return found


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as found:
        yield found


def sentences(text: str) -> list[str]:
    return [s.strip() + "." for s in text.split(". ") if s.strip()]


def articles(db: Path) -> list[tuple[str, int, bool, str | None, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT id, version, current, outlet, published FROM articles ORDER BY id, version"
        ).fetchall()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_round_alerts_once_per_finding_with_evidence_and_never_again(
    tmp_path: Path,
    site: Site,
    receiver: Receiver,
    analyzer: Analyzer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARMSWATCH_FETCH_ALLOW_PRIVATE", "1")
    db = tmp_path / "watch.duckdb"
    options = WatchOptions(sources=(site.feed_url,), channels=(receiver.url,))
    first = watch_round(db, options, analyzer=analyzer)

    assert first.run is not None and first.run.run.articles_stored == 5
    stored = articles(db)
    assert [row[0] for row in stored] == sorted(f"{site.base}/news/{slug}" for slug in ARTICLES)
    assert {row[3] for row in stored} == {"Harbour Gazette"}
    assert {row[4] for row in stored} == {"2024-02-20T09:00:00Z"}
    posts = receiver.posts
    assert posts and first.alerts_new == len(posts)
    quotes = set(sentences(SHELLS) + sentences(RADARS))
    for post in posts:
        evidence = post["message"].split('Evidence: "', 1)[1].split('"\n', 1)[0]
        assert evidence in quotes, evidence
        assert "/incidents/inc_" in post["message"] and "Finding: " in post["message"]
    rules = {post["title"].split(": ")[1].split()[0] for post in posts}
    assert {"un.dprk.arms_export", "un.dprk.arms_import"} <= rules
    alerted = {
        p["message"].split("Source: ", 1)[1].split("\n")[0].split()[-1].split("/")[-1]
        for p in posts
    }
    assert alerted == set(RELEVANT)  # the weather, football and markets pages never alert

    second = watch_round(db, options, analyzer=analyzer)
    assert second.run is None and second.alerts_new == 0 and len(receiver.posts) == len(posts)
    assert second.requests == 2  # robots.txt and a conditional GET of the feed (304)
    assert second.outcomes[0].source.last_status == "not modified"
    assert site.requests("/feed.xml")[-1].headers.get("If-None-Match")

    site.texts["shells"] = SHELLS + " The defence ministry repeated the figures on Tuesday."
    site.stamps["shells"] = "Wed, 21 Feb 2024 08:00:00 GMT"
    third = watch_round(db, options, analyzer=analyzer)
    assert third.run is not None and third.run.run.new_versions == 1
    assert len(site.requests("/news/shells")) == 2  # only the changed article was fetched again
    shells = [row for row in articles(db) if row[0].endswith("/news/shells")]
    assert [(version, current) for _, version, current, _, _ in shells] == [(1, False), (2, True)]
    assert third.alerts_new == 0 and len(receiver.posts) == len(posts)


def armswatch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "armswatch.cli", *args],
        env={**os.environ, "CI": "true", "ARMSWATCH_FETCH_HOST_DELAY": "0", **env},
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )


def test_the_watch_command_alerts_once(tmp_path: Path, site: Site, receiver: Receiver) -> None:
    """The interface checked outside the suite, in a real process (the refusal of loopback
    without ARMSWATCH_FETCH_ALLOW_PRIVATE is tested fast in test_sources.py)."""
    db = str(tmp_path / "cli.duckdb")
    command = ("watch", "--once", "--source", site.feed_url, "--alert", receiver.url, "--db", db)
    env = {"ARMSWATCH_FETCH_ALLOW_PRIVATE": "1"}
    done = armswatch(*command, env=env)
    assert done.returncode == 0, done.stderr
    assert receiver.posts and "new alerts" in done.stderr
    count = len(receiver.posts)
    again = armswatch(*command, env=env)
    assert again.returncode == 0, again.stderr
    assert len(receiver.posts) == count and "0 new alerts" in again.stderr
