"""Issue 12, item 3: long articles are parsed in sections, offsets stay into the whole
text, the cost grows linearly, and a per-article time budget records an error."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import duckdb
import pytest
import spacy
from runkit import record, write_jsonl

from armswatch.errors import AnalysisError
from armswatch.model import Article
from armswatch.pipeline import SECTION_CHARS, Analyzer, section_doc, sections
from armswatch.run.local import RunOptions, run_local
from armswatch.triage import BLANK_CHUNK

PARAGRAPH = (
    "The council met on Tuesday to discuss the budget for the new library, the repairs to "
    "the harbour wall and the timetable of the summer buses, and adjourned at noon."
)
LATE = "Iran delivered Shahed-136 drones to Russia in August, officials said."


def long_text(chars: int, late: str = LATE) -> str:
    """Paragraphs of council news, with ``late`` near the end."""
    body = "\n\n".join([PARAGRAPH] * (chars // (len(PARAGRAPH) + 2) + 1))[: chars - len(late) - 2]
    return body + "\n\n" + late


def test_sections_cover_the_text_and_end_at_breaks() -> None:
    text = long_text(3 * SECTION_CHARS)
    pieces = sections(text, SECTION_CHARS)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < end - start <= SECTION_CHARS for start, end in pieces)
    assert all(text[end - 2 : end] == "\n\n" for _, end in pieces[:-1])


@pytest.mark.issue(12)
def test_the_text_before_a_section_costs_the_vocabulary_a_bounded_size() -> None:
    """Each section starts with whitespace as long as the text before it; as one token
    that was a new vocabulary string per section (megabytes for a long report, kept for
    the life of the process, and scanned character by character): the super-linear step
    of item 3. In powers of two, later sections and later articles reuse the strings."""
    nlp = spacy.blank("en")
    text = long_text(1_000_000)
    pieces = sections(text, 50_000)

    def vocabulary_chars() -> int:
        return sum(len(string) for string in nlp.vocab.strings)

    before = vocabulary_chars()
    docs = [section_doc(nlp, text, start, end, [(start, end)]) for start, end in pieces]
    added = vocabulary_chars() - before

    assert added < 2 * 2**20 + len(pieces) * BLANK_CHUNK, added  # one string per section: ~20M
    for doc, (start, end) in zip(docs, pieces, strict=True):
        assert doc.text[start:end] == text[start:end]  # offsets into the whole text
        assert len(doc) - len(nlp(text[start:end])) < 25  # the text before: a few tokens


@pytest.mark.issue(12)
@pytest.mark.slow
def test_a_long_article_keeps_offsets_into_the_whole_text(analyzer: Analyzer) -> None:
    article = Article(text=long_text(4 * SECTION_CHARS), published="2023-11-20")

    analysis = analyzer.analyze(article)

    assert analysis.mentions and all(
        article.text[m.start : m.end] == m.text for m in analysis.mentions
    )
    [event] = [e for e in analysis.events if e.type == "arms_transfer"]
    evidence = event.evidence[0]
    assert evidence.start > 3 * SECTION_CHARS
    assert article.text[evidence.start : evidence.end] == evidence.text


@pytest.mark.issue(12)
@pytest.mark.slow
def test_the_cost_per_character_does_not_grow_with_length(analyzer: Analyzer) -> None:
    def seconds(chars: int) -> float:
        article = Article(text=long_text(chars))
        started = time.perf_counter()
        analyzer.analyze(article)
        return time.perf_counter() - started

    small, large = seconds(100_000), seconds(400_000)
    assert large / 4 < 2.0 * small, (small, large)  # quadratic would be 4x; 1.3x measured


@pytest.mark.issue(12)
@pytest.mark.slow
def test_an_article_over_its_time_budget_is_an_error_and_the_rest_is_stored(
    analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(AnalysisError, match="ARMSWATCH_ARTICLE_BUDGET_S"):
        analyzer.analyze_sections(Article(text=long_text(2 * SECTION_CHARS)), budget_s=1e-6)

    monkeypatch.setenv("ARMSWATCH_ARTICLE_BUDGET_S", "1")
    relevant = "\n\n".join([LATE] * (20 * SECTION_CHARS // (len(LATE) + 2)))
    slow = {"id": "huge", "text": relevant}  # every section is parsed: well over 1 s
    source = write_jsonl(tmp_path / "a.jsonl", [record(1), slow, record(2)])
    db = tmp_path / "a.duckdb"
    said: list[str] = []

    summary = run_local(
        [source], db, RunOptions(progress=False), say=said.append, analyzer=analyzer
    )

    assert summary.run.articles_stored == 2 and summary.run.errors == 1
    assert any(
        line.startswith("huge: [AW004]") and "ARMSWATCH_ARTICLE_BUDGET_S" in line for line in said
    )
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT source, code FROM errors").fetchall() == [("huge", "AW004")]
