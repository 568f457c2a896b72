"""``armswatch sources …`` and ``armswatch watch``: thin typer commands over ``armswatch.watch``."""

from __future__ import annotations

import random
import re
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console

from armswatch.errors import ArmswatchError, SourceError

sources_app = typer.Typer(no_args_is_help=True, help="Watched sources: add, list, remove.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOpt = Annotated[
    Path | None, typer.Option("--db", help="The DuckDB store (default: $ARMSWATCH_DB).")
]
_EVERY = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")


def fail(exc: ArmswatchError) -> typer.Exit:
    err.print(f"error: {exc}", markup=False)
    return typer.Exit(code=1)


def db_path(db: Path | None) -> Path:
    from armswatch.settings import get_setting

    return db or Path(get_setting("ARMSWATCH_DB"))


def parse_every(text: str) -> timedelta:
    """``15m``, ``1h``, ``90s``, ``1d`` (a bare number: minutes) as a timedelta.

    >>> parse_every("15m"), parse_every("2h")
    (datetime.timedelta(seconds=900), datetime.timedelta(seconds=7200))
    """
    found = _EVERY.match(text)
    if found is None or int(found.group(1)) == 0:
        raise typer.BadParameter(f"{text!r} is not an interval like 15m, 1h, 90s")
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}[found.group(2)]
    return timedelta(seconds=int(found.group(1)) * unit)


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="A feed, sitemap or page URL, or a local folder.")],
    name: Annotated[str | None, typer.Option(help="A name to show.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="feed, sitemap, page or folder (default: guessed).")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Watch a source (fetched by the next `armswatch watch` round)."""
    from armswatch.store.store import open_store
    from armswatch.watch.sources import add_source

    try:
        with open_store(db_path(db)) as store:
            source = add_source(store.con, url, name, kind)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    typer.echo(f"watching {source.url} ({source.kind})")


@sources_app.command("list")
def sources_list(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Sources and their health: last fetch, status, new items, errors, next due."""
    from rich.table import Table

    from armswatch.store.view import open_view
    from armswatch.watch.tables import SOURCES, Source, select

    try:
        with open_view(db_path(db)) as view:
            rows = select(view.con, SOURCES, "TRUE ORDER BY url")
        found = [Source.model_validate(row) for row in rows]
    except ArmswatchError as exc:
        raise fail(exc) from exc
    if as_json:
        for source in found:
            typer.echo(source.model_dump_json())
        return
    table = Table("source", "kind", "last fetch", "status", "new", "errors", "next due")
    for s in found:
        status = ("paused: " if s.paused else "") + (s.last_status or "never fetched")
        if s.last_error:
            status += f" ({s.last_error})"
        table.add_row(
            s.name or s.url,
            s.kind,
            f"{s.last_fetch:%Y-%m-%d %H:%M}" if s.last_fetch else "-",
            status,
            str(s.new_items),
            str(s.errors),
            f"{s.next_due:%Y-%m-%d %H:%M}" if s.next_due else "now",
        )
    console = Console(highlight=False, soft_wrap=True)
    console.print(table)
    for line in undelivered(db_path(db)):
        console.print(line, markup=False)


def undelivered(db: Path) -> list[str]:
    """One line per channel with alerts not delivered yet, and its last error."""
    from armswatch.store.view import open_view
    from armswatch.watch.alerts import mask

    with open_view(db) as view:
        if "alerts" not in view.tables():
            return []
        rows = view.con.execute(
            "SELECT channel, count(DISTINCT key), max_by(error, created_at) FROM alerts "
            "WHERE sent_at IS NULL GROUP BY channel ORDER BY channel"
        ).fetchall()
    return [
        f"alerts not delivered to {mask(channel)}: {count} (last error: {error or 'none yet'})"
        for channel, count, error in rows
    ]


@sources_app.command("remove")
def sources_remove(
    url: Annotated[str, typer.Argument(help="The source's URL (as `sources list` shows it).")],
    db: DbOpt = None,
) -> None:
    """Stop watching a source (its stored articles and alerts stay)."""
    from armswatch.store.store import open_store
    from armswatch.watch.sources import remove_source

    try:
        with open_store(db_path(db)) as store:
            remove_source(store.con, url)
    except ArmswatchError as exc:
        raise fail(exc) from exc
    typer.echo(f"no longer watching {url}")


def watch_cli(
    once: Annotated[
        bool, typer.Option("--once", help="One round, then exit (cron, timers).")
    ] = False,
    every: Annotated[
        str, typer.Option(help="Interval between rounds and per source: 15m, 1h, 90s.")
    ] = "15m",
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Also fetch this feed/sitemap/page URL (added to sources)."),
    ] = None,
    watchlist: Annotated[
        Path | None,
        typer.Option(help="Watch rules (YAML, see docs/watch.md); default: every new finding."),
    ] = None,
    alert: Annotated[
        list[str] | None,
        typer.Option(
            "--alert",
            help="Where alerts go: an Apprise URL (json://, mailto://, slack:// …), - for JSON "
            "Lines on stdout, or a .jsonl file. Repeatable.",
        ),
    ] = None,
    updates: Annotated[
        bool,
        typer.Option(
            "--updates",
            help="Alert again when an alerted incident gains independent sources or a status "
            "further on (planned → agreed → delivered).",
        ),
    ] = False,
    db: DbOpt = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Allow loopback and private addresses (tests, intranets); also "
            "ARMSWATCH_FETCH_ALLOW_PRIVATE=1.",
        ),
    ] = False,
) -> None:
    """Fetch the due sources, analyse new articles, alert on new findings (once or in a loop)."""
    from armswatch.watch.alerts import check_channel
    from armswatch.watch.round import WatchOptions
    from armswatch.watch.sources import normalise_source
    from armswatch.watch.watchlist import DEFAULT_RULE, load_watchlist

    interval = parse_every(every)
    try:
        rules = tuple(load_watchlist(watchlist)) if watchlist else (DEFAULT_RULE,)
        for url in source or []:
            normalise_source(url)
        channels = tuple(check_channel(c) for c in alert or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    except ArmswatchError as exc:
        raise fail(exc) from exc
    options = WatchOptions(
        sources=tuple(source or []),
        channels=channels,
        rules=rules,
        every=interval,
        allow_private=True if allow_private else None,
        updates=updates,
    )
    if once:
        run_round(db_path(db), options, None)
        return
    watch_loop(db_path(db), options)


def run_round(db: Path, options: object, analyzer: object) -> None:
    from armswatch.watch.round import WatchOptions, watch_round

    assert isinstance(options, WatchOptions)
    terminal = sys.stderr.isatty()
    try:
        if terminal:
            with err.status("watch: fetching and analysing …"):
                report = watch_round(db, options, say=say, analyzer=analyzer)  # type: ignore[arg-type]
        else:
            report = watch_round(db, options, say=say, analyzer=analyzer)  # type: ignore[arg-type]
    except SourceError as exc:
        raise fail(exc) from exc
    except ArmswatchError as exc:
        raise fail(exc) from exc
    say(report.line())
    if report.outcomes and all(o.source.last_status == "error" for o in report.outcomes):
        raise typer.Exit(code=1)  # every source failed: let cron or the timer see it


def say(line: str) -> None:
    err.print(line, markup=False)


def watch_loop(db: Path, options: object) -> None:
    """Rounds every ``options.every`` (with jitter) until SIGTERM or SIGINT, which stop the
    loop after the current round."""
    from armswatch.pipeline import default_analyzer
    from armswatch.watch.round import WatchOptions

    assert isinstance(options, WatchOptions)
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        say("watch: stopping after the current round")
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    analyzer = default_analyzer()
    while not stop.is_set():
        run_round(db, options, analyzer)
        pause = options.every.total_seconds() * random.uniform(0.9, 1.1)
        stop.wait(pause)
    say("watch: stopped")
