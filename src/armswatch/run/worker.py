"""Analyse one batch of articles into rows, in the main process or in a worker process.

A worker process loads its own ``Analyzer`` once (``init_worker``) and then turns
batches into rows (``analyze_batch``), so only small, picklable values cross processes.
One article that fails is reported by message; it never fails its batch.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psutil  # type: ignore[import-untyped]

from armswatch.model import Analysis, Article
from armswatch.settings import int_setting
from armswatch.store.rows import Rows, analysis_to_rows

Outcome = Rows | str
"""An article's rows, or why it could not be analysed."""

if TYPE_CHECKING:  # the pipeline (spaCy) is imported only where articles are analysed
    from armswatch.pipeline import Analyzer

_ANALYZER: Analyzer | None = None


@dataclass(frozen=True)
class BatchOutcome:
    """The outcome of each article of a batch (in order), and who made them."""

    outcomes: list[Outcome]
    pid: int
    rss_mb: float


def init_worker(options: Mapping[str, Any]) -> None:
    """Load this process's Analyzer (``options`` are ``Analyzer`` keyword arguments).

    The worker also exits when its parent dies (``kill -9`` of the run): the pool's
    queues would otherwise keep it waiting forever.
    """
    from armswatch.pipeline import Analyzer

    global _ANALYZER
    threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _ANALYZER = Analyzer(**options)


def exit_with_parent(parent: int, every_s: float = 0.5) -> None:
    """Exit this process as soon as it is no longer the child of ``parent``."""
    while os.getppid() == parent:
        time.sleep(every_s)
    os._exit(1)


def analyze_batch(articles: list[Article]) -> BatchOutcome:
    """The worker-process entry point: the batch, analysed by this process's Analyzer."""
    assert _ANALYZER is not None, "init_worker was not called in this process"
    return analyze_with(_ANALYZER, articles)


def analyze_with(analyzer: Analyzer, articles: list[Article]) -> BatchOutcome:
    """Each article's rows (or failure message), in order."""
    slow = int_setting("ARMSWATCH_TEST_SLOW_MS") / 1000
    outcomes: list[Outcome] = []
    fingerprint: str | None = getattr(analyzer, "fingerprint", None)
    for article, analysis in zip(articles, analyses(analyzer, articles), strict=True):
        if slow:
            time.sleep(slow)
        outcomes.append(
            analysis if isinstance(analysis, str) else to_rows(analysis, article, fingerprint)
        )
    return BatchOutcome(outcomes, os.getpid(), rss_mb())


def analyses(analyzer: Analyzer, articles: list[Article]) -> list[Analysis | str]:
    """The batch through ``analyze_many``; if that fails, article by article."""
    try:
        return list(analyzer.analyze_many(articles))
    except Exception:  # find the article that broke the batch; the others are fine
        return [analyze_one(analyzer, article) for article in articles]


def analyze_one(analyzer: Analyzer, article: Article) -> Analysis | str:
    try:
        return analyzer.analyze(article)
    except Exception as exc:  # one bad article must not abort a batch
        return f"analysis failed: {type(exc).__name__}: {exc}"


def to_rows(analysis: Analysis, article: Article, fingerprint: str | None = None) -> Outcome:
    try:
        return analysis_to_rows(analysis, article.text, fingerprint)
    except Exception as exc:  # same: report it, keep the batch
        return f"conversion to rows failed: {type(exc).__name__}: {exc}"


def rss_mb() -> float:
    """This process's resident memory in MiB."""
    return float(psutil.Process().memory_info().rss) / (1 << 20)
