"""Every ``ARMSWATCH_*`` environment variable, declared once.

``SETTINGS`` is the single list: the code reads values through ``get_setting`` /
``int_setting``, and ``docs/settings.md`` is generated from it (a test keeps the two in
step). Command-line options, where a command has one, win over the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from armswatch.errors import SettingError


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, default (as text) and what it does."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "ARMSWATCH_DB", "armswatch.duckdb", "The DuckDB file of `run`, `query`, `export`, `stats`."
    ),
    Setting(
        "ARMSWATCH_BATCH_SIZE",
        "64",
        "Articles per batch: one batch is analysed by one worker and written in one transaction.",
    ),
    Setting(
        "ARMSWATCH_ARTICLE_BUDGET_S",
        "300",
        "Seconds one long article (parsed in sections) may take; past it the article is "
        "recorded as an AW004 error and the run goes on (0: no limit).",
    ),
    Setting(
        "ARMSWATCH_LOCK_WAIT",
        "30",
        "Seconds a writer (`run`, `load`) or a reader (`serve`, `query` …) waits for the store "
        "while another process holds it, retrying, before it fails with AW041 (0: fail at once).",
    ),
    Setting(
        "ARMSWATCH_WRITER_HOLD_MS",
        "1000",
        "Milliseconds a run holds the store before it lets go between two batches, so that "
        "readers (the dashboard) get their turn (docs/store.md, readers and the writer).",
    ),
    Setting(
        "ARMSWATCH_FUSE_INTERVAL",
        "60",
        "Seconds between two fusions of a run's stored events into incidents (each run also "
        "fuses at its end; 0: after every batch).",
    ),
    Setting("ARMSWATCH_WORKERS", "1", "Analysis processes of `armswatch run` (1: in-process)."),
    Setting(
        "ARMSWATCH_DASK_SCHEDULER",
        "",
        "Dask scheduler (`tcp://HOST:PORT`) of `armswatch run --engine dask` (empty: a local "
        "cluster of `--workers` processes).",
    ),
    Setting(
        "ARMSWATCH_DUCKDB_MEMORY_LIMIT",
        "128MB",
        "DuckDB's buffer pool when writing (`run`, `load`, `incidents --rebuild`, ingest; it "
        "spills to disk beyond it). The store adds what its lookup indexes take in memory "
        "(about 40 bytes per indexed row) when it opens.",
    ),
    Setting(
        "ARMSWATCH_DUCKDB_READ_MEMORY_LIMIT",
        "1GB",
        "DuckDB's memory limit when reading (`serve`, `query`, `export`, `stats`, dossiers): "
        "the lookup indexes a query uses stay in memory (about 200 MB per million events).",
    ),
    Setting("ARMSWATCH_DUCKDB_THREADS", "2", "Threads DuckDB may use for one query."),
    Setting(
        "ARMSWATCH_API_TOKEN",
        "",
        "Bearer token required on every route of `armswatch serve` (empty: no auth, which is "
        "allowed on a loopback address only). Browsers may pass it once as `?token=`.",
    ),
    Setting(
        "ARMSWATCH_API_ALLOWED_HOSTS",
        "",
        "Comma-separated host names `armswatch serve` answers to (the `Host:` header; "
        "`*.example.org` allowed). Empty: the bound address, plus `localhost`, `127.0.0.1` "
        "and `::1` on loopback, so a DNS-rebinding page cannot read the ledger; beyond "
        "loopback (where a token is required) any name.",
    ),
    Setting(
        "ARMSWATCH_INGEST_TOKEN",
        "",
        "Bearer token of `POST /api/ingest` (empty: the ingest endpoint is disabled).",
    ),
    Setting(
        "ARMSWATCH_API_MAX_BODY",
        "2000000",
        "Largest request body `armswatch serve` accepts, in bytes (larger: 413).",
    ),
    Setting(
        "ARMSWATCH_API_MAX_TEXT",
        "100000",
        "Longest article text `POST /api/analyze` and `POST /api/ingest` accept, in characters.",
    ),
    Setting(
        "ARMSWATCH_API_MAX_ARTICLES",
        "200",
        "Most articles one `POST /api/ingest` request may carry.",
    ),
    Setting(
        "ARMSWATCH_API_CACHE_MB",
        "64",
        "Megabytes of read-endpoint answers `armswatch serve` keeps and gives again until the "
        "store changes (any write, by a run or an ingest, makes them stale; 0: no cache).",
    ),
    Setting(
        "ARMSWATCH_API_READERS",
        "2",
        "Requests of one `armswatch serve` process that read the store at the same time; "
        "the others wait their turn, while answers kept in the cache are given at once "
        "(0: no limit).",
    ),
    Setting(
        "ARMSWATCH_PAGE_TABLES",
        "on",
        "on: a writer that changed the store rebuilds its read model (`<store>.pages`, "
        'docs/store.md, "The read model"; about 190 s of CPU and 2.7 GB of memory for 1M '
        "events) when it closes it; off: it leaves it stale and the pages run their own "
        "queries on the store (for a large store fed by small runs).",
    ),
    Setting(
        "ARMSWATCH_API_MAX_LIMIT",
        "500",
        "Largest page size (`limit`) of the list endpoints (CSV downloads: 10× as many rows).",
    ),
    Setting(
        "ARMSWATCH_FETCH_ALLOW_PRIVATE",
        "",
        "1: `armswatch watch` may fetch loopback, private and link-local addresses (tests, "
        "intranets); otherwise such URLs are refused before any connection (SSRF guard).",
    ),
    Setting(
        "ARMSWATCH_FETCH_USER_AGENT",
        "armswatch/0.1 (+https://github.com/armswatch; news monitoring)",
        "The User-Agent of every request `armswatch watch` makes (also the robots.txt agent).",
    ),
    Setting(
        "ARMSWATCH_FETCH_TIMEOUT", "20", "Seconds one fetch may take in all (slow bodies are cut)."
    ),
    Setting(
        "ARMSWATCH_FETCH_MAX_BYTES",
        "5000000",
        "Largest response `armswatch watch` reads, in bytes (streamed: a larger body is cut off).",
    ),
    Setting(
        "ARMSWATCH_FETCH_HOST_DELAY",
        "1.0",
        "Seconds between two requests to the same host (robots.txt `Crawl-delay` may ask more).",
    ),
    Setting(
        "ARMSWATCH_FETCH_ITEMS",
        "50",
        "Most new articles fetched from one source in one watch round (the rest wait a round).",
    ),
    Setting(
        "ARMSWATCH_PUBLIC_URL",
        "http://127.0.0.1:8000",
        "Where analysts open the dashboard (`armswatch serve`): alerts link to incident pages "
        "under it.",
    ),
    Setting(
        "ARMSWATCH_CACHE_DIR",
        "~/.cache/armswatch",
        "Where the validated knowledge base and its tokenised names are cached between runs, "
        "keyed by a hash of the data and the code that reads it (`off`: no cache; start-up "
        "then takes about a second more).",
    ),
    Setting(
        "ARMSWATCH_TEST_SLOW_MS",
        "0",
        "Tests only: sleep this many milliseconds per analysed article (to kill a run mid-way).",
    ),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get_setting(name: str) -> str:
    """The value of a declared setting: the environment, else its default."""
    return os.environ.get(name) or _BY_NAME[name].default


def int_setting(name: str, minimum: int = 0) -> int:
    """A declared setting read as an integer of at least ``minimum``."""
    raw = get_setting(name)
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not an integer") from None
    if value < minimum:
        raise SettingError(f"{name}={value} is below its minimum {minimum}")
    return value
