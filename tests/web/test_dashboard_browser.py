"""The dashboard in a real headless Chromium (Debian's package) against a live server.

The fixture builds a small store (one article full of script-injection payloads), starts
uvicorn on 127.0.0.1 and Chromium (Playwright, ``executable_path``, no downloaded
browser), and stops both after. Screenshots go to ``test-artifacts/``. Skipped with a
message when ``/usr/bin/chromium`` is missing (CI: ``apt-get install -y chromium``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from armswatch.pipeline import Analyzer
from dashkit import SCRIPT, build_store, live_server, watched_page

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium",
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("browser") / "web.duckdb", analyzer)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
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
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def api(base_url: str, path: str) -> Any:
    return httpx.get(base_url + path, timeout=10).json()


def test_findings_page_loads_with_every_finding(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.title() == "Findings · armswatch"
    rows = page.locator("#findings tbody tr.finding")
    assert rows.count() == api(base_url, "/api/findings")["total"] == 4
    assert page.locator("a.twin").get_attribute("href") == "/api/findings"
    shot(page, "findings")
    assert page.problems == []


def test_filters_narrow_the_list(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("input[name=actor]", "IRN")
    page.click("form#filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor=IRN"))
    assert "counterpart=" not in page.url  # empty fields are not sent
    rows = page.locator("#findings tbody tr.finding")
    assert rows.count() == 1 and "un.iran.missile_uav" in rows.first.inner_text()
    page.select_option("select[name=certainty]", "negated")
    page.click("form#filters button[type=submit]")
    page.wait_for_url(re.compile(r"certainty=negated"))
    assert page.locator("#findings tbody tr.finding").count() == 0
    assert "No finding matches" in page.inner_text("#findings")
    shot(page, "findings-filtered")


def test_a_finding_leads_to_its_incident_with_evidence_marked(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?min_sources=2")
    row = page.locator("#findings tbody tr.finding").first
    row.locator("td").nth(3).click()  # the row, not its link: the script navigates
    page.wait_for_url(re.compile(r"/incidents/inc_"))
    assert "PRK" in page.inner_text("h1") and "North Korea" in page.inner_text("dl.facts")
    evidence = page.locator("mark.evidence").first
    trigger = page.locator("mark.trigger").first
    assert evidence.is_visible() and trigger.is_visible()
    background = evidence.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("li.step").count() == 2
    rule = page.locator("section.rules article.rule").first
    assert "un.dprk.arms_export" in rule.inner_text() and "2009-06-12" in rule.inner_text()
    assert page.locator(".chain").count() >= 2 and page.locator("#origins tbody tr").count() == 2
    shot(page, "incident")
    assert page.problems == []


def test_timeline_network_and_events_table(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    assert page.locator("svg#timeline circle.dot").count() >= 4
    shot(page, "timeline")
    page.goto(base_url + "/network")
    nodes = page.locator("svg#network g.node")
    assert nodes.count() == 3 and page.locator("svg#network path.edge").count() == 2
    nodes.first.hover()
    assert "focus" in (page.locator("svg#network").get_attribute("class") or "")
    shot(page, "network")
    page.goto(base_url + "/events?type=arms_transfer")
    assert page.locator("#events tbody tr").count() == 4
    with page.expect_download() as download:
        page.click("a#csv")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,date,type") and len(lines) == 5
    shot(page, "events")
    assert page.problems == []


def test_article_text_never_runs(page: Any, base_url: str) -> None:
    xss = api(base_url, "/api/events?q=__xss")["events"][0]
    paths = [
        "/",
        "/events",
        "/articles",
        "/articles/xss",
        f"/events/{xss['id']}",
        f"/incidents/{xss['incident']}",
        "/dossier?from=PRK&to=RUS",
        "/timeline",
        "/network",
    ]
    for path in paths:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img[src='x']").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
    page.goto(base_url + "/articles/xss")
    body = page.inner_text("body")
    assert SCRIPT in body  # shown as text
    assert page.locator("mark.evidence", has_text="window.__xss=1").count() >= 1
    shot(page, "xss-article")
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems
