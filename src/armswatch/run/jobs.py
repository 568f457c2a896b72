"""Cut the input into jobs of ``batch_size`` records, skipping stored texts before parsing.

Every text is hashed as it is read; texts already in the store (and repeats inside the
job) are not analysed again, only recorded as seen under their id. What a job carries is
written in one transaction when its analyses come back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from armswatch.ingest import InputProblem
from armswatch.model import Article


class KnownTexts(Protocol):
    """What tells stored texts apart: the store (``Store.known``), or ``NOTHING_STORED``."""

    def known(self, shas: Sequence[str]) -> set[str]: ...


class NothingStored:
    """No store: every text is new (the Dask engine writing Parquet only)."""

    def known(self, shas: Sequence[str]) -> set[str]:
        return set()


NOTHING_STORED = NothingStored()


@dataclass
class InputJob:
    """One batch of input records: to analyse, already stored, unreadable."""

    number: int
    articles: list[Article] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Input records in the job (articles read, stored or not, and bad records)."""
        return len(self.articles) + len(self.skipped) + len(self.problems)


def make_jobs(
    items: Iterable[Article | InputProblem], store: KnownTexts, batch_size: int
) -> Iterator[InputJob]:
    """Jobs of at most ``batch_size`` records, in input order."""
    stream = iter(items)
    number = 0
    while chunk := list(islice(stream, batch_size)):
        number += 1
        yield make_job(number, chunk, store)


def make_job(number: int, chunk: list[Article | InputProblem], store: KnownTexts) -> InputJob:
    job = InputJob(number, problems=[i for i in chunk if isinstance(i, InputProblem)])
    hashed = [(item, item.sha256) for item in chunk if isinstance(item, Article)]
    stored = store.known([sha for _, sha in hashed])
    fresh: set[str] = set()
    for article, sha in hashed:
        if sha in stored or sha in fresh:
            job.skipped.append((article.doc_id, sha))
        else:
            fresh.add(sha)
            job.articles.append(article)
    return job
