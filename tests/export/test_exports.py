"""``armswatch export --format ftm|graphml|gexf`` and ``armswatch dossier`` (CliRunner)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.export.report import md
from armswatch.pipeline import Analyzer
from dashkit import IMG, SCRIPT, build_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    return build_store(tmp_path_factory.mktemp("export") / "export.duckdb", analyzer)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ftm_entities_are_valid_and_linked(db: Path, tmp_path: Path) -> None:
    code, out, err = invoke("export", "--format", "ftm", "--out", str(tmp_path), "--db", str(db))
    assert code == 0, err
    assert out.startswith("ftm: ") and "entities.ftm.json" in out
    lines = (tmp_path / "entities.ftm.json").read_text(encoding="utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    by_id = {p.id: p for p in proxies}
    counts = Counter(p.schema.name for p in proxies)
    assert counts["Article"] == 5 and counts["Event"] == 6 and counts["Note"] == 4
    assert counts["Sanction"] >= 2 and counts["PublicBody"] >= 4
    for proxy in proxies:
        assert re.fullmatch(r"aw-[a-z]+-[0-9a-f]{24}", proxy.id)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in by_id, (proxy.schema.name, prop.name)
    link = next(
        p
        for p in proxies
        if p.schema.name == "UnknownLink" and "Shahed" in str(p.get("description"))
    )
    assert by_id[link.first("subject")].first("name") == "Iran"
    assert by_id[link.first("object")].first("name") == "Russia"
    sanction = next(
        p
        for p in proxies
        if p.schema.name == "Sanction" and p.first("programId") == "un.iran.missile_uav"
    )
    assert by_id[sanction.first("entity")].first("country") == "ir"
    code, _, err = invoke("export", "--format", "ftm", "--out", str(tmp_path), "--db", str(db))
    assert code == 1 and "[AW044]" in err and "--overwrite" in err


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back(db: Path, tmp_path: Path, fmt: str) -> None:
    code, _, err = invoke("export", "--format", fmt, "--out", str(tmp_path), "--db", str(db))
    assert code == 0, err
    path = tmp_path / f"actors.{fmt}"
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    edges = {(s, t, d["event_type"]): d for s, t, d in graph.edges(data=True)}
    assert float(edges[("PRK", "RUS", "arms_transfer")]["weight"]) == 2
    assert ("USA", "IRN", "sanction_imposed") in edges and graph.number_of_nodes() == 5


def test_unknown_export_format(db: Path, tmp_path: Path) -> None:
    code, _, err = invoke("export", "--format", "xml", "--out", str(tmp_path), "--db", str(db))
    assert code == 1 and "ftm, graphml or gexf" in err


def test_dossier_markdown(db: Path) -> None:
    code, out, err = invoke(
        "dossier", "--from", "PRK", "--to", "RUS", "--format", "md", "--db", str(db)
    )
    assert code == 0, err
    assert out.startswith("# Dossier: North Korea → Russia")
    for heading in (
        "## Findings",
        "## Rules cited",
        "## Incidents",
        "## Timeline",
        "## Evidence",
        "## Sources",
    ):
        assert heading in out
    assert "un.dprk.arms\\_export" in out and "Tumangang" not in out
    assert "shipped artillery shells to Russia last month" in out
    assert SCRIPT not in out and IMG not in out and "\\<script\\>" in out


def test_dossier_html_is_self_contained(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "prk-rus.html"
    code, _, err = invoke(
        "dossier", "--from", "prk", "--to", "rus", "--db", str(db), "-o", str(target)
    )
    assert code == 0 and "→" in err
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"<[a-z][^>]*\s(src|href)=", html)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    text = re.sub(r"<[^>]+>", "", html)  # as read: words kept whole by spans
    assert "UNSCR 1874 (2009)" in text and "in force since 2009-06-12" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "XXX", "--to", "RUS"], "no events from XXX to RUS"),
        (["--from", "PRK", "--to", "PRK"], "same actor"),
        (["--from", "P R", "--to", "RUS"], "actor codes are"),
        (["--from", "PRK", "--to", "RUS", "--format", "pdf"], "use html or md"),
    ],
)
def test_dossier_errors(db: Path, args: list[str], message: str) -> None:
    code, _, err = invoke("dossier", *args, "--db", str(db))
    assert code == 1 and "[AW060]" in err and message in err


def test_markdown_escaping() -> None:
    assert (
        md("[x](javascript:y) <b>*a*</b>\n|") == "\\[x\\](javascript:y) \\<b\\>\\*a\\*\\</b\\> \\|"
    )
