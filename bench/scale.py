"""Scale benchmark (issue 4): triage, engines and store on a mostly irrelevant news stream.

    python bench/scale.py [--docs 1000] [--relevant 0.05] [--markdown]

One run measures, on the same corpus (bench/corpus.py) and against baselines measured in
the same run:

1. documents/s and tokens/s of bare spaCy ``nlp.pipe`` (every document fully parsed) and
   of armswatch with triage off and on, on the mix and on relevant-only text;
2. the engines on relevant-only text: one process in-process, ``armswatch.run.local``
   with 1 and 2 workers, ``armswatch.run.dask`` with 2 workers (wall time, start-up
   included);
3. DuckDB latency (p50/p95) of the dashboard's queries over synthetic stored events;

with the peak resident memory (this process and its children) of every row, and how
many CPUs other processes kept busy meanwhile ("other CPUs": on a shared machine, rows
with a high figure are not to be trusted). Rows whose engine or store is not there yet
print "n/a (not available)" (see bench/engines.py); ``--sections`` runs only some parts.
Tokens are input tokens (spaCy's tokenizer on the whole text) for every row, so tokens/s
compare like with like.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil
import spacy
from rich.console import Console
from rich.table import Table

from armswatch.model import Article
from armswatch.pipeline import MODEL_NAME, Analyzer
from corpus import build_corpus, relevant_pool
from engines import DASK, LOCAL, find, find_engine
from parallel import bare_spacy_in_processes
from rss import PeakRss
from store_latency import dashboard_latency

NA = "n/a (not available)"
SECTIONS = ("throughput", "engines", "store")
TITLE = "Throughput (ratio: to the first row of its corpus; engines: to 1 worker)"


@dataclass(frozen=True)
class Measured:
    seconds: float
    rss_mb: float
    other_cpus: float
    """CPUs busy with other processes (not this one or its children), on average."""


@dataclass
class Row:
    section: str
    name: str
    docs: int
    tokens: int
    measured: Measured | None
    baseline: float | None = None  # seconds of the section's baseline row
    note: str = ""

    @property
    def seconds(self) -> float | None:
        return self.measured.seconds if self.measured else None

    def cells(self) -> list[str]:
        m = self.measured
        if m is None:
            return [self.section, self.name, str(self.docs), NA, *[""] * 5, self.note]
        ratio = f"{self.baseline / m.seconds:.2f}×" if self.baseline else "1.00× (base)"
        return [
            self.section,
            self.name,
            str(self.docs),
            f"{m.seconds:.2f}",
            f"{self.docs / m.seconds:.1f}",
            f"{self.tokens / m.seconds:,.0f}",
            ratio,
            f"{m.rss_mb:,.0f}",
            f"{m.other_cpus:.2f}",
            self.note,
        ]


def busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy (not idle, waiting or stolen)."""
    t = psutil.cpu_times()
    return float(sum(t) - t.idle - t.iowait - getattr(t, "steal", 0.0))


def own_cpu_seconds() -> float:
    """CPU time of this process and its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(run: Callable[[], object]) -> Measured:
    """Seconds, peak RSS (MB) of ``run()`` and how busy other processes kept the CPUs."""
    busy, own = busy_cpu_seconds(), own_cpu_seconds()
    with PeakRss() as rss:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    others = (busy_cpu_seconds() - busy) - (own_cpu_seconds() - own)
    return Measured(seconds, rss.mb, max(0.0, others / seconds))


def drain(items: Iterable[object]) -> None:
    for _ in items:
        pass


class Bench:
    """Loaded pipelines and the rows measured so far."""

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.bare = spacy.load(MODEL_NAME)
        self.analyzer = Analyzer()
        self.rows: list[Row] = []

    def tokens(self, articles: Sequence[Article]) -> int:
        return sum(len(doc) for doc in self.bare.tokenizer.pipe(a.text for a in articles))

    def warm_up(self, articles: Sequence[Article]) -> None:
        drain(self.bare.pipe([a.text for a in articles[:8]]))
        drain(self.analyzer.analyze_many(articles[:8]))

    def throughput(self, section: str, articles: Sequence[Article]) -> None:
        """Bare spaCy (the baseline), armswatch with triage off and on."""
        docs, tokens = len(articles), self.tokens(articles)
        texts = [a.text for a in articles]
        bare = measure(lambda: drain(self.bare.pipe(texts, batch_size=self.batch_size)))
        self.rows.append(Row(section, "bare spaCy nlp.pipe", docs, tokens, bare))
        for name, triage in (("armswatch, triage off", False), ("armswatch, triage on", True)):
            analyzer = self.analyzer.with_triage(triage)
            run = lambda a=analyzer: drain(a.analyze_many(articles, self.batch_size))  # noqa: E731
            self.rows.append(Row(section, name, docs, tokens, measure(run), bare.seconds))

    def engines(self, section: str, articles: Sequence[Article], source: Path) -> None:
        """In-process armswatch (analysis only), then the engines end to end (``source``
        → store) as the CLI runs them: local with 1 and 2 workers, Dask with 2; then bare
        spaCy in 1 and 2 processes, the most two processes give on this machine."""
        docs, tokens = len(articles), self.tokens(articles)
        run = lambda: drain(self.analyzer.analyze_many(articles, self.batch_size))  # noqa: E731
        self.rows.append(Row(section, "armswatch in-process", docs, tokens, measure(run)))
        one: float | None = None
        for name, where, workers in (
            ("run.local, 1 worker", LOCAL, 1),
            ("run.local, 2 workers", LOCAL, 2),
            ("run.dask, 2 workers", DASK, 2),
        ):
            engine = find_engine(where)
            if isinstance(engine, str):
                self.rows.append(Row(section, name, docs, tokens, None, note=engine))
                continue
            try:
                took = measure(lambda e=engine, w=workers: e(source, w))
            except Exception as exc:  # an engine in flux must not sink the other rows
                note = f"failed: {type(exc).__name__}: {exc}"
                self.rows.append(Row(section, name, docs, tokens, None, note=note))
                continue
            note = "with model load and store writes" + ("; ratio to 1 worker" if one else "")
            self.rows.append(Row(section, name, docs, tokens, took, one, note))
            one = one or took.seconds
        texts = [a.text for a in articles]
        alone = measure(lambda: bare_spacy_in_processes(texts, 1))
        note = "model load included: what 2 CPUs give here"
        self.rows.append(Row(section, "bare spaCy, 1 process", docs, tokens, alone, note=note))
        pair = measure(lambda: bare_spacy_in_processes(texts, 2))
        two = Row(section, "bare spaCy, 2 processes", docs, tokens, pair, alone.seconds, note)
        self.rows.append(two)


Latency = dict[str, tuple[int, float, float]]
"""Query → runs, p50 ms, p95 ms."""


def measure_latency(events: int) -> tuple[Latency | str, str]:
    """Latency of the dashboard queries (or why the store is not available), and a line
    on DuckDB's memory after them."""
    store = find("armswatch.store.store", "open_store")
    if isinstance(store, str):
        return store, ""
    with tempfile.TemporaryDirectory() as folder:
        measured = dashboard_latency(Path(folder) / "bench.duckdb", events)
    memory = ", ".join(f"{tag} {mb:,.0f} MB" for tag, mb in sorted(measured.memory_mb.items()))
    latency: Latency = {}
    for query, seconds in measured.seconds.items():
        ms = [s * 1000 for s in seconds]
        p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) > 1 else ms[0]
        latency[query] = (len(ms), statistics.median(ms), p95)
    return latency, f"DuckDB memory after the queries: {memory or 'none reported'}"


def latency_table(latency: Latency | str, events: int) -> Table:
    table = Table(title=f"DuckDB: dashboard queries over {events:,} synthetic events")
    for column in ("query", "runs", "p50 ms", "p95 ms", "target p95 ≤ 100 ms"):
        table.add_column(column, justify="left" if column == "query" else "right")
    if isinstance(latency, str):
        table.add_row(NA, "", "", "", latency)
    else:
        for query, (runs, p50, p95) in latency.items():
            table.add_row(query, str(runs), f"{p50:.1f}", f"{p95:.1f}", yes(p95 <= 100))
    return table


def yes(met: bool) -> str:
    return "met" if met else "NOT met"


def throughput_table(rows: list[Row], title: str) -> Table:
    table = Table(title=title)
    columns = ("corpus", "pipeline", "docs", "seconds", "docs/s", "tokens/s", "ratio")
    for column in (*columns, "peak RSS MB", "other CPUs", "note"):
        table.add_column(column, justify="left" if column in {"corpus", "pipeline"} else "right")
    for row in rows:
        table.add_row(*row.cells())
    return table


def targets_table(
    rows: list[Row], latency: Latency | str, mix: str, relevant: str, engines: str
) -> Table:
    def ratio(section: str, name: str) -> float | None:
        row = next((r for r in rows if r.section == section and r.name == name), None)
        if row is None or row.seconds is None or row.baseline is None:
            return None
        return row.baseline / row.seconds

    table = Table(title="Targets")
    for column in ("target", "measured", "status"):
        table.add_column(column)
    for target, measured, goal in (
        ("triage on ≥ 10× bare spaCy, mix", ratio(mix, "armswatch, triage on"), 10.0),
        ("triage on ≥ 0.8× bare, relevant only", ratio(relevant, "armswatch, triage on"), 0.8),
        ("2 processes ≥ 1.8× one", ratio(engines, "run.local, 2 workers"), 1.8),
    ):
        shown = f"{measured:.2f}×" if measured is not None else NA
        ceiling = ratio(engines, "bare spaCy, 2 processes")
        if goal == 1.8 and measured is not None and ceiling is not None:
            shown += f" (bare spaCy: {ceiling:.2f}×)"
        table.add_row(target, shown, yes(measured >= goal) if measured is not None else "")
    if isinstance(latency, str) or not latency:
        table.add_row("dashboard queries p95 ≤ 100 ms", NA, "")
    else:
        slowest = max(p95 for _, _, p95 in latency.values())
        table.add_row("dashboard queries p95 ≤ 100 ms", f"{slowest:.0f} ms", yes(slowest <= 100))
    return table


def triage_summary(analyzer: Analyzer, articles: Sequence[Article], real: set[str]) -> str:
    """How much of the mix triage sends to the parser."""
    triage = analyzer.with_triage(True).triage
    assert triage is not None
    selected = {a.doc_id: triage.select(a.text) for a in articles}
    parsed = [a for a in articles if selected[a.doc_id]]
    false_alarms = sum(1 for a in parsed if a.doc_id not in real)
    chars = sum(end - start for ranges in selected.values() for start, end in ranges)
    total = sum(len(a.text) for a in articles)
    return (
        f"mix: {len(articles)} articles, {len(real)} real; triage parses {len(parsed)} "
        f"({false_alarms} of them filler) and {chars / total:.1%} of the characters"
    )


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    ram = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} CPUs ({model}), {ram:.0f} GiB RAM, Python "
        f"{platform.python_version()}, spaCy {spacy.__version__}, {MODEL_NAME}"
    )


def print_tables(tables: list[Table], markdown: bool) -> None:
    console = Console()
    if not console.is_terminal:
        console.width = 160
    for table in tables:
        if markdown:
            print(markdown_table(table))
        else:
            console.print(table)


def markdown_table(table: Table) -> str:
    """The table as GitHub Markdown (for bench/RESULTS.md)."""
    headers = [str(c.header) for c in table.columns]
    cells = [[str(cell) for cell in column.cells] for column in table.columns]
    lines = [f"**{table.title}**", "", "| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join(" --- " for _ in headers) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in zip(*cells, strict=True)]
    return "\n".join(lines) + "\n"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="articles in the mix")
    parser.add_argument("--relevant", type=float, default=0.05, help="real share of the mix")
    parser.add_argument("--false-alarms", type=float, default=0.1, help="see bench/filler.py")
    parser.add_argument("--engine-repeat", type=int, default=8, help="relevant-only passes")
    parser.add_argument("--events", type=int, default=1_000_000, help="stored events (DuckDB)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    return parser.parse_args()


def run_throughput(bench: Bench, args: argparse.Namespace) -> str:
    """The mix and relevant-only rows; RETURNS what triage did on the mix."""
    corpus = build_corpus(args.docs, args.relevant, false_alarms=args.false_alarms)
    bench.warm_up(corpus.articles)
    bench.throughput(f"{args.relevant:.0%} mix", corpus.articles)
    bench.throughput("relevant only", relevant_pool())
    return triage_summary(bench.analyzer, corpus.articles, corpus.relevant_ids)


def run_engines(bench: Bench, args: argparse.Namespace) -> None:
    repeated = [
        a.model_copy(update={"id": f"{a.doc_id}#{n}", "text": f"{a.text}\n\n({n})"})
        for n in range(args.engine_repeat)
        for a in relevant_pool()
    ]  # distinct texts: the store would skip repeats unparsed
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "relevant.jsonl"
        source.write_text("".join(a.model_dump_json() + "\n" for a in repeated), "utf-8")
        bench.engines(f"relevant ×{args.engine_repeat}", repeated, source)


def main() -> None:
    args = parse_args()
    bench = Bench(args.batch_size)
    load = os.getloadavg()[0]
    summary = run_throughput(bench, args) if "throughput" in args.sections else ""
    if "engines" in args.sections:
        run_engines(bench, args)
    tables = [throughput_table(bench.rows, TITLE)] if bench.rows else []
    latency, memory = measure_latency(args.events) if "store" in args.sections else ({}, "")
    tables += [latency_table(latency, args.events)] if "store" in args.sections else []
    mix, engines = f"{args.relevant:.0%} mix", f"relevant ×{args.engine_repeat}"
    tables.append(targets_table(bench.rows, latency, mix, "relevant only", engines))
    print(machine())
    print(f"load average (1 min) at start {load:.2f}, at end {os.getloadavg()[0]:.2f}")
    print(summary)
    print_tables(tables, args.markdown)
    print(memory)


if __name__ == "__main__":
    main()
