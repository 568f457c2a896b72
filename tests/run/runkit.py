"""Corpora and a stand-in analyzer for the engine tests (tests/run only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from armswatch.model import Analysis, Article
from armswatch.pipeline import doc_record

SUPPLIERS = [
    ("Iran", "Shahed-136 drones"),
    ("North Korea", "artillery shells"),
    ("Belarus", "T-72 tanks"),
    ("China", "machine tools"),
]
RECIPIENTS = ["Russia", "Venezuela", "Syria", "Myanmar"]
MONTHS = ["January", "March", "May", "August", "October"]
REPO = Path(__file__).resolve().parents[2]


def record(i: int, pad: str = "") -> dict[str, str]:
    """A distinct one-article record with a real sentence (and optional padding text)."""
    supplier, weapon = SUPPLIERS[i % 4]
    text = (
        f"Report {i}: {supplier} delivered {weapon} to {RECIPIENTS[i // 4 % 4]} "
        f"in {MONTHS[i % 5]}, officials said on day {i}.{pad}"
    )
    return {"id": f"art-{i}", "published": "2023-11-20", "text": text}


def write_jsonl(path: Path, records: Iterable[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for item in records:
            out.write(json.dumps(item) + "\n")
    return path


class StubAnalyzer:
    """Stands in for ``Analyzer``: no parse, an empty analysis; counts what it sees.

    fail_on (str | None): a word; an article whose text contains it raises.
    """

    def __init__(self, fail_on: str | None = None) -> None:
        self.seen: list[str] = []
        self.fail_on = fail_on

    def analyze(self, article: Article) -> Analysis:
        self.seen.append(article.doc_id)
        if self.fail_on and self.fail_on in article.text:
            raise RuntimeError(f"cannot parse {self.fail_on!r}")
        return Analysis(doc=doc_record(article))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        for article in articles:
            yield self.analyze(article)


def armswatch(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.Popen[str]:
    """``armswatch ARGS`` in a real subprocess (stderr piped, text mode)."""
    return subprocess.Popen(
        [sys.executable, "-m", "armswatch.cli", *args],
        env={**os.environ, "CI": "true", **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        **kw,  # type: ignore[call-overload]
    )
