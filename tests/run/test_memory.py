"""Memory does not grow with the corpus: a few thousand articles, bounded RSS growth.

The 100,000-article measurement belongs to the benchmark (``run_local`` reports
``peak_rss_mb``); here the analysis is a stand-in so the engine and store are measured.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from runkit import StubAnalyzer, record, write_jsonl

from armswatch.run.local import RunOptions, run_local

ARTICLES = 2000
PAD_WORDS = 3000  # ~30 KB per article: ~60 MB of text in all


def test_rss_stays_flat_over_thousands_of_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "64MB")
    records = (record(i, f" filler{i}" * PAD_WORDS) for i in range(ARTICLES))
    source = write_jsonl(tmp_path / "big.jsonl", records)
    assert source.stat().st_size > 50 * 2**20
    lines: list[str] = []

    summary = run_local(
        [source],
        tmp_path / "a.duckdb",
        RunOptions(batch_size=50, verbose=True),
        say=lines.append,
        analyzer=StubAnalyzer(),  # type: ignore[arg-type]
    )

    assert summary.run.articles_stored == ARTICLES
    rss = [float(m.group(1)) for line in lines if (m := re.search(r"rss (\d+) MiB", line))]
    assert len(rss) == ARTICLES // 50
    growth = max(rss[5:]) - rss[5]
    assert growth < 40, f"RSS grew {growth:.0f} MiB over {ARTICLES} articles: {rss}"
    assert summary.run.peak_rss_mb is not None and summary.run.peak_rss_mb < 1024
