"""Throughput of armswatch analysis next to bare spaCy on the same texts, in one run.

    python bench/throughput.py [--repeat N]

Texts: the seed and dev gold articles from ../shared (relevant news) plus the bundled
samples. Prints documents/s and tokens/s of (1) bare ``nlp.pipe`` of the same trained
model, (2) the armswatch pipeline (parse + mentions + extraction + findings) on every
sentence (triage off) and (3) on the sentences triage selects (the default), with their
ratios to (1). Target (issue 2): ratio of (2) ≥ 0.8 on relevant text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table

from armswatch.model import Article
from armswatch.pipeline import MODEL_NAME, Analyzer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_texts() -> list[Article]:
    paths = [
        SHARED / "gold" / "seed" / "articles.jsonl",
        SHARED / "gold" / "dev" / "articles.jsonl",
    ]
    paths = [p for p in paths if p.exists()] + [REPO / "samples" / "articles.jsonl"]
    if not (SHARED / "gold").exists():
        print(f"note: {SHARED} not found; measuring on the bundled samples only")
    articles = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                articles.append(Article.model_validate_json(line))
    return articles


def timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts")
    args = parser.parse_args()
    articles = load_texts() * args.repeat
    texts = [a.text for a in articles]
    bare = spacy.load(MODEL_NAME)
    analyzer = Analyzer(triage=False)
    tokens = sum(len(doc) for doc in bare.pipe(texts[: len(texts) // args.repeat]))
    tokens *= args.repeat
    bare_s = timed(lambda: list(bare.pipe(texts, batch_size=16)))
    ours_s = timed(lambda: list(analyzer.analyze_many(articles, batch_size=16)))
    triaged = analyzer.with_triage(True)
    triage_s = timed(lambda: list(triaged.analyze_many(articles, batch_size=16)))
    table = Table(title=f"Throughput on {len(texts)} documents, {tokens} tokens")
    for column in ("pipeline", "seconds", "docs/s", "tokens/s", "ratio to bare spaCy"):
        table.add_column(column, justify="right" if column != "pipeline" else "left")
    for name, seconds in (
        ("bare spaCy nlp.pipe", bare_s),
        ("armswatch analyze, triage off", ours_s),
        ("armswatch analyze, triage on", triage_s),
    ):
        table.add_row(
            name,
            f"{seconds:.2f}",
            f"{len(texts) / seconds:.1f}",
            f"{tokens / seconds:.0f}",
            f"{bare_s / seconds:.2f}×",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
