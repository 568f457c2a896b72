"""Issue 12, high 1, as properties: arbitrary Unicode (lone surrogates, NULs, controls,
any plane) in texts, titles, URLs and ids never crashes ``analyze`` or ``run``, and
every good record is stored.

A good record has a text that is not blank and holds no NUL; a lone surrogate anywhere
becomes U+FFFD (docs/errors.md, AW001). The pipeline properties use the stand-in
analyser (the parse is not what is tested); one smaller property runs the real model.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from runkit import StubAnalyzer

from armswatch.batch import analyze_paths
from armswatch.errors import NoInputError
from armswatch.ingest import InputProblem
from armswatch.run.local import RunOptions, run_local

# Every code point, lone surrogates and NUL included.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=60)
RECORD = st.fixed_dictionaries(
    {"text": ANY_TEXT},
    optional={"id": ANY_TEXT, "title": ANY_TEXT, "url": ANY_TEXT, "outlet": ANY_TEXT},
)
BOUNDED = settings(
    max_examples=200,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure is reported, not shrunk
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def unpaired(text: str) -> str:
    """What the store holds for ``text``: each lone surrogate as U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def is_good(record: dict[str, str]) -> bool:
    return bool(record["text"].strip()) and "\x00" not in record["text"]


def write_records(path: Path, records: list[dict[str, Any]]) -> Path:
    """JSON Lines with ASCII escapes, so lone surrogates reach the reader as ``\\udXXX``."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "ascii")
    return path


STORES: dict[str, Path] = {}


def sha_of(record: dict[str, str]) -> str:
    return hashlib.sha256(unpaired(record["text"]).encode()).hexdigest()


def stored_shas(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with duckdb.connect(str(db), read_only=True) as con:
        return {sha for (sha,) in con.execute("SELECT sha256 FROM articles").fetchall()}


def shared_store(factory: pytest.TempPathFactory) -> Path:
    if "run" not in STORES:
        STORES["run"] = factory.mktemp("store") / "a.duckdb"
    return STORES["run"]


@pytest.mark.issue(12)
@settings(BOUNDED, max_examples=100)  # each example is a whole run (~1 s): 100 runs
@given(records=st.lists(RECORD, min_size=1, max_size=6))
def test_run_stores_every_good_record(
    records: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("run")
    source = write_records(folder / "feed.jsonl", records)
    db = shared_store(tmp_path_factory)  # one store for all examples: runs add to it
    said: list[str] = []
    good = [r for r in records if is_good(r)]
    before = stored_shas(db)

    try:
        summary = run_local(
            [source],
            db,
            RunOptions(progress=False),
            say=said.append,
            analyzer=StubAnalyzer(),  # type: ignore[arg-type]
        )
    except NoInputError:
        assert not good
        return

    assert summary.run.articles_read == len(good)
    assert summary.run.errors == len(records) - len(good) == len(said)
    with duckdb.connect(str(db), read_only=True) as con:
        shas = {sha for (sha,) in con.execute("SELECT sha256 FROM articles").fetchall()}
        ids = {i for (i,) in con.execute("SELECT id FROM article_ids").fetchall()}
        titles = {t for (t,) in con.execute("SELECT title FROM articles").fetchall()}
    for record in good:
        sha = sha_of(record)
        assert sha in shas
        assert (unpaired(record.get("id", "")).replace("\x00", "\ufffd") or sha) in ids
    first_of_each_text = [
        r
        for r in {unpaired(r["text"]): r for r in reversed(good)}.values()
        if sha_of(r) not in before
    ]
    expected = {unpaired(r.get("title", "")).replace("\x00", "\ufffd") for r in first_of_each_text}
    assert expected - {""} <= titles


@pytest.mark.issue(12)
@BOUNDED
@given(records=st.lists(RECORD, min_size=1, max_size=4))
def test_analyze_reports_every_bad_record_and_analyses_the_rest(
    records: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = write_records(tmp_path_factory.mktemp("analyze") / "feed.jsonl", records)
    problems: list[InputProblem] = []
    good = [r for r in records if is_good(r)]

    try:
        analyses = list(
            analyze_paths([source], on_problem=problems.append, analyzer=StubAnalyzer())  # type: ignore[arg-type]
        )
    except NoInputError:
        assert not good
        return

    assert [a.doc.title for a in analyses] == [
        unpaired(r["title"]).replace("\x00", "\ufffd") if "title" in r else None for r in good
    ]
    assert len(problems) == len(records) - len(good)
    for analysis in analyses:
        analysis.model_dump_json()  # every string can be written out


SENTENCES = st.sampled_from(
    [
        "Iran delivered Shahed-136 drones to Russia in August.",
        "North Korea shipped artillery shells to Russia, officials said.",
        "Belarus sent T-72 tanks to Syria.",
    ]
)


@pytest.mark.issue(12)
@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence=SENTENCES, noise=st.lists(ANY_TEXT, min_size=1, max_size=3))
def test_the_real_analyzer_survives_arbitrary_unicode(sentence: str, noise: list[str]) -> None:
    from armswatch.ingest.limits import IngestLimits
    from armswatch.ingest.text import article_from_record
    from armswatch.pipeline import default_analyzer

    text = " ".join([noise[0], sentence, *noise[1:]])
    record = {"text": text, "title": noise[-1], "id": noise[0] or None}
    if "\x00" in text:
        return
    article = article_from_record(record, None, IngestLimits())

    analysis = default_analyzer().analyze(article)

    analysis.model_dump_json()
    for mention in analysis.mentions:
        assert article.text[mention.start : mention.end] == mention.text
