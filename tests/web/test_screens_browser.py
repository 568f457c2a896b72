"""The analyst's screens (issue 15) in a real headless Chromium against a live server: the
map, an actor's page, a symmetric incident, the network's labels, the events table's
evidence column and the dossier's words, measured as the browser lays them out.

Chromium is Debian's (``/usr/bin/chromium``); the test skips with a message without it.
Screenshots go to ``test-artifacts/`` and, for the person reviewing the screens, to
``ARMSWATCH_SCREENS`` (default ``/tmp/screens``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from armswatch.pipeline import Analyzer
from dashkit import AGREEMENT, ARTICLES, build_store, live_server, watched_page

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENS = Path(os.environ.get("ARMSWATCH_SCREENS", "/tmp/screens"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]

pytestmark = [
    pytest.mark.issue(15),
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests need Debian's Chromium at /usr/bin/chromium: "
        "apt-get install -y chromium",
    ),
]

BOXES = """(selector) => Array.from(document.querySelectorAll(selector)).map(el => {
  const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, el.textContent];
})"""
VIEW_BOX = "(id) => document.getElementById(id).getAttribute('viewBox').split(' ').map(Number)"
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (text.parentElement.closest(".url")) continue;  // an address may break anywhere
      for (const m of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


WORKERS = {  # a long rule id (un.dprk.overseas_workers) in the actor's events table
    "id": "workers-kr",
    "published": "2024-03-02",
    "text": "North Korea sent about 1,500 construction workers to Russia this spring, "
    "South Korean intelligence officials said.",
}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Iterator[str]:
    path = tmp_path_factory.mktemp("screens-browser") / "web.duckdb"
    db = build_store(path, analyzer, [*ARTICLES, AGREEMENT, WORKERS])
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-screens")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with watched_page(browser) as opened:
        yield opened


def shot(page: Any, name: str) -> None:
    for folder in (ARTIFACTS, SCREENS):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def overlapping(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def inside(boxes: list[list[Any]], view: list[float]) -> list[str]:
    left, top, width, height = view
    return [
        b[4]
        for b in boxes
        if b[0] < left or b[1] < top or b[2] > left + width or b[3] > top + height
    ]


def test_map_draws_flows_between_countries_with_labels_in_view(page: Any, base_url: str) -> None:
    page.goto(base_url + "/map?all_types=true")
    assert page.title() == "Map · armswatch"
    assert page.locator("svg#map path.land").count() > 20
    flows = page.locator("svg#map path.flow")
    assert flows.count() == page.locator("#flows tbody tr").count() >= 3
    labels = page.evaluate(BOXES, "svg#map g.spot text")
    assert {"Russia", "North Korea", "Iran"} <= {b[4] for b in labels}
    assert overlapping(labels) == [] and inside(labels, page.evaluate(VIEW_BOX, "map")) == []
    shot(page, "map")
    page.fill("input[name=actor]", "IRN")
    page.uncheck("input[name=all_types]")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/map?actor=IRN*")
    assert flows.count() == 1 and "Iran" in page.inner_text("#flows")
    page.locator("svg#map g.spot", has_text="Russia").locator("circle").click()
    page.wait_for_url("**/actors/RUS")
    assert page.problems == []


def test_actor_page_lists_transfers_both_ways_and_links_dossiers(page: Any, base_url: str) -> None:
    page.goto(base_url + "/actors/RUS")
    assert page.inner_text("h1#actor-name").startswith("Russia")
    received = page.locator("#received tbody tr")
    assert received.count() >= 2 and "None reported" in page.inner_text("#supplied")
    assert page.locator("#actor-findings tbody tr").count() >= 2
    assert page.locator("#actor-incidents tbody tr").count() >= 2
    assert page.evaluate(BROKEN_WORDS, "td, dd") == []  # rule ids, titles: words whole
    shot(page, "actor")
    korea = page.locator("#counterparts tbody tr", has_text="North Korea")
    korea.locator("a.dossier-link").click()
    page.wait_for_url("**/dossier?from=PRK&to=RUS")
    assert "Dossier: North Korea" in page.inner_text("h1")
    assert page.problems == []


def test_symmetric_incident_shows_both_parties(page: Any, base_url: str) -> None:
    page.goto(base_url + "/incidents")
    row = page.locator("#incidents tbody tr", has_text="agreement")
    assert "North Korea ↔ Russia" in row.inner_text() and "?" not in row.inner_text()
    row.locator("a[href^='/incidents/']").click()
    page.wait_for_url("**/incidents/inc_*")
    facts = page.inner_text("dl.facts")
    assert "parties" in facts and "North Korea ↔ Russia" in facts
    step = page.inner_text("li.step h3")
    assert " – " in step and "North Korea" in step and "Russia" in step and "→" not in step
    shot(page, "incident-symmetric")
    assert page.problems == []


def test_network_labels_are_not_clipped(page: Any, base_url: str) -> None:
    page.goto(base_url + "/network?all_types=true")
    labels = page.evaluate(BOXES, "svg#network g.node text")
    assert len(labels) >= 4 and inside(labels, page.evaluate(VIEW_BOX, "network")) == []
    assert overlapping(labels) == []
    shot(page, "network")
    assert page.problems == []


def test_events_evidence_is_readable_and_dossier_words_whole(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events")
    widths = page.eval_on_selector_all(
        "#events td.quote", "cells => cells.map(c => c.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 250  # a readable column, not a sliver
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= 1280  # the table fits the window: no sideways scrolling
    assert page.evaluate(BROKEN_WORDS, "#events td") == []
    shot(page, "events")
    page.goto(base_url + "/dossier?from=PRK&to=RUS")
    assert page.evaluate(BROKEN_WORDS, "td, blockquote, li, p") == []
    shot(page, "dossier")
