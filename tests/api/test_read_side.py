"""One read side (issue 15): every page of the page table gives one document, whether read
through the CLI (``armswatch page``, ``incident --json``, ``incidents --json``), the
API route or the JSON twin the page itself advertises; one query parser; no import cycle
between the read-side packages."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from armswatch.api import ApiSettings, make_app
from armswatch.api.pages import PAGES
from armswatch.cli import app as cli
from armswatch.pipeline import Analyzer
from dashkit import build_store

pytestmark = pytest.mark.issue(15)
runner = CliRunner()
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "armswatch"
TWIN = re.compile(r'<link rel="alternate" type="application/json" href="([^"]+)"')
LIST_PARAMS: dict[str, dict[str, str]] = {
    "findings": {"actor": "PRK"},
    "events": {"type": "arms_transfer", "limit": "3"},
    "incidents": {"min_sources": "1"},
    "timeline": {"actor": "RUS"},
    "network": {"all_types": "true"},
    "map": {"actor": "RUS"},
    "actors": {"limit": "5"},
    "articles": {"q": "drones"},
    "rules": {},
    "dossier": {"from": "PRK", "to": "RUS"},
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    return build_store(tmp_path_factory.mktemp("read") / "read.duckdb", analyzer)


@pytest.fixture(scope="module")
def client(db: Path, analyzer: Analyzer) -> TestClient:
    return TestClient(make_app(db, ApiSettings(), analyzer=analyzer))


@pytest.fixture(scope="module")
def keys(client: TestClient) -> dict[str, str]:
    """An item of every one-item page, from the store."""
    event = client.get("/api/events?source=PRK&type=arms_transfer").json()["events"][0]
    return {
        "event": event["id"],
        "incident": event["incident"],
        "actor": "PRK",
        "article": "drones-ap",
        "rule": "un.dprk.arms_export",
    }


def cli_json(args: list[str]) -> Any:
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def same(document: Any) -> Any:
    """The document without the day it was made (a dossier's ``generated``)."""
    return {k: v for k, v in document.items() if k != "generated"}


def test_the_table_covers_every_page_and_names_each_once() -> None:
    names = [page.name for page in PAGES]
    assert len(names) == len(set(names))
    assert {page.name for page in PAGES if not page.keyed} == set(LIST_PARAMS)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_cli_api_and_the_pages_twin_are_one_document(
    page: Any, client: TestClient, db: Path, keys: dict[str, str]
) -> None:
    key = keys.get(page.name)
    params = {} if page.keyed else LIST_PARAMS[page.name]
    address = page.path.replace("{key}", key or "")
    html = client.get(address, params=params, headers={"accept": "text/html"})
    assert html.status_code == 200, html.text
    if page.name == "dossier":  # a self-contained file: no twin link, same builder
        twin = page.api
    else:
        found = TWIN.search(html.text)
        assert found, f"{address} advertises no JSON twin"
        twin = found.group(1).replace("&amp;", "&")
        assert twin.split("?")[0] == page.twin(key)
    from_twin = client.get(twin, params=None if "?" in twin else params).json()
    from_api = client.get(page.twin(key), params=params).json()
    args = ["page", page.name, *([key] if key else []), "--db", str(db)]
    args += [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
    from_cli = cli_json(args)
    assert same(from_cli) == same(from_api) == same(from_twin)


@pytest.mark.slow
def test_incident_commands_print_what_the_api_returns(
    client: TestClient, db: Path, keys: dict[str, str]
) -> None:
    incident = keys["incident"]
    story = cli_json(["incident", incident, "--db", str(db), "--json"])
    assert story == client.get(f"/api/incidents/{incident}").json()
    assert story["entries"] and story["events"] and story["kind"] == "incident"
    lines = runner.invoke(cli, ["incidents", "--db", str(db), "--json", "--limit", "500"]).stdout
    rows = [json.loads(line) for line in lines.splitlines()]
    assert rows == client.get("/api/incidents?limit=500").json()["incidents"]


@pytest.mark.slow
def test_empty_fields_are_absent_everywhere(client: TestClient, db: Path) -> None:
    empty = {"actor": "", "type": "", "since": " ", "min_sources": "", "q": ""}
    plain = client.get("/api/events").json()
    blank = client.get("/api/events", params=empty).json()
    assert blank == plain
    page = client.get("/events", params=empty, headers={"accept": "text/html"})
    assert page.status_code == 200
    args = ["page", "events", "--db", str(db)] + [
        a for k, v in empty.items() for a in ("-p", f"{k}={v}")
    ]
    assert cli_json(args) == plain
    bad = client.get("/api/events?since=yesterday")
    assert bad.status_code == 422 and "since" in bad.json()["detail"]
    wrong = runner.invoke(cli, ["page", "events", "-p", "since=yesterday", "--db", str(db)])
    assert wrong.exit_code == 1 and "[AW051]" in wrong.output and "since" in wrong.output


@pytest.mark.slow
def test_page_errors_are_one_line_with_their_code(db: Path) -> None:
    unknown = runner.invoke(cli, ["page", "nope", "--db", str(db)])
    assert unknown.exit_code == 1 and "[AW050] no page 'nope'" in unknown.output
    no_key = runner.invoke(cli, ["page", "actor", "--db", str(db)])
    assert no_key.exit_code == 1 and "needs a key" in no_key.output
    missing = runner.invoke(cli, ["page", "incident", "inc_nope", "--db", str(db)])
    assert missing.exit_code == 1 and "[AW050] no incident 'inc_nope'" in missing.output
    bare = runner.invoke(cli, ["page", "events", "-p", "actor", "--db", str(db)])
    assert bare.exit_code == 1 and "NAME=VALUE" in bare.output


def imported_packages(package: str) -> set[str]:
    """The ``armswatch`` subpackages that modules of ``package`` import (any level)."""
    found: set[str] = set()
    for path in (PACKAGE / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                parts = name.split(".")
                if parts[0] == "armswatch" and len(parts) > 1 and parts[1] != package:
                    found.add(parts[1])
    return found


READ_SIDE = ("api", "web", "export", "queries")


@pytest.mark.parametrize("package", READ_SIDE)
def test_read_side_packages_do_not_import_each_other_both_ways(package: str) -> None:
    imports = imported_packages(package)
    for other in READ_SIDE:
        if other != package and other in imports:
            assert package not in imported_packages(other), f"{package} <-> {other}"


def test_web_renders_only_queries_models() -> None:
    """The dashboard's templates and charts read the queries' models; they never reach
    for the server or the exports (which import them)."""
    assert not {"api", "export"} & imported_packages("web")
    assert not {"api", "web", "export"} & imported_packages("queries")
