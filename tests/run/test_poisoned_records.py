"""Issue 12, high 1: one bad record (a lone surrogate, a NUL …) never loses the others.

Records are written as JSON, where ``"\\ud83d"`` (half an emoji) is valid syntax but not
a character that UTF-8 can hold. Every input path cleans such strings the same way (a
lone surrogate becomes U+FFFD, one character for one, so offsets still hold) or rejects
the record with a one-line error; the rest of the batch is stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from runkit import StubAnalyzer, record, write_jsonl
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.run.local import RunOptions, run_local

runner = CliRunner()
HALF_EMOJI = "\ud83d"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def poisoned_corpus(path: Path) -> Path:
    """Six good records around records with a lone surrogate in every field, and a NUL."""
    good = [record(i) for i in range(6)]
    bad_text = {**record(10), "text": record(10)["text"] + f" Cut {HALF_EMOJI}"}
    bad_title = {**record(11), "title": f"Title {HALF_EMOJI}"}
    bad_url = {**record(12), "url": f"https://example.org/{HALF_EMOJI}"}
    bad_id = {**record(13), "id": f"id-{HALF_EMOJI}"}
    bad_outlet = {**record(14), "outlet": f"Outlet {HALF_EMOJI}"}
    nul_text = {**record(15), "text": "a\u0000b"}
    records = [*good[:3], bad_text, bad_title, bad_url, bad_id, bad_outlet, nul_text, *good[3:]]
    with path.open("w", encoding="utf-8") as out:
        for item in records:
            out.write(json.dumps(item) + "\n")  # ensure_ascii: "\ud83d" stays an escape
    return path


@pytest.mark.issue(12)
def test_a_lone_surrogate_in_any_field_is_cleaned_and_stored(tmp_path: Path) -> None:
    source = poisoned_corpus(tmp_path / "feed.jsonl")
    db = tmp_path / "a.duckdb"
    lines: list[str] = []

    summary = run_local(
        [source], db, RunOptions(progress=False), say=lines.append, analyzer=StubAnalyzer()
    )  # type: ignore[arg-type]

    assert summary.run.articles_read == 11 and summary.run.errors == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(11,)]
    assert rows(db, "SELECT count(*) FROM articles WHERE text LIKE '%Cut \ufffd'") == [(1,)]
    assert rows(db, "SELECT title FROM articles WHERE title LIKE 'Title%'") == [("Title \ufffd",)]
    assert rows(db, "SELECT count(*) FROM article_ids WHERE id = 'id-\ufffd'") == [(1,)]
    assert [line for line in lines if "[AW001]" in line] == [
        f"{source}:9: [AW001] text contains NUL characters"
    ]


@pytest.mark.issue(12)
@pytest.mark.slow
def test_run_with_two_workers_stores_everything_but_the_bad_record(tmp_path: Path) -> None:
    source = poisoned_corpus(tmp_path / "feed.jsonl")
    db = tmp_path / "a.duckdb"

    result = runner.invoke(app, ["run", str(source), "--db", str(db), "--workers", "2"])

    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert rows(db, "SELECT count(*) FROM articles") == [(11,)]
    assert rows(db, "SELECT count(*) FROM errors") == [(1,)]
    again = runner.invoke(app, ["run", str(source), "--db", str(db), "--workers", "2"])
    assert again.exit_code == 0, again.stderr
    assert rows(db, "SELECT count(*) FROM articles") == [(11,)]


@pytest.mark.issue(12)
def test_analyze_cleans_the_same_way(tmp_path: Path) -> None:
    source = poisoned_corpus(tmp_path / "feed.jsonl")

    result = runner.invoke(app, ["analyze", str(source)])

    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert len(docs) == 11
    assert {"Title \ufffd", "Outlet \ufffd", "https://example.org/\ufffd", "id-\ufffd"} <= {
        value for doc in docs for value in doc.values()
    }
    assert result.stderr.count("[AW001]") == 1 and "Traceback" not in result.stderr


@pytest.mark.issue(12)
def test_the_same_record_is_cleaned_in_a_json_file_and_in_jsonl(tmp_path: Path) -> None:
    bad = {"id": "x", "title": f"T {HALF_EMOJI}", "text": f"Some words {HALF_EMOJI}."}
    whole = tmp_path / "one.json"
    whole.write_text(json.dumps([bad]), "utf-8")
    lines = write_jsonl(tmp_path / "one.jsonl", [bad])
    from armswatch.ingest import iter_articles

    found = [list(iter_articles([path])) for path in (whole, lines)]

    assert found[0] == found[1]
    [article] = found[0]
    assert article.text == "Some words \ufffd." and article.title == "T \ufffd"  # type: ignore[union-attr]
