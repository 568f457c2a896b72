"""Memory of long runs (issue 4): peak RSS of ``armswatch run`` over 100,000 articles.

    python bench/memory.py [--docs 100000] [--baseline 10000] [--workers 2] [--markdown]

Builds the 5% mix of bench/corpus.py (each repeat of a real text made distinct, so every
one is analysed and stored rather than skipped as a text already stored), writes it as
JSON Lines, and runs ``armswatch run`` on it in a fresh process twice, into fresh stores:
on its first ``--baseline`` articles, then on all of them. The peak resident memory of
the run's process tree (main process and workers) is sampled every 0.1 s and set beside
the run's own record (``runs.peak_rss_mb``). Target: at most 1 GiB for 100,000 articles;
the ratio to the baseline run, measured in the same invocation, shows whether memory
grows with the corpus.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psutil
from rich.console import Console
from rich.table import Table

from corpus import build_corpus
from rss import PeakRss
from scale import markdown_table

TARGET_MB = 1024


@dataclass(frozen=True)
class Measured:
    articles: int
    seconds: float
    peak_mb: float
    recorded_mb: float
    stored: int
    store_mb: float


def write_corpus(path: Path, docs: int) -> None:
    corpus = build_corpus(docs)
    with path.open("w", encoding="utf-8") as out:
        for n, article in enumerate(corpus.articles):
            if article.doc_id in corpus.relevant_ids:
                article = article.model_copy(update={"text": f"{article.text}\n\n({n})"})
            out.write(article.model_dump_json() + "\n")


def head(source: Path, target: Path, lines: int) -> None:
    with source.open(encoding="utf-8") as inp, target.open("w", encoding="utf-8") as out:
        for n, line in enumerate(inp):
            if n >= lines:
                break
            out.write(line)


def run(source: Path, db: Path, workers: int, articles: int) -> Measured:
    command = [sys.executable, "-m", "armswatch.cli", "run", str(source), "--db", str(db)]
    command += ["--workers", str(workers)]
    env = {**os.environ, "CI": "true"}  # no progress bar
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakRss(0.1, psutil.Process(process.pid)) as rss:
        _, errors = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"armswatch run failed ({process.returncode}): {errors.decode()[-500:]}")
    with duckdb.connect(str(db), read_only=True) as con:
        recorded, stored = con.execute(
            "SELECT max(peak_rss_mb), sum(articles_stored) FROM runs"
        ).fetchall()[0]
    return Measured(articles, seconds, rss.mb, recorded, stored, db.stat().st_size / 2**20)


def table(rows: list[Measured], baseline: Measured) -> Table:
    out = Table(title="armswatch run: peak memory of the process tree")
    columns = ("articles", "seconds", "articles/s", "stored", "peak RSS MB", "runs.peak_rss_mb")
    for column in (*columns, "ratio to baseline", "store MB", "target ≤ 1 GiB"):
        out.add_column(column, justify="right")
    for row in rows:
        out.add_row(
            f"{row.articles:,}",
            f"{row.seconds:.1f}",
            f"{row.articles / row.seconds:.0f}",
            f"{row.stored:,}",
            f"{row.peak_mb:,.0f}",
            f"{row.recorded_mb:,.0f}",
            "1.00× (base)" if row is baseline else f"{row.peak_mb / baseline.peak_mb:.2f}×",
            f"{row.store_mb:,.0f}",
            "met" if row.peak_mb <= TARGET_MB else "NOT met",
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="armswatch-memory-") as folder:
        root = Path(folder)
        full, small = root / "corpus.jsonl", root / "baseline.jsonl"
        write_corpus(full, args.docs)
        head(full, small, args.baseline)
        baseline = run(small, root / "baseline.duckdb", args.workers, args.baseline)
        whole = run(full, root / "full.duckdb", args.workers, args.docs)
    print(f"{args.workers} workers; corpus: bench/corpus.py, 5% relevant")
    rendered = table([baseline, whole], baseline)
    if args.markdown:
        print(markdown_table(rendered))
    else:
        Console().print(rendered)


if __name__ == "__main__":
    main()
