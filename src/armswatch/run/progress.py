"""A rich progress bar (count, rate, ETA) on a terminal; nothing in pipes and CI.

The total for the ETA is estimated cheaply before the run: lines of JSON Lines files,
one per ``.txt``/``.html`` file. With stdin, ``.json`` or ``.gz`` inputs it is unknown,
and the bar shows the count and rate only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Say = Callable[[str], None]


def progress_wanted() -> bool:
    """True when stderr is a terminal and the environment is not CI."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "–/s", style="progress.data.speed")


@dataclass
class Ticker:
    """What the run loop sees: advance the bar, say a line above it."""

    advance: Callable[[int], None]
    say: Say


@contextmanager
def progress_bar(
    enabled: bool, total: int | None, say: Say, label: str = "storing"
) -> Iterator[Ticker]:
    """A live bar on stderr when ``enabled``; lines said meanwhile are printed above it."""
    if not enabled:
        yield Ticker(lambda n: None, say)
        return
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("articles", total=total)
        yield Ticker(
            lambda n: progress.advance(task, n),
            lambda line: progress.console.print(line, markup=False),
        )


def estimate_total(sources: Sequence[str | Path]) -> int | None:
    """Records in the inputs, counted cheaply; None when that cannot be known."""
    total = 0
    for source in sources:
        if str(source) == "-":
            return None
        path = Path(source)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            count = _records(file)
            if count is None:
                return None
            total += count
    return total


def _records(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith((".txt", ".html", ".htm")):
        return 1
    if not name.endswith((".jsonl", ".ndjson")):
        return None if name.endswith((".json", ".gz")) else 0
    try:
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return 0
