"""Issue 15: the review panel of an event page in a real headless Chromium: an analyst
holding the write token rejects an event, and the event leaves the findings list (the
"rejected too" box brings it back). Screenshot: ``/tmp/screens/review-panel.png``
(``ARMSWATCH_SCREENS``) and ``test-artifacts/``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from armswatch.api import ApiSettings
from armswatch.pipeline import Analyzer
from armswatch.store.store import open_store
from dashkit import build_store, live_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENS = Path(os.environ.get("ARMSWATCH_SCREENS", "/tmp/screens"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
WRITE = "w-token"

pytestmark = [
    pytest.mark.issue(15),
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests need Debian's Chromium at /usr/bin/chromium: "
        "apt-get install -y chromium",
    ),
]


@pytest.fixture
def served(tmp_path: Path, analyzer: Analyzer) -> Iterator[tuple[str, str]]:
    """The base URL of a live server with the write token set, and an event with a finding."""
    db = build_store(tmp_path / "web.duckdb", analyzer)
    with open_store(db) as store:
        event = store.con.execute("SELECT min(event) FROM findings").fetchall()[0][0]
    with live_server(db, ApiSettings(ingest_token=WRITE)) as url:
        yield url, event


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium"),
            executable_path=str(CHROMIUM),
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def listed(page: Any, url: str) -> list[str]:
    page.goto(url)
    return [
        str(e)
        for e in page.locator("#findings tr.finding").evaluate_all(
            "rows => rows.map(r => r.dataset.event)"
        )
    ]


def test_rejecting_an_event_on_its_page_takes_it_out_of_the_findings(
    page: Any, served: tuple[str, str]
) -> None:
    base, event = served
    page.goto(f"{base}/?token={WRITE}")  # exchanged for the cookie that holds the write token
    assert event in listed(page, f"{base}/")
    page.goto(f"{base}/events/{event}")
    assert page.locator("#review-state").inner_text() == "Not reviewed yet."
    page.fill("#review-form input[name=note]", "one anonymous source")
    with page.expect_navigation():
        page.click("#review-form button[value=rejected]")
    assert page.url.startswith(f"{base}/events/{event}"), page.url + page.content()[:2000]
    state = page.locator("#review-state").inner_text()
    assert "rejected" in state and "one anonymous source" in state
    for folder in (ARTIFACTS, SCREENS):
        folder.mkdir(parents=True, exist_ok=True)
        page.locator("#review").screenshot(path=str(folder / "review-panel.png"))
    assert event not in listed(page, f"{base}/")
    assert event in listed(page, f"{base}/?include_rejected=true")
    assert page.locator("#findings input[name=include_rejected]").count() == 0
    assert page.locator("#filters input[name=include_rejected]").is_checked()
