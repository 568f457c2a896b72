"""Re-analysis benchmark (issue 15): ``reanalyze --all`` of N stored articles next to ``run``.

    python bench/reanalyze.py [--n 10000] [--relevant 0.05] [--workers 1] [--markdown]

On the same texts (bench/corpus.py: a news mix, ``--relevant`` of it real articles), in
the same invocation, with one Analyzer loaded beforehand (neither row pays the model's
load): ``run`` stores the texts into a fresh store (parse, rows, near-duplicate index,
fusion), then ``reanalyze --all`` runs every stored text again (read from the store,
parse, compare by stable id, write what changed: here, with the extractor unchanged,
nothing but the fingerprint). Then, to measure a re-analysis that rewrites, the stored
fingerprints are cleared and every event's status is set to ``unknown`` and
``reanalyze --stale`` puts them back (history rows, incident re-fusion). Each row shows
articles/s (per stored text: ``run`` reads every record, but parses a repeated
text once), its ratio to ``run`` (target ≥ 0.9×), peak RSS and how many CPUs other
processes kept busy meanwhile (on a shared machine, rows with a high figure are noisy).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import duckdb
from rich.table import Table

from armswatch.ledger.reanalyze import ReanalyzeOptions, reanalyze
from armswatch.pipeline import Analyzer
from armswatch.run.local import RunOptions, run_local
from corpus import build_corpus
from scale import Measured, machine, measure, print_tables


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="stored articles (10,000)")
    parser.add_argument("--relevant", type=float, default=0.05, help="share of real articles")
    parser.add_argument("--workers", type=int, default=1, help="analysis processes (1)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    return parser.parse_args()


def row(table: Table, name: str, n: int, m: Measured, base: float | None, note: str) -> float:
    rate = n / m.seconds
    ratio = f"**{rate / base:.2f}×**" if base else "1.00× (base)"
    table.add_row(
        name,
        str(n),
        f"{m.seconds:.2f}",
        f"{rate:.1f}",
        ratio,
        f"{m.rss_mb:,.0f}",
        f"{m.other_cpus:.2f}",
        note,
    )
    return rate


def degrade(db: Path) -> int:
    """Make every stored analysis stale and wrong in one field; RETURNS events touched."""
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE articles SET fingerprint = NULL")
        return int(con.execute("UPDATE events SET status = 'unknown'").fetchall()[0][0])


def main() -> None:
    args = parse_args()
    corpus = build_corpus(args.n, args.relevant)
    analyzer = Analyzer()
    options = {"workers": args.workers, "progress": False}
    title = (
        f"reanalyze vs run: {args.n:,} articles ({args.relevant:.0%} relevant), "
        f"{args.workers} worker(s); {machine()}"
    )
    table = Table(
        "what",
        "articles",
        "seconds",
        "articles/s",
        "ratio to run",
        "peak RSS MB",
        "other CPUs",
        "note",
        title=title,
    )
    with tempfile.TemporaryDirectory() as folder:
        source, db = Path(folder) / "corpus.jsonl", Path(folder) / "bench.duckdb"
        source.write_text(
            "".join(json.dumps(a.model_dump(exclude_none=True)) + "\n" for a in corpus.articles),
            encoding="utf-8",
        )
        one = analyzer if args.workers == 1 else None
        runs = []
        stored = measure(
            lambda: runs.append(run_local([source], db, RunOptions(**options), analyzer=one))
        )
        kept = runs[0].run.articles_stored
        note = f"fresh store: {args.n:,} read, {kept:,} stored (the rest repeat a stored text)"
        base = row(table, "run", kept, stored, None, note)
        same = ReanalyzeOptions(scope="all", **options)
        summary = []
        again = measure(lambda: summary.append(reanalyze(db, same, analyzer=one)))
        t = summary[-1].tally
        row(table, "reanalyze --all", t.articles, again, base, f"unchanged: {t.changes} changes")
        touched = degrade(db)
        stale = ReanalyzeOptions(scope="stale", **options)
        fixed = measure(lambda: summary.append(reanalyze(db, stale, analyzer=one)))
        t = summary[-1].tally
        note = (
            f"{touched} event statuses set to unknown: {t.events_changed} changed back, "
            f"{t.incidents_changed} incidents changed, {t.history_rows} history rows"
        )
        row(table, "reanalyze --stale", t.articles, fixed, base, note)
    print_tables([table], args.markdown)


if __name__ == "__main__":
    main()
