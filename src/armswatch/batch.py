"""Analyse many inputs: read, analyse, report bad records and go on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from armswatch.errors import NoInputError
from armswatch.ingest import InputProblem, iter_articles
from armswatch.model import Analysis, Article
from armswatch.pipeline import Analyzer, default_analyzer

ProblemHandler = Callable[[InputProblem], None]


def analyze_paths(
    paths: Sequence[str | Path],
    published: str | None = None,
    on_problem: ProblemHandler | None = None,
    analyzer: Analyzer | None = None,
) -> Iterator[Analysis]:
    """Analyses of every readable article under ``paths``, in input order.

    Bad records are passed to ``on_problem`` and skipped. Raises NoInputError (after
    the whole input was read) when not one article could be read.
    """
    analyzer = analyzer or default_analyzer()
    read = 0
    for item in iter_articles(paths, published=published):
        if isinstance(item, InputProblem):
            if on_problem:
                on_problem(item)
            continue
        analysis = analyze_one(analyzer, item, on_problem)
        if analysis is not None:
            read += 1
            yield analysis
    if read == 0:
        raise NoInputError(f"no article could be read from {', '.join(map(str, paths))}")


def analyze_one(
    analyzer: Analyzer, article: Article, on_problem: ProblemHandler | None
) -> Analysis | None:
    """One article's analysis; an unexpected failure is reported, not raised."""
    try:
        return analyzer.analyze(article)
    except Exception as exc:  # one bad article must not abort a batch of ten thousand
        if on_problem:
            on_problem(
                InputProblem(article.doc_id, f"analysis failed: {type(exc).__name__}: {exc}")
            )
        return None
