"""Publication dates in every input path: any reasonable form is read, none drops a record.

Issue 12 item 4 and issue 14: a feed's ``Tue, 20 Feb 2024 10:00:00 GMT`` or a page's
``February 20, 2024`` used to drop the whole article in every input path.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings, make_app
from armswatch.batch import analyze_paths
from armswatch.errors import InputError
from armswatch.ingest import InputProblem, iter_articles
from armswatch.ingest.dates import parse_published, published_or_none
from armswatch.model import Analysis, Article
from armswatch.pipeline import doc_record
from armswatch.run.load import load_parquet
from armswatch.run.local import RunOptions, run_local
from armswatch.run.parquet import write_partition
from armswatch.store.records import StoredArticle

pytestmark = pytest.mark.issue(12)


class DocOnly:
    """Stands in for the Analyzer: the article's doc record, no parse (keeps tests fast)."""

    def analyze(self, article: Article) -> Analysis:
        return Analysis(doc=doc_record(article))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        return (self.analyze(article) for article in articles)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-20", "2024-02-20"),
        ("2024-02-20T10:00:00Z", "2024-02-20T10:00:00Z"),
        ("Tue, 20 Feb 2024 10:00:00 GMT", "2024-02-20T10:00:00+00:00"),
        ("Tue, 20 Feb 2024 10:00:00 +0200", "2024-02-20T10:00:00+02:00"),
        ("February 20, 2024", "2024-02-20"),
        ("20 February 2024", "2024-02-20"),
        ("20 Feb 2024 14:30", "2024-02-20T14:30:00"),
        ("2024/02/20", "2024-02-20"),
        ("20.02.2024", "2024-02-20"),
        ("20 févr. 2024", "2024-02-20"),
        ("  2024-02-20  ", "2024-02-20"),
    ],
)
def test_reasonable_dates_become_iso(value: str, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value", ["yesterday", "3 days ago", "February 2024", "2022-13-01", "06/09/2022", "", "soon"]
)
def test_relative_partial_and_ambiguous_dates_are_refused(value: str) -> None:
    with pytest.raises(InputError, match="invalid 'published'"):
        parse_published(value)


def test_a_non_string_is_refused() -> None:
    with pytest.raises(InputError, match="not a string"):
        parse_published(2022)


def test_lenient_form_warns_once_naming_the_input(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="armswatch.ingest"):
        assert published_or_none("next Tuesday", "feed.xml item 3") is None
        assert published_or_none("") is None and published_or_none(None) is None
    [message] = caplog.messages
    assert message.startswith("feed.xml item 3: warning: invalid 'published' value")
    assert "\n" not in message


def jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


RECORDS: list[dict[str, object]] = [
    {"id": "rfc", "text": "One.", "published": "Tue, 20 Feb 2024 10:00:00 GMT"},
    {"id": "written", "text": "Two.", "published": "February 20, 2024"},
    {"id": "bad", "text": "Three.", "published": "the other day"},
    {"id": "number", "text": "Four.", "published": 2022},
]
EXPECTED = {
    "rfc": "2024-02-20T10:00:00+00:00",
    "written": "2024-02-20",
    "bad": None,
    "number": None,
}


def test_reading_keeps_every_record_and_names_the_line_of_a_bad_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = jsonl(tmp_path / "feed.jsonl", RECORDS)
    with caplog.at_level(logging.WARNING, logger="armswatch.ingest"):
        items = list(iter_articles([path]))
    assert not [i for i in items if isinstance(i, InputProblem)]
    assert {a.doc_id: a.published for a in items if isinstance(a, Article)} == EXPECTED
    assert [m.split(": warning:")[0] for m in caplog.messages] == [f"{path}:3", f"{path}:4"]


def test_a_json_file_and_the_published_option_read_any_form(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(RECORDS[:2]), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Plain text.", encoding="utf-8")
    items = list(iter_articles([tmp_path], published="20 February 2024"))
    assert [a.published for a in items if isinstance(a, Article)] == [
        "2024-02-20T10:00:00+00:00",
        "2024-02-20",
        "2024-02-20",
    ]


def test_analyze_keeps_articles_with_any_date(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "in.jsonl", RECORDS)
    problems: list[InputProblem] = []
    found = analyze_paths([path], on_problem=problems.append, analyzer=DocOnly())  # type: ignore[arg-type]
    assert {a.doc.id: a.doc.published for a in found} == EXPECTED
    assert problems == []


def stored_dates(db: Path) -> dict[str, str | None]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT id, published FROM articles").fetchall()
    return {str(row[0]): row[1] for row in rows}


def test_run_stores_articles_with_any_date(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "in.jsonl", RECORDS)
    db = tmp_path / "run.duckdb"
    summary = run_local([path], db, RunOptions(progress=False), analyzer=DocOnly())  # type: ignore[arg-type]
    assert summary.run.articles_stored == 4 and summary.run.errors == 0
    assert stored_dates(db) == EXPECTED


def test_load_reads_any_date_in_foreign_parquet(tmp_path: Path) -> None:
    root = tmp_path / "parquet"
    rows = []
    for record in RECORDS[:3]:
        article = Article.model_validate({**record, "published": None})
        stored = StoredArticle.model_validate(
            {**doc_record(article).model_dump(), "text": article.text, "version": 1}
            | {"current": True}
        )
        rows.append(stored.model_dump() | {"published": record["published"]})
    write_partition(root, 0, {"articles": rows})
    db = tmp_path / "load.duckdb"
    summary = load_parquet(root, db, RunOptions(progress=False))
    assert summary.run.articles_stored == 3
    assert stored_dates(db) == {k: EXPECTED[k] for k in ("rfc", "written", "bad")}


def test_api_ingest_and_analyze_read_any_date(tmp_path: Path) -> None:
    db = tmp_path / "api.duckdb"
    jsonl_path = jsonl(tmp_path / "seed.jsonl", [{"id": "seed", "text": "Seed."}])
    run_local([jsonl_path], db, RunOptions(progress=False), analyzer=DocOnly())  # type: ignore[arg-type]
    settings = ApiSettings(ingest_token="feed")
    client = TestClient(make_app(db, settings, analyzer=DocOnly()))  # type: ignore[arg-type]
    headers = {"Authorization": "Bearer feed"}
    done = client.post("/api/ingest", json={"articles": RECORDS[:3]}, headers=headers)
    assert done.status_code == 200, done.text
    assert done.json()["run"]["articles_stored"] == 3
    one = client.post("/api/analyze", json=RECORDS[0], headers=headers).json()
    assert one["doc"]["published"] == "2024-02-20T10:00:00+00:00"
    client.close()
    assert {k: v for k, v in stored_dates(db).items() if k != "seed"} == {
        k: EXPECTED[k] for k in ("rfc", "written", "bad")
    }
